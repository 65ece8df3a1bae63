"""A position-aware, refusal-first YAML reader for files that people edit by pull request.

Usage (the fact loader and the schedules validator both use it)::

    from bot.facts.yamlsafe import read_yaml, Node

    result = read_yaml(path)            # never raises on bad content
    result.problems                     # tuple[Problem, ...]: F001 F002 F003 F006 F013 F014 F023
    result.root                         # Node | None (None when the file was refused/unparseable)
    result.root.value                   # dict[str, Node] | list[Node] | str | int | float | bool
                                        #   | None | datetime.date | datetime.datetime | bytes
    result.text                         # the file's text ("" when it could not be read)
    node.line, node.col                 # 1-based position of the value
    node.key_line, node.key_col         # position of its key, when the node is a mapping value
    node.plain()                        # plain data (dates as ISO strings), e.g. for JSON Schema
    display_path(path)                  # the path as the user typed it (relative to CWD if under)

What it refuses or reports, and why:
- files over `MAX_BYTES` (1 MiB) are refused (F014) by `stat` and a bounded read, never read whole;
- any anchor or alias (F013), found in the parser's event stream as the nodes are built (nothing
  is composed by PyYAML), so a billion-laughs file is refused at its first anchor, never expanded;
- lists and mappings nested deeper than `MAX_DEPTH` (F023), refused as they open, so no reader or
  consumer recurses deeper than that;
- tab characters (F003), one problem per line that has one;
- syntax errors (F001) at the line/col of the YAML mark, including "more than one document";
- duplicate mapping keys (F002): PyYAML silently keeps the last one; here the first one wins and the
  second is an error;
- numbers written in over `MAX_NUMBER_CHARS` characters (F006), kept as text, never built.
A scalar that YAML tags as a timestamp but that is not a real date (`2013-02-30`) is kept as its
text, so the caller can report it as an invalid date at the right line.
Only the safe loader's parser and constructor are used (`bot.facts.yamlnodes`); never `yaml.load`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.facts.model import Location, Problem
from bot.facts.rules import MAX_DEPTH, internal_error
from bot.facts.yamlnodes import Node, Refused, build

__all__ = ["MAX_BYTES", "Node", "ReadResult", "display_path", "parse_yaml", "read_yaml"]

MAX_BYTES = 1024 * 1024


@dataclass(frozen=True)
class ReadResult:
    """What `read_yaml` found: the root node (None if refused) and the problems."""

    path: str
    root: Node | None
    problems: tuple[Problem, ...]
    text: str = ""


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
    try:
        root, found = build(text, shown)
    except Refused as exc:
        return ReadResult(shown, None, (*problems, _refusal(exc, shown)), text)
    except yaml.YAMLError as exc:
        syntax = () if problems else (_syntax_problem(exc, shown),)  # a tab: say it once
        return ReadResult(shown, None, (*problems, *syntax), text)
    except Exception as exc:  # a bug in the reader: this file is refused, the rest still loads
        return ReadResult(shown, None, (*problems, internal_error(Location(shown), shown, exc)))
    return ReadResult(shown, root, (*problems, *found), text)


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


def _refusal(exc: Refused, shown: str) -> Problem:
    if exc.code == "F023":
        msg = f"file refused: lists and mappings nested deeper than {MAX_DEPTH} levels; "
        msg += "a record needs at most 6"
    else:
        msg = "file refused: YAML anchors/aliases (&name, *name) are not allowed; "
        msg += "write the value out in full"
    return Problem(shown, exc.mark.line + 1, exc.mark.column + 1, exc.code, msg)


def _syntax_problem(exc: yaml.YAMLError, shown: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    parts = [getattr(exc, "context", None), getattr(exc, "problem", None)]
    message = "; ".join(p for p in parts if p) or str(exc).splitlines()[0]
    return Problem(shown, line, col, "F001", f"YAML syntax error: {message}")
