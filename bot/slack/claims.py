"""Fact-check findings as Slack shows them: an ephemeral reply and a modal (blocks + fallback).

Pure rendering, no Slack calls. Each claim gets a mark (✓ supported, ✗ contradicted, ⚠ outdated,
? unverified), the draft's words around it, and the store's value with its citation. Problems
come first; what does not fit Slack's limits is counted in a summary line, never silently dropped.
"""

from __future__ import annotations

from bot.claims.claim import Claim
from bot.claims.report import MARKS, summary
from bot.grammar import count
from bot.slack.text import (
    MAX_BLOCKS,
    MAX_SECTION,
    context,
    escape,
    finish,
    header,
    link,
    section,
    truncate,
)

MAX_MODAL_BLOCKS = 100
CONTEXT_CHARS = 60  # of the draft, either side of a claim
ORDER = {"contradicted": 0, "outdated": 1, "unverified": 2, "unchecked": 3, "supported": 4}
USAGE = (
    "*Check a draft before you publish it:* `/factcheck &lt;your draft&gt;`. Every number and "
    "date is checked against the fact store: ✓ supported, ✗ contradicted, ⚠ outdated, ? not in "
    "the store. Only you see the answer; the draft is never posted. On a message, use the "
    "*Check facts* shortcut (the ⋮ menu)."
)


def render_factcheck(draft: str, claims: list[Claim]) -> tuple[list, str]:
    """The ephemeral `/factcheck` reply."""
    if not draft.strip():
        return finish([context(USAGE)], USAGE)
    blocks = [header("Fact check"), *_findings(draft, claims, MAX_BLOCKS - 2)]
    return finish(blocks, fallback(claims))


def render_modal(draft: str, claims: list[Claim]) -> dict:
    """The **Check facts** modal for `views.open`."""
    if not draft.strip():
        body = [context("This message has no text to check.")]
    else:
        body = _findings(draft, claims, MAX_MODAL_BLOCKS - 1)
    blocks, _ = finish(body, "", MAX_MODAL_BLOCKS)
    return {
        "type": "modal",
        "callback_id": "check_facts_result",
        "title": {"type": "plain_text", "text": "Check facts"},
        "close": {"type": "plain_text", "text": "Close"},
        "blocks": blocks,
    }


def fallback(claims: list[Claim]) -> str:
    """The notification text: the summary, problems named first."""
    flagged = [c for c in claims if c.flagged]
    named = "; ".join(f"{MARKS[c.verdict]} {c.text} ({c.verdict})" for c in flagged[:5])
    return summary(claims) + (f" — {named}" if named else "")


def _findings(draft: str, claims: list[Claim], room: int) -> list[dict]:
    """A summary line, then the claims (problems first) packed into sections, within `room`."""
    ordered = sorted(claims, key=lambda c: (ORDER[c.verdict], c.start))
    chunks, counts = _pack([claim_line(draft, c) for c in ordered], MAX_SECTION - 100)
    shown = chunks[: room - 2]
    left = ordered[sum(counts[: len(shown)]) :]
    blocks = [context(escape(summary(claims))), *(section(chunk) for chunk in shown)]
    if left:
        kinds = ", ".join(f"{n:,} {v}" for v in ORDER if (n := sum(c.verdict == v for c in left)))
        more = (
            f"…and {count(len(left), 'more claim')} not shown ({kinds}): check the draft in parts."
        )
        blocks.append(context(more))
    return blocks


def _pack(lines: list[str], limit: int) -> tuple[list[str], list[int]]:
    """Lines joined into as few texts of at most `limit` characters as fit; lines per text."""
    chunks: list[str] = []
    counts: list[int] = []
    for line in lines:
        line = truncate(line, limit)
        if chunks and len(chunks[-1]) + 1 + len(line) <= limit:
            chunks[-1] += "\n" + line
            counts[-1] += 1
        else:
            chunks.append(line)
            counts.append(1)
    return chunks, counts


def claim_line(draft: str, claim: Claim) -> str:
    """`• ✗ *contradicted*: …were *Eight* French soldiers… store: “…” (record, date, source)`."""
    raw_before = draft[max(0, claim.start - CONTEXT_CHARS) : claim.start]
    raw_after = draft[claim.end : claim.end + CONTEXT_CHARS]
    before = _squash(raw_before.split(" ", 1)[-1] if claim.start > CONTEXT_CHARS else raw_before)
    after = _squash(raw_after.rsplit(" ", 1)[0] if len(raw_after) == CONTEXT_CHARS else raw_after)
    gap_before = " " if raw_before[-1:].isspace() else ""
    gap_after = " " if raw_after[:1].isspace() else ""
    text = escape(_squash(claim.text))
    lead = "…" if claim.start > CONTEXT_CHARS else ""
    tail = "…" if claim.end + CONTEXT_CHARS < len(draft) else ""
    words = f"{lead}{escape(before)}{gap_before}*{text}*{gap_after}{escape(after)}{tail}"
    line = f"• {MARKS[claim.verdict]} *{claim.verdict}*: {words}"
    if claim.verdict == "unchecked":
        return line + "\n      not checked (too many numbers in one message): check it apart."
    if claim.verdict == "unverified" or not claim.record_id:
        return line + "\n      not in the store: check it before publishing."
    cited = [f"`{escape(claim.record_id)}`"]
    if claim.as_of:
        cited.append(f"as of {escape(claim.as_of)}")
    if claim.source_url:
        cited.append(link(claim.source_url, truncate(claim.source_title or "source", 120)))
    value = f"“{escape(truncate(claim.store_value or '', 300))}” " if claim.store_value else ""
    line += f"\n      store: {value}({', '.join(cited)})"
    if claim.verdict == "outdated":
        line += f"\n      {escape(truncate(claim.note, 400))}"
    return line


def _squash(text: str) -> str:
    return " ".join(text.split())
