"""How anniversaries are worded, by tone: solemn events are remembered, never celebrated.

Pure functions of an event and a date. Solemn wording says "marks N years since" and
"remembering", and never uses a celebratory word or emoji; neutral wording is plain;
celebratory wording may celebrate.
"""

from __future__ import annotations

import calendar
import datetime as dt

from bot.facts.model import Event
from bot.grammar import count

# What a solemn (or neutral) rendering must never contain; tests check every tone against these.
CELEBRATORY_WORDS = (
    "celebrate",
    "celebrating",
    "celebration",
    "congratulations",
    "congrats",
    "happy",
    "hooray",
    "cheers",
)
CELEBRATORY_EMOJI = (
    "🎉",
    "🥳",
    "🎊",
    "🎂",
    "🎈",
    "🍾",
    "🥂",
    "🎆",
    "🎇",
    ":tada:",
    ":partying_face:",
    ":confetti_ball:",
    ":birthday:",
    ":balloon:",
    ":champagne:",
    ":clinking_glasses:",
    ":fireworks:",
)


def years_since(event: Event, on: dt.date) -> int:
    """Whole years from the event's date to `on` (month-precision events count by month)."""
    years = on.year - event.date.year
    anniversary = event.date.in_year(on.year)
    if anniversary is not None:
        return years - (on < anniversary)
    return years - (on.month < event.date.month)


def ordinal(n: int) -> str:
    """`1st`, `2nd`, `3rd`, `4th`, `11th`, `12th`, `13th`, `21st`, `112th`."""
    if n % 100 in (11, 12, 13):
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def plural_years(n: int) -> str:
    """`1 year`, `14 years`."""
    return count(n, "year")


def anniversary_label(event: Event, on: dt.date) -> str:
    """`14th anniversary`, counting whole years from the event to `on`."""
    return f"{ordinal(years_since(event, on))} anniversary"


def lead_phrase(lead_days: int) -> str:
    """How far away the anniversary is: `today`, `tomorrow`, `in a week`, `in 3 days`, ...

    Negative values (a post moved past a weekend anniversary) read `yesterday`, `2 days ago`.
    """
    if lead_days == 0:
        return "today"
    if lead_days == 1:
        return "tomorrow"
    if lead_days == -1:
        return "yesterday"
    if lead_days < 0:
        return f"{count(-lead_days, 'day')} ago"
    if lead_days % 7 == 0:
        weeks = lead_days // 7
        return "in a week" if weeks == 1 else f"in {count(weeks, 'week')}"
    return f"in {count(lead_days, 'day')}"


def is_milestone(years: int, milestones: tuple[int, ...] | list[int]) -> bool:
    """True when this anniversary year is one the schedule emphasises."""
    return years in set(milestones)


def short_date(day: dt.date) -> str:
    """`Sun 25 Apr`."""
    return f"{calendar.day_abbr[day.weekday()]} {day.day} {calendar.month_abbr[day.month]}"


def long_date(day: dt.date) -> str:
    """`Sunday 25 April 2027`."""
    return (
        f"{calendar.day_name[day.weekday()]} {day.day} {calendar.month_name[day.month]} {day.year}"
    )


def headline(event: Event, anniversary: dt.date) -> str:
    """The post's title line, by tone."""
    label = anniversary_label(event, anniversary)
    if event.tone == "solemn":
        return f"Remembering: {event.title}"
    if event.tone == "celebratory":
        return f"🎉 {label[0].upper()}{label[1:]}: {event.title}"
    return f"{label[0].upper()}{label[1:]}: {event.title}"


# The verb of each tone's intro in the past, present and future: a post moved past a weekend
# anniversary speaks of it in the past, one ahead of it in the future.
VERBS = {
    "solemn": ("marked", "marks", "will mark"),
    "celebratory": ("we celebrated", "we celebrate", "we will celebrate"),
    "neutral": ("was", "is", "will be"),
}


def tense(days_until: int) -> int:
    """0 past, 1 present, 2 future: the anniversary's relation to the day of the post."""
    return 0 if days_until < 0 else (1 if days_until == 0 else 2)


def intro(event: Event, anniversary: dt.date, days_until: int, milestone: bool = False) -> str:
    """One sentence saying when the anniversary is and how many years it marks, by tone.

    `days_until` is the anniversary minus the post's local date; its sign sets the tense.
    """
    years = years_since(event, anniversary)
    since = event.date.human()
    when = _when(anniversary, days_until)
    verb = VERBS.get(event.tone, VERBS["neutral"])[tense(days_until)]
    if event.tone == "solemn":
        text = f"{when} {verb} {plural_years(years)} since {since}."
        return text + (" A milestone year of remembrance." if milestone else "")
    label = anniversary_label(event, anniversary)
    text = f"{when} {verb} the {label} ({since})."
    if event.tone == "celebratory":
        return text + (" A milestone worth celebrating!" if milestone else "")
    return text + (" A milestone year." if milestone else "")


def _when(anniversary: dt.date, days_until: int) -> str:
    phrase = lead_phrase(days_until)
    phrase = phrase[0].upper() + phrase[1:]
    if days_until == 0:
        return phrase
    return f"{phrase} ({long_date(anniversary)})"


def digest_line(event: Event, day: dt.date) -> str:
    """One line of a digest: the date, the years by tone, and the title (month-only says so)."""
    years = years_since(event, day)
    if event.date.is_exact:
        when = short_date(day)
    else:
        when = f"{calendar.month_name[event.date.month]} (day unknown)"
    if event.tone == "solemn":
        return f"{when} — {plural_years(years)} since: {event.title}"
    return f"{when} — {ordinal(years)} anniversary: {event.title}"
