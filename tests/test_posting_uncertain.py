"""Exactly-once when a post may have landed and Slack will not say: keep the claim, never repost.

A claim is only released when nothing can have been posted; when a history lookup fails, or the
time left before a recoverer may take the claim over runs out, the claim stays for recovery,
which looks in the channel's history before posting again. Time is injected; nothing sleeps.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter

import pytest
from slack_sdk import WebClient

from bot.schedule.ledger import Ledger
from bot.schedule.occurrences import occurrences_between
from bot.schedule.posting import CLAIM_TIMEOUT, TransientPostError, metadata_for, run_pass
from bot.slack.poster import HISTORY_PAGES, HTTP_TIMEOUT, SlackPoster
from tests.test_posting import SPRING_DUE, STORE, Sleeps, schedule

MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def poster(fake_slack):
    fake_slack.ts_base = SPRING_DUE.timestamp()
    return SlackPoster(WebClient(token="xoxb-test", base_url=fake_slack.api_url, retry_handlers=[]))


def posted_keys(fake_slack) -> Counter:
    return Counter(m.metadata["event_payload"]["key"] for m in fake_slack.messages())


def due_now():
    return occurrences_between(
        [schedule()], STORE, SPRING_DUE, SPRING_DUE + dt.timedelta(seconds=1)
    )


def test_rate_limited_lookup_during_recovery_keeps_the_claim_and_never_reposts(
    db, poster, fake_slack
):
    [occ, other] = due_now()
    Ledger(db).claim(occ, "host:999:dead", SPRING_DUE)
    landed = poster.post("C1", [], "posted before the crash", metadata_for(occ.key))
    fake_slack.faults.history_failures = 1  # the recoverer's lookup is answered 429
    report = run_pass(db, [schedule()], STORE, poster, SPRING_DUE + 3 * MINUTE, sleep=Sleeps())
    assert report.posted == (other.key,) and occ.key not in report.recovered
    assert "history lookup failed: rate limited" in dict(report.pending)[occ.key]
    assert posted_keys(fake_slack) == Counter([occ.key, other.key])  # not posted a second time
    entry = Ledger(db).get(occ.key)
    assert entry.state == "claimed" and "history lookup failed" in entry.reason
    later = run_pass(db, [schedule()], STORE, poster, SPRING_DUE + 6 * MINUTE, sleep=Sleeps())
    assert later.recovered == (occ.key,) and later.posted == ()
    assert posted_keys(fake_slack) == Counter([occ.key, other.key])
    assert Ledger(db).get(occ.key).ts == landed


def test_lookups_that_keep_failing_give_up_as_failed_never_reposted(db, poster, fake_slack):
    [occ, other] = due_now()
    Ledger(db).claim(occ, "host:999:dead", SPRING_DUE)
    poster.post("C1", [], "posted before the crash", metadata_for(occ.key))
    fake_slack.faults.history_failures = 100
    for minutes in (3, 6, 9, 12):  # attempts 2 to 5: the claim stays, nothing is posted again
        report = run_pass(db, [schedule()], STORE, poster, SPRING_DUE + minutes * MINUTE)
        assert occ.key in dict(report.pending) and Ledger(db).get(occ.key).state == "claimed"
    last = run_pass(db, [schedule()], STORE, poster, SPRING_DUE + 15 * MINUTE)
    assert [key for key, _ in last.failed] == [occ.key]
    assert "gave up after 5 attempts" in Ledger(db).get(occ.key).reason
    assert posted_keys(fake_slack) == Counter([occ.key, other.key])


@pytest.mark.parametrize("lookup_error", ["ratelimited", "internal_error"])
def test_lost_post_answer_then_failed_lookup_leaves_the_claim_not_a_second_post(
    db, poster, fake_slack, lookup_error
):
    fake_slack.faults.lost_post_responses = 1  # the first post lands but its answer is a 500
    fake_slack.faults.history_failures = 1
    fake_slack.faults.history_error = lookup_error
    report = run_pass(db, [schedule()], STORE, poster, SPRING_DUE, sleep=Sleeps())
    first = fake_slack.messages()[0].metadata["event_payload"]["key"]
    assert first not in report.posted and "history lookup failed" in dict(report.pending)[first]
    assert Ledger(db).get(first).state == "claimed"
    assert sorted(posted_keys(fake_slack).values()) == [1, 1]
    later = run_pass(db, [schedule()], STORE, poster, SPRING_DUE + 3 * MINUTE, sleep=Sleeps())
    assert later.recovered == (first,) and later.posted == ()
    assert sorted(posted_keys(fake_slack).values()) == [1, 1]
    assert Ledger(db).get(first).state == "posted"


def test_a_lost_answer_in_a_pass_run_ahead_of_time_is_found_not_posted_twice(
    db, poster, fake_slack
):
    """`post-due --now 2027-…` posts for real, stamped with today's time by Slack: the lookup
    after a lost answer searched only from an hour before the pretend due time, missed the
    message and posted it again."""
    fake_slack.ts_base = time.time()  # as Slack stamps it: now, not the pass's `now`
    fake_slack.faults.drop_answers["chat.postMessage"] = 1
    assert SPRING_DUE.timestamp() > time.time() + 3600  # the pass runs ahead of the real clock
    report = run_pass(db, [schedule()], STORE, poster, SPRING_DUE, sleep=Sleeps())
    assert sorted(posted_keys(fake_slack).values()) == [1, 1]
    assert len(report.posted) + len(report.recovered) == 2


class SlowestSlack:
    """A Poster at Slack's slowest, on a fake clock only its calls and the pass's sleeps advance.

    Every post times out (HTTP_TIMEOUT) and so may have landed; every history lookup reads
    HISTORY_PAGES pages, each answered just inside the timeout, and finds nothing.
    """

    def __init__(self) -> None:
        self.seconds = 0.0
        self.posts: list[tuple[str, float, float]] = []  # (key, start, end)

    def monotonic(self) -> float:
        return self.seconds

    def sleep(self, seconds: float) -> None:
        self.seconds += seconds

    def render(self, occ, store, now, late_by, late_reason=None):
        return [], "An anniversary."

    def post(self, channel, blocks, text, metadata):
        start = self.seconds
        self.seconds += HTTP_TIMEOUT
        self.posts.append((metadata["event_payload"]["key"], start, self.seconds))
        raise TransientPostError("TimeoutError: The read operation timed out")

    def find_posted(self, channel, key, since):
        self.seconds += HISTORY_PAGES * HTTP_TIMEOUT
        return None


@pytest.mark.parametrize("recovering", [False, True], ids=["own-claim", "taken-over-claim"])
def test_every_post_ends_before_a_recoverer_may_take_the_claim_over(db, recovering):
    now = SPRING_DUE + 3 * MINUTE
    if recovering:
        for occ in due_now():
            Ledger(db).claim(occ, "host:999:dead", SPRING_DUE)
    slack = SlowestSlack()
    report = run_pass(
        db, [schedule()], STORE, slack, now, sleep=slack.sleep, monotonic=slack.monotonic
    )
    assert report.posted == () and len(report.pending) == 2
    assert slack.posts or recovering  # a recoverer's slow lookup may leave no time to post
    for key, _, end in slack.posts:
        entry = Ledger(db).get(key)
        claimed = (entry.claimed_at - now).total_seconds()  # on the fake clock
        assert end - claimed < CLAIM_TIMEOUT.total_seconds() - HTTP_TIMEOUT, (key, slack.posts)
        assert entry.state == "claimed"  # left for recovery: the post may have landed
