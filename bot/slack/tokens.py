"""Slack's word on factbot's tokens at start: a refused token is one clear line, not a traceback.

`serve`, `clock` and `post-due` ask Slack (auth.test, and for Socket Mode the connection itself)
before anything starts, so a mistyped or revoked token stops the process with exit 2 naming the
variable, instead of a traceback, or a clock that records every post as failed `invalid_auth`.
"""

from __future__ import annotations

from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.masking import mask_url, redact
from bot.settings import HOW_TO_GET, Settings, SettingsError
from bot.slack.delivery import web_client

CHECK_TIMEOUT = 10  # seconds: auth.test answers in well under one


class SlackUnavailable(SettingsError):
    """Slack (SLACK_API_URL) could not be reached at start: one line, exit 3, try again later."""

    exit_code = 3


def require_bot_token_accepted(settings: Settings) -> None:
    """auth.test with SLACK_BOT_TOKEN; SettingsError (exit 2) if Slack refuses it."""
    asked(settings, "SLACK_BOT_TOKEN", _client(settings, settings.slack_bot_token).auth_test)


def require_app_token_accepted(settings: Settings) -> None:
    """apps.connections.open with SLACK_APP_TOKEN (what Socket Mode calls first), quietly:
    a refusal is one clear line here, not Bolt's multi-line error log and then a traceback."""
    client = _client(settings, None)
    asked(
        settings,
        "SLACK_APP_TOKEN",
        # `serve` asks only in Socket Mode, which the app token being set turns on
        lambda: client.apps_connections_open(app_token=settings.slack_app_token or ""),
    )


def connect_socket_mode(settings: Settings, handler) -> None:
    """Open the Socket Mode connection (a Bolt SocketModeHandler); exit 2 if it is refused."""
    asked(settings, "SLACK_APP_TOKEN", handler.connect)


def _client(settings: Settings, token: str | None) -> WebClient:
    # No retries: these calls have no side effect, and one clear answer is enough.
    return web_client(
        token, settings.slack_api_url, rate_limit_retries=False, timeout=CHECK_TIMEOUT
    )


def asked(settings: Settings, name: str, call) -> None:
    """Run one Slack call made with the token `name`, turning a refusal into one clear line."""
    try:
        call()
    except SlackApiError as exc:
        error = exc.response.get("error") if exc.response is not None else None
        raise SettingsError(
            f"Slack refused {name} ({error or exc.response.status_code}); "
            f"check it: {HOW_TO_GET[name]}"
        ) from exc
    except (URLError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise SlackUnavailable(
            f"factbot cannot reach Slack at {mask_url(settings.slack_api_url)} to check {name}: "
            f"{redact(str(reason))}"
        ) from exc
