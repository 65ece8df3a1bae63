"""Every post the schedules call for between two instants: pure, the clock is a parameter.

Rules (documented in schedules/README.md):
- Anniversaries start at year 1: the event's own date is never an anniversary.
- Reminders cover exact-date events only; month-precision events appear only in digests.
- A reminder that would fall on a Saturday or Sunday moves by the schedule's weekend policy; when
  two lead days of one anniversary land on the same day, only the one nearest the day is kept.
- Local times come from zoneinfo: a time that does not exist (spring forward) moves forward by
  the gap, an ambiguous one (fall back) takes the first.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from bot.facts.model import Event, Store
from bot.schedule.model import Occurrence, Schedule

UTC = dt.UTC
ONE_DAY = dt.timedelta(days=1)
# A reminder's post date can sit this far from its anniversary: 60 lead days + a weekend move.
MAX_SHIFT_DAYS = 63


def occurrences_between(
    schedules: Iterable[Schedule], store: Store, start: dt.datetime, end: dt.datetime
) -> list[Occurrence]:
    """Every post with `start <= post_at < end` (aware datetimes), sorted by post_at then key."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("occurrences_between needs timezone-aware datetimes")
    found: list[Occurrence] = []
    for schedule in schedules:
        events = matching_events(schedule, store)
        if schedule.type == "digest":
            found.extend(_digest_occurrences(schedule, events, start, end))
        else:
            found.extend(_reminder_occurrences(schedule, events, start, end))
    found.sort(key=lambda o: (o.post_at, o.key))
    return found


def matching_events(schedule: Schedule, store: Store) -> list[Event]:
    """The store's events that the schedule's filter selects (empty filter lists mean any)."""
    f = schedule.events
    kinds, topics, ids, tags = set(f.kinds), set(f.topics), set(f.ids), set(f.tags)
    chosen = []
    for event in store.events.values():
        if kinds and event.kind not in kinds:
            continue
        if topics and event.topic not in topics:
            continue
        if ids and event.id not in ids:
            continue
        if tags and not tags.intersection(event.tags):
            continue
        chosen.append(event)
    return sorted(chosen, key=lambda e: e.id)


def local_post_time(day: dt.date, at: dt.time, zone: ZoneInfo) -> dt.datetime:
    """`day` at `at` in `zone`, as UTC: a skipped time moves forward, an ambiguous one is first."""
    # fold=0 (PEP 495) means "the offset before the transition": for a time in the spring-forward
    # gap that lands after the gap once normalised; for a repeated time it is the first one.
    local = dt.datetime.combine(day, at.replace(tzinfo=None, fold=0), tzinfo=zone)
    return local.astimezone(UTC)


def move_for_weekend(day: dt.date, policy: str) -> dt.date:
    """Move a Saturday/Sunday date to the previous Friday or next Monday, per the policy."""
    weekday = day.weekday()
    if weekday < 5 or policy == "as_is":
        return day
    if policy == "previous_friday":
        return day - dt.timedelta(days=weekday - 4)
    return day + dt.timedelta(days=7 - weekday)


def _local_dates(start: dt.datetime, end: dt.datetime, pad: int) -> tuple[dt.date, dt.date]:
    """A local-date range wide enough to cover [start, end) in any timezone, plus `pad` days."""
    first = start.astimezone(UTC).date() - dt.timedelta(days=1 + pad)
    last = end.astimezone(UTC).date() + dt.timedelta(days=1 + pad)
    return first, last


