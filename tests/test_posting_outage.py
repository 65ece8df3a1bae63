"""After an outage the missed report covers all of it, since the last completed pass; no flood.

Real ledger (SQLite file, and PostgreSQL when configured), the fake Slack over HTTP, `now` passed
to each pass: nothing sleeps.
"""

from __future__ import annotations

import datetime as dt

from bot.schedule.ledger import Ledger
from bot.schedule.posting import MAX_CATCH_UP, run_pass
from bot.slack.delivery import web_client
from bot.slack.poster import SlackPoster
from tests.test_posting import SPRING_DUE, Sleeps, event, schedule, store_of

DAY = dt.timedelta(days=1)
# One event a day for the 30 days after SPRING_DUE (2027-03-14), each due at 09:00 New York.
DAILY = store_of(
    *[
        event(f"ev-{n:02d}", (SPRING_DUE + n * DAY).date().replace(year=2010 + n % 10))
        for n in range(1, 31)
    ]
)


def run(db, fake_slack, now):
    poster = SlackPoster(web_client("xoxb-test", fake_slack.api_url, rate_limit_retries=False))
    return run_pass(db, [schedule()], DAILY, poster, now, sleep=Sleeps())


def test_a_three_week_outage_is_recorded_as_missed_in_full_and_nothing_floods(db, fake_slack):
    assert run(db, fake_slack, SPRING_DUE).posted == ()  # the last pass before the outage
    back = SPRING_DUE + 22 * DAY  # 3 weeks down; ev-22 is due right now
    report = run(db, fake_slack, back)
    missed_events = sorted(k.split("|")[1] for k in report.missed)
    assert missed_events == [f"ev-{n:02d}" for n in range(1, 22)]  # all 21 days, not the last 7
    assert [m.metadata["event_payload"]["key"].split("|")[1] for m in fake_slack.messages()] == [
        "ev-22"
    ]
    recorded = Ledger(db).missed(back - DAY)
    assert sorted(e.event_ids[0] for e in recorded) == missed_events
    assert Ledger(db).last_pass() == back


def test_the_first_pass_ever_looks_back_seven_days_only(db, fake_slack):
    report = run(db, fake_slack, SPRING_DUE + 22 * DAY)
    assert sorted(k.split("|")[1] for k in report.missed) == [f"ev-{n:02d}" for n in range(15, 22)]


def test_a_pass_back_in_time_never_moves_the_last_pass_back(db, fake_slack):
    run(db, fake_slack, SPRING_DUE + 10 * DAY)
    run(db, fake_slack, SPRING_DUE)  # e.g. `post-due --now` rehearsing an earlier moment
    assert Ledger(db).last_pass() == SPRING_DUE + 10 * DAY


def test_an_outage_longer_than_the_catch_up_limit_is_bounded(db, fake_slack):
    run(db, fake_slack, SPRING_DUE - 3 * MAX_CATCH_UP)
    now = SPRING_DUE + 31 * DAY
    report = run(db, fake_slack, now)
    dates = [dt.date.fromisoformat(k.split("|")[2]) for k in report.missed]
    assert min(dates) == (now - MAX_CATCH_UP).date() and report.posted == ()
    assert len(dates) == 31  # a year back (each event once, one twice at the edge), not 3 years
