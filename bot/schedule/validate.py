"""Schedule rules (`S001`…) and the checks that turn one YAML schedule into a `Schedule`.

Codes are stable: never renumber or reuse one. `schedules/README.md` documents every code (a test
keeps the two in step). File-level YAML problems (syntax, tabs, duplicate keys, anchors, size) use
the fact store's F-codes, from the same safe reader.
"""

from __future__ import annotations

import datetime as dt
import re

from bot.facts.fields import slug_problem, suggest
from bot.facts.model import EVENT_KINDS, Problem, Store
from bot.facts.rules import MAX_ID
from bot.facts.scalars import not_text, show
from bot.facts.yamlsafe import Node
from bot.schedule.fields import ScheduleFields, make_problem
from bot.schedule.model import EventFilter, Schedule, ScheduleType, WeekendPolicy

RULES: dict[str, str] = {
    "S001": "file is not a mapping with a `schedules:` list",
    "S002": "unknown field (the message suggests the closest known field)",
    "S003": "missing required field",
    "S004": "wrong type (e.g. text where a list is expected)",
    "S005": f"id is not a slug (lower-case words joined by hyphens), or over {MAX_ID}",
    "S006": "duplicate schedule id, in one file or across files",
    "S007": "type is not `reminder` or `digest`",
    "S008": "channel is not a Slack channel ID (`C0123ABCD`); a `#name` is not an ID",
    "S009": 'time is not a 24-hour `"HH:MM"` in quotes',
    "S010": "timezone is not an IANA name (`America/New_York`)",
    "S011": "event filter value unknown (kind, tag, topic or event id not in the store)",
    "S012": "lead_days not whole numbers from 0 to 60",
    "S013": "weekend is not `as_is`, `previous_friday` or `next_monday`",
    "S014": "milestones not whole numbers from 1 to 500",
    "S015": "digest-only field on a reminder, or reminder-only field on a digest",
    "S016": "weekdays not day names (`monday` … `sunday`)",
    "S017": "days (a digest's window) not a whole number from 1 to 366",
    "S101": "advisory: schedule matches no event in the store",
    "S102": "advisory: schedule posts to the placeholder channel (all zeros)",
}

CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{8,}$")
TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKEND_POLICIES: tuple[WeekendPolicy, ...] = ("as_is", "previous_friday", "next_monday")
TYPES: tuple[ScheduleType, ...] = ("reminder", "digest")
COMMON = ("id", "type", "channel", "time", "timezone", "events", "milestones")
REMINDER_ONLY = ("lead_days", "weekend")
DIGEST_ONLY = ("weekdays", "days")
FIELDS = COMMON + REMINDER_ONLY + DIGEST_ONLY
FILTER_FIELDS = ("kinds", "tags", "topics", "ids")
DEFAULT_MILESTONES = (1, 5, 10, 15, 20, 25, 30, 40, 50, 75, 100)
HOW_TO_FIND_ID = (
    "in Slack, open the channel, click its name at the top, and copy the Channel ID "
    "shown at the bottom of the About tab (it looks like C0123ABCD)"
)


def parse_schedule(
    node: Node, path: str, store: Store, lines: list[str]
) -> tuple[Schedule | None, list[Problem]]:
    """One `schedules:` item as a Schedule, or None with the problems that stop it."""
    f = ScheduleFields(node, path, FIELDS, lines)
    schedule_id = f.text("id", required=True)
    if schedule_id is not None and (why := slug_problem(schedule_id)):
        f.report("S005", "id", f"id {show(schedule_id)} {why} (e.g. `minusma-attacks`)")
    kind = f.choice("type", TYPES, "S007", required=True) or "reminder"
    channel = _channel(f)
    time = _time(f)
    timezone = _timezone(f)
    for key in DIGEST_ONLY if kind == "reminder" else REMINDER_ONLY:
        if key in f.values:
            other = "digest" if kind == "reminder" else "reminder"
            f.report("S015", key, f"'{key}' only applies to a {other} schedule; remove it")
    events = _filter(f, store)
    schedule = Schedule(
        id=schedule_id or "",
        type=kind,
        channel=channel or "",
        time=time or dt.time(9),
        timezone=timezone or "UTC",
        events=events,
        location=f.at(),
        lead_days=f.numbers("lead_days", 0, 60, "S012") or (0,),
        weekend=f.choice("weekend", WEEKEND_POLICIES, "S013") or "as_is",
        milestones=f.numbers("milestones", 1, 500, "S014") or DEFAULT_MILESTONES,
        digest_weekdays=_weekdays(f) or (0,),
        digest_days=f.number("days", 1, 366, "S017") or 14,
    )
    errors = [p for p in f.problems if p.severity == "error"]
    return (None if errors else schedule), f.problems


