"""Buttons: "Next match" replaces the ephemeral reply; "Share in channel" posts it once;
"Copy text" answers privately with the fact as plain text to paste.

Sharing goes through the action's `response_url`, not chat.postMessage: the reply being shared is
ephemeral (only a response_url can touch it), and a response_url can post in any conversation the
command was typed in — private channels and DMs included — without the bot being a member or
needing chat:write.public. The share is claimed in the database first (`claim_once`), keyed on the
message it came from + record + user, so a double click or a retried request posts once. The post
is sent once (bot/slack/delivery.py): when its answer is lost it may have landed, so the claim is
kept and the user is told to look in the channel, never posted again blind.
"""

from __future__ import annotations

import hashlib
import logging

from slack_bolt import Ack, App, Respond

from bot.outcome import Outcome
from bot.slack import answers, delivery, payload

log = logging.getLogger(__name__)
SHARE_NAMESPACE = "slack_share"


def register(app: App, services) -> None:
    """Attach the `fact_next`, `fact_share`, `fact_copy` and `tp_share` button handlers."""

    @app.action("fact_next")
    def next_match(ack: Ack, body: dict, action: dict) -> None:
        ack()
        blocks, text = answers.answer_next(
            services.live.current,
            action.get("value"),
            services.today(),
            services.usage,
            services.form_url,
        )
        message = {"blocks": blocks, "text": text, "replace_original": True}
        delivery.send_response(payload.text(body, "response_url"), message)

    @app.action("fact_copy")
    def copy_text(ack: Ack, body: dict, action: dict) -> None:
        ack()
        reply = answers.answer_copy(services.live.current, action.get("value"), services.today())
        _tell(payload.text(body, "response_url"), reply)

    @app.action("fact_share")
    def share_fact(ack: Ack, body: dict, action: dict, respond: Respond) -> None:
        ack()
        share(services, body, action, respond, kind="fact")

    @app.action("tp_share")
    def share_talking_points(ack: Ack, body: dict, action: dict, respond: Respond) -> None:
        ack()
        share(services, body, action, respond, kind="talking_points")


def share(services, body: dict, action: dict, respond: Respond, kind: str) -> None:
    """Post the record in the channel once per (message, record, user); tampered → polite reply."""
    snapshot = services.live.current
    record = answers.find_shared(snapshot, action.get("value"), kind)
    user = payload.user_id(body)
    response_url = payload.text(body, "response_url") or None
    if record is None:
        _tell(response_url, answers.answer_tampered())
        return
    key = share_key(body, record.id, user)
    if not services.db.claim_once(SHARE_NAMESPACE, key, services.now()):
        log.info("share of %s by %s already posted; ignoring the repeat", record.id, user)
        return
    blocks, text = answers.answer_share(snapshot, record, user, services.today(), services.form_url)
    message = {"blocks": blocks, "text": text, "response_type": "in_channel"}
    sent = delivery.send_response(response_url, {**message, "replace_original": False})
    if sent.landed:
        if services.usage is not None:
            services.usage.shared(record.id)
        delivery.send_response(response_url, {"delete_original": True})  # tidy the private copy
    elif sent.outcome is Outcome.NOT_LANDED:  # e.g. the response_url expired (30 minutes, 5 uses)
        services.db.release_once(SHARE_NAMESPACE, key)  # nothing was posted: a retry may post
        log.warning("share of %s failed: %s", record.id, sent.detail)
        _tell(response_url, answers.answer_share_failed())
    else:  # the answer was lost: it may be in the channel, so keep the claim and say so
        log.warning("share of %s may have been posted (%s); not re-sent", record.id, sent.detail)
        _tell(response_url, answers.answer_share_uncertain())


def _tell(response_url: str | None, reply: answers.Reply) -> None:
    """A private message to the person who clicked (logged by delivery if it cannot be sent)."""
    blocks, text = reply
    message = {"blocks": blocks, "text": text, "response_type": "ephemeral"}
    delivery.send_response(response_url, {**message, "replace_original": False})


def share_key(body: dict, record_id: str, user: str) -> str:
    """Same message + record + user → same key; the message is its container, else response_url."""
    container = payload.mapping(body, "container")
    where = "|".join(str(container.get(k) or "") for k in ("channel_id", "message_ts", "thread_ts"))
    if not container.get("message_ts"):
        where += "|" + payload.text(body, "response_url")
    digest = hashlib.sha256(where.encode()).hexdigest()[:32]
    return f"{record_id}|{user}|{digest}"
