"""Search over the fact store: an inverted index built once, queried in well under a millisecond.

Records are split into folded, stemmed terms (`bot.search.text`), each weighted by the field it
came from (what the record is about most, see `postings`). A query term found in the vocabulary
costs one dict lookup; only a term the store has never seen is corrected, through a bigram index
of the vocabulary (`similar`), and that expansion is cached. Store synonyms (`synonyms`) widen
every term. Each match says which query words it has and which it lacks (`results`).
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.facts.memory import gc_paused
from bot.facts.model import Record, Store
from bot.search.expansion import Expander
from bot.search.labels import Labels
from bot.search.postings import build_postings
from bot.search.ranking import Scorer, top_k
from bot.search.results import Match, Results, verified_first
from bot.search.synonyms import Synonyms
from bot.search.text import join_phrases, stem, words
from bot.search.ties import Used, break_ties

KINDS = frozenset({"fact", "event", "talking_points"})
MAX_RANKED = 95.0  # ranked (non-exact) scores stay below any exact alias or title match

__all__ = ["Match", "Results", "SearchIndex"]


class SearchIndex:
    """An inverted index of a store's records; build once with `SearchIndex.build(store)`."""

    def __init__(self, store: Store, records: list[Record], postings: dict[str, dict[int, float]]):
        self.store = store
        self._records = records
        self._kinds = [r.record_type for r in records]
        self._kind_sets: dict[frozenset[str], frozenset[int]] = {}
        self._expander = Expander(postings, {}, {}, Synonyms(()), len(records))
        self._labels = Labels(records)  # exact-match keys and "did you mean" suggestions
        self._numbers = {r.id: n for n, r in reversed(list(enumerate(records)))}
        self._used_cache: tuple[Mapping[str, int], Used] | None = None

    def __getstate__(self) -> dict:
        # Pickled (in a prebuilt store) without what usage counts made: that is per process.
        return {**self.__dict__, "_used_cache": None}

    @classmethod
    def build(cls, store: Store) -> SearchIndex:
        """Index every fact, event and talking-point set of `store`."""
        with gc_paused():
            return cls._build(store)

    @classmethod
    def _build(cls, store: Store) -> SearchIndex:
        records = verified_first(
            [*store.facts.values(), *store.events.values(), *store.talking_points.values()]
        )
        postings, surface, tiers = build_postings(records)
        index = cls(store, records, postings)
        synonyms = Synonyms(store.synonyms)
        index._expander = Expander(postings, surface, tiers, synonyms, len(records))
        return index

    def search(
        self,
        query: str,
        limit: int = 10,
        kinds: frozenset[str] | None = None,
        usage: Mapping[str, int] | None = None,
    ) -> list[Match]:
        """The records best matching `query`, best first; [] for nothing or only stop words.

        `usage` (record id -> times asked and shared) breaks ties: the record the team uses wins.
        """
        return self._ranked(self._prepare(query, kinds), limit, usage)

    def count(self, query: str, at_most: int, kinds: frozenset[str] | None = None) -> int:
        """How many records `search` could return for `query`, counting no further than `at_most`.

        A reply ranks only the match it shows and still says "1 of N": counting is a walk over
        the words' postings that stops at `at_most`, far cheaper than ranking N records.
        """
        return self._counted(self._prepare(query, kinds), at_most)

    def find(
        self,
        query: str,
        limit: int,
        at_most: int,
        kinds: frozenset[str] | None = None,
        usage: Mapping[str, int] | None = None,
    ) -> Results:
        """`search` and `count` together, reading the query once (the `/fact` hot path)."""
        prepared = self._prepare(query, kinds)
        matches = self._ranked(prepared, limit, usage)
        if prepared is None:
            return Results(matches, 0, ())
        found = {w for w, _ in prepared[3]}
        missing = tuple(w for w in prepared[0] if w not in found)
        return Results(matches, self._counted(prepared, at_most), missing)

    def _ranked(self, prepared, limit: int, usage: Mapping[str, int] | None = None) -> list[Match]:
        if prepared is None or limit <= 0:
            return []
        query_words, allowed, exact, matching = prepared
        found = exact[:limit]
        scorers, ceiling = [], 1.0
        if len(found) < limit:  # exact label hits often fill the reply: then nothing to rank
            scorers = [self._expander.word(w) for w, _ in matching]
            ceiling = sum(s.top for s in scorers) or 1.0
            hits = top_k(scorers, limit - len(found), allowed, excluded=[n for n, _ in found])
            found += [
                (n, MAX_RANKED * (m - 1 + raw / ceiling) / len(query_words)) for n, m, raw in hits
            ]
        found = [(n, round(score, 2)) for n, score in found]
        if usage and found:
            found = self._by_usage(found, usage, prepared, scorers, ceiling, limit)
        return [self._match(n, score, query_words, matching) for n, score in found]

    def _by_usage(self, found, usage, prepared, scorers: list[Scorer], ceiling, limit: int):
        """Ties among `found` (and the most used records that tie with it) broken by usage."""
        query_words, allowed, exact, _ = prepared
        used, exact_scores = self._used(usage), dict(exact)
        # A record ties with the last one shown when it has the same words (all in C set ops,
        # over the few most used records).
        last = found[-1][0]
        candidates = used.records if scorers else frozenset()
        for s in scorers:
            if last in s.keys:
                candidates = candidates & s.keys
        candidates = candidates | used.records.intersection(exact_scores)
        if allowed is not None:
            candidates &= allowed

        def score_of(n: int) -> float | None:
            if n in exact_scores:
                return exact_scores[n]
            m = sum(n in s.keys for s in scorers)
            raw = sum(s.values.get(n, 0.0) for s in scorers)
            return round(MAX_RANKED * (m - 1 + raw / ceiling) / len(query_words), 2) if m else None

        return break_ties(found, used, candidates, score_of, limit)

    def _used(self, usage: Mapping[str, int]) -> Used:
        """Usage by record number, converted once per popularity mapping (it is replaced whole)."""
        cached = self._used_cache
        if cached is None or cached[0] is not usage:
            cached = self._used_cache = (usage, Used(usage, self._numbers))
        return cached[1]

    def _match(self, n: int, score: float, query_words: list[str], matching) -> Match:
        matched = tuple([w for w, keys in matching if n in keys])
        unmatched = tuple([w for w in query_words if w not in matched])
        return Match(self._records[n], score, matched, unmatched)

    def _counted(self, prepared, at_most: int) -> int:
        if prepared is None or at_most <= 0:
            return 0
        _, allowed, exact, matching = prepared
        seen = {n for n, _ in exact}
        for _, keys in matching:  # in no particular order: the count does not depend on it
            for n in keys:
                if len(seen) >= at_most:
                    return at_most
                if allowed is None or n in allowed:
                    seen.add(n)
        return min(len(seen), at_most)

    def _prepare(self, query: str, kinds: frozenset[str] | None):
        """Query words, the allowed record numbers, exact label hits, each word's records."""
        if kinds is not None and not KINDS.issuperset(kinds):
            raise ValueError(f"unknown record kinds {sorted(set(kinds) - KINDS)}; use {KINDS}")
        typed = words(query)
        if not typed:
            return None
        stems = tuple(map(stem, typed))
        synonyms = self._expander.synonyms
        if not synonyms.phrase_starts.isdisjoint(stems):  # most queries hold no synonym phrase
            typed = join_phrases(typed, synonyms.phrases, synonyms.longest)
        query_words = list(dict.fromkeys(typed))
        allowed = None if kinds is None else self._allowed(frozenset(kinds))
        exact = [
            (n, score)
            for n, score in self._labels.exact.get(stems, ())
            if allowed is None or n in allowed
        ]
        matching = [(w, keys) for w in query_words if (keys := self._expander.records_of(w))]
        return query_words, allowed, exact, matching

    def expand(self, unit: str) -> tuple[tuple[str, float], ...]:
        """The index terms a query word (or phrase) stands for, with a factor (cached)."""
        return self._expander.expand(unit)

    def suggest(self, query: str, limit: int = 3) -> list[str]:
        """Record titles and aliases close to `query`: the "did you mean" for an empty search."""
        return self._labels.suggest(query, limit)

    def _allowed(self, kinds: frozenset[str]) -> frozenset[int]:
        """The record numbers of the given kinds."""
        if kinds not in self._kind_sets:
            numbers = (n for n, kind in enumerate(self._kinds) if kind in kinds)
            self._kind_sets[kinds] = frozenset(numbers)
        return self._kind_sets[kinds]
