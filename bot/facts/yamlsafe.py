"""A position-aware, refusal-first YAML reader for files that people edit by pull request.

Usage (the fact loader and the schedules validator both use it)::

    from bot.facts.yamlsafe import read_yaml, Node

    result = read_yaml(path)            # never raises on bad content
    result.problems                     # tuple[Problem, ...]: F001 F002 F003 F013 F014
    result.root                         # Node | None (None when the file was refused/unparseable)
    result.root.value                   # dict[str, Node] | list[Node] | str | int | float | bool
                                        #   | None | datetime.date | datetime.datetime
    node.line, node.col                 # 1-based position of the value
    node.key_line, node.key_col         # position of its key, when the node is a mapping value
    node.plain()                        # plain data (dates as ISO strings), e.g. for JSON Schema
    display_path(path)                  # the path as the user typed it (relative to CWD if under)

What it refuses or reports, and why:
- files over `MAX_BYTES` (1 MiB) are refused (F014) by `stat` and a bounded read, never read whole;
- any anchor or alias (F013), found in the parser's event stream before anything is composed, so a
  billion-laughs file is refused in milliseconds and never expanded;
- tab characters (F003), one problem per line that has one;
- syntax errors (F001) at the line/col of the YAML mark, including "more than one document";
- duplicate mapping keys (F002): PyYAML silently keeps the last one; here the first one wins and the
  second is an error.
A scalar that YAML tags as a timestamp but that is not a real date (`2013-02-30`) is kept as its
text, so the caller can report it as an invalid date at the right line.
Only the safe loader is used (compose, then our own scalar construction); never `yaml.load`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import yaml
from yaml.constructor import SafeConstructor

from bot.facts.model import Problem

MAX_BYTES = 1024 * 1024
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """The safe loader with a lean tag resolver: no path resolvers, same implicit rules.

    PyYAML's generic `resolve` is the largest cost of composing a big store; fact files use only
    the implicit scalar rules (int, float, bool, null, timestamp), which this applies unchanged.
    """

    def descend_resolver(self, current_node, current_index):
        return None

    def ascend_resolver(self):
        return None

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if implicit[0]:
                rules = self.yaml_implicit_resolvers.get(value[:1] if value else "", ())
                for tag, regexp in rules:
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        if kind is yaml.SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return self.DEFAULT_MAPPING_TAG


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


@dataclass(frozen=True)
class ReadResult:
    """What `read_yaml` found: the root node (None if refused) and the problems."""

    path: str
    root: Node | None
    problems: tuple[Problem, ...]


def display_path(path: Path | str) -> str:
    """The path relative to the current directory when it is under it, else as given."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return os.fspath(path)


def read_yaml(path: Path | str) -> ReadResult:
    """Read one YAML file safely; see the module docstring for what is refused or reported."""
    shown = display_path(path)
    text, problem = _read_bounded(Path(path), shown)
    if problem:
        return ReadResult(shown, None, (problem,))
    return parse_yaml(text, shown)


def parse_yaml(text: str, shown: str) -> ReadResult:
    """Parse YAML text already in memory (`shown` is the path used in problems)."""
    problems = _tab_problems(text, shown)
    refused = _anchor_problem(text, shown)
    if refused:
        if refused.code == "F001" and problems:  # the tab is the syntax error; say it once
            refused = None
        return ReadResult(shown, None, tuple(problems) + ((refused,) if refused else ()))
    try:
        composed = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        syntax = () if problems else (_syntax_problem(exc, shown),)  # a tab: say it once
        return ReadResult(shown, None, (*problems, *syntax))
    if composed is None:
        return ReadResult(shown, None, tuple(problems))
    root = _convert(composed, shown, problems)
    return ReadResult(shown, root, tuple(problems))


def _read_bounded(path: Path, shown: str) -> tuple[str, Problem | None]:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return "", _too_large(shown, size)
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)  # bounded even if the file grows after stat
    except OSError as exc:
        return "", Problem(shown, 1, 1, "F001", f"cannot read file: {exc.strerror or exc}")
    if len(data) > MAX_BYTES:
        return "", _too_large(shown, len(data))
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return "", Problem(shown, line, 1, "F001", "file is not valid UTF-8 text")


def _too_large(shown: str, size: int) -> Problem:
    msg = f"file refused: {size:,} bytes is over the {MAX_BYTES:,}-byte limit; split it up"
    return Problem(shown, 1, 1, "F014", msg)


def _tab_problems(text: str, shown: str) -> list[Problem]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "\t" in line:
            col = line.index("\t") + 1
            msg = "tab character; use spaces (2 per indent level) and no tabs inside text"
            found.append(Problem(shown, number, col, "F003", msg))
    return found


# An anchor or alias can only start where a node starts: at a line's start or after white space
# or a flow indicator. Text with no such `&`/`*` cannot hold one, so the event walk is skipped.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[\]{},])[&*]", re.MULTILINE)


def _anchor_problem(text: str, shown: str) -> Problem | None:
    """Walk the parser's events (no composing, no expansion) looking for anchors and aliases."""
    if not _MAYBE_ANCHOR.search(text):
        return None
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                msg = "file refused: YAML anchors/aliases (&name, *name) are not allowed; "
                msg += "write the value out in full"
                return Problem(shown, mark.line + 1, mark.column + 1, "F013", msg)
    except yaml.YAMLError as exc:
        return _syntax_problem(exc, shown)
    return None


def _syntax_problem(exc: yaml.YAMLError, shown: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    parts = [getattr(exc, "context", None), getattr(exc, "problem", None)]
    message = "; ".join(p for p in parts if p) or str(exc).splitlines()[0]
    return Problem(shown, line, col, "F001", f"YAML syntax error: {message}")


def _convert(node: yaml.Node, shown: str, problems: list[Problem], key=None) -> Node:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    kl, kc = (key.start_mark.line + 1, key.start_mark.column + 1) if key else (None, None)
    if isinstance(node, yaml.MappingNode):
        value: object = _convert_mapping(node, shown, problems)
    elif isinstance(node, yaml.SequenceNode):
        value = [_convert(item, shown, problems) for item in node.value]
    else:
        value = _scalar(node)
    return Node(value, line, col, kl, kc)


def _convert_mapping(node: yaml.MappingNode, shown: str, problems: list[Problem]) -> dict:
    out: dict[str, Node] = {}
    for key_node, value_node in node.value:
        line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(shown, line, col, "F006", "a key must be a plain word"))
            continue
        key = key_node.value
        if key in out:
            first = out[key].key_line
            msg = f"duplicate key '{key}' (first at line {first}); YAML would keep only one"
            problems.append(Problem(shown, line, col, "F002", msg))
            continue
        out[key] = _convert(value_node, shown, problems, key=key_node)
    return out


_STR_TAG = "tag:yaml.org,2002:str"
_CONSTRUCTOR = SafeConstructor()


def _scalar(node: yaml.ScalarNode) -> object:
    if node.tag == _STR_TAG:  # most values: no constructor needed
        return node.value
    try:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    except (ValueError, yaml.YAMLError):  # e.g. a timestamp that is not a real date
        return node.value
    finally:
        _CONSTRUCTOR.constructed_objects.clear()  # scalars only: nothing to keep between calls
