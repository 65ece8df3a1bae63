"""`/anniversaries` as Slack shows it: when, years since, kind, tone, month-only events."""

from __future__ import annotations

import datetime as dt
import json

from bot.facts.model import EventDate
from bot.schedule.upcoming import upcoming_anniversaries
from bot.schedule.wording import CELEBRATORY_EMOJI, CELEBRATORY_WORDS
from bot.slack.blocks import render_anniversaries
from bot.slack.plaintext import blocks_to_text
from tests.test_blocks_store import TODAY, event, make_store


def lines_of(upcoming, today=TODAY, heading="Anniversaries in the next 366 days") -> str:
    blocks, _ = render_anniversaries(upcoming, today, heading)
    return blocks_to_text(blocks)


def test_each_anniversary_says_when_which_year_and_what_kind():
    store = make_store()
    text = lines_of(upcoming_anniversaries(store, TODAY, days=366))
    assert "Sun 25 Apr (in 5 days)*: Resolution 2100 establishes MINUSMA" in text
    assert "(resolution, 14th anniversary: 25 April 2013)" in text
    assert "In May (day unknown)*: Drawdown begins (operation, 4th anniversary: May 2023)" in text
    assert text.index("25 Apr") < text.index("In May") < text.index("7 Aug")


def test_today_and_tomorrow_are_said_in_words():
    store = make_store()
    on_the_day = lines_of(upcoming_anniversaries(store, dt.date(2027, 4, 25), days=1))
    assert "Today, Sun 25 Apr" in on_the_day
    day_before = lines_of(upcoming_anniversaries(store, dt.date(2027, 4, 24), days=3))
    assert "Tomorrow, Sun 25 Apr" in day_before


def test_solemn_events_are_remembered_never_celebrated():
    store = make_store()
    upcoming = upcoming_anniversaries(store, dt.date(2027, 8, 1), days=10)
    assert [u.event.id for u in upcoming] == ["sevare-attack"]
    blocks, text = render_anniversaries(upcoming, dt.date(2027, 8, 1), "Next 10 days")
    shown = (json.dumps(blocks, ensure_ascii=False) + text).lower()
    assert "12 years since: 7 august 2015" in shown
    assert "12th anniversary" not in shown
    for word in (*CELEBRATORY_WORDS, *CELEBRATORY_EMOJI):
        assert word not in shown


def test_empty_window_says_so():
    blocks, text = render_anniversaries([], TODAY, "Anniversaries in the next 3 days")
    assert "No anniversaries in this window." in blocks_to_text(blocks)
    assert text == "Anniversaries in the next 3 days: none"


def test_heading_with_user_text_is_escaped():
    blocks, text = render_anniversaries([], TODAY, "Anniversaries matching “<!channel>”")
    assert "<!channel>" not in json.dumps(blocks) + text
    assert "&lt;!channel&gt;" in blocks[0]["text"]["text"]


def test_fallback_counts_and_names_the_first():
    store = make_store()
    _, text = render_anniversaries(upcoming_anniversaries(store, TODAY, days=10), TODAY, "Soon")
    assert text == "Soon: 1 anniversary. First: Sun 25 Apr (in 5 days): " + (
        "Resolution 2100 establishes MINUSMA (14th anniversary)"
    )


def test_titles_from_the_store_are_escaped():
    odd = event("odd", "Talks <& signing>", EventDate(2010, 4, 21))
    store = make_store()
    store.events["odd"] = odd
    text = json.dumps(render_anniversaries(upcoming_anniversaries(store, TODAY, 3), TODAY, "x"))
    assert "Talks &lt;&amp; signing&gt;" in text
