"""`factbot serve`: refuses to start without its settings; serves HTTP and reloads on SIGHUP."""

import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from bot.cli import main
from bot.commands.serve import make_http_server
from tests.slackreq import bot_env, command_body, get, post_chunked, signed_post, write_store

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


class Served:
    """A `factbot serve` subprocess: its port comes from --port-file, its stderr goes to a file."""

    def __init__(self, process, port_file, log_file):
        self.process, self.port_file, self.log_file = process, port_file, log_file

    def url(self, timeout: float = 30) -> str:
        """Wait until the server has written its port file; its base URL."""
        deadline = time.monotonic() + timeout
        while not self.port_file.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"server did not start:\n{self.log()}")
            time.sleep(0.02)
        return f"http://127.0.0.1:{int(self.port_file.read_text())}"

    def log(self) -> str:
        """What the server wrote to stderr (its last 4,000 characters)."""
        return self.log_file.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        """Terminate the server and wait for it."""
        self.process.terminate()
        self.process.wait(timeout=10)


def start_serve(fake_slack, tmp_path, *flags) -> Served:
    """`factbot serve` in a subprocess on a free port, with the test store and the fake Slack."""
    write_store(tmp_path / "facts")
    (tmp_path / "schedules").mkdir()
    env = {**os.environ, **bot_env(fake_slack, tmp_path), "PORT": "0"}
    env["FACTBOT_SCHEDULES_DIR"] = str(tmp_path / "schedules")
    env.pop("SLACK_APP_TOKEN", None)
    port_file, log_file = tmp_path / "port", tmp_path / "serve.log"
    with log_file.open("w") as log:  # a file, not a pipe: a chatty server never blocks on it
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bot",
                "serve",
                "--host",
                "127.0.0.1",
                "--port-file",
                str(port_file),
                *flags,
            ],
            env=env,
            stderr=log,
            cwd=tmp_path,
        )
    return Served(process, port_file, log_file)


def test_serve_with_the_scheduler_starts_and_answers(fake_slack, tmp_path):
    served = start_serve(fake_slack, tmp_path)
    try:
        assert get(served.url() + "/healthz").json()["ok"] is True
        assert served.process.poll() is None
    finally:
        served.stop()


def test_serve_http_answers_signed_commands_and_reloads_on_sighup(fake_slack, tmp_path):
    served = start_serve(fake_slack, tmp_path, "--no-scheduler")
    try:
        url = served.url()
        assert get(url + "/healthz").json()["facts"] == 2
        body = command_body("/fact", "lighthouses testland", fake_slack.response_url())
        reply = signed_post(url + "/slack/events", body)
        assert "12* lighthouses" in json.loads(reply.body)["blocks"][0]["text"]["text"]
        # Bolt does not check the signature again: the WSGI layer's check is the one that counts.
        assert signed_post(url + "/slack/events", body, secret="wrong").status == 401
        facts = tmp_path / "facts" / "testland.yaml"
        facts.write_text(facts.read_text().replace("*12*", "*13*"))
        served.process.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 20
        while get(url + "/healthz").json()["store_version"] < 2:
            assert time.monotonic() < deadline, "SIGHUP did not reload the store"
        assert "13* lighthouses" in signed_post(url + "/slack/events", body).body
        assert "listening on http://127.0.0.1:" in served.log()  # and still says so for people
    finally:
        served.stop()


def test_serve_refuses_a_chunked_body_with_411_as_gunicorn_does(fake_slack, tmp_path):
    """wsgiref cannot decode a chunked body: a signed one got 401 here and 200 under gunicorn."""
    served = start_serve(fake_slack, tmp_path, "--no-scheduler")
    try:
        url = served.url()
        body = command_body("/fact", "lighthouses testland", fake_slack.response_url())
        assert post_chunked(url, body.encode()).status == 411
        assert "12* lighthouses" in signed_post(url + "/slack/events", body).body  # still serving
        served.stop()
        log = served.log()
        assert "refused POST /slack/events (chunked): no Content-Length" in log
        assert "chunked bytes" not in log
    finally:
        served.stop()


def test_the_http_server_queues_a_burst_of_connections():
    # Nothing accepts while the burst arrives, as when every thread is busy: with wsgiref's
    # backlog of 5 the kernel drops the SYNs beyond it and clients wait a second to retry.
    server = make_http_server(lambda environ, start_response: [], "127.0.0.1", 0)
    connections = []
    try:
        for _ in range(100):
            connections.append(socket.create_connection(("127.0.0.1", server.server_port), 0.5))
    finally:
        for conn in connections:
            conn.close()
        server.server_close()
    assert len(connections) == 100
