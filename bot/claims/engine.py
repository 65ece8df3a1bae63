"""Check a text against the store: one Claim per number or date, each with a verdict.

- supported: a matching record carries the value, as the sentence words it;
- contradicted: a record about the same thing (same subject, same kind of quantity) differs;
- outdated: it matches a superseded record (the newer value is given), or it speaks in the
  present tense of something the store records as over;
- unverified: no record covers it. Never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from bot.claims.compare import agrees, differs, same_kind
from bot.claims.evidence import ClaimIndex, Evidence
from bot.claims.mentions import Mention, find_mentions
from bot.claims.sentences import split_sentences
from bot.claims.tense import ended_subject
from bot.claims.words import NATIONALITIES, NUMBER_WORDS, STOP, term, tokens
from bot.facts.model import Event, Fact

VERDICTS = ("supported", "contradicted", "outdated", "unverified")
SUPPORT_MIN = 0.3  # share of the sentence's words a record must have to support a value
CONTRADICT_MIN = 0.5  # ... to contradict one: it must be about the same thing
PRIMARY_DATE_MIN = 0.5  # ... to contradict an undescribed date with the record's main date
NOT_ANCHORS = ("since", "from", "after")
MARGIN = 0.1  # how much more on topic a contradicting record must be than a supporting one
_COMMON = frozenset({"today", "united", "states", "un", "the", "president", "secretary"})
_PARTS = re.compile(r";|,\s+(?:and|but|while|whereas)\s+")


@dataclass(frozen=True)
class Claim:
    """One checkable claim: where it is, its verdict, and the store's side of it."""

    text: str
    start: int
    end: int
    verdict: str
    record_id: str | None = None
    store_value: str | None = None
    note: str = ""
    as_of: str | None = None
    source_title: str | None = None
    source_url: str | None = None

    @property
    def flagged(self) -> bool:
        """True for what must not be published as is: contradicted or outdated."""
        return self.verdict in ("contradicted", "outdated")


@dataclass(frozen=True)
class _Sentence:
    text: str
    offset: int
    mentions: list[Mention]
    candidates: list[tuple[Evidence, float]]
    ended: Fact | None
    parts: list[tuple[int, int]]
    strangers: bool  # names something the store has never heard of ("Russia", "Wagner")
    by_part: dict = field(default_factory=dict)  # candidates of each part, found once


def check_text(text: str, index: ClaimIndex, today: dt.date) -> list[Claim]:
    """Every claim of `text`, in order, judged against the store behind `index`."""
    claims: list[Claim] = []
    before = ""
    for start, end in split_sentences(text):
        mentions = find_mentions(text, start, end, today)
        sentence = text[start:end]
        ended = ended_subject(sentence, mentions, index.ended, before)
        before = sentence
        if not mentions and not ended:
            continue
        found = index.candidates(index.terms_of(sentence), min_share=SUPPORT_MIN)
        parts, strangers = _parts(sentence, start), _names_unknown(sentence, index)
        context = _Sentence(sentence, start, mentions, found, ended, parts, strangers)
        judged = [_judge(m, context, text, index) for m in mentions]
        claims += _coherent(judged, mentions, index)
        if ended and not mentions:
            claims.append(_ended_claim(Claim(sentence, start, end, "unverified"), ended))
    return claims


def _judge(m: Mention, s: _Sentence, text: str, index: ClaimIndex) -> Claim:
    """Weigh the candidate records: the best supporting one against the best contradicting one.

    A record that carries the value supports it; one about the same thing that states another
    value contradicts it, and wins only when it is clearly more on topic. A superseded record
    that carries it makes it outdated, unless the sentence dates the figure to that time.
    """
    claim = Claim(text[m.start : m.end], m.start, m.end, "unverified")
    support = conflict = old = None
    for ev, share in _candidates(m, s, index):
        if share < SUPPORT_MIN:
            break
        if _attributed(ev.record):
            continue  # the field notes' unverified claim, stored as such: it proves nothing
        stored = next((x for x in ev.mentions if agrees(m, x) and _fits(m, x)), None)
        newer = _newer(ev, index) if m.kind != "date" else None  # a past date is never superseded
        if stored is not None and newer is None:
            support = support or (share, ev, stored)
        elif stored is not None:
            old = old or (share, ev, stored, newer)
        elif conflict is None and share >= CONTRADICT_MIN and not s.strangers:
            found = _contradiction(m, s, ev, share, index, claim)
            conflict = (share, found) if found else None
    claim = _decide(m, s, claim, support, conflict, old)
    if s.ended and claim.verdict in ("supported", "unverified", "contradicted"):
        return _ended_claim(claim, s.ended)
    if claim.verdict == "unverified":
        note = "No record in the store covers this; check it before publishing."
        return _with(claim, "unverified", None, None, note)
    return claim


