"""Which part of a force a figure counts (military, police, civilian), whether it is a ceiling,
and whose it is: a draft's figure is weighed only against a record's figure of the same kind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.claims.engine import check_text
from bot.claims.evidence import ClaimIndex, read_mentions
from bot.claims.mentions import find_mentions
from bot.claims.places import listed_only
from bot.claims.roles import part_of
from bot.claims.totals import with_added
from bot.facts.load import load_store

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def index():
    return ClaimIndex.build(load_store(ROOT / "facts", TODAY).store)


def claim_on(figure: str, text: str, index):
    """The claim the checker makes about `figure` in `text`."""
    (claim,) = [c for c in check_text(text, index, TODAY) if c.text == figure]
    return claim


@pytest.mark.parametrize(
    ("sentence", "part", "ceiling"),
    [
        ("MINUSMA had 13,289 military.", "military", False),
        ("Its authorized ceiling was 1,920 police personnel.", "police", True),
        ("The mission had 1,180 civilians on its staff.", "civilian", False),
        ("MINUSMA had 15,476 UN personnel.", None, False),
        ("The force was planned at up to 5,000 troops.", "military", True),
        ("MINUSMA counted 56 troop-contributing countries.", None, False),
        ("The attack killed 31 civilians.", "civilian", False),
    ],
)
def test_a_figure_knows_which_part_of_a_force_it_counts(sentence, part, ceiling):
    (m,) = [x for x in find_mentions(sentence, 0, len(sentence), TODAY) if x.kind == "count"]
    assert (m.part, m.ceiling) == (part, ceiling)


def test_a_figure_in_brackets_belongs_to_the_nationality_it_breaks_down():
    text = "In 2018 about 55 U.S. personnel served (4 at UN headquarters and 51 peacekeepers)."
    counts = {text[m.start : m.end]: m.unit for m in read_mentions(text) if m.kind == "count"}
    assert "us" in counts["51"]


def test_a_component_is_not_contradicted_by_another_component(index):
    claim = claim_on("1,920", "In 2018 MINUSMA's authorized ceiling was 1,920 military.", index)
    # Before: supported by "1,920 police personnel", a figure of another part of the force.
    assert (claim.verdict, claim.record_id) == ("contradicted", "minusma-authorized-strength-2018")
    assert claim.store_value is not None and "13,289 military" in claim.store_value


def test_a_headcount_is_not_contradicted_by_a_ceiling_nor_by_another_force(index):
    # Before: contradicted by "about 6,000 AFISMA troops" and by "1,440 police", a ceiling.
    for figure, draft in (
        ("200", "MINUSMA had 200 military."),
        ("1,000", "MINUSMA had 1,000 police."),
    ):
        claim = claim_on(figure, draft, index)
        assert claim.verdict == "unverified", claim
        assert "No record in the store covers this" in claim.note


def test_a_ceiling_is_contradicted_by_the_ceiling_of_the_same_part(index):
    draft = "In 2018 MINUSMA's authorized ceiling was 13,280 military personnel."
    claim = claim_on("13,280", draft, index)
    assert (claim.verdict, claim.record_id) == ("contradicted", "minusma-authorized-strength-2018")


@pytest.mark.parametrize(
    ("sentence", "part", "ceiling", "headcount"),
    [
        ("MINUSMA deployed 13,289 troops in 2018.", "military", False, True),
        ("In 2018 MINUSMA had 1,920 police officers on the ground.", "police", False, True),
        ("The force consists of 5,000 troops.", "military", False, True),
        ("MINUSMA's authorized strength was 12,640 troops and police.", None, True, False),
        ("MINUSMA had 13,289 military personnel.", "military", False, False),
        ("Barkhane was planned at up to 4,500 troops.", "military", True, False),
    ],
)
def test_a_figure_knows_whether_it_is_said_to_count_who_was_there(
    sentence, part, ceiling, headcount
):
    # Before: no headcount was read, and "troops and police" was counted as the military part.
    (m,) = [x for x in find_mentions(sentence, 0, len(sentence), TODAY) if x.kind == "count"]
    assert (m.part, m.ceiling, m.headcount) == (part, ceiling, headcount)


def test_a_stored_figure_with_more_added_states_the_sum(index):
    ev = index.by_id["radisson-blu-attack"]  # "20 people were killed, plus 2 gunmen"
    (killed,) = [x for x in ev.mentions if ev.text[x.start : x.end] == "20"]
    assert with_added(killed, ev) == 22
    (hostages,) = [x for x in ev.mentions if ev.text[x.start : x.end] == "170"]
    assert with_added(hostages, ev) is None


def test_a_mission_named_only_in_a_list_is_not_where_the_record_counts(index):
    ev = index.by_id["us-troops-un-peacekeeping-2018"]  # "… in 7 missions: …, MINUSMA, …"
    assert listed_only("MINUSMA", ev)
    assert not listed_only("UN", ev)
    assert not listed_only("MINUSMA", index.by_id["minusma-authorized-strength-2018"])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_reading_the_part_is_total(text, after):
    assert part_of(text, after) in (None, "military", "police", "civilian")
