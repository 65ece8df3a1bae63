"""`/fact` latency: the real WSGI app against a bare Bolt app that acks a constant string.

Usage: python bench/bench_fact.py [--facts N] [--requests K]

In one run: writes an N-fact synthetic store (bench/make_store.py), times load + index, then
dispatches K signed `/fact` requests with varied queries to `bot.web.app` in-process (a WSGI
environ per request, as gunicorn would build it) and the same requests to a bare Bolt app
(`process_before_response=True`, same WSGI adapter, same signature check), interleaved so both see
the same machine state. Prints median and p99 for each and their ratio. Targets: bot median ≤ 2×
bare; load + index < 2 s. The fake Slack Web API answers the one auth.test each app makes.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from slack_bolt import App  # noqa: E402
from slack_bolt.adapter.wsgi import SlackRequestHandler  # noqa: E402
from slack_sdk import WebClient  # noqa: E402

from bot.facts import load_store  # noqa: E402
from bot.search.index import SearchIndex  # noqa: E402
from tests.fakeslack import FakeSlack  # noqa: E402
from tests.slackreq import SECRET, command_body, signature_headers, wsgi_environ  # noqa: E402

FIXED_QUERIES = [
    "minusma fatalities",
    "monusco troop strength",
    "unmiss displaced",
    "minusca budget 2016",
    "fatalites minusma",  # typo
    "sevare attack",  # accents folded
    "resolution 2100",
    "res 2100",
    "15,476",
    "peacekeepers killed",  # synonyms
    "women police unifil",
    "humanitarian appeal mali",
    "qwxz zzyzx",  # no match
    "",  # help
    "help",
]


def make_store(n: int, directory: Path) -> None:
    """Write the synthetic store with bench/make_store.py."""
    script = ROOT / "bench" / "make_store.py"
    subprocess.run([sys.executable, str(script), str(n), str(directory)], check=True)


def time_load_and_index(directory: Path):
    """Seconds to load the store and to build its index (and the store itself)."""
    start = time.perf_counter()
    store = load_store(directory).store
    loaded = time.perf_counter()
    SearchIndex.build(store)
    return loaded - start, time.perf_counter() - loaded, store


def queries_for(store, k: int) -> list[str]:
    """K varied queries: fixed ones plus aliases and titles sampled from the store (seeded)."""
    rng = random.Random(7)
    labels = [a for f in store.facts.values() for a in f.aliases] or ["minusma"]
    picked = [rng.choice(labels) for _ in range(k)]
    return [
        FIXED_QUERIES[i % len(FIXED_QUERIES)] if i % 3 == 0 else q for i, q in enumerate(picked)
    ]


def bare_app(api_url: str):
    """A bare Bolt app whose /fact acks a constant string, behind the same WSGI adapter."""
    client = WebClient(token="xoxb-bench", base_url=api_url)
    app = App(client=client, signing_secret=SECRET, process_before_response=True)

    @app.command("/fact")
    def fact(ack):
        ack("A constant answer.")

    return SlackRequestHandler(app)


def call(app, body: str, headers: dict) -> float:
    """One in-process WSGI request; returns its duration in seconds (asserts a 200)."""
    status = []
    environ = wsgi_environ(body, headers=headers)
    start = time.perf_counter()
    chunks = app(environ, lambda s, h, exc=None: status.append(s))
    b"".join(chunks)
    elapsed = time.perf_counter() - start
    assert status[0].startswith("200"), status
    return elapsed


def measure(apps: dict, queries: list[str], response_url: str) -> dict[str, list[float]]:
    """Send every query to every app, interleaved; the first 10% are warm-up and not counted."""
    timings: dict[str, list[float]] = {name: [] for name in apps}
    requests = []
    for query in queries:
        body = command_body("/fact", query, response_url)
        requests.append((body, signature_headers(body)))
    warmup = len(requests) // 10
    for i, (body, headers) in enumerate(requests):
        for name, app in apps.items():
            elapsed = call(app, body, headers)
            if i >= warmup:
                timings[name].append(elapsed)
    return timings


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=2_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as fake:
        facts_dir = Path(tmp) / "facts"
        make_store(args.facts, facts_dir)
        load_s, index_s, store = time_load_and_index(facts_dir)
        os.environ.update(
            SLACK_BOT_TOKEN="xoxb-bench",
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=fake.api_url,
            FACTBOT_FACTS_DIR=str(facts_dir),
            FACTBOT_DATA_DIR=str(Path(tmp) / "data"),
        )
        import bot.web

        bot.web.app.get()  # build it now: the first request's start-up is not what we measure
        apps = {"factbot": bot.web.app, "bare": bare_app(fake.api_url)}
        timings = measure(apps, queries_for(store, args.requests), fake.response_url())
    return report(args, load_s, index_s, timings)


def report(args, load_s: float, index_s: float, timings: dict[str, list[float]]) -> int:
    """Print the numbers; 0 if both targets are met."""
    print(f"store: {args.facts:,} facts; load {load_s:.3f} s + index {index_s:.3f} s "
          f"= {load_s + index_s:.3f} s (target < 2 s)")  # fmt: skip
    medians = {}
    print(f"{'app':<10}{'requests':>10}{'median µs':>12}{'p99 µs':>10}")
    for name, values in timings.items():
        medians[name] = statistics.median(values)
        print(f"{name:<10}{len(values):>10}{medians[name] * 1e6:>12.0f}"
              f"{percentile(values, 99) * 1e6:>10.0f}")  # fmt: skip
    ratio = medians["factbot"] / medians["bare"]
    print(f"median ratio factbot/bare: {ratio:.2f} (target ≤ 2.00)")
    return 0 if ratio <= 2.0 and load_s + index_s < 2.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
