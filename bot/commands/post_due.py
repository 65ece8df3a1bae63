"""`factbot post-due`: one posting pass, then exit (for cron or a platform scheduler)."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
from pathlib import Path

from bot.commands import add_database_argument, add_store_arguments, in_years, settings_for
from bot.facts import load_store
from bot.grammar import count
from bot.schedule.load import load_schedules
from bot.schedule.posting import run_pass
from bot.settings import HOW_TO_GET, Settings, SettingsError
from bot.storage import open_database

log = logging.getLogger(__name__)


def add_parser(subparsers) -> None:
    """Register `factbot post-due`."""
    parser = subparsers.add_parser(
        "post-due",
        help="post every anniversary that is due now, exactly once, then exit",
        description="One posting pass: post what is due (late ones say so), record what is too "
        "old as missed, recover posts interrupted by a crash. Safe to run from several "
        "machines at once: the posting ledger lets one post each occurrence.",
    )
    parser.add_argument(
        "--now",
        type=parse_now,
        help="act as if it were this instant, ISO 8601 (e.g. 2027-03-14T13:00:05Z; no offset "
        "means UTC). It posts and records for real: rehearse against a test channel/database",
    )
    add_store_arguments(parser)
    add_database_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run one pass and print its report; 0 even when some posts failed (they are recorded)."""
    settings = settings_for(args)
    require_bot_token(settings)
    from bot.slack.poster import slack_poster  # after the settings check, as `serve` does
    from bot.slack.tokens import require_bot_token_accepted

    require_bot_token_accepted(settings)  # refused: exit 2 now, not every post `invalid_auth`

    now = args.now or dt.datetime.now(dt.UTC)
    facts_dir = Path(args.facts) if args.facts else settings.facts_dir
    schedules_dir = Path(args.schedules) if args.schedules else settings.schedules_dir
    loaded = load_store(facts_dir, today=now.date())
    _log_problems("fact store", loaded.errors)
    schedules, problems = load_schedules(schedules_dir, loaded.store)
    _log_problems("schedules", [p for p in problems if p.severity == "error"])
    db = open_database(settings.database_url)
    try:
        grace = dt.timedelta(hours=settings.grace_hours)
        report = run_pass(db, schedules, loaded.store, slack_poster(settings), now, grace=grace)
    finally:
        db.dispose()
    print(f"post-due at {now.isoformat()}: {count(len(schedules), 'schedule')}")
    for line in report.lines():
        print(line)
    return 0


def parse_now(text: str) -> dt.datetime:
    """ISO 8601 to an aware datetime; a time without an offset is taken as UTC."""
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 date-time: {text!r}") from exc
    return in_years(value if value.tzinfo else value.replace(tzinfo=dt.UTC), text)


def require_bot_token(settings: Settings) -> None:
    """Raise SettingsError, saying where to get one, unless SLACK_BOT_TOKEN is a bot token."""
    if not settings.slack_bot_token:
        raise SettingsError(
            "factbot cannot post to Slack; set this environment variable:\n"
            f"  SLACK_BOT_TOKEN: {HOW_TO_GET['SLACK_BOT_TOKEN']}"
        )
    settings.require_token_shapes(["SLACK_BOT_TOKEN"])


def _log_problems(what: str, problems) -> None:
    if problems:
        lines = "\n".join(p.format() for p in problems)
        log.warning(
            "%s has %s; posting from what loaded:\n%s", what, count(len(problems), "error"), lines
        )
