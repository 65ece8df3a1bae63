"""Reading Slack payloads safely: total accessors for the handlers, and the shape check at the edge.

A signed payload is Slack's, but its fields are still data: a handler reads them through these
accessors, which give "" or {} for a field that is missing or of another type, never an exception.
Before Bolt routes a request, `shape_problem` refuses what Slack never sends (an `actions` that is
not a list of actions, a view without a callback_id): Bolt's own matchers index those unchecked.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.request.internals import parse_body


def field(data: Any, *path: str | int) -> Any:
    """The value at `path` (keys of mappings, indexes of lists); None where the path breaks."""
    for step in path:
        if isinstance(step, str) and isinstance(data, dict):
            data = data.get(step)
        elif isinstance(step, int) and isinstance(data, list) and -len(data) <= step < len(data):
            data = data[step]
        else:
            return None
    return data


def text(data: Any, *path: str | int) -> str:
    """The text at `path`; "" when it is missing or not text."""
    value = field(data, *path)
    return value if isinstance(value, str) else ""


def mapping(data: Any, *path: str | int) -> dict:
    """The mapping at `path`; {} when it is missing or not a mapping."""
    value = field(data, *path)
    return value if isinstance(value, dict) else {}


def user_id(body: Any) -> str:
    """Who acted: `user.id` of an interaction, `user_id` of a slash command; "" if neither."""
    return text(body, "user", "id") or text(body, "user_id")


# Slack's payload types → the fields Bolt's matchers index, which must be there as text.
_ROUTED_BY = {
    "block_actions": (("actions", 0, "action_id"),),
    "view_submission": (("view", "callback_id"),),
    "view_closed": (("view", "callback_id"),),
    "shortcut": (("callback_id",),),
    "message_action": (("callback_id",),),
    "block_suggestion": (("action_id",),),
    "event_callback": (("event", "type"),),
}
_TEXT_IF_PRESENT = ("type", "command", "response_url", "trigger_id", "callback_id")


def shape_problem(raw: str, content_type: str | None) -> str | None:
    """What makes a request body unlike anything Slack sends (one line), or None. Never raises."""
    try:
        body: object = parse_body(raw, content_type)  # Bolt's Dict hint: JSON may be any value
    except (ValueError, TypeError, RecursionError) as exc:  # JSONDecodeError is a ValueError;
        return f"body is not JSON ({type(exc).__name__})"  # thousands of [ exhaust the stack
    if not isinstance(body, dict):
        return f"payload is a {type(body).__name__}, not an object"
    for name in _TEXT_IF_PRESENT:  # null is read as absent (as the handlers' accessors do)
        if body.get(name) is not None and not isinstance(body[name], str):
            return f"{name} is a {type(body[name]).__name__}, not text"
    for path in _ROUTED_BY.get(text(body, "type"), ()):
        if not text(body, *path):
            return f"no {'.'.join(map(str, path))} as text"
    actions = body.get("actions")
    if actions is not None and not (
        isinstance(actions, list) and all(text(a, "action_id") for a in actions)
    ):
        return "actions is not a list of actions"
    return None