def _reminder_occurrences(schedule, events, start, end) -> list[Occurrence]:
    zone = ZoneInfo(schedule.timezone)
    first, last = _local_dates(start, end, MAX_SHIFT_DAYS)
    by_day: dict[tuple[int, int], list[Event]] = defaultdict(list)
    for event in events:
        if event.date.is_exact:
            by_day[(event.date.month, event.date.day)].append(event)
    post_times: dict[dt.date, dt.datetime] = {}
    s_id, channel, s_zone, s_milestones = (
        schedule.id,
        schedule.channel,
        schedule.timezone,
        schedule.milestones,
    )
    found: list[Occurrence] = []
    for year in range(first.year, last.year + 1):
        for group in by_day.values():
            anniversary = group[0].date.in_year(year)
            if anniversary is None or not first <= anniversary <= last:  # None: never, all exact
                continue
            for post_date, lead in _post_dates(schedule, anniversary):
                post_at = post_times.get(post_date)
                if post_at is None:
                    post_at = post_times[post_date] = local_post_time(
                        post_date, schedule.time, zone
                    )
                if not start <= post_at < end:
                    continue
                # Positional arguments, in field order: this line runs once per post.
                found.extend(
                    Occurrence(
                        s_id,
                        channel,
                        post_at,
                        post_date,
                        (e.id,),
                        anniversary,
                        lead,
                        False,
                        s_zone,
                        s_milestones,
                    )
                    for e in group
                    if e.date.year < year
                )
    return found


def _post_dates(schedule: Schedule, anniversary: dt.date) -> list[tuple[dt.date, int]]:
    """(post date, lead) per lead day; of leads landing on one date, the smallest wins."""
    chosen: dict[dt.date, int] = {}
    for lead in sorted(set(schedule.lead_days), reverse=True):
        post = move_for_weekend(anniversary - dt.timedelta(days=lead), schedule.weekend)
        chosen[post] = lead
    return list(chosen.items())


def _digest_occurrences(schedule, events, start, end) -> list[Occurrence]:
    zone = ZoneInfo(schedule.timezone)
    first, last = _local_dates(start, end, 0)
    weekdays = set(schedule.digest_weekdays)
    index = AnniversaryIndex(events)
    window = dt.timedelta(days=schedule.digest_days)
    found = []
    day = first
    while day <= last:
        if day.weekday() in weekdays:
            post_at = local_post_time(day, schedule.time, zone)
            if start <= post_at < end:
                listed = tuple(e.id for _, e in index.between(day, day + window))
                if listed:
                    found.append(_digest(schedule, post_at, day, tuple(dict.fromkeys(listed))))
        day += ONE_DAY
    return found


class AnniversaryIndex:
    """Events indexed by month and day, so a window's anniversaries are found by date lookups."""

    def __init__(self, events: Iterable[Event]):
        self._by_day: dict[tuple[int, int], list[Event]] = defaultdict(list)
        self._by_month: dict[int, list[Event]] = defaultdict(list)
        for event in sorted(events, key=lambda e: e.id):
            day = event.date.day  # None: month precision
            if day is not None:
                self._by_day[(event.date.month, day)].append(event)
            else:
                self._by_month[event.date.month].append(event)

    def between(self, first: dt.date, end: dt.date) -> list[tuple[dt.date, Event]]:
        """(date, event) for each anniversary (year ≥ 1) in [first, end), soonest first.

        A month-precision event is listed once per overlapping month, dated at the later of the
        month's first day and `first`.
        """
        found: list[tuple[dt.date, Event]] = []
        day = first
        while day < end:
            keys = [(day.month, day.day)]
            if (day.month, day.day) == (2, 28) and not calendar.isleap(day.year):
                keys.append((2, 29))  # Feb 29 anniversaries fall on Feb 28 in common years
            if day == first or day.day == 1:
                found.extend(
                    (day, e) for e in self._by_month.get(day.month, ()) if e.date.year < day.year
                )
            for key in keys:
                found.extend((day, e) for e in self._by_day.get(key, ()) if e.date.year < day.year)
            day += ONE_DAY
        return found


def _digest(schedule, post_at, day, event_ids) -> Occurrence:
    return Occurrence(
        schedule_id=schedule.id,
        channel=schedule.channel,
        post_at=post_at,
        local_date=day,
        event_ids=event_ids,
        anniversary_date=day,
        lead_days=0,
        is_digest=True,
        timezone=schedule.timezone,
        milestones=schedule.milestones,
    )
