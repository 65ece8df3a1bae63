"""Slack's Block Kit limits hold however big the store's content or the list gets."""

from __future__ import annotations

import datetime as dt
import json
import logging

from bot.facts.model import EventDate, Point, Store, TalkingPointSet
from bot.schedule.ledger import Ledger
from bot.schedule.upcoming import Upcoming
from bot.search.live import Snapshot
from bot.slack.answers import answer_fact
from bot.slack.blocks import (
    render_anniversaries,
    render_fact,
    render_shared_fact,
    render_talking_point_sets,
    render_talking_points,
)
from bot.slack.home import render_home
from bot.slack.text import actions, button, clamp_block, finish, header, section
from bot.storage import open_database
from tests.test_blocks_store import HERE, TODAY, event, fact, make_store
from tests.test_status import occ as occurrence

LIMITS = {"header": 150, "section": 3000, "context": 3000, "field": 2000}


def assert_within_slack_limits(blocks: list, max_blocks: int = 50) -> None:
    """What Slack checks before it accepts a message (the subset we emit)."""
    assert len(blocks) <= max_blocks
    for block in blocks:
        kind = block["type"]
        if kind == "header":
            assert len(block["text"]["text"]) <= 150
        elif kind == "section":
            assert 0 < len(block["text"]["text"]) <= 3000
            accessory = block.get("accessory") or {"text": {"text": ""}}
            assert len(accessory["text"]["text"]) <= 75
            assert len(accessory.get("value", "")) <= 2000
        elif kind == "context":
            assert 0 < len(block["elements"]) <= 10
            assert all(len(e["text"]) <= 3000 for e in block["elements"])
        elif kind == "actions":
            assert 0 < len(block["elements"]) <= 25
            for element in block["elements"]:
                if element["type"] == "overflow":  # "Suggest a correction"
                    assert 0 < len(element["options"]) <= 5
                    for option in element["options"]:
                        assert len(option["text"]["text"]) <= 75 and len(option["value"]) <= 150
                    continue
                assert len(element["text"]["text"]) <= 75
                assert len(element.get("value", "")) <= 2000


class Found:
    """A search match as search returns it (only `.record` is read)."""

    def __init__(self, record):
        self.record, self.score, self.matched = record, 50.0, ()


def test_a_huge_statement_is_cut_cleanly_with_an_ellipsis():
    store = make_store()
    big = fact("big", "word " * 2000 + "<https://example.org|a link at the end>")
    blocks, text = render_fact(store, [Found(big)], 0, "big", TODAY)
    assert_within_slack_limits(blocks)
    statement = blocks[0]["text"]["text"]
    assert len(statement) <= 3000 and statement.endswith("…")
    assert "<https://example.org" not in statement  # not half a link
    assert len(text) <= 3000


def test_a_long_title_fits_the_header():
    long_event = event("long", "T" * 400, EventDate(2013, 4, 25))
    blocks, _ = render_shared_fact(make_store(), long_event, "U1", TODAY)
    assert_within_slack_limits(blocks)
    assert blocks[0]["text"]["text"].endswith("…")


def test_a_hundred_points_are_capped_and_say_how_many_were_left_out():
    store = make_store()
    points = tuple(Point(f"Point number {n}.", ("minusma-fatalities-final",)) for n in range(100))
    big = TalkingPointSet("big", "Big set", "minusma", "press", TODAY, points, HERE)
    blocks, _ = render_talking_points(store, big, TODAY)
    assert_within_slack_limits(blocks)
    sent = json.dumps(blocks)
    assert "Point number 19." in sent and "Point number 20." not in sent
    assert "and 80 more points not shown" in sent
    assert blocks[-1]["type"] == "actions"  # the Share button survives the cut


def test_many_citations_stay_within_ten_context_elements():
    store = make_store()
    cites = tuple(f"missing-{n}" for n in range(30))
    tp = TalkingPointSet("c", "Cited", "minusma", "press", TODAY, (Point("p", cites),), HERE)
    blocks, _ = render_talking_points(store, tp, TODAY)
    assert_within_slack_limits(blocks)
    assert "+21 more" in json.dumps(blocks)


