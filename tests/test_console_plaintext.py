"""Blocks → readable text: headers, sections, context, buttons, links and entities."""

from __future__ import annotations

from bot.mrkdwn import to_plain
from bot.slack.plaintext import blocks_to_text, view_to_text
from bot.slack.text import actions, button, context, divider, header, section


def test_links_mentions_and_entities_read_naturally():
    assert to_plain("<https://un.org|the UN> &amp; <https://x.org>") == (
        "the UN (https://un.org) & https://x.org"
    )
    assert to_plain("<@U123> in <#C42|general>, <!here>") == "@U123 in #general, @here"
    assert to_plain("&lt;!channel&gt; minusma") == "<!channel> minusma"


def test_blocks_become_lines():
    blocks = [
        header("Resolution 2100 & more"),
        context("As of 30 Sep 2018", "Topic: minusma"),
        section("*Statement* with <https://s.org|a source>"),
        divider(),
        actions(button("Share in channel", "fact_share", {"id": "x"}), button("Next", "n")),
        {"type": "image", "image_url": "https://x/y.png", "alt_text": "ignored"},
    ]
    assert blocks_to_text(blocks) == "\n".join(
        [
            "Resolution 2100 & more",
            "======================",
            "  As of 30 Sep 2018  ·  Topic: minusma",
            "*Statement* with a source (https://s.org)",
            "-" * 40,
            "[Share in channel]  [Next]",
        ]
    )


def test_section_fields_and_accessory_button():
    block = {
        "type": "section",
        "text": {"type": "mrkdwn", "text": "Main"},
        "fields": [{"type": "mrkdwn", "text": "A"}, {"type": "plain_text", "text": "B &amp; C"}],
        "accessory": button("Open", "open"),
    }
    assert blocks_to_text([block]) == "Main\nA\nB & C\n[Open]"


def test_rich_text_and_views():
    rich = {
        "type": "rich_text",
        "elements": [
            {
                "type": "rich_text_preformatted",
                "elements": [{"type": "text", "text": "copy &amp; me"}],
            }
        ],
    }
    assert view_to_text({"type": "home", "blocks": [rich]}) == "copy & me"
