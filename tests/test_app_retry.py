"""The admins' Retry button in the App Home, end to end: signed clicks, real ledger, fake Slack.

Failure rows come from a real posting pass against a real SQLite ledger (never hand-built), the
button is the one the published view carries, and only FACTBOT_ADMINS may press it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re

import pytest

from bot.schedule.ledger import Ledger
from bot.schedule.load import load_schedules
from bot.schedule.posting import run_pass
from bot.slack.poster import slack_poster
from tests.slackreq import action_body, running_bot, signed_post

TODAY = dt.date(2024, 7, 1)  # Testland founding day (2014-07-01): its 10th anniversary
NOW = dt.datetime(2024, 7, 1, 12, 0, tzinfo=dt.UTC)
ADMIN, USER = "U0ADMIN1", "U0USER01"
CHANNEL = "C0NOTINCH"
SCHEDULE = f"""\
schedules:
  - id: founding-day
    type: reminder
    channel: {CHANNEL}
    time: "09:00"
    timezone: UTC
    events:
      ids: [testland-founding]
"""


@pytest.fixture
def bot(fake_slack, tmp_path):
    (tmp_path / "schedules").mkdir()
    (tmp_path / "schedules" / "testland.yaml").write_text(SCHEDULE, encoding="utf-8")
    env = {"FACTBOT_SCHEDULES_DIR": str(tmp_path / "schedules")}
    with running_bot(fake_slack, tmp_path, TODAY, now=NOW, env=env) as bot:
        services = bot.web.services
        store = services.live.current.store
        schedules, _ = load_schedules(services.settings.schedules_dir, store)
        fake_slack.faults.channel_errors[CHANNEL] = "not_in_channel"
        poster = slack_poster(services.settings)
        report = run_pass(services.db, schedules, store, poster, NOW.replace(hour=9, second=5))
        assert [reason for _, reason in report.failed] == ["not_in_channel"]
        fake_slack.faults.channel_errors.clear()  # then someone types /invite @factbot
        fake_slack.reset()
        yield bot


def published(fake, user: str) -> dict:
    view = [c for c in fake.calls_to("views.publish") if c.body["user_id"] == user][-1].body["view"]
    return json.loads(view) if isinstance(view, str) else view


def retry_buttons(view: dict) -> list[str]:
    accessories = [b.get("accessory", {}) for b in view["blocks"]]
    return [a["value"] for a in accessories if a.get("action_id") == "post_retry"]


def click_retry(bot, user: str, key: str):
    """A block_actions payload as Slack sends it for a button in a Home tab (no response_url)."""
    payload = {
        "type": "block_actions",
        "team": {"id": "T0TEAM001"},
        "user": {"id": user, "team_id": "T0TEAM001"},
        "api_app_id": "A0APP001",
        "container": {"type": "view", "view_id": "V0FAKE"},
        "view": {"id": "V0FAKE", "type": "home"},
        "trigger_id": "1.2.3",
        "actions": [
            {
                "type": "button",
                "action_id": "post_retry",
                "block_id": "f",
                "value": key,
                "action_ts": "1.1",
            }
        ],
    }
    return signed_post(bot.events_url, action_body(payload))


def open_home(bot, user: str) -> dict:
    assert bot.event({"type": "app_home_opened", "user": user, "tab": "home"}).status == 200
    return published(bot.fake, user)


def test_an_admin_retries_a_failed_post_once_from_the_home_tab(bot):
    view = open_home(bot, ADMIN)
    text = json.dumps(view)
    assert "due 2024-07-01 09:00 UTC in <#C0NOTINCH>" in text and "not_in_channel" in text
    (key,) = retry_buttons(view)
    assert click_retry(bot, ADMIN, key).status == 200
    assert click_retry(bot, ADMIN, key).status == 200  # a double click posts nothing more
    (message,) = bot.fake.messages(CHANNEL)
    assert "Testland founding day" in message.text
    assert Ledger(bot.web.services.db).get(key).ts == message.ts
    notices = [
        json.dumps(
            json.loads(c.body["view"]) if isinstance(c.body["view"], str) else c.body["view"]
        )
        for c in bot.fake.calls_to("views.publish")
    ]
    assert f"Posted {key} in channel {CHANNEL}." in notices[-2]
    assert "is posted, not failed: not retried" in notices[-1]
    assert retry_buttons(published(bot.fake, ADMIN)) == []


def test_only_admins_may_retry(bot):
    (key,) = retry_buttons(open_home(bot, ADMIN))
    assert click_retry(bot, USER, key).status == 200
    assert bot.fake.messages() == []
    assert Ledger(bot.web.services.db).get(key).state == "failed"
    view = published(bot.fake, USER)
    assert "Only factbot admins (FACTBOT_ADMINS) can retry posts." in json.dumps(view)
    assert "posting failures" not in json.dumps(view)


UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


@pytest.mark.parametrize(
    "value",
    [
        "to-x|\u202eevil\u202c|\x1b[2J\n2024-07-01 ERROR forged line",  # short: retried, refused
        "k\u2067" * 199 + "k",  # 400 characters: the longest value tried as a key
        "\x1b[31m" + "x" * 100_000,  # not a key factbot made: refused unread
    ],
)
def test_a_retry_value_reaches_the_log_bounded_and_without_control_characters(bot, caplog, value):
    with caplog.at_level(logging.INFO, logger="bot.slack.retries"):
        assert click_retry(bot, ADMIN, value).status == 200
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.slack.retries"]
    assert lines, "the press is logged"
    for line in lines:
        assert not UNSEEN.search(line), repr(line)
        assert len(line) < 300, len(line)
    assert bot.fake.messages() == []
