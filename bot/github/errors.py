"""What became of a GitHub call, and the one clear message a user or an admin reads about it.

A write whose answer was lost (a dropped connection, a timeout, a 5xx) "may have landed": GitHub
may have created the branch, the commit or the pull request before failing. Nothing here re-sends
it; the pull request flow (bot/github/pulls.py) looks for what exists before writing again.
"""

from __future__ import annotations

from dataclasses import dataclass

import requests
from github.GithubException import GithubException

from bot.outcome import Outcome

PERMISSIONS_HELP = (
    "check GITHUB_TOKEN: it needs Contents and Pull requests read and write on FACTBOT_GITHUB_REPO"
)


class GitHubFailure(Exception):
    """A GitHub call failed: `message` is for people, `outcome` says whether it may have acted."""

    def __init__(
        self,
        message: str,
        outcome: Outcome = Outcome.NOT_LANDED,
        status: int | None = None,
        retry_after: float | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.outcome = outcome
        self.status = status
        self.retry_after = retry_after

    @property
    def is_secondary_rate_limit(self) -> bool:
        """GitHub refused the call for pacing (nothing done): wait, then try once more."""
        return self.retry_after is not None


@dataclass(frozen=True)
class Call:
    """What was being done, for the message: e.g. `create the branch factbot/suggestion-3`."""

    what: str
    writes: bool


def classify(exc: BaseException, call: Call, repo: str) -> GitHubFailure:
    """Turn a PyGithub or `requests` exception into one GitHubFailure with a clear message."""
    if isinstance(exc, GithubException):
        return _from_answer(exc, call, repo)
    if isinstance(exc, requests.exceptions.ConnectTimeout) or (
        isinstance(exc, requests.exceptions.ConnectionError) and _never_connected(exc)
    ):
        return GitHubFailure(f"GitHub could not be reached to {call.what} ({_short(exc)})")
    outcome = Outcome.MAY_HAVE_LANDED if call.writes else Outcome.NOT_LANDED
    return GitHubFailure(
        f"GitHub's answer was lost while trying to {call.what} ({_short(exc)})", outcome
    )


def _from_answer(exc: GithubException, call: Call, repo: str) -> GitHubFailure:
    status = exc.status
    detail = _github_message(exc)
    retry_after = _retry_after(exc)
    if status in (403, 429) and retry_after is not None:
        return GitHubFailure(
            f"GitHub asked factbot to slow down (secondary rate limit) while trying to "
            f"{call.what}; wait {retry_after:.0f} s",
            status=status,
            retry_after=retry_after,
        )
    if status == 401:
        return GitHubFailure(
            f"GitHub refused the token (401 {detail}): {PERMISSIONS_HELP}", status=401
        )
    if status == 403:
        return GitHubFailure(
            f"GitHub refused to {call.what} (403 {detail}): {PERMISSIONS_HELP}", status=403
        )
    if status == 404:
        return GitHubFailure(
            f"GitHub found no {repo} (404) while trying to {call.what}: check FACTBOT_GITHUB_REPO "
            "(owner/name) and that GITHUB_TOKEN can see it",
            status=404,
        )
    if status is not None and status >= 500 and call.writes:
        return GitHubFailure(
            f"GitHub failed ({status}) while trying to {call.what}; it may have done it anyway",
            Outcome.MAY_HAVE_LANDED,
            status=status,
        )
    return GitHubFailure(f"GitHub could not {call.what} ({status} {detail})", status=status)


def _github_message(exc: GithubException) -> str:
    data = exc.data if isinstance(exc.data, dict) else {}
    message = str(data.get("message") or "").strip()
    errors = data.get("errors")
    if isinstance(errors, list) and errors:
        first = errors[0]
        extra = first.get("message") if isinstance(first, dict) else str(first)
        if extra:
            message = f"{message}: {extra}" if message else str(extra)
    return message[:300] or "no message"


def _retry_after(exc: GithubException) -> float | None:
    headers = {k.lower(): v for k, v in (exc.headers or {}).items()}
    raw = headers.get("retry-after")
    if raw is None:
        return 60.0 if "secondary rate limit" in _github_message(exc).lower() else None
    try:
        return max(float(raw), 0.0)
    except ValueError:
        return 60.0


def _never_connected(exc: requests.exceptions.ConnectionError) -> bool:
    """True when the TCP connection was never made (refused, no route, DNS): nothing was sent."""
    text = repr(exc)
    return any(
        marker in text
        for marker in ("NewConnectionError", "Connection refused", "NameResolutionError")
    )


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}"[:200]
