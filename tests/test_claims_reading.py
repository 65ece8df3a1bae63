"""How the claim checker reads numbers and dates as people write them (issue 8): compound number
words, fullwidth digits, invisible characters, a point grouping thousands, numeric dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.claims.dates import find_dates, find_identifiers
from bot.claims.engine import check_text
from bot.claims.evidence import ClaimIndex
from bot.claims.mentions import find_mentions
from bot.claims.quantities import find_numbers
from bot.claims.surface import reading_text
from bot.facts.load import load_store

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 29)
SMALL = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen")  # fmt: skip
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


@pytest.fixture(scope="module")
def index():
    return ClaimIndex.build(load_store(ROOT / "facts", TODAY).store)


def under_100(n: int, hyphen: bool) -> str:
    if n < 20:
        return SMALL[n]
    return TENS[n // 10] + (("-" if hyphen else " ") + SMALL[n % 10] if n % 10 else "")


def under_1000(n: int, hyphen: bool, joiner: str) -> str:
    hundreds, rest = divmod(n, 100)
    if not hundreds:
        return under_100(rest, hyphen)
    words = f"{SMALL[hundreds]} hundred"
    return words + (joiner + under_100(rest, hyphen) if rest else "")


def spelled(n: int, hyphen: bool, joiner: str) -> str:
    """`n` (1..999,999) in English words, as a writer might spell it."""
    thousands, rest = divmod(n, 1000)
    head = f"{under_1000(thousands, hyphen, joiner)} thousand" if thousands else ""
    tail = under_1000(rest, hyphen, joiner) if rest else ""
    return " ".join(p for p in (head, tail) if p)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 999_999), st.booleans(), st.sampled_from([" and ", " "]), st.booleans())
def test_a_number_in_words_is_read_as_one_number(n, hyphen, joiner, capital):
    words = spelled(n, hyphen, joiner)
    words = words.capitalize() if capital else words
    draft = f"MINUSMA had {words} staff."
    (number,) = find_numbers(draft, [])
    assert number.value == n
    assert draft[number.start : number.end] == words


@pytest.mark.parametrize(
    ("draft", "values"),
    [
        ("three and four", [3, 4]),  # "and" joins a number only after hundred or thousand
        ("a hundred men", [100]),
        ("twenty-five per cent", [25]),
        ("two million people", [2_000_000]),
        ("one thousand, two hundred soldiers", [1200]),
    ],
)
def test_number_words_that_are_or_are_not_one_number(draft, values):
    assert [n.value for n in find_numbers(draft, [])] == values


@pytest.mark.parametrize(
    ("draft", "date"),
    [
        ("on 4/25/2013.", (2013, 4, 25)),  # US order: only April 25 is a date
        ("on 25/4/2013.", (2013, 4, 25)),
        ("on 25.4.2013.", (2013, 4, 25)),
        ("on 2013/04/25.", (2013, 4, 25)),
        ("on 5/5/2013.", (2013, 5, 5)),
        ("on 4/5/2013.", (2013, None, None)),  # April or May: only the year is sure
    ],
)
def test_numeric_dates_are_read_when_one_order_makes_a_date(draft, date):
    ids = find_identifiers(draft)
    (found,) = find_dates(draft, TODAY, ids)
    assert (found.year, found.month, found.day) == date
    assert find_numbers(draft, [*ids, (found.start, found.end)]) == []


def test_an_impossible_numeric_date_gives_no_claim(index):
    assert check_text("It happened on 13/14/2013.", index, TODAY) == []


def test_an_invisible_character_inside_a_number_makes_no_claim(index):
    assert check_text("3\u200b11 MINUSMA personnel died.", index, TODAY) == []


def test_fullwidth_digits_are_one_number_with_offsets_into_the_draft(index):
    draft = "MINUSMA had １３，２８９ military personnel in 2018."
    first = check_text(draft, index, TODAY)[0]
    assert (first.text, first.verdict) == ("１３，２８９", "supported")
    assert draft[first.start : first.end] == first.text


def test_a_point_grouping_thousands_is_never_contradicted(index):
    (claim, _) = check_text("MINUSMA had 13.289 military personnel in 2018.", index, TODAY)
    assert claim.verdict == "unverified" and "13,289" in claim.note


_ODD = st.sampled_from(
    ["１", "２", "，", "\u200b", "\u200d", "\ufeff", "ﬁ", "é", "e\u0301", "👍🏽"]
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(_ODD, st.sampled_from(["MINUSMA ", "311 ", "had ", "2018", ". ", " "]))))
def test_every_claim_points_at_its_own_words_in_the_draft(index, parts):
    draft = "".join(parts)
    assert len(reading_text(draft)) == len(draft)
    for claim in check_text(draft, index, TODAY):
        assert draft[claim.start : claim.end] == claim.text


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"[a-z]{2,8}(-[a-z]{2,8}){1,3}-(19|20)[0-9]{2}", fullmatch=True))
def test_a_record_id_is_no_date(record_id):
    # Before: "(minusma-final-toll-2023)" in a caveat was read as the year 2023.
    text = f"The UN's own figure is 311 ({record_id})."
    found = find_mentions(text, 0, len(text), dt.date(2026, 11, 29))
    assert [text[m.start : m.end] for m in found] == ["311"]
