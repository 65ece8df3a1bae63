"""Typed field readers over one YAML mapping: each returns a clean value or records a Problem."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from urllib.parse import urlsplit

from bot.facts.model import Location, Problem
from bot.facts.rules import HAZARD_CODES, MAX_ID, MAX_MRKDWN, MAX_YEAR, MIN_YEAR, problem
from bot.facts.scalars import is_blank, not_text, show
from bot.facts.yamlsafe import Node
from bot.grammar import count
from bot.mrkdwn import find_hazards, sent_length

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def slug_problem(value: str) -> str | None:
    """Why `value` cannot be an id (not a slug, or over MAX_ID characters); None if it can."""
    if len(value) > MAX_ID:
        return f"is {count(len(value), 'character')} long; an id has at most {MAX_ID}"
    if not SLUG.match(value):
        return "is not a slug (lower-case letters, digits and hyphens)"
    return None


def suggest(word: str, known: tuple[str, ...] | list[str]) -> str:
    """` (did you mean 'x'?)` for the closest known word, or an empty string."""
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def parse_date(value: object) -> dt.date | None:
    """A YAML date, or a `YYYY-MM-DD` string that is a real date; None otherwise."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


# The common case, decided without urlsplit: printable ASCII with no space, a lower-case http(s)
# scheme and a host part (up to / ? #) that is not empty and has no brackets. urlsplit would
# accept exactly these (scheme http/https, a netloc) without raising; anything else goes to it.
_PLAIN_URL = re.compile(r'https?://[!-"$-.0->@-Z\\^-~]+(?:[/?#][!-~]*)?\Z')


def is_http_url(value: str) -> bool:
    """True for an absolute http:// or https:// URL with a host and no spaces."""
    if _PLAIN_URL.match(value):
        return True
    try:
        parts = urlsplit(value)
    except ValueError:  # "http://[::1" (unclosed bracket), characters NFKC turns into / ? # @ :
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not re.search(r"\s", value)


class Fields:
    """Reads the fields of one record mapping, collecting problems with their positions."""

    def __init__(self, node: Node, path: str, known: tuple[str, ...], what: str):
        self.node, self.path, self.what, self.known = node, path, what, known
        self.values: dict[str, Node] = node.value if isinstance(node.value, dict) else {}
        self.problems: list[Problem] = []

    def check_unknown(self) -> None:
        """Report every field not in `known` (F004), suggesting the closest known field."""
        for key, child in self.values.items():
            if key not in self.known:
                where = Location(
                    self.path, child.key_line or child.line, child.key_col or child.col
                )
                msg = f"unknown field {show(key)} in {self.what}{suggest(key, self.known)}"
                self.problems.append(problem("F004", where, msg))

    def at(self, key: str | None = None) -> Location:
        """Where the value of `key` is, or the record itself when the key is absent."""
        node = self.values.get(key) if key else None
        node = node or self.node
        return Location(self.path, node.line, node.col)

    def report(self, code: str, key: str | None, message: str) -> None:
        """Record a problem at the value of `key` (or the record)."""
        self.problems.append(problem(code, self.at(key), message))

    def raw(self, key: str, required: bool) -> object:
        """The plain value of `key`, or None when absent or empty (reported when required)."""
        node = self.values.get(key)
        value = node.value if node is not None else None
        if is_blank(value):
            if required:
                self.report("F005", key, f"{self.what} is missing required field '{key}'")
            elif node is not None and value != []:
                self.report("F005", key, f"'{key}' is empty; fill it in or remove the line")
            return None
        return value

    def text(self, key: str, required: bool = False, limit: int | None = MAX_MRKDWN) -> str | None:
        """A string field, checked for type; shown text (`limit`) for length as sent and hazards."""
        value = self.raw(key, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self.report("F006", key, f"'{key}' must be text, {not_text(value)}")
            return None
        if limit:
            sent = sent_length(value)
            if sent > limit:
                escaped = " (`&` counts 5, `<` and `>` 4, as Slack receives them)"
                extra = escaped if sent != len(value) else ""
                size = count(sent, "character")
                msg = f"'{key}' is {size} as sent{extra}; the limit is {limit:,}"
                self.report("F012", key, msg)
            self.advise(key, value)
        return value.strip()

    def advise(self, key: str, value: str) -> None:
        """Advisories (A106–A110) for pings, disguised links and invisible characters in `key`."""
        for hazard in find_hazards(value):
            self.report(HAZARD_CODES[hazard.kind], key, f"'{key}' has {hazard.message}")

    def slug(self, key: str, required: bool = False) -> str | None:
        """An id (or id reference) that must be a slug."""
        value = self.text(key, required, limit=None)
        if value is not None and (why := slug_problem(value)):
            self.report("F015", key, f"{key} {show(value)} {why}")
            return None
        return value

    def date(
        self, key: str, required: bool = False, expected: str = "YYYY-MM-DD"
    ) -> dt.date | None:
        """A `YYYY-MM-DD` date that exists in the calendar."""
        value = self.raw(key, required)
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            msg = f"'{key}' is not a valid date: {show(value)} (expected {expected})"
            self.report("F007", key, msg)
        return parsed if parsed is None or self.in_years(key, parsed.year) else None

    def in_years(self, key: str, year: int) -> bool:
        """True for a year every consumer handles; else F007 (9999-12-31 crashed `ics`)."""
        if MIN_YEAR <= year <= MAX_YEAR:
            return True
        msg = f"'{key}' is in the year {year}; dates run from {MIN_YEAR} to {MAX_YEAR}"
        self.report("F007", key, msg)
        return False

    def choice(self, key: str, allowed: tuple[str, ...], required: bool = False) -> str | None:
        """One of `allowed`."""
        value = self.text(key, required, limit=None)
        if value is not None and value not in allowed:
            msg = f"{key} {show(value)} is not allowed; use one of: {', '.join(allowed)}"
            self.report("F016", key, msg + suggest(value, allowed))
            return None
        return value

    def items(self, key: str, required: bool = False) -> list[Node]:
        """The nodes of a list field (F021 when a required list is empty)."""
        node = self.values.get(key)
        if node is not None and node.value == [] and required:
            self.report("F021", key, f"'{key}' needs at least one item")
            return []
        if self.raw(key, required) is None or node is None:  # raw reports a missing one
            return []
        if not isinstance(node.value, list):
            self.report("F006", key, f"'{key}' must be a list (one '- item' per line)")
            return []
        return node.value

    def strings(self, key: str) -> tuple[str, ...]:
        """A list of non-empty strings (tags, aliases)."""
        out: list[str] = []
        for item in self.items(key):
            if isinstance(item.value, str) and item.value.strip():  # what not_text calls text
                out.append(item.value.strip())
            else:
                where = Location(self.path, item.line, item.col)
                msg = f"each of '{key}' must be text, {not_text(item.value)}"
                self.problems.append(problem("F006", where, msg))
        return tuple(out)

    def ids(self, key: str, required: bool = False) -> list[tuple[str, Location]]:
        """A list of id references, each with its position."""
        out = []
        for item in self.items(key, required):
            where = Location(self.path, item.line, item.col)
            if isinstance(item.value, str) and not slug_problem(item.value):
                out.append((item.value, where))
            else:
                msg = f"each of '{key}' must be an id (a slug), not {show(item.value)}"
                self.problems.append(problem("F006", where, msg))
        return out

    def url(self, key: str) -> str | None:
        """A required http(s) URL."""
        value = self.text(key, required=True, limit=None)
        if value is not None and not is_http_url(value):
            self.report("F008", key, f"'{key}' must be an http:// or https:// link: {show(value)}")
            return None
        return value
