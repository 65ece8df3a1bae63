"""Wording: ordinals, lead phrases, years since, and tone (solemn never celebrates)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.schedule.wording import (
    CELEBRATORY_EMOJI,
    CELEBRATORY_WORDS,
    anniversary_label,
    digest_line,
    headline,
    intro,
    is_milestone,
    lead_phrase,
    ordinal,
    years_since,
)
from tests.test_occurrences import event


@pytest.mark.parametrize(
    ("n", "want"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (14, "14th"),
        (21, "21st"),
        (22, "22nd"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
    ],
)
def test_ordinal(n, want):
    assert ordinal(n) == want


@pytest.mark.parametrize(
    ("days", "want"),
    [
        (0, "today"),
        (1, "tomorrow"),
        (7, "in a week"),
        (14, "in 2 weeks"),
        (3, "in 3 days"),
        (-1, "yesterday"),
        (-2, "2 days ago"),
    ],
)
def test_lead_phrase(days, want):
    assert lead_phrase(days) == want


def test_years_since_and_label():
    e = event("res-2100", "2013-04-25")
    assert years_since(e, dt.date(2027, 4, 25)) == 14
    assert years_since(e, dt.date(2027, 4, 24)) == 13
    assert anniversary_label(e, dt.date(2027, 4, 25)) == "14th anniversary"
    leap = event("leap", "2012-02-29")
    assert years_since(leap, dt.date(2027, 2, 28)) == 15
    month = event("m", "2013-04")
    assert years_since(month, dt.date(2027, 4, 1)) == 14
    assert years_since(month, dt.date(2027, 3, 31)) == 13


def test_is_milestone():
    assert is_milestone(10, (5, 10, 25))
    assert not is_milestone(14, (5, 10, 25))


def _all_renderings(e, day):
    texts = [headline(e, day), digest_line(e, day)]
    for lead in (0, 1, 7, 3, -1):
        for milestone in (False, True):
            texts.append(intro(e, day, lead, milestone))
    return texts


@pytest.mark.parametrize("tone", ["solemn", "neutral"])
def test_solemn_and_neutral_never_celebrate(tone):
    e = event("attack", "2013-06-01", kind="attack", tone=tone)
    for text in _all_renderings(e, dt.date(2023, 6, 1)):
        lowered = text.lower()
        assert not [w for w in CELEBRATORY_WORDS if w in lowered], text
        assert not [m for m in CELEBRATORY_EMOJI if m in text], text


def test_solemn_wording():
    e = event("attack", "2013-06-01", kind="attack", tone="solemn")
    day = dt.date(2027, 6, 1)
    assert headline(e, day) == "Remembering: Title of attack"
    assert intro(e, day, 0) == "Today marks 14 years since 1 June 2013."
    assert intro(e, day, 1) == (
        "Tomorrow (Tuesday 1 June 2027) will mark 14 years since 1 June 2013."
    )
    assert "anniversary" not in digest_line(e, day)
    assert digest_line(e, day) == "Tue 1 Jun — 14 years since: Title of attack"


def test_neutral_and_celebratory_wording():
    n = event("res", "2013-04-25")
    day = dt.date(2027, 4, 25)
    assert headline(n, day) == "14th anniversary: Title of res"
    assert intro(n, day, 0) == "Today is the 14th anniversary (25 April 2013)."
    assert intro(n, day, 7).startswith("In a week (Sunday 25 April 2027) will be the 14th")
    c = event("peace", "2015-05-15", kind="agreement", tone="celebratory")
    assert "celebrate" in intro(c, dt.date(2025, 5, 15), 0, milestone=True)
    assert headline(c, dt.date(2025, 5, 15)).startswith("🎉 10th anniversary")


def test_month_only_digest_line():
    m = event("m", "2013-04")
    assert (
        digest_line(m, dt.date(2027, 4, 1)) == "April (day unknown) — 14th anniversary: Title of m"
    )
