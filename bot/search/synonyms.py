"""The store's synonyms for search: each word or phrase mapped to the others of its groups."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from bot.search.text import terms

SYNONYM_FACTOR = 0.9  # a synonym counts a little less than the word typed
# Abbreviations people type whatever the store says (`res 2100`, `S/RES/2100`).
BUILTIN_SYNONYMS = (("res", "resolution"),)


class Synonyms:
    """Synonym groups as stemmed terms; multi-word ones (`blue helmets`) are phrases."""

    def __init__(self, groups: Iterable[tuple[str, ...]]):
        self.others: dict[str, set[str]] = {}  # term or phrase -> the others of its groups
        self.phrases: set[str] = set()  # multi-word synonyms, as stemmed words joined by spaces
        self.phrase_starts: set[str] = set()  # the first stemmed word of each phrase
        self.longest = 1
        for group in (*BUILTIN_SYNONYMS, *groups):
            keys = {" ".join(key) for key in map(terms, group) if key}
            for key in keys:
                self.others.setdefault(key, set()).update(keys - {key})
                if " " in key:
                    self.phrases.add(key)
                    self.phrase_starts.add(key.split(" ", 1)[0])
                    self.longest = max(self.longest, key.count(" ") + 1)

    def of(self, term: str, factor: float) -> Iterator[tuple[str, float]]:
        """The synonyms of `term`, each with the factor it counts for."""
        for other in self.others.get(term, ()):
            yield other, factor * SYNONYM_FACTOR
