"""Claims as the command line shows them: JSON for pipelines, readable lines for people."""

from __future__ import annotations

from bot.claims.claim import Claim
from bot.grammar import count

MARKS = {
    "supported": "✓",
    "contradicted": "✗",
    "outdated": "⚠",
    "unverified": "?",
    "unchecked": "…",  # past the limit of claims checked per text
}


def to_json(claims: list[Claim], draft: str) -> dict:
    """`{"claims": [{text, start, end, start_utf16, end_utf16, verdict, record_id, store_value,
    note, as_of, source}]}`: `start`/`end` index code points (Python), `*_utf16` UTF-16 units
    (JavaScript, Slack clients) of `draft`."""
    utf16 = utf16_offsets(draft)
    return {
        "claims": [
            {
                "text": c.text,
                "start": c.start,
                "end": c.end,
                "start_utf16": utf16[c.start],
                "end_utf16": utf16[c.end],
                "verdict": c.verdict,
                "record_id": c.record_id,
                "store_value": c.store_value,
                "note": c.note,
                "as_of": c.as_of,
                "source": c.source_url,
            }
            for c in claims
        ]
    }


def utf16_offsets(text: str) -> list[int]:
    """For each code-point index of `text` (and its end), the same place in UTF-16 units."""
    offsets, at = [0], 0
    for ch in text:
        at += 2 if ord(ch) > 0xFFFF else 1  # outside the BMP: a surrogate pair
        offsets.append(at)
    return offsets


def render_lines(claims: list[Claim]) -> list[str]:
    """One line per claim (mark, verdict, the words, where), its note below, then a summary."""
    lines = []
    for c in claims:
        lines.append(f"{MARKS[c.verdict]} {c.verdict}: “{c.text}” (characters {c.start}–{c.end})")
        lines.append(f"    {c.note}")
    return [*lines, summary(claims)]


def summary(claims: list[Claim]) -> str:
    """`2 claims: 1 supported, 1 contradicted` (or that none was found)."""
    if not claims:
        return "No checkable claims (numbers or dates) found."
    counts = [f"{n:,} {v}" for v in MARKS if (n := sum(1 for c in claims if c.verdict == v))]
    return f"{count(len(claims), 'claim')}: " + ", ".join(counts)


def exit_code(claims: list[Claim]) -> int:
    """1 when any claim is contradicted or outdated (a publishing pipeline stops), else 0."""
    return 1 if any(c.flagged for c in claims) else 0
