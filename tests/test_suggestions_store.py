"""Stored suggestions on SQLite and PostgreSQL: kept before GitHub is called, every attempt
recorded, found again by where they came from."""

from __future__ import annotations

import datetime as dt

from bot.github.change import Change
from bot.github.suggestions import (
    add_suggestion,
    find_by_origin,
    get_suggestion,
    list_suggestions,
    record_attempt,
)
from bot.storage import open_database

NOW = dt.datetime(2026, 11, 29, 15, 0, tzinfo=dt.UTC)


def test_a_suggestion_is_kept_then_failed_then_opened(database_url):
    db = open_database(database_url)
    try:
        change = Change(
            "edit",
            "gao-attack-2018-toll",
            "minusma/figures.yaml",
            edits={"caveat": "Inside Gao — “Gadeye”.", "as_of": "2018-07"},
        )
        kept = add_suggestion(
            db,
            change,
            "Reason ü",
            "https://example.org/x",
            "Ana Lima",
            NOW,
            slack_user="U0USER01",
            origin="V0VIEW001",
        )
        other = add_suggestion(db, change, "again", None, "Bo", NOW)
        assert (kept.state, kept.attempts, kept.change) == ("pending", 0, change)
        assert kept.branch.startswith(f"factbot/suggestion-{kept.id}-")
        assert kept.branch != other.branch
        record_attempt(db, kept.id, NOW, None, "GitHub failed (502)")
        failed = get_suggestion(db, kept.id)
        assert (failed.state, failed.failure, failed.attempts) == (
            "failed",
            "GitHub failed (502)",
            1,
        )
        record_attempt(db, kept.id, NOW, "https://github.com/o/r/pull/7", None)
        opened = get_suggestion(db, kept.id)
        assert (opened.state, opened.pr_url, opened.failure, opened.attempts) == (
            "opened",
            "https://github.com/o/r/pull/7",
            None,
            2,
        )
        assert opened.branch == kept.branch  # the same branch on every retry
        assert find_by_origin(db, "V0VIEW001").id == kept.id
        assert find_by_origin(db, "V0NOPE") is None
        assert [s.id for s in list_suggestions(db)] == [other.id, kept.id]
        assert [s.id for s in list_suggestions(db, "pending")] == [other.id]
        assert get_suggestion(db, 999_999) is None
    finally:
        db.dispose()


def test_a_late_failure_never_hides_an_opened_pull_request(database_url):
    db = open_database(database_url)
    try:
        change = Change("edit", "x", "a.yaml", edits={"caveat": "y"})
        kept = add_suggestion(db, change, "r", None, "Ana", NOW)
        record_attempt(db, kept.id, NOW, "https://github.com/o/r/pull/1", None)
        record_attempt(db, kept.id, NOW, None, "409: the branch moved")  # a racing retry
        found = get_suggestion(db, kept.id)
        assert (found.state, found.pr_url) == ("opened", "https://github.com/o/r/pull/1")
    finally:
        db.dispose()
