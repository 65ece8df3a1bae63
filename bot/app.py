"""Build the Bolt app: one `register(app, services)` per Slack surface, and one error handler."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.error import BoltUnhandledRequestError
from slack_bolt.middleware.request_verification import RequestVerification

from bot.logs import quiet_bolt_token_warning
from bot.schedule.ledger import Ledger
from bot.schedule.load import load_schedules
from bot.schedule.retry import RetryResult, retry_failed
from bot.search.live import LiveStore
from bot.settings import Settings
from bot.slack import actions, commands, delivery, events, factcheck, retries, suggest, verify
from bot.slack.blocks import render_error
from bot.slack.poster import slack_poster
from bot.slack.suggest_views import issue_form_url
from bot.storage import Database
from bot.usage import UsageRecorder

log = logging.getLogger(__name__)

SORRY = "Sorry, something went wrong on factbot's side. It has been logged; please try again."
# Set on a request's context by the code that verified its Slack signature (bot/web.py). With
# Socket Mode's websocket, the only ways a request counts as Slack's: only then may the error
# handler answer its response_url.
AUTHENTICATED = "factbot_authenticated"


def utcnow() -> dt.datetime:
    """The current time, timezone-aware UTC."""
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Services:
    """What the handlers need: settings, the live store, the database and the clock."""

    settings: Settings
    live: LiveStore
    db: Database
    today: Callable[[], dt.date] = dt.date.today
    now: Callable[[], dt.datetime] = utcnow
    usage: UsageRecorder | None = None  # None: usage is not recorded (e.g. some tests)
    desk: Any = None  # bot.github.desk.Desk when GitHub is configured: suggestions become PRs

    @property
    def form_url(self) -> str | None:
        """Where "Suggest …" links without GitHub (the issue form); None: it opens a modal."""
        return None if self.desk is not None else issue_form_url(self.settings.repo_url)

    def failures(self, since: dt.datetime) -> list:
        """Failed and missed anniversary posts since `since` (shown to admins on App Home)."""
        return Ledger(self.db).needs_attention(since)

    def retry_post(self, key: str) -> RetryResult:
        """Post a failed anniversary post again, once, through the ledger (admins' Retry)."""
        store = self.live.current.store
        schedules, _ = load_schedules(self.settings.schedules_dir, store)
        poster = slack_poster(self.settings)
        return retry_failed(self.db, schedules, store, poster, key, self.now())

    def unanswered(self):
        """Usage stats for the curators' App Home (the unanswered questions), counts flushed;
        None when usage is not recorded."""
        if self.usage is None:
            return None
        self.usage.flush()  # what was just asked shows at once, not after the next flush
        days = self.settings.usage_retention_days
        return self.usage.store.stats(self.now(), days, ())


def build_app(services: Services) -> App:
    """The Bolt app for `services`; checks the bot token once with auth.test."""
    settings = services.settings
    # No re-send after a connection error, for every call and `respond` (bot/slack/delivery.py).
    client = delivery.web_client(settings.slack_bot_token, settings.slack_api_url)
    quiet_bolt_token_warning()  # Bolt warns that its env token loses to this client's: noise
    app = App(
        client=client,
        signing_secret=settings.slack_signing_secret or "",
        # Run handlers before answering: a command's reply is the HTTP response itself, and Bolt
        # does not poll for ack() every 10 ms.
        process_before_response=True,
        # A request no listener handles goes to handle_error, which acknowledges it quietly:
        # Bolt's default 404 shows the user an error and makes Slack retry events.
        raise_error_for_unhandled_request=True,
        # The signature is checked once: bot/web.py checks it on the raw bytes and marks the
        # request; only a request without that mark (Bolt served some other way) is checked here.
        request_verification_enabled=False,
        before_authorize=VerifiedOnce(settings.slack_signing_secret or ""),
    )
    # Bolt logs a refused request's whole body at INFO; the WSGI layer already refuses those
    # with a bounded summary, so keep Bolt's copy out of production logs.
    logging.getLogger("slack_bolt.RequestVerification").setLevel(logging.WARNING)
    delivery.use_retry_free(app)
    commands.register(app, services)
    actions.register(app, services)
    events.register(app, services)
    retries.register(app, services)
    factcheck.register(app, services)
    suggest.register(app, services)
    verify.register(app, services)
    app.error(handle_error)
    return app


class VerifiedOnce(RequestVerification):
    """Bolt's signature check, skipped for a request bot/web.py has already verified."""

    def process(self, *, req: BoltRequest, resp: BoltResponse, next):  # Bolt names it `next`
        """Pass a request marked authenticated on; check any other as Bolt does."""
        if req.context.get(AUTHENTICATED):
            return next()
        return super().process(req=req, resp=resp, next=next)


def sorry_reply() -> dict:
    """The ephemeral "something went wrong" reply (`response_type`, `blocks`, `text`)."""
    blocks, text = render_error(SORRY)
    return {"response_type": "ephemeral", "blocks": blocks, "text": text}


def is_authenticated(request: BoltRequest) -> bool:
    """Whether `request` is known to be Slack's: signature verified, or over Socket Mode."""
    return request.mode == "socket_mode" or bool(request.context.get(AUTHENTICATED))


def handle_error(
    error: Exception, body: dict, request: BoltRequest, respond, logger: logging.Logger
) -> BoltResponse:
    """Log the traceback; tell the user plainly (command reply, or via response_url for buttons).

    A request no listener handles is acknowledged quietly. A request that failed before it was
    authenticated gets 401 and nothing else: its response_url is whatever its sender chose.
    """
    if isinstance(error, BoltUnhandledRequestError):
        logger.debug("acknowledged a request factbot does not handle")
        return BoltResponse(status=200, body="")
    if not is_authenticated(request):
        # The exception's text may quote the sender's headers: log only its kind.
        logger.warning(
            "refused a request that failed before authentication: %s", type(error).__name__
        )
        return BoltResponse(status=401, body="")
    logger.error("handler failed: %s", error, exc_info=error)
    reply = sorry_reply()
    if body.get("type") == "block_actions" and body.get("response_url"):
        try:
            respond(**reply, replace_original=False)
        except Exception:
            logger.exception("could not tell the user about the error")
    # 200 with a message, not 500: Slack shows the message, and does not retry events forever.
    return BoltResponse(
        status=200, body=json.dumps(reply), headers={"content-type": "application/json"}
    )
