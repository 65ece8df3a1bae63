"""Slash commands: `/fact`, `/talkingpoints`, `/anniversaries` — each acks with its reply.

The reply is built inside the request and sent as the body of `ack()` (the app runs with
`process_before_response=True`), so a command costs one HTTP round trip and no response_url call.
"""

from __future__ import annotations

from slack_bolt import Ack, App

from bot.slack import answers

# The slash commands this module answers; manifest.yml declares exactly these.
COMMANDS = ("/fact", "/talkingpoints", "/anniversaries")


def register(app: App, services) -> None:
    """Attach the three slash commands to `app`."""

    @app.command("/fact")
    def fact(ack: Ack, command: dict) -> None:
        snapshot, today = services.live.current, services.today()
        blocks, text = answers.answer_fact(
            snapshot, command.get("text", ""), today, services.settings.repo_url
        )
        ack(blocks=blocks, text=text, response_type="ephemeral")

    @app.command("/talkingpoints")
    def talking_points(ack: Ack, command: dict) -> None:
        snapshot, today = services.live.current, services.today()
        blocks, text = answers.answer_talking_points(
            snapshot, command.get("text", ""), today, services.settings.repo_url
        )
        ack(blocks=blocks, text=text, response_type="ephemeral")

    @app.command("/anniversaries")
    def anniversaries(ack: Ack, command: dict) -> None:
        snapshot, today = services.live.current, services.today()
        blocks, text = answers.answer_anniversaries(snapshot, command.get("text", ""), today)
        ack(blocks=blocks, text=text, response_type="ephemeral")
