"""The rule-code table of `factbot check`: every code, its severity and what it means, in one place.

Codes are stable: never renumber or reuse one; add new codes at the end of their series.
`facts/README.md` documents every code (a test keeps the two in step).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.facts.model import Location, Problem, Severity
from bot.mrkdwn import MAX_STORED_TEXT, MAX_TITLE

log = logging.getLogger(__name__)

# A stored mrkdwn text, measured as sent (`bot.mrkdwn.sent_length`): Slack's 3,000 characters a
# section, less the room a renderer needs for its label ("*Caveat:* ").
MAX_MRKDWN = MAX_STORED_TEXT
# How deep lists and mappings may nest: a talking-point set needs 6 levels (file, section, record,
# points, point, facts), a schedule 5. Deeper files are refused before they are built, so no
# reader or consumer ever recurses deeper than this (500 levels used to raise RecursionError).
MAX_DEPTH = 20
# No field takes a number written in more characters than this (YAML would build base-60 numbers
# like 59:59:59… in quadratic time, and Python refuses to print integers over 4,300 digits).
MAX_NUMBER_CHARS = 40
# The years a date may have. From 1000: iCalendar dates and strftime("%Y") need four digits. To
# 2200: far beyond any review date, and it leaves every consumer's arithmetic (the next
# anniversary, a 366-day digest window, DTEND one day later, as_of + 3 years, review intervals)
# thousands of years of room below Python's year 9999 (9999-12-31 used to crash `factbot ics`).
MIN_YEAR, MAX_YEAR = 1000, 2200
# The longest id: a slug of a few words. Every button and modal carries the id it acts on, within
# Slack's 2,000 characters a value (a 2,100-character id passed check and crashed `/fact`).
MAX_ID = 80
YEARS = f"{MIN_YEAR}–{MAX_YEAR}"


@dataclass(frozen=True)
class Rule:
    """One numbered rule: its code, severity and a short description."""

    code: str
    severity: Severity
    summary: str


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule("F001", "error", "YAML syntax error (or the file cannot be read as UTF-8 text)"),
        Rule("F002", "error", "duplicate key in one mapping (YAML would silently keep one)"),
        Rule("F003", "error", "tab character"),
        Rule("F004", "error", "unknown field (the message suggests the closest known field)"),
        Rule("F005", "error", "missing (or empty) required field"),
        Rule("F006", "error", "wrong type (e.g. a list where text is expected)"),
        Rule("F007", "error", f"invalid date (`2013-02-30`), or a year outside {YEARS}"),
        Rule("F008", "error", "URL is not an http(s) link"),
        Rule("F009", "error", "duplicate id, in one file or across files"),
        Rule("F010", "error", "reference to an unknown id (facts, talking_points, superseded_by)"),
        Rule("F011", "error", "alias claimed by two records (case- and accent-insensitive)"),
        Rule(
            "F012",
            "error",
            f"text too long as sent (mrkdwn > {MAX_MRKDWN:,}; title > {MAX_TITLE})",
        ),
        Rule("F013", "error", "file refused: YAML anchors/aliases (`&x`, `*x`)"),
        Rule("F014", "error", "file refused: larger than 1 MiB"),
        Rule(
            "F015",
            "error",
            f"id is not a slug (lower-case words joined by hyphens), or over {MAX_ID}",
        ),
        Rule("F016", "error", "value not allowed (kind, tone, confidence)"),
        Rule("F017", "error", "attack or coup event with a celebratory tone"),
        Rule("F018", "error", "neither or both of review_by/review_every, or a bad interval"),
        Rule("F019", "error", "superseded_by points to itself or makes a cycle"),
        Rule("F020", "error", "file is not a mapping of known sections"),
        Rule("F021", "error", "empty list where at least one item is required"),
        Rule("F022", "error", "facts or schedules directory not found"),
        Rule("F023", "error", f"file refused: lists and mappings nested over {MAX_DEPTH} deep"),
        Rule("F024", "error", "internal error while checking a record or file (a factbot bug)"),
        Rule("F025", "error", "control character in text (`\\0`, `\\e`, `\\x7f`, `\\N`...)"),
        Rule(
            "F026", "error", "a symbolic link to a directory in the store (its files are not read)"
        ),
        Rule("A101", "advisory", "fact past its review date (stale)"),
        Rule("A102", "advisory", "`as_of` more than 3 years old and no caveat"),
        Rule("A103", "advisory", "source without a date on an event"),
        Rule("A104", "advisory", "talking point backed by a superseded fact"),
        Rule("A105", "advisory", "no fact files found in the facts directory"),
        Rule("A106", "advisory", "a broadcast (`<!channel>`, `<!here>`, `<!everyone>`)"),
        Rule("A107", "advisory", "a user mention (`<@U…>`)"),
        Rule("A108", "advisory", "a link whose visible text is a different address"),
        Rule("A109", "advisory", "a bidi control character (U+202A–U+202E, U+2066–U+2069)"),
        Rule("A110", "advisory", "a zero-width character (U+200B–U+200D, U+2060, U+FEFF)"),
        Rule("A120", "advisory", "fact sourced only to reference works, or only to one outlet"),
        Rule("A121", "advisory", "UN document symbol linked through a non-UN site"),
        Rule("A122", "advisory", "fact's nearest dated source is over a year after its as_of"),
        Rule("A123", "advisory", "every source of an event is dated before the event"),
        Rule("A124", "advisory", "talking points cite a fact dated after the set's as_of"),
        Rule("A125", "advisory", "statement over two sentences or about 40 words"),
        Rule("F040", "error", "a talking point states a number or date none of its facts carries"),
        Rule("F041", "error", "an event's summary or suggested post contradicts its facts"),
        Rule("A140", "advisory", "a talking point states a superseded figure without dating it"),
        Rule("A141", "advisory", "an event's summary or suggested post states an outdated figure"),
    )
}

# The advisory for each kind of hazard `bot.mrkdwn.find_hazards` reports.
HAZARD_CODES = {
    "broadcast": "A106",
    "mention": "A107",
    "disguised_link": "A108",
    "bidi": "A109",
    "zero_width": "A110",
}


def problem(code: str, where: Location, message: str) -> Problem:
    """A Problem for rule `code` at `where`, with the severity the table gives that code."""
    return Problem(where.path, where.line, where.col, code, message, RULES[code].severity)


def internal_error(where: Location, what: str, exc: Exception) -> Problem:
    """F024 for an exception a check raised: one line for the user, the traceback in the log.

    Call it inside the `except` block. A last resort: a bug in one rule must not stop the rest
    of the store from loading, nor show a contributor a traceback.
    """
    log.error("internal error while checking %s", what, exc_info=exc)
    msg = f"factbot failed while checking {what} ({type(exc).__name__}); this is a bug in "
    return problem("F024", where, msg + "factbot: please report it with this file")


def sort_problems(problems: list[Problem] | tuple[Problem, ...]) -> list[Problem]:
    """Problems in reading order: by path, line, column, then code."""
    return sorted(problems, key=lambda p: (p.path, p.line, p.col, p.code, p.message))
