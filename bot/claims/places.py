"""Where a strength served: "55 U.S. personnel served *in MINUSMA*" is MINUSMA's figure.

A record that names a mission only in a list ("… in 7 missions: MINUSCA, MONUSCO, …, MINUSMA")
gives figures across all of them: none of its figures is that mission's, so it neither supports
nor rules out a figure said to be the mission's.
"""

from __future__ import annotations

import re

from bot.claims.evidence import Evidence
from bot.claims.mentions import Mention
from bot.claims.roles import is_strength

# After the figure, within its clause: "… served in MINUSMA", "… with the MINUSMA".
_PLACE = re.compile(r"[^,;:()]{0,40}?\b(?:in|with|for)\s+(?:the\s+)?(?P<name>[A-Z][\w-]+)")


def place_of(m: Mention, sentence: str, offset: int) -> str | None:
    """The name of where the strength `m` of `sentence` (at `offset`) served, if it says."""
    if not is_strength(m):
        return None
    found = _PLACE.match(sentence, m.end - offset)
    return found.group("name") if found else None


def listed_only(place: str, ev: Evidence) -> bool:
    """`ev` names `place` only as an item of a list after a colon: not as where it counts."""
    spots = [p.start() for p in re.finditer(rf"\b{re.escape(place)}\b", ev.text, re.IGNORECASE)]
    return bool(spots) and all(":" in _sentence_before(ev.text, at) for at in spots)


def _sentence_before(text: str, at: int) -> str:
    return text[text.rfind(". ", 0, at) + 1 : at]
