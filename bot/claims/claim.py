"""A claim found in a text, with its verdict and the store's side of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.claims.dates import MONTH_NAMES
from bot.claims.evidence import Evidence
from bot.facts.model import Event, Fact

VERDICTS = ("supported", "contradicted", "outdated", "unverified")


@dataclass(frozen=True)
class Claim:
    """One checkable claim: where it is, its verdict, and the store's side of it."""

    text: str
    start: int
    end: int
    verdict: str
    record_id: str | None = None
    store_value: str | None = None
    note: str = ""
    as_of: str | None = None
    source_title: str | None = None
    source_url: str | None = None

    @property
    def flagged(self) -> bool:
        """True for what must not be published as is: contradicted or outdated."""
        return self.verdict in ("contradicted", "outdated")


def ended_claim(claim: Claim, fact: Fact) -> Claim:
    """`claim` made outdated: it speaks in the present tense of what `fact` records as over."""
    over = fact.ended
    if over is None:  # only an ended fact makes a claim outdated this way
        return claim
    name, when = over.subject[0], human_date(over.date)
    note = f"Stated in the present tense, but {name} ended on {when} ({fact.id})."
    value = f"{name} ended on {when}"
    return Claim(claim.text, claim.start, claim.end, "outdated", fact.id, value, note,
                 fact.as_of.isoformat(), fact.sources[0].title, fact.sources[0].url)  # fmt: skip


def with_verdict(
    claim: Claim, verdict: str, ev: Evidence | None, value: str | None, note: str
) -> Claim:
    """`claim` with a verdict, citing `ev` (its id, `as_of` and first source) when given."""
    record = ev.record if ev else None
    source = record.sources[0] if record and record.sources else None
    return Claim(claim.text, claim.start, claim.end, verdict,
                 record.id if record else None, value, note,
                 as_of(record) if record else None,
                 source.title if source else None, source.url if source else None)  # fmt: skip


def human_date(day: dt.date) -> str:
    """`30 June 2023`, in English whatever the locale."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def as_of(record: Fact | Event) -> str:
    """A fact's `as_of`, an event's date, as ISO text."""
    return record.date.iso() if isinstance(record, Event) else record.as_of.isoformat()
