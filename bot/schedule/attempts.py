"""Posting one claimed occurrence: the Poster Protocol, its errors, and the bounded retry loop.

Every post of a claim starts within POST_DEADLINE of the claim (or take-over), so it has ended
well before CLAIM_TIMEOUT lets a recoverer take the claim over. A claim is released only when
nothing can have been posted (429s alone). When a post may have landed and we cannot tell (a
network error, then a failed history lookup or the deadline), the claim is kept: recovery
(bot/schedule/recovery.py) looks in the channel's history before it posts again. No Slack here.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from bot.facts.model import Store
from bot.schedule.ledger import Ledger
from bot.schedule.model import Occurrence

log = logging.getLogger(__name__)

METADATA_EVENT_TYPE = "factbot_anniversary"
CLAIM_TIMEOUT = dt.timedelta(minutes=2)  # a claim older than this belongs to a dead process
# No post of a claim starts later than this after the claim: with the poster's HTTP timeout
# (10 s) every post has ended long before CLAIM_TIMEOUT, even after a slow history lookup.
POST_DEADLINE = 60.0  # seconds
LATE_AFTER = dt.timedelta(minutes=10)  # the clock runs every minute: later than this is "late"
HISTORY_MARGIN = dt.timedelta(hours=1)  # search history from this long before the due time
MAX_RATE_LIMIT_RETRIES = 3
MAX_RATE_LIMIT_WAIT = 30.0  # seconds of Retry-After waits per claim, within POST_DEADLINE too
MAX_NETWORK_RETRIES = 2
MAX_ATTEMPTS = 5  # claims taken over this many times are given up as failed
LATE_REASON = "factbot was down"  # why a post of a pass is late, said in the post


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
        self,
        occ: Occurrence,
        store: Store,
        now: dt.datetime,
        late_by: dt.timedelta | None,
        late_reason: str = LATE_REASON,
    ) -> tuple[list[dict], str]:
        """Blocks and fallback text for one occurrence (saying why it is late, if it is)."""
        ...

    def post(self, channel: str, blocks: list[dict], text: str, metadata: dict) -> str:
        """Post a message and return its ts."""
        ...

    def find_posted(self, channel: str, key: str, since: dt.datetime) -> str | None:
        """The ts of a message posted since `since` carrying this occurrence key, if any."""
        ...


def metadata_for(occ_key: str) -> dict:
    """The Slack message metadata every anniversary post carries, found again by recovery."""
    return {"event_type": METADATA_EVENT_TYPE, "event_payload": {"key": occ_key}}


@dataclass
class Tally:
    """What a pass did so far, by occurrence key (see posting.PassReport)."""

    posted: list[str] = field(default_factory=list)
    late: list[str] = field(default_factory=list)
    recovered: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    pending: list[tuple[str, str]] = field(default_factory=list)
    skipped: int = 0


@dataclass(frozen=True)
class Context:
    """One pass: its ledger, poster, owner id, start time and injected clock and sleep."""

    ledger: Ledger
    poster: Poster
    store: Store
    owner: str
    now: dt.datetime
    grace: dt.timedelta
    sleep: Callable[[float], None]
    monotonic: Callable[[], float]
    tally: Tally
    started: float
    late_reason: str = LATE_REASON

    def clock(self) -> dt.datetime:
        """`now` plus the time this pass has run: claims are stamped when taken, not at start."""
        return self.now + dt.timedelta(seconds=self.monotonic() - self.started)


def post_claimed(ctx: Context, occ: Occurrence, deadline: float, uncertain: bool = False) -> bool:
    """Render and post a claimed occurrence; True once it is known to be in the channel.

    429s wait Retry-After and network errors look in history before posting again, each a
    bounded number of times, and no post starts after `deadline` (a `ctx.monotonic()` value).
    `uncertain`: an earlier attempt (a dead process's) may have landed, so never release.
    """
    behind = ctx.now - occ.post_at
    late_by = behind if behind > LATE_AFTER else None
    blocks, text = ctx.poster.render(occ, ctx.store, ctx.now, late_by, ctx.late_reason)
    rate_limits = network_errors = 0
    waited = 0.0
    while True:
        if ctx.monotonic() >= deadline:
            _stop(ctx, occ.key, f"not posted within {POST_DEADLINE:.0f}s of the claim", uncertain)
            return False
        try:
            ts = ctx.poster.post(occ.channel, blocks, text, metadata_for(occ.key))
        except RateLimited as exc:
            rate_limits += 1
            waited += exc.retry_after
            if (
                rate_limits > MAX_RATE_LIMIT_RETRIES
                or waited > MAX_RATE_LIMIT_WAIT
                or ctx.monotonic() + exc.retry_after >= deadline
            ):
                _stop(ctx, occ.key, str(exc), uncertain)
                return False
            log.info("rate limited posting %s; waiting %ss", occ.key, exc.retry_after)
            ctx.sleep(exc.retry_after)
        except TransientPostError as exc:
            uncertain = True  # the post may have landed
            network_errors += 1
            reason = f"network error: {exc}"
            if network_errors > MAX_NETWORK_RETRIES:
                leave(ctx, occ.key, reason)
                return False
            log.warning("post %s may have landed (%s); looking in its channel", occ.key, reason)
            # Look before posting again, or it could double; if we cannot look, recovery will.
            try:
                seen = ctx.poster.find_posted(occ.channel, occ.key, occ.post_at - HISTORY_MARGIN)
            except PostError as lookup:
                leave(ctx, occ.key, f"{reason}; history lookup failed: {lookup}")
                return False
            if seen:
                return _posted(ctx, occ.key, seen, late_by)
        except PermanentPostError as exc:
            fail(ctx, occ.key, exc.reason)
            return False
        except PostError as exc:
            leave(ctx, occ.key, f"post error: {exc}")
            return False
        else:
            return _posted(ctx, occ.key, ts, late_by)


def _posted(ctx: Context, key: str, ts: str, late_by: dt.timedelta | None) -> bool:
    ctx.ledger.mark_posted(key, ts, ctx.now)
    ctx.tally.posted.append(key)
    if late_by:
        ctx.tally.late.append(key)
    return True


def _stop(ctx: Context, key: str, reason: str, uncertain: bool) -> None:
    if uncertain:
        leave(ctx, key, reason)
    else:  # only 429s so far: nothing was posted, a later pass starts afresh
        ctx.ledger.release(key, ctx.owner)
        ctx.tally.pending.append((key, reason))


def leave(ctx: Context, key: str, reason: str) -> None:
    """Keep our claim, saying why (for `status`): a recoverer looks in history before posting."""
    ctx.ledger.note(key, ctx.owner, reason, ctx.clock())
    ctx.tally.pending.append((key, reason))
    log.warning("post %s left for recovery: %s", key, reason)


def fail(ctx: Context, key: str, reason: str) -> None:
    """Record a permanent failure of a claimed occurrence."""
    ctx.ledger.mark_failed(key, reason, ctx.now)
    ctx.tally.failed.append((key, reason))
    log.error("post %s failed: %s", key, reason)
