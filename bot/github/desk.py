"""The suggestion desk the Slack handlers use: one object holding the database, the repository
and the store's directories, so each handler is a few lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.facts.model import Store
from bot.github.change import edit_change, new_fact_change
from bot.github.client import GitHubRepo
from bot.github.pulls import StoreDirs
from bot.github.service import Meta, Prepared, Preview, Submitted, attempt, prepare
from bot.github.suggestions import (
    Suggestion,
    add_suggestion,
    find_by_origin,
    get_suggestion,
    rename_suggester,
)
from bot.storage import Database


@dataclass(frozen=True)
class Desk:
    """Prepare, store and open suggestions for the running bot."""

    db: Database
    repo: GitHubRepo | None
    facts_dir: Path
    schedules_dir: Path
    today: Callable[[], dt.date]
    now: Callable[[], dt.datetime]
    preview_for: Callable[[Path, dt.date], Preview]

    def dirs(self) -> StoreDirs:
        """The store's directories and today's date, for validation."""
        return StoreDirs(self.facts_dir, self.schedules_dir, self.today())

    def prepare_edit(self, store: Store, record_id: str, edits: dict[str, str]) -> Prepared:
        """The correction on the local store, checked; raises EditError if it cannot apply."""
        return prepare(edit_change(store, self.facts_dir, record_id, edits), self.dirs())

    def prepare_new(self, store: Store, record: dict[str, Any]) -> Prepared:
        """The new fact on the local store, checked; raises EditError if it cannot apply."""
        return prepare(new_fact_change(store, self.facts_dir, record), self.dirs())

    def keep(self, prepared: Prepared, meta: Meta, origin: str) -> Suggestion:
        """Store the suggestion (pending) before GitHub is called."""
        return add_suggestion(
            self.db,
            prepared.change,
            meta.reason,
            meta.source_url,
            meta.suggested_by,
            self.now(),
            meta.slack_user,
            origin,
        )

    def open_for(self, origin: str, suggested_by: str | None = None) -> Submitted | None:
        """Open the pull request of the newest suggestion kept from `origin` (None if there is
        none), naming its suggester `suggested_by` when given."""
        return self._open(find_by_origin(self.db, origin), suggested_by)

    def open_kept(self, suggestion_id: int, suggested_by: str | None = None) -> Submitted | None:
        """Open the pull request of the suggestion `keep` returned (None if there is none)."""
        return self._open(get_suggestion(self.db, suggestion_id), suggested_by)

    def _open(self, suggestion: Suggestion | None, suggested_by: str | None) -> Submitted | None:
        if suggestion is None:
            return None
        if suggestion.state == "opened":  # its pull request exists: say where, open nothing
            return Submitted(suggestion, suggestion.pr_url, None)
        if suggested_by and suggested_by != suggestion.suggested_by:
            rename_suggester(self.db, suggestion.id, suggested_by, self.now())
            suggestion = get_suggestion(self.db, suggestion.id) or suggestion
        dirs = self.dirs()
        preview = self.preview_for(dirs.schedules, dirs.today)
        return attempt(self.db, self.repo, suggestion, dirs, preview, self.now())
