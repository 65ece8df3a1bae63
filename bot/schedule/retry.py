"""An admin's retry of a failed post (e.g. `not_in_channel`, fixed by inviting the bot). No Slack.

The retry goes through the ledger like any post: the row moves from `failed` back to `claimed`
atomically (`Ledger.reclaim_failed`), so two clicks or two processes post it once, and the post
follows the same policy as a pass's (bot/schedule/attempts.py): a lost answer keeps the claim for
recovery, which looks in the channel's history before posting again.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeGuard

from bot.facts.model import Store
from bot.schedule.attempts import POST_DEADLINE, Context, Poster, Tally, post_claimed
from bot.schedule.ledger import Ledger, LedgerEntry, new_owner
from bot.schedule.model import Occurrence, Schedule
from bot.schedule.occurrences import occurrences_between
from bot.storage import Database

RETRY_LATE_REASON = "it could not be posted at first"
# A schedule's time may have been edited since the post failed: look this far around its due time.
FIND_WINDOW = dt.timedelta(days=2)


@dataclass(frozen=True)
class RetryResult:
    """What became of one retry: `posted`, `failed`, `pending`, or `refused` (nothing was sent).

    `message` is plain text for a person (the CLI prints it, the App Home escapes it).
    """

    key: str
    outcome: str
    message: str

    @property
    def posted(self) -> bool:
        """True when the post is now in the channel."""
        return self.outcome == "posted"


def retry_failed(
    db: Database,
    schedules: Sequence[Schedule],
    store: Store,
    poster: Poster,
    key: str,
    now: dt.datetime,
    sleep: Callable[[float], None] = time.sleep,
    monotonic: Callable[[], float] = time.monotonic,
) -> RetryResult:
    """Post one failed occurrence again, once, through the ledger; say what became of it."""
    ledger = Ledger(db)
    entry = ledger.get(key)
    if not retriable(entry):
        return refusal(key, entry)
    occ = find_occurrence(schedules, store, entry)
    if occ is None:
        reason = "its schedule or event is no longer in the store: nothing to post"
        return RetryResult(key, "refused", f"{key} was not retried: {reason}.")
    tally = Tally()
    started = monotonic()
    no_grace = dt.timedelta(0)  # grace only decides whether recovery posts late: unused here
    ctx = Context(
        ledger,
        poster,
        store,
        new_owner(),
        now,
        no_grace,
        sleep,
        monotonic,
        tally,
        started,
        late_reason=RETRY_LATE_REASON,
    )
    if not ledger.reclaim_failed(key, ctx.owner, ctx.clock()):
        return RetryResult(key, "refused", f"{key} is already being retried: not retried twice.")
    if post_claimed(ctx, occ, started + POST_DEADLINE, uncertain=True):
        return RetryResult(key, "posted", f"Posted {key} in channel {occ.channel}.")
    if tally.failed:
        reason = tally.failed[0][1]
        return RetryResult(key, "failed", f"Slack refused {key} again: {reason}.")
    reason = tally.pending[0][1] if tally.pending else "unknown"
    return RetryResult(
        key,
        "pending",
        f"{key} was not confirmed ({reason}); it may have been posted. It stays claimed and the "
        "next pass looks in the channel's history before posting it: do not retry it.",
    )


def retriable(entry: LedgerEntry | None) -> TypeGuard[LedgerEntry]:
    """True when the ledger row is a failed post, the only kind a retry posts."""
    return entry is not None and entry.state == "failed"


def refusal(key: str, entry: LedgerEntry | None) -> RetryResult:
    """Why `key` is not retried: the ledger has no such post, or has it but not failed."""
    if entry is None:
        return RetryResult(key, "refused", f"No post {key} in the posting ledger.")
    return RetryResult(key, "refused", f"{key} is {entry.state}, not failed: not retried.")


def find_occurrence(
    schedules: Sequence[Schedule], store: Store, entry: LedgerEntry
) -> Occurrence | None:
    """The occurrence a ledger row records, computed again from today's schedules and store."""
    mine = [s for s in schedules if s.id == entry.schedule_id]
    around = occurrences_between(
        mine, store, entry.due_at - FIND_WINDOW, entry.due_at + FIND_WINDOW
    )
    return next((o for o in around if o.key == entry.key), None)
