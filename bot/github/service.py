"""The suggestion flow, the same for Slack and `factbot suggest`: prepare, validate, store, open.

prepared = prepare(change, dirs)           # the edit on the local store, and its check
if prepared.ok: submitted = submit(db, repo, prepared, meta, dirs, preview, now)
retry(db, connect, suggestion_id, dirs, preview, now)   # never opens a second pull request
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from bot.facts.model import Store
from bot.github.change import Change, store_file
from bot.github.checkrun import CheckRun, check_change, field_errors
from bot.github.client import GitHubRepo
from bot.github.errors import GitHubFailure
from bot.github.pulls import StoreDirs, open_pull
from bot.github.suggestions import Suggestion, add_suggestion, get_suggestion, record_attempt
from bot.github.yamledit import EditError, unified_diff
from bot.outcome import Outcome
from bot.storage import Database

log = logging.getLogger(__name__)
Preview = Callable[[Store, str], list[str]]
NOT_CONFIGURED = "GitHub is not configured (GITHUB_TOKEN and FACTBOT_GITHUB_REPO)"


@dataclass(frozen=True)
class Prepared:
    """A change made on the local store: the diff, and what `factbot check` says of it."""

    change: Change
    diff: str
    check: CheckRun
    field_errors: dict[str, str]

    @property
    def ok(self) -> bool:
        """True when the change brings no error and changes something."""
        return self.check.ok and bool(self.diff)


@dataclass(frozen=True)
class Meta:
    """Who suggested it and why."""

    reason: str
    source_url: str | None
    suggested_by: str
    slack_user: str | None = None


@dataclass(frozen=True)
class Submitted:
    """What became of one attempt: the stored suggestion, and its PR URL or why there is none."""

    suggestion: Suggestion
    pr_url: str | None
    failure: str | None
    may_have_landed: bool = False  # GitHub's answer was lost: the pull request may exist


def prepare(change: Change, dirs: StoreDirs) -> Prepared:
    """Apply the change to the local store and check it; raises EditError if it cannot apply."""
    path = store_file(dirs.facts, change.path)
    old = path.read_text(encoding="utf-8") if path.is_file() else None
    edited = change.apply(old)
    check = check_change(dirs.facts, dirs.schedules, change, edited.text, dirs.today)
    errors = field_errors(check.errors, edited.text, change.record_id)
    diff = unified_diff(change.repo_path, old or "", edited.text)
    return Prepared(change, diff, check, errors)


def submit(
    db: Database,
    repo: GitHubRepo | None,
    prepared: Prepared,
    meta: Meta,
    dirs: StoreDirs,
    preview: Preview,
    now: dt.datetime,
) -> Submitted:
    """Store the suggestion (so nothing is lost), then try to open its pull request."""
    if not prepared.ok:
        raise EditError("only a valid change that changes something is submitted")
    suggestion = add_suggestion(
        db, prepared.change, meta.reason, meta.source_url, meta.suggested_by, now, meta.slack_user
    )
    return attempt(db, repo, suggestion, dirs, preview, now)


def retry(
    db: Database,
    connect: Callable[[], GitHubRepo | None],
    suggestion_id: int,
    dirs: StoreDirs,
    preview: Preview,
    now: dt.datetime,
) -> Submitted | None:
    """Try a stored suggestion again (None if there is no such id); an opened one stays as is.

    `connect` gives the repository; it is called only for a suggestion that needs GitHub, so an
    unknown id or an opened suggestion is answered without GitHub's settings.
    """
    suggestion = get_suggestion(db, suggestion_id)
    if suggestion is None:
        return None
    if suggestion.state == "opened":
        return Submitted(suggestion, suggestion.pr_url, None)
    return attempt(db, connect(), suggestion, dirs, preview, now)


def attempt(
    db: Database,
    repo: GitHubRepo | None,
    suggestion: Suggestion,
    dirs: StoreDirs,
    preview: Preview,
    now: dt.datetime,
) -> Submitted:
    """One attempt at the pull request; its result is recorded on the suggestion."""
    if repo is None:
        record_attempt(db, suggestion.id, now, None, NOT_CONFIGURED)
        return Submitted(suggestion, None, NOT_CONFIGURED)
    try:
        pull = open_pull(repo, suggestion, dirs, preview)
    except GitHubFailure as failure:
        log.warning("suggestion %s: %s (%s)", suggestion.id, failure.message, failure.outcome.value)
        record_attempt(db, suggestion.id, now, None, failure.message)
        lost = failure.outcome is Outcome.MAY_HAVE_LANDED
        return Submitted(suggestion, None, failure.message, may_have_landed=lost)
    except Exception as exc:  # a bug: the traceback goes to the log, the suggestion stays kept
        log.exception("suggestion %s: unexpected error", suggestion.id)
        reason = f"unexpected error ({type(exc).__name__}); see the log"
        record_attempt(db, suggestion.id, now, None, reason)
        return Submitted(suggestion, None, reason)
    record_attempt(db, suggestion.id, now, pull.url, None)
    log.info("suggestion %s: pull request %s", suggestion.id, pull.url)
    return Submitted(suggestion, pull.url, None)
