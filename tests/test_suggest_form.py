"""Reading a suggestion modal's submission: what changed, what is missing; total on any payload."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.facts.model import Fact, Location, Source
from bot.slack.suggest_form import propose_id, read_correction, read_new_fact

FACT = Fact(
    id="gao-attack-2018-toll",
    statement="The car bomb killed *4 civilians*.",
    sources=(Source("Defense Post", "https://example.org/dp"),),
    as_of=dt.date(2018, 7, 1),
    topic="barkhane",
    location=Location("facts/x.yaml", 3),
    caveat="Inside Gao.",
)


def view(**values: str) -> dict:
    return {"state": {"values": {k: {"value": {"value": v}} for k, v in values.items()}}}


def unchanged(**extra: str) -> dict:
    base = {"statement": FACT.statement, "as_of": "2018-07-01", "caveat": FACT.caveat}
    return view(**{**base, **extra})


def test_a_month_as_of_left_as_it_was_is_no_change():
    fact = FACT.__class__(
        **{**FACT.__dict__, "as_of": dt.date(2018, 7, 31), "as_of_precision": "month"}
    )
    form = read_correction(unchanged(as_of="2018-07", caveat="Inside Gao city.", reason="r"), fact)
    assert form.edits == {"caveat": "Inside Gao city."} and form.errors == {}


def test_only_changed_fields_are_edits_and_whitespace_alone_is_no_change():
    form = read_correction(
        unchanged(
            statement="The car  bomb killed\n*4 civilians*.",
            caveat="Inside Gao (Gadeye).",
            reason="precise place",
            source="",
        ),
        FACT,
    )
    assert form.edits == {"caveat": "Inside Gao (Gadeye)."}
    assert form.errors == {}


def test_nothing_changed_or_no_reason_is_said_next_to_the_field():
    form = read_correction(unchanged(reason=""), FACT)
    assert set(form.errors) == {"statement", "reason"}


def test_a_changed_number_or_date_needs_a_web_source():
    assert (
        "source"
        in read_correction(
            unchanged(statement="The car bomb killed *5 civilians*.", reason="r"), FACT
        ).errors
    )
    assert "source" in read_correction(unchanged(as_of="2018-07-02", reason="r"), FACT).errors
    form = read_correction(unchanged(as_of="2018-07-02", reason="r", source="ftp://x"), FACT)
    assert form.errors == {"source": "Give a web address starting with https://"}
    form = read_correction(
        unchanged(as_of="2018-07-02", reason="r", source="https://x.org/a"), FACT
    )
    assert form.errors == {} and form.edits == {"as_of": "2018-07-02"}


def test_a_new_fact_gets_an_id_from_its_statement_and_sources_from_lines():
    form = read_new_fact(
        view(
            statement="Sévaré base opened in 2013",
            topic="mali",
            as_of="2013-07-01",
            reason="r",
            sources="https://example.org/a Title A\nhttps://example.org/b  B",
        )
    )
    assert form.record["id"] == "sevare-base-opened-2013"
    assert form.record["sources"] == [
        {"title": "Title A", "url": "https://example.org/a"},
        {"title": "B", "url": "https://example.org/b"},
    ]
    assert list(form.record) == ["id", "statement", "as_of", "sources", "topic", "review_every"]
    assert form.errors == {}
    bad = read_new_fact(view(statement="!!!", sources="not a url", reason=""))
    assert set(bad.errors) == {"id", "sources", "reason"}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(json_values, st.text(max_size=60))
def test_any_payload_is_read_without_raising(payload, statement):
    read_correction(payload if isinstance(payload, dict) else {"state": payload}, FACT)
    read_new_fact({"state": {"values": payload}} if isinstance(payload, dict) else {})
    assert len(propose_id(statement)) <= 80


def test_a_new_fact_id_follows_checks_rule_slug_and_at_most_80_characters():
    """A 5,000-character id was accepted and opened a PR that `factbot check` would refuse."""
    fine = dict(statement="Gao", topic="mali", as_of="2013", reason="r", sources="https://a.org/ A")
    assert read_new_fact(view(**fine, id="g" * 80)).errors == {}
    for refused in ("g" * 81, "g" * 5000, "Gao_Attack", "gao--attack"):
        assert "at most 80" in read_new_fact(view(**fine, id=refused)).errors["id"]
