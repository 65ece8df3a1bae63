"""Dates in text: `25 April 2013`, `April 25, 2013`, `April 2013`, `2013-04-25`, `in 2015`,
`last July` (relative to `today`), and identifiers that look like numbers but are names
(`resolution 2100`, `S/2013/230`, `9365th meeting`).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, insort
from dataclasses import dataclass

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")  # fmt: skip
MONTH_NAMES = tuple(m.capitalize() for m in _MONTHS)
MONTH_NUMBER = {m: i + 1 for i, m in enumerate(_MONTHS)}
MONTH_NUMBER |= {m[:3]: i + 1 for i, m in enumerate(_MONTHS)} | {"sept": 9}
_MONTH = (
    r"(?P<month>" + "|".join(_MONTHS) + r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?)"
    r"(?!\w)"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\w/-]\d|\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_RANGE = r"(?:\s?[–-]\s?(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)?"
PATTERNS = (
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")),
    # 2013/04/25, 4/25/2013 (US), 25/4/2013 or 25.4.2013: read when only one order makes a date.
    ("isoslash", re.compile(r"\b(?P<year>(?:19|20)\d\d)/(?P<month>\d{1,2})/(?P<day>\d{1,2})\b")),
    ("numeric", re.compile(r"\b(?P<a>\d{1,2})([/.])(?P<b>\d{1,2})\2" + _YEAR)),
    ("dmy", re.compile(r"\b" + _DAY + _RANGE + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR, re.I)),
    ("mdy", re.compile(r"\b" + _MONTH + r"\s+" + _DAY + _RANGE + r"(?:,\s*|\s+)" + _YEAR, re.I)),
    ("my", re.compile(r"\b" + _MONTH + r",?\s+(?:of\s+)?" + _YEAR, re.I)),
    ("years", re.compile(r"\b" + _YEAR + r"\s?[–-]\s?(?P<year2>(?:19|20)\d\d)\b")),
    ("last", re.compile(r"\blast\s+" + _MONTH + r"(?!\w)", re.I)),
    ("lastyear", re.compile(r"\b(?P<which>last|this)\s+year\b", re.I)),
    ("lastweek", re.compile(r"\b(?P<which>last|this|past)\s+(?P<span>week|month)\b", re.I)),
    ("year", re.compile(r"(?<![\w$€£/.,-])" + _YEAR + r"(?!s\b|\.\d|,\d)")),
    # Last: "(8 April)" borrows the year of the date before it, so the years must be found first.
    ("dm", re.compile(r"\b" + _DAY + r"\s+" + _MONTH + r"(?!\w)", re.I)),
)
# Numbers that name things rather than count them.
IDENTIFIER = re.compile(
    r"(?:\b(?:resolutions?|res\.?|decision|no\.|number|article|art\.|paragraph|para\.|"
    r"meeting|session|s/res/)\s*(?P<n>\d[\d/]*)(?:\s*(?:and|,)\s*\d+)*)"
    r"|(?:\b[A-Z]{1,4}/[\w/.-]*\d[\w/.-]*)|(?:(?<![/\d])\b\d+/\d+(?!/\d)(?:/[A-Z]+)?\b)"
    r"|(?:\b\d+(?:st|nd|rd|th)\b)|(?:\b[A-Za-z]+\d+[A-Za-z\d]*\b)"
    # A record id ("minusma-final-toll-2023"): three or more words joined by hyphens, the last
    # digits ("mid-2018" is a date).
    r"|(?-i:\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+-\d+\b)",
    re.IGNORECASE,
)
_HAS_DIGIT = re.compile(r"\d")
_RELATIVE = re.compile(r"\b(?:last|this)\s", re.IGNORECASE)
_JOINED = re.compile(r"^\s*(?:,\s*)?(?:and|to|or|through|until|–|-)\s*$")
_LABEL = re.compile(r"\b(?:the|its|his|her|their|a|an|this)\s+$", re.IGNORECASE)
_SINCE = re.compile(r"(?:since|from|after|before|until|by)\s+(?:the\s+)?(?:end\s+of\s+)?$", re.I)


@dataclass(frozen=True)
class DateMention:
    """A date as written: span, year, month and day (None when not given), and how it is framed."""

    start: int
    end: int
    year: int
    month: int | None = None
    day: int | None = None
    day2: int | None = None  # the last day of a range ("16–19 January 2013")
    year2: int | None = None  # the last year of a range ("2013–2023")
    framing: str | None = None  # "since", "by", "until"...: a bound, not the date of an event

    def iso(self) -> str:
        """`2013-04-25`, `2013-04`, `2013` or `2013/2023`."""
        out = f"{self.year:04d}" + (f"/{self.year2:04d}" if self.year2 else "")
        if self.month:
            out += f"-{self.month:02d}"
        if self.day:
            out += f"-{self.day:02d}"
        return out


def find_identifiers(text: str) -> list[tuple[int, int]]:
    """Spans of numbers that are names (resolution 2100, S/2013/230, 6898th, A4P)."""
    return [m.span() for m in IDENTIFIER.finditer(text)]


def find_dates(text: str, today: dt.date, skip: list[tuple[int, int]]) -> list[DateMention]:
    """Every date in `text` outside `skip`, longest forms first, in order of position."""
    if not _HAS_DIGIT.search(text) and not _RELATIVE.search(text):
        return []
    taken = sorted(skip)  # spans that never overlap, so sorted by start they are by end too
    found: list[DateMention] = []  # kept in order of position
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            i = bisect_left(taken, (m.end(),))  # the spans starting before this match ends
            if i and taken[i - 1][1] > m.start():
                continue
            mention = _mention(kind, m, text, today, found)
            if mention is not None:
                insort(found, mention, key=lambda d: d.start)
                insort(taken, m.span())
    return found


def _mention(kind, m, text, today, found) -> DateMention | None:
    g = m.groupdict()
    if kind == "numeric":
        g |= _day_and_month(int(g["a"]), int(g["b"]))
    month = _month(g.get("month"))
    day = int(g["day"]) if g.get("day") else None
    day2 = int(g["day2"]) if g.get("day2") else None
    if kind == "last":
        year = today.year if month < today.month else today.year - 1
    elif kind == "lastyear":
        year = today.year - (g["which"].lower() == "last")
    elif kind == "lastweek":  # "last week": the claim is dated now, whatever its day
        back = {"week": 7, "month": 30}[g["span"].lower()] if g["which"].lower() != "this" else 0
        day_of = today - dt.timedelta(days=back)
        year, month = day_of.year, day_of.month
    elif kind == "dm":
        year = _borrowed_year(m, text, found)
        if year is None:
            return None
    else:
        year = int(g["year"])
    if not _valid(year, month, day) or (day2 and not _valid(year, month, day2)):
        return None
    year2 = int(g["year2"]) if g.get("year2") else None
    if year2 is not None and year2 <= year:
        return None
    since = _SINCE.search(text, max(0, m.start() - 24), m.start())
    framing = since.group().split()[0].lower() if since else None
    labels = kind == "year" and _LABEL.search(text, max(0, m.start() - 8), m.start())
    if labels and re.match(r"\s+[A-Za-z]", text[m.end() :]):
        framing = "label"  # "the 2015 peace agreement": names a thing, dates no claim
    if kind == "lastweek":
        framing = "recent"  # "last week": dates the claim to now; no record's date rules it out
    return DateMention(m.start(), m.end(), year, month, day, day2, year2, framing)


def _borrowed_year(m: re.Match, text: str, found: list[DateMention]) -> int | None:
    """The year of "18 September" in "18 September and 12 October 2012" (the next date's),
    else in "(8 April)" after "6 April 2012" (the date before it's)."""
    i = bisect_left(found, m.start(), key=lambda d: d.start)
    following = found[i] if i < len(found) else None
    if following and following.start >= m.end() and _JOINED.match(text[m.end() : following.start]):
        return following.year
    return found[i - 1].year if i else None


def _day_and_month(a: int, b: int) -> dict:
    """Which of `a/b` is the day: a 13th or later is one. When both could be, only the year is
    sure (4/5/2013 is April or May), so the date is read at that precision; 13/14 is no date."""
    if a == b or (a > 12) != (b > 12):
        month, day = (b, a) if a > 12 else (a, b)
        return {"month": str(month), "day": str(day)}
    return {"month": None, "day": None} if a <= 12 else {"month": "13"}


def _month(name: str | None) -> int | None:
    if name is None:
        return None
    if name.isdigit():
        return int(name)
    return MONTH_NUMBER.get(name.lower().rstrip("."))


def _valid(year: int, month: int | None, day: int | None) -> bool:
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return False
    return 1900 <= year <= 2100
