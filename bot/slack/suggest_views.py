"""Block Kit for suggestions: the "Suggest a correction" menu, the two modals, and the replies.

Pure functions, as the other renderers: no Slack calls, no clock. Block ids are the fields'
names, so `response_action: errors` can put each validation message next to its field.
"""

from __future__ import annotations

import json

from bot.facts.model import Fact, Store
from bot.slack.text import (
    actions,
    button,
    context,
    escape,
    finish,
    link,
    section,
    sources_text,
    truncate,
)

SUGGEST_MENU = "fact_more"  # the overflow on every fact reply and shared fact
SUGGEST_NEW = "suggest_new"  # "Suggest a fact about X"
CORRECTION_VIEW = "suggest_correction"
NEW_FACT_VIEW = "suggest_new_fact"
FIX_PREFIX = "fix:"
MAX_OPTION_VALUE = 150  # Slack's limit on an overflow option's value
MAX_INITIAL = 3000  # and on a text input's initial value
MAX_METADATA = 3000  # and on a view's private_metadata
GONE = "This fact is no longer in the store; run /fact again."


def issue_form_url(repo_url: str) -> str:
    """The repository's issue form for suggestions (used when GitHub is not configured)."""
    return f"{repo_url.rstrip('/')}/issues/new?template=suggest-fact.yml"


def suggest_menu(record_id: str, form_url: str | None = None) -> dict | None:
    """The overflow with "Suggest a correction": opens the modal, or the issue form (a link)."""
    value = FIX_PREFIX + record_id
    if len(value) > MAX_OPTION_VALUE:
        return None
    option = {"text": {"type": "plain_text", "text": "Suggest a correction"}, "value": value}
    if form_url:
        option["url"] = form_url
    return {"type": "overflow", "action_id": SUGGEST_MENU, "options": [option]}


def suggest_new_button(query: str, form_url: str | None = None) -> dict:
    """ "Suggest a fact about X": opens the new-fact modal, or links to the issue form."""
    # Escaped in the label and the value alike: no raw `<!channel>` travels in a reply.
    label = truncate(f"Suggest a fact about {escape(query)}" if query else "Suggest a fact", 75)
    element = button(label, SUGGEST_NEW, {"q": escape(query[:200])})
    if form_url:
        element["url"] = form_url
    return element


