"""Frames compared: whether a record's mention is about the same quantity as a draft's.

Same predicate (killed, wounded, signed...), the same counted thing (no two nationalities), the
same cause (hostile acts or all causes); what a record must be to support or to contradict.
"""

from __future__ import annotations

from bot.claims.compare import differs
from bot.claims.evidence import Evidence
from bot.claims.mentions import Mention
from bot.claims.roles import parts_clash, same_figure, standing_clash
from bot.claims.words import EVENTS, NATIONALITIES
from bot.facts.model import Event, Fact

EMPTY: frozenset[str] = frozenset()
PRIMARY_DATE_MIN = 0.5  # share a record needs to contradict an undescribed date with its own


def conflicting(
    m: Mention, ev: Evidence, share: float, about_event: bool = True, said: frozenset[str] = EMPTY
) -> Mention | None:
    """The record's mention of the same kind of quantity as `m` (whose value differs).

    `about_event`: the draft names the event itself (its title's words), so an undescribed date
    in it may be the event's date; a sentence sharing only background words is about another.
    `said`: the draft sentence's terms, which must name whose people a record's figure counts."""
    for x in ev.mentions:
        if not differs(m, x) or not units_fit(m, x, strict=True) or not causes_fit(m, x):
            continue
        if not same_figure(m, x, said, ev.terms):
            continue  # "200 military" is not ruled out by a police figure, a ceiling, AFISMA's
        if m.predicate and m.predicate == x.predicate:
            return x
        # Neither says what happened: the same counted thing, and for a measure the same relation
        # ("17 miles from" vs "40 miles from"; never "a four-day crisis" vs "five days after").
        unpredicated = m.kind != "date" and not m.predicate and not x.predicate
        if unpredicated and m.unit & x.unit and m.relation == x.relation:
            return x
    # An event's own date is what the event is about; a fact's first date need not be.
    primary = ev.mentions[0] if isinstance(ev.record, Event) else None
    if (
        m.kind == "date"
        and not m.predicate
        and share >= PRIMARY_DATE_MIN
        and primary
        and about_event
    ):
        return primary if differs(m, primary) else None
    return None


def attributed(record: Fact | Event) -> bool:
    """A low-confidence fact that only reports what the field notes said (cited to them alone,
    or "The UN Foundation's 2018 field notes said …"): a claim on record, not evidence."""
    if not isinstance(record, Fact) or record.confidence != "low":
        return False
    seed_only = all(getattr(s, "kind", None) == "seed" for s in record.sources)
    return seed_only or "field notes" in record.statement[:80]


def strong(m: Mention, x: Mention) -> bool:
    """The record states the value with the claim's own predicate (or the claim has none)."""
    return not m.predicate or m.predicate == x.predicate


def fits(m: Mention, x: Mention) -> bool:
    """`x` can state `m`'s quantity: predicates, counted things and causes do not clash. A toll
    (killed, wounded...) states no count that does not say that it happened."""
    if x.predicate in EVENTS and m.kind != "date" and m.predicate != x.predicate:
        return False
    predicates = not m.predicate or not x.predicate or m.predicate == x.predicate
    if not predicates or parts_clash(m, x) or standing_clash(m, x):
        return False
    return units_fit(m, x) and causes_fit(m, x)


def units_fit(m: Mention, x: Mention, strict: bool = False) -> bool:
    """Same counted thing: the words overlap, and no two different nationalities. `strict`
    (to contradict): "15,000 troops" is not about "50 U.S. troops", only to support."""
    ours, theirs = m.unit & NATIONALITIES, x.unit & NATIONALITIES
    if strict and (bool(ours) != bool(theirs) or bool(m.unit) != bool(x.unit)):
        return False
    if not m.unit or not x.unit:
        return True
    return bool(m.unit & x.unit) and (not ours or not theirs or bool(ours & theirs))


def causes_fit(m: Mention, x: Mention) -> bool:
    """ "In hostile acts" and "from all causes" are different counts. A draft that names its
    cause ("killed in attacks") is about a record's figure of that cause only: "311 … lost
    their lives", which names none, neither supports nor contradicts it."""
    return not m.cause or m.cause == x.cause
