"""The text model (bot.mrkdwn), over arbitrary text: nothing literal is lost, nothing can ping."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.mrkdwn import (
    decode,
    escape,
    find_hazards,
    render_stored,
    sent_length,
    shorten,
    stored_plain,
    to_plain,
    unescape,
)
from bot.mrkdwn.model import STORED_LINK

# Characters that matter to Slack's parser, mixed with any other character, so Hypothesis tries
# `<!here>`, `&amp;lt;`, `<https://x|y>` and half-formed versions of them often.
PARTS = st.one_of(
    st.sampled_from(["<", ">", "&", "|", "!", "@", "#", "^", ";", "amp", "lt", "gt", " ", "\n"]),
    st.sampled_from(["https://", "http://", "mailto:", "U024BE7LH", "C1", "here", "channel"]),
    st.characters(),
)
TEXT = st.lists(PARTS, max_size=40).map("".join)
BOUNDED = settings(max_examples=300, deadline=None)

# What Slack parses in sent mrkdwn: anything between `<` and the next `>`.
SLACK_ENTITY = re.compile(r"<([^>]*)>")
LINK_INSIDE = re.compile(r"(?:https?://|mailto:)[^\s|<>]+(?:\|[^<>]*)?")


@BOUNDED
@given(TEXT)
def test_escaped_text_reads_back_exactly(text):
    assert to_plain(escape(text)) == text
    assert decode(escape(text)) == text
    assert unescape(escape(text)) == text


@BOUNDED
@given(TEXT)
def test_escaped_text_can_form_no_entity(text):
    sent = escape(text)
    assert "<" not in sent and ">" not in sent
    assert sent_length(text) == len(sent)


@BOUNDED
@given(TEXT)
def test_stored_text_forms_only_the_links_written_as_links(text):
    sent = render_stored(text)
    for inside in SLACK_ENTITY.findall(sent):
        assert LINK_INSIDE.fullmatch(inside), f"{inside!r} from {text!r}"
        assert not inside.startswith(("!", "@", "#"))
    assert len(sent) <= sent_length(text)  # the check's measure bounds what is sent


@BOUNDED
@given(TEXT)
def test_stored_text_without_links_reads_back_exactly(text):
    if STORED_LINK.search(text):
        text = STORED_LINK.sub("", text)
    assert stored_plain(text) == text


@BOUNDED
@given(TEXT)
def test_model_is_total(text):
    """Any text in, text out: the functions never raise, whatever Slack or a store sends."""
    for function in (decode, to_plain, unescape, stored_plain):
        assert isinstance(function(text), str)
    assert all(h.kind and h.message for h in find_hazards(text))
    assert len(shorten(text, 10)) <= 10


@pytest.mark.parametrize(
    ("stored", "read"),
    [
        ("losses fall to <5% (from >20%)", "losses fall to <5% (from >20%)"),
        ("AT&T and R&D", "AT&T and R&D"),
        ("written &lt; and &amp;", "written &lt; and &amp;"),  # what you write is what is read
        ("<!channel> and <@U024BE7LH>", "<!channel> and <@U024BE7LH>"),  # shown, never a ping
        (
            "see <https://un.org/a?b=1&c=2|the UN & co>",
            "see the UN & co (https://un.org/a?b=1&c=2)",
        ),
        ("<https://un.org>", "https://un.org"),
    ],
)
def test_stored_text_reads_as_written(stored, read):
    assert stored_plain(stored) == read


def test_stored_links_are_sent_as_links_with_escaped_parts():
    sent = render_stored("<https://un.org/a?b=1&c=2|the UN | co> <5%")
    assert sent == "<https://un.org/a?b=1&amp;c=2|the UN ¦ co> &lt;5%"
    # A `<` inside the label means it was never a link: all of it is shown as written.
    assert render_stored("<https://un.org|the <UN>>") == "&lt;https://un.org|the &lt;UN&gt;&gt;"


@pytest.mark.parametrize(
    ("sent", "typed"),
    [
        ("AT&amp;T", "AT&T"),
        ("&lt;5% (from &gt;20%)", "<5% (from >20%)"),
        ("&amp;lt;", "&lt;"),
        ("<https://un.org|un.org> report", "un.org report"),
        ("<https://un.org>", "https://un.org"),
        ("ask <@U024BE7LH|ana> in <#C1|general>", "ask @ana in #general"),
        ("<@U024BE7LH> <#C1>", "@U024BE7LH #C1"),
        ("<!here> <!channel>", "@here @channel"),
        ("<!subteam^S1|@team>", "@team"),
        ("<!date^1392734382^{date}|Feb 18, 2014>", "Feb 18, 2014"),
        ("a < b", "a < b"),
    ],
)
def test_decode_gives_back_what_the_user_typed(sent, typed):
    assert decode(sent) == typed


def test_plain_spells_links_out_for_a_reader():
    assert to_plain("<https://un.org|the UN> &amp; <@U1|ana>") == "the UN (https://un.org) & @ana"


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("a <!channel> b", ["broadcast"]),
        ("<!here|here>", ["broadcast"]),
        ("<!subteam^S0614TZR7|@team>", ["broadcast"]),
        ("<!date^1392734382^{date}|Feb 18>", []),
        ("ask <@U024BE7LH>", ["mention"]),
        ("<https://evil.example/x|https://un.org/x>", ["disguised_link"]),
        ("<https://evil.example|www.un.org>", ["disguised_link"]),
        ("[un.org](https://evil.example)", ["disguised_link"]),
        ("a\u202eb", ["bidi"]),
        ("a\u2066b\u2069", ["bidi"]),
        ("a\u200bb", ["zero_width"]),
        ("\ufeffa\u2060", ["zero_width"]),
        ("<https://www.un.org/en/x|un.org>", []),  # the text names the real target
        ("<https://un.org|the UN report>", []),
        ("Task & Purpose <5%", []),
    ],
)
def test_hazards(text, kinds):
    assert [h.kind for h in find_hazards(text)] == kinds
