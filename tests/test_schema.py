"""The JSON Schema (for editors) and `factbot check` (the authority) agree on fact files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from bot.facts.load import fact_files, load_store
from bot.facts.yamlsafe import parse_yaml, read_yaml

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schema" / "facts.schema.json").read_text())
VALID = ROOT / "tests" / "fixtures" / "check" / "valid"
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)

FACT = """\
facts:
  - id: widget-count
    statement: Testland had 1,200 widgets.
    sources:
      - title: Widget census
        url: https://example.org/census
    as_of: 2023-03-01
    review_every: 1 year
    topic: testland
"""
EVENT = """\
events:
  - id: widget-accord
    date: 2023-04-25
    title: Widget accord signed
    kind: agreement
    summary: The parties signed the accord.
    tone: neutral
    sources:
      - title: Accord text
        url: https://example.org/accord
        date: 2023-04-25
    topic: testland
"""
ATTACK = EVENT.replace("kind: agreement", "kind: attack").replace("tone: neutral", "tone: solemn")
# name: (base, old, new) — each makes the sample invalid for a reason both must catch.
INVALID = {
    "unknown field": (FACT, "    topic:", "    sorce: x\n    topic:"),
    "missing field": (FACT, "    statement: Testland had 1,200 widgets.\n", ""),
    "bad url": (FACT, "https://example.org/census", "example.org/census"),
    "ftp url": (FACT, "https://example.org/census", "ftp://example.org/census"),
    "bad tone": (EVENT, "tone: neutral", "tone: happy"),
    "bad kind": (EVENT, "kind: agreement", "kind: party"),
    "celebrated attack": (ATTACK, "tone: solemn", "tone: celebratory"),
    "bad date format": (FACT, "as_of: 2023-03-01", "as_of: 1 March 2023"),
    "impossible date": (FACT, "as_of: 2023-03-01", "as_of: 2023-02-30"),
    "as_of month 13": (FACT, "as_of: 2023-03-01", "as_of: 2023-13"),
    "as_of not a date": (FACT, "as_of: 2023-03-01", "as_of: March 2023"),
    "bad source kind": (FACT, "census\n", "census\n        kind: blog\n"),
    "bad symbol": (FACT, "census\n", "census\n        symbol: resolution 2100\n"),
    "source without url or symbol": (FACT, "        url: https://example.org/census\n", ""),
    "bad event month": (EVENT, "date: 2023-04-25", "date: '2023-13'"),
    "year after 2200": (EVENT, "date: 2023-04-25", "date: 9999-12-31"),
    "year before 1000": (FACT, "as_of: 2023-03-01", "as_of: 0999-03-01"),
    "month after 2200": (EVENT, "date: 2023-04-25", "date: '2201-04'"),
    "id not a slug": (FACT, "id: widget-count", "id: Widget_Count"),
    "no sources": (FACT, "    sources:\n      - title: Widget census\n        url: https://example.org/census\n",
                   "    sources: []\n"),
    "both review fields": (FACT, "    review_every: 1 year\n",
                           "    review_every: 1 year\n    review_by: 2030-01-01\n"),
    "no review field": (FACT, "    review_every: 1 year\n", ""),
    "bad interval": (FACT, "review_every: 1 year", "review_every: yearly"),
    "bad confidence": (FACT, "    topic:", "    confidence: certain\n    topic:"),
    "long title": (EVENT, "Widget accord signed", "x" * 151),
    "long statement": (FACT, "Testland had 1,200 widgets.", "y" * 3001),
    "tags not a list": (FACT, "    topic:", "    tags: widgets\n    topic:"),
    "number for text": (FACT, "topic: testland", "topic: 2013"),
    "unknown section": (FACT, "facts:", "fact:"),
    "empty caveat": (FACT, "    topic:", "    caveat: ''\n    topic:"),
    "channel as owner": (FACT, "    topic:", "    owners: [C0CHANNEL]\n    topic:"),
}  # fmt: skip


def schema_errors(text: str) -> list[str]:
    """What the JSON Schema says about one file's text."""
    root = parse_yaml(text, "sample.yaml").root
    return [e.message for e in VALIDATOR.iter_errors(root.plain() if root else None)]


def validator_errors(tmp_path: Path, text: str) -> list[str]:
    """What `factbot check` says about one file's text."""
    (tmp_path / "sample.yaml").write_text(text)
    return [p.format() for p in load_store(tmp_path).errors]


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


MONTH_FACT = FACT.replace("as_of: 2023-03-01", "as_of: 2023-03")
YEAR_FACT = FACT.replace("as_of: 2023-03-01", "as_of: 2023")
SYMBOL_FACT = FACT.replace(
    "        url: https://example.org/census\n",
    "        symbol: S/RES/2100 (2013)\n        kind: primary\n",
)
OWNED_FACT = FACT.replace("    topic:", "    owners: [U0PERSON1, W0PERSON2, S0KEEPERS]\n    topic:")


@pytest.mark.parametrize(
    "text",
    [FACT, EVENT, ATTACK, MONTH_FACT, YEAR_FACT, SYMBOL_FACT, OWNED_FACT],
    ids=["fact", "event", "attack", "month as_of", "year as_of", "symbol, no url", "owners"],
)
def test_valid_samples_pass_both(tmp_path, text):
    assert schema_errors(text) == []
    assert validator_errors(tmp_path, text) == []


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_samples_fail_both(tmp_path, name):
    base, old, new = INVALID[name]
    assert old in base
    text = base.replace(old, new, 1)
    assert schema_errors(text), f"the schema accepts: {name}"
    assert validator_errors(tmp_path, text), f"factbot check accepts: {name}"


@pytest.mark.parametrize("store", ["facts", "tests/fixtures/check/valid"])
def test_shipped_store_is_valid_for_both(store):
    files = fact_files(ROOT / store)
    assert files, f"no fact files under {store}/"
    for path in files:
        root = read_yaml(path).root
        errors = [e.message for e in VALIDATOR.iter_errors(root.plain() if root else None)]
        assert errors == [], f"{path}: {errors[:3]}"
    assert [p.format() for p in load_store(ROOT / store).errors] == []


def test_every_fact_file_points_editors_at_the_schema():
    for store in ("facts", "tests/fixtures/check/valid"):
        for path in fact_files(ROOT / store):
            first = path.read_text().splitlines()[0]
            assert first.startswith("# yaml-language-server: $schema="), path
            target = first.split("$schema=", 1)[1].strip()
            assert (path.parent / target).resolve() == ROOT / "schema" / "facts.schema.json", path
