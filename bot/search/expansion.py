"""What a query word stands for: itself, its correction if it is a typo, its synonyms.

A word the store has costs one dict lookup. A word it has never seen is corrected through a
bigram index of the vocabulary (`similar`) to the closest word, and then ranks as that word,
scaled down a little. Synonyms widen every word. Every answer is cached (bounded LRUs).
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.search.postings import Postings, Tiers, idf, phrase_postings
from bot.search.ranking import Lru, Scorer, make_scorer
from bot.search.similar import SimilarWords
from bot.search.synonyms import Synonyms
from bot.search.text import stem

FUZZY_FACTOR = 0.85  # a corrected typo counts a little less than the word itself
FUZZY_CUTOFF = 80.0  # rapidfuzz ratio; one or two slips in a long word, one in a short word
FUZZY_CHOICES = 3  # close words considered; a typo stands for the closest (the commonest of ties)


class Expander:
    """The vocabulary side of the index: expansions, scorers and matching records of words."""

    def __init__(
        self,
        postings: Postings,
        surface: dict[str, str],
        tiers: Tiers,
        synonyms: Synonyms,
        total: int,
    ):
        self._postings = postings  # term -> {record number: field weight x idf}
        self._tiers = tiers  # term -> {value: records}
        self._surface = {w: t for w, t in surface.items() if not w.isdigit()}  # word -> term
        self._similar = SimilarWords(w for w in self._surface if len(w) >= 3)
        self.synonyms = synonyms
        self._total = total
        # Bounded caches: a word's expansion (correcting is the costly part), the merged scorer
        # of an expansion (shared by words that expand the same way), a word's scorer, records.
        self._expansions, self._scorers, self._words = Lru(4096), Lru(512), Lru(4096)
        self._matching = Lru(4096)

    def records_of(self, unit: str) -> Mapping[int, float] | frozenset[int]:
        """The records a query word matches: its postings (a dict) or its scorer's keys."""
        # A word the store has, with no synonyms, stands for its own term alone (see `_expand`):
        # its postings are the answer, with no cache to consult.
        term = stem(unit)
        if " " not in unit and term not in self.synonyms.others:
            postings = self._postings.get(term)
            if postings:
                return postings
        return self._matching.get(unit, self._keys)

    def _keys(self, unit: str) -> Mapping[int, float] | frozenset[int]:
        """`_records_of` a phrase, a word with synonyms, or a typo: from its expansion."""
        # No scorer for a word that stands for one term: scorers are only needed to rank, and a
        # reply that exact label hits fill needs none.
        expansion = self.expand(unit)
        if len(expansion) == 1:
            return self._postings[expansion[0][0]]  # a dict: `in` and iteration are all we use
        return self.word(unit).keys

    def expand(self, unit: str) -> tuple[tuple[str, float], ...]:
        """The index terms a query word (or phrase) stands for, with a factor (cached)."""
        return self._expansions.get(unit, self._expand)

    def word(self, unit: str) -> Scorer:
        """The scorer of a query word (or phrase), cached."""
        return self._words.get(unit, self._word_scorer)

    def _word_scorer(self, unit: str) -> Scorer:
        expansions = self.expand(unit)
        term = " ".join(map(stem, unit.split()))
        if expansions and not self.known(term) and term not in self.synonyms.others:
            # A typo ranks as its correction, scaled: the correction's scorer (usually cached,
            # words people type recur) serves every misspelling of it, nothing merged anew.
            base, factor = expansions[0]
            if self.expand(base)[:1] == ((base, 1.0),):
                return self._scorers.get(self.expand(base), self._make_scorer).scaled(factor)
        return self._scorers.get(expansions, self._make_scorer)

    def _expand(self, unit: str) -> tuple[tuple[str, float], ...]:
        """The index terms a query word (or phrase) stands for, with a factor: itself, typo
        fixes, synonyms. A phrase term (`blue helmet`) matches records having all its words."""
        term = " ".join(map(stem, unit.split()))
        found = {term: 1.0}
        if not self.known(term) and unit.isalnum() and not unit.isdigit() and len(unit) >= 4:
            found.update(self._fuzzy(unit))
        for base, factor in list(found.items()):
            for other, weight in self.synonyms.of(base, factor):
                if found.get(other, 0.0) < weight:
                    found[other] = weight
        usable = [(t, f) for t, f in found.items() if self.known(t)]
        return tuple(sorted(usable, key=lambda item: -item[1]))

    def known(self, term: str) -> bool:
        """True if some record has `term`; a phrase's postings are made on first use."""
        if term not in self._postings and " " in term:
            self._postings[term] = phrase_postings(self._postings, term, self._total)
        return bool(self._postings.get(term))

    def _fuzzy(self, word: str) -> dict[str, float]:
        """The vocabulary term a typo stands for: the closest word (bigram index, `similar`);
        between equally close words, the one more records have (`minusam`: MINUSMA)."""
        close = self._similar.similar(word, FUZZY_CUTOFF, FUZZY_CHOICES)
        if not close:
            return {}
        terms = [
            (score, len(self._postings[self._surface[w]]), self._surface[w]) for w, score in close
        ]
        score, _, term = max(terms)
        # In steps of 0.05: typos of one word then expand alike and share a cached scorer.
        return {term: FUZZY_FACTOR * (score // 5) / 20.0}

    def _make_scorer(self, expansions: tuple[tuple[str, float], ...]) -> Scorer:
        """One query word's scorer from its expanded terms.

        Every term is valued at the rarity of the best one (the word itself when the store has
        it): a synonym or a correction brings its field weight, not a rarity of its own, so a
        record about MINUSMA is not outranked by one whose id says `un mission … mali`.
        """
        total, postings = self._total, self._postings
        rarity = idf(len(postings[expansions[0][0]]), total) if expansions else 1.0
        return make_scorer(
            [
                (postings[term], factor * rarity / idf(len(postings[term]), total))
                for term, factor in expansions
            ],
            self._tiers.get(expansions[0][0]) if len(expansions) == 1 else None,
        )
