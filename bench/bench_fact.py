"""`/fact` latency by kind of query: the real bot against a bare Bolt app, and search at scale.

Usage: python bench/bench_fact.py [--facts N] [--large M] [--per-kind K]

Part 1 (N facts, default 10,000): writes the synthetic store (bench/make_store.py), builds
`bot.web.app` from the environment (usage recording on, into a SQLite file, flushed by its
thread; the store's snapshot gc.freeze()d as in production), and a bare Bolt app. For each kind
of query (bench/fact_queries.py) it sends K signed `/fact` requests to both, interleaved, and
times each WSGI call in-process from the environ to the last byte of the body ("server time").
Both check the Slack signature once:
- factbot (`bot.web.app`, as gunicorn serves it): reads the body (bounded), checks signature and
  timestamp, parses the form, answers the command (search, count, "did you mean", partial note,
  usage counting, Block Kit rendering), encodes the JSON reply. Slash commands skip Bolt's
  dispatch (bot/slack/commands.py); the reply is the one Bolt's listener gives.
- bare: `slack_bolt.App(signing_secret, process_before_response=True)` with Bolt's default
  middleware (ssl_check, signature verification, single-team authorization with auth.test
  cached, ignoring self events, url_verification, function token) and one `/fact` listener that
  acks a constant string, behind Bolt's WSGI adapter (`SlackRequestHandler`).
Target: the bot's median ≤ 2× the bare app's, for every kind.

Part 2 (M facts, default 100,000): the same kinds against `answers.answer_fact` on the loaded
store ("search time": search, count, "did you mean", partial note, rendering the blocks, usage
counting; no HTTP, no Bolt). Target: p99 ≤ 5 ms for every kind. `--large 0` skips it. The
"p99 on CPU" column (this thread's CPU time, `time.thread_time`) tells the search's own slow
queries from the time the thread waited for a core (other processes) or for the GIL.
The first 10% of each kind are warm-up and not counted. The load average is printed with each
table: other processes on the machine move these numbers; compare runs at similar load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from slack_bolt import App  # noqa: E402
from slack_bolt.adapter.wsgi import SlackRequestHandler  # noqa: E402
from slack_sdk import WebClient  # noqa: E402

from bench.fact_queries import KINDS, queries_by_kind  # noqa: E402
from bench.make_store import make_store  # noqa: E402
from bot.facts import load_store  # noqa: E402
from bot.search.index import SearchIndex  # noqa: E402
from bot.search.live import Snapshot  # noqa: E402
from bot.slack import answers  # noqa: E402
from bot.storage import open_database  # noqa: E402
from bot.usage import UsageRecorder  # noqa: E402
from tests.fakeslack import FakeSlack  # noqa: E402
from tests.slackreq import SECRET, command_body, signature_headers, wsgi_environ  # noqa: E402

RATIO_TARGET, P99_TARGET_MS = 2.0, 5.0


def bare_app(api_url: str):
    """A bare Bolt app whose /fact acks a constant string, behind the same WSGI adapter."""
    client = WebClient(token="xoxb-bench", base_url=api_url)
    app = App(client=client, signing_secret=SECRET, process_before_response=True)

    @app.command("/fact")
    def fact(ack):
        ack("A constant answer.")

    return SlackRequestHandler(app)


def call(app, environ: dict) -> float:
    """One in-process WSGI request; returns its duration in seconds (asserts a 200)."""
    status = []
    start = time.perf_counter()
    b"".join(app(environ, lambda s, h, exc=None: status.append(s)))
    elapsed = time.perf_counter() - start
    assert status[0].startswith("200"), status
    return elapsed


def measure_apps(apps: dict, queries: list[str], response_url: str) -> dict[str, list[float]]:
    """Send every query to every app, interleaved; the first 10% are warm-up."""
    timings: dict[str, list[float]] = {name: [] for name in apps}
    warmup = len(queries) // 10
    for i, query in enumerate(queries):
        body = command_body("/fact", query, response_url)
        headers = signature_headers(body)
        for name, app in apps.items():
            elapsed = call(app, wsgi_environ(body, headers=headers))  # a fresh environ each
            if i >= warmup:
                timings[name].append(elapsed)
    return timings


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def load() -> str:
    """The machine's load average (1, 5, 15 minutes), for reading the numbers honestly."""
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def loaded(n: int, directory: Path):
    """Write an n-fact store, load it; (store, load + index seconds)."""
    make_store(n, directory)
    start = time.perf_counter()
    store = load_store(directory).store
    SearchIndex.build(store)
    return store, time.perf_counter() - start


