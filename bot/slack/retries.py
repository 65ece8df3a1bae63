"""The Retry button beside a failed post in the admins' App Home: post it again, once.

Only FACTBOT_ADMINS may retry; the user is the one in the signed payload Bolt has verified. The
retry goes through the ledger (bot/schedule/retry.py), so two clicks post once, and the Home tab
is published again with what became of it.
"""

from __future__ import annotations

import logging

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.logs import loggable
from bot.slack import payload
from bot.slack.events import publish_home
from bot.slack.home import RETRY_ACTION

log = logging.getLogger(__name__)

NOT_ADMIN = "Only factbot admins (FACTBOT_ADMINS) can retry posts."
MAX_KEY = 400  # the ledger's key column: a longer value was not made by factbot


def register(app: App, services) -> None:
    """Attach the `post_retry` button handler to `app`."""

    @app.action(RETRY_ACTION)
    def retry_post(ack: Ack, body: dict, action: dict, client: WebClient) -> None:
        ack()
        user = payload.user_id(body)
        key = action.get("value")
        if not user:
            return  # no Home tab to publish the answer on (Slack always names the user)
        if user not in services.settings.admin_user_ids:
            log.warning("Retry pressed by %s, who is not an admin; refused", loggable(user))
            notice = NOT_ADMIN
        elif not isinstance(key, str) or not key or len(key) > MAX_KEY:
            shown = loggable(key) if isinstance(key, str) else type(key).__name__
            log.warning("Retry by %s with a value factbot did not make: %s", user, shown)
            notice = "That Retry button did not come from factbot; open the Home tab again."
        else:
            result = services.retry_post(key)
            log.info("retry of %s by %s: %s", loggable(key), user, result.outcome)
            notice = result.message
        publish_home(services, client, user, notice=notice)
