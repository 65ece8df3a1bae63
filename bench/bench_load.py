"""Cold load of the fact store: `load_store` on an N-fact synthetic store, split by phase.

Usage: python bench/bench_load.py [--facts N] [--runs R]

Writes the store with bench/make_store.py into a temporary directory, then times `load_store`
R times (median reported) and, separately, its three phases as `load_store` runs them (GC paused):
parse (`read_yaml` of every file), build (records from the nodes) and integrity (cross-record
checks). Also times `SearchIndex.build` once, for the issue's target: load + index under 2 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.make_store import make_store  # noqa: E402
from bot.facts import load_store  # noqa: E402
from bot.facts.integrity import check_store  # noqa: E402
from bot.facts.load import build_files, fact_files, gc_paused  # noqa: E402
from bot.facts.yamlsafe import read_yaml  # noqa: E402
from bot.search.index import SearchIndex  # noqa: E402

TARGET_S = 2.0
TODAY = dt.date(2025, 1, 1)


def phases(directory: Path) -> dict[str, float]:
    """Seconds for each phase of one load, run the way `load_store` runs them."""
    files = fact_files(directory)
    with gc_paused():
        start = time.perf_counter()
        reads = [read_yaml(path) for path in files]
        parsed = time.perf_counter()
        builts, _ = build_files(reads, [])
        built = time.perf_counter()
        check_store(builts, TODAY)
        done = time.perf_counter()
    return {"parse": parsed - start, "build": built - parsed, "integrity": done - built}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=10_000, help="facts in the store")
    parser.add_argument("--runs", type=int, default=3, help="timed loads (median reported)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "facts"
        make_store(args.facts, directory)
        loads, result = [], None
        for _ in range(args.runs):
            result = None  # free the previous store first: each run starts from the same heap
            start = time.perf_counter()
            result = load_store(directory, TODAY)
            loads.append(time.perf_counter() - start)
        splits = [phases(directory) for _ in range(args.runs)]
    if result.errors:
        print(f"the synthetic store has {len(result.errors)} errors", file=sys.stderr)
        return 1
    start = time.perf_counter()
    SearchIndex.build(result.store)
    index_s = time.perf_counter() - start
    load_s = statistics.median(loads)
    print(f"store: {len(result.store.facts)} facts, {len(result.problems)} problems reported")
    print(f"load_store   {load_s * 1000:8.0f} ms  (median of {args.runs}: "
          + ", ".join(f"{t * 1000:.0f}" for t in loads) + ")")  # fmt: skip
    for name in ("parse", "build", "integrity"):
        print(f"  {name:10} {statistics.median(s[name] for s in splits) * 1000:8.0f} ms")
    print(f"index build  {index_s * 1000:8.0f} ms")
    total = load_s + index_s
    verdict = "OK" if total < TARGET_S else "OVER"
    print(f"total        {total * 1000:8.0f} ms  (target < {TARGET_S * 1000:.0f} ms: {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
