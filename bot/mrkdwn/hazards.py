"""Content a reviewer can miss in a pull request: pings, disguised links, invisible characters.

`find_hazards` reads stored text (literal, as written in YAML) and names each hazard once per
kind. Rendering already neutralises pings (`<!channel>` and `<@U…>` are shown as written, never
parsed), but a reviewer should still see them; the invisible characters are shown to readers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.grammar import count
from bot.mrkdwn.model import STORED_LINK

# <!channel>, <!here>, <!everyone> and user-group pings <!subteam^S…>, with or without a label.
BROADCAST = re.compile(r"<!(?:channel|here|everyone|group|subteam\^)[^<>]*>", re.I)
MENTION = re.compile(r"<@([^<>|]*)[^<>]*>")
MARKDOWN_LINK = re.compile(r"\[([^\[\]]*)\]\(([^()\s]*)\)")
# What reads as an address: a scheme, `www.`, or a dotted host name.
_ADDRESS = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?:[/:?#]\S*)?$", re.I
)
BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")


@dataclass(frozen=True)
class Hazard:
    """One kind of hazard found in a text, with what to tell the reviewer."""

    kind: str  # "broadcast", "mention", "disguised_link", "bidi", "zero_width"
    message: str


def find_hazards(text: str) -> list[Hazard]:
    """The hazards in stored `text`, at most one per kind, in a fixed order."""
    found = []
    if "<" in text:
        if match := BROADCAST.search(text):
            found.append(Hazard("broadcast", f"a broadcast {match.group(0)!r} (pings everyone)"))
        if match := MENTION.search(text):
            found.append(Hazard("mention", f"a user mention {match.group(0)!r}"))
    if disguised := _disguised_link(text):
        found.append(Hazard("disguised_link", disguised))
    if text.isascii():
        return found
    if bidi := sorted({f"U+{ord(c):04X}" for c in text if c in BIDI}):
        what = count(len(bidi), "bidi control character")
        found.append(Hazard("bidi", f"{what} ({', '.join(bidi)})"))
    if hidden := sorted({f"U+{ord(c):04X}" for c in text if c in ZERO_WIDTH}):
        what = count(len(hidden), "zero-width character")
        found.append(Hazard("zero_width", f"{what} ({', '.join(hidden)})"))
    return found


def _disguised_link(text: str) -> str:
    """A message for the first link whose visible text is an address other than its target."""
    links = [(m.group(2), m.group(1)) for m in STORED_LINK.finditer(text) if m.group(2)]
    if "](" in text:
        links += [(m.group(1), m.group(2)) for m in MARKDOWN_LINK.finditer(text)]
    for label, target in links:
        shown = _host(label.strip())
        if shown and shown != _host(target):
            return f"a link showing {label.strip()!r} that goes to {target!r}"
    return ""


def _host(address: str) -> str:
    """The host name `address` names (`un.org` for `https://www.un.org/x`), or ''."""
    match = _ADDRESS.match(address)
    if match:
        return match.group(1).lower()
    try:
        host = urlsplit(address).hostname or ""
    except ValueError:  # e.g. an unclosed IPv6 bracket: not an address a reader recognises
        return ""
    return host.lower().removeprefix("www.")
