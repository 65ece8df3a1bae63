"""Slash commands end to end: signed requests to the real WSGI app, replies as Slack shows them."""

import datetime as dt
import json

import pytest

from bot.mrkdwn import escape
from tests.slackreq import running_bot

TODAY = dt.date(2024, 6, 20)


@pytest.fixture
def bot(fake_slack, tmp_path):
    with running_bot(fake_slack, tmp_path, TODAY) as bot:
        yield bot


def all_text(reply: dict) -> str:
    """Every string Slack would render from a reply: fallback text and block texts."""
    return reply["text"] + "\n" + json.dumps(reply["blocks"], ensure_ascii=False)


def test_fact_replies_privately_with_the_cited_dated_fact(bot):
    reply = bot.command("/fact", "how many lighthouses in testland").json()
    assert reply["response_type"] == "ephemeral"
    shown = all_text(reply)
    assert "Testland has *12* lighthouses" in shown
    assert "https://example.org/lighthouses" in shown  # the citation
    assert "2020" in shown  # as of
    buttons = [e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]]
    share = next(b for b in buttons if b["action_id"] == "fact_share")
    assert json.loads(share["value"])["id"] == "testland-lighthouses"
    assert bot.fake.calls == []  # the reply is the HTTP response: no Web API call at all


def test_typos_still_find_the_fact(bot):
    reply = bot.command("/fact", "lighthouse lamps").json()
    assert "40 lamps" in all_text(reply)


@pytest.mark.parametrize("text", ["", "  ", "help"])
def test_empty_or_help_shows_usage_and_topics(bot, text):
    reply = bot.command("/fact", text).json()
    shown = all_text(reply)
    assert "/talkingpoints" in shown and "/anniversaries" in shown
    assert "testland" in shown  # the topics


def test_no_match_suggests_and_links_to_adding_a_fact(bot):
    reply = bot.command("/fact", "zebra crossings").json()
    shown = all_text(reply)
    assert "No fact matches" in shown
    assert "https://github.com/example/factbot/new/main/facts" in shown


@pytest.mark.parametrize("query", ["<!channel> qqzzxx", "<@U123> qqzzxx", "<!channel> lighthouses"])
def test_user_text_comes_back_escaped(bot, query):
    # Slack sends what the user typed escaped: `<!channel>` typed arrives as `&lt;!channel&gt;`.
    reply = bot.command("/fact", escape(query)).json()
    shown = [
        {k: v for k, v in e.items() if k != "value"}  # button values are data, never rendered
        for b in reply["blocks"]
        for e in (b.get("elements") or [b])
    ]
    blocks = json.dumps(shown)
    assert "<!channel>" not in blocks and "<@U123>" not in blocks
    escaped = query.replace("<", "&lt;").replace(">", "&gt;").split()[0]
    assert escaped in blocks
    assert "<!channel>" not in reply["text"] and "<@U123>" not in reply["text"]


def test_talking_points_lists_sets_then_shows_one(bot):
    listing = all_text(bot.command("/talkingpoints", "").json())
    assert "Why Testland's coast matters" in listing
    reply = bot.command("/talkingpoints", "testland").json()
    shown = all_text(reply)
    assert "Testland keeps its coast lit." in shown
    assert "https://example.org/lighthouses" in shown  # each point cites its fact
    assert any(
        e.get("action_id") == "tp_share"
        for b in reply["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    )


def test_anniversaries_default_window_and_month(bot):
    soon = all_text(bot.command("/anniversaries", "").json())
    assert "Testland founding day" in soon  # 1 July, 11 days after TODAY
    assert "10" in soon  # 2014 → 2024: the 10th anniversary
    march = all_text(bot.command("/anniversaries", "march").json())
    assert "Testland founding day" not in march
    week = all_text(bot.command("/anniversaries", "7").json())
    assert "Testland founding day" not in week


def test_anniversaries_query_echo_is_escaped(bot):
    reply = bot.command("/anniversaries", "&lt;!channel&gt;").json()
    assert "<!channel>" not in json.dumps(reply["blocks"])


def test_command_text_is_decoded_before_search_and_echo(bot):
    # The user typed `Testland & lighthouses`; Slack sends `Testland &amp; lighthouses`.
    reply = bot.command("/fact", "Testland &amp; lighthouses").json()
    sent = json.dumps(reply["blocks"], ensure_ascii=False)
    assert "for “Testland &amp; lighthouses”" in sent  # read as `Testland & lighthouses`
    assert "&amp;amp;" not in sent
    share = next(
        e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]
    )  # the query the next page searches again
    assert json.loads(share["value"])["q"] == "Testland & lighthouses"


def test_links_slack_made_of_typed_text_are_searched_as_typed(bot):
    # Typing `example.org lighthouses` can arrive as a link Slack made of the address.
    reply = bot.command("/fact", "<http://example.org|example.org> zzqqxx").json()
    assert "No fact matches “example.org zzqqxx”." in reply["text"]
