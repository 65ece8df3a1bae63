"""Slack text and Block Kit building blocks, with Slack's size limits enforced in one place.

Everything a renderer emits goes through `finish` (or `limit_view`), which clamps every text to
its Block Kit maximum, measured on the text as sent, and caps the number of blocks, so no message
is ever refused by Slack for being too long. The text model is `bot.mrkdwn`: literal text goes
through `escape`, the store's mrkdwn through `render_stored` (its links kept, nothing can ping),
and the fallback is built from plain text and escaped once, here.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable

from bot.facts.model import Fact, Source
from bot.facts.sources import by_quality
from bot.grammar import count
from bot.mrkdwn import MAX_FIELD, MAX_HEADER, MAX_SECTION, escape, link, render_stored
from bot.slack.values import MAX_BUTTON_VALUE, compact_json

log = logging.getLogger(__name__)

__all__ = ["MAX_FIELD", "MAX_HEADER", "MAX_SECTION", "escape", "link", "render_stored"]

MAX_BLOCKS = 50  # per message
MAX_HOME_BLOCKS = 100  # per App Home view
MAX_BUTTON_LABEL = 75
MAX_CONTEXT_ELEMENTS = 10
MAX_ACTIONS = 25
MAX_FALLBACK = 3000  # the notification text; Slack allows more, nobody reads more
ELLIPSIS = "…"

_USER_ID = re.compile(r"^[UW][A-Z0-9]+$")


def truncate(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, ending in "…" when cut (never mid-entity)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    # Don't leave half an entity (`&am`) or half a link (`<https://…`) behind.
    for opener, closer in (("&", ";"), ("<", ">")):
        start = cut.rfind(opener)
        if start != -1 and cut.find(closer, start) == -1:
            cut = cut[:start]
    return cut.rstrip() + ELLIPSIS


def valid_user(user_id: str | None) -> str | None:
    """The user id if it looks like a Slack user (`U…`/`W…`), else None."""
    return user_id if user_id and _USER_ID.match(user_id) else None


# English names, fixed: `calendar.month_abbr` follows the process locale and calls strftime.
_MONTH_ABBR: tuple[str, ...] = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun")
_MONTH_ABBR += ("Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day(value: dt.date) -> str:
    """`30 Sep 2018`."""
    return f"{value.day} {_MONTH_ABBR[value.month]} {value.year}"


def as_of_text(fact: Fact) -> str:
    """A fact's `as_of` as precisely as its evidence: `30 Sep 2018`, `September 2018`, `2018`."""
    return day(fact.as_of) if fact.as_of_precision == "day" else fact.as_of_human


def source_line(source: Source) -> str:
    """One citation: linked title, publisher and date when known."""
    extra = [escape(p) for p in (source.publisher,) if p]
    if source.date:
        extra.append(day(source.date))
    return link(source.url, source.title) + (f" ({', '.join(extra)})" if extra else "")


def sources_text(sources: Iterable[Source]) -> str:
    """Every citation on one line, primary sources first, separated by " · "."""
    return "Sources: " + " · ".join(source_line(s) for s in by_quality(list(sources)))


def header(text: str) -> dict:
    """A header block; `text` is plain and gets escaped here."""
    return {"type": "header", "text": {"type": "plain_text", "text": escape(text), "emoji": True}}


def section(text: str) -> dict:
    """A mrkdwn section block."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def context(*texts: str) -> dict:
    """A context block of mrkdwn texts (small grey print)."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": t} for t in texts if t]}


def divider() -> dict:
    """A horizontal rule."""
    return {"type": "divider"}


def button(label: str, action_id: str, value: dict | str | None = None, style: str = "") -> dict:
    """A button; `value` (a dict, or its JSON) must already fit Slack's 2,000 characters."""
    element = {
        "type": "button",
        "text": {"type": "plain_text", "text": label, "emoji": True},
        "action_id": action_id,
    }
    if value is not None:
        element["value"] = value if isinstance(value, str) else compact_json(value)
    if style:
        element["style"] = style
    return element


def actions(*elements: dict) -> dict:
    """An actions block holding buttons."""
    return {"type": "actions", "elements": list(elements)}


def line_sections(lines: list[str], limit: int = MAX_SECTION - 100) -> list[dict]:
    """Pack lines into as few sections as fit Slack's 3,000 characters each."""
    chunks: list[str] = []
    for line in lines:
        line = truncate(line, limit)
        if chunks and len(chunks[-1]) + 1 + len(line) <= limit:
            chunks[-1] += "\n" + line
        else:
            chunks.append(line)
    return [section(chunk) for chunk in chunks]


