"""Benchmark one post-due pass when nothing is due: the cost of every minute's clock tick.

Usage: python bench/bench_post_due.py [--events N] [--schedules S] [--facts DIR]
                                      [--database-url URL] [--repeat R]

The store is synthetic (bench_schedule.synthetic_store: generated, not facts) unless --facts
loads one (e.g. written by bench/make_store.py). "Nothing due" is the steady state: every
occurrence in the pass's 7-day lookback is already settled in the ledger, so the pass computes
the occurrences, looks their keys up, and posts nothing. The poster refuses to be called.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_schedule import schedules, synthetic_store
from bot.schedule.ledger import Ledger
from bot.schedule.occurrences import occurrences_between
from bot.schedule.posting import run_pass
from bot.storage import open_database, posting_ledger

NOW = dt.datetime(2027, 3, 15, 14, 0, 5, tzinfo=dt.UTC)
LOOKBACK = dt.timedelta(days=7)


class RefusingPoster:
    """A poster for a pass that must post nothing."""

    def render(self, *args):
        raise AssertionError("nothing should be rendered")

    def post(self, *args):
        raise AssertionError("nothing should be posted")

    def find_posted(self, *args):
        raise AssertionError("nothing should be recovered")


def settle(db, occurrences) -> None:
    """Record every occurrence as already posted, in one bulk insert."""
    rows = [
        {
            "key": o.key,
            "schedule_id": o.schedule_id,
            "event_ids": ",".join(o.event_ids),
            "channel": o.channel,
            "due_at": o.post_at,
            "state": "posted",
            "attempts": 1,
            "ts": "1.0",
            "updated_at": NOW,
        }
        for o in occurrences
    ]
    with db.engine.begin() as conn:
        conn.execute(posting_ledger.insert(), rows)


def timed(func, repeat: int) -> tuple[float, object]:
    """Median seconds over `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


def main() -> int:
    """Generate or load the store, settle the window, time the pass."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--schedules", type=int, default=20)
    parser.add_argument("--facts", metavar="DIR", help="load this store instead of generating")
    parser.add_argument("--database-url", help="default: a fresh SQLite file in a temp dir")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.facts:
        from bot.facts import load_store

        store = load_store(args.facts).store
    else:
        store = synthetic_store(args.events)
    scheds = schedules(args.schedules, every_event=False)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(args.database_url or f"sqlite:///{tmp}/bench.sqlite3")
        window = occurrences_between(scheds, store, NOW - LOOKBACK, NOW)
        settle(db, window)
        print(f"{len(store.events):,} events × {len(scheds)} schedules, {db.dialect}")
        print(f"{len(window):,} occurrences in the 7-day lookback, all already settled")
        took, _ = timed(lambda: occurrences_between(scheds, store, NOW - LOOKBACK, NOW), 3)
        print(f"  occurrences_between (7 days): {took * 1000:.0f} ms")
        took, _ = timed(lambda: Ledger(db).states(o.key for o in window), 3)
        print(f"  ledger lookup of their keys:   {took * 1000:.0f} ms")
        took, report = timed(
            lambda: run_pass(db, scheds, store, RefusingPoster(), NOW), args.repeat
        )
        print(f"one post-due pass, nothing due: {took * 1000:.0f} ms (median of {args.repeat})")
        print(f"  {report.summary()}")
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
