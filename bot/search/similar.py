"""Words close to a typed word, found through a bigram index rather than a scan of every word.

Each indexed word is split into padded bigrams (`^m mi in … a$`). A typed word's candidates are
the words sharing enough of its bigrams (a dict lookup per bigram); only those are scored with
rapidfuzz's `ratio` (0..100, an edit-distance similarity) and kept above a cutoff.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz.fuzz import ratio


def bigrams(word: str) -> set[str]:
    """The padded bigrams of `word`: `mali` -> {^m, ma, al, li, i$}."""
    padded = f"^{word}$"
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


class SimilarWords:
    """A bigram index over a set of words, answering "which words look like this one"."""

    def __init__(self, words: Iterable[str]):
        self._words = sorted(set(words))
        self._grams: dict[str, list[int]] = {}
        for number, word in enumerate(self._words):
            for gram in bigrams(word):
                self._grams.setdefault(gram, []).append(number)

    def __len__(self) -> int:
        return len(self._words)

    def similar(self, word: str, cutoff: float, limit: int) -> list[tuple[str, float]]:
        """Up to `limit` indexed words with `ratio(word, w) >= cutoff`, most similar first."""
        grams = bigrams(word)
        # A word within the cutoff keeps most bigrams: each edit breaks at most two of them.
        edits = int((100.0 - cutoff) / 100.0 * 2 * len(word)) + 1
        needed = max(1, len(grams) - 2 * edits)
        shared: dict[int, int] = {}
        for gram in grams:
            for number in self._grams.get(gram, ()):
                shared[number] = shared.get(number, 0) + 1
        words = self._words
        found = []
        for number, count in shared.items():
            if count >= needed:
                score = ratio(word, words[number], score_cutoff=cutoff)
                if score:
                    found.append((words[number], score))
        found.sort(key=lambda item: (-item[1], item[0]))
        return found[:limit]
