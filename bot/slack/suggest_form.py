"""What a suggestion modal's `view_submission` says: the fields changed, and what is missing.

Pure and total: any payload gives back values and a {block_id: message} of problems, never an
exception. Validation that needs the store (`factbot check`) happens after this, in bot/github.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

from bot.facts.fields import slug_problem
from bot.facts.model import Fact
from bot.facts.rules import MAX_ID

DEFAULT_REVIEW = "1 year"  # the store's usual cadence; the reviewer may change it in the PR
_NUMBER = re.compile(r"\d[\d,.]*")
_URL = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class Form:
    """A submitted suggestion: field edits (or a new record), why, the source, and problems."""

    edits: dict[str, str] = field(default_factory=dict)
    record: dict = field(default_factory=dict)
    reason: str = ""
    source: str = ""
    errors: dict[str, str] = field(default_factory=dict)


def view_values(view: dict) -> dict[str, str]:
    """{block_id: typed text or selected value} from a view's state."""
    out: dict[str, str] = {}
    state = view.get("state") if isinstance(view, dict) else None
    values = state.get("values") if isinstance(state, dict) else None
    if not isinstance(values, dict):
        return out
    for block_id, actions in values.items():
        element = (actions or {}).get("value") if isinstance(actions, dict) else None
        if not isinstance(element, dict):
            continue
        picked = element.get("selected_option")
        value = element.get("value")
        if value is None and isinstance(picked, dict):
            value = picked.get("value")
        out[str(block_id)] = str(value or "").strip()
    return out


def view_metadata(view: dict) -> dict:
    """The view's private_metadata as a dict ({} when absent or not ours)."""
    raw = view.get("private_metadata") if isinstance(view, dict) else None
    try:
        data = json.loads(raw if isinstance(raw, str) and raw else "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def read_correction(view: dict, fact: Fact) -> Form:
    """The fields the user changed; a source is required when a number or a date changed."""
    values = view_values(view)
    current = {
        "statement": fact.statement,
        "as_of": fact.as_of_label,
        "caveat": fact.caveat or "",
    }
    edits = {k: values.get(k, "") for k, v in current.items() if not _same(values.get(k, ""), v)}
    errors: dict[str, str] = {}
    if not edits:
        errors["statement"] = "Change the statement, the date or the caveat to suggest something."
    reason, source = values.get("reason", ""), values.get("source", "")
    if not reason:
        errors["reason"] = "Say what is wrong and how you know."
    numbers_changed = "as_of" in edits or any(
        _NUMBER.findall(edits[k]) != _NUMBER.findall(current[k])
        for k in ("statement", "caveat")
        if k in edits
    )
    if numbers_changed and not source:
        errors["source"] = "A number or a date changed: give the source that shows it."
    elif source and not _URL.match(source):
        errors["source"] = "Give a web address starting with https://"
    return Form(edits=edits, reason=reason, source=source, errors=errors)


def read_new_fact(view: dict) -> Form:
    """The new fact's record (id made from the statement when empty), and what is missing."""
    values = view_values(view)
    errors: dict[str, str] = {}
    statement = values.get("statement", "")
    record_id = values.get("id") or propose_id(statement)
    if not record_id or slug_problem(record_id):
        # The same rule as `factbot check` (F015), so a suggestion never opens a failing PR.
        errors["id"] = (
            f"Use lowercase letters, digits and dashes, at most {MAX_ID} characters "
            "(e.g. gao-attack-2018-toll)."
        )
    sources, bad = parse_sources(values.get("sources", ""))
    if bad or not sources:
        errors["sources"] = "One source per line: the URL (https://…), a space, then its title."
    # The store's key order: id, statement, as_of, sources, caveat, topic, review cadence.
    record: dict[str, object] = {"id": record_id, "statement": statement}
    record["as_of"] = values.get("as_of", "")
    record["sources"] = sources
    if values.get("caveat"):
        record["caveat"] = values["caveat"]
    record["topic"] = values.get("topic", "")
    record["review_every"] = DEFAULT_REVIEW
    reason = values.get("reason", "")
    if not reason:
        errors["reason"] = "Say why the store should have it."
    source = sources[0]["url"] if sources else ""
    return Form(record=record, reason=reason, source=source, errors=errors)


def parse_sources(text: str) -> tuple[list[dict[str, str]], bool]:
    """`URL title` lines as source mappings, and whether any line was not of that shape."""
    sources, bad = [], False
    for line in text.splitlines():
        if not line.strip():
            continue
        url, _, title = line.strip().partition(" ")
        if not _URL.match(url) or not title.strip():
            bad = True
            continue
        sources.append({"title": title.strip(), "url": url})
    return sources, bad


def propose_id(statement: str) -> str:
    """An id from the statement's first words: `Gao attack killed 4` → `gao-attack-killed-4`."""
    folded = unicodedata.normalize("NFKD", statement).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", folded.lower())
    kept = [w for w in words if w not in {"the", "a", "an", "of", "in", "on", "and"}][:6]
    slug = "-".join(kept)
    return slug[:MAX_ID].strip("-")


def display_name(user: dict, profile: dict | None = None) -> str:
    """Who suggested it, as a name (never a mention): the Slack display name from `profile`
    (users.info), else the real name, else the payload's handle, else the user id."""
    profile = profile if isinstance(profile, dict) else {}
    user = user if isinstance(user, dict) else {}
    for name in (
        profile.get("display_name"),
        profile.get("real_name"),
        user.get("name"),
        user.get("username"),
        user.get("id"),
    ):
        if isinstance(name, str) and name.strip():
            return " ".join(name.split())[:80]
    return "someone"
