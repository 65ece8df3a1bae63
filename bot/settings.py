"""One settings object, built from the environment in one place.

Secrets (tokens, the signing secret, database passwords) only ever come from the environment and
are never logged: `Settings.__repr__` masks them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.masking import mask_secret, mask_url

SLACK_API_DEFAULT = "https://slack.com/api/"
# "Today" for replies and review dates: the team's day, not the server's (hosts run on UTC).
DEFAULT_TIMEZONE = "America/New_York"

# Where to find each Slack credential, said once so every "missing" message can say it.
HOW_TO_GET = {
    "SLACK_BOT_TOKEN": "Slack app settings → OAuth & Permissions → Bot User OAuth Token (xoxb-…)",
    "SLACK_SIGNING_SECRET": "Slack app settings → Basic Information → App Credentials → "
    "Signing Secret",
    "SLACK_APP_TOKEN": "Slack app settings → Basic Information → App-Level Tokens (xapp-…, "
    "scope connections:write); only for Socket Mode",
}
__all__ = ["HOW_TO_GET", "Settings", "SettingsError", "mask_secret", "normalize_database_url"]
# What each token starts with (Slack's token types); only the prefix is ever shown.
TOKEN_PREFIXES = {"SLACK_BOT_TOKEN": "xoxb-", "SLACK_APP_TOKEN": "xapp-"}
SECRET_FIELDS = {
    "slack_bot_token",
    "slack_signing_secret",
    "slack_app_token",
    "database_url",
    "github_token",
}
GITHUB_API_DEFAULT = "https://api.github.com"


class SettingsError(Exception):
    """Raised with one message that names every missing or malformed variable."""

    exit_code = 2  # the README's exit codes: 2 is usage or configuration


@dataclass(frozen=True)
class Settings:
    """Everything factbot reads from its environment."""

    facts_dir: Path
    schedules_dir: Path
    data_dir: Path
    database_url: str
    slack_bot_token: str | None
    slack_signing_secret: str | None
    slack_app_token: str | None
    slack_api_url: str
    port: int
    repo_url: str
    grace_hours: float
    timezone: str
    admin_user_ids: tuple[str, ...]
    curator_user_ids: tuple[str, ...] = ()
    usage_retention_days: int = 90
    github_token: str | None = None
    github_repo: str | None = None  # owner/name
    github_api_url: str = GITHUB_API_DEFAULT
    # Seconds between two GitHub writes: GitHub asks integrations to pace them (secondary limits).
    github_write_interval: float = 1.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read the settings; raises SettingsError listing every malformed value at once."""
        env = os.environ if env is None else env
        problems: list[str] = []
        data_dir = Path(env.get("FACTBOT_DATA_DIR") or "data")
        port = _number(env, "PORT", "3000", int, problems)
        grace = _number(env, "FACTBOT_GRACE_HOURS", "6", float, problems)
        retention = _number(env, "FACTBOT_USAGE_RETENTION_DAYS", "90", int, problems)
        if retention < 1:
            problems.append(f"  FACTBOT_USAGE_RETENTION_DAYS={retention} must be 1 or more")
        timezone = env.get("FACTBOT_TIMEZONE") or DEFAULT_TIMEZONE
        if not _is_timezone(timezone):
            problems.append(
                f"  FACTBOT_TIMEZONE={timezone!r} is not an IANA timezone (e.g. America/New_York)"
            )
        database_url = normalize_database_url(
            env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'factbot.sqlite3'}"
        )
        url_problem = database_url_problem(database_url)
        if url_problem:
            problems.append(f"  DATABASE_URL {url_problem}")
        github_repo = (env.get("FACTBOT_GITHUB_REPO") or "").strip() or None
        if github_repo and not _is_repo_name(github_repo):
            problems.append(f"  FACTBOT_GITHUB_REPO={github_repo!r} is not owner/name")
        write_interval = _number(env, "FACTBOT_GITHUB_WRITE_INTERVAL", "1", float, problems)
        if problems:
            raise SettingsError("factbot cannot start:\n" + "\n".join(problems))
        api_url = env.get("SLACK_API_URL") or SLACK_API_DEFAULT
        return cls(
            facts_dir=Path(env.get("FACTBOT_FACTS_DIR") or "facts"),
            schedules_dir=Path(env.get("FACTBOT_SCHEDULES_DIR") or "schedules"),
            data_dir=data_dir,
            database_url=database_url,
            slack_bot_token=env.get("SLACK_BOT_TOKEN") or None,
            slack_signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
            slack_app_token=env.get("SLACK_APP_TOKEN") or None,
            slack_api_url=api_url if api_url.endswith("/") else api_url + "/",
            port=port,
            repo_url=(env.get("FACTBOT_REPO_URL") or "https://github.com/your-org/factbot").rstrip(
                "/"
            ),
            grace_hours=grace,
            timezone=timezone,
            admin_user_ids=_user_ids(env.get("FACTBOT_ADMINS")),
            curator_user_ids=_user_ids(env.get("FACTBOT_CURATORS")),
            usage_retention_days=retention,
            github_token=env.get("GITHUB_TOKEN") or None,
            github_repo=github_repo,
            github_api_url=(env.get("GITHUB_API_URL") or GITHUB_API_DEFAULT).rstrip("/"),
            github_write_interval=max(write_interval, 0.0),
        )

    @property
    def prebuilt_dir(self) -> Path:
        """Where `factbot prebuild` and the web server keep prebuilt stores (bot.prebuilt)."""
        return self.data_dir / "prebuilt"

    def is_curator(self, user_id: str) -> bool:
        """Curators (`FACTBOT_CURATORS`) and admins see the unanswered questions on App Home."""
        return bool(user_id) and user_id in (*self.curator_user_ids, *self.admin_user_ids)

    @property
    def github_enabled(self) -> bool:
        """True when suggestions become pull requests (else buttons link to the issue form)."""
        return bool(self.github_token and self.github_repo)

    def today(self) -> dt.date:
        """Today's date where the team is (`FACTBOT_TIMEZONE`), not on the server's clock."""
        return dt.datetime.now(ZoneInfo(self.timezone)).date()

    def require_slack(self, socket_mode: bool | None = None) -> None:
        """Raise SettingsError naming every Slack variable needed to serve and how to get it."""
        socket_mode = bool(self.slack_app_token) if socket_mode is None else socket_mode
        needed = ["SLACK_BOT_TOKEN"] + (["SLACK_APP_TOKEN"] if socket_mode else [])
        if not socket_mode:
            needed.append("SLACK_SIGNING_SECRET")
        missing = [name for name in needed if not getattr(self, name.lower())]
        if missing:
            lines = [f"  {name}: {HOW_TO_GET[name]}" for name in missing]
            raise SettingsError(
                "factbot cannot connect to Slack; set these environment variables:\n"
                + "\n".join(lines)
                + "\n(To try it without Slack, run `factbot console`.)"
            )
        self.require_token_shapes(needed)

    def require_token_shapes(self, names: list[str]) -> None:
        """Raise SettingsError for a token of the wrong kind (an `xoxb-` where `xapp-` belongs)."""
        wrong = []
        for name in names:
            token, prefix = getattr(self, name.lower()), TOKEN_PREFIXES.get(name)
            if token and prefix and not token.startswith(prefix):
                kind = re.match(r"xox[a-z]-|xapp-", token)  # a Slack token type, safe to show
                said = f"starts with {kind[0]!r}, not" if kind else "does not start with"
                wrong.append(f"  {name} {said} {prefix!r}: {HOW_TO_GET[name]}")
        if wrong:
            raise SettingsError("factbot has a Slack token of the wrong kind:\n" + "\n".join(wrong))

    def __repr__(self) -> str:
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in SECRET_FIELDS and value:
                value = mask_secret(str(value))
            parts.append(f"{f.name}={value!r}")
        return f"Settings({', '.join(parts)})"


