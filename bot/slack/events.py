"""App Home: `app_home_opened` publishes the home tab for the user who opened it."""

from __future__ import annotations

import datetime as dt

from slack_bolt import App
from slack_sdk import WebClient

from bot.slack import answers, payload

FAILURES_SHOWN_DAYS = 7  # how far back an admin sees posting failures


def register(app: App, services) -> None:
    """Attach the `app_home_opened` handler to `app`."""

    @app.event("app_home_opened")
    def home_opened(event: dict, client: WebClient) -> None:
        user = payload.text(event, "user")
        if event.get("tab", "home") != "home" or not user:
            return  # another tab, or no user to publish for (Slack always names one)
        publish_home(services, client, user)


def publish_home(services, client: WebClient, user: str, notice: str = "") -> None:
    """Publish `user`'s App Home; admins also see posting failures. `notice` (plain) goes first."""
    is_admin = user in services.settings.admin_user_ids
    since = services.now() - dt.timedelta(days=FAILURES_SHOWN_DAYS)
    failures = services.failures(since) if is_admin else None
    curator = services.settings.is_curator(user) and services.usage is not None
    view = answers.answer_home(
        services.live.current,
        services.today(),
        services.settings.repo_url,
        failures=failures,
        is_admin=is_admin,
        notice=notice,
        usage=services.unanswered() if curator else None,
        form_url=services.form_url,
        curator=services.settings.is_curator(user),
    )
    client.views_publish(user_id=user, view=view)
