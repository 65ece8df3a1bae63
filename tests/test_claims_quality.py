"""Quality on the labelled drafts (tests/claims/*.tsv): how many wrong or stale drafts are flagged,
how many correct ones are. `python bench/bench_claims.py` prints the full per-verdict table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bench.claims_quality import FLAGGED, flag_rates, load_cases, run
from bot.claims.evidence import ClaimIndex
from bot.facts.load import load_store

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 29)  # the date the sets were labelled


@pytest.fixture(scope="module")
def index():
    return ClaimIndex.build(load_store(ROOT / "facts", TODAY).store)


def outcomes(name: str, index):
    return run(load_cases(ROOT / "tests" / "claims" / name), index, TODAY)


def test_the_sets_cover_every_verdict_and_the_field_notes_errors():
    cases = load_cases(ROOT / "tests" / "claims" / "labelled.tsv")
    cases += load_cases(ROOT / "tests" / "claims" / "heldout.tsv")
    cases += load_cases(ROOT / "tests" / "claims" / "heldout2.tsv")
    assert len(cases) >= 80
    assert {c.expected for c in cases} == {"supported", "contradicted", "outdated", "unverified"}
    texts = " ".join(c.text for c in cases)
    for seed_error in ("August 2015", "eight French soldiers", "173", "14 different missions"):
        assert seed_error in texts


def test_development_set_flags_wrong_and_stale_drafts_and_spares_correct_ones(index):
    caught, false = flag_rates(outcomes("labelled.tsv", index))
    assert caught >= 0.90
    assert false <= 0.05


@pytest.mark.parametrize("name", ["heldout.tsv", "heldout2.tsv"])
def test_held_out_sets_meet_the_targets(index, name):
    # heldout.tsv's first run gave 70% flagged / 4.8% false flags, and its misses then showed
    # faults that were fixed (so it is no longer truly held out); heldout2.tsv was written after
    # the last change and run once: 90.5% / 0%.
    caught, false = flag_rates(outcomes(name, index))
    assert caught >= 0.90
    assert false <= 0.05


@pytest.mark.parametrize(("name", "reached"), [("blind.tsv", 0.94), ("blind2.tsv", 0.94)])
def test_blind_sets_by_a_second_author(index, name, reached):
    # blind.tsv was written by a second author who never read the engine or the other sets; its
    # first run gave 78.4% of wrong or stale drafts flagged and 2.8% of correct ones flagged, and
    # the kinds of its misses were then fixed (94.1% / 0%). blind2.tsv was written after those
    # fixes and run once: 94.4% / 0%.
    caught, false = flag_rates(outcomes(name, index))
    assert caught >= reached
    assert false <= 0.05


def test_a_flagged_draft_names_the_record_the_label_expects(index):
    wrong = [o for o in outcomes("labelled.tsv", index) if o.case.expected in FLAGGED]
    named = [
        o
        for o in wrong
        if any(c.flagged and c.record_id in o.case.records for c in o.claims) or not o.case.records
    ]
    assert len(named) / len(wrong) >= 0.8
