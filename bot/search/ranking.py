"""Top-k ranking over postings without touching every posting: the fast core of search.

Each query word becomes a `Scorer` (record number -> value, and its records best first). Records
matching more of the query's words rank first (coordination), then by summed value. The
intersection of all words is computed with C-level set operations, so a query costs about as
much as the records it could return, not as much as the records that mention a common word.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Collection, Mapping, Sequence, Set
from dataclasses import dataclass
from itertools import chain, combinations
from operator import neg

from bot.search.containers import Lru, Scaled

__all__ = ["Lru", "Scorer", "make_scorer", "top_k"]

MAX_COMBINED_WORDS = 5  # beyond this, partial matches are found by summing all postings
# Visiting one tier combination costs about as much as scoring this many (record, word) pairs.
COMBINATION_COST = 6


@dataclass(frozen=True)
class Scorer:
    """One query word's value for each record that matches it, and those records best first."""

    values: Mapping[int, float]
    ranked: tuple[int, ...]
    keys: frozenset[int]
    tiers: tuple[tuple[float, frozenset[int]], ...]  # records by value, highest first

    @property
    def top(self) -> float:
        """The most this word can add to a record's score."""
        return self.values[self.ranked[0]] if self.ranked else 0.0

    def scaled(self, factor: float) -> Scorer:
        """The same records in the same order, every value times `factor` (a corrected typo)."""
        tiers = tuple((value * factor, records) for value, records in self.tiers)
        return Scorer(Scaled(self.values, factor), self.ranked, self.keys, tiers)


def make_scorer(
    parts: Sequence[tuple[Mapping[int, float], float]],
    groups: Mapping[float, list[int]] | None = None,
) -> Scorer:
    """Merge (postings, factor) pairs; a record takes its best value among them.

    `groups` (value -> records, ascending), given for one part at factor 1, saves the grouping.
    """
    if len(parts) == 1 and parts[0][1] == 1.0:
        values = parts[0][0]
        if groups is not None:
            return _from_groups(values, sorted(groups.items(), reverse=True))
    else:
        merged: dict[int, float] = {}
        for postings, factor in parts:
            for n, value in postings.items():
                value *= factor
                if value > merged.get(n, 0.0):
                    merged[n] = value
        values = merged
    # Field weights make few distinct values: group by value instead of sorting every record.
    by_value: dict[float, list[int]] = {}
    for n, value in values.items():
        group = by_value.get(value)
        if group is None:
            by_value[value] = [n]
        else:
            group.append(n)
    ordered = sorted(((v, sorted(group)) for v, group in by_value.items()), reverse=True)
    return _from_groups(values, ordered)


def _from_groups(values: Mapping[int, float], ordered: list[tuple[float, list[int]]]) -> Scorer:
    """A scorer from its records grouped by value, best value first, each group ascending."""
    ranked = tuple(chain.from_iterable(group for _, group in ordered))  # in C, not a loop
    tiers = tuple((value, frozenset(group)) for value, group in ordered)
    return Scorer(values, ranked, frozenset(values), tiers)


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
    start = len(scorers)
    if start > 1 and allowed is None and _all_words_by_tiers(scorers):
        # Records having every word, many of them: their best tier combinations alone, without
        # intersecting the words' whole record sets first (the costly part of free text).
        found = _score_level(scorers, None, start, limit, taken)
        if len(found) >= limit:
            return found
        taken |= {n for n, _, _ in found}  # the heap ran dry: that was the whole level
        start -= 1
    for m in range(start, 1, -1):
        level = _matching(scorers, m)
        if allowed is not None:
            level = level & allowed
        if taken:
            level = level - taken
        found += _score_level(scorers, level, m, limit - len(found))
        taken |= level
        if len(found) >= limit:
            return found
    return found + _best_single(scorers, limit - len(found), allowed, taken)


def _all_words_by_tiers(scorers: Sequence[Scorer]) -> bool:
    """True when even the smallest word's records outnumber its tier combinations by far."""
    grid = math.prod(len(s.tiers) for s in scorers)
    return min(len(s.keys) for s in scorers) * len(scorers) > COMBINATION_COST * grid


