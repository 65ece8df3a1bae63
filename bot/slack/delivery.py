"""Sending to Slack without blind re-sends: retry-free clients, and what became of each send.

slack_sdk's clients re-send on a connection error by default (ConnectionErrorRetryHandler), and
Bolt's `respond` builds such a client for every `response_url` post: when Slack accepts a post and
the connection drops before its answer, the post lands twice. Every client factbot builds is made
here, with no re-send except after HTTP 429 (Slack did nothing then). A send whose answer was lost
"may have landed": callers keep their once-only claim, say so, and never post it again blind.
Scheduled posts (bot/slack/poster.py) and shares (bot/slack/actions.py) both classify with
`outcome_of_error`, so the two agree on what "landed" means. Every failure reaches factbot, which
logs one line of its own: slack_sdk's own ERROR line for it is lowered to DEBUG (bot/logs.py).
"""

from __future__ import annotations

import logging
import socket
from dataclasses import dataclass
from typing import Any

from slack_bolt import BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.webhook import WebhookClient

from bot.logs import quiet_handled_send_failures
from bot.outcome import Outcome

log = logging.getLogger(__name__)

HTTP_TIMEOUT = 10  # seconds: a post started by posting.POST_DEADLINE ends well inside CLAIM_TIMEOUT
# Slack errors worth trying again later: Slack may have acted before failing.
TRANSIENT_ERRORS = {"internal_error", "fatal_error", "service_unavailable", "request_timeout"}


@dataclass(frozen=True)
class Sent:
    """One send's outcome, with Slack's error or the network error, and any Retry-After."""

    outcome: Outcome
    detail: str = ""
    retry_after: float | None = None  # set for HTTP 429: wait this long, nothing was done

    @property
    def landed(self) -> bool:
        """True when Slack answered that it did the work."""
        return self.outcome is Outcome.LANDED


def web_client(
    token: str | None, base_url: str, rate_limit_retries: bool = True, timeout: int = HTTP_TIMEOUT
) -> WebClient:
    """A WebClient that never re-sends after a connection error (429s waited out if asked)."""
    handlers: list[RetryHandler] = (
        [RateLimitErrorRetryHandler(max_retry_count=1)] if rate_limit_retries else []
    )
    quiet_handled_send_failures()  # every failure is raised to factbot, which logs its own line
    return WebClient(token=token, base_url=base_url, timeout=timeout, retry_handlers=handlers)


def webhook_client(url: str, timeout: int = HTTP_TIMEOUT) -> WebhookClient:
    """A client for one `response_url` that never re-sends after a connection error."""
    handlers: list[RetryHandler] = [RateLimitErrorRetryHandler(max_retry_count=1)]
    quiet_handled_send_failures()
    return WebhookClient(url=url, timeout=timeout, retry_handlers=handlers)


def outcome_of_error(exc: BaseException) -> Sent:
    """Classify a failed Web API or response_url call: refused, never sent, or may have landed."""
    if isinstance(exc, SlackApiError):
        return _outcome_of_answer(exc.response.status_code, exc.response.get("error"), exc)
    detail = f"{type(exc).__name__}: {exc}"
    if _never_sent(exc):
        return Sent(Outcome.NOT_LANDED, detail)
    return Sent(Outcome.MAY_HAVE_LANDED, detail)


def _outcome_of_answer(status: int, error: Any, exc: SlackApiError | None = None) -> Sent:
    if status == 429:
        headers = exc.response.headers if exc is not None else {}
        retry_after = headers.get("Retry-After") or headers.get("retry-after") or "1"
        return Sent(Outcome.NOT_LANDED, "ratelimited", _seconds(retry_after))
    error = str(error or f"http_{status}")
    if status >= 500 or error in TRANSIENT_ERRORS:
        return Sent(Outcome.MAY_HAVE_LANDED, error)
    return Sent(Outcome.NOT_LANDED, error)


def _seconds(value: str) -> float:
    try:
        return max(0.0, float(value))
    except ValueError:
        return 1.0


def _never_sent(exc: BaseException) -> bool:
    """True only when the request cannot have reached Slack (refused, or no such host)."""
    seen: BaseException | None = exc
    for _ in range(5):  # the error, then what it wraps (URLError.reason, __cause__)
        if seen is None:
            return False
        if isinstance(seen, ConnectionRefusedError | socket.gaierror):
            return True
        seen = getattr(seen, "reason", None) or seen.__cause__ or seen.__context__
        if not isinstance(seen, BaseException):
            return False
    return False


def send_response(response_url: str | None, message: dict) -> Sent:
    """POST one message to a `response_url`, once; its outcome (never raises)."""
    if not response_url:
        return Sent(Outcome.NOT_LANDED, "no response_url")
    try:
        answer = webhook_client(response_url).send_dict(message)
    except Exception as exc:  # network errors of every kind: classified, never re-sent
        sent = outcome_of_error(exc)
        log.warning("response_url post %s: %s", sent.outcome.value, sent.detail)
        return sent
    if answer.status_code == 200:
        return Sent(Outcome.LANDED)
    return _outcome_of_answer(answer.status_code, answer.body)


SLOW_FORM = (
    "Slack did not open the form: it allows three seconds from the click, and that passed. "
    "Please click again."
)


def open_view(client: WebClient, trigger_id: str, view: dict, response_url: str = "") -> bool:
    """Open a modal with `views.open`; on refusal (e.g. expired_trigger_id) log one line, tell
    the user through `response_url` when there is one, and return False (never raises)."""
    try:
        client.views_open(trigger_id=trigger_id, view=view)
        return True
    except Exception as exc:  # refused or unreachable: a modal nobody sees is not worth a retry
        log.warning("views.open failed: %s", outcome_of_error(exc).detail)
    message = {"response_type": "ephemeral", "replace_original": False, "text": SLOW_FORM}
    send_response(response_url or None, message)
    return False


class RetryFreeRespond:
    """Bolt's `respond()` with a client that never re-sends (installed by `use_retry_free`)."""

    def __init__(self, response_url: str | None) -> None:
        self.response_url = response_url

    def __call__(self, text: str = "", **fields: Any):
        """Post to the response_url as Bolt's respond does; returns slack_sdk's WebhookResponse."""
        if not self.response_url:
            raise ValueError("respond is unsupported here as there is no response_url")
        message = {"text": text, **{k: v for k, v in fields.items() if v is not None}}
        return webhook_client(self.response_url).send_dict(message)


class RetryFreeRespondMiddleware(Middleware):
    """Puts a `RetryFreeRespond` in every request's context, where Bolt's listeners find it.

    A Middleware subclass, not an `@app.middleware` function: Bolt injects a function's
    arguments on every request, which costs the `/fact` reply measurable time.
    """

    def process(self, *, req: BoltRequest, resp: BoltResponse, next):  # Bolt names it `next`
        """Set `respond`, then run the rest of the chain."""
        req.context["respond"] = RetryFreeRespond(req.context.response_url)
        return next()


def use_retry_free(app) -> None:
    """Give every listener (and the error handler) a `respond` that never re-sends blind."""
    app.use(RetryFreeRespondMiddleware())
