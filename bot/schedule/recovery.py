"""Recovering a dead process's claim: look in the channel's history first, then post or settle.

The claim is taken over atomically (one recoverer wins), then the history is searched for the
post's metadata key, so a post that landed is not doubled and one that did not is not lost. If
the lookup fails (429, network), the claim is kept for the next pass: releasing it would let the
main loop post again although the message may have landed. No Slack here.
"""

from __future__ import annotations

import logging

from bot.schedule.attempts import (
    HISTORY_MARGIN,
    MAX_ATTEMPTS,
    POST_DEADLINE,
    Context,
    PermanentPostError,
    PostError,
    fail,
    leave,
    post_claimed,
)
from bot.schedule.ledger import LedgerEntry
from bot.schedule.model import Occurrence

log = logging.getLogger(__name__)


def recover(ctx: Context, entry: LedgerEntry, occ: Occurrence | None) -> None:
    """Adopt a dead process's claim, then: found in history → posted; else post, miss or fail."""
    deadline = ctx.monotonic() + POST_DEADLINE  # counted from the take-over, like a claim
    if not ctx.ledger.take_over(entry.key, entry.claimed_by or "", ctx.owner, ctx.clock()):
        return  # another process adopted it first
    log.warning("recovering claim %s left by %s", entry.key, entry.claimed_by)
    gave_up = f"gave up after {MAX_ATTEMPTS} attempts"
    last_attempt = entry.attempts + 1 > MAX_ATTEMPTS
    try:
        ts = ctx.poster.find_posted(entry.channel, entry.key, entry.due_at - HISTORY_MARGIN)
    except PermanentPostError as exc:  # e.g. not_in_channel: posting cannot work either
        fail(ctx, entry.key, exc.reason)
        return
    except PostError as exc:  # we cannot tell whether it landed: keep the claim, never repost
        reason = f"history lookup failed: {exc}"
        if last_attempt:
            fail(ctx, entry.key, f"{gave_up}; {reason}")
        else:
            leave(ctx, entry.key, reason)
        return
    if ts:
        ctx.ledger.mark_posted(entry.key, ts, ctx.now)
        ctx.tally.recovered.append(entry.key)
    elif last_attempt:
        fail(ctx, entry.key, gave_up)
    elif occ is None:
        fail(ctx, entry.key, "claim abandoned and the occurrence is no longer scheduled")
    elif ctx.now - occ.post_at > ctx.grace:
        ctx.ledger.mark_missed(occ, ctx.now, "claim abandoned; too late to post by now")
        ctx.tally.missed.append(entry.key)
    elif post_claimed(ctx, occ, deadline, uncertain=True):
        ctx.tally.recovered.append(entry.key)
