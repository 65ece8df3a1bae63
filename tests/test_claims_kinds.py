"""Kinds of misses a blind labelled set (tests/claims/blind.tsv) found, each on new wording."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.claims.engine import check_text
from bot.claims.evidence import ClaimIndex
from bot.facts.load import load_store

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def index():
    return ClaimIndex.build(load_store(ROOT / "facts", TODAY).store)


def flagged(text: str, index) -> list[tuple[str, str, str | None]]:
    return [(c.text, c.verdict, c.record_id) for c in check_text(text, index, TODAY) if c.flagged]


@pytest.mark.parametrize(
    ("draft", "claim", "verdict", "records"),
    [
        # A name the store knows under a synonym (Keïta = IBK) is no stranger.
        ("Soldiers detained President Keïta on 18 August 2019.", "18 August 2019",
         "contradicted", {"mali-coup-2020", "mali-coups-2020-2021"}),
        # A measure's relation is read past an aside in brackets: "400 km (250 miles) from".
        ("Diabaly is about 150 km from Bamako.", "150", "contradicted",
         {"konna-diabaly-distance", "diabaly-captured-2013"}),
        # A start date does not date a present statement: Barkhane is over.
        ("Operation Barkhane, launched on 1 August 2014, remains France's largest operation.",
         "1 August 2014", "outdated", {"barkhane-ended-2022"}),
        # The field notes' own errors, repeated in other words.
        ("The Carter Center became the agreement's Independent Observer in October 2017.",
         "October 2017", "contradicted", {"carter-center-observer"}),
        ("At the General Assembly in September 2018, Mali and the UN signed the Pact for Peace.",
         "September 2018", "contradicted", {"pact-for-peace-2018"}),
        ("US peacekeepers served in 14 different missions in 2018.", "14", "contradicted",
         {"us-troops-un-peacekeeping-2018"}),
    ],
)  # fmt: skip
def test_wrong_or_stale_claims_are_flagged(index, draft, claim, verdict, records):
    found = {(text, v) for text, v, record in flagged(draft, index) if record in records}
    assert (claim, verdict) in found


@pytest.mark.parametrize(
    "draft",
    [
        # "over" also means "across": it does not claim more than seven.
        "In 2018 the 55 US personnel in UN peacekeeping were spread over seven missions.",
        # An unknown body's founding date is no claim about an event that shares a word or two.
        "Senegal and Mauritania set up a joint river authority in March 1972.",
        # The notes' error values are errors only where the notes made them.
        "The Tongo Tongo ambush killed four U.S. soldiers on 4 October 2017.",
    ],
)
def test_right_or_unknown_claims_are_not_flagged(index, draft):
    assert flagged(draft, index) == []
