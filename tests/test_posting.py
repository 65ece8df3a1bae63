"""The posting policy against a real database and the fake Slack Web API over HTTP.

Time is always the `now` passed to `run_pass`; nothing sleeps (429 waits go to a recorder).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from slack_sdk import WebClient

from bot.facts.model import Event, EventDate, Location, Source, Store
from bot.schedule.ledger import Ledger
from bot.schedule.model import EventFilter, Schedule
from bot.schedule.occurrences import occurrences_between
from bot.schedule.posting import metadata_for, run_pass
from bot.slack.poster import SlackPoster

UTC = dt.UTC
NY = "America/New_York"
# 2027-03-14 is the day New York springs forward; 09:00 EDT is 13:00 UTC.
SPRING_DUE = dt.datetime(2027, 3, 14, 13, 0, tzinfo=UTC)
# 2027-11-07 is the day it falls back; 09:00 EST is 14:00 UTC.
FALL_DUE = dt.datetime(2027, 11, 7, 14, 0, tzinfo=UTC)


def event(event_id: str, day: dt.date, title: str = "") -> Event:
    return Event(
        id=event_id,
        date=EventDate(day.year, day.month, day.day),
        title=title or event_id.replace("-", " ").title(),
        kind="resolution",
        summary="A test event.",
        tone="neutral",
        sources=(Source(title="UN", url="https://un.org/"),),
        topic="test",
        location=Location("facts/test.yaml"),
    )


def store_of(*events: Event) -> Store:
    return Store(facts={}, events={e.id: e for e in events}, talking_points={})


def schedule(channel: str = "C1", sid: str = "daily", tz: str = NY) -> Schedule:
    return Schedule(
        id=sid,
        type="reminder",
        channel=channel,
        time=dt.time(9, 0),
        timezone=tz,
        events=EventFilter(),
        location=Location("schedules/test.yaml"),
    )


STORE = store_of(
    event("res-a", dt.date(2013, 3, 14)),
    event("res-b", dt.date(2017, 3, 14)),
    event("res-fall", dt.date(2019, 11, 7)),
)


@pytest.fixture
def poster(fake_slack):
    fake_slack.ts_base = SPRING_DUE.timestamp()  # messages are stamped around the test's "now"
    return SlackPoster(WebClient(token="xoxb-test", base_url=fake_slack.api_url, retry_handlers=[]))


class Sleeps(list):
    def __call__(self, seconds):
        self.append(seconds)


def test_due_posts_go_out_once_with_metadata(db, poster, fake_slack):
    report = run_pass(db, [schedule()], STORE, poster, SPRING_DUE + dt.timedelta(seconds=5))
    assert (len(report.posted), report.late, report.failed, report.missed) == (2, (), (), ())
    messages = fake_slack.messages("C1")
    keys = sorted(m.metadata["event_payload"]["key"] for m in messages)
    assert keys == sorted(report.posted)
    assert all(m.metadata["event_type"] == "factbot_anniversary" for m in messages)
    assert any("Res A" in m.text for m in messages)
    again = run_pass(db, [schedule()], STORE, poster, SPRING_DUE + dt.timedelta(minutes=1))
    assert (again.posted, again.skipped) == ((), 2)
    assert len(fake_slack.messages()) == 2
    entry = Ledger(db).get(keys[0])
    assert entry.state == "posted" and entry.ts in {m.ts for m in messages}


@pytest.mark.parametrize("due", [SPRING_DUE, FALL_DUE], ids=["spring-forward", "fall-back"])
def test_dst_days_post_at_nine_local(db, poster, fake_slack, due):
    early = run_pass(db, [schedule()], STORE, poster, due - dt.timedelta(seconds=1))
    assert early.posted == () and fake_slack.messages() == []
    on_time = run_pass(db, [schedule()], STORE, poster, due)
    assert on_time.posted and on_time.late == ()
    for key in on_time.posted:
        assert Ledger(db).get(key).due_at == due
    local = due.astimezone(ZoneInfo(NY))
    assert (local.hour, local.minute) == (9, 0)


def test_two_hour_outage_posts_late_and_says_so(db, poster, fake_slack):
    report = run_pass(db, [schedule()], STORE, poster, SPRING_DUE + dt.timedelta(hours=2))
    assert len(report.posted) == 2 and report.late == report.posted
    for message in fake_slack.messages("C1"):
        shown = str(message.blocks)
        assert "Posted 2 h 0 min late" in shown and "09:00 EDT" in shown


def test_three_day_outage_records_missed_and_posts_nothing(db, poster, fake_slack):
    report = run_pass(db, [schedule()], STORE, poster, SPRING_DUE + dt.timedelta(days=3))
    assert report.posted == () and len(report.missed) == 2
    assert fake_slack.messages() == []
    assert {e.state for e in Ledger(db).missed(SPRING_DUE)} == {"missed"}
    assert "missed 2" in report.summary()
    later = run_pass(db, [schedule()], STORE, poster, SPRING_DUE + dt.timedelta(days=3, minutes=1))
    assert later.missed == () and later.skipped == 2  # reported once


def test_channel_the_bot_is_not_in_fails_and_others_still_post(db, poster, fake_slack):
    fake_slack.faults.channel_errors["C0NOTIN"] = "not_in_channel"
    schedules = [schedule("C0NOTIN", "outside"), schedule("C1")]
    report = run_pass(db, schedules, STORE, poster, SPRING_DUE)
    assert [reason for _, reason in report.failed] == ["not_in_channel"] * 2
    assert len(report.posted) == 2 and len(fake_slack.messages("C1")) == 2
    failures = Ledger(db).failures(SPRING_DUE)
    assert {(e.channel, e.reason) for e in failures} == {("C0NOTIN", "not_in_channel")}
    again = run_pass(db, schedules, STORE, poster, SPRING_DUE + dt.timedelta(minutes=1))
    assert again.failed == () and again.posted == ()  # failures are recorded, not retried


def test_rate_limits_wait_retry_after_and_post_once(db, poster, fake_slack):
    fake_slack.faults.rate_limit_every = 2
    sleeps = Sleeps()
    report = run_pass(db, [schedule()], STORE, poster, SPRING_DUE, sleep=sleeps)
    assert len(report.posted) == 2 and sleeps == [1.0]
    assert len(fake_slack.messages()) == 2
    assert len(fake_slack.calls_to("chat.postMessage")) == 3


def test_crash_after_claim_before_post_is_recovered_not_lost(db, poster, fake_slack):
    [occ, other] = occurrences_between(
        [schedule()], STORE, SPRING_DUE, SPRING_DUE + dt.timedelta(seconds=1)
    )
    assert Ledger(db).claim(occ, "host:999:dead", SPRING_DUE)  # ...and then the process died
    soon = run_pass(db, [schedule()], STORE, poster, SPRING_DUE + dt.timedelta(minutes=1))
    assert soon.posted == (other.key,) and soon.skipped == 1  # a fresh claim is left alone
    later = run_pass(db, [schedule()], STORE, poster, SPRING_DUE + dt.timedelta(minutes=3))
    assert later.recovered == (occ.key,) and later.posted == (occ.key,)
    keys = [m.metadata["event_payload"]["key"] for m in fake_slack.messages("C1")]
    assert sorted(keys) == sorted([occ.key, other.key])
    assert Ledger(db).get(occ.key).state == "posted"


def test_crash_after_post_before_mark_posted_is_not_doubled(db, poster, fake_slack):
    [occ, _] = occurrences_between(
        [schedule()], STORE, SPRING_DUE, SPRING_DUE + dt.timedelta(seconds=1)
    )
    Ledger(db).claim(occ, "host:999:dead", SPRING_DUE)
    landed = poster.post("C1", [], "posted before the crash", metadata_for(occ.key))
    report = run_pass(db, [schedule()], STORE, poster, SPRING_DUE + dt.timedelta(minutes=3))
    assert occ.key in report.recovered and occ.key not in report.posted
    keys = [m.metadata["event_payload"]["key"] for m in fake_slack.messages("C1")]
    assert keys.count(occ.key) == 1 and len(keys) == 2
    assert Ledger(db).get(occ.key).ts == landed
    history = fake_slack.calls_to("conversations.history")
    assert history and history[0].body["include_all_metadata"] in (True, "true", "1", 1)


def test_network_error_leaves_claim_for_recovery(db, poster, fake_slack):
    closed = WebClient(token="xoxb-test", base_url="http://127.0.0.1:9/api/", retry_handlers=[])
    down = run_pass(db, [schedule()], STORE, SlackPoster(closed), SPRING_DUE)
    assert down.posted == () and len(down.pending) == 2
    assert all("network error" in why for _, why in down.pending)
    assert {e.state for e in Ledger(db).recent()} == {"claimed"}
    back = run_pass(db, [schedule()], STORE, poster, SPRING_DUE + dt.timedelta(minutes=3))
    assert len(back.recovered) == 2 and len(fake_slack.messages()) == 2


def test_invalid_token_is_a_permanent_failure(db, fake_slack):
    bad = SlackPoster(WebClient(token="xoxb-invalid", base_url=fake_slack.api_url))
    report = run_pass(db, [schedule()], STORE, bad, SPRING_DUE)
    assert [reason for _, reason in report.failed] == ["invalid_auth", "invalid_auth"]


def test_endless_rate_limits_give_up_and_a_later_pass_posts(db, poster, fake_slack):
    fake_slack.faults.rate_limit_every = 1  # Slack answers 429 to everything
    sleeps = Sleeps()
    report = run_pass(db, [schedule()], STORE, poster, SPRING_DUE, sleep=sleeps)
    assert report.posted == () and len(report.pending) == 2
    assert sleeps == [1.0] * 6  # three bounded retries per post, then the claim is released
    assert Ledger(db).recent() == []
    fake_slack.faults.rate_limit_every = None
    later = run_pass(db, [schedule()], STORE, poster, SPRING_DUE + dt.timedelta(minutes=1))
    assert len(later.posted) == 2 and len(fake_slack.messages()) == 2


def test_abandoned_claim_past_grace_is_missed_not_posted(db, poster, fake_slack):
    [occ, _] = occurrences_between(
        [schedule()], STORE, SPRING_DUE, SPRING_DUE + dt.timedelta(seconds=1)
    )
    Ledger(db).claim(occ, "host:999:dead", SPRING_DUE)
    report = run_pass(db, [schedule()], STORE, poster, SPRING_DUE + dt.timedelta(hours=7))
    assert occ.key in report.missed and fake_slack.messages() == []
    assert Ledger(db).get(occ.key).reason == "claim abandoned; too late to post by now"
