"""Open the pull request for a suggestion: a branch, one commit, the PR, a label; safe to repeat.

Each step looks before it writes, so running it again after any failure, including a write whose
answer was lost, finishes the job without a second branch, commit or pull request: the branch name
comes from the stored suggestion, the commit is seen in the file on the branch, and the PR is
found by its branch. The edit is applied to the file as it is on the default branch's head (a
retry after the default branch moved rebases), and validated again before anything is written.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from bot.facts.model import Store
from bot.github.body import no_mention, pull_body, pull_title
from bot.github.change import Change
from bot.github.checkrun import CheckRun, check_change
from bot.github.client import GitHubRepo, PullRequest, is_exists_error
from bot.github.errors import GitHubFailure
from bot.github.suggestions import Suggestion
from bot.github.yamledit import EditError
from bot.outcome import Outcome

log = logging.getLogger(__name__)
LABEL = "factbot-suggestion"


@dataclass(frozen=True)
class StoreDirs:
    """Where the local copy of the store is, for validating the change before it is committed."""

    facts: Path
    schedules: Path
    today: dt.date


def open_pull(
    repo: GitHubRepo,
    suggestion: Suggestion,
    dirs: StoreDirs,
    preview: Callable[[Store, str], list[str]],
) -> PullRequest:
    """The suggestion's pull request, made or found; raises GitHubFailure with a clear message."""
    existing = repo.find_pull(suggestion.branch)
    if existing is not None:  # an earlier attempt opened it; its label may not have landed
        _label(repo, existing)
        return existing
    base = repo.default_branch()
    change = suggestion.change
    base_sha = repo.branch_head(base)
    if base_sha is None:
        raise GitHubFailure(f"the default branch {base} of {repo.name} has no commit")
    _branch_from(repo, suggestion.branch, base_sha, change)
    check = _commit(repo, suggestion, dirs)
    body = pull_body(suggestion, check.summary, preview(check.store, change.record_id))
    try:
        pull = repo.create_pull(pull_title(suggestion), body, suggestion.branch, base)
    except GitHubFailure as failure:
        found = _look_after(failure, lambda: repo.find_pull(suggestion.branch))
        if found is None:
            raise
        pull = found
    _label(repo, pull)
    return pull


T = TypeVar("T")


def _look_after(failure: GitHubFailure, look: Callable[[], T]) -> T | None:
    """What `look` (a read) finds after the write that raised `failure`, or None when the write
    cannot have acted. If the read fails too, the write's own failure is raised: "may have
    landed" is what the user must hear, not the read's "not landed"."""
    if not _may_exist(failure):
        return None
    try:
        return look()
    except GitHubFailure:
        raise failure from None


def _may_exist(failure: GitHubFailure) -> bool:
    """GitHub said it exists (422), or its answer was lost: look (a read) before anything else."""
    return is_exists_error(failure) or failure.outcome is Outcome.MAY_HAVE_LANDED


def _label(repo: GitHubRepo, pull: PullRequest) -> None:
    """Label the pull request; a failure is logged, not fatal (the PR is what matters)."""
    try:
        repo.add_label(pull.number, LABEL)
    except GitHubFailure as failure:
        log.warning("pull request #%s opened but not labelled: %s", pull.number, failure.message)


def _branch_from(repo: GitHubRepo, branch: str, base_sha: str, change: Change) -> None:
    """Make sure the branch exists; one without the change yet is moved to the base's head."""
    head = repo.branch_head(branch)
    if head is None:
        try:
            repo.create_branch(branch, base_sha)
        except GitHubFailure as failure:
            if _look_after(failure, lambda: repo.branch_head(branch)) is None:
                raise
        return
    if head != base_sha and not _has_change(repo, branch, change):
        repo.move_branch(branch, base_sha)  # stale base: rebase on the default branch's head


def _has_change(repo: GitHubRepo, branch: str, change: Change) -> bool:
    found = repo.file_at(change.repo_path, branch)
    try:
        return found is not None and change.apply(found[0]).text == found[0]
    except EditError:
        return False


def _commit(repo: GitHubRepo, suggestion: Suggestion, dirs: StoreDirs) -> CheckRun:
    """Apply the change to the file on the branch, validate, and commit it unless it is there.

    A 409 (the file moved on the branch since it was read) is refused before anything is
    written, so the file is read again at the branch's head and the edit re-applied, once."""
    change = suggestion.change
    by = no_mention(suggestion.suggested_by)
    message = f"{pull_title(suggestion)}\n\nSuggested by {by} (factbot)."
    for attempt in (1, 2):
        check, edited, sha = _edit_at_head(repo, suggestion, dirs)
        if edited is None:
            return check  # the commit is already on the branch (an earlier answer was lost)
        try:
            repo.commit_file(change.repo_path, edited, message, suggestion.branch, sha)
            return check
        except GitHubFailure as failure:
            if failure.status == 409 and attempt == 1:
                log.info("%s moved on %s: edit re-applied", change.repo_path, suggestion.branch)
                continue
            if failure.outcome is not Outcome.MAY_HAVE_LANDED or not _look_after(
                failure, lambda: _has_change(repo, suggestion.branch, change)
            ):
                raise
            return check
    raise AssertionError("unreachable")  # pragma: no cover


def _edit_at_head(
    repo: GitHubRepo, suggestion: Suggestion, dirs: StoreDirs
) -> tuple[CheckRun, str | None, str | None]:
    """(check, new text or None when the change is there already, blob sha) at the branch head."""
    change = suggestion.change
    text, sha = repo.file_at(change.repo_path, suggestion.branch) or (None, None)
    try:
        edited = change.apply(text)
        check = check_change(dirs.facts, dirs.schedules, change, edited.text, dirs.today)
    except EditError as exc:
        raise GitHubFailure(f"the change no longer applies to {change.repo_path}: {exc}") from exc
    if text is not None and edited.text == text:
        return check, None, sha
    if not check.ok:
        errors = "; ".join(p.format() for p in check.errors[:5])
        raise GitHubFailure(f"the change fails `factbot check` on the default branch: {errors}")
    return check, edited.text, sha
