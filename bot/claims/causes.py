"""The cause a figure of deaths or wounds counts: hostile acts, all causes, or the others.

"Killed in attacks" (hostile), "from all causes" (all) and "died of illness", "in accidents",
"from other causes" (other: neither hostile nor all) are three different counts: a record's
"68 from other causes" is neither the all-causes 311 nor the 102 killed in attacks.
"""

from __future__ import annotations

import re

_HOSTILE = re.compile(r"\b(?:hostile|malicious|in attacks|by attacks)\b", re.I)
_ALL_CAUSES = re.compile(r"\b(?:all[- ]causes|any cause|every cause)\b", re.I)
# "Other causes" is the rest once hostile acts are counted apart, never the whole toll.
_OTHER = re.compile(
    r"\b(?:other causes|illness(?:es)?|disease|sickness|accidents?|accidental(?:ly)?"
    r"|natural causes)\b",
    re.I,
)
_TOTAL = re.compile(r"\btotal\b", re.I)
_NUMBER = re.compile(r"\d[\d,.]*")
# Where no cause is a figure's own, the first listed in the clause wins, as it always did.
_CAUSES = (("hostile", _HOSTILE), ("all", _ALL_CAUSES), ("other", _OTHER), ("all", _TOTAL))


def cause_of(text: str, start: int = 0, end: int = 0) -> str | None:
    """The cause `text` (the words around a figure at `start:end` in it) names: "hostile", "all",
    "other" or None. A figure's own words lie between it and the numbers beside it, after it
    first: in "102 killed in attacks and 68 from other causes" each figure has its own."""
    before = max((m.end() for m in _NUMBER.finditer(text, 0, start)), default=0)
    later = _NUMBER.search(text, end)
    after = later.start() if later else len(text)
    own = _first(text, end, after, nearest=min) or _first(text, before, start, nearest=max)
    return own or _first(text, 0, len(text), nearest=min, ranked=True)


def _first(text: str, lo: int, hi: int, nearest, ranked: bool = False) -> str | None:
    """The cause named in `text[lo:hi]` nearest to one end (by rank when `ranked`)."""
    found = [
        (rank if ranked else 0, m.start(), cause)
        for rank, (cause, pattern) in enumerate(_CAUSES)
        for m in pattern.finditer(text, lo, hi)
    ]
    if not found:
        return None
    if ranked:
        return min(found)[2]
    return nearest(found, key=lambda f: f[1])[2]
