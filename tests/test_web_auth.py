"""Authenticate first: an unsigned request of any shape gets 401 or 413, and nothing else happens.

Nothing parses, logs or answers a request to /slack/events before its signature and timestamp
check out on the raw bytes: no outbound call (not even to a `response_url` inside the body), no
traceback, and only a bounded one-line summary in the log.
"""

import datetime as dt
import io
import json
import logging
import socket
import time
from urllib.parse import quote, urlparse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.slackreq import (
    FORM,
    action_body,
    action_payload,
    command_body,
    post,
    running_bot,
    signature_headers,
    signed_post,
    wsgi_environ,
)

TODAY = dt.date(2024, 6, 20)
JSON = "application/json"
MARKER = "UNSIGNED-BODY-MARKER"

# Bodies Bolt cannot parse; on the old code each one, unsigned, answered 500 with a traceback.
MALFORMED = {
    "payload not JSON": (b"payload=%7Bnot-json", FORM),
    "payload a JSON list": (b"payload=" + quote("[1, 2]").encode(), FORM),
    "bytes not UTF-8": (b"payload=\xff\xfe\xfd", FORM),
    "form sent as JSON": (b"command=/fact&text=lighthouses", JSON),
    "JSON list": (b"[1, 2, 3]", JSON),
}


@pytest.fixture
def bot(fake_slack, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)  # before the app exists: Bolt's loggers copy the root level
    with running_bot(fake_slack, tmp_path, TODAY) as bot:
        yield bot


def outbound(bot) -> list:
    """Every call factbot made to Slack (or to a URL in a payload) since the bot started."""
    return [call for call in bot.fake.calls if call.method != "auth.test"]


def share_click(bot, response_url_name: str = "attacker") -> bytes:
    """A block_actions body whose response_url points wherever its sender likes."""
    value = json.dumps({"id": "testland-lighthouses", "q": "x", "i": 0})
    payload = action_payload("fact_share", value, bot.fake.response_url(response_url_name))
    return action_body(payload).encode()


def now_in_fullwidth_digits() -> str:
    return str(int(time.time())).translate(str.maketrans("0123456789", "０１２３４５６７８９"))


BAD_TIMESTAMPS = {
    "not a number": "not-a-number",
    "empty": "",
    "exponent": "1.7e9",
    "fullwidth digits": now_in_fullwidth_digits(),
    "too many digits": "9" * 400,
}


@pytest.mark.parametrize("timestamp", BAD_TIMESTAMPS.values(), ids=BAD_TIMESTAMPS.keys())
def test_a_bad_timestamp_is_refused_and_no_response_url_is_called(bot, timestamp):
    body = share_click(bot)
    # Signed with the real secret over the bad timestamp: only the timestamp is wrong. Header
    # values go as UTF-8 bytes, as a client may send them (the server decodes them as Latin-1).
    signed = signature_headers(body, timestamp=timestamp)
    reply = post(bot.events_url, body, headers={k: v.encode() for k, v in signed.items()})
    assert reply.status == 401
    assert outbound(bot) == []


def test_a_missing_timestamp_is_refused_and_no_response_url_is_called(bot):
    body = share_click(bot)
    signature = signature_headers(body)["X-Slack-Signature"]
    reply = post(bot.events_url, body, headers={"X-Slack-Signature": signature})
    assert reply.status == 401
    assert outbound(bot) == []


@pytest.mark.parametrize("forged", [False, True], ids=["no signature", "wrong secret"])
@pytest.mark.parametrize("body,content_type", MALFORMED.values(), ids=MALFORMED.keys())
def test_an_unsigned_malformed_body_is_refused_without_a_traceback(
    bot, body, content_type, forged, caplog
):
    headers = signature_headers(body, secret="attacker") if forged else {}
    reply = post(bot.events_url, body, content_type, headers)
    assert reply.status == 401
    assert "Traceback" not in reply.body and len(reply.body) < 100
    assert not [r for r in caplog.records if r.exc_info]
    assert outbound(bot) == []


def test_an_unsigned_body_is_never_logged_only_a_bounded_summary(bot, caplog):
    body = command_body("/fact", MARKER * 500, bot.fake.response_url())
    for headers in ({}, signature_headers(body, secret="attacker")):
        assert post(bot.events_url, body, headers=headers).status == 401
    logged = [record.getMessage() for record in caplog.records]
    assert not [line for line in logged if MARKER in line]
    refusals = [line for line in logged if "refused" in line and "/slack/events" in line]
    assert len(refusals) == 2
    assert all(len(line) < 200 for line in refusals)


