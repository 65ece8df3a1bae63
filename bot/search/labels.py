"""What records are called: exact-match keys for their names, and "did you mean" suggestions.

An alias, id or title typed as written (in any case, accents or plural) is an exact hit that
outranks every ranked match; the same names, fuzzy-matched, are what an empty search suggests.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from bot.facts.model import Fact, Record
from bot.search.text import stem, words

EXACT_ALIAS, EXACT_TITLE = 100.0, 99.0
SUGGEST_CUTOFF = 50.0  # token_sort_ratio: below this a "did you mean" misleads more than it helps

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
        # Each label: folded, as written, record number; and its folded words sorted, once.
        self._labels = [(key, label, n) for key, (label, n) in labels.items() if key]
        self._keys = [" ".join(sorted(key.split())) for key, _, _ in self._labels]

    def suggest(self, query: str, limit: int = 3) -> list[str]:
        """Record titles and aliases close to `query`: the "did you mean" for an empty search."""
        folded = " ".join(sorted(words(query)))
        if not folded or limit <= 0:
            return []
        found = process.extract(  # token_sort_ratio, with the labels' words sorted once at build
            folded,
            self._keys,
            scorer=fuzz.ratio,
            limit=limit * 4,
            score_cutoff=SUGGEST_CUTOFF,
        )
        by_record: dict[int, str] = {}
        for _, _, position in found:
            _, label, number = self._labels[position]
            by_record.setdefault(number, label)
        return list(dict.fromkeys(by_record.values()))[:limit]