def _decide(m, s, claim, support, conflict, old) -> Claim:
    beaten = conflict[0] - MARGIN if conflict else 0.0
    if support and _strong(m, support[2]) and (m.unit & support[2].unit or m.kind == "date"):
        beaten = 0.0  # a record states this very quantity so: another's figure is not a no
    if support and support[0] >= beaten + (0 if _strong(m, support[2]) else MARGIN):
        _, ev, stored = support
        return _with(claim, "supported", ev, ev.phrase(stored), f"Matches {ev.record.id}.")
    if old and (old[0] >= beaten or _phrase_like(m, old[3])):
        # It was true, and the store has a newer value for the same quantity: outdated.
        return _superseded(m, s, claim, *old[1:])
    if conflict:
        return conflict[1]
    return claim


def _candidates(m: Mention, s: _Sentence, index: ClaimIndex) -> list[tuple[Evidence, float]]:
    """The sentence's candidates; for a mention in one part of a compound sentence, that part's."""
    if len(s.parts) > 1:
        start, end = next((a, b) for a, b in s.parts if a <= m.start < b or b == s.parts[-1][1])
        if (start, end) not in s.by_part:
            terms = index.terms_of(s.text[start - s.offset : end - s.offset])
            found = index.candidates(terms, min_share=SUPPORT_MIN) if len(terms) >= 2 else None
            s.by_part[(start, end)] = found
        if s.by_part[(start, end)] is not None:
            return s.by_part[(start, end)]
    return s.candidates


def _superseded(m, s, claim, ev: Evidence, stored: Mention, newer: Evidence) -> Claim:
    if _anchored(m, s, ev):
        note = f"Matches {ev.record.id}, a dated, historical figure (since superseded)."
        return _with(claim, "supported", ev, ev.phrase(stored), note)
    value = _phrase_like(m, newer) or newer.text
    note = f"Matches {ev.record.id}, superseded by {newer.record.id}: “{value}”"
    note += f" (as of {_as_of(newer.record)})."
    return _with(claim, "outdated", ev, value, note)


def _contradiction(m, s, ev: Evidence, share: float, index: ClaimIndex, claim: Claim):
    """A Claim contradicted by `ev`, or None when `ev` does not rule the value out."""
    if not _same_time(m, s, ev) or (m.date and m.date.framing in (*NOT_ANCHORS, "label")):
        return None
    if any(agrees(m, x) and _fits(m, x) for x in ev.mentions):
        return None  # the record carries the value, in other words
    stored = _conflicting(m, ev, share)
    if stored is None:
        return None
    newer = _newer(ev, index)
    if newer is not None and (shown := _phrase_like(m, newer)):
        ev, value = newer, shown
    else:
        value = ev.phrase(stored)
    record = ev.record
    source = f"; source: {record.sources[0].title} <{record.sources[0].url}>"
    note = f"The store says “{value}” ({record.id}, as of {_as_of(record)}{source})."
    return _with(claim, "contradicted", ev, value, note)


def _names_unknown(sentence: str, index: ClaimIndex) -> bool:
    """True when the sentence names (a capitalised word, not its first) what no record knows.

    The store is a closed world: a sentence about Russia or the Wagner Group is about something
    it cannot speak to, so it may support a value but never contradicts one.
    """
    words = tokens(sentence)[1:]
    return any(
        sentence[start].isupper() and not index.knows(term(w))
        for w, start, _ in words
        if w.isalpha() and w not in STOP and w not in NUMBER_WORDS and w not in _COMMON
    )


def _parts(sentence: str, offset: int) -> list[tuple[int, int]]:
    """Absolute spans of the parts of a compound sentence ("…, and …"; "…; …")."""
    cuts = [(m.start(), m.end()) for m in _PARTS.finditer(sentence)]
    starts = [0] + [e for _, e in cuts]
    ends = [s for s, _ in cuts] + [len(sentence)]
    return [(offset + a, offset + b) for a, b in zip(starts, ends, strict=True)]


def _coherent(claims: list[Claim], mentions: list[Mention], index: ClaimIndex) -> list[Claim]:
    """A sentence's date agrees with the record that supports its figure: that record decides.

    "In 2018 MINUSMA's ceiling was 13,289": once 13,289 is matched to a 2018 record, "2018" is
    that record's time, not a claim for another record to contradict. A year alone beside a
    figure only frames it: it is never contradicted on its own.
    """
    backers = [
        index.by_id[c.record_id]
        for c in claims
        if c.verdict != "unverified" and c.record_id in index.by_id
    ]
    has_figures = any(m.kind != "date" for m in mentions)
    out = []
    for claim, m in zip(claims, mentions, strict=True):
        if m.kind == "date" and claim.verdict in ("contradicted", "unverified"):
            ev = next((b for b in backers if any(agrees(m, x) for x in b.mentions)), None)
            if ev is not None:
                claim = _with(claim, "supported", ev, m.date.iso(), f"Matches {ev.record.id}.")
            elif claim.verdict == "contradicted" and has_figures and m.date.month is None:
                note = "No record in the store covers this; check it before publishing."
                claim = _with(claim, "unverified", None, None, note)
        out.append(claim)
    return out