def part_one(n: int, per_kind: int, tmp: Path) -> bool:
    """The bot against a bare Bolt app, per kind, at n facts; True if every kind is in target."""
    facts_dir = tmp / "facts"
    store, seconds = loaded(n, facts_dir)
    queries = queries_by_kind(store, SearchIndex.build(store), per_kind)
    with FakeSlack() as fake:
        os.environ.update(SLACK_BOT_TOKEN="xoxb-bench", SLACK_SIGNING_SECRET=SECRET,
                          SLACK_API_URL=fake.api_url, FACTBOT_FACTS_DIR=str(facts_dir),
                          FACTBOT_DATA_DIR=str(tmp / "data"))  # fmt: skip
        import bot.web

        bot.web.app.get()  # build it now: start-up is not what we measure
        apps = {"factbot": bot.web.app, "bare": bare_app(fake.api_url)}
        print(f"\n/fact server time, {n:,} facts (load + index {seconds:.2f} s), "
              f"{per_kind} requests per kind, usage recording on, {load()}")  # fmt: skip
        print(f"{'kind':<17}{'factbot median':>15}{'bare median':>12}{'ratio':>7}"
              f"{'factbot p99':>13}{'bare p99':>10}")  # fmt: skip
        ok = True
        for kind in KINDS:
            t = measure_apps(apps, queries[kind], fake.response_url())
            bot_median, bare_median = statistics.median(t["factbot"]), statistics.median(t["bare"])
            ratio = bot_median / bare_median
            ok &= ratio <= RATIO_TARGET
            print(f"{kind:<17}{bot_median * 1e6:>12.0f} µs{bare_median * 1e6:>9.0f} µs"
                  f"{ratio:>6.2f}×{percentile(t['factbot'], 99) * 1e6:>10.0f} µs"
                  f"{percentile(t['bare'], 99) * 1e6:>7.0f} µs")  # fmt: skip
        bot.web.app.get().services.usage.stop()
    print(f"target: median ≤ {RATIO_TARGET:g}× bare for every kind: {'met' if ok else 'MISSED'}")
    return ok


def part_two(n: int, per_kind: int, tmp: Path) -> bool:
    """`answer_fact` per kind at n facts (usage on); True if every p99 is within target."""
    store, seconds = loaded(n, tmp / "large")
    queries = queries_by_kind(store, SearchIndex.build(store), per_kind)
    snapshot = Snapshot.of(store)  # last: it gc.freeze()s what is live, as the bot's store does
    usage = UsageRecorder(open_database(f"sqlite:///{tmp / 'large.sqlite3'}")).start()
    today = dt.date.today()
    print(f"\nSearch time (answers.answer_fact), {n:,} facts (load + index {seconds:.2f} s), "
          f"{per_kind} queries per kind, usage recording on, {load()}")  # fmt: skip
    print(f"{'kind':<17}{'median':>10}{'p99':>10}{'p99 on CPU':>13}")
    ok = True
    for kind in KINDS:
        timings, on_cpu = [], []
        for i, query in enumerate(queries[kind]):
            start, cpu = time.perf_counter(), time.thread_time()
            answers.answer_fact(snapshot, query, today, usage=usage)
            if i >= len(queries[kind]) // 10:
                timings.append(time.perf_counter() - start)
                on_cpu.append(time.thread_time() - cpu)
        p99 = percentile(timings, 99) * 1e3
        ok &= p99 <= P99_TARGET_MS
        print(f"{kind:<17}{statistics.median(timings) * 1e3:>7.3f} ms{p99:>7.3f} ms"
              f"{percentile(on_cpu, 99) * 1e3:>10.3f} ms")  # fmt: skip
    usage.stop()
    print(f"target: p99 ≤ {P99_TARGET_MS:g} ms for every kind: {'met' if ok else 'MISSED'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    """Run both parts and print the tables; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--per-kind", type=int, default=400)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        ok = part_one(args.facts, args.per_kind, Path(tmp))
        if args.large:
            ok &= part_two(args.large, args.per_kind, Path(tmp))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
