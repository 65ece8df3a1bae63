"""The store checks itself: talking points against their own facts, events against theirs.

- F040: a number or date in a talking point that none of its backing facts carries;
- A140: a point states a figure from a superseded fact without dating it;
- F041 / A141: an event's summary or suggested post is contradicted by (or outdated against)
  the event's related facts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from bot.claims.compare import agrees
from bot.claims.engine import check_text
from bot.claims.evidence import ClaimIndex, Evidence, fact_evidence, plain, read_mentions
from bot.claims.mentions import Mention
from bot.facts.model import Event, Fact, Point, Problem, Store, TalkingPointSet
from bot.facts.rules import problem


def check_claims(store: Store, today: dt.date) -> list[Problem]:
    """Every F040/A140 of the talking points and F041/A141 of the events of `store`."""
    found: list[Problem] = []
    for tp in store.talking_points.values():
        for point in tp.points:
            found += check_point(point, tp, store)
    for event in store.events.values():
        found += check_event(event, store, today)
    return found


def check_point(point: Point, tp: TalkingPointSet, store: Store) -> list[Problem]:
    """F040 for each value the point's facts do not carry; A140 for an undated superseded one."""
    facts = [store.facts[i] for i in point.facts if i in store.facts]
    if not facts:
        return []  # its facts did not load (their own errors say why), or it cites none (F021)
    backing = [(f, fact_evidence(f, f.caveat or "")) for f in facts]
    where = point.location or tp.location
    text = plain(point.text)
    mentions = read_mentions(text, zeros=False)
    out = []
    for m in mentions:
        carriers = [f for f, ev in backing if _carries(ev, m)]
        shown = text[m.start : m.end]
        if not carriers:
            ids = ", ".join(point.facts) or "none"
            msg = f"talking point in '{tp.id}' states “{shown}”, which none of its facts ({ids}) "
            msg += "carries; cite a fact that does, or reword"
            out.append(problem("F040", where, msg))
        elif all(f.superseded_by for f in carriers) and not _dated(mentions, m, carriers):
            old = carriers[0]
            msg = f"talking point in '{tp.id}' states “{shown}” from '{old.id}', superseded by "
            msg += f"'{old.superseded_by}', without saying when it was true; date it or update it"
            out.append(problem("A140", where, msg))
    return out


def check_event(event: Event, store: Store, today: dt.date) -> list[Problem]:
    """F041 when the summary or suggested post contradicts the event's facts; A141 if outdated.

    The summary is checked against the event's title and date and its facts (and the facts that
    supersede them); the suggested post against all of those and the summary.
    """
    facts = [store.facts[i] for i in event.facts if i in store.facts]
    if not facts:
        return []
    facts += [store.current(f) for f in facts]
    out = []
    for field, text in (("summary", event.summary), ("suggested_post", event.suggested_post)):
        if not text:
            continue
        own = dataclasses.replace(event, summary="") if field == "summary" else event
        scope = Store(facts={f.id: f for f in facts}, events={event.id: own}, talking_points={})
        index = ClaimIndex.build(scope)
        index.ended = []  # the event's text speaks of its own time: never "present tense"
        for claim in check_text(plain(text), index, today):
            # Its own date is one the text may move on from ("…; the CMA initialled it on 14 May").
            if claim.verdict in ("contradicted", "outdated") and claim.record_id != event.id:
                code = "F041" if claim.verdict == "contradicted" else "A141"
                msg = f"event '{event.id}' {field} says “{claim.text}”: {claim.note}"
                out.append(problem(code, event.location, msg))
    return out


def _carries(ev: Evidence, m: Mention) -> bool:
    if any(agrees(m, x) for x in ev.mentions):
        return True
    record = ev.record
    as_of = record.as_of if isinstance(record, Fact) else None
    return bool(m.date and as_of and m.date.month is None and m.date.year == as_of.year)


def _dated(mentions: Sequence[Mention], m: Mention, facts: list[Fact]) -> bool:
    """The point dates the figure: it names a date in the superseded fact's year."""
    years = {f.as_of.year for f in facts}
    return any(x.date and x is not m and x.date.year in years for x in mentions)
