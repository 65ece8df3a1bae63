"""`factbot ics`: the anniversaries as an iCalendar file, to subscribe to or import."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from bot.commands import add_store_arguments
from bot.facts.load import load_store
from bot.grammar import count
from bot.schedule.ics import build_calendar
from bot.settings import Settings


def _days(text: str) -> tuple[int, ...]:
    try:
        days = tuple(int(d) for d in text.split(",") if d.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError("use whole numbers of days, e.g. 7,1") from exc
    if any(d < 0 or d > 366 for d in days):
        raise argparse.ArgumentTypeError("alarm days must be from 0 to 366")
    return days


def add_parser(subparsers) -> None:
    """Register `factbot ics`."""
    parser = subparsers.add_parser(
        "ics",
        help="write the anniversaries as an iCalendar (.ics) file",
        description="One yearly all-day event per exact-date event, with reminder alarms.",
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write here (default: stdout)")
    add_store_arguments(parser, schedules=False)
    parser.add_argument(
        "--alarms",
        type=_days,
        default=(7, 1),
        metavar="DAYS",
        help="alarm this many days ahead, comma-separated (default 7,1; empty for none)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the calendar; 1 if the fact store has errors (they are printed, records kept)."""
    facts_dir = Path(args.facts) if args.facts else Settings.from_env().facts_dir
    loaded = load_store(facts_dir)
    for p in loaded.errors:
        print(p.format(), file=sys.stderr)
    data = build_calendar(loaded.store, dt.datetime.now(dt.UTC), args.alarms).encode("utf-8")
    if args.output:
        Path(args.output).write_bytes(data)
        events = data.count(b"BEGIN:VEVENT")
        print(f"wrote {count(events, 'anniversary')} to {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 1 if loaded.errors else 0
