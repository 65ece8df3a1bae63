"""Block Kit as readable terminal text, for `factbot console` and previews.

Headers, sections and context become lines, buttons become `[Share in channel]`, links become
`title (url)`, mentions `@U123`, and Slack's `&amp;`/`&lt;`/`&gt;` are shown as the characters.
"""

from __future__ import annotations

import re

_ENTITY = re.compile(r"<([^<>]*)>")


def mrkdwn_to_text(text: str) -> str:
    """Slack mrkdwn as a person would read it: links spelled out, entities unescaped."""
    if "<" not in text and "&" not in text:  # plain already (most statements)
        return text
    return _unescape(_ENTITY.sub(_entity, text))


def blocks_to_text(blocks: list[dict]) -> str:
    """Every block as lines of text, blocks separated the way Slack spaces them."""
    return "\n".join(line for block in blocks for line in _block_lines(block)).strip("\n")


def view_to_text(view: dict) -> str:
    """An App Home (or modal) view as text."""
    return blocks_to_text(view.get("blocks", []))


def _block_lines(block: dict) -> list[str]:
    kind = block.get("type")
    if kind == "header":
        title = _text(block["text"])
        return ["", title, "=" * min(len(title), 72)]
    if kind == "section":
        lines = [_text(block["text"])] if "text" in block else []
        lines += [_text(f) for f in block.get("fields", [])]
        if block.get("accessory", {}).get("type") == "button":
            lines.append(_button(block["accessory"]))
        return lines
    if kind == "context":
        return ["  " + "  ·  ".join(_text(e) for e in block["elements"] if "text" in e)]
    if kind == "divider":
        return ["-" * 40]
    if kind == "actions":
        return ["  ".join(_button(e) for e in block["elements"] if e.get("type") == "button")]
    if kind == "rich_text":
        return [_rich_text(block)]
    return []


def _text(obj: dict) -> str:
    if obj.get("type") == "mrkdwn":
        return mrkdwn_to_text(obj["text"])
    return _unescape(obj.get("text", ""))


def _button(element: dict) -> str:
    return f"[{_text(element['text'])}]"


def _rich_text(block: dict) -> str:
    """Just the text of a rich_text block (a preformatted, copyable post)."""
    parts = []
    for element in block.get("elements", []):
        for inner in element.get("elements", []):
            parts.append(inner.get("text") or inner.get("url") or "")
    return _unescape("".join(parts))


def _entity(match: re.Match) -> str:
    inner = match.group(1)
    target, _, label = inner.partition("|")
    if target.startswith(("@", "#")):
        return f"{target[0]}{label}" if label else target
    if target.startswith("!"):
        return "@" + (label or target[1:])
    if label:
        return f"{label} ({target})"
    return target


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
