"""The claim engine on the shipped store: what it reads in a draft, and the verdicts it gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.claims.claim import VERDICTS
from bot.claims.dates import find_dates, find_identifiers
from bot.claims.engine import check_text
from bot.claims.evidence import ClaimIndex
from bot.claims.quantities import find_numbers
from bot.facts.load import load_store

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def index():
    return ClaimIndex.build(load_store(ROOT / "facts", TODAY).store)


def verdicts(text: str, index) -> list[tuple[str, str, str | None]]:
    return [(c.text, c.verdict, c.record_id) for c in check_text(text, index, TODAY)]


@pytest.mark.parametrize(
    ("written", "value", "kind"),
    [
        ("15,476", 15476, "count"),
        ("15 476", 15476, "count"),
        ("15476", 15476, "count"),
        ("67.16%", 67.16, "percent"),
        ("67 percent", 67, "percent"),
        ("$60 million", 60e6, "money"),
        ("eight", 8, "count"),
        ("Eleven", 11, "count"),
        ("twenty-five", 25, "count"),
        ("hundreds", 200, "count"),
    ],
)
def test_numbers_as_people_write_them(written, value, kind):
    text = f"They counted {written} of them."
    (number,) = find_numbers(text, [])
    assert (text[number.start : number.end], number.value, number.kind) == (written, value, kind)


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("25 April 2013", "2013-04-25"),
        ("April 25, 2013", "2013-04-25"),
        ("April 2013", "2013-04"),
        ("2013-04-25", "2013-04-25"),
        ("in 2015", "2015"),
        ("last July", "2026-07"),
        ("16–19 January 2013", "2013-01-16"),
    ],
)
def test_dates_as_people_write_them(written, iso):
    text = f"It happened {written}, they said."
    (date,) = find_dates(text, TODAY, [])
    assert date.iso() == iso
    assert text[date.start : date.end] == written.removeprefix("in ")


def test_numbers_that_name_things_are_not_claims():
    text = "Resolution 2100 (S/2013/230) was adopted at the 6952nd meeting."
    skip = find_identifiers(text)
    assert find_numbers(text, skip) == []
    assert find_dates(text, TODAY, skip) == []


def test_the_field_notes_gao_error_is_contradicted_with_the_gao_record(index):
    text = "Eight French soldiers were killed in the July 2018 attack in Gao."
    claims = check_text(text, index, TODAY)
    eight = claims[0]
    assert (eight.text, eight.start, eight.end, eight.verdict) == ("Eight", 0, 5, "contradicted")
    assert eight.record_id == "gao-attack-2018-toll"
    assert eight.store_value == "no French soldier was killed"
    assert "thedefensepost.com" in eight.note and "2018-07-01" in eight.note


def test_resolution_2100_is_supported(index):
    assert verdicts("Resolution 2100 created MINUSMA on 25 April 2013.", index) == [
        ("25 April 2013", "supported", "minusma-res-2100-strength")
    ]


def test_a_superseded_toll_is_outdated_with_the_newer_value(index):
    claim = check_text("About 170 MINUSMA peacekeepers have died since 2013.", index, TODAY)[0]
    assert (claim.text, claim.verdict) == ("170", "outdated")
    assert claim.record_id in ("minusma-fatalities-april-2018", "minusma-fatalities-2018")
    assert "311" in claim.store_value and "minusma-final-toll-2023" in claim.note


def test_the_same_toll_dated_to_its_time_is_supported(index):
    text = "By 30 September 2018, 173 MINUSMA personnel had died from all causes."
    assert {v for _, v, _ in verdicts(text, index)} == {"supported"}


@pytest.mark.parametrize(
    "text",
    [
        "MINUSMA is the UN's third largest peacekeeping mission.",
        "Barkhane has more than 4,000 troops operating across the Sahel.",
        "Mali is a member of the G5 Sahel Joint Force.",
        "EUTM Mali continues to train Malian soldiers.",
    ],
)
def test_present_tense_about_what_ended_is_outdated(index, text):
    claims = check_text(text, index, TODAY)
    assert claims and all(c.verdict == "outdated" for c in claims)
    assert "ended on" in claims[0].note


def test_the_past_tense_about_what_ended_is_not_flagged(index):
    text = "MINUSMA took over from AFISMA on 1 July 2013."
    assert verdicts(text, index) == [("1 July 2013", "supported", "afisma-rehatting-2013")]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("IBK won the 2018 run-off with 67 percent of the vote.", "supported"),  # 67.16%
        ("The U.S. pledged $60 million to the G5 Sahel force on 30 October 2017.", "supported"),
        ("Boko Haram kidnapped hundreds of schoolgirls in Chibok in 2014.", "supported"),
        ("The G5 Sahel Joint Force was planned at up to 10,000 troops.", "contradicted"),
        ("More than 700 MINUSMA personnel were injured over the life of the mission.", "supported"),
    ],
)
def test_rounding_and_hedges(index, text, verdict):
    found = {v for _, v, _ in verdicts(text, index)}
    assert verdict in found and (verdict == "contradicted" or "contradicted" not in found)


def test_what_the_store_does_not_cover_is_unverified_never_guessed(index):
    claims = check_text("Mali's economy grew by 5 percent in 2019.", index, TODAY)
    assert [c.verdict for c in claims] == ["unverified", "unverified"]
    assert all(c.record_id is None and c.store_value is None for c in claims)


def test_offsets_point_into_a_multi_sentence_draft(index):
    text = "Resolution 2100 created MINUSMA on 25 April 2013.\n\nIBK won 57 percent in 2018."
    for claim in check_text(text, index, TODAY):
        assert text[claim.start : claim.end] == claim.text
    assert [c.verdict for c in check_text(text, index, TODAY)][1] == "contradicted"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789 ,.%$-–/aAbMayJulylast in of\n"), max_size=80))
def test_any_text_gives_claims_with_true_offsets_and_known_verdicts(index, text):
    for claim in check_text(text, index, TODAY):
        assert text[claim.start : claim.end] == claim.text
        assert claim.verdict in VERDICTS


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1000, max_value=999_999), st.sampled_from([",", " ", ""]))
def test_thousands_however_grouped_read_as_one_number(value, sep):
    written = f"{value:,}".replace(",", sep)
    numbers = find_numbers(f"a total of {written} people", [])
    assert [n.value for n in numbers] == [value]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_the_engine_is_total_over_any_unicode(index, text):
    for claim in check_text(text, index, TODAY):
        assert text[claim.start : claim.end] == claim.text
