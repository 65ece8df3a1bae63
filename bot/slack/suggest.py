"""Suggestions from Slack: the "Suggest a correction" menu and "Suggest a fact" button open a
modal; its `view_submission` is validated (errors next to the fields) or stored and answered at
once, and the pull request is opened after the answer (a Bolt lazy listener), then the user is told.
"""

from __future__ import annotations

import json
import logging

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError

from bot.github.service import Meta, Prepared
from bot.github.yamledit import EditError
from bot.mrkdwn import decode
from bot.outcome import Outcome
from bot.slack import delivery, payload
from bot.slack import suggest_views as views
from bot.slack.delivery import open_view
from bot.slack.suggest_form import (
    Form,
    display_name,
    read_correction,
    read_new_fact,
    view_metadata,
)

log = logging.getLogger(__name__)
KEPT = "factbot_kept_suggestion"  # context key: the id of the suggestion a submission kept


def register(app: App, services) -> None:
    """Attach the menu, the button and the two modals' submissions to `app`."""
    _register_openers(app, services)
    _register_submissions(app, services)


def _register_openers(app: App, services) -> None:
    @app.action(views.SUGGEST_MENU)
    def open_correction(ack: Ack, body: dict, action: dict, client: WebClient) -> None:
        ack()
        value = payload.text(action, "selected_option", "value")
        fact = services.live.current.store.facts.get(value.removeprefix(views.FIX_PREFIX))
        trigger_id = payload.text(body, "trigger_id")
        if services.desk is None or fact is None or not value.startswith(views.FIX_PREFIX):
            return  # the issue form link opened in the browser (or a stale menu): nothing to do
        if trigger_id:  # without one no modal can open (Slack always sends it)
            response_url = payload.text(body, "response_url")
            view = views.correction_modal(fact, response_url)
            open_view(client, trigger_id, view, response_url)

    @app.action(views.SUGGEST_NEW)
    def open_new_fact(ack: Ack, body: dict, action: dict, client: WebClient) -> None:
        ack()
        trigger_id = payload.text(body, "trigger_id")
        if services.desk is None or not trigger_id:
            return
        query = decode(_json_field(action.get("value"), "q"))[:200]
        store = services.live.current.store
        response_url = payload.text(body, "response_url")
        view = views.new_fact_modal(store, query, response_url)
        open_view(client, trigger_id, view, response_url)


def _register_submissions(app: App, services) -> None:
    def correction_submitted(ack: Ack, body: dict, view: dict, context: BoltContext) -> None:
        fact = services.live.current.store.facts.get(str(view_metadata(view).get("id")))
        if fact is None:
            ack(response_action="errors", errors={"statement": views.GONE})
            return
        form = read_correction(view, fact)

        def prepare(store):
            return services.desk.prepare_edit(store, fact.id, form.edits)

        keep_or_refuse(services, ack, body, context, form, prepare)

    def new_fact_submitted(ack: Ack, body: dict, view: dict, context: BoltContext) -> None:
        form = read_new_fact(view)

        def prepare(store):
            return services.desk.prepare_new(store, form.record)

        keep_or_refuse(services, ack, body, context, form, prepare)

    def open_pull(body: dict, context: BoltContext, client: WebClient) -> None:
        kept = context.get(KEPT)  # set by the answer: a submission it refused opens nothing
        if services.desk is None or not isinstance(kept, int):
            return
        user = payload.mapping(body, "user")
        done = services.desk.open_kept(kept, suggested_by=look_up_name(client, user))
        if done is None:
            return
        describe = done.suggestion.change.describe()
        if done.pr_url:
            blocks, text = views.render_opened(describe, done.pr_url)
        else:
            blocks, text = views.render_not_opened(
                describe, done.suggestion.id, done.failure or "", done.may_have_landed
            )
        tell(
            client,
            view_metadata(payload.mapping(body, "view")).get("r"),
            payload.user_id(body),
            blocks,
            text,
        )

    app.view(views.CORRECTION_VIEW)(ack=correction_submitted, lazy=[open_pull])
    app.view(views.NEW_FACT_VIEW)(ack=new_fact_submitted, lazy=[open_pull])


def keep_or_refuse(services, ack: Ack, body: dict, context: BoltContext, form: Form, prepare):
    """Answer a submission: errors next to the fields, or store it and say it is being opened.

    The kept suggestion's id goes on the request's context (KEPT), where the lazy listener that
    opens the pull request finds it: only a submission that was kept opens one, and it opens
    the suggestion this submission kept (not the newest from the same view)."""
    view = payload.mapping(body, "view")
    if services.desk is None:
        return ack(response_action="errors", errors={"reason": "Suggestions are switched off."})
    errors = form.errors or None
    prepared: Prepared | None = None
    if not errors:
        try:
            prepared = prepare(services.live.current.store)
        except EditError as exc:
            errors = block_errors({exc.field: str(exc)}, view)
    if prepared is not None and not prepared.ok:
        errors = block_errors(prepared.field_errors, view) or {"statement": "Nothing changed."}
    if errors or prepared is None:
        return ack(response_action="errors", errors=errors)
    user = payload.mapping(body, "user")
    meta = Meta(form.reason, form.source or None, display_name(user), payload.user_id(body) or None)
    kept = services.desk.keep(prepared, meta, origin=payload.text(view, "id"))
    context[KEPT] = kept.id
    ack(response_action="update", view=views.submitted_view("Suggestion saved"))


def block_errors(field_errors: dict[str, str], view: dict) -> dict[str, str]:
    """`factbot check` problems by field → by the modal's block ids (others on the statement)."""
    listed = payload.field(view, "blocks")
    listed = listed if isinstance(listed, list) else []
    blocks = {payload.text(b, "block_id") for b in listed if payload.text(b, "type") == "input"}
    out: dict[str, str] = {}
    for name, message in field_errors.items():
        block = name if name in blocks else "statement"
        out[block] = f"{out[block]}; {message}" if block in out else message
    return {k: v[:2000] for k, v in out.items()}


def look_up_name(client: WebClient, user: dict) -> str:
    """The user's Slack display name (users.info); the payload's name when Slack cannot say."""
    profile = None
    try:
        if not payload.text(user, "id"):
            return display_name(user)
        answer = client.users_info(user=payload.text(user, "id"))
        profile = (answer.get("user") or {}).get("profile")
    except (SlackClientError, OSError, ValueError) as exc:  # the suggestion goes on regardless
        log.info("users.info for %s failed, using the payload's name: %s", user.get("id"), exc)
    return display_name(user, profile)


def tell(client: WebClient, response_url, user_id, blocks: list, text: str) -> None:
    """Tell the suggester privately: where they asked (response_url), else by DM."""
    message = {"text": text, "blocks": blocks, "response_type": "ephemeral"}
    url = response_url if isinstance(response_url, str) else None
    sent = delivery.send_response(url, {**message, "replace_original": False})
    if sent.outcome is not Outcome.NOT_LANDED:
        return  # landed, or may have: a second copy by DM would be a duplicate
    if user_id:
        client.chat_postMessage(channel=user_id, text=text, blocks=blocks)


def _json_field(value, key: str) -> str:
    """`key` of the JSON object in a button's value; "" for anything else (never raises)."""
    if not isinstance(value, str):
        return ""
    try:
        data = json.loads(value or "{}")
    except ValueError:
        return ""
    return str(data.get(key) or "") if isinstance(data, dict) else ""