def _text_input(
    block_id: str,
    label: str,
    initial: str = "",
    multiline: bool = False,
    optional: bool = False,
    hint: str = "",
) -> dict:
    element = {"type": "plain_text_input", "action_id": "value", "multiline": multiline}
    if initial:
        element["initial_value"] = initial[:MAX_INITIAL]
    block = {
        "type": "input",
        "block_id": block_id,
        "label": {"type": "plain_text", "text": label},
        "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = {"type": "plain_text", "text": hint}
    return block


def _url_input(block_id: str, label: str, hint: str) -> dict:
    return {
        "type": "input",
        "block_id": block_id,
        "label": {"type": "plain_text", "text": label},
        "element": {"type": "url_text_input", "action_id": "value"},
        "optional": True,
        "hint": {"type": "plain_text", "text": hint},
    }


def _reason_and_source() -> list[dict]:
    return [
        _text_input("reason", "What is wrong, and how do you know?", multiline=True),
        _url_input("source", "Source URL", "Required when a number or a date changes."),
    ]


def _modal(callback_id: str, title: str, blocks: list, metadata: dict) -> dict:
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": {"type": "plain_text", "text": title},
        "submit": {"type": "plain_text", "text": "Suggest"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "private_metadata": json.dumps(metadata)[:MAX_METADATA],
        "blocks": blocks,
    }


def correction_modal(fact: Fact, response_url: str | None) -> dict:
    """The correction modal, prefilled with the fact's statement, as_of, caveat and sources."""
    blocks = [
        section(f"Suggest a correction to `{escape(fact.id)}`."),
        context("It becomes a pull request that a curator reviews; nothing changes until then."),
        _text_input("statement", "Statement", fact.statement, multiline=True),
        _text_input("as_of", "As of", fact.as_of_label, hint="YYYY-MM-DD, or YYYY-MM or YYYY"),
        _text_input("caveat", "Caveat", fact.caveat or "", multiline=True, optional=True),
        context(sources_text(fact.sources)),
        *_reason_and_source(),
    ]
    return _modal(
        CORRECTION_VIEW, "Suggest a correction", blocks, {"id": fact.id, "r": response_url or ""}
    )


def new_fact_modal(store: Store, query: str, response_url: str | None) -> dict:
    """The new-fact modal: id, topic (from the store's topics), statement, as_of, sources."""
    topics = store.topics() or ["general"]
    topic = {
        "type": "input",
        "block_id": "topic",
        "label": {"type": "plain_text", "text": "Topic"},
        "element": {
            "type": "static_select",
            "action_id": "value",
            "options": [
                {"text": {"type": "plain_text", "text": t[:75]}, "value": t[:150]}
                for t in topics[:100]
            ],
        },
    }
    blocks = [
        section(f"Suggest a fact about *{escape(query)}*." if query else "Suggest a new fact."),
        context("It becomes a pull request that a curator reviews."),
        _text_input("statement", "Statement", multiline=True),
        _text_input(
            "id",
            "Id",
            optional=True,
            hint="Lowercase words and dashes; left empty, it is made from the statement.",
        ),
        topic,
        _text_input("as_of", "As of", hint="YYYY-MM-DD: the date the statement was true"),
        _text_input(
            "sources",
            "Sources",
            multiline=True,
            hint="One per line: the URL, a space, then the title.",
        ),
        _text_input("caveat", "Caveat", multiline=True, optional=True),
        _text_input("reason", "Why should the store have it?", multiline=True),
    ]
    return _modal(NEW_FACT_VIEW, "Suggest a fact", blocks, {"q": query, "r": response_url or ""})


def submitted_view(title: str) -> dict:
    """What the modal turns into once the suggestion is stored."""
    blocks = [
        section(
            "Thank you. Your suggestion is saved; factbot is opening a pull request "
            "and will tell you here when it is done."
        )
    ]
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": title},
        "close": {"type": "plain_text", "text": "Close"},
        "blocks": blocks,
    }


def render_opened(describe: str, pr_url: str):
    """Told to the suggester: the pull request is open."""
    message = f"Your suggestion ({escape(describe)}) is now a pull request: {link(pr_url, pr_url)}"
    return finish([section(message)], f"Your suggestion is now a pull request: {pr_url}")


def render_not_opened(
    describe: str, suggestion_id: int, reason: str, may_have_landed: bool = False
):
    """Told to the suggester: saved, but GitHub failed (or its answer was lost, so the pull
    request may exist); an admin can retry it."""
    if may_have_landed:
        message = (
            f"Your suggestion ({escape(describe)}) is saved as number {suggestion_id}, and its "
            f"pull request may have been opened: {escape(reason)}. Look at the repository's "
            "pull requests before suggesting it again; an admin's `factbot suggestions retry "
            f"{suggestion_id}` finds it if it was, and never opens a second."
        )
        return finish([section(message)], f"Your suggestion {suggestion_id} is saved.")
    message = (
        f"Your suggestion ({escape(describe)}) is saved as number {suggestion_id}, but the pull "
        f"request could not be opened yet: {escape(reason)}. Nothing is lost: an admin can "
        f"retry it with `factbot suggestions retry {suggestion_id}`."
    )
    return finish([section(message)], f"Your suggestion {suggestion_id} is saved; GitHub failed.")


def suggest_actions(query: str, form_url: str | None) -> dict:
    """The actions block under a no-match reply."""
    return actions(suggest_new_button(query, form_url))
