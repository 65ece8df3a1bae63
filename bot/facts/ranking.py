"""Top-k ranking over postings without touching every posting: the fast core of search.

Each query word becomes a `Scorer` (record number -> value, and its records best first). Records
matching more of the query's words rank first (coordination), then by summed value. The
intersection of all words is computed with C-level set operations, so a query costs about as
much as the records it could return, not as much as the records that mention a common word.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from operator import neg

MAX_COMBINED_WORDS = 5  # beyond this, partial matches are found by summing all postings


@dataclass(frozen=True)
class Scorer:
    """One query word's value for each record that matches it, and those records best first."""

    values: Mapping[int, float]
    ranked: tuple[int, ...]
    keys: frozenset[int]

    @property
    def top(self) -> float:
        """The most this word can add to a record's score."""
        return self.values[self.ranked[0]] if self.ranked else 0.0


def make_scorer(parts: Sequence[tuple[Mapping[int, float], float]]) -> Scorer:
    """Merge (postings, factor) pairs; a record takes its best value among them."""
    if len(parts) == 1 and parts[0][1] == 1.0:
        values = parts[0][0]
    else:
        merged: dict[int, float] = {}
        for postings, factor in parts:
            for n, value in postings.items():
                value *= factor
                if value > merged.get(n, 0.0):
                    merged[n] = value
        values = merged
    ranked = tuple(sorted(values, key=lambda n: (-values[n], n)))
    return Scorer(values, ranked, frozenset(values))


Hit = tuple[int, int, float]  # (record number, number of words matched, summed value)


def top_k(
    scorers: Sequence[Scorer],
    limit: int,
    allowed: frozenset[int] | None = None,
    excluded: Collection[int] = (),
) -> list[Hit]:
    """The best `limit` records: most words matched first, then highest summed value."""
    if not scorers or limit <= 0:
        return []
    found: list[Hit] = []
    taken = set(excluded)
    for m in range(len(scorers), 1, -1):
        level = _matching(scorers, m)
        level = (level & allowed if allowed is not None else level) - taken
        found += _score(scorers, level, m, limit - len(found))
        taken |= level
        if len(found) >= limit:
            return found
    return found + _best_single(scorers, limit - len(found), allowed, taken)


def _matching(scorers: Sequence[Scorer], m: int) -> set[int]:
    """Records that match at least `m` of the words."""
    if m == len(scorers):
        ordered = sorted(scorers, key=lambda s: len(s.keys))
        common = ordered[0].keys
        for s in ordered[1:]:
            common &= s.keys
            if not common:
                break
        return set(common)
    if len(scorers) > MAX_COMBINED_WORDS:
        counts: dict[int, int] = {}
        for s in scorers:
            for n in s.values:
                counts[n] = counts.get(n, 0) + 1
        return {n for n, c in counts.items() if c >= m}
    found: set[int] = set()
    for group in combinations(scorers, m):
        found |= _matching(group, m)
    return found


def _score(scorers: Sequence[Scorer], records: set[int], m: int, limit: int) -> list[Hit]:
    """The `limit` best of `records`, each of which matches exactly `m` words, by summed value."""
    if not records or limit <= 0:
        return []
    totals = dict.fromkeys(records, 0.0)
    for s in scorers:
        values = s.values
        for n in s.keys & records:  # set & set walks the smaller side
            totals[n] += values[n]
    best = heapq.nlargest(limit, zip(totals.values(), map(neg, totals), strict=True))
    return [(-negated, m, total) for total, negated in best]


def _best_single(
    scorers: Sequence[Scorer], limit: int, allowed: frozenset[int] | None, taken: set[int]
) -> list[Hit]:
    """The best records that match exactly one word: the heads of each word's ranked list."""
    pool: dict[int, float] = {}
    for s in scorers:
        kept = 0
        for n in s.ranked:
            if kept >= limit:
                break
            if n in taken or (allowed is not None and n not in allowed):
                continue
            kept += 1
            pool[n] = max(pool.get(n, 0.0), s.values[n])
    best = heapq.nsmallest(limit, pool.items(), key=lambda item: (-item[1], item[0]))
    return [(n, 1, value) for n, value in best]