def test_five_hundred_anniversaries_fit_and_the_rest_are_counted():
    upcoming = [
        Upcoming(event(f"e{n}", f"Event {n} " + "x" * 100, EventDate(2000, 5, 1)), TODAY, 27, 0)
        for n in range(500)
    ]
    blocks, text = render_anniversaries(upcoming, TODAY, "Anniversaries in the next 366 days")
    assert_within_slack_limits(blocks)
    assert "and 440 more anniversaries not shown" in json.dumps(blocks)
    assert "500 anniversaries" in text


def test_many_sets_pack_into_sections():
    sets = {
        f"s{n}": TalkingPointSet(f"s{n}", f"Set {n}", "t", "press", TODAY, (), HERE)
        for n in range(400)
    }
    store = Store(facts={}, events={}, talking_points=sets)
    blocks, _ = render_talking_point_sets(store)
    assert_within_slack_limits(blocks)


def ledger_failures(tmp_path, count: int, reason: str) -> list:
    """`count` failed posts written through the real ledger into a SQLite file."""
    db = open_database(f"sqlite:///{tmp_path / 'data' / 'factbot.sqlite3'}")
    ledger = Ledger(db)
    due = dt.datetime(2027, 1, 1, 14, 0, tzinfo=dt.UTC)
    for n in range(count):
        occ = occurrence(f"event-{n}", "C1", due + dt.timedelta(minutes=n))
        ledger.claim(occ, "host:1:a", due)
        ledger.mark_failed(occ.key, reason, due)
    rows = ledger.failures()
    db.dispose()
    return rows


def test_home_view_stays_within_100_blocks(tmp_path):
    stale = [
        fact(f"f{n}", "s " * 500, review_by=dt.date(2020, 1, 1), topic="t" * 50) for n in range(300)
    ]
    upcoming = [
        Upcoming(event(f"e{n}", f"Event {n}", EventDate(2000, 5, 1)), TODAY, 27, 0)
        for n in range(300)
    ]
    failures = ledger_failures(tmp_path, 80, "r" * 4000)
    view = render_home(upcoming, stale, "https://g/o/r", failures, is_admin=True)
    assert_within_slack_limits(view["blocks"], max_blocks=100)
    sent = json.dumps(view)
    assert "and 270 more anniversaries not shown" in sent
    assert "and 275 more overdue facts not shown" in sent
    assert "and 65 more failures not shown" in sent
    assert sent.count('"action_id": "post_retry"') == 15


def test_finish_caps_blocks_and_says_how_many_were_dropped():
    blocks, _ = finish([section(f"s{n}") for n in range(80)], "t")
    assert len(blocks) == 50
    assert blocks[-1]["elements"][0]["text"] == "… 31 more blocks not shown."


def test_clamp_block_cuts_headers_sections_and_button_labels():
    assert len(clamp_block(header("h" * 300))["text"]["text"]) == 150
    assert len(clamp_block(section("s" * 5000))["text"]["text"]) == 3000
    buttons = {
        "type": "actions",
        "elements": [{"type": "button", "text": {"type": "plain_text", "text": "b" * 90}}],
    }
    assert len(clamp_block(buttons)["elements"][0]["text"]["text"]) == 75


def test_a_button_value_too_long_for_slack_is_left_out_never_raised(caplog):
    too_long = button("Share in channel", "fact_share", "v" * 2001)
    kept = button("Next match", "fact_next", "v" * 2000)
    caplog.set_level(logging.WARNING, logger="bot.slack.text")
    blocks, _ = finish([section("A fact."), actions(too_long, kept), actions(too_long)], "A fact.")
    assert [b["type"] for b in blocks] == ["section", "actions"]  # an empty actions block goes too
    assert [e["action_id"] for e in blocks[1]["elements"]] == ["fact_next"]
    assert "left out button fact_share: value of 2001" in caplog.text


def test_fact_with_an_id_too_long_for_a_button_still_answers(caplog):
    """A 2,100-character id (over Slack's 2,000 a value) used to crash /fact with ValueError."""
    long_id = "-".join(["gao"] * 700)
    store = Store(
        facts={long_id: fact(long_id, "Gao had *3* attacks.")}, events={}, talking_points={}
    )
    blocks, text = answer_fact(Snapshot.of(store), "gao attacks", TODAY)
    assert_within_slack_limits(blocks)
    assert "Gao had" in text and "*3* attacks" in json.dumps(blocks)
    assert all(len(e.get("value", "")) <= 2000 for b in blocks for e in b.get("elements", ()))
