"""Names that tell records apart (bot/claims/names.py): which resolution, town, person, force or
attack a record gives each of its figures, read from the shipped store, and the reading is total."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.claims.engine import check_text
from bot.claims.evidence import ClaimIndex
from bot.claims.names import draft_names, known_names, record_names
from bot.facts.load import load_store

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def index():
    return ClaimIndex.build(load_store(ROOT / "facts", TODAY).store)


def names_of(index, record_id: str, figure: str) -> dict[str, frozenset[str]]:
    ev = index.by_id[record_id]
    x = next(x for x in ev.mentions if ev.text[x.start : x.end] == figure)
    return dict(record_names(ev, x, known_names(index)))


def test_each_figure_of_a_record_is_given_to_the_name_nearest_before_it(index):
    # "IBK won 41.42% and Soumaïla Cissé 17.80%": one record, two candidates, two figures.
    assert names_of(index, "mali-election-2018-first-round", "41.42%")["person"] == {"keita"}
    assert names_of(index, "mali-election-2018-first-round", "17.80%")["person"] == {"cisse"}
    # "… won the run-off against Soumaïla Cissé with 67.16%": the opponent's is not the figure.
    assert names_of(index, "mali-election-2018-result", "67.16%")["person"] == {"keita"}
    assert names_of(index, "minusma-overview", "30 June 2023")["resolution"] == {"#2690"}
    assert names_of(index, "minusma-overview", "25 April 2013")["resolution"] == {"#2100"}


def test_a_record_that_names_no_resolution_is_read_with_its_un_symbol(index):
    # mali-letter-september-2012 names no resolution in its text; it is cited to S/RES/2085.
    assert names_of(index, "mali-letter-september-2012", "18 September 2012")["resolution"] == {
        "#2085"
    }


def test_only_names_the_store_itself_knows_are_told_apart(index):
    known = known_names(index)
    assert {"timbuktu", "kidal", "cisse", "barkhane", "radisson"} <= known
    assert "takuba" not in known  # listed, but no record names it: nothing to tell apart
    assert draft_names("Takuba had 800 troops in Gao.", 11, known) == (
        ("place", frozenset({"gao"})),
    )


def test_the_same_sentence_about_the_right_town_is_supported_and_the_wrong_one_is_not(index):
    right = check_text("Rebels took Kidal on 30 March 2012.", index, TODAY)
    wrong = check_text("Rebels took Timbuktu on 30 March 2012.", index, TODAY)
    assert [(c.verdict, c.record_id) for c in right] == [("supported", "kidal-falls-2012")]
    assert [(c.verdict, c.record_id) for c in wrong] == [("contradicted", "timbuktu-falls-2012")]


_PIECES = st.sampled_from(
    ["Resolution 2100", "res. 99999", "S/RES/", "Timbuktu", "IBK's", "African-led", "Cissé",
     " against ", ", ", "; ", ". ", "30 June 2023", "41.42%", "(", ")", "é", "’s", "\u00a0"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=25), st.integers(-5, 400))
def test_reading_names_is_total(index, pieces, at):
    text = "".join(pieces)
    known = known_names(index)
    for names in (draft_names(text, at, known), draft_names(text, max(0, at), known)):
        assert all(isinstance(c, str) and isinstance(m, frozenset) for c, m in names)
    check_text(text, index, TODAY)  # never raises, whatever the names and where they fall
