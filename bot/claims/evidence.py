"""The store as evidence: each fact and event's mentions and terms, and an index to find them.

Built once per store snapshot (`ClaimIndex.build`); a sentence then finds its candidate records
by the words it shares with them, weighted by how rare each word is in the store.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
import math
import re
from collections import defaultdict
from dataclasses import dataclass

from bot.claims.compare import agrees
from bot.claims.dates import DateMention
from bot.claims.mentions import Mention, find_mentions
from bot.claims.roles import with_outer_nationality
from bot.claims.sentences import split_sentences
from bot.claims.words import PREDICATES, content_terms, fold, term, tokens
from bot.facts.model import Event, Fact, Store
from bot.mrkdwn import stored_plain

_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")  # A110 reports them; they split no number
_EMPHASIS = re.compile(r"(?<!\w)[*_~]+|[*_~]+(?!\w)")
_OF_THEM = re.compile(r"\s+of\s+(?:them|whom|those)\b", re.IGNORECASE)
MAX_POSTINGS = 500  # a word in more records than this finds nothing by itself (see `candidates`)
CANDIDATES = 16
FOCUS = 0.25  # how much the share of the record's own words counts in the ranking
# Evidence dates are read with a fixed "today": the store never says "last July".
_STORE_TODAY = dt.date(2000, 1, 1)


def synonym_terms(store: Store) -> dict[str, str]:
    """term -> the term of its synonym group's first word, for the store's one-word synonyms."""
    same: dict[str, str] = {}
    for group in store.synonyms:
        words = [w for w in group if " " not in w.strip()]
        if len(words) > 1:
            first = term(fold(words[0]))
            same.update({term(fold(w)): first for w in words[1:] if term(fold(w)) != first})
    return same


def plain(text: str) -> str:
    """Stored mrkdwn as the words a reader reads (the text model's), emphasis marks left out."""
    return _INVISIBLE.sub("", _EMPHASIS.sub("", stored_plain(text)))


@dataclass(frozen=True)
class Evidence:
    """One record as evidence: its plain text, its mentions and its matching terms."""

    record: Fact | Event
    text: str
    mentions: tuple[Mention, ...]
    terms: frozenset[str]
    years: frozenset[int]
    corrected: tuple[Mention, ...] = ()  # the field notes' values the record corrects

    def phrase(self, mention: Mention) -> str:
        """The words of the record that state `mention` ("no French soldier was killed")."""
        start, end = mention.phrase
        return " ".join(self.text[start:end].split()) if end > start else ""


def read_mentions(text: str, zeros: bool = True) -> tuple[Mention, ...]:
    """Every mention of every sentence of `text`."""
    found: list[Mention] = []
    for start, end in split_sentences(text):
        for m in find_mentions(text, start, end, _STORE_TODAY, zeros=zeros):
            counted = next((x for x in reversed(found) if x.kind == "count" and x.unit), None)
            if m.kind == "count" and not m.unit and counted and _OF_THEM.match(text, m.end):
                m = dataclasses.replace(m, unit=counted.unit)  # "About 105 of them": of those
            if m.kind == "count" and "(" in text:
                m = with_outer_nationality(text, m, [x for x in found if x.start >= start])
            found.append(m)
    return tuple(found)


def corrected_mentions(fact: Fact, stated: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """The mentions of the fact's `seed_claim` (the field notes' words) that none of its
    `stated` mentions makes true: the notes' errors the fact corrects."""
    if not fact.seed_claim:
        return ()
    claimed = read_mentions(plain(fact.seed_claim), zeros=False)
    return tuple(x for x in claimed if not any(agrees(x, s) for s in stated))


def fact_evidence(fact: Fact, extra: str = "") -> Evidence:
    """A fact as evidence: its statement and the note under it (`extra` adds, e.g., the caveat)."""
    parts = [fact.statement, getattr(fact, "note", None) or "", extra]
    text = plain(" ".join(p for p in parts if p))
    mentions = read_mentions(text)
    words = " ".join([text, *fact.aliases, *(t for t in fact.tags if not t.isdigit())])
    years = {m.date.year for m in mentions if m.date} | {fact.as_of.year}
    corrected = corrected_mentions(fact, mentions)
    terms = frozenset(content_terms(words))
    return Evidence(fact, text, mentions, terms, frozenset(years), corrected)


def event_evidence(event: Event) -> Evidence:
    """An event as evidence: its title and summary, and its date stated by its title."""
    title = plain(event.title)
    text = f"{title}. {plain(event.summary)}"
    d = event.date
    predicate = next((term(w) for w, _, _ in tokens(title) if term(w) in PREDICATES), None)
    own = Mention(0, len(title), "date", date=DateMention(0, 0, d.year, d.month, d.day),
                  predicate=predicate, phrase=(0, len(title)))  # fmt: skip
    mentions = (own, *read_mentions(text))
    words = " ".join([text, *event.aliases, *(t for t in event.tags if not t.isdigit())])
    years = {m.date.year for m in mentions if m.date}
    return Evidence(event, text, mentions, frozenset(content_terms(words)), frozenset(years))


class ClaimIndex:
    """Facts and events as evidence, with an inverted index from term to records."""

    def __init__(self, store: Store, evidence: list[Evidence]):
        self.store = store
        self.evidence = evidence
        self.by_id = {e.record.id: e for e in evidence}
        postings: dict[str, list[int]] = defaultdict(list)
        for number, item in enumerate(evidence):
            for t in item.terms:
                postings[t].append(number)
        self._postings = dict(postings)
        total = len(evidence) or 1
        self._idf = {t: math.log(1 + total / len(p)) for t, p in postings.items()}
        # A word no record uses weighs like a rare one, but less: a draft's own wording ("took
        # place", "recommitted") should not make it look off topic. Names are `strangers`.
        self._unknown_idf = 0.5 * math.log(1 + total)
        self._weight = [sum(self._idf[t] for t in item.terms) or 1.0 for item in evidence]
        self.ended = [f for f in store.facts.values() if getattr(f, "ended", None)]
        self.same: dict[str, str] = {}

    @classmethod
    def build(cls, store: Store) -> ClaimIndex:
        """Index every fact and event of `store` (its synonym groups read as one term each)."""
        evidence = [fact_evidence(f) for f in store.facts.values()]
        evidence += [event_evidence(e) for e in store.events.values()]
        same = synonym_terms(store)
        if same:
            evidence = [dataclasses.replace(e, terms=frozenset(same.get(t, t) for t in e.terms))
                        for e in evidence]  # fmt: skip
        index = cls(store, evidence)
        index.same = same
        return index

    def terms_of(self, text: str) -> list[str]:
        """The matching terms of a draft's text, the store's synonyms folded as in the records."""
        return [self.same.get(t, t) for t in content_terms(text)]

    def title_share(self, ev: Evidence, text: str) -> float:
        """How much of an event's title (weighted by rarity) `text` says: is it about it?"""
        title = set(self.terms_of(ev.record.title))
        said = set(self.terms_of(text))
        total = sum(self._idf.get(t, self._unknown_idf) for t in title)
        return sum(self._idf.get(t, 0.0) for t in title & said) / total if total else 0.0

    def knows(self, term: str) -> bool:
        """True when some record uses the term (or a synonym of it: `Keïta` is `IBK`)."""
        return self.same.get(term, term) in self._postings

    def spread(self, term: str) -> float:
        """The share of the records that use the term: near 1 for the store's setting ("Mali")."""
        return len(self._postings.get(self.same.get(term, term), ())) / (len(self.evidence) or 1)

    def candidates(
        self, terms: list[str], limit: int = CANDIDATES, min_share: float = 0.0
    ) -> list[tuple[Evidence, float]]:
        """The records sharing most of `terms` (weighted by rarity), with the share covered.

        Ranked by that share, then by how much of the record the sentence covers: of two
        records holding every word of the sentence, the one that says less else is about it.
        """
        wanted = set(terms)
        weights = {t: self._idf.get(t, self._unknown_idf) for t in wanted}
        total = sum(weights.values())
        if not total:
            return []
        scores: dict[int, float] = defaultdict(float)
        for t in wanted:
            numbers = self._postings.get(t, ())
            if len(numbers) > MAX_POSTINGS:
                continue
            weight = weights[t]
            for n in numbers:
                scores[n] += weight
        # Records under `min_share` would be passed over anyway: they need no ranking key.
        floor = total * min_share
        near = [(n, sc) for n, sc in scores.items() if sc >= floor]
        sizes = self._weight
        best = heapq.nlargest(limit, near, key=lambda i: i[1] / total + FOCUS * i[1] / sizes[i[0]])
        return [(self.evidence[n], score / total) for n, score in best]


_BUILT: list[tuple[Store, ClaimIndex]] = []  # the last stores indexed (a live store swaps them)


def cached_index(store: Store) -> ClaimIndex | None:
    """The claim index of `store` if it has been built (by `index_for`), else None."""
    return next((index for known, index in _BUILT if known is store), None)


def adopt_index(store: Store, index: ClaimIndex) -> None:
    """Make `index` (built earlier for `store`, e.g. read from a prebuilt file) the one
    `index_for(store)` returns."""
    _BUILT[:] = [*_BUILT[-1:], (store, index)]


def index_for(store: Store) -> ClaimIndex:
    """The claim index of `store`, built on first use and kept while the store is current.

    A live store calls this on its loading thread before each swap (`LiveStore(warm=...)`), so
    requests find it built: at 10,000 facts a build takes seconds, beyond Slack's 3 s window."""
    index = cached_index(store)
    if index is not None:
        return index
    index = ClaimIndex.build(store)
    adopt_index(store, index)
    return index
