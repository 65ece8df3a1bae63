"""The fact store's typed records: facts, events, talking-point sets, and the store that holds them.

YAML becomes these frozen dataclasses in the loader (`bot.facts.load`); raw dicts never travel
further. Nothing here reads the clock: anything that depends on "today" takes it as a parameter.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import ClassVar, Literal

from bot.facts.periods import Precision, period_human, period_label, period_start

Tone = Literal["solemn", "neutral", "celebratory"]
Severity = Literal["error", "advisory"]

EVENT_KINDS = (
    "resolution",
    "attack",
    "agreement",
    "election",
    "operation",
    "mission",
    "coup",
    "statement",
    "report",
    "other",
)
TONES = ("solemn", "neutral", "celebratory")


@dataclass(frozen=True)
class Location:
    """Where a record or a value sits in the YAML: 1-based line and column."""

    path: str
    line: int = 1
    col: int = 1


@dataclass(frozen=True)
class Problem:
    """One finding of `factbot check`: an error fails CI, an advisory is only reported."""

    path: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity = "error"

    def format(self) -> str:
        """Render as `path:line:col: CODE message`, the format editors and CI understand."""
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"


@dataclass(frozen=True)
class Source:
    """A citation: where a reader can check the statement.

    `kind`: primary (the UN document, the government's or organisation's own page), press,
    seed (the field notes) or reference (encyclopaedias). `symbol`: a UN document symbol such
    as `S/RES/2100 (2013)`; its URL is then the UN's own (`bot.facts.sources.symbol_url`).
    """

    title: str
    url: str
    publisher: str | None = None
    date: dt.date | None = None
    kind: str | None = None
    symbol: str | None = None


@dataclass(frozen=True)
class EventDate:
    """An event's date; `day` is None when only the month is known (never scheduled to a day)."""

    year: int
    month: int
    day: int | None = None

    @property
    def is_exact(self) -> bool:
        """True when the day of the month is known."""
        return self.day is not None

    def iso(self) -> str:
        """`YYYY-MM-DD`, or `YYYY-MM` for month precision."""
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def as_date(self) -> dt.date | None:
        """The exact date, or None for month precision."""
        return dt.date(self.year, self.month, self.day) if self.day else None

    def in_year(self, year: int) -> dt.date | None:
        """The anniversary date in `year` (Feb 29 falls on Feb 28 in common years)."""
        if self.day is None:
            return None
        day = self.day
        if self.month == 2 and day == 29 and not calendar.isleap(year):
            day = 28
        return dt.date(year, self.month, day)

    def human(self) -> str:
        """`25 April 2013`, or `April 2013` for month precision."""
        month = calendar.month_name[self.month]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"


@dataclass(frozen=True)
class Ended:
    """What a fact records as over: the names the thing goes by, and the day it ended."""

    date: dt.date
    subject: tuple[str, ...]  # each name matches a sentence holding all of its words


@dataclass(frozen=True)
class Fact:
    """A cited, dated statement: the thing `/fact` answers with."""

    id: str
    statement: str
    sources: tuple[Source, ...]
    # The last day the statement is known true: the day itself, or the end of the month or year
    # when `as_of_precision` says the evidence gives no day (so review and age count from there).
    as_of: dt.date
    topic: str
    location: Location
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    caveat: str | None = None
    seed_claim: str | None = None
    superseded_by: str | None = None
    review_by: dt.date | None = None
    reviewed: dt.date | None = None  # the last check, when the record gives it
    review_by_given: bool = False  # `review_by` is a date in the record, not from `review_every`
    confidence: str | None = None  # the fact-check's confidence: high, medium or low
    as_of_precision: Precision = "day"
    note: str | None = None  # detail shown under the statement, so the statement pastes cleanly
    ended: Ended | None = None  # the thing this fact describes is over (MINUSMA, Barkhane...)
    owners: tuple[str, ...] = ()  # Slack user or user group ids asked to confirm it when overdue

    record_type: ClassVar[str] = "fact"

    @property
    def as_of_label(self) -> str:
        """`as_of` as the YAML gives it: `2018-09-26`, `2018-09` or `2018`."""
        return period_label(self.as_of, self.as_of_precision)

    @property
    def as_of_human(self) -> str:
        """`26 September 2018`, `September 2018` or `2018`, for replies."""
        return period_human(self.as_of, self.as_of_precision)

    @property
    def as_of_start(self) -> dt.date:
        """The first day the `as_of` period covers."""
        return period_start(self.as_of, self.as_of_precision)

    @property
    def title(self) -> str:
        """A short label for lists and buttons: the first alias, else the id in words."""
        return self.aliases[0] if self.aliases else self.id.replace("-", " ")

    def is_stale(self, today: dt.date) -> bool:
        """True when the fact is past the date someone must re-check it."""
        return self.review_by is not None and today > self.review_by


@dataclass(frozen=True)
class Event:
    """A dated happening; anniversaries are made of these."""

    id: str
    date: EventDate
    title: str
    kind: str
    summary: str
    tone: Tone
    sources: tuple[Source, ...]
    topic: str
    location: Location
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()
    talking_points: tuple[str, ...] = ()
    suggested_post: str | None = None
    caveat: str | None = None

    record_type: ClassVar[str] = "event"


@dataclass(frozen=True)
class Point:
    """One talking point, backed by the facts that support it."""

    text: str
    facts: tuple[str, ...]
    location: Location | None = None


@dataclass(frozen=True)
class TalkingPointSet:
    """An ordered set of points on one topic for one audience."""

    id: str
    title: str
    topic: str
    audience: str
    as_of: dt.date
    points: tuple[Point, ...]
    location: Location
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    record_type: ClassVar[str] = "talking_points"


Record = Fact | Event | TalkingPointSet


@dataclass(frozen=True)
class Store:
    """Every record of the fact store, indexed by id. Build it with `bot.facts.load_store`."""

    facts: dict[str, Fact]
    events: dict[str, Event]
    talking_points: dict[str, TalkingPointSet]
    synonyms: tuple[tuple[str, ...], ...] = ()

    def get(self, record_id: str) -> Record | None:
        """The fact, event or talking-point set with this id, if any."""
        return (
            self.facts.get(record_id)
            or self.events.get(record_id)
            or self.talking_points.get(record_id)
        )

    def topics(self) -> list[str]:
        """Every topic in the store, sorted."""
        found = {f.topic for f in self.facts.values()}
        found |= {e.topic for e in self.events.values()}
        found |= {t.topic for t in self.talking_points.values()}
        return sorted(found)

    def current(self, fact: Fact) -> Fact:
        """Follow `superseded_by` to the newest fact (stops on a cycle or a missing id)."""
        seen = {fact.id}
        while fact.superseded_by and fact.superseded_by in self.facts:
            nxt = self.facts[fact.superseded_by]
            if nxt.id in seen:
                break
            seen.add(nxt.id)
            fact = nxt
        return fact

    def stale_facts(self, today: dt.date) -> list[Fact]:
        """Facts past their review date, oldest review date first."""
        stale = [f for f in self.facts.values() if f.is_stale(today)]
        return sorted(stale, key=lambda f: (f.review_by, f.id))

    @classmethod
    def empty(cls) -> Store:
        """A store with no records."""
        return cls(facts={}, events={}, talking_points={})
