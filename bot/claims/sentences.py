"""Split text into sentences and clauses, keeping character offsets into the original text."""

from __future__ import annotations

import re

_END = re.compile(r"[.!?…]+[\"”’')\]*_]*(?=\s+[\"“‘(*_]*[A-Z0-9À-Ý$€£])|\n\s*\n|\n(?=\s*[-•*▪–]\s)")
_ABBREVIATION = re.compile(
    r"(?:\b(?:U\.S|U\.N|Capt|Col|Gen|Lt|Sgt|Mr|Mrs|Ms|Dr|St|No|Nos|vs|e\.g|i\.e|cf|approx|Jan|Feb|"
    r"Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Res|Art|para|[A-Z])\.)$"
)
_CLAUSE = re.compile(r";|:(?=\s)|\s[–—]\s|\(|\)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, surrounding spaces trimmed, empty ones left out."""
    spans, start = [], 0
    for m in _END.finditer(text):
        if _ABBREVIATION.search(text, max(0, m.start() - 8), m.start() + 1):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return [t for s, e in spans if (t := _trim(text, s, e))]


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the clauses of one sentence: split at `;`, `:`, dashes and brackets."""
    out, last = [], start
    for m in _CLAUSE.finditer(text, start, end):
        out.append((last, m.start()))
        last = m.end()
    out.append((last, end))
    return [(s, e) for s, e in out if e > s]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
