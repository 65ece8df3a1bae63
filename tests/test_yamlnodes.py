"""The one-pass node builder gives what composing with PyYAML's safe loader gave: pinned here."""

from __future__ import annotations

import datetime as dt
import gc

import pytest

from bot.facts import load_store
from bot.facts.yamlsafe import parse_yaml

REFUSED = "F013 file refused: YAML anchors/aliases (&name, *name) are not allowed; "
REFUSED += "write the value out in full"
TWO_DOCS = "F001 YAML syntax error: expected a single document in the stream; "
TWO_DOCS += "but found another document"


def test_values_are_tagged_as_the_safe_loader_tags_them():
    text = (
        "a: 12\nb: 0x1F\nc: 1.5\nd: yes\ne: No\nf: ~\ng:\nh: 2013-01-31\n"
        "i: 2001-12-14 21:59:43\nj: '12'\nk: !!str 12\nl: !!int '12'\nm: !foo bar\n"
        "n: 2013-02-30\no: <<\n12: x\nnull: y\n"
    )
    result = parse_yaml(text, "t.yaml")
    assert result.problems == ()
    values = {k: v.value for k, v in result.root.value.items()}
    assert values == {
        "a": 12, "b": 31, "c": 1.5, "d": True, "e": False, "f": None, "g": None,
        "h": dt.date(2013, 1, 31), "i": dt.datetime(2001, 12, 14, 21, 59, 43), "j": "12",
        "k": "12", "l": 12, "m": "bar", "n": "2013-02-30", "o": "<<", "12": "x", "null": "y",
    }  # fmt: skip


def test_a_key_that_is_not_text_is_reported_and_what_it_holds_is_not_read():
    result = parse_yaml("? [a]\n: {b: 1, b: 2}\nc: {d: 1}\nc: {e: 1, e: 2}\n", "t.yaml")
    assert [p.format() for p in result.problems] == [
        "t.yaml:1:3: F006 a key must be a plain word",
        "t.yaml:4:1: F002 duplicate key 'c' (first at line 3); YAML would keep only one",
    ]
    assert result.root.plain() == {"c": {"d": 1}}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\na: &x 2\n", f"t.yaml:2:4: {REFUSED}"),  # even in a value that is not kept
        ("a: 1\n---\nb: &x 2\n", f"t.yaml:3:4: {REFUSED}"),  # even in a second document
        ("a: 1\n---\nb: *x\n", f"t.yaml:3:4: {REFUSED}"),
        ("a: 1\n---\nb: 2\n", f"t.yaml:2:1: {TWO_DOCS}"),
        ("a: 1\n---\nb: [\n", f"t.yaml:2:1: {TWO_DOCS}"),
    ],
)
def test_anchors_anywhere_and_second_documents(text, expected):
    result = parse_yaml(text, "t.yaml")
    assert result.root is None
    assert [p.format() for p in result.problems] == [expected]


def test_loading_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    (tmp_path / "f.yaml").write_text("synonyms: [[a, b]]\n")
    assert gc.isenabled()
    load_store(tmp_path)
    assert gc.isenabled()
    gc.disable()
    try:
        load_store(tmp_path)
        assert not gc.isenabled()
    finally:
        gc.enable()
