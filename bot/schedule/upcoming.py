"""Upcoming anniversaries for `/anniversaries [N days | month name | query]` and the App Home.

Pure: `today` is a parameter. Slack rendering lives in the Slack layer.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from bot.facts.model import Event, Store
from bot.facts.periods import add_days
from bot.schedule.occurrences import AnniversaryIndex
from bot.schedule.wording import years_since

MAX_DAYS = 366
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_DAYS = re.compile(r"^(\d{1,3})\s*(d|days?|w|weeks?)?$")


@dataclass(frozen=True)
class Upcoming:
    """One anniversary in the window (a month-only event is dated at its first day shown)."""

    event: Event
    date: dt.date
    years: int
    days_until: int

    @property
    def exact(self) -> bool:
        """False for a month-precision event: only its month is known."""
        return self.event.date.is_exact


@dataclass(frozen=True)
class UpcomingRequest:
    """What `/anniversaries <text>` asked for: a number of days, a month, or a search."""

    days: int = 30
    month: int | None = None
    query: str | None = None


def parse_request(text: str) -> UpcomingRequest:
    """`""` → 30 days; `14`/`2 weeks` → days (1–366); `april`/`apr` → month; else a query."""
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        return UpcomingRequest()
    if cleaned in _MONTHS:
        return UpcomingRequest(month=_MONTHS[cleaned])
    match = _DAYS.match(cleaned)
    if match:
        n = int(match.group(1)) * (7 if (match.group(2) or "d").startswith("w") else 1)
        return UpcomingRequest(days=min(max(n, 1), MAX_DAYS))
    return UpcomingRequest(query=text.strip())


def upcoming_anniversaries(
    store: Store,
    today: dt.date,
    days: int = 30,
    query: str | None = None,
    month: int | None = None,
) -> list[Upcoming]:
    """Anniversaries (year ≥ 1) soonest first.

    - `month` (1–12): that whole month, this year if it has not ended yet, else next year.
    - `query` (without `month`): matching events' next anniversaries within a year of `today`.
    - otherwise: the `days` days starting today.
    """
    events = list(store.events.values())
    if query:
        events = [e for e in events if _matches(e, query)]
    if month is not None:
        year = today.year if month >= today.month else today.year + 1
        first = dt.date(year, month, 1)
        end = dt.date(year + (month == 12), month % 12 + 1, 1)
    else:
        first = today
        end = add_days(today, MAX_DAYS if query else min(max(days, 1), MAX_DAYS))
    found = AnniversaryIndex(events).between(first, end)
    if query and month is None:
        found = first_per_event(found)
    return [
        Upcoming(event=e, date=day, years=years_since(e, day), days_until=(day - today).days)
        for day, e in found
    ]


def _matches(event: Event, query: str) -> bool:
    words = query.lower().split()
    haystack = " ".join(
        (event.id, event.title, event.kind, event.topic, *event.aliases, *event.tags)
    ).lower()
    return all(word in haystack for word in words)


def first_per_event(found: list[tuple[dt.date, Event]]) -> list[tuple[dt.date, Event]]:
    """Each event once, at its first (soonest) date in `found`."""
    seen: set[str] = set()
    kept = []
    for day, event in found:
        if event.id not in seen:
            seen.add(event.id)
            kept.append((day, event))
    return kept
