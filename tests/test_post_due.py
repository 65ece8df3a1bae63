"""`factbot post-due` as real subprocesses against the fake Slack and a real database.

Three processes run the same instant at once: every due occurrence must reach Slack exactly once.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# 2027-03-14 09:00 in New York (the day clocks spring forward) is 13:00 UTC.
DUE = dt.datetime(2027, 3, 14, 13, 0, tzinfo=dt.UTC)
CHANNELS = ("C0CHANONE", "C0CHANTWO")
EVENTS = {"res-a": 2013, "res-b": 2017, "res-c": 2019}

EVENT_YAML = """\
  - id: {id}
    date: {year}-03-14
    title: Resolution {id} adopted
    kind: resolution
    summary: The Security Council adopted resolution {id}.
    tone: neutral
    topic: test
    sources:
      - title: UN press release
        url: https://press.un.org/
        date: {year}-03-14
"""
SCHEDULE_YAML = """\
  - id: to-{lower}
    type: reminder
    channel: {channel}
    time: "09:00"
    timezone: America/New_York
    events:
      kinds: [resolution]
"""


def write_world(root: Path, channels=CHANNELS) -> tuple[Path, Path]:
    """A three-event fact store and one reminder schedule per channel."""
    facts, schedules = root / "facts", root / "schedules"
    facts.mkdir(parents=True)
    schedules.mkdir(parents=True)
    events = "".join(EVENT_YAML.format(id=i, year=y) for i, y in EVENTS.items())
    (facts / "events.yaml").write_text("events:\n" + events)
    body = "".join(SCHEDULE_YAML.format(channel=c, lower=c.lower()) for c in channels)
    (schedules / "test.yaml").write_text("schedules:\n" + body)
    return facts, schedules


def factbot_env(tmp_path: Path, fake_slack, database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a deployed post-due, pointed at the fake Slack and the test database."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "FACTBOT_")) and k != "DATABASE_URL"
    }
    facts, schedules = write_world(tmp_path / "world")
    env.update(
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_API_URL=fake_slack.api_url,
        DATABASE_URL=database_url,
        FACTBOT_FACTS_DIR=str(facts),
        FACTBOT_SCHEDULES_DIR=str(schedules),
        FACTBOT_DATA_DIR=str(tmp_path / "data"),
        PYTHONPATH=str(REPO),
        **extra,
    )
    return env


def start_post_due(env: dict[str, str], now: dt.datetime) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "bot", "post-due", "--now", now.isoformat()]
    return subprocess.Popen(
        cmd,
        env=env,
        cwd=env["FACTBOT_DATA_DIR"].rsplit("/", 1)[0],
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def finish(proc: subprocess.Popen) -> str:
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    return out


def posted_keys(fake_slack) -> Counter:
    return Counter(m.metadata["event_payload"]["key"] for m in fake_slack.messages())


@pytest.mark.parametrize("rate_limit_every", [None, 3], ids=["no-429", "429-every-3rd"])
def test_concurrent_post_due_posts_every_occurrence_exactly_once(
    tmp_path, fake_slack, database_url, rate_limit_every
):
    fake_slack.ts_base = DUE.timestamp()
    fake_slack.faults.rate_limit_every = rate_limit_every
    fake_slack.faults.delay = 0.15  # slow Slack: the three passes overlap while posting
    env = factbot_env(tmp_path, fake_slack, database_url)
    now = DUE + dt.timedelta(seconds=5)
    procs = [start_post_due(env, now) for _ in range(3)]
    outputs = [finish(p) for p in procs]
    expected = {f"to-{c.lower()}|{e}|2027-03-14|0|{c}" for c in CHANNELS for e in EVENTS}
    assert posted_keys(fake_slack) == Counter({key: 1 for key in expected})
    assert {m.channel for m in fake_slack.messages()} == set(CHANNELS)
    assert sum(int(out.split("posted ")[1].split()[0]) for out in outputs) == len(expected)
    if rate_limit_every:
        assert len(fake_slack.calls_to("chat.postMessage")) > len(expected)  # 429s were retried
    fake_slack.faults.rate_limit_every = None
    again = finish(start_post_due(env, now + dt.timedelta(minutes=1)))
    assert "posted 0 " in again and f"skipped {len(expected)}" in again
    assert sum(posted_keys(fake_slack).values()) == len(expected)


def test_failed_channel_is_reported_and_exit_is_zero(tmp_path, fake_slack):
    fake_slack.faults.channel_errors["C0CHANTWO"] = "not_in_channel"
    env = factbot_env(tmp_path, fake_slack, f"sqlite:///{tmp_path / 'data' / 'f.sqlite3'}")
    out = finish(start_post_due(env, DUE))
    assert "posted 3 (late 0), failed 3" in out
    assert out.count(": not_in_channel") == 3
    assert {m.channel for m in fake_slack.messages()} == {"C0CHANONE"}


def test_missing_bot_token_exits_2_saying_where_to_get_it(tmp_path, fake_slack):
    env = factbot_env(tmp_path, fake_slack, f"sqlite:///{tmp_path / 'x.sqlite3'}")
    del env["SLACK_BOT_TOKEN"]
    proc = start_post_due(env, DUE)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert "SLACK_BOT_TOKEN" in err and "OAuth & Permissions" in err
    assert fake_slack.calls == []


def test_bad_now_is_a_usage_error(tmp_path, fake_slack):
    env = factbot_env(tmp_path, fake_slack, f"sqlite:///{tmp_path / 'x.sqlite3'}")
    cmd = [sys.executable, "-m", "bot", "post-due", "--now", "next tuesday"]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "not an ISO 8601 date-time" in proc.stderr
