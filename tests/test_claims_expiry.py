"""A term said to run to a date of something the store records as over: outdated, citing the
fact that says it ended; the same words in the past tense, or dated, stay supported."""

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


def test_a_mandate_said_to_run_to_a_past_end_date_is_outdated(index):
    # Before: supported by res-2423-renews-minusma, though MINUSMA went on to 2023 and ended.
    (claim,) = check_text("The mandate runs to 30 June 2019.", index, TODAY)
    assert (claim.verdict, claim.record_id) == ("outdated", "minusma-ended-2023")
    assert claim.note == (
        "Right once (res-2423-renews-minusma), but stated as still running: MINUSMA ended on "
        "30 June 2023 (minusma-ended-2023)."
    )
    assert claim.store_value == "MINUSMA ended on 30 June 2023"


@pytest.mark.parametrize(
    "draft",
    [
        "Resolution 2423 renewed MINUSMA's mandate to 30 June 2019.",
        "The mandate ran to 30 June 2019.",
        "MINUSMA's mandate ends on 30 June 2023.",  # the day it did end: only the tense is off
        "The last Barkhane troops left Mali on 15 August 2022.",  # "last" is no verb of duration
    ],
)
def test_a_past_or_fulfilled_term_stays_supported(index, draft):
    claims = check_text(draft, index, TODAY)
    assert [c.verdict for c in claims] == ["supported"], claims
