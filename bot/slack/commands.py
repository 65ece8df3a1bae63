"""Slash commands: `/fact`, `/talkingpoints`, `/anniversaries` — each acks with its reply.

The reply is built inside the request and sent as the body of `ack()` (the app runs with
`process_before_response=True`), so a command costs one HTTP round trip and no response_url call.
Slack sends a command's text escaped (`AT&amp;T`, `<https://un.org|un.org>`): it is decoded here,
at the edge, so search and replies only ever see what the user typed.

Over HTTP, bot/web.py answers these commands (`slash_command`, `reply_to`) right after the
signature check, without Bolt's request parsing, middleware and listener matching (about as long
as a `/fact` search itself); Socket Mode, and every other request, goes through the Bolt
listeners below. Both build the reply with `reply_to`, so both answer the same.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_plus

from slack_bolt import Ack, App

from bot.mrkdwn import decode
from bot.slack import answers

Reply = tuple[list, str]


def _fact(services, text: str) -> Reply:
    snapshot, today = services.live.current, services.today()
    return answers.answer_fact(
        snapshot, text, today, services.settings.repo_url, services.usage, services.form_url
    )


def _talking_points(services, text: str) -> Reply:
    snapshot, today = services.live.current, services.today()
    return answers.answer_talking_points(snapshot, text, today, services.settings.repo_url)


def _anniversaries(services, text: str) -> Reply:
    snapshot, today = services.live.current, services.today()
    return answers.answer_anniversaries(snapshot, text, today)


ANSWERS: dict[str, Callable[..., Reply]] = {
    "/fact": _fact,
    "/talkingpoints": _talking_points,
    "/anniversaries": _anniversaries,
}
# The slash commands this module answers; manifest.yml declares exactly these.
COMMANDS = tuple(ANSWERS)


def register(app: App, services) -> None:
    """Attach the three slash commands to `app`."""
    for name in COMMANDS:
        app.command(name)(_listener(services, name))


def _listener(services, name: str):
    def listener(ack: Ack, command: dict) -> None:  # Bolt injects arguments by name
        ack(**reply_to(services, name, command))

    return listener


def reply_to(services, name: str, command: dict) -> dict:
    """The ephemeral reply to slash command `name` (`text`, `blocks`, `response_type`)."""
    blocks, text = ANSWERS[name](services, typed(command))
    reply = {"text": text, "response_type": "ephemeral"}  # the order Bolt's ack() writes
    return {**reply, "blocks": blocks} if blocks else reply


def slash_command(body: str, content_type: str | None) -> dict | None:
    """`command` and `text` of one of our slash commands in a verified form body, or None.

    Read as Bolt reads a form (`parse_qsl`); anything else (JSON, a `payload`, Slack's
    `ssl_check`, a command factbot does not answer) is left to Bolt. Only the two fields used
    are percent-decoded: decoding all eleven would take longer than the rest of the parse.
    """
    if body.startswith("{") or (content_type or "").startswith("application/json"):
        return None
    fields = form_fields(body, decode=False)
    command = _decoded(fields.get("command", ""))
    if "payload" in fields or "ssl_check" in fields or command not in ANSWERS:
        return None
    return {"command": command, "text": _decoded(fields.get("text", ""))}


def form_fields(body: str, decode: bool = True) -> dict[str, str]:
    """A form body's fields, exactly as `dict(parse_qsl(body, keep_blank_values=True))`;
    with `decode=False`, the names decoded and the values as sent."""
    fields = {}
    for pair in body.split("&"):
        if pair:
            name, _, value = pair.partition("=")
            fields[_decoded(name)] = _decoded(value) if decode else value
    return fields


def _decoded(text: str) -> str:
    return unquote_plus(text) if "%" in text or "+" in text else text


def typed(command: dict) -> str:
    """The command's text as the user typed it (Slack's escaping and link forms decoded)."""
    text = command.get("text")
    return decode(text) if isinstance(text, str) else ""
