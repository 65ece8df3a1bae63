"""No blind re-send: a Slack call whose answer is lost "may have landed" and is never sent again.

The fake Slack acts on the request (records it, posts the message) and then closes the socket
without answering, over real HTTP on 127.0.0.1, as a connection reset after Slack did the work.
slack_sdk's default ConnectionErrorRetryHandler would send such a request a second time.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from bot.outcome import Outcome
from bot.schedule.ledger import Ledger
from bot.schedule.posting import run_pass
from bot.settings import Settings
from bot.slack import delivery
from bot.slack.poster import slack_poster
from bot.storage import open_database
from tests.slackreq import bot_env, running_bot
from tests.test_app_actions import button
from tests.test_posting import SPRING_DUE, STORE, Sleeps, schedule

TODAY = dt.date(2024, 6, 20)


@pytest.fixture
def bot(fake_slack, tmp_path):
    with running_bot(fake_slack, tmp_path, TODAY) as bot:
        yield bot


def in_channel(calls) -> list:
    return [c for c in calls if c.body.get("response_type") == "in_channel"]


def test_a_share_whose_answer_is_lost_posts_once_and_the_user_is_told(bot):
    value = button(bot.command("/fact", "lighthouses testland").json(), "fact_share")
    bot.fake.faults.drop_answers["response_url:lost"] = 1
    assert bot.click("fact_share", value, name="lost").status == 200
    calls = bot.fake.calls_to("response_url:lost")
    assert len(in_channel(calls)) == 1  # sent once, not re-sent after the dropped connection
    told = [c.body for c in calls if c.body.get("response_type") == "ephemeral"]
    assert len(told) == 1
    assert "may have been posted" in told[0]["text"]
    assert "Check the channel before sharing again" in told[0]["text"]
    assert not any(c.body.get("delete_original") for c in calls)  # the private copy stays
    bot.click("fact_share", value, name="lost")  # clicking again does not post it either
    assert len(in_channel(bot.fake.calls_to("response_url:lost"))) == 1


def test_a_lost_next_match_is_not_re_sent(bot):
    value = button(bot.command("/fact", "testland lighthouses lamps").json(), "fact_next")
    bot.fake.faults.drop_answers["response_url:next"] = 1
    assert bot.click("fact_next", value, name="next").status == 200
    calls = bot.fake.calls_to("response_url:next")
    assert [c.body.get("replace_original") for c in calls].count(True) == 1


def test_a_lost_views_publish_is_not_re_sent(bot):
    bot.fake.faults.drop_answers["views.publish"] = 1
    assert bot.event({"type": "app_home_opened", "user": "U0USER01", "tab": "home"}).status == 200
    assert len(bot.fake.calls_to("views.publish")) == 1


def test_a_scheduled_post_whose_answer_is_lost_is_found_in_history_not_re_sent(
    fake_slack, tmp_path
):
    fake_slack.ts_base = SPRING_DUE.timestamp()
    settings = Settings.from_env(bot_env(fake_slack, tmp_path))
    db = open_database(settings.database_url)
    fake_slack.faults.drop_answers["chat.postMessage"] = 1
    report = run_pass(db, [schedule()], STORE, slack_poster(settings), SPRING_DUE, sleep=Sleeps())
    keys = Counter(m.metadata["event_payload"]["key"] for m in fake_slack.messages())
    assert set(keys.values()) == {1} and len(keys) == 2  # each post once, the dropped one too
    assert set(report.posted) == set(keys)
    assert {Ledger(db).get(k).ts for k in keys} == {m.ts for m in fake_slack.messages()}
    db.dispose()


def test_outcomes_of_a_lost_answer_a_refusal_and_an_unreachable_server(fake_slack):
    fake_slack.faults.drop_answers["response_url:a"] = 1
    assert delivery.send_response(fake_slack.response_url("a"), {"text": "x"}).outcome is (
        Outcome.MAY_HAVE_LANDED
    )
    fake_slack.faults.response_url_status["b"] = 404
    refused = delivery.send_response(fake_slack.response_url("b"), {"text": "x"})
    assert refused.outcome is Outcome.NOT_LANDED
    assert delivery.send_response(fake_slack.response_url("c"), {"text": "x"}).landed
    assert [c.method for c in fake_slack.calls] == [f"response_url:{n}" for n in "abc"]
    closed = f"http://127.0.0.1:{unused_port()}/response/x"
    assert delivery.send_response(closed, {"text": "x"}).outcome is Outcome.NOT_LANDED


def unused_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
