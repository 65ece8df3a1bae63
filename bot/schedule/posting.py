"""The posting policy: one pass that posts every due anniversary exactly once. No Slack here.

The ledger decides who posts (`claim`), the poster (a small Protocol, Slack at the edge) renders
and posts (bot/schedule/attempts.py: bounded retries, a deadline well inside CLAIM_TIMEOUT).
Posts within `grace` of their time go out, late ones saying so; older ones are recorded as
missed, never flooded out after an outage. A pass looks back `lookback` (7 days), or further, to
the last completed pass (up to MAX_CATCH_UP), so the missed report covers a whole outage.
A claim whose process died mid-post is taken over atomically and the channel's history is
searched for the post's metadata key first (bot/schedule/recovery.py), so a post that landed is
not doubled and one that did not is not lost.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.facts.model import Store
from bot.schedule.attempts import (
    CLAIM_TIMEOUT,
    HISTORY_MARGIN,
    LATE_AFTER,
    MAX_ATTEMPTS,
    MAX_NETWORK_RETRIES,
    MAX_RATE_LIMIT_RETRIES,
    MAX_RATE_LIMIT_WAIT,
    METADATA_EVENT_TYPE,
    POST_DEADLINE,
    Context,
    PermanentPostError,
    Poster,
    PostError,
    RateLimited,
    Tally,
    TransientPostError,
    metadata_for,
    post_claimed,
)
from bot.schedule.ledger import Ledger, new_owner
from bot.schedule.model import Schedule
from bot.schedule.occurrences import occurrences_between
from bot.schedule.recovery import recover
from bot.storage import Database

__all__ = [
    "CLAIM_TIMEOUT",
    "HISTORY_MARGIN",
    "LATE_AFTER",
    "MAX_ATTEMPTS",
    "MAX_NETWORK_RETRIES",
    "MAX_RATE_LIMIT_RETRIES",
    "MAX_RATE_LIMIT_WAIT",
    "METADATA_EVENT_TYPE",
    "POST_DEADLINE",
    "PassReport",
    "PermanentPostError",
    "PostError",
    "Poster",
    "RateLimited",
    "TransientPostError",
    "catch_up_start",
    "metadata_for",
    "run_pass",
]

log = logging.getLogger(__name__)

# After an outage, a pass records as missed what fell due since the last completed pass, up to
# this far back: enough for any real outage, bounded so a stale database cannot make one pass
# walk years of occurrences.
MAX_CATCH_UP = dt.timedelta(days=366)


@dataclass(frozen=True)
class PassReport:
    """What one pass did, by occurrence key."""

    posted: tuple[str, ...] = ()
    late: tuple[str, ...] = ()  # also in `posted`: went out after LATE_AFTER, saying so
    recovered: tuple[str, ...] = ()  # stale claims resolved (found in history, or posted)
    failed: tuple[tuple[str, str], ...] = ()  # (key, reason)
    missed: tuple[str, ...] = ()
    pending: tuple[tuple[str, str], ...] = ()  # claims left open for the next pass, with why
    skipped: int = 0  # due occurrences already settled or claimed by another process

    def summary(self) -> str:
        """One line of counts, e.g. for cron mail."""
        return (
            f"posted {len(self.posted)} (late {len(self.late)}), failed {len(self.failed)}, "
            f"missed {len(self.missed)}, recovered {len(self.recovered)}, "
            f"pending {len(self.pending)}, skipped {self.skipped}"
        )

    def lines(self) -> list[str]:
        """The summary then one line per post that did not simply go out."""
        out = [self.summary()]
        out += [f"  failed  {key}: {reason}" for key, reason in self.failed]
        out += [f"  missed  {key}" for key in self.missed]
        out += [f"  pending {key}: {reason}" for key, reason in self.pending]
        return out


def run_pass(
    db: Database,
    schedules: Sequence[Schedule],
    store: Store,
    poster: Poster,
    now: dt.datetime,
    grace: dt.timedelta = dt.timedelta(hours=6),
    lookback: dt.timedelta = dt.timedelta(days=7),
    sleep: Callable[[float], None] = time.sleep,
    monotonic: Callable[[], float] = time.monotonic,
) -> PassReport:
    """Post every occurrence due in [now − lookback, now] that the ledger has not seen yet.

    `sleep` and `monotonic` are the pass's clock (429 waits, claim stamps, post deadlines).
    """
    ledger, owner, tally = Ledger(db), new_owner(), Tally()
    start = catch_up_start(ledger.last_pass(), now, lookback)
    due = occurrences_between(schedules, store, start, now + dt.timedelta(microseconds=1))
    by_key = {o.key: o for o in due}
    ctx = Context(ledger, poster, store, owner, now, grace, sleep, monotonic, tally, monotonic())
    for entry in ledger.stale_claims(now - CLAIM_TIMEOUT):
        recover(ctx, entry, by_key.get(entry.key))
    known = ledger.states(by_key)
    for occ in due:
        if occ.key in known:
            tally.skipped += 1
        elif now - occ.post_at > grace:
            if ledger.mark_missed(occ, now):
                tally.missed.append(occ.key)
                log.warning("missed %s (due %s, now %s)", occ.key, occ.post_at, now)
        else:
            deadline = monotonic() + POST_DEADLINE
            if ledger.claim(occ, owner, ctx.clock()):
                post_claimed(ctx, occ, deadline)
            else:
                tally.skipped += 1
    ledger.record_pass(now)
    return PassReport(
        posted=tuple(tally.posted),
        late=tuple(tally.late),
        recovered=tuple(tally.recovered),
        failed=tuple(tally.failed),
        missed=tuple(tally.missed),
        pending=tuple(tally.pending),
        skipped=tally.skipped,
    )


def catch_up_start(
    last_pass: dt.datetime | None, now: dt.datetime, lookback: dt.timedelta
) -> dt.datetime:
    """Where a pass starts looking: `lookback` ago, or the last completed pass if that is older."""
    start = now - lookback
    if last_pass is None or last_pass >= start:
        return start
    if now - last_pass > MAX_CATCH_UP:
        log.warning(
            "last pass completed %s; recording misses of the last %s only", last_pass, MAX_CATCH_UP
        )
        return now - MAX_CATCH_UP
    log.warning("catching up since the last completed pass at %s", last_pass)
    return last_pass
