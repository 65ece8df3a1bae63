"""The posting ledger on a real database: one winner per claim, one winner per take-over."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from bot.schedule.ledger import Ledger, needs_attention, new_owner
from bot.schedule.model import Occurrence
from bot.storage import open_database

NOW = dt.datetime(2027, 3, 14, 13, 0, tzinfo=dt.UTC)


def occ(event_id="srebrenica", channel="C1", post_at=NOW) -> Occurrence:
    return Occurrence(
        schedule_id="daily",
        channel=channel,
        post_at=post_at,
        local_date=post_at.date(),
        event_ids=(event_id,),
        anniversary_date=post_at.date(),
        lead_days=0,
    )


@pytest.fixture
def ledger(database_url):
    db = open_database(database_url)
    yield Ledger(db)
    db.dispose()


def test_claim_is_won_once_and_finishes_once(ledger):
    o = occ()
    assert ledger.claim(o, "a", NOW)
    assert not ledger.claim(o, "b", NOW)
    assert ledger.states([o.key, "nope"]) == {o.key: "claimed"}
    assert ledger.mark_posted(o.key, "1700000001.000100", NOW)
    assert not ledger.mark_failed(o.key, "late failure", NOW)  # a posted row stays posted
    entry = ledger.get(o.key)
    assert (entry.state, entry.ts, entry.event_ids, entry.due_at) == (
        "posted",
        "1700000001.000100",
        ("srebrenica",),
        NOW,
    )


def test_concurrent_claims_have_one_winner(ledger):
    o, wins, barrier = occ(), [], threading.Barrier(6)

    def claim(i):
        barrier.wait()
        wins.append(ledger.claim(o, f"owner-{i}", NOW))

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(wins) == [False] * 5 + [True]


def test_stale_claims_and_compare_and_set_take_over(ledger):
    o = occ()
    ledger.claim(o, "dead", NOW)
    assert ledger.stale_claims(NOW) == []  # not older than itself
    later = NOW + dt.timedelta(minutes=3)
    [stale] = ledger.stale_claims(later - dt.timedelta(minutes=2))
    assert stale.claimed_by == "dead"
    assert ledger.take_over(o.key, "dead", "rescuer-1", later)
    assert not ledger.take_over(o.key, "dead", "rescuer-2", later)  # old owner no longer matches
    entry = ledger.get(o.key)
    assert (entry.claimed_by, entry.attempts, entry.claimed_at) == ("rescuer-1", 2, later)


def test_missed_failed_and_what_admins_see(ledger):
    old, bad, fine = occ("a"), occ("b", channel="C0NOTIN"), occ("c")
    assert ledger.mark_missed(old, NOW)
    assert not ledger.mark_missed(old, NOW)  # recorded once
    ledger.claim(bad, "me", NOW)
    ledger.mark_failed(bad.key, "not_in_channel", NOW + dt.timedelta(seconds=1))
    ledger.claim(fine, "me", NOW)
    ledger.mark_posted(fine.key, "1.2", NOW)
    assert [e.key for e in ledger.failures(NOW)] == [bad.key]
    assert [e.key for e in ledger.missed(NOW)] == [old.key]
    shown = needs_attention(ledger.db, NOW + dt.timedelta(days=1))
    assert [(e.state, e.reason) for e in shown] == [
        ("failed", "not_in_channel"),
        ("missed", "too late to post (outside the grace period)"),
    ]
    assert len(ledger.recent(2)) == 2


def test_release_and_note_only_touch_your_own_claim(ledger):
    o = occ()
    ledger.claim(o, "me", NOW)
    ledger.note(o.key, "someone-else", "nope", NOW)
    assert ledger.get(o.key).reason is None
    ledger.note(o.key, "me", "network error", NOW)
    assert ledger.get(o.key).reason == "network error"
    assert not ledger.release(o.key, "someone-else")
    assert ledger.release(o.key, "me")
    assert ledger.get(o.key) is None


def test_owner_ids_are_unique_per_call():
    a, b = new_owner(), new_owner()
    assert a != b and a.count(":") == 2
