"""`factbot stats`: what the team asks for and shares, and the questions nothing answered."""

from __future__ import annotations

import argparse
import json

from bot.commands import add_database_argument, add_store_arguments, settings_for, window_days
from bot.facts.load import load_store
from bot.storage import open_existing_database
from bot.usage.store import Stats, UsageStore, utcnow

SHOWN = 10  # rows per list in the text output


def add_parser(subparsers) -> None:
    """Register `factbot stats`."""
    parser = subparsers.add_parser(
        "stats",
        help="usage: most asked, most shared, never asked, unanswered questions",
        description="Usage recorded by the bot over the last N days (default: the retention).",
    )
    parser.add_argument("--days", type=window_days, metavar="N", help="the last N days")
    parser.add_argument("--json", action="store_true", help="print JSON")
    add_store_arguments(parser, schedules=False)
    add_database_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Read usage from the database and print it."""
    settings = settings_for(args)
    store = load_store(args.facts or settings.facts_dir, settings.today()).store
    ids = [*store.facts, *store.events, *store.talking_points]
    days = args.days or settings.usage_retention_days
    db = open_existing_database(settings.database_url)
    stats = UsageStore(db).stats(utcnow(), days, ids)
    print(json.dumps(to_json(stats), indent=2) if args.json else "\n".join(render_stats(stats)))
    return 0


def to_json(stats: Stats) -> dict:
    """Stats as JSON: lists best first, times in ISO 8601 UTC."""
    return {
        "days": stats.days,
        "most_asked": [{"id": rid, "shown": n} for rid, n in stats.asked],
        "most_shared": [{"id": rid, "shared": n} for rid, n in stats.shared],
        "never_asked": stats.never_asked,
        "unanswered": [
            {
                "query": u.query,
                "outcome": u.outcome,
                "count": u.count,
                "first_seen": u.first_seen.isoformat(),
                "last_seen": u.last_seen.isoformat(),
            }
            for u in stats.unanswered
        ],
    }


def render_stats(stats: Stats) -> list[str]:
    """Readable lines, a few of each list."""
    lines = [f"Usage over the last {stats.days} days"]
    lines += ["", "Most asked:"] + [f"  {n:>6}  {rid}" for rid, n in stats.asked[:SHOWN]]
    lines += ["", "Most shared:"] + [f"  {n:>6}  {rid}" for rid, n in stats.shared[:SHOWN]]
    lines += ["", f"Never asked ({len(stats.never_asked)}):"]
    lines += [f"  {rid}" for rid in stats.never_asked[:SHOWN]]
    lines += ["", "Unanswered questions (nothing found, or only part):"]
    lines += [
        f"  {u.count:>6}  {u.query}  ({'no match' if u.outcome == 'none' else 'partial'}; "
        f"last {u.last_seen:%Y-%m-%d})"
        for u in stats.unanswered[:SHOWN]
    ]
    return lines
