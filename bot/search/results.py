"""What a search returns: matches with the words they did and did not match, and the order of
records at equal relevance."""

from __future__ import annotations

from dataclasses import dataclass

from bot.facts.model import Event, Fact, Record, TalkingPointSet


@dataclass(frozen=True)
class Match:
    """One search result: the record, a 0..100 score, the query words it matches and not."""

    record: Fact | Event | TalkingPointSet
    score: float
    matched: tuple[str, ...]
    unmatched: tuple[str, ...] = ()

    @property
    def partial(self) -> bool:
        """True when some significant query word is not in this record."""
        return bool(self.unmatched)


@dataclass(frozen=True)
class Results:
    """A page of matches, how many there are (counted up to a bound), and words nothing has."""

    matches: list[Match]
    total: int
    missing: tuple[str, ...]  # query words no record matches, even corrected or by synonym


def verified_first(records: list[Record]) -> list[Record]:
    """Records in index order: at equal relevance a lower number wins, so low confidence last."""
    return sorted(records, key=lambda r: getattr(r, "confidence", None) == "low")
