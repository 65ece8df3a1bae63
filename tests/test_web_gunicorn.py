"""The Procfile's web process: `gunicorn bot.web:app` starts from the environment alone."""

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.slackreq import bot_env, command_body, get, signed_post, write_store

GUNICORN = shutil.which("gunicorn") or str(Path(sys.executable).parent / "gunicorn")


def test_procfile_declares_web_and_clock():
    procfile = (Path(__file__).parent.parent / "Procfile").read_text()
    assert "web: gunicorn bot.web:app --bind 0.0.0.0:$PORT --workers 2 --threads 4" in procfile
    assert "clock: factbot clock" in procfile


@pytest.mark.skipif(not Path(GUNICORN).exists(), reason="gunicorn is not installed")
def test_gunicorn_serves_the_module_app(fake_slack, tmp_path):
    write_store(tmp_path / "facts")
    env = {**os.environ, **bot_env(fake_slack, tmp_path)}
    env.pop("SLACK_APP_TOKEN", None)
    process = subprocess.Popen(
        [GUNICORN, "bot.web:app", "--bind", "127.0.0.1:0", "--workers", "1", "--threads", "2"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    try:
        url = None
        deadline = time.monotonic() + 30
        while url is None and time.monotonic() < deadline:
            line = process.stderr.readline()
            found = re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", line)
            url = found.group(1) if found else None
        assert url, "gunicorn did not start"
        assert get(url + "/healthz").json()["facts"] == 2
        body = command_body("/fact", "lighthouses testland", fake_slack.response_url())
        assert "12* lighthouses" in signed_post(url + "/slack/events", body).body
        forged = signed_post(url + "/slack/events", body, secret="wrong")
        assert forged.status == 401
    finally:
        process.terminate()
        process.wait(timeout=20)
        process.stderr.close()
