"""A term said to run to a date ("the mandate runs to 30 June 2019") of something the store
records as over: the date was right once, but the present tense says the term still holds.

The record that supports the date names what the term belongs to ("renewed MINUSMA's mandate to
30 June 2019"); a fact with `ended` for that name (MINUSMA ended on 30 June 2023) makes the
sentence outdated, and is the newer record cited.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from bot.claims.claim import Claim, ended_claim, human_date
from bot.claims.evidence import ClaimIndex
from bot.claims.mentions import Mention
from bot.claims.renewal import dates_an_act
from bot.claims.words import fold
from bot.facts.model import Fact

# A present-tense verb of duration, then up to a few words, then the word before the end date.
_RUNS_TO = re.compile(
    r"\b(?:runs?|lasts|continues?|extends?|expires?|ends|goes|"
    r"(?:is|are)\s+(?:valid|in\s+force|renewed|extended|due\s+to\s+(?:run|end|expire))|"
    r"remains?\s+(?:valid|in\s+force)|(?:has|have)\s+been\s+(?:renewed|extended))"
    r"\b[\w\s'’]{0,30}?\b(?:to|until|till|through|on)\s+(?:the\s+end\s+of\s+)?$",
    re.IGNORECASE,
)
_LOOK_BACK = 80  # characters before the date where its verb may be


def ended_term(
    m: Mention, sentence: str, offset: int, claim: Claim, dates: list[Mention], index: ClaimIndex
) -> Claim | None:
    """`claim` (on the date `m` of `sentence`, which starts at `offset`) made outdated when the
    sentence says a term runs to that date and the store records its holder as over; else None.

    A sentence dated otherwise ("In 2018, the mandate runs to 30 June 2019") is a historical
    present, left as it is; a date of the renewal itself ("renewed on 28 June 2018") dates no
    present."""
    if m.kind != "date" or claim.verdict != "supported" or claim.record_id is None:
        return None
    if any(
        d is not m and d.date and d.date.framing is None and not dates_an_act(d, sentence, offset)
        for d in dates
    ):
        return None
    start = m.start - offset
    if not _RUNS_TO.search(sentence, max(0, start - _LOOK_BACK), start):
        return None
    ev = index.by_id.get(claim.record_id)
    over = _holder(fold(sentence), index) or (_holder(fold(ev.text), index) if ev else None)
    if over is None or over.ended is None or _same_day(m, over.ended.date):
        return None  # "the mandate ends on 30 June 2023": the day it did end, only the tense is off
    outdated = ended_claim(claim, over)
    name, when = over.ended.subject[0], human_date(over.ended.date)
    note = (
        f"Right once ({claim.record_id}), but stated as still running: {name} ended on {when} "
        f"({over.id})."
    )
    return replace(outdated, note=note)


def _same_day(m: Mention, day: dt.date) -> bool:
    """The date `m` is `day`, as precisely as it is written."""
    d = m.date
    if d is None:
        return False
    return d.year == day.year and d.month in (None, day.month) and d.day in (None, day.day)


def _holder(folded: str, index: ClaimIndex) -> Fact | None:
    """The ended fact whose subject `folded` names first."""
    found = []
    for fact in index.ended:
        names = fact.ended.subject if fact.ended else []
        places = [
            p.start() for n in names for p in re.finditer(rf"\b{re.escape(fold(n))}\b", folded)
        ]
        if places:
            found.append((min(places), fact.id, fact))
    return min(found)[2] if found else None