def _matching(scorers: Sequence[Scorer], m: int) -> set[int] | frozenset[int]:
    """Records that match at least `m` of the words."""
    sets = sorted((s.keys for s in scorers), key=len)
    if m == len(sets):
        return _intersect(sets)
    if m == len(sets) - 1:  # leave one word out: prefix and suffix intersections, 2W set ops
        prefix: list[frozenset[int] | None] = [None]
        suffix: list[frozenset[int] | None] = [None]
        for keys in sets:
            prefix.append(keys if prefix[-1] is None else prefix[-1] & keys)
        for keys in reversed(sets):
            suffix.append(keys if suffix[-1] is None else suffix[-1] & keys)
        suffix.reverse()  # suffix[i] = intersection of sets[i:]
        found: set[int] = set()
        for i in range(len(sets)):
            before, after = prefix[i], suffix[i + 1]
            if before is None or after is None:  # an end of the row: one side is all the sets
                found |= before or after or frozenset()
            else:
                found |= before & after
        return found
    if len(sets) > MAX_COMBINED_WORDS:
        counts: dict[int, int] = {}
        for keys in sets:
            for n in keys:
                counts[n] = counts.get(n, 0) + 1
        return {n for n, c in counts.items() if c >= m}
    found = set()
    for group in combinations(sets, m):
        found |= _intersect(group)
    return found


def _intersect(sets: Sequence[frozenset[int]]) -> frozenset[int]:
    """The records in every set (smallest first, stopping once empty)."""
    common = sets[0]
    for keys in sets[1:]:
        if not common:
            break
        common = common & keys
    return common


def _score_level(
    scorers: Sequence[Scorer],
    level: Set[int] | None,
    m: int,
    limit: int,
    taken: Set[int] = frozenset(),
) -> list[Hit]:
    """The `limit` best records of a large `level` without scoring them one by one.

    Field weights give each word a few value tiers, so records fall into tier combinations of
    equal score. Visit combinations best first (a heap over the grid of tier indices; a word
    may also be absent, as long as `m` words remain) and take their records by set operations.
    `level` None: every record having all the words, less `taken`.
    """
    absent_allowed = len(scorers) - m
    grid = math.prod(len(s.tiers) + (absent_allowed > 0) for s in scorers)
    if level is not None and (len(level) * len(scorers) <= COMBINATION_COST * grid or limit <= 0):
        return _score(scorers, level, m, limit)  # scoring each record is cheaper
    options = [(*s.tiers, (0.0, None)) for s in scorers]  # None: the word is absent
    start = (0,) * len(scorers)
    heap = [(-sum(opts[0][0] for opts in options), start, 0)]  # (-value, combo, words absent)
    seen = {start}
    found: list[Hit] = []
    while heap and len(found) < limit:
        negated, combo, absent = heapq.heappop(heap)
        members = _members(scorers, options, combo, level)
        if level is None and taken:
            members = members - taken
        # Equal scores: the lowest record numbers, without sorting a tier of thousands.
        found += [(n, m, -negated) for n in heapq.nsmallest(limit - len(found), members)]
        for w, i in enumerate(combo):
            if i + 1 == len(options[w]):
                continue
            to_absent = options[w][i + 1][1] is None
            nxt = (*combo[:w], i + 1, *combo[w + 1 :])
            if absent + to_absent <= absent_allowed and nxt not in seen:
                seen.add(nxt)
                step = options[w][i][0] - options[w][i + 1][0]
                heapq.heappush(heap, (negated + step, nxt, absent + to_absent))
    return found[:limit]


def _members(scorers, options, combo: tuple[int, ...], level: Set[int] | None) -> Set[int]:
    """The records of `level` in exactly this tier combination (smallest sets intersected first)."""
    present = sorted(
        (opts[i][1] for opts, i in zip(options, combo, strict=True) if opts[i][1]), key=len
    )
    if level is None:  # every word is present: the tiers' intersection is the answer
        members = present[0]
        present = present[1:]
    else:
        members = level
    for tier in present:
        members = tier & members  # walks the smaller side
        if not members:
            return members
    for s, opts, i in zip(scorers, options, combo, strict=True):
        if opts[i][1] is None:
            members = members - s.keys
    return members


def _score(scorers: Sequence[Scorer], records: Set[int], m: int, limit: int) -> list[Hit]:
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
