"""`factbot retry`: a failed post goes out again once the bot is invited, once, through the ledger.

The real CLI against the fake Slack over HTTP and a real database (SQLite file, and PostgreSQL
when configured); three processes retrying at once still post each failed post once.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections import Counter

import pytest

from bot.cli import main
from bot.schedule.ledger import Ledger
from bot.storage import open_database
from tests.test_post_due import DUE, EVENTS, factbot_env

NOT_IN = "C0CHANTWO"  # the bot is not in this channel until the test invites it
LATER = DUE + dt.timedelta(hours=30)


@pytest.fixture
def world(tmp_path, fake_slack, database_url, monkeypatch):
    """One pass has posted in C0CHANONE and failed (not_in_channel) in C0CHANTWO."""
    fake_slack.ts_base = DUE.timestamp()
    env = factbot_env(tmp_path, fake_slack, database_url)
    for name in ("SLACK_", "FACTBOT_", "DATABASE_URL"):
        for key in [k for k in os.environ if k.startswith(name)]:
            monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    fake_slack.faults.channel_errors[NOT_IN] = "not_in_channel"
    assert main(["post-due", "--now", DUE.isoformat()]) == 0
    fake_slack.reset()
    return env


def failed_keys(database_url) -> list[str]:
    db = open_database(database_url)
    try:
        return sorted(e.key for e in Ledger(db).failures())
    finally:
        db.dispose()


def keys_in(fake_slack, channel) -> Counter:
    return Counter(m.metadata["event_payload"]["key"] for m in fake_slack.messages(channel))


def test_retry_posts_a_failed_post_once_after_the_bot_is_invited(
    world, fake_slack, database_url, capsys
):
    keys = failed_keys(database_url)
    assert len(keys) == len(EVENTS)
    assert main(["retry", keys[0], "--now", LATER.isoformat()]) == 1  # still not in the channel
    assert f"Slack refused {keys[0]} again: not_in_channel" in capsys.readouterr().out
    fake_slack.faults.channel_errors.clear()  # /invite @factbot
    assert main(["retry", keys[0], "--now", LATER.isoformat()]) == 0
    assert f"Posted {keys[0]} in channel {NOT_IN}." in capsys.readouterr().out
    (message,) = fake_slack.messages(NOT_IN)
    assert "Posted 1 day 6 h late (it could not be posted at first)" in message.text
    db = open_database(database_url)
    entry = Ledger(db).get(keys[0])
    db.dispose()
    assert (entry.state, entry.ts, entry.reason) == ("posted", message.ts, None)
    assert main(["retry", keys[0]]) == 1  # already posted: refused, nothing sent
    assert "is posted, not failed: not retried" in capsys.readouterr().out
    assert len(fake_slack.messages(NOT_IN)) == 1


def test_all_failed_retries_each_once_then_finds_nothing(world, fake_slack, database_url, capsys):
    keys = failed_keys(database_url)
    fake_slack.faults.channel_errors.clear()
    assert main(["retry", "--all-failed"]) == 0
    assert keys_in(fake_slack, NOT_IN) == Counter(keys)
    assert fake_slack.messages("C0CHANONE") == []  # the posts that went out are not touched
    assert main(["retry", "--all-failed"]) == 0
    assert "No failed posts to retry." in capsys.readouterr().out
    assert failed_keys(database_url) == []


def test_three_processes_retrying_at_once_post_each_failed_post_once(
    world, fake_slack, database_url
):
    keys = failed_keys(database_url)
    fake_slack.faults.channel_errors.clear()
    cmd = [sys.executable, "-m", "bot", "retry", "--all-failed"]
    procs = [
        subprocess.Popen(cmd, env=world, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    outs = [p.communicate(timeout=60) for p in procs]
    assert all(p.returncode in (0, 1) for p in procs), outs
    assert keys_in(fake_slack, NOT_IN) == Counter(keys)  # each exactly once
    assert failed_keys(database_url) == []


def test_retry_alone_lists_the_failed_keys_and_posts_nothing(
    world, fake_slack, database_url, capsys
):
    assert main(["retry"]) == 0
    out = capsys.readouterr().out
    assert f"Failed posts ({len(EVENTS)})" in out
    for key in failed_keys(database_url):
        assert f"  {key}  (not_in_channel)" in out
    assert fake_slack.messages() == []


def test_unknown_keys_and_bad_usage_are_refused_clearly(world, fake_slack, capsys):
    assert main(["retry", "no|such|key"]) == 1
    assert "No post no|such|key in the posting ledger." in capsys.readouterr().out
    with pytest.raises(SystemExit) as usage:
        main(["retry", "some|key", "--all-failed"])
    assert usage.value.code == 2
    assert "not both" in capsys.readouterr().err
    assert fake_slack.messages() == []


def test_a_mistyped_key_is_refused_before_any_token_is_asked_for(
    world, fake_slack, database_url, monkeypatch, capsys
):
    """On a machine without SLACK_BOT_TOKEN the answer is about the key, as it is with one."""
    monkeypatch.delenv("SLACK_BOT_TOKEN")
    assert main(["retry", "no|such|key"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == ["refused  No post no|such|key in the posting ledger."]
    assert "SLACK_BOT_TOKEN" not in err
    fake_slack.faults.channel_errors.clear()
    monkeypatch.setenv("SLACK_BOT_TOKEN", world["SLACK_BOT_TOKEN"])
    assert main(["retry", "--all-failed"]) == 0
    capsys.readouterr()
    monkeypatch.delenv("SLACK_BOT_TOKEN")
    assert main(["retry", "--all-failed"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == ("No failed posts to retry.\n", "")
    posted = failed_keys_posted(fake_slack)[0]
    assert main(["retry", posted]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"refused  {posted} is posted, not failed: not retried."]
    assert err == ""


def test_a_failed_post_still_needs_the_token_and_the_refusals_come_first(
    world, database_url, monkeypatch, capsys
):
    monkeypatch.delenv("SLACK_BOT_TOKEN")
    key = failed_keys(database_url)[0]
    assert main(["retry", "no|such|key", key]) == 2
    out, err = capsys.readouterr()
    assert out.splitlines() == ["refused  No post no|such|key in the posting ledger."]
    assert "SLACK_BOT_TOKEN" in err
    assert failed_keys(database_url)[0] == key  # nothing was touched


def failed_keys_posted(fake_slack) -> list[str]:
    return sorted(keys_in(fake_slack, NOT_IN))


def test_a_key_that_is_not_utf8_is_echoed_escaped_not_a_traceback(world, tmp_path):
    """The shell passes bytes; Python holds \\xff as a lone surrogate, which a UTF-8 stdout
    refused to print (UnicodeEncodeError)."""
    env = {**os.environ, **world, "PYTHONIOENCODING": "", "LC_ALL": "C.UTF-8"}
    done = subprocess.run(
        [sys.executable.encode(), b"-m", b"bot", b"retry", b"key-\xff"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")[-2000:]
    assert done.returncode == 1
    assert done.stdout.splitlines() == [b"refused  No post key-\\udcff in the posting ledger."]
