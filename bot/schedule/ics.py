"""An iCalendar (RFC 5545) file of the store's anniversaries, written by hand (it is small).

One all-day VEVENT per exact-date event, repeating yearly from the event's date, with a stable UID
(`<event id>@factbot`) so calendar apps update rather than duplicate on re-import, and display
alarms ahead of each anniversary. Month-only events are left out (they have no day).
29 February events recur on the last day of February (28 February in common years), matching the
anniversary posts. Lines end in CRLF and are folded at 75 octets; text is escaped per RFC 5545.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from bot.facts.model import Event, Store
from bot.mrkdwn import stored_plain
from bot.schedule.wording import lead_phrase

CRLF = "\r\n"
MAX_OCTETS = 75


def escape_text(text: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma, and newlines as `\\n`."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, never splitting a UTF-8 character."""
    out: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = MAX_OCTETS if not out else MAX_OCTETS - 1  # continuation lines start with a space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return (CRLF + " ").join(out)


def plain(mrkdwn: str) -> str:
    """The store's mrkdwn as plain text (`bot.mrkdwn.stored_plain`), `*bold*` without its stars."""
    return re.sub(r"(?<!\w)\*([^*\n]+)\*(?!\w)", r"\1", stored_plain(mrkdwn))


def build_calendar(store: Store, now: dt.datetime, alarm_days: Iterable[int] = (7, 1)) -> str:
    """The whole VCALENDAR as text with CRLF line endings; `now` is the DTSTAMP."""
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//factbot//anniversaries//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:factbot anniversaries",
    ]
    alarms = sorted({int(d) for d in alarm_days if int(d) > 0}, reverse=True)
    for event in sorted(store.events.values(), key=lambda e: (e.date.iso(), e.id)):
        if event.date.is_exact:
            lines += _vevent(event, stamp, alarms)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


def _vevent(event: Event, stamp: str, alarms: list[int]) -> list[str]:
    start = event.date.as_date()
    if start is None:  # month precision: no day to put in a calendar (the caller skips these)
        return []
    leap_day = (start.month, start.day) == (2, 29)
    rule = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1" if leap_day else "FREQ=YEARLY"
    prefix = "Remembering" if event.tone == "solemn" else "Anniversary"
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.id}@factbot",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
        f"DTEND;VALUE=DATE:{start + dt.timedelta(days=1):%Y%m%d}",
        f"RRULE:{rule}",
        f"SUMMARY:{escape_text(f'{prefix}: {event.title}')}",
        f"DESCRIPTION:{escape_text(_description(event))}",
        f"CATEGORIES:{escape_text(event.kind)}",
        "TRANSP:TRANSPARENT",
    ]
    if event.sources:
        lines.append(f"URL:{event.sources[0].url}")
    for days in alarms:
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text(f'{prefix}: {event.title} ({lead_phrase(days)})')}",
            f"TRIGGER:-P{days}D",
            "END:VALARM",
        ]
    lines.append("END:VEVENT")
    return lines


def _description(event: Event) -> str:
    parts = [f"{event.date.human()}. {plain(event.summary)}"]
    if event.caveat:
        parts.append(f"Caveat: {plain(event.caveat)}")
    sources = [f"- {s.title}: {s.url}" for s in event.sources]
    parts.append("Sources:\n" + "\n".join(sources))
    return "\n\n".join(parts)
