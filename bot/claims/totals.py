"""A stored figure with more added to it: "killed 20 people plus 2 gunmen" also says 22 died.

A draft that counts the whole ("killed 22 people, including the two gunmen") states the sum, so
the part alone does not rule it out.
"""

from __future__ import annotations

import re

from bot.claims.evidence import Evidence
from bot.claims.mentions import Mention

_PLUS = re.compile(r"[^;.]{0,30}?\s(?:plus|and another|and a further)\s+$", re.IGNORECASE)


def with_added(x: Mention, ev: Evidence) -> float | None:
    """The total of the stored figure `x` and one added to it in `ev` ("20 … plus 2"), if any."""
    after = [y for y in ev.mentions if y.kind == x.kind and y.start > x.end and y.number]
    nxt = min(after, key=lambda y: y.start, default=None)
    if nxt is None or not _PLUS.fullmatch(ev.text, x.end, nxt.start):
        return None
    return x.value + nxt.value
