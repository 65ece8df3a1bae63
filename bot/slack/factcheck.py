"""`/factcheck <draft>` (an ephemeral reply) and the **Check facts** message shortcut (a modal).

The draft is never posted anywhere: the command's reply is ephemeral (the HTTP response itself),
and the shortcut opens a modal only the person who used it sees. The modal is opened inside the
request, well within the 3 seconds a `trigger_id` lives: checking a 40,000-character message
takes milliseconds.
"""

from __future__ import annotations

import threading

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.claims.engine import check_text
from bot.claims.evidence import index_for
from bot.mrkdwn import decode
from bot.slack import payload
from bot.slack.claims import render_factcheck, render_modal
from bot.slack.delivery import open_view

COMMAND = "/factcheck"
SHORTCUT = "check_facts"  # manifest.yml's callback_id for the message shortcut


def register(app: App, services) -> None:
    """Attach `/factcheck` and the `check_facts` message shortcut to `app`.

    The claim index is built in the background now, so the first check does not pay for it
    (seconds at 10,000 facts; the trigger_id of a shortcut lives 3 s).
    """
    threading.Thread(target=check, args=(services, ""), name="claims-index", daemon=True).start()

    @app.command(COMMAND)
    def factcheck(ack: Ack, command: dict) -> None:
        draft = decode(payload.text(command, "text"))
        blocks, text = render_factcheck(draft, check(services, draft))
        ack(blocks=blocks, text=text, response_type="ephemeral")

    @app.shortcut(SHORTCUT)
    def check_facts(ack: Ack, shortcut: dict, client: WebClient) -> None:
        ack()
        trigger_id = payload.text(shortcut, "trigger_id")
        if not trigger_id:
            return  # Slack always sends one; without it no modal can open
        draft = decode(payload.text(shortcut, "message", "text"))
        view = render_modal(draft, check(services, draft))
        open_view(client, trigger_id, view, payload.text(shortcut, "response_url"))


def check(services, draft: str) -> list:
    """The claims of `draft` against the live store, as of the team's today."""
    return check_text(draft, index_for(services.live.current.store), services.today())
