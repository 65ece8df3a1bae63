"""The Procfile's web process: `gunicorn bot.web:app` starts from the environment alone."""

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.slackreq import (
    bot_env,
    command_body,
    get,
    post_chunked,
    signed_post,
    write_store,
)

GUNICORN = shutil.which("gunicorn") or str(Path(sys.executable).parent / "gunicorn")


def test_procfile_declares_web_and_clock():
    procfile = (Path(__file__).parent.parent / "Procfile").read_text()
    assert "web: gunicorn --config python:bot.gunicorn_conf bot.web:app" in procfile
    assert "clock: python -m bot clock" in procfile


def first_get(url: str, process, deadline: float):
    """GET `url` once a worker has booted (the socket listens from the start; requests queue)."""
    while True:
        try:
            return get(url)
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@pytest.mark.skipif(not Path(GUNICORN).exists(), reason="gunicorn is not installed")
def test_gunicorn_serves_the_module_app(fake_slack, tmp_path):
    write_store(tmp_path / "facts")
    env = {**os.environ, **bot_env(fake_slack, tmp_path)}
    env.pop("SLACK_APP_TOKEN", None)
    # The test opens the listening socket and hands it over, so it knows the port without
    # reading gunicorn's log.
    listener = socket.create_server(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    fd = listener.fileno()
    bind = ["--bind", f"fd://{fd}", "--workers", "1", "--threads", "2"]
    with (tmp_path / "gunicorn.log").open("w") as log:
        process = subprocess.Popen(
            [GUNICORN, "bot.web:app", *bind], env=env, stderr=log, cwd=tmp_path, pass_fds=[fd]
        )
    listener.close()  # gunicorn holds its own copy
    try:
        health = first_get(url + "/healthz", process, time.monotonic() + 30)
        assert health.json()["facts"] == 2, (tmp_path / "gunicorn.log").read_text()[-4000:]
        body = command_body("/fact", "lighthouses testland", fake_slack.response_url())
        assert "12* lighthouses" in signed_post(url + "/slack/events", body).body
        forged = signed_post(url + "/slack/events", body, secret="wrong")
        assert forged.status == 401
        # Chunked, even signed: 411 Length Required, unread, as under `factbot serve` (a large
        # chunked body gets the same answer: tests/test_web_auth.py, without a socket to fill).
        assert post_chunked(url, body.encode()).status == 411
        assert "12* lighthouses" in signed_post(url + "/slack/events", body).body
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_a_threaded_worker_starts_all_its_request_threads_before_it_accepts():
    """gunicorn's gthread pool starts threads as requests arrive: the first requests of a fresh
    worker would each pay for one. The hook starts them all first."""
    from concurrent.futures import ThreadPoolExecutor
    from types import SimpleNamespace

    from bot.gunicorn_conf import post_worker_init

    pool = ThreadPoolExecutor(max_workers=4)
    before = threading.active_count()
    try:
        post_worker_init(SimpleNamespace(tpool=pool, cfg=SimpleNamespace(threads=4)))
        assert threading.active_count() - before == 4
    finally:
        pool.shutdown()
    post_worker_init(SimpleNamespace(cfg=SimpleNamespace(threads=4)))  # a sync worker: nothing