def send_head(url: str, headers: dict, body_prefix: bytes = b"") -> tuple[int, float]:
    """Send a request head (and only `body_prefix` of its body); the status and seconds taken."""
    address = urlparse(url)
    started = time.monotonic()
    with socket.create_connection((address.hostname, address.port), timeout=5) as conn:
        lines = [f"POST {address.path} HTTP/1.1", f"Host: {address.netloc}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body_prefix)
        status_line = conn.makefile("rb").readline().decode()
    return int(status_line.split()[1]), time.monotonic() - started


def test_a_signed_10_mb_body_is_refused_413_before_it_is_read(bot):
    body = command_body("/fact", "x" * 10_000_000, bot.fake.response_url()).encode()
    headers = {**signature_headers(body), "Content-Type": FORM, "Content-Length": len(body)}
    status, seconds = send_head(bot.events_url, headers)  # no body sent: it must not be awaited
    assert status == 413
    assert seconds < 1
    assert "12* lighthouses" in bot.command("/fact", "lighthouses").body  # still serving
    assert outbound(bot) == []


def call_in_process(web, environ) -> tuple[str, bytes]:
    """Call the WSGI app directly: the status line and body."""
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"] = status

    body = b"".join(web(environ, start_response))
    return seen["status"], body


def test_a_chunked_body_is_refused_with_411_unread(bot, caplog):
    big = command_body("/fact", "x" * 10_000_000, bot.fake.response_url()).encode()
    environ = wsgi_environ(big, headers=signature_headers(big))
    del environ["CONTENT_LENGTH"]
    environ["HTTP_TRANSFER_ENCODING"] = "chunked"
    environ["wsgi.input_terminated"] = True  # as gunicorn says for a chunked request body
    status, _ = call_in_process(bot.web, environ)
    assert status == "411 Length Required"
    assert environ["wsgi.input"].tell() == 0
    assert "refused POST /slack/events (chunked): no Content-Length" in caplog.text


def test_a_content_length_that_lies_bounds_the_read(bot):
    body = share_click(bot)
    environ = wsgi_environ(body, headers=signature_headers(body))
    environ["wsgi.input"] = io.BytesIO(body + b"&" + b"x" * 10_000_000)
    status, _ = call_in_process(bot.web, environ)
    assert status.startswith("200")  # the declared bytes are the request; the rest is not read
    assert environ["wsgi.input"].tell() == len(body)
    for bad_length in ("lots", "-5", "1e3", ""):
        environ = wsgi_environ(body, headers=signature_headers(body))
        environ["CONTENT_LENGTH"] = bad_length
        assert call_in_process(bot.web, environ)[0][:3] in ("401", "413")


def test_a_body_that_never_arrives_is_refused_not_a_traceback(bot, caplog):
    # A real socket whose peer declares 100 bytes and sends none: the read times out.
    quiet, peer = socket.socketpair()
    quiet.settimeout(0.2)
    with quiet, peer, quiet.makefile("rb") as stream:
        environ = wsgi_environ(b"", headers={"X-Slack-Request-Timestamp": "1"})
        environ.update({"wsgi.input": stream, "CONTENT_LENGTH": "100"})
        status, _ = call_in_process(bot.web, environ)
    assert status.startswith("401")
    assert not [r for r in caplog.records if r.exc_info]
    assert outbound(bot) == []


header_values = st.one_of(st.none(), st.text(max_size=30), st.integers(-(10**12), 10**12).map(str))


def test_any_unsigned_request_gets_401_and_calls_nothing(bot):
    @settings(max_examples=150, deadline=None)
    @given(
        body=st.binary(max_size=300),
        content_type=st.sampled_from([FORM, JSON, "text/plain", ""]),
        timestamp=header_values,
        signature=header_values,
    )
    def check(body, content_type, timestamp, signature):
        headers = {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature}
        headers = {name: value for name, value in headers.items() if value is not None}
        status, reply = call_in_process(bot.web, wsgi_environ(body, content_type, headers))
        assert status.startswith("401"), (status, reply)
        assert outbound(bot) == []

    check()


def test_the_signed_version_of_the_same_request_is_answered(bot):
    # The refusals above are about the signature, not the request: signed, the click goes through.
    body = command_body("/fact", "lighthouses", bot.fake.response_url())
    assert signed_post(bot.events_url, body).status == 200
