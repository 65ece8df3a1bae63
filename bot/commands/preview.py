"""`factbot preview`: every anniversary post that would go out in a window, rendered as text.

What a reviewer pastes into a pull request that changes facts or schedules.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from bot.commands import MAX_WINDOW_DAYS, add_store_arguments, cli_date, window_days
from bot.facts.load import load_store
from bot.facts.model import Store
from bot.facts.periods import add_days
from bot.facts.rules import MAX_YEAR, MIN_YEAR
from bot.grammar import count
from bot.schedule.load import load_schedules
from bot.schedule.model import Occurrence, Schedule
from bot.schedule.occurrences import occurrences_between
from bot.schedule.wording import lead_phrase
from bot.settings import Settings
from bot.slack.posts import render_occurrence_text

# The days posts are computed for: the store's years, and a longest window starting in the last.
FIRST_DAY = dt.date(MIN_YEAR, 1, 1)
LAST_DAY = dt.date(MAX_YEAR + 1, 1, 1) + dt.timedelta(days=MAX_WINDOW_DAYS)


def add_parser(subparsers) -> None:
    """Register `factbot preview`."""
    parser = subparsers.add_parser(
        "preview",
        help="show every anniversary post that would go out (default: the next 14 days)",
        description="Each post in order, with its channel, local time and text.",
    )
    parser.add_argument(
        "--from",
        dest="start",
        metavar="DATE",
        type=cli_date,
        help="first day, YYYY-MM-DD (default today)",
    )
    parser.add_argument(
        "--days",
        type=window_days,
        default=14,
        help=f"how many days (default 14, at most {MAX_WINDOW_DAYS})",
    )
    add_store_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the preview; 1 if the fact store or the schedules have errors (shown on stderr)."""
    settings = Settings.from_env()
    start = args.start or settings.today()
    facts_dir = Path(args.facts) if args.facts else settings.facts_dir
    schedules_dir = Path(args.schedules) if args.schedules else settings.schedules_dir
    loaded = load_store(facts_dir, today=start)
    schedules, problems = load_schedules(schedules_dir, loaded.store)
    errors = [p for p in (*loaded.problems, *problems) if p.severity == "error"]
    for p in errors:
        print(p.format(), file=sys.stderr)
    if errors:
        print(
            f"({count(len(errors), 'error')}: the preview leaves out what they affect)",
            file=sys.stderr,
        )
    for line in preview_lines(loaded.store, schedules, start, max(args.days, 1)):
        print(line)
    return 1 if errors else 0


def posts_in_window(
    schedules: list[Schedule], store: Store, start: dt.date, days: int
) -> list[Occurrence]:
    """Every post whose local date (in its schedule's timezone) is in [start, start + days)."""
    # Total: only the part of the window inside the years posts are computed for, so a window
    # near 0001 or 9999 never overflows the calendar (preview --from 0001-01-01 used to).
    end = min(add_days(start, days), LAST_DAY)
    first = max(start, FIRST_DAY)
    if first >= end:
        return []
    utc_start = dt.datetime.combine(first - dt.timedelta(days=1), dt.time(), dt.UTC)
    utc_end = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), dt.UTC)
    found = occurrences_between(schedules, store, utc_start, utc_end)
    return [o for o in found if start <= o.local_date < end]


def preview_lines(
    store: Store,
    schedules: list[Schedule],
    start: dt.date,
    days: int,
    event_ids: set[str] | None = None,
) -> list[str]:
    """The preview as lines: a summary, then one titled block of text per post (of `event_ids`)."""
    posts = posts_in_window(schedules, store, start, days)
    if event_ids is not None:
        posts = [o for o in posts if event_ids & set(o.event_ids)]
    last = add_days(start, days - 1)
    lines = [f"{count(len(posts), 'post')} from {start} to {last} ({count(days, 'day')})"]
    for occ in posts:
        local = occ.local_at
        what = (
            "digest" if occ.is_digest else lead_phrase((occ.anniversary_date - occ.local_date).days)
        )
        lines += [
            "",
            f"=== {local:%Y-%m-%d %a %H:%M %Z} ({occ.timezone}) · channel {occ.channel} · "
            f"{occ.schedule_id} · {what} ===",
            render_occurrence_text(occ, store, occ.post_at),
        ]
    return lines


def record_preview(schedules_dir: Path, start: dt.date, days: int = 366):
    """A `(store, record_id) -> lines` for pull requests: the posts of a changed event, if any."""

    def lines(store: Store, record_id: str) -> list[str]:
        if record_id not in store.events:
            return []
        schedules, _problems = load_schedules(schedules_dir, store)
        return preview_lines(store, schedules, start, days, {record_id})

    return lines
