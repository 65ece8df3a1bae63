"""Check a text against the store: one Claim per number or date, each with a verdict.

- supported: a matching record carries the value, as the sentence words it;
- contradicted: a record about the same thing (same subject, same kind of quantity) differs;
- outdated: it matches a superseded record (the newer value is given), or it speaks in the
  present tense of something the store records as over;
- unverified: no record covers it. Never a guess.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from bot.claims.claim import Claim, as_of, ended_claim, with_verdict
from bot.claims.compare import agrees, differs, same_kind
from bot.claims.context import SUPPORT_MIN, SentenceContext, coherent, read_sentence
from bot.claims.evidence import ClaimIndex, Evidence
from bot.claims.expiry import ended_term
from bot.claims.frames import attributed, conflicting, fits, strong
from bot.claims.mentions import Mention, find_mentions
from bot.claims.names import clashes
from bot.claims.notes import error_note, nation_unsaid, repeats_error
from bot.claims.places import listed_only, place_of
from bot.claims.renewal import same_renewal
from bot.claims.sentences import split_sentences
from bot.claims.subject import (
    NOT_ANCHORS,
    anchored,
    dated_alike,
    names_shared,
    same_time,
    shares_subject,
)
from bot.claims.surface import reading_text
from bot.claims.totals import with_added
from bot.claims.unsure import MAX_CLAIMS, two_ways, unchecked_claims
from bot.facts.model import Event, Fact

CONTRADICT_MIN = 0.5  # ... to contradict one: it must be about the same thing
TITLE_MIN = 0.2  # share of an event's title words a draft needs to be about that event
MARGIN = 0.1  # how much more on topic a contradicting record must be than a supporting one


def check_text(text: str, index: ClaimIndex, today: dt.date) -> list[Claim]:
    """Every claim of `text`, in order, judged against the store behind `index`.

    Past the first MAX_CLAIMS, claims are listed as "unchecked" (never dropped): the work per
    text stays bounded whatever its shape."""
    typed, text = text, reading_text(text)
    return [replace(c, text=typed[c.start : c.end]) for c in _claims(text, index, today)]


def _claims(text: str, index: ClaimIndex, today: dt.date) -> list[Claim]:
    claims: list[Claim] = []
    spans = [(0, 0), *split_sentences(text), (len(text), len(text))]
    for before, (start, end), after in zip(spans[:-2], spans[1:-1], spans[2:], strict=True):
        room = MAX_CLAIMS - len(claims)
        mentions = find_mentions(text, start, end, today, limit=room)
        around = (text[before[0] : before[1]], text[after[0] : after[1]])
        claims += _sentence_claims(text, start, end, mentions[:room], index, around)
        if len(mentions) > room:
            return claims + unchecked_claims(text, mentions[room:], end, today)
    return claims


def _sentence_claims(text, start, end, mentions, index: ClaimIndex, around) -> list[Claim]:
    """The claims of the sentence `text[start:end]`, whose mentions are `mentions`; `around`
    are the sentences before and after it ("" at either end)."""
    context = read_sentence(text, start, end, mentions, index, around)
    if context is None:
        return []
    claims = coherent([_judge(m, context, text, index) for m in mentions], mentions, index)
    if context.ended and not mentions:
        claims.append(ended_claim(Claim(context.text, start, end, "unverified"), context.ended))
    return claims


def _judge(m: Mention, s: SentenceContext, text: str, index: ClaimIndex) -> Claim:
    """Weigh the candidate records: the best supporting one against the best contradicting one.

    A record that carries the value supports it; one about the same thing that states another
    value contradicts it, and wins only when it is clearly more on topic. A superseded record
    that carries it makes it outdated, unless the sentence dates the figure to that time.
    """
    claim = Claim(text[m.start : m.end], m.start, m.end, "unverified")
    support = conflict = old = error = None
    place = place_of(m, s.text, s.offset)

    def clash(ev: Evidence, x: Mention) -> bool:  # Timbuktu's date is not Kidal's
        return clashes(m, s.text, s.offset, ev, x, index)

    for ev, share in s.candidates_for(m, index):
        if share < SUPPORT_MIN:
            break
        if attributed(ev.record):
            continue  # the field notes' unverified claim, stored as such: it proves nothing
        if place and listed_only(place, ev):
            continue  # "served in MINUSMA": a record across seven missions is not MINUSMA's
        if error is None and ev.corrected and (x := repeats_error(m, ev, s.part_of(m))) is not None:
            error = (share, ev, x)
        stored = next(
            (x for x in ev.mentions if agrees(m, x) and fits(m, x) and not clash(ev, x)), None
        )
        if stored is not None and not (
            shares_subject(s.terms, s.text, ev) and dated_alike(m, s.dates, ev)
        ):
            continue  # the same number about another thing: "our office has 311 staff"
        newer = _newer(ev, index) if m.kind != "date" else None  # a past date is never superseded
        if stored is not None and newer is None:
            support = support or (share, ev, stored)
        elif stored is not None:
            old = old or (share, ev, stored, newer)
        elif conflict is None and share >= CONTRADICT_MIN and not s.strangers:
            found = _contradiction(m, s, ev, share, index, claim)
            conflict = (share, found) if found else None
    if error and (support is None or error[0] > support[0]):
        value = error[1].phrase(error[2]) or error[1].text
        claim = with_verdict(claim, "contradicted", error[1], value, error_note(error[1], value))
    else:
        claim = _decide(m, s, claim, support, conflict, old)
    if unsure := two_ways(m, claim):
        return unsure
    if s.ended and claim.verdict in ("supported", "unverified", "contradicted"):
        return ended_claim(claim, s.ended)
    if over := ended_term(m, s.text, s.offset, claim, s.dates, index):
        return over  # "the mandate runs to 30 June 2019": right once, over since
    if claim.verdict == "unverified":
        note = "No record in the store covers this; check it before publishing."
        return with_verdict(claim, "unverified", None, None, note)
    return claim


def _decide(m, s, claim, support, conflict, old) -> Claim:
    beaten = conflict[0] - MARGIN if conflict else 0.0
    if support and strong(m, support[2]) and (m.unit & support[2].unit or m.kind == "date"):
        beaten = 0.0  # a record states this very quantity so: another's figure is not a no
    if support and support[0] >= beaten + (0 if strong(m, support[2]) else MARGIN):
        _, ev, stored = support
        return with_verdict(claim, "supported", ev, ev.phrase(stored), f"Matches {ev.record.id}.")
    if old and (old[0] >= beaten or _phrase_like(m, old[3])):
        # It was true, and the store has a newer value for the same quantity: outdated.
        return _superseded(m, s, claim, *old[1:])
    if conflict:
        return conflict[1]
    return claim


def _superseded(m, s, claim, ev: Evidence, stored: Mention, newer: Evidence) -> Claim:
    if anchored(m, s.dates, ev):
        note = f"Matches {ev.record.id}, a dated, historical figure (since superseded)."
        return with_verdict(claim, "supported", ev, ev.phrase(stored), note)
    value = _phrase_like(m, newer) or newer.text
    note = f"Matches {ev.record.id}, superseded by {newer.record.id}: “{value}”"
    note += f" (as of {as_of(newer.record)})."
    return with_verdict(claim, "outdated", ev, value, note)


def _contradiction(m, s, ev: Evidence, share: float, index: ClaimIndex, claim: Claim):
    """A Claim contradicted by `ev`, or None when `ev` does not rule the value out."""
    if m.date and m.date.framing in (*NOT_ANCHORS, "label", "recent"):
        return None
    if not shares_subject(s.terms, s.text, ev) or not names_shared(s.names, ev):
        return None
    if not same_renewal(m, s.text, s.offset, s.dates, ev):
        return None  # "renewed to 30 June 2020": maybe a renewal the store does not record
    if any(agrees(m, x) and fits(m, x) for x in ev.mentions):
        return None  # the record carries the value, in other words
    event = m.kind == "date" and isinstance(ev.record, Event)  # only a date may be its date
    about = event and index.title_share(ev, s.text) >= TITLE_MIN
    stored = conflicting(m, ev, share, about, s.terms)
    if stored is None or clashes(m, s.text, s.offset, ev, stored, index):
        return None  # the record's figure is another resolution's, town's, person's...
    if not same_time(m, s.dates, ev):  # the sentence's dates: checked last
        return None
    if m.number is not None and with_added(stored, ev) == m.value:
        return None  # "killed 22 people, including the gunmen": "20 people plus 2 gunmen"
    if m.number is not None and nation_unsaid(s.part_of(m), ev, stored):
        return None  # "the UN ran 14 missions" is not what "U.S. personnel served in 7" counts
    newer = _newer(ev, index)
    if newer is not None and any(
        same_kind(m, x) and fits(m, x) and m.cause == x.cause and not differs(m, x)
        for x in newer.mentions
    ):
        return None  # a superseded value differs, but the current one allows the claim's
    if newer is not None and (shown := _phrase_like(m, newer)):
        ev, value = newer, shown
    else:
        value = ev.phrase(stored)
    record = ev.record
    source = f"; source: {record.sources[0].title} <{record.sources[0].url}>"
    note = f"The store says “{value}” ({record.id}, as of {as_of(record)}{source})."
    return with_verdict(claim, "contradicted", ev, value, note)


def _newer(ev: Evidence, index: ClaimIndex) -> Evidence | None:
    record = ev.record
    if not isinstance(record, Fact) or not record.superseded_by:
        return None
    current = index.store.current(record)
    return index.by_id.get(current.id) if current.id != record.id else None


def _phrase_like(m: Mention, ev: Evidence) -> str | None:
    """How `ev` states the same kind of quantity as `m`, if it does."""
    for x in ev.mentions:
        if same_kind(m, x) and fits(m, x) and (m.predicate or m.unit & x.unit):
            return ev.phrase(x)
    return None
