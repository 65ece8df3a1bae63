"""Property tests: the YAML reader and the record and schedule rules are total over any input.

Whatever the text or the values, reading gives a root (or None) and well-formed problems, and the
rules give a record or `path:line:col: CODE` problems, never an exception.
"""

from __future__ import annotations

import datetime as dt

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.facts.integrity import check_store
from bot.facts.load import build_files
from bot.facts.model import Event, Fact, Store
from bot.facts.records import EVENT_FIELDS, FACT_FIELDS
from bot.facts.rules import RULES
from bot.facts.scalars import show
from bot.facts.yamlsafe import parse_yaml
from bot.schedule.ics import build_calendar
from bot.schedule.upcoming import upcoming_anniversaries
from bot.schedule.validate import FIELDS, FILTER_FIELDS, parse_schedule
from bot.schedule.validate import RULES as SCHEDULE_RULES
from bot.search.live import Snapshot
from bot.slack.answers import answer_fact
from bot.slack.values import MAX_BUTTON_VALUE

YAMLISH = st.text(
    alphabet=st.sampled_from(list(" \n\t-:[]{},#&*!|>'\"%@`?~0123456789abcxyz.\u202e\u0085")),
    max_size=200,
)
EDGES = ["9999-12-31", "0001-01-01", "http://[::1", "no", "0x" + "f" * 50, "59:59:59:59", "~"]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**60), max_value=10**60),
    st.floats(),
    st.text(max_size=40),
    st.dates(),
    st.datetimes(),
    st.sampled_from(EDGES),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
TODAY = dt.date(2027, 4, 19)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        return True  # a value used twice is written twice: the reader refuses anchors


def dump(data) -> str:
    """YAML text for `data`, as a contributor would write it (no anchors)."""
    return yaml.dump(data, Dumper=_Dumper)


def record(fields: tuple[str, ...]):
    """A mapping with any of `fields`, each holding any value."""
    return st.dictionaries(st.sampled_from(fields), VALUES, max_size=len(fields))


def well_formed(problems, codes) -> bool:
    return all(p.line >= 1 and p.col >= 1 and p.code in codes for p in problems)


@settings(max_examples=300, deadline=None)
@given(YAMLISH)
def test_reading_any_text_gives_a_root_or_problems_never_an_exception(text):
    result = parse_yaml(text, "t.yaml")
    assert well_formed(result.problems, RULES)
    assert result.root is None or result.root.line >= 1


SOURCE = {"title": "S", "url": "https://example.org/", "date": dt.date(2020, 1, 1)}
VALID = {
    "facts": {
        "id": "f", "statement": "A statement.", "as_of": dt.date(2020, 1, 1),
        "review_every": "1 year", "topic": "t", "sources": [SOURCE],
    },
    "events": {
        "id": "e", "date": dt.date(2013, 4, 25), "title": "T", "kind": "resolution",
        "summary": "S.", "tone": "neutral", "topic": "t", "sources": [SOURCE], "facts": ["f"],
    },
}  # fmt: skip
FIELDS_OF = {"facts": FACT_FIELDS, "events": EVENT_FIELDS}


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(VALID)), st.data())
def test_any_value_in_any_field_gives_a_record_that_works_or_problems(section, data):
    dated = ("as_of", "reviewed", "sources") if section == "facts" else ("date", "sources")
    key = data.draw(st.sampled_from(FIELDS_OF[section]) | st.sampled_from(dated))
    value = data.draw(st.one_of(st.dates(), st.sampled_from(EDGES), VALUES))  # dates often
    mapping = {**VALID[section], key: [{**SOURCE, "date": value}] if key == "sources" else value}
    text = dump({s: [mapping if s == section else VALID[s]] for s in VALID})
    problems: list = []
    builts, _ = build_files([parse_yaml(text, "t.yaml")], problems)
    records, cross = check_store(builts, TODAY)
    assert well_formed(problems + [p for b in builts for p in b.problems] + cross, RULES)
    store = Store(
        facts={r.id: r for r in records if isinstance(r, Fact)},
        events={r.id: r for r in records if isinstance(r, Event)},
        talking_points={},
    )
    build_calendar(store, dt.datetime(2027, 1, 1, tzinfo=dt.UTC))  # what passes, works
    upcoming_anniversaries(store, TODAY, days=366)


@settings(max_examples=100, deadline=None)
@given(record(FIELDS), record(FILTER_FIELDS))
def test_any_values_in_a_schedule_give_a_schedule_or_problems(schedule, events):
    text = dump({"schedules": [{**schedule, "events": events}]})
    node = parse_yaml(text, "s.yaml").root.value["schedules"].value[0]
    parsed, problems = parse_schedule(node, "s.yaml", Store.empty(), text.splitlines())
    assert well_formed(problems, {**RULES, **SCHEDULE_RULES})
    assert (parsed is None) == any(p.severity == "error" for p in problems)


@settings(max_examples=200, deadline=None)
@given(VALUES)
def test_a_value_shown_in_a_message_is_short(value):
    assert len(show(value)) <= 60


def buttons_of(blocks: list[dict]) -> list[dict]:
    """Every button in a reply's actions blocks."""
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"]]


# Slugs of 1 to ~5,000 characters: a word repeated, joined by hyphens.
SLUGS = st.tuples(st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True), st.integers(1, 400)).map(
    lambda word_times: "-".join([word_times[0]] * word_times[1])
)
LONG_TEXT = st.integers(1, 3000).map(lambda n: ("Widgets & <b> " * 250)[:n])


@settings(max_examples=60, deadline=None)
@given(SLUGS, LONG_TEXT, LONG_TEXT, st.integers(0, 2500))
def test_a_fact_that_passes_check_renders_in_fact_with_its_buttons(fact_id, statement, note, q):
    """What passes check works in /fact: long ids, long fields and long queries never crash it.

    A 2,100-character id used to pass check and crash `/fact` (its button value would not fit).
    """
    fact = {**VALID["facts"], "id": fact_id, "statement": "Widgets: " + statement, "note": note}
    event = {**VALID["events"], "facts": [fact_id]}
    problems: list = []
    builts, _ = build_files([parse_yaml(dump({"facts": [fact], "events": [event]}), "t.yaml")], [])
    records, cross = check_store(builts, TODAY)
    problems = [p for b in builts for p in b.problems] + cross
    store = Store(
        facts={r.id: r for r in records if isinstance(r, Fact)},
        events={r.id: r for r in records if isinstance(r, Event)},
        talking_points={},
    )
    passed = not [p for p in problems if p.severity == "error"]
    assert passed == (len(fact_id) <= 80 and fact_id in store.facts), problems[:3]
    if not passed:
        return
    blocks, text = answer_fact(Snapshot.of(store), "widgets" + " w" * (q // 2), TODAY)
    buttons = buttons_of(blocks)
    assert text and all(len(b.get("value", "")) <= MAX_BUTTON_VALUE for b in buttons)
    assert "fact_share" in [b.get("action_id") for b in buttons]  # nothing valid is left out