def cap_items(items: list, limit: int) -> tuple[list, int]:
    """The first `limit` items and how many were left out."""
    return items[:limit], max(len(items) - limit, 0)


def more_note(left_out: int, noun: str, hint: str = "") -> dict | None:
    """A context line saying how many items (`noun`, singular) were not shown, or None."""
    if not left_out:
        return None
    return context(f"{ELLIPSIS} and {count(left_out, 'more ' + noun)} not shown. {hint}".strip())


def finish(blocks: list, text: str, max_blocks: int = MAX_BLOCKS) -> tuple[list, str]:
    """Drop Nones, clamp blocks to Slack's limits, cap their count, escape the plain fallback."""
    fitted = [fitted for b in blocks if b and (fitted := clamp_block(b))]
    if len(fitted) > max_blocks:
        left = len(fitted) - (max_blocks - 1)
        fitted = [
            *fitted[: max_blocks - 1],
            context(f"{ELLIPSIS} {count(left, 'more block')} not shown."),
        ]
    # The fallback is plain text, but Slack still reads `<!channel>` in it: escape it here.
    return fitted, truncate(escape(" ".join(text.split())), MAX_FALLBACK)


def limit_view(view: dict) -> dict:
    """An App Home view with its blocks clamped and capped at 100."""
    blocks, _ = finish(view.get("blocks", []), "", MAX_HOME_BLOCKS)
    return {**view, "blocks": blocks}


def clamp_block(block: dict) -> dict | None:
    """`block` within its Block Kit maximums (a copy only when one was cut); None if nothing fits.

    Never raises: a button whose value cannot fit is left out (an actions block left with no
    button is left out too), so one over-long value never costs the user the whole reply.
    """
    if _block_fits(block):
        return block
    kind = block.get("type")
    block = dict(block)
    if kind == "header":
        block["text"] = _clamp_text(block["text"], MAX_HEADER)
    elif kind == "section":
        if "text" in block:
            block["text"] = _clamp_text(block["text"], MAX_SECTION)
        if "fields" in block:
            block["fields"] = [_clamp_text(f, MAX_FIELD) for f in block["fields"][:10]]
    elif kind == "context":
        elements = block["elements"][:MAX_CONTEXT_ELEMENTS]
        block["elements"] = [_clamp_text(e, MAX_SECTION) for e in elements]
    elif kind == "actions":
        elements = block["elements"][:MAX_ACTIONS]
        block["elements"] = [kept for e in elements if (kept := _clamp_button(e))]
        return block if block["elements"] else None
    return block


def _block_fits(block: dict) -> bool:
    """True if `clamp_block` would leave `block` as it is (most blocks: no copy needed)."""
    kind = block.get("type")
    if kind == "section":
        return "fields" not in block and _fits(block.get("text"), MAX_SECTION)
    if kind == "header":
        return _fits(block["text"], MAX_HEADER)
    elements = block.get("elements", ())
    if kind == "context":
        return len(elements) <= MAX_CONTEXT_ELEMENTS and all(
            [len(e.get("text", "")) <= MAX_SECTION for e in elements]
        )
    if kind == "actions":
        # A value over the limit does not fit: `_clamp_button` must see it, and refuse it.
        return len(elements) <= MAX_ACTIONS and all(
            [
                e.get("type") != "button"
                or (
                    len(e["text"].get("text", "")) <= MAX_BUTTON_LABEL
                    and len(e.get("value", "")) <= MAX_BUTTON_VALUE
                )
                for e in elements
            ]
        )
    return True  # dividers, rich text: nothing to clamp


def _fits(obj: dict | None, limit: int) -> bool:
    return obj is None or len(obj.get("text", "")) <= limit


def _clamp_text(obj: dict, limit: int) -> dict:
    if obj.get("type") not in ("mrkdwn", "plain_text"):
        return obj
    return {**obj, "text": truncate(obj["text"], limit)}


def _clamp_button(element: dict) -> dict | None:
    if element.get("type") != "button":
        return element
    element = {**element, "text": _clamp_text(element["text"], MAX_BUTTON_LABEL)}
    size = len(element.get("value", ""))
    if size > MAX_BUTTON_VALUE:
        # A cut JSON value would be refused as tampered anyway, and Slack refuses the whole
        # message for one long value: better the reply without this button than no reply.
        log.warning(
            "left out button %s: value of %d characters, over Slack's %d",
            element.get("action_id"),
            size,
            MAX_BUTTON_VALUE,
        )
        return None
    return element
