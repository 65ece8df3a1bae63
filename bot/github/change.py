"""What a suggestion changes, as data: one field of one record, or a new record in a file.

A change is stored (as JSON) with its suggestion and applied to whatever text the file has when
the pull request is made, so a retry after the default branch moved rebases on its head.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any, Literal

from bot.facts.model import Store
from bot.github.yamledit import Edited, EditError, append_record, edit_field, find_record, load_text

REPO_FACTS_DIR = "facts"  # where the fact store sits in the repository
# A topic no fact has yet becomes a directory name: one path segment, nothing to escape with.
TOPIC_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@dataclass(frozen=True)
class Change:
    """`edit`: set fields of `record_id` ({field: value}); `new`: add `record` to `section`."""

    kind: Literal["edit", "new"]
    record_id: str
    path: str  # the file, relative to the fact store directory (e.g. minusma/figures.yaml)
    edits: dict[str, str] = dataclass_field(default_factory=dict)
    section: str = "facts"
    record: dict[str, Any] = dataclass_field(default_factory=dict)

    @property
    def repo_path(self) -> str:
        """The file's path in the repository."""
        return f"{REPO_FACTS_DIR}/{self.path}"

    def describe(self) -> str:
        """One line for titles and lists."""
        if self.kind == "new":
            return f"new fact {self.record_id}"
        return f"{', '.join(self.edits)} of {self.record_id}"

    def to_json(self) -> str:
        """The stored form."""
        return json.dumps(asdict(self), default=str)  # key order kept: it is the record's

    @classmethod
    def from_json(cls, raw: str) -> Change:
        """Back from the stored form."""
        return cls(**json.loads(raw))

    def apply(self, text: str | None) -> Edited:
        """The file's text with this change made; raises EditError when it cannot be made."""
        if self.kind == "edit":
            if text is None:
                raise EditError(f"{self.repo_path} does not exist")
            edited = Edited(text, 0)
            for name, value in self.edits.items():
                edited = edit_field(edited.text, self.record_id, name, value)
            return edited
        if text is not None and find_record(load_text(text), self.record_id) is not None:
            return Edited(text, 0)  # already there: the commit landed earlier
        return append_record(text or "", self.section, self.record)


def edit_change(store: Store, facts_dir: Path, record_id: str, edits: dict[str, str]) -> Change:
    """Field edits of a record of the loaded store; raises EditError for an unknown record."""
    record = store.get(record_id)
    if record is None:
        raise EditError(f"no record {record_id!r} in the fact store")
    path = relative_to_store(record.location.path, facts_dir)
    store_file(facts_dir, path)  # raises EditError if the loader's path is outside the store
    if not edits:
        raise EditError("nothing to change")
    return Change("edit", record_id, path, edits=dict(edits))


def new_fact_change(store: Store, facts_dir: Path, record: dict[str, Any]) -> Change:
    """A new fact, filed beside most of the facts of its topic (the store's layout by topic)."""
    record_id = str(record.get("id") or "").strip()
    if not record_id:
        raise EditError("the new fact needs an id")
    if store.get(record_id) is not None:
        raise EditError(f"{record_id!r} is already in the fact store: suggest a correction")
    topic = record.get("topic")
    path = file_for_topic(store, facts_dir, topic if isinstance(topic, str) else "")
    return Change("new", record_id, path, record=record)


def file_for_topic(store: Store, facts_dir: Path, topic: str) -> str:
    """The file holding most facts of `topic`; a new topic (a slug) gets `<topic>/facts.yaml`.

    Raises EditError for a topic that is neither the store's nor a slug: the topic becomes a
    path, and only a slug stays a single directory inside the store."""
    counts: dict[str, int] = {}
    for fact in store.facts.values():
        if fact.topic == topic:
            path = relative_to_store(fact.location.path, facts_dir)
            counts[path] = counts.get(path, 0) + 1
    if counts:
        path = max(sorted(counts), key=lambda p: counts[p])
    elif topic in store.topics() or TOPIC_SLUG.fullmatch(topic):
        path = f"{topic}/facts.yaml"
    else:
        known = ", ".join(store.topics()[:10]) or "none yet"
        raise EditError(
            f"topic {topic[:80]!r} is not one of the store's ({known}); a new topic is "
            "lowercase letters, digits and dashes",
            field="topic",
        )
    store_file(facts_dir, path)  # raises EditError if it would leave the store
    return path


def relative_to_store(path: str, facts_dir: Path) -> str:
    """A record's file (as the loader shows it) relative to the fact store directory."""
    try:
        return Path(path).resolve().relative_to(facts_dir.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def store_file(root: Path, path: str) -> Path:
    """`root / path`, resolved; raises EditError unless it is a YAML file inside `root`.

    Every path a suggestion writes or reads comes through here: a change's path is user input
    (a topic, a stored row), and `..` or an absolute path must not leave the store."""
    base = root.resolve()
    target = (base / path).resolve()
    if (
        not path
        or Path(path).is_absolute()
        or target == base
        or not target.is_relative_to(base)
        or target.suffix not in (".yaml", ".yml")
    ):
        raise EditError(f"{path[:120]!r} is not a file inside the fact store")
    return target
