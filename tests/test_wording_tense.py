"""A post's wording takes the tense of the real date relation: weekend moves never contradict it.

The occurrences come from the real occurrence engine (lead days, weekend policies) and the text
from the real post renderer, so whatever relation between post day and anniversary the schedules
can produce is checked, not only the ones someone thought of.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.schedule.wording import long_date
from bot.slack.posts import render_occurrence_text
from tests.test_occurrences import between, event, schedule, store

# What an English reader expects of each tone, by the anniversary's relation to the post's day.
PAST, PRESENT, FUTURE = "past", "present", "future"
EXPECTED = {
    "neutral": {PAST: " was the ", PRESENT: " is the ", FUTURE: " will be the "},
    "solemn": {PAST: " marked ", PRESENT: " marks ", FUTURE: " will mark "},
    "celebratory": {
        PAST: " we celebrated the ",
        PRESENT: " we celebrate the ",
        FUTURE: " we will celebrate the ",
    },
}


def relation(days_until: int) -> str:
    return PAST if days_until < 0 else PRESENT if days_until == 0 else FUTURE


def intro_line(occ, st_) -> str:
    """The sentence after the headline in the post as a reviewer previews it."""
    return render_occurrence_text(occ, st_, occ.post_at).splitlines()[1].strip("*")


def assert_tense_agrees(occ, st_, tone: str) -> None:
    days = (occ.anniversary_date - occ.local_date).days
    text = intro_line(occ, st_)
    want = relation(days)
    assert EXPECTED[tone][want] in text, (days, text)
    for other, words in EXPECTED[tone].items():
        if other != want:
            assert words not in text, (days, text)
    opening = text.split(" (", 1)[0].split(" ", 1)[0]
    if want == PAST:
        assert text.startswith(("Yesterday", f"{-days} days ago".capitalize())), text
    elif want == PRESENT:
        assert opening == "Today", text
    else:
        assert text.startswith(("Tomorrow", "In ")), text
    if want != PRESENT:  # the anniversary's own date is named, never the post's
        assert f"({long_date(occ.anniversary_date)})" in text, text


def test_the_reported_weekend_move_says_was():
    # 29 Feb 2016: in 2027 the anniversary falls on Sunday 28 February; next_monday posts on 1 Mar.
    st_ = store(event("res", "2016-02-29"))
    (occ,) = between([schedule(weekend="next_monday")], st_, "2027-02-20", "2027-03-10")
    assert intro_line(occ, st_) == (
        "Yesterday (Sunday 28 February 2027) was the 11th anniversary (29 February 2016)."
    )
    solemn = store(event("res", "2015-02-28", kind="attack", tone="solemn"))
    (occ,) = between([schedule(weekend="next_monday")], solemn, "2027-02-20", "2027-03-10")
    assert intro_line(occ, solemn).startswith(
        "Yesterday (Sunday 28 February 2027) marked 12 years since"
    )


@settings(max_examples=60, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2020, 12, 31)),
    year=st.integers(min_value=2024, max_value=2030),
    leads=st.sets(st.integers(min_value=0, max_value=60), min_size=1, max_size=4),
    weekend=st.sampled_from(["as_is", "previous_friday", "next_monday"]),
    tone=st.sampled_from(["neutral", "solemn", "celebratory"]),
)
def test_every_post_speaks_in_the_tense_of_its_dates(day, year, leads, weekend, tone):
    kind = "attack" if tone == "solemn" else "agreement"
    st_ = store(event("e", day.isoformat(), kind=kind, tone=tone))
    occs = between(
        [schedule(leads=sorted(leads), weekend=weekend)], st_, f"{year}-01-01", f"{year + 1}-01-01"
    )
    assert occs
    for occ in occs:
        assert_tense_agrees(occ, st_, tone)
