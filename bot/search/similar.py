"""Words close to a typed word, found through a bigram index rather than a scan of every word.

Each indexed word is split into padded bigrams (`^m mi in … a$`). A word close enough to the typed
one keeps most of its bigrams (see `max_lost_bigrams`), so it has at least one of the typed word's
rarest few: only the words on those few bigrams' lists are candidates, scored with rapidfuzz's
`ratio` (0..100, an edit-distance similarity) in one call and kept above a cutoff.

At a cutoff of 80 or more, that is exactly what scoring every word would find. Below, a word
sharing no bigram at all with the typed one (no letter pair, not the same first or last letter)
is left out, however it scores.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz.fuzz import ratio
from rapidfuzz.process import extract


def bigrams(word: str) -> set[str]:
    """The padded bigrams of `word`: `mali` -> {^m, ma, al, li, i$}."""
    padded = f"^{word}$"
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


def max_lost_bigrams(length: int, cutoff: float) -> int:
    """The most bigrams a word of `length` can lose to a word with `ratio >= cutoff`.

    ratio = 100 * (1 - (d + i) / (2 * length - d + i)) for d deletions from the word and i
    insertions into it; a deletion breaks at most two of its bigrams, an insertion one. So
    2d + i is at most the larger of its values at the corners of d(2 - c) + ic <= 2(1 - c)length.
    """
    c = min(max(cutoff / 100.0, 0.01), 1.0)
    budget = 2.0 * (1.0 - c) * length
    return int(max(2.0 * budget / (2.0 - c), budget / c) + 1e-9)


class SimilarWords:
    """A bigram index over a set of words, answering "which words look like this one"."""

    def __init__(self, words: Iterable[str]):
        self._words = sorted(set(words))
        self._grams: dict[str, list[str]] = {}  # bigram -> the words that have it
        for word in self._words:
            for gram in bigrams(word):
                self._grams.setdefault(gram, []).append(word)

    def __len__(self) -> int:
        return len(self._words)

    def similar(self, word: str, cutoff: float, limit: int) -> list[tuple[str, float]]:
        """Up to `limit` indexed words with `ratio(word, w) >= cutoff`, most similar first."""
        grams = bigrams(word)
        # A word within the cutoff shares `needed` of the typed word's bigrams, so it has one of
        # any len(grams) - needed + 1 of them: the candidates are the words on the rarest lists.
        needed = max(1, len(grams) - max_lost_bigrams(len(word), cutoff))
        lists = sorted((self._grams.get(g, ()) for g in grams), key=len)  # absent: rarest
        candidates = set().union(*lists[: len(grams) - needed + 1])
        # Scored in one C++ call (rapidfuzz), then ordered by score and spelling.
        scored = extract(word, candidates, scorer=ratio, score_cutoff=cutoff, limit=None)
        found = sorted(((w, score) for w, score, _ in scored), key=lambda i: (-i[1], i[0]))
        return found[:limit]
