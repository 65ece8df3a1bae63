"""The text model's four conversions: escape, render the store's mrkdwn, read as plain, decode.

Contracts (checked by property tests in tests/test_mrkdwn.py, over arbitrary text):
`to_plain(escape(x)) == x` and `decode(escape(x)) == x`; `escape(x)` holds no `<` at all, so it
can form no mention, broadcast or link; `render_stored(x)` holds no `<…>` but links to http(s) or
mailto targets, with escaped labels. Every function is total: any string in, a string out.
"""

from __future__ import annotations

import re

# A link as a store author writes it: <https://…>, <https://…|label>, <mailto:…|label>.
# The target has no space, `<`, `>` or `|`; the label no `<` or `>`.
STORED_LINK = re.compile(r"<((?:https?://|mailto:)[^<>\s|]+)(?:\|([^<>]*))?>")
# Any `<…>` in sent mrkdwn (a link, mention, channel or broadcast Slack parses).
_ENTITY = re.compile(r"<([^<>]*)>")
_CHARACTER_REFERENCE = re.compile(r"&(amp|lt|gt);")
_UNESCAPED = {"amp": "&", "lt": "<", "gt": ">"}


def escape(text: str) -> str:
    """Literal text as sent mrkdwn: `&`→`&amp;`, `<`→`&lt;`, `>`→`&gt;` (shown, never parsed)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """`&amp;`, `&lt;`, `&gt;` back to `&`, `<`, `>`, in one pass (so `&amp;lt;` is `&lt;`)."""
    if "&" not in text:
        return text
    return _CHARACTER_REFERENCE.sub(lambda m: _UNESCAPED[m.group(1)], text)


def render_stored(text: str) -> str:
    """Stored mrkdwn as sent mrkdwn: its links kept, every other character escaped."""
    if "<" not in text:  # no link to keep (most statements)
        return escape(text)
    out, last = [], 0
    for match in STORED_LINK.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(link(match.group(1), match.group(2)))
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def link(url: str, label: str | None = None) -> str:
    """A sent mrkdwn link to `url`, its label (literal text) escaped and kept free of `|`."""
    clean_url = url.replace("<", "%3C").replace(">", "%3E").replace("|", "%7C").replace(" ", "%20")
    clean_url = escape(clean_url)
    if label is None:
        return f"<{clean_url}>"
    return f"<{clean_url}|{escape(label).replace('|', '¦')}>"


def to_plain(sent: str) -> str:
    """Sent mrkdwn as a person reads it: `label (url)`, `@name`, `#channel`, characters unescaped.

    Formatting marks (`*`, `_`) are kept: they are what a plain-text reader sees.
    """
    if "<" not in sent:
        return unescape(sent)
    return unescape(_ENTITY.sub(lambda m: _spell(m.group(1), links_spelled=True), sent))


def shorten(text: str, limit: int) -> str:
    """Literal text cut to at most `limit` characters, ending in "…" when cut."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + "…"


def stored_plain(text: str) -> str:
    """Stored mrkdwn as a person reads it: `to_plain(render_stored(text))`."""
    return to_plain(render_stored(text))


def decode(sent: str) -> str:
    """Text as Slack sends it (a command's or message's text) back to what the user typed.

    `<https://un.org|un.org>` → `un.org`, `<@U1|ana>` → `@ana`, `<#C1|general>` → `#general`,
    `<!here>` → `@here`, then `&amp;`/`&lt;`/`&gt;` → `&`/`<`/`>`. A stray `<` stays as it is.
    """
    if "<" not in sent:
        return unescape(sent)
    return unescape(_ENTITY.sub(lambda m: _spell(m.group(1), links_spelled=False), sent))


def _spell(inner: str, links_spelled: bool) -> str:
    """One `<…>` entity (its inside, still escaped) as the text a reader sees."""
    target, bar, label = inner.partition("|")
    if target[:1] in ("@", "#"):
        return f"{target[0]}{label.lstrip('@#')}" if label else target
    if target.startswith("!"):
        # <!date^…|fallback> shows its fallback; <!subteam^S1|@team> its handle; <!here> "@here".
        if label:
            return label if label.startswith("@") or target.startswith("!date") else "@" + label
        return "@" + target[1:].partition("^")[0]
    if not bar:
        return target
    if links_spelled and label != target:
        return f"{label} ({target})"
    return label
