"""Block Kit as readable terminal text, for `factbot console` and previews.

Headers, sections and context become lines, buttons become `[Share in channel]`, links become
`title (url)`, mentions `@U123`, and Slack's `&amp;`/`&lt;`/`&gt;` are shown as the characters.
"""

from __future__ import annotations

from bot.mrkdwn import to_plain, unescape


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
        return to_plain(obj["text"])
    return unescape(obj.get("text", ""))


def _button(element: dict) -> str:
    return f"[{_text(element['text'])}]"


def _rich_text(block: dict) -> str:
    """Just the text of a rich_text block (a preformatted, copyable post)."""
    parts = []
    for element in block.get("elements", []):
        for inner in element.get("elements", []):
            parts.append(inner.get("text") or inner.get("url") or "")
    return unescape("".join(parts))
