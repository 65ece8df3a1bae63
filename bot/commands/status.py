"""`factbot status`: what the posting ledger says — recent posts, failures, missed occurrences."""

from __future__ import annotations

import argparse
import datetime as dt

from bot.commands import add_database_argument, positive_int, settings_for
from bot.grammar import count
from bot.schedule.ledger import Ledger, LedgerEntry
from bot.storage import open_existing_database

DAYS = 30  # how far back failures and missed occurrences are listed


def add_parser(subparsers) -> None:
    """Register `factbot status`."""
    parser = subparsers.add_parser(
        "status",
        help="show recent anniversary posts, failures with reasons, and missed occurrences",
        description="Reads the posting ledger (DATABASE_URL); needs no Slack token.",
    )
    parser.add_argument(
        "--limit", type=positive_int, default=20, help="recent rows to show (default 20)"
    )
    add_database_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the ledger's recent rows, then failures and missed occurrences of the last 30 days."""
    settings = settings_for(args)
    db = open_existing_database(settings.database_url)
    try:
        ledger = Ledger(db)
        since = dt.datetime.now(dt.UTC) - dt.timedelta(days=DAYS)
        lines = render_status(
            ledger.recent(args.limit), ledger.failures(since), ledger.missed(since)
        )
    finally:
        db.dispose()
    print("\n".join(lines))
    return 0


def render_status(
    recent: list[LedgerEntry], failures: list[LedgerEntry], missed: list[LedgerEntry]
) -> list[str]:
    """The status report as lines of text (pure, for tests); every list newest due time first."""
    recent, failures, missed = (by_due_time(rows) for rows in (recent, failures, missed))
    lines = [f"Recent ({len(recent)}, newest first):"]
    lines += [_row(e, e.ts or e.reason or "") for e in recent] or ["  (nothing posted yet)"]
    lines += ["", f"Failures, last {DAYS} days ({len(failures)}, newest first):"]
    lines += [_row(e, e.reason or "") for e in failures] or ["  none"]
    lines += ["", f"Missed, last {DAYS} days ({len(missed)}, newest first):"]
    lines += [_row(e, e.reason or "") for e in missed] or ["  none"]
    return lines


def by_due_time(rows: list[LedgerEntry]) -> list[LedgerEntry]:
    """Rows in the order of the time each line shows (due time), newest first, then by key."""
    rows = sorted(rows, key=lambda e: e.key)
    return sorted(rows, key=lambda e: e.due_at, reverse=True)


def _row(entry: LedgerEntry, detail: str) -> str:
    due = entry.due_at.strftime("%Y-%m-%d %H:%M UTC")
    if "|digest|" in entry.key:
        what = f"{entry.schedule_id}: digest of {count(len(entry.event_ids), 'event')}"
    else:
        what = f"{entry.schedule_id}: {', '.join(entry.event_ids)}"
    return f"  {due}  {entry.state:<7}  {entry.channel:<12}  {what}  {detail}".rstrip()
