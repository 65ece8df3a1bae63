"""Slack's request signature check is total: any headers and bytes give a reason, never a raise."""

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.slack.signature import MAX_AGE_SECONDS, refusal, sign
from tests.slackreq import SECRET, signature_headers

NOW = 1_750_000_000


@settings(max_examples=300, deadline=None)
@given(
    timestamp=st.one_of(st.none(), st.text(max_size=40), st.integers().map(str)),
    signature=st.one_of(st.none(), st.text(max_size=80)),
    body=st.binary(max_size=200),
)
def test_any_headers_and_body_get_a_reason_not_an_exception(timestamp, signature, body):
    reason = refusal(SECRET, timestamp, signature, body, NOW)
    assert isinstance(reason, str) and reason  # none of these was signed with the secret


@settings(max_examples=100, deadline=None)
@given(body=st.binary(max_size=500), age=st.integers(-MAX_AGE_SECONDS, MAX_AGE_SECONDS))
def test_what_slack_signs_within_five_minutes_passes_and_any_change_fails(body, age):
    timestamp = str(NOW - age)
    signature = signature_headers(body, timestamp=timestamp)["X-Slack-Signature"]
    assert signature == sign(SECRET, timestamp, body)  # the tests' signer agrees with factbot's
    assert refusal(SECRET, timestamp, signature, body, NOW) is None
    assert refusal(SECRET, timestamp, signature, body + b" ", NOW) == "signature does not match"
    assert refusal("another-secret", timestamp, signature, body, NOW) is not None
    stale = str(NOW - MAX_AGE_SECONDS - 1)
    assert refusal(SECRET, stale, sign(SECRET, stale, body), body, NOW) is not None


def test_no_signing_secret_refuses_everything():
    now = int(time.time())
    assert refusal("", str(now), sign("", str(now), b"x"), b"x", now) is not None
