r"""One pass over the YAML parser's events: position-aware `Node`s, with anchors refused on sight.

Used by `bot.facts.yamlsafe.parse_yaml`; it replaces `yaml.compose` plus a second walk that turned
PyYAML nodes into ours. No PyYAML node tree is built and keys are never tag-resolved (only their
text is used): reading the 10k-fact benchmark store takes ~0.5 s instead of ~1.3 s. The outcome is
the same as composing with the safe loader: the same implicit tags (YAML 1.1, as PyYAML's
SafeLoader resolves them), the same values, the same positions, the same "single document" error,
and F002/F006 for duplicate or non-text keys. Two bounds it adds: lists and mappings nested deeper
than `MAX_DEPTH` refuse the file (F023) before any recursion gets deep, and a number written in
more than `MAX_NUMBER_CHARS` characters is F006 and kept as its text, never built. And a string
holding a control character (written as a YAML escape: `"\0"`, `"\e"`, `"\x7f"`, `"\N"`) is
F025, kept without it: no text a reader sees, in Slack, a terminal or a calendar, can want one.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

import yaml
from yaml.composer import ComposerError
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from bot.facts.model import Problem
from bot.facts.rules import MAX_DEPTH, MAX_NUMBER_CHARS
from bot.facts.scalars import show
from bot.grammar import count

BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVERS = BaseLoader.yaml_implicit_resolvers  # first character -> [(tag, regexp)], as SafeLoader
_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_CONSTRUCTOR = SafeConstructor()
# An anchor or alias can only start where a node starts: at a line's start or after white space
# or a flow indicator. The reader used to walk every event of such a text for anchors before
# composing; with a second document, that walk's finding (anchor or syntax error) came first.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[\]{},])[&*]", re.MULTILINE)
_new_node = tuple.__new__  # Node(...) without the generated __new__'s Python frame
# C0 and C1 control characters and DEL, but for the tab and line feed that text may hold.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_STARTS = (MappingStartEvent, SequenceStartEvent)
_ENDS = (MappingEndEvent, SequenceEndEvent)


class Node(NamedTuple):
    """A YAML value with its 1-based position (and its key's position inside a mapping)."""

    value: object
    line: int
    col: int
    key_line: int | None = None
    key_col: int | None = None

    def plain(self) -> object:
        """The value as plain Python data; dates and datetimes become ISO strings."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        if hasattr(self.value, "isoformat"):
            return self.value.isoformat()
        return self.value


def _position(ev: ScalarEvent) -> tuple[int, int]:
    """The 1-based line and column where a parsed scalar starts (the parser always marks it;
    PyYAML's hint allows an event made without a mark)."""
    mark = ev.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


class Refused(Exception):
    """The file is refused at `mark` (a YAML mark, 0-based): an anchor or alias (F013), or
    nesting deeper than `MAX_DEPTH` (F023)."""

    def __init__(self, mark, code: str = "F013"):
        super().__init__("anchor or alias" if code == "F013" else "nested too deep")
        self.mark, self.code = mark, code


def build(text: str, shown: str) -> tuple[Node | None, list[Problem]]:
    """The root node (None for an empty stream) and the key problems (F002, F006).

    Raises `Refused` for an anchor/alias or nesting too deep, and `yaml.YAMLError` for a syntax
    error, whichever comes first in the text.
    """
    loader = BaseLoader(text)
    try:
        return _Builder(loader.get_event, shown).stream(text)
    finally:
        loader.dispose()


class _Builder:
    """Turns events into Nodes; `next` is the parser's get_event."""

    def __init__(self, next_event, shown: str):
        self.next, self.shown = next_event, shown
        self.problems: list[Problem] = []
        self.depth = 0  # lists and mappings open around the current node

    def stream(self, text: str) -> tuple[Node | None, list[Problem]]:
        """StreamStart, at most one document, StreamEnd."""
        nxt = self.next
        nxt()  # StreamStart
        if type(nxt()) is StreamEndEvent:  # no document at all (empty, or only comments)
            return None, []
        root = self.node(nxt())
        nxt()  # DocumentEnd
        after = nxt()
        if type(after) is not StreamEndEvent:
            if _MAYBE_ANCHOR.search(text):  # as before: an anchor or syntax error anywhere wins
                self.drain()
            raise ComposerError(
                "expected a single document in the stream", None,
                "but found another document", after.start_mark,
            )  # fmt: skip
        return root, self.problems

    def node(self, ev, key_line: int | None = None, key_col: int | None = None) -> Node:
        """The node that starts with event `ev`."""
        cls = type(ev)
        if cls is AliasEvent or ev.anchor:
            raise Refused(ev.start_mark)
        if cls is ScalarEvent:
            tag, value = ev.tag, ev.value
            if tag is not None and tag != "!":
                value = self.tagged(tag, value, ev)
            elif ev.implicit[0] and (rules := _RESOLVERS.get(value[:1])):
                value = self.resolved(rules, value, ev)
            # else: quoted, or a plain scalar no implicit rule can match (most text): a string
            if type(value) is str and _CONTROL.search(value):
                value = self.without_controls(value, ev)
        else:
            self.depth += 1
            if self.depth > MAX_DEPTH:  # refused before Python's recursion limit is near
                raise Refused(ev.start_mark, "F023")
            value = self.mapping() if cls is MappingStartEvent else self.sequence()
            self.depth -= 1
        mark = ev.start_mark
        return _new_node(Node, (value, mark.line + 1, mark.column + 1, key_line, key_col))

    def sequence(self) -> list[Node]:
        """The items up to SequenceEnd."""
        nxt, items = self.next, []
        while type(ev := nxt()) is not SequenceEndEvent:
            items.append(self.node(ev))
        return items

    def mapping(self) -> dict[str, Node]:
        """Key/value pairs up to MappingEnd; the first of duplicate keys wins, the rest are F002."""
        nxt = self.next
        out: dict[str, Node] = {}
        while (cls := type(key := nxt())) is not MappingEndEvent:
            if cls is AliasEvent or key.anchor:
                raise Refused(key.start_mark)
            line, col = key.start_mark.line + 1, key.start_mark.column + 1
            if cls is not ScalarEvent:
                self.skip(key)
                self.skip(nxt())
                self.report(line, col, "F006", "a key must be a plain word")
            elif key.value in out:
                self.skip(nxt())
                first = out[key.value].key_line
                msg = f"duplicate key {show(key.value)} (first at line {first}); "
                self.report(line, col, "F002", msg + "YAML would keep only one")
            else:
                out[key.value] = self.node(nxt(), line, col)
        return out

    def without_controls(self, value: str, ev: ScalarEvent) -> str:
        """`value` without its control characters, reported once (F025) at the scalar."""
        found = sorted(set(_CONTROL.findall(value)))
        names = ", ".join(f"U+{ord(c):04X}" for c in found)
        what = count(len(found), "control character")
        msg = f"text has {what} ({names}), which no reader can see; delete the escape that wrote it"
        self.report(*_position(ev), "F025", msg)
        return _CONTROL.sub("", value)

    def report(self, line: int, col: int, code: str, message: str) -> None:
        """Record a problem at a key or a scalar."""
        self.problems.append(Problem(self.shown, line, col, code, message))

    def skip(self, ev) -> None:
        """Pass over the node starting at `ev` (not kept), still refusing anchors."""
        depth = 1 if type(ev) in _STARTS else 0
        while True:
            if type(ev) is AliasEvent or getattr(ev, "anchor", None):
                raise Refused(ev.start_mark)
            if depth == 0:
                return
            ev = self.next()
            depth += 1 if type(ev) in _STARTS else -1 if type(ev) in _ENDS else 0

    def drain(self) -> None:
        """Read every remaining event, refusing anchors (syntax errors raise on their own)."""
        ev = None
        while type(ev) is not StreamEndEvent:
            ev = self.next()
            if type(ev) is AliasEvent or getattr(ev, "anchor", None):
                raise Refused(ev.start_mark)

    def resolved(self, rules: list, value: str, ev: ScalarEvent) -> object:
        """A plain scalar's value under SafeLoader's implicit rules for its first character."""
        for tag, regexp in rules:
            if regexp.match(value):
                return self.tagged(tag, value, ev)
        return value

    def tagged(self, tag: str, value: str, ev: ScalarEvent) -> object:
        """The value of a scalar with this tag, as the safe constructor makes it."""
        if tag == _STR_TAG:
            return value
        if tag in _NUMBER_TAGS and len(value) > MAX_NUMBER_CHARS:
            msg = f"a number {count(len(value), 'character')} long; no field takes one this long "
            self.report(*_position(ev), "F006", msg + "(text goes in quotes)")
            return value
        if tag == _TIMESTAMP_TAG and _DATE.match(value):  # the constructor's date-only branch
            try:
                return dt.date(int(value[:4]), int(value[5:7]), int(value[8:]))
            except ValueError:  # not a real date (2013-02-30): kept as text, reported by the caller
                return value
        return self.construct(tag, value)

    def construct(self, tag: str, value: str) -> object:
        """The safe constructor's value; its text when the constructor rejects it."""
        try:
            return _CONSTRUCTOR.construct_object(yaml.ScalarNode(tag, value), deep=True)
        except Exception:  # `!!int abc`, `!!bool maybe` (KeyError), `!!int ""` (IndexError)
            # PyYAML's constructors crash on some explicitly tagged text; keep the text, so the
            # field's own check reports it at its line instead of a traceback.
            return value
        finally:
            _CONSTRUCTOR.constructed_objects.clear()  # scalars only: nothing to keep
