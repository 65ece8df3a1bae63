"""The Slack side of anniversary posting: slack_sdk calls turned into the policy's domain errors.

`SlackPoster` implements `bot.schedule.posting.Poster`. Its WebClient (bot/slack/delivery.py) has
no built-in retry handlers: the posting policy handles HTTP 429 itself (visibly, bounded) and must
know whether a network error happened, because a retried post could otherwise land twice.
"""

from __future__ import annotations

import datetime as dt
import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.facts.model import Store
from bot.outcome import Outcome
from bot.schedule.attempts import LATE_REASON
from bot.schedule.model import Occurrence
from bot.schedule.posting import (
    METADATA_EVENT_TYPE,
    PermanentPostError,
    RateLimited,
    TransientPostError,
)
from bot.settings import Settings
from bot.slack import delivery
from bot.slack.delivery import HTTP_TIMEOUT, outcome_of_error
from bot.slack.posts import render_occurrence

log = logging.getLogger(__name__)

__all__ = ["HISTORY_PAGES", "HTTP_TIMEOUT", "SlackPoster", "slack_poster", "web_client"]

HISTORY_PAGES = 10  # at most this many pages of 200 messages are searched on recovery


def web_client(settings: Settings) -> WebClient:
    """A WebClient for the configured API URL and bot token, without automatic retries."""
    token, url = settings.slack_bot_token, settings.slack_api_url
    return delivery.web_client(token, url, rate_limit_retries=False)


def slack_poster(settings: Settings) -> SlackPoster:
    """The poster for the configured Slack workspace (or the fake, via SLACK_API_URL)."""
    return SlackPoster(web_client(settings))


class SlackPoster:
    """Posts anniversary messages and finds them again by their metadata key."""

    def __init__(self, client: WebClient) -> None:
        self.client = client

    def render(
        self,
        occ: Occurrence,
        store: Store,
        now: dt.datetime,
        late_by: dt.timedelta | None,
        late_reason: str = LATE_REASON,
    ) -> tuple[list[dict], str]:
        """Block Kit blocks and fallback text (see bot/slack/posts.py)."""
        return render_occurrence(occ, store, now, late_by=late_by, late_reason=late_reason)

    def post(self, channel: str, blocks: list[dict], text: str, metadata: dict) -> str:
        """chat.postMessage with metadata; returns the message ts."""
        response = _call(
            self.client.chat_postMessage,
            channel=channel,
            blocks=blocks,
            text=text,
            metadata=metadata,
            unfurl_links=False,
            unfurl_media=False,
        )
        return str(response["ts"])

    def find_posted(self, channel: str, key: str, since: dt.datetime) -> str | None:
        """The ts of the bot's message carrying this occurrence key posted after `since`.

        Slack stamps a message with the real time; a pass told it is later than that (`post-due
        --now` ahead of time) posts before its own `since`, so the search starts no later than
        an hour before the real time either."""
        since = min(since, dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))
        cursor = None
        for _ in range(HISTORY_PAGES):
            response = _call(
                self.client.conversations_history,
                channel=channel,
                oldest=f"{since.timestamp():.6f}",
                include_all_metadata=True,
                limit=200,
                cursor=cursor,
            )
            for message in response.get("messages", []):
                meta = message.get("metadata") or {}
                payload = meta.get("event_payload") or {}
                if meta.get("event_type") == METADATA_EVENT_TYPE and payload.get("key") == key:
                    return str(message["ts"])
            cursor = (response.get("response_metadata") or {}).get("next_cursor")
            if not response.get("has_more") or not cursor:
                return None
        return None


def _call(method, **kwargs):
    """Call one Web API method, translating failures into the posting policy's errors."""
    try:
        return method(**kwargs)
    except SlackApiError as exc:
        sent = outcome_of_error(exc)
        if sent.retry_after is not None:
            raise RateLimited(sent.retry_after) from exc
        if sent.outcome is Outcome.MAY_HAVE_LANDED:
            raise TransientPostError(sent.detail) from exc
        raise PermanentPostError(sent.detail) from exc
    except Exception as exc:  # network errors: try later, looking in history first
        raise TransientPostError(outcome_of_error(exc).detail) from exc
