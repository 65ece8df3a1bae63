"""`factbot serve`: refuses to start without its settings; serves HTTP and reloads on SIGHUP."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from bot.cli import main
from tests.slackreq import bot_env, command_body, get, signed_post, write_store

SLACK_VARS = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN")


@pytest.fixture
def no_slack_env(monkeypatch):
    for key in SLACK_VARS:
        monkeypatch.delenv(key, raising=False)


def test_serve_without_env_exits_2_naming_every_missing_variable(no_slack_env, capsys):
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "SLACK_BOT_TOKEN" in err and "SLACK_SIGNING_SECRET" in err
    assert "OAuth & Permissions" in err  # and says where to get it
    assert "SLACK_APP_TOKEN" not in err  # HTTP mode does not need it


def test_socket_mode_needs_the_bot_token_not_the_signing_secret(no_slack_env, monkeypatch, capsys):
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-test")
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "SLACK_BOT_TOKEN" in err
    assert "SLACK_SIGNING_SECRET" not in err


def test_serve_command_line_without_env_exits_2(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in SLACK_VARS}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "serve"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "SLACK_BOT_TOKEN" in done.stderr and "SLACK_SIGNING_SECRET" in done.stderr
    assert "Traceback" not in done.stderr


def wait_for_port(process, deadline: float) -> int:
    """Read the server's stderr until it says where it listens."""
    lines = []
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        lines.append(line)
        if "listening on http://" in line:
            return int(line.rsplit(":", 1)[1].split("/")[0])
    raise AssertionError("server did not start:\n" + "".join(lines))


def first_get(process, url: str):
    """GET `url` from a server that said it listens; if it cannot be reached, say why."""
    deadline = time.monotonic() + 5
    while True:
        try:
            return get(url)
        except OSError as exc:
            if process.poll() is not None or time.monotonic() > deadline:
                process.terminate()
                rest = process.stderr.read()[-4000:]
                raise AssertionError(
                    f"server unreachable ({exc}); exit code {process.poll()}; stderr:\n{rest}"
                ) from exc
            time.sleep(0.05)


def start_serve(fake_slack, tmp_path, *flags):
    """`factbot serve` in a subprocess on a free port, with the test store and the fake Slack."""
    write_store(tmp_path / "facts")
    (tmp_path / "schedules").mkdir()
    env = {**os.environ, **bot_env(fake_slack, tmp_path), "PORT": "0"}
    env["FACTBOT_SCHEDULES_DIR"] = str(tmp_path / "schedules")
    env.pop("SLACK_APP_TOKEN", None)
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", *flags],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )


def test_serve_with_the_scheduler_starts_and_answers(fake_slack, tmp_path):
    process = start_serve(fake_slack, tmp_path)
    try:
        url = f"http://127.0.0.1:{wait_for_port(process, time.monotonic() + 30)}"
        assert first_get(process, url + "/healthz").json()["ok"] is True
        assert process.poll() is None
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()


def test_serve_http_answers_signed_commands_and_reloads_on_sighup(fake_slack, tmp_path):
    process = start_serve(fake_slack, tmp_path, "--no-scheduler")
    try:
        url = f"http://127.0.0.1:{wait_for_port(process, time.monotonic() + 30)}"
        assert first_get(process, url + "/healthz").json()["facts"] == 2
        body = command_body("/fact", "lighthouses testland", fake_slack.response_url())
        reply = signed_post(url + "/slack/events", body)
        assert "12* lighthouses" in json.loads(reply.body)["blocks"][0]["text"]["text"]
        facts = tmp_path / "facts" / "testland.yaml"
        facts.write_text(facts.read_text().replace("*12*", "*13*"))
        process.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 20
        while get(url + "/healthz").json()["store_version"] < 2:
            assert time.monotonic() < deadline, "SIGHUP did not reload the store"
        assert "13* lighthouses" in signed_post(url + "/slack/events", body).body
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()
