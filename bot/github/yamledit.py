"""Minimal YAML edits with a round-trip parser: one record's lines change, nothing else does.

ruamel.yaml keeps comments, key order, quoting, folded scalars and the `# yaml-language-server:
$schema=` modeline; on the shipped store a load and dump gives back every file byte for byte. As a
last guard, `edit_field` and `append_record` compare the result with the original and refuse an
edit that would touch any line outside the record (never string surgery, never a surprise diff).
Every function is total: bad input comes back as an `EditError` message, never an exception.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString

WIDTH = 100  # the store's line length: long text is folded (`>-`) inside it
DATE_FIELDS = ("as_of", "reviewed", "review_by", "checked", "date")
# Fields a suggestion may change; `sources` and lists go through a reviewer, not a one-line edit.
TEXT_FIELDS = ("statement", "caveat", "seed_claim", "summary", "title", "suggested_post")
EDITABLE_FIELDS = (*TEXT_FIELDS, *DATE_FIELDS, "confidence", "review_every", "superseded_by")
REQUIRED_FIELDS = ("id", "statement", "as_of", "sources", "topic", "date", "title", "summary")
SECTIONS = ("facts", "events", "talking_points")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


class EditError(Exception):
    """An edit that cannot be made; str() is the message for the user, `field` what it is about."""

    def __init__(self, message: str, field: str = "statement") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Edited:
    """The file's new text and the 1-based line where the edited record starts."""

    text: str
    line: int


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap untouched plain scalars
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load_text(text: str) -> Any:
    """The round-trip tree of a YAML text; raises EditError when it is not YAML."""
    try:
        return _yaml().load(text)
    except (YAMLError, ValueError, RecursionError) as exc:
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise EditError(f"the file is not valid YAML: {first}") from exc


def _dump(data: Any) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def find_record(data: Any, record_id: str) -> tuple[str, int, CommentedMap] | None:
    """(section, index, record) of the record with this id in a loaded file, if present."""
    if not isinstance(data, CommentedMap):
        return None
    for section in SECTIONS:
        items = data.get(section)
        if not isinstance(items, CommentedSeq):
            continue
        for index, item in enumerate(items):
            if isinstance(item, CommentedMap) and str(item.get("id")) == record_id:
                return section, index, item
    return None


def scalar_for(field: str, value: str, indent: int) -> Any:
    """The YAML value for a field typed as text: a date, a folded paragraph, or a plain string."""
    value = value.strip()
    if field in DATE_FIELDS:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # `2018-07` (month precision) or a mistake the validator will name
    if field in TEXT_FIELDS and indent + len(field) + 2 + len(value) > WIDTH:
        return folded(value, WIDTH - indent - 2)
    return value


def folded(text: str, width: int) -> FoldedScalarString:
    """A `>-` scalar folded at spaces so each line fits in `width` characters."""
    text = " ".join(text.split())
    scalar = FoldedScalarString(text)
    positions, line_start, last_space = [], 0, None
    for i, char in enumerate(text):
        if char == " ":
            if i - line_start > width and last_space is not None:
                positions.append(last_space)
                line_start = last_space + 1
            last_space = i
    if len(text) - line_start > width and last_space is not None and last_space >= line_start:
        positions.append(last_space)
    scalar.fold_pos = positions
    return scalar


def edit_field(text: str, record_id: str, field: str, value: str) -> Edited:
    """Set (or, with an empty value, remove) one field of one record; raises EditError."""
    refuse_control_characters(value)
    if field not in EDITABLE_FIELDS:
        raise EditError(f"{field!r} cannot be suggested here; fields: {', '.join(EDITABLE_FIELDS)}")
    data = load_text(text)
    found = find_record(data, record_id)
    if found is None:
        raise EditError(f"no record {record_id!r} in this file")
    section, index, record = found
    if not value.strip():
        if field in REQUIRED_FIELDS:
            raise EditError(f"{field} cannot be empty")
        record.pop(field, None)
    else:
        indent = record.lc.col + 2
        old = record.get(field)
        new = scalar_for(field, value, indent)
        if isinstance(old, FoldedScalarString) and isinstance(new, str) and field in TEXT_FIELDS:
            new = folded(value, WIDTH - indent - 2)
        record[field] = new
    span = _record_span(data[section], index, text)
    new_text = _dump(data)
    _check_confined(text, new_text, span)
    load_text(new_text)  # what is written must read back (the validator reads it next)
    return Edited(new_text, record.lc.line + 1)


def refuse_control_characters(value: object) -> None:
    """YAML cannot hold control characters (other than tab and newline): say so."""
    for text in value.values() if isinstance(value, dict) else [value]:
        if isinstance(text, str) and any(
            (ord(c) < 32 and c not in "\t\n\r") or 0x7F <= ord(c) < 0xA0 or c in "\ufffe\uffff"
            for c in text
        ):
            raise EditError("the text contains a control character; type it again without it")


def append_record(text: str, section: str, record: dict[str, Any]) -> Edited:
    """Add a record at the end of a section (created if missing); only new lines appear."""
    data = load_text(text) if text.strip() else CommentedMap()
    if data is None:
        data = CommentedMap()
    if not isinstance(data, CommentedMap):
        raise EditError("the file is not a mapping of sections")
    items = data.get(section)
    if items is None:
        items = data[section] = CommentedSeq()
    if not isinstance(items, CommentedSeq):
        raise EditError(f"{section}: is not a list in this file")
    refuse_control_characters(record)
    node = CommentedMap()
    for key, value in record.items():
        node[key] = scalar_for(key, value, 4) if isinstance(value, str) else value
    items.append(node)
    new_text = _dump(data)
    matcher = difflib.SequenceMatcher(a=text.splitlines(), b=new_text.splitlines(), autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if any(op[0] != "insert" for op in changes):
        raise EditError("adding the record would change other lines of the file")
    load_text(new_text)
    return Edited(new_text, changes[0][3] + 1 if changes else 1)


def _record_span(items: CommentedSeq, index: int, text: str) -> tuple[int, int]:
    """0-based [start, end) lines of item `index`: up to the next item or the end of the file."""
    start = items[index].lc.line
    if index + 1 < len(items):
        return start, items[index + 1].lc.line
    return start, len(text.splitlines())


def _check_confined(old: str, new: str, span: tuple[int, int]) -> None:
    matcher = difflib.SequenceMatcher(a=old.splitlines(), b=new.splitlines(), autojunk=False)
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag != "equal" and (i1 < span[0] or i2 > span[1]):
            raise EditError("the edit would change lines outside the record; edit it by hand")


def unified_diff(path: str, old: str, new: str) -> str:
    """A `git diff`-style unified diff of one file."""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    return "".join(lines)
