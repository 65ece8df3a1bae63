"""Renewed terms: a mandate renewed or extended to a date is one renewal of several.

MINUSMA's mandate was renewed every year; the store records some renewals, not all. A sentence
that renews a term to another date ("renewed to 30 June 2020") may be about a renewal the store
does not record, so a record of another renewal rules out its dates only when the sentence names
that same renewal: the resolution the record cites, or the date the record says it was adopted.
"""

from __future__ import annotations

import re

from bot.claims.compare import agrees
from bot.claims.evidence import Evidence
from bot.claims.mentions import Mention
from bot.claims.words import content_terms

_RENEWAL = re.compile(r"\b(?:renew|extend|prolong)\w*", re.IGNORECASE)
# The words before a date that make it the end of a term: "to", "until", "through the end of".
_TERM_END = re.compile(r"\b(?:to|until|till|through)\s+(?:the\s+end\s+of\s+)?$", re.IGNORECASE)
# "renewed on 28 June 2018", "adopted on", "resolution 2423 of": the date of a past act.
_ACT = re.compile(r"(?:\b[a-z]+ed\s+(?:on|in)|\bof)\s+$", re.IGNORECASE)
_LOOK_BACK = 30  # characters before a date where its "to", "until" or verb may be


def ends_term(d: Mention, sentence: str, offset: int) -> bool:
    """The date `d` of `sentence` (which starts at `offset`) is where a term ends."""
    start = d.start - offset
    return bool(_TERM_END.search(sentence, max(0, start - _LOOK_BACK), start))


def dates_an_act(d: Mention, sentence: str, offset: int) -> bool:
    """The date `d` says when something was done ("renewed on 28 June 2018"), not when the
    sentence speaks ("In 2018, the mandate runs to …")."""
    start = d.start - offset
    return bool(_ACT.search(sentence, max(0, start - _LOOK_BACK), start))


def same_renewal(
    m: Mention, sentence: str, offset: int, dates: list[Mention], ev: Evidence
) -> bool:
    """False when `sentence` renews a term and names nothing that makes it the renewal `ev`
    records: then `ev`'s dates do not rule out the date `m` (True for anything else)."""
    if m.kind != "date" or not _RENEWAL.search(sentence):
        return True
    if any(t.startswith("#") and t in ev.terms for t in content_terms(sentence)):
        return True  # "Resolution 2423 renewed …": the record's own resolution
    adopted = [d for d in dates if d is not m and not ends_term(d, sentence, offset)]
    return any(agrees(d, x) for d in adopted for x in ev.mentions if x.date)
