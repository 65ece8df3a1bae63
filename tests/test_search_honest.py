"""Honest search on the shipped store: partial matches say so, the subject wins ties, typos of
the subject resolve to it, nonsense gets no "did you mean", place names resolve by synonyms."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.facts import load_store
from bot.search.live import Snapshot
from bot.slack import answers
from bot.slack.plaintext import blocks_to_text

FACTS = Path(__file__).resolve().parent.parent / "facts"
TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    return Snapshot.of(load_store(FACTS, today=TODAY).store)


def search_json(capsys, *query: str) -> tuple[int, list[dict]]:
    code = main(["search", "--facts", str(FACTS), "--json", *query])
    return code, json.loads(capsys.readouterr().out)


def fact_reply(snapshot: Snapshot, text: str) -> str:
    blocks, fallback = answers.answer_fact(snapshot, text, TODAY)
    return blocks_to_text(blocks) + "\n" + fallback


def test_minusma_budget_marks_budget_unmatched_on_every_result(capsys):
    code, results = search_json(capsys, "minusma budget")
    assert code == 0 and results
    assert all(r["unmatched"] == ["budget"] and r["matched"] == ["minusma"] for r in results)
    assert results[0]["id"] == "minusma-overview"  # about MINUSMA, not a passing mention


def test_fact_reply_says_no_fact_mentions_the_missing_word(snapshot):
    reply = fact_reply(snapshot, "minusma budget")
    assert reply.startswith("No fact mentions *budget*. Closest about *minusma*:")
    assert "MINUSMA, the UN peacekeeping mission in Mali" in reply
    assert "No fact mentions budget. Closest about minusma:" in reply  # the fallback text too


def test_a_full_match_has_no_note(snapshot):
    assert "No fact mentions" not in fact_reply(snapshot, "minusma fatalities")


def test_cli_text_output_says_what_was_not_found(capsys):
    assert main(["search", "--facts", str(FACTS), "minusma", "budget", "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("No fact mentions budget. Closest about minusma:\n1. minusma-overview")
    assert "not found in it: budget" in out


@pytest.mark.parametrize("typo", ["minsuma", "minusam", "minusmaa"])
def test_a_typo_of_the_subject_resolves_to_it(capsys, typo):
    code, results = search_json(capsys, typo)
    assert code == 0 and results[0]["id"] == "minusma-overview"


@pytest.mark.parametrize(
    "nonsense", ["pizza recipe", "qwxz zzyzx", "chocolate cake", "weather tomorrow", "xylophone"]
)
def test_nonsense_gets_no_suggestion(snapshot, nonsense):
    assert snapshot.index.search(nonsense) == []
    assert snapshot.index.suggest(nonsense) == []
    reply = fact_reply(snapshot, nonsense)
    assert "No fact matches" in reply and "Did you mean" not in reply


@pytest.mark.parametrize("place", ["tombouctou", "Tombouctou", "tumbuktu", "Timbuktu"])
def test_timbuktu_spellings_find_timbuktu_records(snapshot, place):
    found = snapshot.index.search(place, limit=3)
    assert found and all("timbuktu" in m.record.id for m in found[:2]), [m.record.id for m in found]


@pytest.mark.parametrize(
    ("place", "record_id"),
    [
        ("Sévaré", "g5-sevare-attack-toll"),
        ("sevare", "g5-sevare-attack-toll"),
        ("Kidal", "kidal-falls-2012"),
        ("Ménaka", "ag-almouner-killed-2018"),
        ("menaka", "ag-almouner-killed-2018"),
    ],
)
def test_place_names_resolve_with_or_without_accents(snapshot, place, record_id):
    assert record_id in [m.record.id for m in snapshot.index.search(place, limit=3)]


def test_low_confidence_facts_say_unverified_in_reply_and_share(snapshot):
    low = next(f for f in snapshot.store.facts.values() if f.confidence == "low")
    blocks, text = answers.answer_share(snapshot, low, "U0SHARER1", TODAY)
    assert "⚠️ *Unverified*" in blocks_to_text(blocks) and "Unverified" in text
    verified = snapshot.store.facts["minusma-overview"]
    blocks, text = answers.answer_share(snapshot, verified, "U0SHARER1", TODAY)
    assert "Unverified" not in blocks_to_text(blocks) + text


def test_a_talking_point_citing_a_low_confidence_fact_says_unverified(snapshot):
    facts = snapshot.store.facts
    tp_set = next(
        t
        for t in snapshot.store.talking_points.values()
        if any(facts[f].confidence == "low" for p in t.points for f in p.facts)
    )
    blocks, _ = answers.answer_share(snapshot, tp_set, "U0SHARER1", TODAY)
    assert "⚠️ unverified" in blocks_to_text(blocks)
