"""Run `factbot check`'s validation on the store as a change would leave it, in a temp copy.

The store is copied, the changed files written into the copy, and the same loader and schedule
rules as `factbot check` run on it. Only the problems the change brings count (a store that had
an error before is not the suggester's fault); each is mapped to the field of the record it is on.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bot.facts.load import load_store
from bot.facts.model import Problem, Store
from bot.facts.report import summary
from bot.github.change import REPO_FACTS_DIR, Change, store_file
from bot.github.yamledit import find_record, load_text
from bot.schedule.load import check_schedules


@dataclass(frozen=True)
class CheckRun:
    """The check of a changed store: the new errors, and the one-line summary of the whole run."""

    errors: tuple[Problem, ...]
    summary: str
    store: Store  # the store as the change leaves it (for the posts it changes)

    @property
    def ok(self) -> bool:
        """True when the change brings no error."""
        return not self.errors


def check_change(
    facts_dir: Path, schedules_dir: Path, change: Change, text: str, today: dt.date
) -> CheckRun:
    """Validate the store with `text` written over the change's file, in a temp copy.

    Raises EditError when the change's path is not a file inside the store (nothing is written
    then). The changed record must be in the store the copy loads: one that is not would have
    gone unchecked, so it counts as an error (F024) even when the loader reports none."""
    before, _, _ = _problems(facts_dir, schedules_dir, today)
    with tempfile.TemporaryDirectory(prefix="factbot-check-") as tmp:
        copy = Path(tmp) / REPO_FACTS_DIR
        shutil.copytree(facts_dir, copy, symlinks=True)  # as check reads it: links not followed
        target = store_file(copy, change.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        after, files, store = _problems(copy, schedules_dir, today, shown_root=copy)
    known = Counter(_key(p, facts_dir) for p in before if p.severity == "error")
    new_errors = []
    for p in after:
        if p.severity != "error":
            continue
        if known[_key(p, facts_dir)] > 0:
            known[_key(p, facts_dir)] -= 1
            continue
        new_errors.append(p)
    if not new_errors and store.get(change.record_id) is None:
        new_errors.append(_not_loaded(change))
        after.append(new_errors[-1])
    return CheckRun(tuple(new_errors), summary(after, files), store)


def _not_loaded(change: Change) -> Problem:
    message = f"{change.record_id} was not loaded from {change.repo_path}, so it went unchecked"
    return Problem(change.repo_path, 1, 1, "F024", message)


def _problems(facts_dir: Path, schedules_dir: Path, today: dt.date, shown_root: Path | None = None):
    result = load_store(facts_dir, today=today)
    problems = list(result.problems)
    files = len(result.files)
    if schedules_dir.is_dir():
        problems += check_schedules(schedules_dir, result.store)
        files += sum(1 for p in schedules_dir.rglob("*") if p.suffix in (".yaml", ".yml"))
    if shown_root is not None:
        problems = [_shown_in_repo(p, shown_root) for p in problems]
    return problems, files, result.store


def _shown_in_repo(p: Problem, root: Path) -> Problem:
    """A problem in the temp copy, shown with its path in the repository (facts/...)."""
    try:
        rel = Path(p.path).resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return p
    return Problem(f"{REPO_FACTS_DIR}/{rel}", p.line, p.col, p.code, p.message, p.severity)


def _key(p: Problem, facts_dir: Path) -> tuple[str, str, str]:
    name = Path(p.path).name
    return name, p.code, p.message


def field_errors(problems: tuple[Problem, ...], text: str, record_id: str) -> dict[str, str]:
    """{field: message} for the problems on the record's lines; others under `record`."""
    found = find_record(load_text(text), record_id)
    lines: dict[int, str] = {}
    if found is not None:
        record = found[2]
        for key in record:
            lines[record.lc.key(key)[0] + 1] = str(key)
    out: dict[str, str] = {}
    for p in problems:
        on = max((line for line in lines if line <= p.line), default=None)
        name = lines[on] if on is not None else "record"
        out[name] = f"{out[name]}; {p.code} {p.message}" if name in out else f"{p.code} {p.message}"
    return out
