"""Slash commands: `/fact`, `/talkingpoints`, `/anniversaries` — each acks with its reply.

The reply is built inside the request and sent as the body of `ack()` (the app runs with
`process_before_response=True`), so a command costs one HTTP round trip and no response_url call.
Slack sends a command's text escaped (`AT&amp;T`, `<https://un.org|un.org>`): it is decoded here,
at the edge, so search and replies only ever see what the user typed.
"""

from __future__ import annotations

from slack_bolt import Ack, App

from bot.mrkdwn import decode
from bot.slack import answers

# The slash commands this module answers; manifest.yml declares exactly these.
COMMANDS = ("/fact", "/talkingpoints", "/anniversaries")


def register(app: App, services) -> None:
    """Attach the three slash commands to `app`."""

    @app.command("/fact")
    def fact(ack: Ack, command: dict) -> None:
        snapshot, today = services.live.current, services.today()
        blocks, text = answers.answer_fact(
            snapshot,
            typed(command),
            today,
            services.settings.repo_url,
            services.usage,
            services.form_url,
        )
        ack(blocks=blocks, text=text, response_type="ephemeral")

    @app.command("/talkingpoints")
    def talking_points(ack: Ack, command: dict) -> None:
        snapshot, today = services.live.current, services.today()
        blocks, text = answers.answer_talking_points(
            snapshot, typed(command), today, services.settings.repo_url
        )
        ack(blocks=blocks, text=text, response_type="ephemeral")

    @app.command("/anniversaries")
    def anniversaries(ack: Ack, command: dict) -> None:
        snapshot, today = services.live.current, services.today()
        blocks, text = answers.answer_anniversaries(snapshot, typed(command), today)
        ack(blocks=blocks, text=text, response_type="ephemeral")


def typed(command: dict) -> str:
    """The command's text as the user typed it (Slack's escaping and link forms decoded)."""
    text = command.get("text")
    return decode(text) if isinstance(text, str) else ""
