"""Benchmark occurrences: a year of posts for N events × S schedules (default 10,000 × 20).

Usage: python bench/bench_schedule.py [--events N] [--schedules S] [--facts DIR]

Without --facts the events are generated in memory (synthetic, not facts); with --facts (e.g. a
store written by bench/make_store.py) the store is loaded from YAML first (load time not counted).
Two schedule mixes are timed: "mixed" (filters by kind, like real schedules; a quarter are
weekly digests) and "every event" (each schedule matches all events: the worst case).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.facts.model import EVENT_KINDS, Event, EventDate, Location, Source, Store
from bot.schedule.model import EventFilter, Schedule
from bot.schedule.occurrences import occurrences_between
from bot.schedule.upcoming import upcoming_anniversaries

ZONES = ("America/New_York", "Europe/Paris", "Africa/Bamako", "Asia/Tokyo", "UTC")
POLICIES = ("as_is", "previous_friday", "next_monday")


def synthetic_store(n: int, seed: int = 7) -> Store:
    """N synthetic events with random dates 1990–2025 (about 1 in 20 month-only)."""
    rng = random.Random(seed)
    events = {}
    for i in range(n):
        year, month = rng.randint(1990, 2025), rng.randint(1, 12)
        day = None if rng.random() < 0.05 else rng.randint(1, 28 if month == 2 else 30)
        kind = rng.choice(EVENT_KINDS)
        events[f"e{i}"] = Event(
            id=f"e{i}",
            date=EventDate(year, month, day),
            title=f"Synthetic event {i}",
            kind=kind,
            summary="Synthetic.",
            tone="solemn" if kind in ("attack", "coup") else "neutral",
            sources=(Source(title="example", url="https://example.org/"),),
            topic=f"topic{i % 10}",
            location=Location("synthetic"),
        )
    return Store(facts={}, events=events, talking_points={})


def schedules(count: int, every_event: bool) -> list[Schedule]:
    """`count` schedules: a quarter weekly digests, the rest reminders with leads 7, 1, 0."""
    out = []
    for i in range(count):
        digest = i % 4 == 3
        kinds = () if every_event else (EVENT_KINDS[i % len(EVENT_KINDS)],)
        out.append(
            Schedule(
                id=f"s{i}",
                type="digest" if digest else "reminder",
                channel="C0000000000",
                time=dt.time(9),
                timezone=ZONES[i % len(ZONES)],
                events=EventFilter(kinds=kinds),
                location=Location("synthetic"),
                lead_days=(7, 1, 0),
                weekend=POLICIES[i % len(POLICIES)],
                digest_weekdays=(0,),
                digest_days=14,
            )
        )
    return out


def timed(label: str, func) -> object:
    """Run `func` once, print how long it took, return its result."""
    began = time.perf_counter()
    result = func()
    print(f"{label}: {time.perf_counter() - began:.3f} s")
    return result


def main() -> int:
    """Time a year, a day and /anniversaries over the store."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--schedules", type=int, default=20)
    parser.add_argument("--facts", metavar="DIR", help="load this store instead of generating")
    args = parser.parse_args()
    if args.facts:
        from bot.facts import load_store

        store = timed("load store (not counted below)", lambda: load_store(args.facts).store)
    else:
        store = synthetic_store(args.events)
    print(f"{len(store.events):,} events, {args.schedules} schedules")
    start = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    year, day = start.replace(year=2028), start + dt.timedelta(days=1)
    for name, every in (("mixed", False), ("every event", True)):
        scheds = schedules(args.schedules, every)
        posts = timed(
            f"{name}: one year of occurrences",
            lambda s=scheds: occurrences_between(s, store, start, year),
        )
        print(f"  {len(posts):,} posts")
        timed(
            f"{name}: one day (a clock tick)",
            lambda s=scheds: occurrences_between(s, store, start, day),
        )
    timed(
        "upcoming_anniversaries, 30 days", lambda: upcoming_anniversaries(store, start.date(), 30)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
