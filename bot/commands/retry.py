"""`factbot retry KEY… | --all-failed`: post failed anniversary posts again, once each.

`factbot retry` alone lists the failed posts with their keys and posts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from bot.commands import add_database_argument, add_store_arguments, settings_for
from bot.commands.post_due import parse_now, require_bot_token
from bot.facts import load_store
from bot.schedule.ledger import Ledger
from bot.schedule.load import load_schedules
from bot.schedule.retry import RetryResult, refusal, retriable, retry_failed
from bot.settings import Settings
from bot.storage import Database, open_existing_database


def add_parser(subparsers) -> None:
    """Register `factbot retry`."""
    parser = subparsers.add_parser(
        "retry",
        help="post failed anniversary posts again (e.g. after inviting the bot), once each",
        description="Moves each failed post back to claimed in the posting ledger and posts it "
        "once; two retries at the same time post it once. Without arguments, lists the failed "
        "posts and their keys. Exit 0 when every retry posted, 1 otherwise.",
    )
    parser.add_argument("keys", nargs="*", metavar="KEY", help="posting-ledger keys to retry")
    parser.add_argument(
        "--all-failed", action="store_true", help="retry every post the ledger records as failed"
    )
    parser.add_argument("--now", type=parse_now, help="act as if it were this instant (ISO 8601)")
    add_store_arguments(parser)
    add_database_argument(parser)
    parser.set_defaults(run=run, parser=parser)


def run(args: argparse.Namespace) -> int:
    """Retry each named (or every failed) post; print one line per post."""
    if args.keys and args.all_failed:
        args.parser.error("give the keys of failed posts, or --all-failed, not both")
    settings = settings_for(args)
    if not args.keys and not args.all_failed:
        return list_failed(settings)
    db = open_existing_database(settings.database_url)
    try:
        ledger = Ledger(db)
        keys = list(dict.fromkeys(args.keys)) or [e.key for e in reversed(ledger.failures())]
        if not keys:
            print("No failed posts to retry.")
            return 0
        # A key that is no failed post is answered before any token is asked for: a typo on a
        # machine without SLACK_BOT_TOKEN gets the same answer as on one with it.
        refused = {k: refusal(k, e) for k in keys if not retriable(e := ledger.get(k))}
        for result in refused.values():
            print(f"{result.outcome:<8} {result.message}")
        todo = [k for k in keys if k not in refused]
        results = retry_posts(args, settings, db, todo) if todo else []
    finally:
        db.dispose()
    for result in results:
        print(f"{result.outcome:<8} {result.message}")
    return 0 if not refused and all(r.posted for r in results) else 1


def retry_posts(
    args: argparse.Namespace, settings: Settings, db: Database, keys: list[str]
) -> list[RetryResult]:
    """Post each failed post again, once; SLACK_BOT_TOKEN is needed from here on."""
    require_bot_token(settings)
    from bot.slack.poster import slack_poster  # after the settings check, as `post-due` does

    now = args.now or dt.datetime.now(dt.UTC)
    loaded = load_store(Path(args.facts) if args.facts else settings.facts_dir, today=now.date())
    store = loaded.store
    schedules_dir = Path(args.schedules) if args.schedules else settings.schedules_dir
    schedules, _ = load_schedules(schedules_dir, store)
    poster = slack_poster(settings)
    return [retry_failed(db, schedules, store, poster, k, now) for k in keys]


def list_failed(settings: Settings) -> int:
    """Print each failed post's key and reason (what `factbot retry KEY` takes)."""
    db = open_existing_database(settings.database_url)
    try:
        failed = Ledger(db).failures()
    finally:
        db.dispose()
    if not failed:
        print("No failed posts to retry.")
        return 0
    print(f"Failed posts ({len(failed)}); retry one with `factbot retry KEY`, or --all-failed:")
    for entry in failed:
        print(f"  {entry.key}  ({entry.reason or 'no reason recorded'})")
    return 0