def normalize_database_url(url: str) -> str:
    """Accept `postgres://` (as hosting platforms hand out) and pick the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def database_url_problem(url: str) -> str | None:
    """What is wrong with a (normalized) DATABASE_URL, said without its secrets; None if fine."""
    if not url.startswith(("sqlite:", "postgresql+psycopg://")):
        scheme = url.split(":", 1)[0]
        return (
            f"uses {scheme!r}; factbot stores its ledger in SQLite "
            "(sqlite:///path/file.sqlite3) or PostgreSQL (postgresql://user:password@host/db)"
        )
    if url.startswith("sqlite:"):
        return None
    example = "(postgresql://user:password@host:5432/db)"
    try:
        parts = urlsplit(url)
        port = parts.port  # ValueError for a port that is not a number from 0 to 65535
    except ValueError as exc:
        port = 0 if "Port" in str(exc) else None
        if port is None:
            return f"{mask_url(url)} is not a valid URL {example}"
    if port == 0:
        return f"{mask_url(url)} has a port that is not a number from 1 to 65535 {example}"
    if not parts.hostname and "host=" not in parts.query:
        return f"{mask_url(url)} names no host {example}"
    return None


def _user_ids(raw: str | None) -> tuple[str, ...]:
    return tuple(u.strip() for u in (raw or "").split(",") if u.strip())


def _is_repo_name(name: str) -> bool:
    owner, _, repo = name.partition("/")
    return bool(owner and repo and "/" not in repo and " " not in name)


def _is_timezone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _number(env, name, default, kind, problems):
    raw = env.get(name) or default
    try:
        return kind(raw)
    except ValueError:
        problems.append(f"  {name}={raw!r} is not a number")
        return kind(default)
