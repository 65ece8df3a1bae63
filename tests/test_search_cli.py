"""`factbot search` through the real CLI entry point, on a small YAML store written to tmp_path.

The statements are test fixtures, not sourced facts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main

STORE = """\
# yaml-language-server: $schema=../schema/facts.schema.json
facts:
  - id: minusma-fatalities
    statement: "Test fixture: 300 MINUSMA peacekeepers lost their lives."
    sources:
      - title: Test source A
        url: https://example.org/a
    as_of: 2023-06-30
    review_by: 2099-01-01
    topic: minusma
    aliases: [minusma fatalities]
  - id: minusma-personnel
    statement: "Test fixture: MINUSMA deployed 15,476 personnel in Mali."
    sources:
      - title: Test source B
        url: https://example.org/b
    as_of: 2018-09-30
    review_by: 2099-01-01
    topic: minusma
events:
  - id: res-2100
    date: 2013-04-25
    title: Security Council establishes MINUSMA
    kind: resolution
    summary: "Test fixture: the Security Council adopted S/RES/2100."
    tone: neutral
    sources:
      - title: Test source C
        url: https://example.org/c
    topic: minusma
    aliases: [resolution 2100]
talking_points:
  - id: minusma-points
    title: Why MINUSMA mattered
    topic: minusma
    audience: Hill staff
    as_of: 2023-12-31
    points:
      - text: "Test fixture: the mission paid a heavy price."
        facts: [minusma-fatalities]
synonyms:
  - [killed, deaths, fatalities]
"""


@pytest.fixture
def facts_dir(tmp_path, monkeypatch):
    directory = tmp_path / "facts"
    directory.mkdir()
    (directory / "store.yaml").write_text(STORE, encoding="utf-8")
    monkeypatch.setenv("FACTBOT_REPO_URL", "https://github.com/example-org/our-facts/")
    return directory


SOURCE_A = {"title": "Test source A", "url": "https://example.org/a", "kind": None, "symbol": None}


def search_json(facts_dir, *query, capsys):
    code = main(["search", "--facts", str(facts_dir), "--json", *query])
    out = capsys.readouterr()
    return code, json.loads(out.out), out.err


def test_json_shape_best_first(facts_dir, capsys):
    code, results, err = search_json(facts_dir, "minusma", "killed", capsys=capsys)
    assert code == 0, err
    assert results[0] == {
        "id": "minusma-fatalities",
        "kind": "fact",
        "text": "Test fixture: 300 MINUSMA peacekeepers lost their lives.",
        "as_of": "2023-06-30",
        "as_of_precision": "day",
        "note": None,
        "caveat": None,
        "superseded_by": None,
        "confidence": None,
        "sources": [SOURCE_A],
        "score": results[0]["score"],
        "matched": ["minusma", "killed"],
        "unmatched": [],
    }
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)
    assert all(isinstance(s, float) and 0 < s <= 100 for s in scores)


def test_json_and_text_carry_the_caveat(tmp_path, capsys):
    # A figure copied from the shell must not lose its caveat (the shipped 15,476 is unverified).
    root = Path(__file__).resolve().parent.parent / "facts"
    assert main(["search", "15476", "--json", "--limit", "1", "--facts", str(root)]) == 0
    (best,) = json.loads(capsys.readouterr().out)
    assert best["id"] == "minusma-personnel-2018" and "Unverified" in best["caveat"]
    assert main(["search", "15476", "--limit", "1", "--facts", str(root)]) == 0
    assert "caveat: *Unverified" in capsys.readouterr().out


def test_json_event_is_dated_by_its_date(facts_dir, capsys):
    code, results, _ = search_json(facts_dir, "S/RES/2100", capsys=capsys)
    assert code == 0
    assert results[0]["id"] == "res-2100"
    assert results[0]["kind"] == "event"
    assert results[0]["as_of"] == "2013-04-25"
    assert results[0]["text"].startswith("Security Council establishes MINUSMA")


def test_json_talking_points_cite_their_facts_sources(facts_dir, capsys):
    code, results, _ = search_json(facts_dir, "why minusma mattered", capsys=capsys)
    assert code == 0
    first = results[0]
    assert (first["id"], first["kind"], first["as_of"]) == (
        "minusma-points",
        "talking_points",
        "2023-12-31",
    )
    assert "the mission paid a heavy price" in first["text"]
    assert first["sources"] == [SOURCE_A]


def test_limit(facts_dir, capsys):
    code = main(["search", "--facts", str(facts_dir), "--json", "--limit", "1", "minusma"])
    assert code == 0
    assert len(json.loads(capsys.readouterr().out)) == 1


def test_human_output(facts_dir, capsys):
    assert main(["search", "--facts", str(facts_dir), "15476"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("1. minusma-personnel (fact, as of 2018-09-30")
    assert "MINUSMA deployed 15,476 personnel" in out
    assert "Test source B <https://example.org/b>" in out


def test_no_match_suggests_and_links_to_adding_a_fact(facts_dir, capsys):
    assert main(["search", "--facts", str(facts_dir), "mnsm ftlts"]) == 1
    out = capsys.readouterr().out
    assert "No match for “mnsm ftlts”; did you mean: minusma fatalities" in out
    assert "https://github.com/example-org/our-facts/new/main/facts" in out


def test_no_match_json_prints_an_empty_list(facts_dir, capsys):
    code, results, err = search_json(facts_dir, "zzyzx", capsys=capsys)
    assert (code, results) == (1, [])
    assert "No match for “zzyzx”" in err
    assert "/new/main/facts" in err
