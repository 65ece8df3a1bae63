"""Words close to a typed word, found through a bigram index rather than a scan of every word.

Each indexed word is split into padded bigrams (`^m mi in … a$`). A typed word's candidates are
the words sharing enough of its bigrams (a dict lookup per bigram); only those are scored with
rapidfuzz's `ratio` (0..100, an edit-distance similarity) and kept above a cutoff.

At a cutoff of 80 or more, that is exactly what scoring every word would find (a word that close
keeps enough bigrams, see `max_edits`). Below, a word sharing no bigram at all with the typed one
(no letter pair, not the same first or last letter) is left out, however it scores.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import chain

from rapidfuzz.fuzz import ratio
from rapidfuzz.process import extract


def bigrams(word: str) -> set[str]:
    """The padded bigrams of `word`: `mali` -> {^m, ma, al, li, i$}."""
    padded = f"^{word}$"
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


def max_edits(length: int, cutoff: float) -> int:
    """The most insertions + deletions a word of `length` may be from one with ratio >= cutoff.

    ratio = 100 * (1 - edits / (length + other)), and edits >= |length - other|, so the other word
    is at most length * (200 - cutoff) / cutoff long, which bounds the edits. Each edit breaks
    at most two of the word's bigrams: a word within the cutoff shares the rest.
    """
    if cutoff <= 0:
        return length + 1
    c = cutoff / 100.0
    return int((1.0 - c) * 2.0 * length / c + 1e-9)


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
        needed = max(1, len(grams) - 2 * max_edits(len(word), cutoff))
        lists = [self._grams[g] for g in grams if g in self._grams]
        # Set union and Counter work in C: no Python loop over the thousands of words that
        # share a bigram or two with the typed one.
        if needed <= 1:
            candidates = set().union(*lists)
        else:
            candidates = [w for w, n in Counter(chain.from_iterable(lists)).items() if n >= needed]
        # Scored in one C++ call (rapidfuzz), then ordered by score and spelling.
        scored = extract(word, candidates, scorer=ratio, score_cutoff=cutoff, limit=None)
        found = sorted(((w, score) for w, score, _ in scored), key=lambda i: (-i[1], i[0]))
        return found[:limit]
