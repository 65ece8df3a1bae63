"""Signed requests factbot cannot use: malformed or unhandled ones get a quiet answer, never 500.

And the error handler answers a `response_url` only for a request that was authenticated: even
with the WSGI check bypassed (Bolt served bare), a request that fails before authentication gets
401 and makes no outbound call.
"""

import datetime as dt
import json
import logging
from urllib.parse import quote

import pytest
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.request import BoltRequest
from sqlalchemy import text

from tests.slackreq import (
    FORM,
    action_body,
    action_payload,
    command_body,
    event_body,
    post,
    running_bot,
    serve_app,
    signature_headers,
    signed_post,
)

TODAY = dt.date(2024, 6, 20)
JSON = "application/json"
USER = {"id": "U0USER01", "team_id": "T0TEAM001"}
TEAM = {"id": "T0TEAM001"}

MALFORMED = {
    "payload not JSON": (b"payload=%7Bnot-json", FORM),
    "payload a JSON list": (b"payload=" + quote("[1, 2]").encode(), FORM),
    "payload a JSON string": (b"payload=" + quote('"x"').encode(), FORM),
    "bytes not UTF-8": (b"payload=\xff\xfe\xfd", FORM),
    "form sent as JSON": (b"command=/fact&text=lighthouses", JSON),
    "JSON list": (b"[1, 2, 3]", JSON),
    "actions not a list": (
        b"payload=" + quote('{"type":"block_actions","actions":7}').encode(),
        FORM,
    ),
    "empty": (b"", FORM),
}


@pytest.fixture
def bot(fake_slack, tmp_path):
    with running_bot(fake_slack, tmp_path, TODAY) as bot:
        yield bot


def outbound(bot) -> list:
    return [call for call in bot.fake.calls if call.method != "auth.test"]


@pytest.mark.parametrize("body,content_type", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_signed_malformed_body_gets_400_or_a_quiet_200_never_500(bot, body, content_type):
    reply = signed_post(bot.events_url, body, content_type)
    assert reply.status in (200, 400)
    assert "Traceback" not in reply.body and len(reply.body) < 300


def form(payload: dict) -> bytes:
    return action_body(payload).encode()


UNHANDLED = {
    "button": form(action_payload("not_a_factbot_button", "v", "http://127.0.0.1:9/unused")),
    "global shortcut": form(
        {"type": "shortcut", "callback_id": "nope", "trigger_id": "1.2", "user": USER, "team": TEAM}
    ),
    "message shortcut": form(
        {
            "type": "message_action",
            "callback_id": "nope",
            "trigger_id": "1.2",
            "user": USER,
            "team": TEAM,
            "channel": {"id": "C0CHAN001"},
            "message": {"type": "message", "ts": "1.000001", "text": "hi"},
            "response_url": "http://127.0.0.1:9/unused",
        }
    ),
    "view submission": form(
        {
            "type": "view_submission",
            "user": USER,
            "team": TEAM,
            "view": {"id": "V0001", "callback_id": "nope", "type": "modal", "state": {}},
        }
    ),
    "view closed": form(
        {
            "type": "view_closed",
            "user": USER,
            "team": TEAM,
            "view": {"id": "V0001", "callback_id": "nope", "type": "modal"},
        }
    ),
    "options": form(
        {
            "type": "block_suggestion",
            "action_id": "nope",
            "block_id": "b",
            "value": "x",
            "user": USER,
            "team": TEAM,
        }
    ),
    "slash command": b"command=%2Fnot-ours&text=x&team_id=T0TEAM001&user_id=U0USER01",
    "event": event_body(
        {"type": "reaction_added", "user": "U0USER01", "reaction": "tada"}
    ).encode(),
}


@pytest.mark.parametrize("body", UNHANDLED.values(), ids=UNHANDLED.keys())
def test_a_signed_request_factbot_does_not_handle_is_acknowledged_quietly(bot, body, caplog):
    content_type = JSON if body.startswith(b"{") else FORM
    with caplog.at_level(logging.INFO):
        reply = signed_post(bot.events_url, body, content_type)
    assert reply.status == 200, reply.body  # Bolt's default was 404: an error shown, or retries
    assert reply.body == ""
    assert outbound(bot) == []
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_slacks_setup_requests_still_work_once_signed(bot):
    challenge = json.dumps({"type": "url_verification", "token": "t", "challenge": "c0ffee"})
    reply = signed_post(bot.events_url, challenge, JSON)
    assert reply.status == 200 and reply.json() == {"challenge": "c0ffee"}
    assert signed_post(bot.events_url, "ssl_check=1&token=t").status == 200


def share_click(bot, response_url_name: str) -> bytes:
    value = json.dumps({"id": "testland-lighthouses", "q": "x", "i": 0})
    payload = action_payload("fact_share", value, bot.fake.response_url(response_url_name))
    return form(payload)


def test_the_error_handler_never_answers_an_unauthenticated_response_url(bot):
    # Bolt served bare, without the WSGI layer's check: Bolt's own verification raises on a
    # timestamp that is not a number, and the error handler sees an unauthenticated payload.
    body = share_click(bot, "attacker")
    headers = signature_headers(body, timestamp="not-a-number")
    with serve_app(SlackRequestHandler(bot.web.bolt)) as bare:
        reply = post(bare + "/slack/events", body, headers=headers)
    assert reply.status == 401
    assert outbound(bot) == []


def test_the_error_handler_answers_the_response_url_of_a_socket_mode_request(bot):
    # Socket Mode requests are authenticated by the websocket they came over.
    with bot.web.services.db.engine.begin() as conn:
        conn.execute(text("DROP TABLE once_claims"))  # the share will fail
    payload = json.loads(action_body_payload(share_click(bot, "socket")))
    response = bot.web.bolt.dispatch(BoltRequest(body=payload, mode="socket_mode"))
    assert response.status == 200
    (call,) = bot.fake.calls_to("response_url:socket")
    assert "something went wrong" in call.body["text"]


def test_bolt_served_without_the_wsgi_layer_still_checks_the_signature(bot):
    # bot/web.py marks the requests it verified and Bolt skips its own check for those only:
    # Bolt served some other way refuses a forged /fact and answers a signed one.
    body = command_body("/fact", "lighthouses", bot.fake.response_url())
    with serve_app(SlackRequestHandler(bot.web.bolt)) as bare:
        forged = post(bare + "/slack/events", body, headers=signature_headers(body, "wrong"))
        signed = post(bare + "/slack/events", body, headers=signature_headers(body))
    assert (forged.status, signed.status) == (401, 200)
    assert "lighthouses" in signed.body.lower()


def action_body_payload(body: bytes) -> str:
    from urllib.parse import parse_qs

    return parse_qs(body.decode())["payload"][0]
