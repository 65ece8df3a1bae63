"""Source quality: kinds best first, UN document symbols and their official links, outlets.

A UN document symbol (`S/RES/2100 (2013)`, `S/2018/1174`) has one official address: the UN's
permanent link `https://undocs.org/<symbol>` (spaces dropped), which the UN runs and which opens
the document in the Official Document System (docs.un.org). factbot builds that link from the
symbol rather than trusting a mirror.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bot.facts.model import Source

# What a source is, best first: replies list sources in this order (see `by_quality`).
SOURCE_KINDS = ("primary", "press", "seed", "reference")
# A symbol: an organ letter group, then slash-separated parts, and an optional "(year)".
SYMBOL = re.compile(r"^[A-Z]{1,5}(/[A-Za-z0-9.\-]+)+( ?\(\d{4}\))?$")
UN_HOSTS = ("un.org", "undocs.org", "unmissions.org")


def symbol_url(symbol: str) -> str:
    """The official link of a UN document: `S/RES/2100 (2013)` → undocs.org/S/RES/2100(2013)."""
    return "https://undocs.org/" + symbol.replace(" ", "")


def host(url: str) -> str:
    """The outlet a URL belongs to: its host, lower-case, without `www.` (empty if none)."""
    try:
        name = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return name.removeprefix("www.")


def is_un_host(url: str) -> bool:
    """True for a link on the UN's own sites (un.org, undocs.org, unmissions.org and subdomains)."""
    name = host(url)
    return any(name == h or name.endswith("." + h) for h in UN_HOSTS)


def by_quality(sources: tuple[Source, ...] | list[Source]) -> list[Source]:
    """Sources best kind first (primary, press, seed, reference, unknown); order kept within."""
    rank = {kind: i for i, kind in enumerate(SOURCE_KINDS)}
    return sorted(sources, key=lambda s: rank.get(s.kind or "", len(rank)))
