"""Slack's request signature, checked on the raw bytes before anything parses them.

Slack signs every HTTP request: `X-Slack-Signature: v0=<hex HMAC-SHA256>` of `v0:{timestamp}:{body}`
with the app's signing secret, and `X-Slack-Request-Timestamp` is the Unix time it was sent.
`refusal` is total: any header values and any bytes give a reason or None, never an exception
(slack_sdk's verifier raises on a timestamp that is not a number, which is how an unsigned request
once reached the error handler).
"""

from __future__ import annotations

import hashlib
import hmac
import re

MAX_AGE_SECONDS = 5 * 60  # Slack's advice: refuse requests older (or newer) than five minutes
_TIMESTAMP = re.compile(r"[0-9]{1,12}")  # ASCII digits only; int() would also take "١٢" or " 1_0"
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


def refusal(
    secret: str, timestamp: str | None, signature: str | None, body: bytes, now: float
) -> str | None:
    """Why this request is not from Slack (a short reason), or None if it is signed and fresh."""
    if not secret:
        return "no signing secret configured"
    if timestamp is None:
        return "no timestamp"
    if not _TIMESTAMP.fullmatch(timestamp):
        return "timestamp is not a number"
    if abs(now - int(timestamp)) > MAX_AGE_SECONDS:
        return "timestamp is not within five minutes"
    if signature is None:
        return "no signature"
    if not _SIGNATURE.fullmatch(signature):
        return "malformed signature"
    if not hmac.compare_digest(signature, sign(secret, timestamp, body)):
        return "signature does not match"
    return None


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The `X-Slack-Signature` value Slack would send for `body` at `timestamp`."""
    message = b"v0:" + timestamp.encode("ascii") + b":" + body
    return "v0=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
