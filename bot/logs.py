"""factbot's logs: one line per thing that happened, credentials masked, libraries' chatter muted.

Muted, each at the source and no wider than needed, so real warnings and errors still show:
- APScheduler logs two INFO lines for every run of every job ("Running job …", "… executed
  successfully"): the posting pass runs every minute. Its executors log at WARNING and above
  only (missed runs and job exceptions stay visible); `-v` brings the lines back.
- Bolt warns "As you gave `client` as well, `token` will be unused" at every start: it reads
  SLACK_BOT_TOKEN from the environment itself when no `token` is passed, and factbot passes a
  `client` (for SLACK_API_URL and its retry policy) whose token is that same variable. Only
  that one message is dropped.
- slack_sdk logs "Failed to send a request to Slack API server" at ERROR for every connection
  failure, then raises it to factbot, which handles it and logs its own line ("may have landed",
  "not landed", or Bolt's error handler with the traceback): that one message is lowered to
  DEBUG (`-v` shows it), for the clients factbot builds (bot/slack/delivery.py).
- The console's `due` runs the real posting pass, whose warnings (missed, catching up) its own
  summary already shows: `raised_level` keeps them out of the replies while it runs.

Text a user or a payload chose goes into a line through `loggable`: bounded, and with nothing that
could forge a line, clear the terminal or reorder what an admin reads.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

from bot.grammar import count
from bot.masking import redact, visible

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
APSCHEDULER_RUNS = "apscheduler.executors"
BOLT_LOGGER = "slack_bolt.App"
SDK_CLIENT_LOGGERS = ("slack_sdk.web.base_client", "slack_sdk.webhook.client")
SDK_SEND_FAILURE = "Failed to send a request to Slack API server: "
LOGGED_TEXT = 120  # characters of a user-given text a log line shows


class RedactingFormatter(logging.Formatter):
    """A formatter whose every line, traceback included, has the credentials in URLs masked."""

    def format(self, record: logging.LogRecord) -> str:
        """The formatted record with `bot.masking.redact` applied."""
        return redact(super().format(record))


class DropMessages(logging.Filter):
    """Drops records whose message is one of `messages` exactly; lets everything else through."""

    def __init__(self, messages: set[str]) -> None:
        super().__init__()
        self.messages = frozenset(messages)

    def filter(self, record: logging.LogRecord) -> bool:
        """False (drop) only for the listed messages."""
        return record.getMessage() not in self.messages


class DemoteToDebug(logging.Filter):
    """Lowers records whose message starts with `prefix` to DEBUG (kept only if DEBUG is on)."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def filter(self, record: logging.LogRecord) -> bool:
        """True for every other record; for a matching one, True only when DEBUG is enabled."""
        if not record.getMessage().startswith(self.prefix):
            return True
        record.levelno, record.levelname = logging.DEBUG, logging.getLevelName(logging.DEBUG)
        return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)


def loggable(text: str, limit: int = LOGGED_TEXT) -> str:
    """User-given `text` for one log line: control and bidi characters dropped (`visible`), then
    quoted with any other unprintable one escaped (a line break as `\\n`); at most `limit`
    characters of it, followed by its full length when it was cut."""
    shown = repr(visible(text[:limit]))
    return shown if len(text) <= limit else f"{shown}… ({count(len(text), 'character')})"


def configure_logging(verbose: bool = False) -> None:
    """Root logging for a `factbot` process: stderr, one format, credentials masked."""
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter(LOG_FORMAT))
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, handlers=[handler])


@contextlib.contextmanager
def raised_level(name: str, level: int) -> Iterator[None]:
    """Within the block, logger `name` passes only records of `level` and above."""
    logger = logging.getLogger(name)
    before = logger.level
    logger.setLevel(max(level, before))
    try:
        yield
    finally:
        logger.setLevel(before)


def quiet_scheduler_runs() -> None:
    """Mute APScheduler's per-run INFO lines, unless debug logging was asked for."""
    runs = logging.getLogger(APSCHEDULER_RUNS)
    if runs.level == logging.NOTSET and not logging.getLogger().isEnabledFor(logging.DEBUG):
        runs.setLevel(logging.WARNING)


def quiet_bolt_token_warning() -> None:
    """Drop Bolt's "`token` will be unused" warning (see the module docstring); once."""
    from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped

    logger = logging.getLogger(BOLT_LOGGER)
    if not any(isinstance(f, DropMessages) for f in logger.filters):
        logger.addFilter(DropMessages({warning_client_prioritized_and_token_skipped()}))


def quiet_handled_send_failures() -> None:
    """Lower slack_sdk's own ERROR line for a failed send to DEBUG (see the module docstring)."""
    for name in SDK_CLIENT_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, DemoteToDebug) for f in logger.filters):
            logger.addFilter(DemoteToDebug(SDK_SEND_FAILURE))
