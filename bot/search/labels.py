"""What records are called: exact-match keys for their names, and "did you mean" suggestions.

An alias, id or title typed as written (in any case, accents or plural) is an exact hit that
outranks every ranked match; the same names, fuzzy-matched, are what an empty search suggests.

A suggestion must be plausible: every word of the query must look like a word of the suggested
name (rapidfuzz `ratio` >= SUGGEST_CUTOFF, found through a bigram index of the names' words, not
a scan of every name). `pizza recipe` resembles nothing, so it gets no "did you mean".
"""

from __future__ import annotations

from bot.facts.model import Fact, Record
from bot.search.similar import SimilarWords
from bot.search.text import stem, words

EXACT_ALIAS, EXACT_TITLE = 100.0, 99.0
# Word similarity (rapidfuzz ratio, 0..100) every query word needs with a word of a suggested
# name: 65 keeps vowel-less typing (`ftlts`→`fatalities` 67, `mnsm`→`minusma` 73) and drops
# look-alikes that share a letter or two (`pizza`→`peace` 40, `recipe`→`peace` 55).
SUGGEST_CUTOFF = 65.0
SIMILAR_WORDS = 8  # close name words considered per query word

# Stemmed words of a name -> (record number, score) of each record so named, best first.
Exact = dict[tuple[str, ...], list[tuple[int, float]]]


class Labels:
    """The names of a list of records (numbered by position): exact keys and suggestion labels."""

    def __init__(self, records: list[Record]):
        self.exact: Exact = {}
        labels: dict[str, tuple[str, int]] = {}
        for number, record in enumerate(records):
            named = [(a, EXACT_ALIAS) for a in record.aliases]
            named.append((record.id.replace("-", " "), EXACT_ALIAS))
            if not isinstance(record, Fact):
                named.append((record.title, EXACT_TITLE))
            for label, score in named:
                label_words = words(label)
                key = tuple(map(stem, label_words))
                if key and all(n != number for n, _ in self.exact.get(key, ())):
                    self.exact.setdefault(key, []).append((number, score))
                labels.setdefault(" ".join(label_words), (label, number))
        for hits in self.exact.values():
            hits.sort(key=lambda hit: -hit[1])
        # Each label: folded, as written, record number; shortest first, so that the lowest
        # position among the labels having the query's words is the closest name.
        shortest = sorted((len(k.split()), k, label, n) for k, (label, n) in labels.items() if k)
        self._labels = [(key, label, n) for _, key, label, n in shortest]
        self._having: dict[str, set[int]] = {}  # a folded word -> the labels that have it
        for position, (folded, _, _) in enumerate(self._labels):
            for word in folded.split():
                self._having.setdefault(word, set()).add(position)
        self._similar = SimilarWords(w for w in self._having if not w.isdigit())

    def suggest(self, query: str, limit: int = 3) -> list[str]:
        """Record titles and aliases close to `query`: the "did you mean" for an empty search."""
        typed = list(dict.fromkeys(w for w in words(query) if not w.isdigit()))
        if not typed or limit <= 0:
            return []
        candidates: set[int] | None = None
        for word in typed:  # labels with a word like each query word: intersect, rarest first
            close = self._similar.similar(word, SUGGEST_CUTOFF, SIMILAR_WORDS)
            having = set().union(*(self._having[w] for w, _ in close)) if close else set()
            candidates = having if candidates is None else candidates & having
            if not candidates:
                return []
        by_record: dict[int, str] = {}
        for position in sorted(candidates or ()):  # None only for no typed word, returned above
            _, label, number = self._labels[position]
            by_record.setdefault(number, label)
            if len(by_record) >= limit:
                break
        return list(dict.fromkeys(by_record.values()))[:limit]
