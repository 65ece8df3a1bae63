"""The loading API others import, and the safe YAML reader under it."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from bot.facts import LoadResult, StoreError, load_store, load_store_strict
from bot.facts.model import EventDate
from bot.facts.records import add_interval
from bot.facts.yamlsafe import MAX_BYTES, display_path, parse_yaml, read_yaml

VALID = Path(__file__).parent / "fixtures" / "check" / "valid"
TODAY = dt.date(2024, 6, 1)
FACT = """\
facts:
  - id: widget-count
    statement: Testland had 1,200 widgets.
    sources:
      - title: Widget census
        url: https://example.org/census
    as_of: 2023-01-31
    review_every: 1 month
    topic: testland
"""


def write(tmp_path: Path, text: str, name: str = "f.yaml") -> Path:
    """One fact file in a fresh store directory."""
    (tmp_path / name).write_text(text)
    return tmp_path


def test_valid_store_loads_typed_records():
    result = load_store(VALID, today=TODAY)
    assert isinstance(result, LoadResult) and result.ok
    assert result.problems == () and len(result.files) == 2
    store = result.store
    fact = store.facts["widget-count"]
    assert fact.review_by == dt.date(2025, 9, 1)  # reviewed 2023-09-01 + 2 years
    assert fact.confidence == "high" and fact.sources[0].date == dt.date(2023, 3, 1)
    assert store.current(store.facts["widget-count-2022"]) is fact
    assert store.events["widget-attack"].date == EventDate(2023, 5)
    assert store.events["widget-accord"].date.as_date() == dt.date(2023, 4, 25)
    assert store.talking_points["widget-points"].points[0].facts == ("widget-count",)
    assert store.synonyms == (("widgets", "gadgets", "gizmos"),)
    assert fact.location.line == 4 and fact.location.path.endswith("topic/figures.yaml")


def test_review_every_counts_from_as_of_and_clamps_month_ends(tmp_path):
    store = load_store_strict(write(tmp_path, FACT), today=TODAY)
    assert store.facts["widget-count"].review_by == dt.date(2023, 2, 28)
    assert add_interval(dt.date(2024, 2, 29), 1, "year") == dt.date(2025, 2, 28)
    assert add_interval(dt.date(2024, 1, 1), 2, "week") == dt.date(2024, 1, 15)


def test_bad_record_is_skipped_and_the_rest_loads(tmp_path):
    second = FACT.split("facts:\n")[1].replace("widget-count", "other")
    second = second.replace("    review_every: 1 month\n", "")
    result = load_store(write(tmp_path, FACT + second), today=TODAY)
    assert not result.ok
    assert list(result.store.facts) == ["widget-count"]
    assert [p.code for p in result.errors] == ["F018"]


def test_strict_load_raises_with_every_error_listed(tmp_path):
    text = FACT.replace("as_of: 2023-01-31", "as_of: 2023-02-30").replace("testland", "")
    with pytest.raises(StoreError) as err:
        load_store_strict(write(tmp_path, text), today=TODAY)
    codes = [p.code for p in err.value.problems]
    assert codes == ["F007", "F005"]
    assert f"{display_path(tmp_path / 'f.yaml')}:7:12: F007 " in str(err.value)


def test_advisories_do_not_fail_strict_load(tmp_path):
    store = load_store_strict(write(tmp_path, FACT), today=dt.date(2030, 1, 1))
    assert "widget-count" in store.facts
    result = load_store(tmp_path, today=dt.date(2030, 1, 1))
    # A120: its one source is one outlet.
    assert result.ok and {p.code for p in result.advisories} == {"A101", "A102", "A120"}


def test_problem_paths_are_relative_to_the_current_directory(tmp_path, monkeypatch):
    write(tmp_path, FACT.replace("1 month", "monthly"))
    monkeypatch.chdir(tmp_path)
    assert [p.format()[:19] for p in load_store(".", today=TODAY).errors] == ["f.yaml:8:19: F018 '"]


def test_alias_bomb_is_refused_fast_and_never_expanded():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    result = parse_yaml("\n".join(lines), "bomb.yaml")
    assert time.perf_counter() - start < 1.0
    assert result.root is None
    assert [p.format()[:18] for p in result.problems] == ["bomb.yaml:1:4: F01"]
    assert result.problems[0].code == "F013"


def test_alias_without_anchor_use_is_refused_too():
    assert [p.code for p in parse_yaml("a: &x 1\nb: 2\n", "f.yaml").problems] == ["F013"]


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.truncate(8 * 1024**3)  # sparse: 8 GiB that reading whole would take many seconds
    start = time.perf_counter()
    result = read_yaml(big)
    assert time.perf_counter() - start < 1.0
    assert [p.code for p in result.problems] == ["F014"]
    assert "8,589,934,592 bytes" in result.problems[0].message


def test_file_at_the_limit_is_read(tmp_path):
    path = tmp_path / "edge.yaml"
    path.write_bytes(b"synonyms: []\n" + b"#" * (MAX_BYTES - 14) + b"\n")
    assert read_yaml(path).problems == ()


def test_duplicate_keys_are_errors_and_the_first_wins():
    result = parse_yaml("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n", "d.yaml")
    assert [(p.line, p.col, p.code) for p in result.problems] == [(4, 3, "F002"), (5, 1, "F002")]
    assert result.root.plain() == {"a": 1, "b": {"c": 2}}


def test_values_carry_their_positions():
    root = parse_yaml("facts:\n  - id: x\n    as_of: 2013-02-30\n", "p.yaml").root
    record = root.value["facts"].value[0]
    as_of = record.value["as_of"]
    assert (record.line, record.col) == (2, 5)
    assert (as_of.line, as_of.col, as_of.key_line, as_of.key_col) == (3, 12, 3, 5)
    assert as_of.value == "2013-02-30"  # an impossible date stays text, reported later as F007


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("a: 1\n\tb: 2\n", "F003", 2),
        ("a: [1\nb: 2\n", "F001", 2),
        ("a: 1\n---\nb: 2\n", "F001", 2),
        ("a: 'x\n", "F001", 2),
    ],
)
def test_syntax_problems_point_at_the_line(text, code, line):
    problems = parse_yaml(text, "s.yaml").problems
    assert [(p.code, p.line) for p in problems] == [(code, line)]


def test_not_utf8_is_a_clear_error(tmp_path):
    (tmp_path / "f.yaml").write_bytes(b"facts:\n  - id: caf\xe9\n")
    assert [p.format() for p in read_yaml(tmp_path / "f.yaml").problems] == [
        f"{display_path(tmp_path / 'f.yaml')}:2:1: F001 file is not valid UTF-8 text"
    ]


def test_empty_file_and_wrong_shape(tmp_path):
    write(tmp_path, "# nothing yet\n", "a.yaml")
    write(tmp_path, "- just\n- a list\n", "b.yaml")
    write(tmp_path, "events:\n", "c.yaml")  # a section with nothing under it yet is fine
    errors = load_store(tmp_path, today=TODAY).errors
    assert [(Path(p.path).name, p.code) for p in errors] == [("a.yaml", "F020"), ("b.yaml", "F020")]


def test_unknown_reference_is_reported_and_dropped(tmp_path):
    text = FACT + "    superseded_by: widget-cuont\n"
    result = load_store(write(tmp_path, text), today=TODAY)
    assert [p.code for p in result.errors] == ["F010"]
    assert "did you mean 'widget-count'?" in result.errors[0].message


@pytest.mark.parametrize("tagged", ['!!int ""', "!!bool maybe", "!!timestamp someday", "!!int x"])
def test_an_explicit_tag_pyyaml_cannot_build_is_reported_not_a_crash(tagged):
    # PyYAML's own constructors raise IndexError/KeyError on some of these; a contributor's typo
    # must become a problem at its line, never a traceback in CI.
    result = parse_yaml(f"facts:\n  - id: x\n    statement: {tagged}\n", "facts/x.yaml")
    statement = result.root.value["facts"].value[0].value["statement"]
    assert statement.line == 3 and isinstance(statement.value, str)


def test_a_file_that_does_not_parse_is_one_error_not_a_cascade(tmp_path):
    # A tab in the file that defines a fact must not also make every reference to it an error.
    (tmp_path / "a.yaml").write_text("facts:\n\t- id: broken\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        "talking_points:\n  - id: tp\n    title: T\n    topic: t\n    audience: press\n"
        "    as_of: 2020-01-01\n    points:\n      - text: A point.\n        facts: [broken]\n",
        encoding="utf-8",
    )
    codes = [p.code for p in load_store(tmp_path, dt.date(2024, 1, 1)).errors]
    assert codes == ["F003"]
