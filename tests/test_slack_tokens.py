"""A Slack token that Slack refuses, or of the wrong kind, stops `serve`, `clock` and `post-due`
at start with one clear line and exit 2: no traceback, no post recorded as failed."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from tests.fakeslack import INVALID_APP_TOKEN, INVALID_TOKEN
from tests.slackreq import bot_env, write_store
from tests.test_post_due import DUE, factbot_env, posted_keys, start_post_due

SLACK_VARS = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN")


def run_factbot(argv, env, cwd, timeout=60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *argv],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def world_env(fake_slack, tmp_path, **tokens) -> dict:
    write_store(tmp_path / "facts")
    (tmp_path / "schedules").mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in SLACK_VARS}
    env.update(bot_env(fake_slack, tmp_path), PORT="0")
    env["FACTBOT_SCHEDULES_DIR"] = str(tmp_path / "schedules")
    env.update(tokens)
    return {k: v for k, v in env.items() if v is not None}


def assert_one_clear_line(done, says: str, secret: str) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and says in done.stderr
    assert secret not in done.stderr  # the token itself is never shown
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) <= 2, done.stderr  # the line, and at most where to get the right token


@pytest.mark.parametrize(
    ("argv", "tokens", "says", "secret"),
    [
        (["serve"], {"SLACK_BOT_TOKEN": INVALID_TOKEN}, "refused SLACK_BOT_TOKEN", INVALID_TOKEN),
        (
            ["serve"],
            {"SLACK_APP_TOKEN": INVALID_APP_TOKEN},
            "Slack refused SLACK_APP_TOKEN (invalid_auth)",
            "xapp-invalid",
        ),
        (
            ["serve"],
            {"SLACK_APP_TOKEN": "xoxb-1234-not-an-app-token"},
            "SLACK_APP_TOKEN starts with 'xoxb-', not 'xapp-'",
            "not-an-app-token",
        ),
        (
            ["serve", "--no-scheduler"],
            {"SLACK_BOT_TOKEN": "xapp-1-A0-secretish"},
            "SLACK_BOT_TOKEN starts with 'xapp-', not 'xoxb-'",
            "secretish",
        ),
        (["clock"], {"SLACK_BOT_TOKEN": INVALID_TOKEN}, "refused SLACK_BOT_TOKEN", INVALID_TOKEN),
        (
            ["post-due"],
            {"SLACK_BOT_TOKEN": "pasted-the-signing-secret"},
            "SLACK_BOT_TOKEN does not start with 'xoxb-'",
            "pasted",
        ),
    ],
    ids=["serve-http", "serve-socket", "app-token-is-a-bot-token", "bot-token-is-an-app-token",
         "clock", "post-due-shape"],
)  # fmt: skip
def test_a_refused_or_misplaced_token_is_one_line_and_exit_2(
    fake_slack, tmp_path, argv, tokens, says, secret
):
    done = run_factbot(argv, world_env(fake_slack, tmp_path, **tokens), tmp_path)
    assert_one_clear_line(done, says, secret)
    assert not fake_slack.calls_to("chat.postMessage")


def test_post_due_with_a_refused_token_posts_nothing_and_loses_nothing(tmp_path, fake_slack):
    fake_slack.ts_base = DUE.timestamp()
    env = factbot_env(tmp_path, fake_slack, f"sqlite:///{tmp_path / 'data' / 'f.sqlite3'}")
    env["SLACK_BOT_TOKEN"] = INVALID_TOKEN
    refused = start_post_due(env, DUE)
    out, err = refused.communicate(timeout=60)
    assert refused.returncode == 2 and "Slack refused SLACK_BOT_TOKEN (invalid_auth)" in err
    assert "Traceback" not in err and not fake_slack.messages()
    # Nothing was recorded as failed: once the token is fixed, the posts go out.
    env["SLACK_BOT_TOKEN"] = "xoxb-test"
    fixed = start_post_due(env, DUE + dt.timedelta(minutes=1))
    out, err = fixed.communicate(timeout=60)
    assert fixed.returncode == 0, err
    assert "failed 0" in out and sum(posted_keys(fake_slack).values()) == 6


def test_slack_unreachable_at_start_is_one_line_and_exit_3(tmp_path, fake_slack):
    env = world_env(fake_slack, tmp_path, SLACK_API_URL="http://127.0.0.1:1/api/")
    done = run_factbot(["post-due"], env, tmp_path)
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr and "cannot reach Slack" in done.stderr
