"""Benchmark: load + index a synthetic 10,000-fact store, then search latency by kind of query.

Usage: python bench/bench_search.py [--facts N] [--repeat R]

Prints load and index-build times, then median and p99 latency per query kind (exact, typo,
number, synonym, no-match). "warm" timings repeat each query (the per-word caches are hot, as
they are for the words people type every day); "cold" is each query's first run on a fresh index.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.make_store import make_store
from bot.facts import load_store
from bot.search.index import SearchIndex

QUERIES = {
    "exact": [
        "MINUSMA fatalities",
        "monusco troop strength",
        "unmiss budget",
        "Sévaré",
        "goma",
        "humanitarian appeal haiti",
        "women police unmiss 2019",
        "unifil-budget-naqoura-2012",
    ],
    "typo": ["minusma casualites", "fatalites", "minsuma", "monusko budjet", "displacment juba"],
    "number": ["15,476", "15476", "res 2100", "resolution 2500", "S/RES/2500", "2015"],
    "synonym": [
        "peacekeepers killed in mali",
        "unamid deaths",
        "blue helmets toll",
        "funding for minusca",
        "idps south sudan",
    ],
    "no-match": ["xyzzy plugh", "the of and", "qwertyuiop zxcv"],
}


def timed(fn, *args):
    """(result, seconds) of one call."""
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def percentile(samples: list[float], fraction: float) -> float:
    """The sample at `fraction` of the sorted list (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=10_000, help="facts in the store")
    parser.add_argument("--repeat", type=int, default=200, help="runs per query (warm)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "facts"
        make_store(args.facts, directory)
        result, load_s = timed(load_store, directory, dt.date(2025, 1, 1))
    if result.errors:
        print(f"the synthetic store has {len(result.errors)} errors", file=sys.stderr)
        return 1
    index, build_s = timed(SearchIndex.build, result.store)
    store = result.store
    print(f"store: {len(store.facts)} facts, {len(store.events)} events, "
          f"{len(store.talking_points)} talking-point sets")  # fmt: skip
    print(f"load_store   {load_s * 1000:8.0f} ms")
    print(f"index build  {build_s * 1000:8.0f} ms")
    print(f"total        {(load_s + build_s) * 1000:8.0f} ms  (budget 2000 ms)")
    print()
    cold_index = SearchIndex.build(store)
    # As a server should after loading: keep the store out of the cyclic GC's full passes, which
    # otherwise land in the p99 as multi-millisecond pauses unrelated to search.
    gc.collect()
    gc.freeze()
    print(f"{'kind':10} {'queries':>7} {'warm p50 µs':>12} {'warm p99 µs':>12} {'cold p50 µs':>12}")
    every: list[float] = []
    for kind, queries in QUERIES.items():
        cold = [timed(cold_index.search, q)[1] for q in queries]
        warm = []
        for query in queries:
            index.search(query)
            warm += [timed(index.search, query)[1] for _ in range(args.repeat)]
        every += warm
        print(
            f"{kind:10} {len(queries):7d} {statistics.median(warm) * 1e6:12.1f} "
            f"{percentile(warm, 0.99) * 1e6:12.1f} {statistics.median(cold) * 1e6:12.1f}"
        )
    print(
        f"{'all':10} {sum(map(len, QUERIES.values())):7d} "
        f"{statistics.median(every) * 1e6:12.1f} {percentile(every, 0.99) * 1e6:12.1f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
