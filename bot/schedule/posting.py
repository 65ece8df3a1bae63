"""The posting policy: one pass that posts every due anniversary exactly once. No Slack here.

The ledger decides who posts (`claim`), the poster (a small Protocol, Slack at the edge) renders
and posts. Posts within `grace` of their time go out, late ones saying so; older ones are
recorded as missed, never flooded out after an outage. A claim whose process died mid-post is
taken over atomically and the channel's history is searched for the post's metadata key first,
so a post that landed is not doubled and one that did not is not lost.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from bot.facts.model import Store
from bot.schedule.ledger import Ledger, LedgerEntry, new_owner
from bot.schedule.model import Occurrence, Schedule
from bot.schedule.occurrences import occurrences_between
from bot.storage import Database

log = logging.getLogger(__name__)

METADATA_EVENT_TYPE = "factbot_anniversary"
CLAIM_TIMEOUT = dt.timedelta(minutes=2)  # a claim older than this belongs to a dead process
LATE_AFTER = dt.timedelta(minutes=10)  # the clock runs every minute: later than this is "late"
HISTORY_MARGIN = dt.timedelta(hours=1)  # search history from this long before the due time
MAX_RATE_LIMIT_RETRIES = 3
# Never wait longer than this for one post: a claim must finish well inside CLAIM_TIMEOUT, or a
# recoverer could take it over while we still post.
MAX_RATE_LIMIT_WAIT = 30.0
MAX_NETWORK_RETRIES = 2
MAX_ATTEMPTS = 5  # claims taken over this many times are given up as failed


class PostError(Exception):
    """Base of the poster's domain errors."""


class PermanentPostError(PostError):
    """Slack refused for good (`not_in_channel`, `invalid_auth` …): record it, do not retry."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class RateLimited(PostError):
    """HTTP 429: nothing was posted; try again after `retry_after` seconds."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"rate limited; retry after {retry_after}s")
        self.retry_after = retry_after


class TransientPostError(PostError):
    """A network error or 5xx: the post may or may not have landed."""


class Poster(Protocol):
    """What the posting policy needs from Slack (see bot/slack/poster.py)."""

    def render(
        self, occ: Occurrence, store: Store, now: dt.datetime, late_by: dt.timedelta | None
    ) -> tuple[list[dict], str]:
        """Blocks and fallback text for one occurrence."""
        ...

    def post(self, channel: str, blocks: list[dict], text: str, metadata: dict) -> str:
        """Post a message and return its ts."""
        ...

    def find_posted(self, channel: str, key: str, since: dt.datetime) -> str | None:
        """The ts of a message posted since `since` carrying this occurrence key, if any."""
        ...


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


@dataclass
class _Tally:
    posted: list[str] = field(default_factory=list)
    late: list[str] = field(default_factory=list)
    recovered: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    pending: list[tuple[str, str]] = field(default_factory=list)
    skipped: int = 0

    def report(self) -> PassReport:
        return PassReport(
            **{k: tuple(v) if isinstance(v, list) else v for k, v in vars(self).items()}
        )


def metadata_for(occ_key: str) -> dict:
    """The Slack message metadata every anniversary post carries, found again by recovery."""
    return {"event_type": METADATA_EVENT_TYPE, "event_payload": {"key": occ_key}}


def run_pass(
    db: Database,
    schedules: Sequence[Schedule],
    store: Store,
    poster: Poster,
    now: dt.datetime,
    grace: dt.timedelta = dt.timedelta(hours=6),
    lookback: dt.timedelta = dt.timedelta(days=7),
    sleep: Callable[[float], None] = time.sleep,
) -> PassReport:
    """Post every occurrence due in [now − lookback, now] that the ledger has not seen yet."""
    ledger, owner, tally = Ledger(db), new_owner(), _Tally()
    due = occurrences_between(schedules, store, now - lookback, now + dt.timedelta(microseconds=1))
    by_key = {o.key: o for o in due}
    ctx = _Context(ledger, poster, store, owner, now, grace, sleep, tally, time.monotonic())
    for entry in ledger.stale_claims(now - CLAIM_TIMEOUT):
        _recover(ctx, entry, by_key.get(entry.key))
    known = ledger.states(by_key)
    for occ in due:
        if occ.key in known:
            tally.skipped += 1
        elif now - occ.post_at > grace:
            if ledger.mark_missed(occ, now):
                tally.missed.append(occ.key)
                log.warning("missed %s (due %s, now %s)", occ.key, occ.post_at, now)
        elif ledger.claim(occ, owner, ctx.clock()):
            _post(ctx, occ)
        else:
            tally.skipped += 1
    return tally.report()


