"""Upcoming anniversaries in Block Kit, for `/anniversaries` and the App Home.

Tone-aware like the posts: a solemn event is "N years since", never an anniversary to celebrate;
a month-precision event is listed "in April", never given a day it does not have.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

from bot.grammar import count
from bot.schedule.wording import lead_phrase, ordinal, plural_years, short_date
from bot.slack.text import (
    cap_items,
    context,
    day,
    escape,
    finish,
    header,
    line_sections,
    more_note,
    section,
)

MAX_LISTED = 60


def when_text(item) -> str:
    """`Thu 25 Apr (in 5 days)`, `Today, Sun 25 Apr`, or `In April (day unknown)`."""
    if not item.event.date.is_exact:
        return f"In {calendar.month_name[item.event.date.month]} (day unknown)"
    phrase = lead_phrase(item.days_until)
    if item.days_until in (0, 1):
        return f"{phrase.capitalize()}, {short_date(item.date)}"
    return f"{short_date(item.date)} ({phrase})"


def years_text(item) -> str:
    """`14th anniversary`, or for a solemn event `13 years since` (remembered, not celebrated)."""
    if item.event.tone == "solemn":
        return f"{plural_years(item.years)} since"
    return f"{ordinal(item.years)} anniversary"


def anniversary_line(item) -> str:
    """One mrkdwn line: when, the title, kind, years and the date it happened."""
    event = item.event
    return (
        f"• *{when_text(item)}*: {escape(event.title)} "
        f"({escape(event.kind)}, {years_text(item)}: {event.date.human()})"
    )


def anniversary_plain(item) -> str:
    """The same line as plain text, for fallbacks."""
    return f"{when_text(item)}: {item.event.title} ({years_text(item)})"


def anniversary_blocks(upcoming: Sequence, limit: int = MAX_LISTED) -> list[dict | None]:
    """Lines packed into sections, with "… and N more" when the list is cut (else a None)."""
    shown, left_out = cap_items(list(upcoming), limit)
    return [
        *line_sections([anniversary_line(u) for u in shown]),
        more_note(left_out, "anniversary", "Ask for fewer days, e.g. `/anniversaries 7`."),
    ]


def render_anniversaries(upcoming: Sequence, today: dt.date, heading: str):
    """The `/anniversaries` reply: `heading` (escaped), then each anniversary soonest first."""
    if not upcoming:
        return finish(
            [header(heading), section("No anniversaries in this window.")], f"{heading}: none"
        )
    blocks = [header(heading), context(f"From {day(today)}"), *anniversary_blocks(upcoming)]
    first = anniversary_plain(upcoming[0])
    return finish(blocks, f"{heading}: {count(len(upcoming), 'anniversary')}. First: {first}")
