"""Usage breaks ties: among records of equal score, the one the team asks for and shares most.

Ranking more records just to reorder ties would cost every reply a wider search. Instead the
few most used records (at most MOST_USED) that have the same query words as the last record
shown are scored directly, and any that ties with it competes for its place by usage.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

MOST_USED = 128  # records considered for a tie: the most used, by shown + shared counts

Ranked = list[tuple[int, float]]  # (record number, score), best first


class Used:
    """Usage by record number: how much each of the most used records was used."""

    def __init__(self, usage: Mapping[str, int], numbers: Mapping[str, int]):
        best = sorted(usage.items(), key=lambda item: -item[1])[:MOST_USED]
        self.counts = {numbers[rid]: n for rid, n in best if rid in numbers and n > 0}
        self.records = frozenset(self.counts)


def break_ties(
    found: Ranked,
    used: Used,
    candidates: Collection[int],
    score_of: Callable[[int], float | None],
    limit: int,
) -> Ranked:
    """`found` with ties (equal scores) ordered by usage; a used record may take the last place."""
    if not found or not used.counts:
        return found
    last = found[-1][1]
    pool = dict(found)
    for n in candidates:
        if n not in pool:
            score = score_of(n)
            if score is not None and score >= last:
                pool[n] = score
    counts = used.counts
    ranked = sorted(pool.items(), key=lambda item: (-item[1], -counts.get(item[0], 0), item[0]))
    return ranked[:limit]
