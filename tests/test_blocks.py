"""What Slack would show for `/fact`, a shared fact, no match, help, talking points and errors."""

from __future__ import annotations

import dataclasses
import json

import pytest

from bot.mrkdwn import render_stored
from bot.search.index import SearchIndex
from bot.slack.blocks import (
    escape,
    render_error,
    render_fact,
    render_fact_help,
    render_no_match,
    render_shared_fact,
    render_shared_talking_points,
    render_talking_point_sets,
    render_talking_points,
)
from bot.slack.text import truncate
from tests.test_blocks_store import TODAY, Source, fact, make_store


def everything(blocks: list, text: str) -> str:
    """All the text Slack would show, blocks and fallback (button values are never shown)."""
    shown = json.loads(json.dumps(blocks))
    for element in buttons(shown):
        element.pop("value", None)
    return json.dumps(shown, ensure_ascii=False) + "\n" + text


def buttons(blocks: list) -> list[dict]:
    elements = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
    return [e for e in elements if e["type"] == "button"]


@pytest.fixture
def store():
    return make_store()


@pytest.fixture
def matches(store):
    found = SearchIndex.build(store).search("minusma fatalities")
    assert found[0].record.id == "minusma-fatalities-2018"
    return found


def test_escape_neutralises_mentions_and_broadcasts():
    assert escape("<!channel> minusma") == "&lt;!channel&gt; minusma"
    assert escape("<@U123>") == "&lt;@U123&gt;"
    assert escape("a & b") == "a &amp; b"


@pytest.mark.parametrize("query", ["<!channel> minusma", "<@U123> fatalities", "<!here|x>"])
def test_query_is_never_echoed_raw(store, matches, query):
    for blocks, text in (
        render_fact(store, matches, 0, query, TODAY),
        render_no_match(query, ["res 2100"], "https://github.com/o/r/new/main/facts"),
    ):
        sent = everything(blocks, text)
        assert query not in sent
        assert escape(query) in sent


def test_fact_reply_shows_statement_date_caveat_seed_and_sources(store, matches):
    blocks, text = render_fact(store, matches, 0, "minusma fatalities", TODAY)
    sent = everything(blocks, text)
    assert "*169* MINUSMA peacekeepers killed" in sent
    assert "As of 30 Sep 2018" in sent
    assert "*Caveat:* Counts deaths from malicious acts only." in sent
    assert "The 2018 field notes said: “over 170 peacekeepers killed”" in sent
    assert (
        "<https://peacekeeping.un.org/en/fatalities|UN Peacekeeping: fatalities by mission>" in sent
    )
    assert "169 MINUSMA peacekeepers killed" in text and "as of 30 Sep 2018" in text


def test_stale_and_superseded_facts_carry_visible_warnings(store, matches):
    blocks, text = render_fact(store, matches, 0, "minusma fatalities", TODAY)
    first_two = [b["text"]["text"] for b in blocks[:2]]
    assert first_two[0].startswith("⚠️ *Past its review date*")
    assert "1 Jan 2019" in first_two[0]
    assert first_two[1].startswith("⚠️ *Superseded* by `minusma-fatalities-final`")
    assert "final toll: 311" in first_two[1]
    assert text.startswith("⚠️")


def test_a_current_fact_has_no_warning(store):
    current = store.facts["minusma-fatalities-final"]
    blocks, _ = render_shared_fact(store, current, "U123", TODAY)
    assert "⚠️" not in json.dumps(blocks, ensure_ascii=False)


def test_buttons_carry_compact_json_and_next_only_when_more(store, matches):
    blocks, _ = render_fact(store, matches, 0, "minusma fatalities", TODAY)
    share, copy, nxt = buttons(blocks)
    assert (share["action_id"], share["text"]["text"]) == ("fact_share", "Share in channel")
    assert (copy["action_id"], copy["value"]) == ("fact_copy", share["value"])
    assert (nxt["action_id"], nxt["text"]["text"]) == ("fact_next", "Next match")
    assert json.loads(share["value"]) == {
        "id": "minusma-fatalities-2018",
        "q": "minusma fatalities",
        "i": 0,
    }
    assert " " not in share["value"].replace("minusma fatalities", "")
    assert f"1 of {len(matches)} matches" in json.dumps(blocks)
    last, _ = render_fact(store, matches, len(matches) - 1, "minusma fatalities", TODAY)
    last_ids = [b["action_id"] for b in buttons(last)]
    assert last_ids[:1] == ["fact_share"] and "fact_next" not in last_ids
    assert f"{len(matches)} of {len(matches)} matches" in json.dumps(last)


@pytest.mark.parametrize("query", ["x" * 5000, 'é"\\' * 1500, "<>&" * 900])
def test_button_value_fits_2000_chars_and_stays_valid_json(store, matches, query):
    blocks, _ = render_fact(store, matches, 0, query, TODAY)
    for element in buttons(blocks):
        assert len(element["value"]) <= 2000
        value = json.loads(element["value"])
        assert query.startswith(value["q"]) and len(value["q"]) > 500


def test_event_and_talking_point_matches_render(store):
    index = SearchIndex.build(store)
    event_match = index.search("res 2100")
    blocks, text = render_fact(store, event_match, 0, "res 2100", TODAY)
    sent = everything(blocks, text)
    assert "Resolution 2100 establishes MINUSMA" in sent
    assert "25 April 2013 · resolution · 13 years ago" in sent
    assert "<https://undocs.org/S/RES/2100(2013)|S/RES/2100 (2013)>" in sent
    tp_match = index.search("minusma hill staff", kinds=frozenset({"talking_points"}))
    blocks, _ = render_fact(store, tp_match, 0, "hill staff", TODAY)
    assert "*2.* Its final toll was 311." in json.dumps(blocks, ensure_ascii=False)


