"""Suggestions in the database: stored first (pending), then opened (with the PR) or failed.

The row is written before GitHub is called, so a GitHub failure loses nothing: an admin retries it
with `factbot suggestions retry ID`, and the retry looks for the branch and the pull request the
failed attempt may have made before making them (bot/github/pulls.py).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select

from bot.github.change import Change
from bot.storage import Database
from bot.tables import suggestions

State = Literal["pending", "opened", "failed"]


@dataclass(frozen=True)
class Suggestion:
    """One stored suggestion."""

    id: int
    token: str
    change: Change
    reason: str
    source_url: str | None
    suggested_by: str
    slack_user: str | None
    state: State
    pr_url: str | None
    failure: str | None
    attempts: int
    created_at: dt.datetime

    @property
    def branch(self) -> str:
        """The branch its pull request comes from: derived from the row, the same on every retry."""
        return f"factbot/suggestion-{self.id}-{self.token}"


def add_suggestion(
    db: Database,
    change: Change,
    reason: str,
    source_url: str | None,
    suggested_by: str,
    now: dt.datetime,
    slack_user: str | None = None,
    origin: str | None = None,
) -> Suggestion:
    """Store a new pending suggestion and return it."""
    values = dict(
        token=secrets.token_hex(4),
        change=change.to_json(),
        reason=reason,
        source_url=source_url or None,
        suggested_by=suggested_by,
        slack_user=slack_user,
        origin=origin,
        state="pending",
        attempts=0,
        created_at=now,
        updated_at=now,
    )
    with db.engine.begin() as conn:
        key = conn.execute(suggestions.insert().values(**values)).inserted_primary_key
    assert key is not None  # an INSERT has its primary key (SQLAlchemy's hint is Optional)
    new_id = key[0]
    found = get_suggestion(db, int(new_id))
    assert found is not None
    return found


def get_suggestion(db: Database, suggestion_id: int) -> Suggestion | None:
    """The suggestion with this id, if any."""
    with db.engine.connect() as conn:
        row = conn.execute(select(suggestions).where(suggestions.c.id == suggestion_id)).first()
    return _from_row(row) if row else None


def find_by_origin(db: Database, origin: str) -> Suggestion | None:
    """The newest suggestion submitted from `origin` (e.g. a Slack view id), if any."""
    query = select(suggestions).where(suggestions.c.origin == origin)
    with db.engine.connect() as conn:
        row = conn.execute(query.order_by(suggestions.c.id.desc())).first()
    return _from_row(row) if row else None


def list_suggestions(db: Database, state: str | None = None) -> list[Suggestion]:
    """Every suggestion (or those in one state), newest first."""
    query = select(suggestions).order_by(suggestions.c.id.desc())
    if state:
        query = query.where(suggestions.c.state == state)
    with db.engine.connect() as conn:
        return [_from_row(row) for row in conn.execute(query)]


def record_attempt(
    db: Database, suggestion_id: int, now: dt.datetime, pr_url: str | None, failure: str | None
) -> None:
    """Record what one attempt to open the pull request gave: its URL, or why it failed."""
    values = {
        "state": "opened" if pr_url else "failed",
        "pr_url": pr_url,
        "failure": None if pr_url else failure,
        "attempts": suggestions.c.attempts + 1,
        "updated_at": now,
    }
    where = suggestions.c.id == suggestion_id
    if not pr_url:  # a late failure (a racing retry) never hides a pull request already opened
        where = where & (suggestions.c.state != "opened")
    with db.engine.begin() as conn:
        conn.execute(suggestions.update().where(where).values(values))


def rename_suggester(db: Database, suggestion_id: int, name: str, now: dt.datetime) -> None:
    """Name who suggested it better (their Slack display name), until its pull request is open."""
    where = (suggestions.c.id == suggestion_id) & (suggestions.c.state != "opened")
    with db.engine.begin() as conn:
        conn.execute(suggestions.update().where(where).values(suggested_by=name, updated_at=now))


def _from_row(row) -> Suggestion:
    m = row._mapping
    return Suggestion(
        id=m["id"],
        token=m["token"],
        change=Change.from_json(m["change"]),
        reason=m["reason"],
        source_url=m["source_url"],
        suggested_by=m["suggested_by"],
        slack_user=m["slack_user"],
        state=m["state"],
        pr_url=m["pr_url"],
        failure=m["failure"],
        attempts=m["attempts"],
        created_at=m["created_at"],
    )
