"""The few GitHub REST calls the suggestion flow makes, through PyGithub, never re-sent blind.

Why PyGithub, configured: githubkit's 0.16 line (the newest on PyPI here) does not import with
hishel 2 and re-sends 3 times while logging tracebacks; PyGithub's default `GithubRetry` re-sends a
POST that got a 5xx up to 10 times and then raises a `requests` error. So the client is built with
an urllib3 `Retry` that re-sends only what cannot have acted: GETs, and connections never made.
Every failure becomes a `GitHubFailure` (bot/github/errors.py) with a clear message.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from github import Auth, Github
from github.GithubException import UnknownObjectException
from urllib3.util.retry import Retry

from bot.github.errors import Call, GitHubFailure, classify
from bot.settings import Settings, SettingsError

T = TypeVar("T")
TIMEOUT = 15  # seconds
MAX_RATE_LIMIT_WAIT = 60.0  # seconds: a longer wait is reported, and the suggestion retried later


@dataclass(frozen=True)
class PullRequest:
    """A pull request as the flow needs it."""

    number: int
    url: str
    state: str


def safe_retry() -> Retry:
    """Re-send idempotent reads on 502/503/504 and any connection never made; writes never."""
    return Retry(
        total=3,
        connect=2,
        read=1,
        status=2,
        other=0,
        allowed_methods=frozenset({"GET", "HEAD"}),  # read errors and 5xx: only these re-sent
        status_forcelist=(502, 503, 504),
        backoff_factor=0.2,
        raise_on_status=False,
        respect_retry_after_header=False,  # secondary limits are handled by the flow, once
    )


class GitHubRepo:
    """One repository on GitHub (FACTBOT_GITHUB_REPO), through a retry-safe PyGithub client."""

    def __init__(
        self,
        token: str,
        repo: str,
        api_url: str,
        write_interval: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.name = repo
        self.sleep = sleep
        self._github = Github(
            auth=Auth.Token(token),
            base_url=api_url,
            timeout=TIMEOUT,
            retry=safe_retry(),
            seconds_between_requests=None,
            seconds_between_writes=write_interval or None,
            user_agent="factbot",
            lazy=True,  # objects are fetched when read, so a lookup is one request, not two
        )
        self._repo = self._github.get_repo(repo)

    @classmethod
    def from_settings(cls, settings: Settings) -> GitHubRepo:
        """The configured repository; SettingsError names what is missing."""
        missing = [
            name
            for name, value in (
                ("GITHUB_TOKEN", settings.github_token),
                ("FACTBOT_GITHUB_REPO", settings.github_repo),
            )
            if not value
        ]
        if missing:
            raise SettingsError(
                "factbot cannot open pull requests; set " + " and ".join(missing) + " (see README: "
                "a fine-grained token with Contents and Pull requests read and write on the repo)"
            )
        return cls(
            settings.github_token or "",
            settings.github_repo or "",
            settings.github_api_url,
            settings.github_write_interval,
        )

    def _do(self, what: str, fn: Callable[[], T], writes: bool = False) -> T:
        """Run one call; a secondary rate limit (nothing done) is waited out and tried once more."""
        for attempt in (1, 2):
            try:
                return fn()
            except Exception as exc:  # PyGithub raises requests' and urllib3's errors too
                failure = classify(exc, Call(what, writes), self.name)
                wait = failure.retry_after
                if attempt == 1 and wait is not None and wait <= MAX_RATE_LIMIT_WAIT:
                    self.sleep(wait)
                    continue
                raise failure from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def default_branch(self) -> str:
        """The repository's default branch (e.g. `main`)."""
        # The repository object is lazy: reading the attribute is the request, so it goes inside.
        return self._do("read the repository", lambda: self._repo.default_branch)

    def branch_head(self, branch: str) -> str | None:
        """The commit sha a branch points at, or None when the branch does not exist."""

        def read() -> str | None:
            try:
                return self._repo.get_git_ref(f"heads/{branch}").object.sha
            except UnknownObjectException:
                return None

        return self._do(f"read the branch {branch}", read)

    def create_branch(self, branch: str, sha: str) -> None:
        """Create `branch` at commit `sha` (GitHub answers 422 when it exists already)."""
        self._do(
            f"create the branch {branch}",
            lambda: self._repo.create_git_ref(f"refs/heads/{branch}", sha),
            writes=True,
        )

    def move_branch(self, branch: str, sha: str) -> None:
        """Point `branch` at `sha` (force): setting it twice to the same commit changes nothing."""
        self._do(
            f"move the branch {branch}",
            lambda: self._repo.get_git_ref(f"heads/{branch}").edit(sha, force=True),
            writes=True,
        )

    def file_at(self, path: str, ref: str) -> tuple[str, str] | None:
        """(text, blob sha) of a file at a ref, or None when it does not exist there."""

        def read() -> tuple[str, str] | None:
            try:
                found = self._repo.get_contents(path, ref=ref)
            except UnknownObjectException:
                return None
            if isinstance(found, list):
                return None
            return base64.b64decode(found.content).decode("utf-8"), found.sha

        return self._do(f"read {path}", read)

    def commit_file(self, path: str, text: str, message: str, branch: str, sha: str | None) -> str:
        """One commit on `branch` writing `path` (`sha`: the blob replaced, None for a new file)."""

        def write() -> str:
            if sha is None:
                done = self._repo.create_file(path, message, text, branch=branch)
            else:
                done = self._repo.update_file(path, message, text, sha, branch=branch)
            return done["commit"].sha

        return self._do(f"commit {path} on {branch}", write, writes=True)

    def find_pull(self, branch: str) -> PullRequest | None:
        """The pull request from `branch`, open or not, if there is one."""
        owner = self.name.split("/", 1)[0]

        def read() -> PullRequest | None:
            for pull in self._repo.get_pulls(state="all", head=f"{owner}:{branch}"):
                return PullRequest(pull.number, pull.html_url, pull.state)
            return None

        return self._do(f"look for the pull request from {branch}", read)

    def create_pull(self, title: str, body: str, branch: str, base: str) -> PullRequest:
        """Open a pull request from `branch` into `base`."""

        def write() -> PullRequest:
            pull = self._repo.create_pull(base=base, head=branch, title=title, body=body)
            return PullRequest(pull.number, pull.html_url, pull.state)

        return self._do(f"open the pull request from {branch}", write, writes=True)

    def add_label(self, number: int, label: str) -> None:
        """Label a pull request (adding a label it has is harmless, so this may be repeated)."""
        self._do(
            f"label pull request #{number}",
            lambda: self._repo.get_issue(number).add_to_labels(label),
            writes=True,
        )


def is_exists_error(failure: GitHubFailure) -> bool:
    """True for GitHub's 422 'Reference already exists' / 'A pull request already exists'."""
    return failure.status == 422 and "exist" in failure.message.lower()
