"""Dates as precise as their evidence: a day, a month or a year.

A fact's `as_of` may be `2018-09-26`, `2018-09` or `2018`. It is kept as the period's last day
(review dates and ages count from there) plus its precision, and shown as precisely as given:
"as of September 2018", never a day nobody knows.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Literal

Precision = Literal["day", "month", "year"]

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^\d{4}$")


def parse_period(value: object) -> tuple[dt.date, Precision] | None:
    """A YAML date, `"YYYY-MM"` or a year (`2018` or `"2018"`): (last day, precision), or None."""
    if isinstance(value, dt.datetime | bool):
        return None
    if isinstance(value, dt.date):
        return value, "day"
    if isinstance(value, int) and 1000 <= value <= 9999:
        return dt.date(value, 12, 31), "year"
    if not isinstance(value, str):
        return None
    if _YEAR.match(value) and int(value) >= 1000:
        return dt.date(int(value), 12, 31), "year"
    m = _MONTH.match(value)
    if m and 1 <= int(m[2]) <= 12 and int(m[1]) >= 1:
        year, month = int(m[1]), int(m[2])
        return dt.date(year, month, calendar.monthrange(year, month)[1]), "month"
    return None


def period_start(end: dt.date, precision: str) -> dt.date:
    """The first day of the month or year that ends on `end` (`end` itself for a day)."""
    if precision == "year":
        return dt.date(end.year, 1, 1)
    if precision == "month":
        return dt.date(end.year, end.month, 1)
    return end


def period_label(end: dt.date, precision: str) -> str:
    """`2018-09-26`, `2018-09` or `2018`: the date as precisely as the evidence gives it."""
    if precision == "year":
        return f"{end.year:04d}"
    if precision == "month":
        return f"{end.year:04d}-{end.month:02d}"
    return end.isoformat()


def period_human(end: dt.date, precision: str) -> str:
    """`26 September 2018`, `September 2018` or `2018`."""
    if precision == "year":
        return str(end.year)
    month = f"{calendar.month_name[end.month]} {end.year}"
    return month if precision == "month" else f"{end.day} {month}"


def add_days(day: dt.date, days: int) -> dt.date:
    """`day` plus `days` (may be negative), held at the calendar's ends instead of overflowing."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:  # beyond 9999-12-31 or before 0001-01-01
        return dt.date.max if days > 0 else dt.date.min