def _conflicting(m: Mention, ev: Evidence, share: float) -> Mention | None:
    """The record's mention of the same kind of quantity as `m` (whose value differs)."""
    for x in ev.mentions:
        if not differs(m, x) or not _units_fit(m, x, strict=True) or not _causes_fit(m, x):
            continue
        if m.predicate and m.predicate == x.predicate:
            return x
        # Neither says what happened: the same counted thing, and for a measure the same relation
        # ("17 miles from" vs "40 miles from"; never "a four-day crisis" vs "five days after").
        unpredicated = m.kind != "date" and not m.predicate and not x.predicate
        if unpredicated and m.unit & x.unit and m.relation == x.relation:
            return x
    # An event's own date is what the event is about; a fact's first date need not be.
    primary = ev.mentions[0] if isinstance(ev.record, Event) else None
    if m.kind == "date" and not m.predicate and share >= PRIMARY_DATE_MIN and primary:
        return primary if differs(m, primary) else None
    return None


def _attributed(record: Fact | Event) -> bool:
    """A low-confidence fact that only reports what the field notes said (cited to them alone,
    or "The UN Foundation's 2018 field notes said …"): a claim on record, not evidence."""
    if not isinstance(record, Fact) or record.confidence != "low":
        return False
    seed_only = all(getattr(s, "kind", None) == "seed" for s in record.sources)
    return seed_only or "field notes" in record.statement[:80]


def _strong(m: Mention, x: Mention) -> bool:
    """The record states the value with the claim's own predicate (or the claim has none)."""
    return not m.predicate or m.predicate == x.predicate


def _fits(m: Mention, x: Mention) -> bool:
    predicates = not m.predicate or not x.predicate or m.predicate == x.predicate
    return predicates and _units_fit(m, x) and _causes_fit(m, x)


def _units_fit(m: Mention, x: Mention, strict: bool = False) -> bool:
    """Same counted thing: the words overlap, and no two different nationalities. `strict`
    (to contradict): "15,000 troops" is not about "50 U.S. troops", only to support."""
    ours, theirs = m.unit & NATIONALITIES, x.unit & NATIONALITIES
    if strict and (bool(ours) != bool(theirs) or bool(m.unit) != bool(x.unit)):
        return False
    if not m.unit or not x.unit:
        return True
    return bool(m.unit & x.unit) and (not ours or not theirs or bool(ours & theirs))


def _causes_fit(m: Mention, x: Mention) -> bool:
    return not m.cause or not x.cause or m.cause == x.cause


def _anchors(m: Mention, s: _Sentence) -> list[Mention]:
    return [x for x in s.mentions if x.date and x is not m and x.date.framing not in NOT_ANCHORS]


def _same_time(m: Mention, s: _Sentence, ev: Evidence) -> bool:
    """False when the sentence is dated and none of its dates is one of the record's years."""
    anchors = _anchors(m, s)
    return not anchors or any(a.date.year in ev.years for a in anchors)


def _anchored(m: Mention, s: _Sentence, ev: Evidence) -> bool:
    """True when the sentence dates the figure to the superseded record's time."""
    as_of = ev.record.as_of.year if isinstance(ev.record, Fact) else ev.record.date.year
    return any(a.date.year == as_of for a in _anchors(m, s))


def _newer(ev: Evidence, index: ClaimIndex) -> Evidence | None:
    record = ev.record
    if not isinstance(record, Fact) or not record.superseded_by:
        return None
    current = index.store.current(record)
    return index.by_id.get(current.id) if current.id != record.id else None


def _phrase_like(m: Mention, ev: Evidence) -> str | None:
    """How `ev` states the same kind of quantity as `m`, if it does."""
    for x in ev.mentions:
        if same_kind(m, x) and _fits(m, x) and (m.predicate or m.unit & x.unit):
            return ev.phrase(x)
    return None


def _ended_claim(claim: Claim, fact: Fact) -> Claim:
    name = fact.ended.subject[0]
    note = f"Stated in the present tense, but {name} ended on {fact.ended.date:%-d %B %Y}"
    note += f" ({fact.id})."
    value = f"{name} ended on {fact.ended.date:%-d %B %Y}"
    return Claim(claim.text, claim.start, claim.end, "outdated", fact.id, value, note,
                 fact.as_of.isoformat(), fact.sources[0].title, fact.sources[0].url)  # fmt: skip


def _with(claim: Claim, verdict: str, ev: Evidence | None, value: str | None, note: str) -> Claim:
    record = ev.record if ev else None
    source = record.sources[0] if record and record.sources else None
    return Claim(claim.text, claim.start, claim.end, verdict,
                 record.id if record else None, value, note,
                 _as_of(record) if record else None,
                 source.title if source else None, source.url if source else None)  # fmt: skip


def _as_of(record: Fact | Event) -> str:
    return record.date.iso() if isinstance(record, Event) else record.as_of.isoformat()
