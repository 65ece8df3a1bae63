"""Round-trip YAML edits: only the record's lines change, the value reads back as written, and
bad input is an EditError, never another exception (property-based, bounded in time)."""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.github.yamledit import EditError, _dump, append_record, edit_field, load_text

ROOT = Path(__file__).resolve().parent.parent
FIGURES = (ROOT / "facts" / "minusma" / "figures.yaml").read_text(encoding="utf-8")
LATER = (ROOT / "facts" / "minusma" / "later.yaml").read_text(encoding="utf-8")
LATER_IDS = [f["id"] for f in yaml.safe_load(LATER)["facts"]]  # a smaller file: faster examples


def record_span(text: str, record_id: str) -> tuple[int, int]:
    """0-based [start, end) lines of a record: its `- id:` line up to the next record."""
    lines = text.splitlines()
    start = next(i for i, t in enumerate(lines) if t.strip() == f"- id: {record_id}")
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].startswith("  - id:")), len(lines)
    )
    return start, end


def changed_old_lines(old: str, new: str) -> set[int]:
    matcher = difflib.SequenceMatcher(a=old.splitlines(), b=new.splitlines(), autojunk=False)
    out: set[int] = set()
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            out |= set(range(i1, max(i2, i1 + 1)))
    return out


def test_every_shipped_file_round_trips_byte_for_byte():
    for path in sorted((ROOT / "facts").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert _dump(load_text(text)) == text, path


text_values = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300
).filter(lambda s: s.strip())


@settings(max_examples=20, deadline=None)
@given(record_id=st.sampled_from(LATER_IDS), value=text_values)
@example(record_id="minusma-overview", value='"Ä\x074N')  # once written raw: unreadable YAML
@example(record_id="minusma-overview", value="0")
def test_a_caveat_edit_changes_only_its_record_and_reads_back(record_id, value):
    try:
        edited = edit_field(LATER, record_id, "caveat", value)
    except EditError:
        return  # e.g. a character YAML cannot hold: refused with a message, never a crash
    start, end = record_span(LATER, record_id)
    assert changed_old_lines(LATER, edited.text) <= set(range(start, end))
    loaded = {f["id"]: f for f in yaml.safe_load(edited.text)["facts"]}
    assert " ".join(loaded[record_id]["caveat"].split()) == " ".join(value.split())
    new_lines = set(edited.text.splitlines()) - set(LATER.splitlines())
    # Folded at spaces inside the store's 100 columns (a single longer word cannot be).
    assert all(len(line) <= 100 or " " not in line.strip() for line in new_lines)


def test_a_date_is_written_as_a_date_and_a_month_as_text():
    edited = edit_field(FIGURES, "gao-attack-2018-toll", "as_of", "2018-07-02")
    fact = next(
        f for f in yaml.safe_load(edited.text)["facts"] if f["id"] == "gao-attack-2018-toll"
    )
    assert fact["as_of"] == dt.date(2018, 7, 2)
    edited = edit_field(FIGURES, "gao-attack-2018-toll", "as_of", "2018-07")
    assert "    as_of: 2018-07\n" in edited.text


@pytest.mark.parametrize(
    ("record_id", "field", "value", "message"),
    [
        ("nope", "caveat", "x", "no record 'nope'"),
        ("gao-attack-2018-toll", "sources", "x", "'sources' cannot be suggested"),
        ("gao-attack-2018-toll", "statement", "  ", "statement cannot be empty"),
    ],
)
def test_impossible_edits_say_why(record_id, field, value, message):
    with pytest.raises(EditError, match=message):
        edit_field(FIGURES, record_id, field, value)


def test_an_empty_caveat_removes_it_and_nothing_else():
    edited = edit_field(FIGURES, "gao-attack-2018-toll", "caveat", "")
    start, end = record_span(FIGURES, "gao-attack-2018-toll")
    assert changed_old_lines(FIGURES, edited.text) <= set(range(start, end))
    fact = next(
        f for f in yaml.safe_load(edited.text)["facts"] if f["id"] == "gao-attack-2018-toll"
    )
    assert "caveat" not in fact and fact["confidence"] == "high"


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_an_edit_error_or_an_edit_never_a_crash(text):
    for fn in (
        lambda: edit_field(text, "x", "caveat", "y"),
        lambda: append_record(text, "facts", {"id": "x", "statement": "y"}),
    ):
        with contextlib.suppress(EditError):
            fn()
