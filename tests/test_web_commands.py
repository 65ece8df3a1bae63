"""Slash commands over HTTP are answered right after the signature check, without Bolt's
dispatch: the replies must be exactly those Bolt's listeners give (over Socket Mode)."""

import datetime as dt
import json
from urllib.parse import parse_qsl

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from slack_bolt.request import BoltRequest

from bot.slack.commands import COMMANDS, form_fields, slash_command
from tests.slackreq import command_body, running_bot

TODAY = dt.date(2024, 6, 20)


@pytest.fixture
def bot(fake_slack, tmp_path):
    with running_bot(fake_slack, tmp_path, TODAY) as bot:
        yield bot


def over_socket_mode(bot, command: str, text: str):
    """The reply Bolt's listener gives the same command arriving over Socket Mode."""
    fields = dict(parse_qsl(command_body(command, text, bot.fake.response_url("cmd"))))
    return bot.web.bolt.dispatch(BoltRequest(body=fields, mode="socket_mode"))


@pytest.mark.parametrize(
    ("command", "text"),
    [
        ("/fact", "how many lighthouses in testland"),
        ("/fact", "lighthouse lamps"),  # a typo
        ("/fact", "lighthouses budget"),  # a partial match
        ("/fact", "zebra crossings"),  # no match
        ("/fact", "help"),
        ("/fact", "AT&amp;T &lt;!channel&gt; <https://un.org|un.org>"),  # escaped as Slack sends
        ("/talkingpoints", "testland"),
        ("/talkingpoints", ""),
        ("/anniversaries", ""),
        ("/anniversaries", "next 3 months"),
    ],
)
def test_an_http_command_gets_the_reply_bolt_gives(bot, command, text):
    http = bot.command(command, text)
    bolt = over_socket_mode(bot, command, text)
    assert (http.status, bolt.status) == (200, 200)
    assert json.loads(http.body) == json.loads(bolt.body)


def test_a_query_with_the_word_payload_is_answered(bot):
    # Bolt reads any form body containing "payload" as a button click's, finds no `payload`
    # field, and the command went unanswered: an empty 200, nothing shown to the user.
    reply = bot.command("/fact", "lighthouses payload")
    assert reply.status == 200
    shown = json.dumps(reply.json()["blocks"])
    assert "No fact mentions *payload*" in shown and "12* lighthouses" in shown


def test_a_reply_orjson_cannot_encode_is_still_sent():
    # Nothing from the wire decodes to a lone surrogate, but a reply must never fail to encode.
    from bot.web import _json

    seen = []
    body = b"".join(_json(lambda status, headers: seen.append(status), "200 OK", {"t": "\ud800"}))
    assert seen == ["200 OK"] and json.loads(body) == {"t": "\ud800"}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab=&+%2F0cCeE9A3 é;\x00", max_size=60) | st.text(max_size=60))
def test_form_fields_parse_as_parse_qsl_does(body):
    assert form_fields(body) == dict(parse_qsl(body, keep_blank_values=True))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["command", "text", "payload", "ssl_check", "user_id", "c%6Fmmand"]),
            st.sampled_from(["/fact", "%2Ffact", "/talkingpoints", "/nope", "", "a+b%20c"])
            | st.text(alphabet="ab=+%2F0 é", max_size=12),
        ),
        max_size=6,
    )
)
def test_slash_commands_are_recognised_as_bolt_would(pairs):
    body = "&".join(f"{name}={value}" for name, value in pairs)
    fields = dict(parse_qsl(body, keep_blank_values=True))
    ours = fields.get("command") in COMMANDS and not {"payload", "ssl_check"} & set(fields)
    expected = {"command": fields["command"], "text": fields.get("text", "")} if ours else None
    assert slash_command(body, None) == expected
