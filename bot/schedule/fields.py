"""Typed field readers over one schedule mapping: each returns a value or records a Problem."""

from __future__ import annotations

from typing import TypeGuard, TypeVar

from bot.facts.fields import suggest
from bot.facts.model import Location, Problem, Severity
from bot.facts.scalars import not_text, show
from bot.facts.yamlsafe import Node

ADVISORIES = frozenset({"S101", "S102"})
Choice = TypeVar("Choice", bound=str)


def make_problem(code: str, where: Location, message: str) -> Problem:
    """A Problem for rule `code` at `where` (advisories never fail `factbot check`)."""
    severity: Severity = "advisory" if code in ADVISORIES else "error"
    return Problem(where.path, where.line, where.col, code, message, severity)


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


class ScheduleFields:
    """Reads one mapping's fields, collecting problems (S002 unknown, S003 missing, S004 type).

    Scalars are typed as the fact store types them (`bot.facts.scalars`): text is only what YAML
    read as text, with the same words when it is not.
    """

    def __init__(
        self, node: Node, path: str, known: tuple[str, ...], lines: list[str], what="schedule"
    ):
        self.node, self.path, self.lines, self.what = node, path, lines, what
        self.values: dict[str, Node] = node.value if isinstance(node.value, dict) else {}
        self.problems: list[Problem] = []
        for key, child in self.values.items():
            if key not in known:
                where = Location(path, child.key_line or child.line, child.key_col or child.col)
                msg = f"unknown field {show(key)} in {what}{suggest(key, known)}"
                self.problems.append(make_problem("S002", where, msg))

    def at(self, key: str | None = None) -> Location:
        """Where the value of `key` is, or the mapping itself when the key is absent."""
        node = (self.values.get(key) if key else None) or self.node
        return Location(self.path, node.line, node.col)

    def report(self, code: str, key: str | None, message: str) -> None:
        """Record a problem at the value of `key` (or the mapping)."""
        self.problems.append(make_problem(code, self.at(key), message))

    def source_line(self, key: str) -> str:
        """The raw text of the line holding `key` (to see what YAML turned into a comment)."""
        node = self.values.get(key)
        line = (node.key_line or node.line) if node else 0
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def raw(self, key: str, required: bool = False) -> object:
        """The plain value of `key`, or None when absent or empty (S003 when required)."""
        node = self.values.get(key)
        if node is None or node.value is None or node.value == "":
            if required:
                self.report("S003", None, f"{self.what} is missing required field '{key}'")
            return None
        return node.value

    def text(self, key: str, required: bool = False) -> str | None:
        """A string field."""
        value = self.raw(key, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self.report("S004", key, f"'{key}' must be text, {not_text(value)}")
            return None
        return value.strip()

    def choice(
        self, key: str, allowed: tuple[Choice, ...], code: str, required=False
    ) -> Choice | None:
        """One of `allowed` (`code` when it is not)."""
        value = self.text(key, required)
        if value is None:
            return None
        if value not in allowed:
            msg = f"'{key}' {show(value)} is not allowed; use one of: {', '.join(allowed)}"
            self.report(code, key, msg + suggest(value, allowed))
            return None
        return allowed[allowed.index(value)]  # the same text, typed as the allowed choice

    def number(self, key: str, low: int, high: int, code: str) -> int | None:
        """A whole number in [low, high]."""
        value = self.raw(key)
        if value is None:
            return None
        if not _is_int(value) or not low <= value <= high:
            self.report(code, key, f"'{key}' must be a whole number from {low} to {high}")
            return None
        return value

    def numbers(self, key: str, low: int, high: int, code: str) -> tuple[int, ...]:
        """A list of distinct whole numbers in [low, high], sorted largest first."""
        found: list[int] = []
        for item in self._items(key):
            value = item.value
            if not _is_int(value) or not low <= value <= high:
                where = Location(self.path, item.line, item.col)
                msg = f"each of '{key}' must be a whole number from {low} to {high}, "
                self.problems.append(make_problem(code, where, msg + f"not {show(value)}"))
            elif value in found:
                where = Location(self.path, item.line, item.col)
                self.problems.append(make_problem(code, where, f"'{key}' lists {value} twice"))
            else:
                found.append(value)
        return tuple(sorted(found, reverse=True))

    def strings(self, key: str) -> list[tuple[str, Location]]:
        """A list of non-empty strings, each with its position."""
        out: list[tuple[str, Location]] = []
        for item in self._items(key):
            where = Location(self.path, item.line, item.col)
            if isinstance(item.value, str) and item.value.strip():  # what not_text calls text
                out.append((item.value.strip(), where))
            else:
                msg = f"each of '{key}' must be text, {not_text(item.value)}"
                self.problems.append(make_problem("S004", where, msg))
        return out

    def child(self, key: str, known: tuple[str, ...]) -> ScheduleFields | None:
        """A nested mapping's reader (S004 when it is not a mapping)."""
        node = self.values[key]
        if not isinstance(node.value, dict):
            self.report("S004", key, f"'{key}' must be a mapping ({', '.join(known)})")
            return None
        return ScheduleFields(node, self.path, known, self.lines, what=f"'{key}'")

    def _items(self, key: str) -> list[Node]:
        node = self.values.get(key)
        if node is None or node.value is None:
            return []
        if not isinstance(node.value, list):
            self.report("S004", key, f"'{key}' must be a list in square brackets, e.g. [a, b]")
            return []
        return node.value