def _channel(f: ScheduleFields) -> str | None:
    if f.raw("channel") is None and "#" in f.source_line("channel"):
        # `channel: #general` unquoted: YAML reads everything after # as a comment.
        msg = f"'channel' is a #name, which YAML reads as a comment; use the ID: {HOW_TO_FIND_ID}"
        f.report("S008", "channel", msg)
        return None
    value = f.text("channel", required=True)
    if value is None:
        return None
    if value.startswith("#") or not CHANNEL_ID.match(value):
        what = "a channel name" if value.startswith("#") else "not a Slack channel ID"
        msg = f"'channel' {show(value)} is {what}; use the ID: {HOW_TO_FIND_ID}"
        f.report("S008", "channel", msg)
        return None
    return value


def _time(f: ScheduleFields) -> dt.time | None:
    value = f.raw("time", required=True)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        # Unquoted 10:30 is a base-60 number in YAML 1.1 (630); say exactly what to write.
        fixed = f'"{value // 60:02d}:{value % 60:02d}"'
        f.report("S009", "time", f"put the time in quotes: time: {fixed} (YAML read it as {value})")
        return None
    if not isinstance(value, str):
        f.report("S009", "time", f"'time' must be text, {not_text(value)}")
        return None
    match = TIME.match(value.strip())
    if not match:
        f.report("S009", "time", f"'time' {show(value)} is not a 24-hour time like \"09:00\"")
        return None
    return dt.time(int(match.group(1)), int(match.group(2)))


def _timezone(f: ScheduleFields) -> str | None:
    from zoneinfo import ZoneInfo, available_timezones

    value = f.text("timezone", required=True)
    if value is None:
        return None
    try:
        ZoneInfo(value)
    except (ValueError, OSError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        hint = suggest(value, sorted(available_timezones()))
        f.report(
            "S010",
            "timezone",
            f"'timezone' {show(value)} is not an IANA timezone, e.g. America/New_York{hint}",
        )
        return None
    return value


def _weekdays(f: ScheduleFields) -> tuple[int, ...]:
    days = []
    for item, where in f.strings("weekdays"):
        name = item
        if name not in WEEKDAYS:
            msg = f"'weekdays' {show(item)} is not a day name{suggest(name.lower(), WEEKDAYS)}"
            f.problems.append(make_problem("S016", where, msg))
        else:
            days.append(WEEKDAYS.index(name))
    return tuple(sorted(set(days)))


def _filter(f: ScheduleFields, store: Store) -> EventFilter:
    node = f.values.get("events")
    if node is None or node.value is None:
        return EventFilter()
    sub = f.child("events", FILTER_FIELDS)
    if sub is None:
        return EventFilter()
    known = {
        "kinds": tuple(EVENT_KINDS),
        "tags": tuple(sorted({t for e in store.events.values() for t in e.tags})),
        "topics": tuple(sorted({e.topic for e in store.events.values()})),
        "ids": tuple(sorted(store.events)),
    }
    chosen = {}
    for key in FILTER_FIELDS:
        values = []
        for item, where in sub.strings(key):
            if item not in known[key]:
                what = key.rstrip("s") if key != "ids" else "event id"
                msg = f"events.{key}: no {what} {show(item)} in the fact store"
                msg += suggest(item, known[key])
                sub.problems.append(make_problem("S011", where, msg))
            values.append(item)
        chosen[key] = tuple(values)
    f.problems.extend(sub.problems)
    return EventFilter(**chosen)
