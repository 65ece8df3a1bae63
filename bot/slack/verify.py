"""Verification in Slack: the owners' weekly DM, and its **Still true** / **Needs a change**.

Still true opens a pull request that sets the fact's `reviewed` to today and moves its next review
(a fixed `review_by` by the interval it had: bot/verify/confirm.py), through the same suggestion
flow as a correction; it runs after the click is answered (a Bolt lazy listener) and is claimed
first, so a double click opens one pull request. Needs a change opens the correction modal.
"""

from __future__ import annotations

import json
import logging

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError

from bot.facts.model import Fact
from bot.github.service import Meta
from bot.github.suggestions import find_by_origin
from bot.github.yamledit import EditError
from bot.outcome import Outcome
from bot.slack import delivery, payload
from bot.slack import suggest_views as views
from bot.slack.blocks import render_error
from bot.slack.delivery import open_view
from bot.slack.suggest import look_up_name, tell
from bot.slack.verify_views import NEEDS_CHANGE, STILL_TRUE, render_reminder
from bot.verify.confirm import still_true_edits
from bot.verify.reminders import GroupMembers, Sender, week_of

log = logging.getLogger(__name__)
CONFIRM_NAMESPACE = "verify_still_true"
NO_GITHUB = "Suggestions need GitHub (GITHUB_TOKEN); use the issue form instead: {url}"


def register(app: App, services) -> None:
    """Attach the Still true and Needs a change buttons to `app`."""

    def fact_of(action: dict) -> Fact | None:
        return services.live.current.store.facts.get(views_id(action.get("value")))

    @app.action(NEEDS_CHANGE)
    def needs_change(ack: Ack, body: dict, action: dict, client: WebClient) -> None:
        ack()
        fact, response_url = fact_of(action), payload.text(body, "response_url")
        trigger_id = payload.text(body, "trigger_id")
        if fact is not None and services.desk is not None:
            if trigger_id:  # Slack always sends one; without it no modal can open
                view = views.correction_modal(fact, response_url)
                open_view(client, trigger_id, view, response_url)
            return
        message = views.GONE if fact is None else NO_GITHUB.format(url=services.form_url)
        tell(client, response_url, payload.user_id(body), *render_error(message))

    def answer_click(ack: Ack) -> None:
        ack()

    def still_true(body: dict, action: dict, client: WebClient) -> None:
        fact, user = fact_of(action), payload.mapping(body, "user")
        if not payload.user_id(body):
            return  # nobody to record the check for, or to tell
        blocks, text = confirm(services, fact, user, look_up_name(client, user))
        tell(client, payload.text(body, "response_url"), payload.user_id(body), blocks, text)

    app.action(STILL_TRUE)(ack=answer_click, lazy=[still_true])


def confirm(services, fact: Fact | None, user: dict, name: str):
    """Open (once) the pull request recording that `fact` is still true; the reply to show."""
    if fact is None:
        return render_error(views.GONE)
    if services.desk is None:
        return render_error(NO_GITHUB.format(url=services.form_url))
    today = services.today()
    still_true = still_true_edits(fact, today)
    if still_true.problem:
        return render_error(still_true.problem)
    origin = f"verify:{fact.id}:{user.get('id')}:{week_of(today)}"
    if not services.db.claim_once(CONFIRM_NAMESPACE, origin, services.now()):
        kept = find_by_origin(services.db, origin)
        if kept is not None and kept.pr_url:
            return views.render_opened(kept.change.describe(), kept.pr_url)
        return render_error("Already on it: the pull request for this check is being opened.")
    try:
        prepared = services.desk.prepare_edit(
            services.live.current.store, fact.id, still_true.edits
        )
    except EditError as exc:
        prepared, problem = None, str(exc)
    if prepared is None or not prepared.ok:
        services.db.release_once(CONFIRM_NAMESPACE, origin)
        problem = "; ".join(prepared.field_errors.values()) if prepared else problem
        return render_error(f"factbot could not record the check: {problem}. Suggest a change.")
    meta = Meta(f"{name} confirmed in Slack that it is still true.", None, name, user.get("id"))
    services.desk.keep(prepared, meta, origin)
    done = services.desk.open_for(origin)
    if done is not None and done.pr_url:
        return views.render_opened(done.suggestion.change.describe(), done.pr_url)
    failure = done.failure if done else "not stored"
    return views.render_not_opened("still true", done.suggestion.id if done else 0, failure or "")


def views_id(value) -> str:
    """The record id a Still true / Needs a change button carries ('' if not ours)."""
    try:
        data = json.loads(value) if isinstance(value, str) else {}
    except ValueError:
        return ""
    return str(data.get("id") or "") if isinstance(data, dict) else ""


def dm_sender(client: WebClient, today) -> Sender:
    """Send an owner their reminder by DM: True landed, False refused, None may have landed."""

    def send(owner: str, facts: list[Fact]) -> bool | None:
        blocks, text = render_reminder(facts, today)
        try:
            client.chat_postMessage(channel=owner, text=text, blocks=blocks)
        except Exception as exc:  # classified, never re-sent blind
            sent = delivery.outcome_of_error(exc)
            log.warning("reminder to %s %s: %s", owner, sent.outcome.value, sent.detail)
            return False if sent.outcome is Outcome.NOT_LANDED else None
        return True

    return send


def group_lister(client: WebClient) -> GroupMembers:
    """A user group's members by `usergroups.users.list`; None (logged) when Slack cannot say."""

    def members(group: str) -> list[str] | None:
        try:
            answer = client.usergroups_users_list(usergroup=group)
        except (SlackClientError, OSError, ValueError) as exc:  # the pass goes on; next one retries
            log.warning("user group %s could not be listed: %s", group, exc)
            return None
        users = answer.get("users")
        return [u for u in users if isinstance(u, str)] if isinstance(users, list) else None

    return members
