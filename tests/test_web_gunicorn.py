"""The Procfile's web process: `gunicorn bot.web:app` starts from the environment alone."""

import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from bot.web import MAX_BODY_BYTES
from tests.slackreq import (
    bot_env,
    command_body,
    get,
    signature_headers,
    signed_post,
    write_store,
)

GUNICORN = shutil.which("gunicorn") or str(Path(sys.executable).parent / "gunicorn")


def test_procfile_declares_web_and_clock():
    procfile = (Path(__file__).parent.parent / "Procfile").read_text()
    assert "web: gunicorn --config python:bot.gunicorn_conf bot.web:app" in procfile
    assert "clock: python -m bot clock" in procfile


def post_chunked(url: str, headers: dict, body: bytes) -> int:
    """POST `body` with chunked transfer encoding (no Content-Length); the status."""
    address = urlparse(url)
    conn = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        chunks = (body[i : i + 65536] for i in range(0, len(body), 65536))
        conn.request("POST", "/slack/events", chunks, headers, encode_chunked=True)
        return conn.getresponse().status
    finally:
        conn.close()


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
        # Just over the limit, so the unread rest fits in the socket buffers and the client reads
        # the answer instead of a reset when gunicorn closes the connection.
        over = b"x" * (MAX_BODY_BYTES + 4096)
        assert post_chunked(url, signature_headers(over), over) == 413
    finally:
        process.terminate()
        process.wait(timeout=20)
