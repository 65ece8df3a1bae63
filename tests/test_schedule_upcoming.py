"""Upcoming anniversaries and the `/anniversaries` argument parser."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.schedule.upcoming import UpcomingRequest, parse_request, upcoming_anniversaries
from tests.test_occurrences import event, store

ST = store(
    event("res-2100", "2013-04-25"),
    event("attack-x", "2015-05-02", kind="attack", tone="solemn", tags=("mali",)),
    event("month-only", "2013-07"),
    event("new", "2027-04-20"),
)


def test_window_is_half_open_and_skips_year_zero():
    got = upcoming_anniversaries(ST, dt.date(2027, 4, 18), days=14)
    assert [(u.event.id, u.date.isoformat(), u.years, u.days_until) for u in got] == [
        ("res-2100", "2027-04-25", 14, 7),
    ]
    got = upcoming_anniversaries(ST, dt.date(2027, 4, 18), days=15)
    assert [u.event.id for u in got] == ["res-2100", "attack-x"]


def test_month():
    got = upcoming_anniversaries(ST, dt.date(2027, 9, 1), month=7)
    assert [(u.event.id, u.date.isoformat(), u.exact) for u in got] == [
        ("month-only", "2028-07-01", False)
    ]
    got = upcoming_anniversaries(ST, dt.date(2028, 4, 30), month=4)
    assert [(u.event.id, u.days_until) for u in got] == [("new", -10), ("res-2100", -5)]


def test_query_looks_a_year_ahead():
    got = upcoming_anniversaries(ST, dt.date(2027, 6, 1), query="mali")
    assert [(u.event.id, u.date.isoformat(), u.years) for u in got] == [
        ("attack-x", "2028-05-02", 13)
    ]
    assert upcoming_anniversaries(ST, dt.date(2027, 6, 1), query="nothing-like-it") == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("", UpcomingRequest()),
        ("14", UpcomingRequest(days=14)),
        ("14 days", UpcomingRequest(days=14)),
        ("2 weeks", UpcomingRequest(days=14)),
        ("999", UpcomingRequest(days=366)),
        ("April", UpcomingRequest(month=4)),
        ("sept", UpcomingRequest(month=9)),
        ("resolution 2100", UpcomingRequest(query="resolution 2100")),
    ],
)
def test_parse_request(text, want):
    assert parse_request(text) == want


def test_feb_29_event_shows_on_feb_28_in_common_years():
    st = store(event("leap", "2012-02-29"))
    (u,) = upcoming_anniversaries(st, dt.date(2027, 2, 20), days=14)
    assert (u.date, u.years, u.days_until) == (dt.date(2027, 2, 28), 15, 8)
    (u,) = upcoming_anniversaries(st, dt.date(2028, 2, 20), days=14)
    assert (u.date, u.years) == (dt.date(2028, 2, 29), 16)
