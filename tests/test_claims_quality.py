"""Quality on the labelled drafts (tests/claims/*.tsv): how many wrong or stale drafts are flagged,
how many correct ones are. `python bench/bench_claims.py` prints the full per-verdict table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bench.claims_quality import FLAGGED, flag_rates, load_cases, run
from bot.claims.engine import check_text
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


@pytest.mark.parametrize(
    ("name", "reached"), [("blind.tsv", 0.96), ("blind2.tsv", 0.94), ("blind3.tsv", 0.93)]
)
def test_blind_sets_by_a_second_author(index, name, reached):
    # blind.tsv was written by a second author who never read the engine or the other sets; its
    # first run gave 78.4% of wrong or stale drafts flagged and 2.8% of correct ones flagged, and
    # the kinds of its misses were then fixed (96.1% / 0%). blind2.tsv was written after those
    # fixes and run once: 94.4% / 0%. blind3.tsv was written after the next fixes and run once:
    # 93.8% / 9.1% (1 of 11); the kinds of its misses were then fixed too (100% / 0%).
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


# Kinds of misses the blind set (blind.tsv) found, each tested on new wording.


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
        # A cause heading the record ("All causes: … 173 had died") and "105 of them" (killed
        # in hostile acts) are read: 173 is no count of hostile deaths (the notes' error).
        ("As of 30 September 2018, 173 MINUSMA personnel had been killed in hostile acts.",
         "173", "contradicted", {"minusma-fatalities-2018", "minusma-final-toll-2023"}),
        # Who said it ("according to the SG") is no unknown subject: the claim is still checked.
        ("According to the SG, 290 MINUSMA personnel lost their lives over its ten years.",
         "290", "contradicted", {"minusma-final-toll-2023", "minusma-withdrawal-completed"}),
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
        # The same record's counts, each with its own cause.
        "By 30 September 2018, about 105 MINUSMA personnel had been killed in hostile acts.",
        "By September 2018, 173 MINUSMA peacekeepers had died from all causes.",
        # A verb after "before" is another event's: 14 May is the CMA's initialling, not a signing.
        "The CMA initialled the agreement on 14 May 2015, the day before the signing in Bamako.",
        # The notes' error values are errors only where the notes made them.
        "The Tongo Tongo ambush killed four U.S. soldiers on 4 October 2017.",
    ],
)
def test_right_or_unknown_claims_are_not_flagged(index, draft):
    assert flagged(draft, index) == []


def test_a_fraction_in_words_is_no_count(index):
    draft = "Two-thirds of the vote went to IBK in the 12 August 2018 run-off."
    assert [(c.text, c.verdict) for c in check_text(draft, index, TODAY)] == [
        ("12 August 2018", "supported")
    ]


def test_a_date_after_and_takes_no_verb_from_before_it(index):
    # "wound up" is no verb the engine knows; "created" belongs to the first date only.
    draft = "MINUSMA was created on 25 April 2013 and wound up on 31 December 2023."
    assert [(c.text, c.verdict) for c in check_text(draft, index, TODAY)] == [
        ("25 April 2013", "supported"),
        ("31 December 2023", "supported"),
    ]


def test_every_draft_of_the_attack_set_gets_its_verdict_and_record(index):
    # tests/claims/adversarial.tsv: the outside tester's drafts (issue 8) and similar ones. Before
    # the fixes 5 of its 25 rows got their verdict: a shared number alone supported a claim,
    # compound number words were split, fullwidth digits split, and numeric dates were missed.
    for o in outcomes("adversarial.tsv", index):
        assert o.predicted == o.case.expected, (o.case.line, o.case.text, o.claims)
        if o.predicted != "unverified":
            assert any(c.record_id in o.case.records for c in o.claims), o.case.line