def test_source_titles_are_escaped_inside_links(store):
    odd = fact("odd", "Statement.", sources=(Source("A <b> & |c|", "https://x.org/a b"),))
    blocks, _ = render_shared_fact(store, odd, "U1", TODAY)
    assert "<https://x.org/a%20b|A &lt;b&gt; &amp; ¦c¦>" in json.dumps(blocks, ensure_ascii=False)


def test_store_mrkdwn_keeps_links_but_cannot_broadcast_or_mention():
    text = "See <https://un.org|the UN> & <!channel> <@U1> x<y"
    assert render_stored(text) == (
        "See <https://un.org|the UN> &amp; &lt;!channel&gt; &lt;@U1&gt; x&lt;y"
    )


def test_shared_fact_names_the_sharer_and_has_no_buttons(store, matches):
    blocks, _ = render_shared_fact(store, matches[0].record, "U123ABC", TODAY)
    assert blocks[-2]["elements"][0]["text"] == "Shared by <@U123ABC> with /fact"
    assert not buttons(blocks)
    # Only "Suggest a correction": anyone in the channel may spot a mistake.
    [menu] = blocks[-1]["elements"]
    assert menu["type"] == "overflow"
    assert [o["text"]["text"] for o in menu["options"]] == ["Suggest a correction"]
    assert "As of 30 Sep 2018" in json.dumps(blocks)


@pytest.mark.parametrize("user", ["<!channel>", "u123", "", "C123", "U12 3"])
def test_shared_by_is_omitted_unless_a_user_id(store, matches, user):
    blocks, _ = render_shared_fact(store, matches[0].record, user, TODAY)
    assert "Shared by" not in json.dumps(blocks)


def test_no_match_suggests_and_links_to_adding_a_fact():
    blocks, text = render_no_match("minusma casualties 1999", ["minusma fatalities"], "https://g/n")
    sent = everything(blocks, text)
    assert "No fact matches “minusma casualties 1999”." in sent
    assert "Did you mean: *minusma fatalities*?" in sent
    assert "<https://g/n|Add one by pull request>" in sent


def test_help_lists_commands_and_topics(store):
    blocks, text = render_fact_help(store)
    sent = everything(blocks, text)
    for command in ("/fact", "/talkingpoints", "/anniversaries"):
        assert f"`{command}" in sent
    assert "Topics: `minusma`" in sent
    assert "<question>" not in json.dumps(blocks)  # would be read as a link by Slack


def test_talking_points_in_order_with_citations_and_share(store):
    tp_set = store.talking_points["minusma-hill"]
    blocks, text = render_talking_points(store, tp_set, TODAY)
    sent = json.dumps(blocks, ensure_ascii=False)
    assert sent.index("*1.* The mission") < sent.index("*2.* Its final toll")
    assert "As of 1 Oct 2018" in sent and "For: Hill staff" in sent
    assert "as of 31 Dec 2023: <https://peacekeeping.un.org/en/fatalities|" in sent
    assert "past review date" in sent  # point 1 cites the stale fact
    assert "`missing-fact` (not in the store)" in sent
    (share,) = buttons(blocks)
    assert share["action_id"] == "tp_share"
    assert json.loads(share["value"]) == {"id": "minusma-hill"}
    assert "MINUSMA for Hill staff" in text
    shared, _ = render_shared_talking_points(store, tp_set, "U9", TODAY)
    assert not buttons(shared) and "Shared by <@U9>" in json.dumps(shared)


def test_talking_point_sets_listed(store):
    blocks, text = render_talking_point_sets(store)
    assert "`/talkingpoints minusma-hill`" in json.dumps(blocks)
    assert text == "Talking points: 1 set. Type /talkingpoints &lt;topic&gt; to see one."


def test_error_is_polite_and_escaped():
    blocks, text = render_error("That button has expired <sorry>.")
    assert blocks == [
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": ":warning: That button has expired &lt;sorry&gt;."},
        }
    ]
    assert "Traceback" not in text


def test_truncate_never_leaves_half_an_entity_or_link():
    assert truncate("abc &amp; def", 7) == "abc…"
    assert truncate("see <https://example.org|x> now", 12) == "see…"
    assert truncate("short", 10) == "short"


def test_empty_matches_render_no_match(store):
    blocks, _ = render_fact(store, [], 0, "q", TODAY)
    assert "No fact matches" in json.dumps(blocks)


def test_position_out_of_range_is_clamped(store, matches):
    blocks, _ = render_fact(store, matches, 99, "q", TODAY)
    assert f"{len(matches)} of {len(matches)}" in json.dumps(blocks)


def test_record_is_unchanged_by_rendering(store, matches):
    before = dataclasses.asdict(matches[0].record)
    render_fact(store, matches, 0, "q", TODAY)
    assert dataclasses.asdict(matches[0].record) == before


def test_rendering_and_console_never_import_slack():
    import subprocess
    import sys

    code = (
        "import sys, bot.slack.blocks, bot.slack.home, bot.slack.plaintext, bot.console\n"
        "print(sorted(m for m in sys.modules if m.startswith(('slack_bolt', 'slack_sdk'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