@dataclass(frozen=True)
class _Context:
    ledger: Ledger
    poster: Poster
    store: Store
    owner: str
    now: dt.datetime
    grace: dt.timedelta
    sleep: Callable[[float], None]
    tally: _Tally
    started: float

    def clock(self) -> dt.datetime:
        """`now` plus the time this pass has run: claims are stamped when taken, not at start."""
        return self.now + dt.timedelta(seconds=time.monotonic() - self.started)


def _recover(ctx: _Context, entry: LedgerEntry, occ: Occurrence | None) -> None:
    """Adopt a dead process's claim, then: found in history → posted; else post, miss or fail."""
    if not ctx.ledger.take_over(entry.key, entry.claimed_by or "", ctx.owner, ctx.clock()):
        return  # another process adopted it first
    log.warning("recovering claim %s left by %s", entry.key, entry.claimed_by)
    try:
        ts = ctx.poster.find_posted(entry.channel, entry.key, entry.due_at - HISTORY_MARGIN)
    except PostError as exc:
        _settle_error(ctx, entry.key, exc)
        return
    if ts:
        ctx.ledger.mark_posted(entry.key, ts, ctx.now)
        ctx.tally.recovered.append(entry.key)
    elif entry.attempts + 1 > MAX_ATTEMPTS:
        _fail(ctx, entry.key, f"gave up after {MAX_ATTEMPTS} attempts")
    elif occ is None:
        _fail(ctx, entry.key, "claim abandoned and the occurrence is no longer scheduled")
    elif ctx.now - occ.post_at > ctx.grace:
        ctx.ledger.mark_missed(occ, ctx.now, "claim abandoned; too late to post by now")
        ctx.tally.missed.append(entry.key)
    elif _post(ctx, occ):
        ctx.tally.recovered.append(entry.key)


def _post(ctx: _Context, occ: Occurrence) -> bool:
    """Render and post a claimed occurrence, retrying 429s and network errors a bounded number."""
    late_by = ctx.now - occ.post_at
    late_by = late_by if late_by > LATE_AFTER else None
    blocks, text = ctx.poster.render(occ, ctx.store, ctx.now, late_by)
    rate_limits = network_errors = 0
    waited = 0.0
    while True:
        try:
            ts = ctx.poster.post(occ.channel, blocks, text, metadata_for(occ.key))
        except RateLimited as exc:
            rate_limits += 1
            waited += exc.retry_after
            if rate_limits > MAX_RATE_LIMIT_RETRIES or waited > MAX_RATE_LIMIT_WAIT:
                _settle_error(ctx, occ.key, exc)
                return False
            log.info("rate limited posting %s; waiting %ss", occ.key, exc.retry_after)
            ctx.sleep(exc.retry_after)
        except TransientPostError as exc:
            network_errors += 1
            if network_errors > MAX_NETWORK_RETRIES:
                _settle_error(ctx, occ.key, exc)
                return False
            # The post may have landed: look before posting again, or it could double.
            if _found_after_error(ctx, occ):
                return True
        except PostError as exc:
            _settle_error(ctx, occ.key, exc)
            return False
        else:
            ctx.ledger.mark_posted(occ.key, ts, ctx.now)
            ctx.tally.posted.append(occ.key)
            if late_by:
                ctx.tally.late.append(occ.key)
            return True


def _found_after_error(ctx: _Context, occ: Occurrence) -> bool:
    try:
        ts = ctx.poster.find_posted(occ.channel, occ.key, occ.post_at - HISTORY_MARGIN)
    except PostError:
        return False
    if ts:
        ctx.ledger.mark_posted(occ.key, ts, ctx.now)
        ctx.tally.posted.append(occ.key)
    return bool(ts)


def _settle_error(ctx: _Context, key: str, exc: PostError) -> None:
    """Permanent → failed; rate limit → release (nothing posted); network → leave for recovery."""
    if isinstance(exc, PermanentPostError):
        _fail(ctx, key, exc.reason)
    elif isinstance(exc, RateLimited):
        ctx.ledger.release(key, ctx.owner)
        ctx.tally.pending.append((key, str(exc)))
    else:
        ctx.ledger.note(key, ctx.owner, f"network error: {exc}", ctx.now)
        ctx.tally.pending.append((key, f"network error: {exc}"))


def _fail(ctx: _Context, key: str, reason: str) -> None:
    ctx.ledger.mark_failed(key, reason, ctx.now)
    ctx.tally.failed.append((key, reason))
    log.error("post %s failed: %s", key, reason)
