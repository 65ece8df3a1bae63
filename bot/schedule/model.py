"""Typed schedules and the occurrences computed from them.

An occurrence is one post that should go out: its `key` is what the posting ledger claims, so the
same occurrence computed by any number of processes gets the same key and is posted once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal
from zoneinfo import ZoneInfo

from bot.facts.model import Location

WeekendPolicy = Literal["as_is", "previous_friday", "next_monday"]
ScheduleType = Literal["reminder", "digest"]


@dataclass(frozen=True)
class EventFilter:
    """Which events a schedule covers; an empty filter list means "any"."""

    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Schedule:
    """When and where anniversary posts go out."""

    id: str
    type: ScheduleType
    channel: str
    time: dt.time
    timezone: str
    events: EventFilter
    location: Location
    lead_days: tuple[int, ...] = (0,)
    weekend: WeekendPolicy = "as_is"
    milestones: tuple[int, ...] = (1, 5, 10, 15, 20, 25, 50, 75, 100)
    # Digest schedules only: the weekdays they post on (0 = Monday) and how far ahead they look.
    digest_weekdays: tuple[int, ...] = (0,)
    digest_days: int = 14


@dataclass(frozen=True)
class Occurrence:
    """One post due at `post_at` (timezone-aware, UTC)."""

    schedule_id: str
    channel: str
    post_at: dt.datetime
    local_date: dt.date
    # Reminder: one event, its anniversary date this year, and how many days ahead (0 = the day).
    # Digest: every event in the window, anniversary_date = the digest's local date, lead_days = 0.
    event_ids: tuple[str, ...]
    anniversary_date: dt.date
    lead_days: int
    is_digest: bool = False
    # Added for rendering (not part of the key): the schedule's IANA timezone and the
    # anniversary years it emphasises.
    timezone: str = "UTC"
    milestones: tuple[int, ...] = ()

    @property
    def local_at(self) -> dt.datetime:
        """`post_at` in the schedule's own timezone."""
        return self.post_at.astimezone(ZoneInfo(self.timezone))

    @property
    def key(self) -> str:
        """The ledger's unique key: the same post always gets the same key."""
        what = "digest" if self.is_digest else self.event_ids[0]
        return (
            f"{self.schedule_id}|{what}|{self.anniversary_date.isoformat()}|"
            f"{self.lead_days}|{self.channel}"
        )
