"""Cold start: the Procfile's web process, from `gunicorn` starting to its first `/fact` answer.

Usage: python bench/bench_cold_start.py [--small 10000] [--large 100000] [--warm 200]
(`--large 0` measures the first part only)

Starts the real server as the Procfile does (`gunicorn --config python:bot.gunicorn_conf
bot.web:app`, on a socket this script opened, so it knows the port without reading logs) against
synthetic stores from bench/make_store.py and the fake Slack Web API, and prints, in one run:

1. at --small facts, 2 workers: once /healthz is 200, --warm varied `/fact` queries (bench_fact's
   kinds, in turn) in batches of eight sent at once (so both workers take some): the slowest of
   the first batch (each worker's first requests) against the median slowest of the later; with the
   preloaded config and without it (`gunicorn bot.web:app`, each worker loading on its first
   request: /healthz is then 200 when one worker is ready). Target ≤ 2× warm. Then the literal
   case for each kind of query apart, one request at a time with 1 worker (a fresh server per
   kind): its very first `/fact` against warm ones of that kind after the same quiet (and, for
   reference, against warm ones sent back to back).
2. at --large facts: seconds from starting gunicorn to the first `/fact` answer (the request is
   sent at once and waits in the listen queue): with no prebuilt store (a first start builds and
   saves one), then after `factbot prebuild`, as a deploy runs it. Target ≤ 5 s, with 2 workers,
   after the deploy step.
3. at --large facts, after --warm requests: memory of the whole server (master + workers) with
   two workers against one, as PSS and USS summed from /proc/PID/smaps_rollup. Target ≤ 1.5×.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.fact_queries import KINDS, queries_by_kind  # noqa: E402
from bot.facts import load_store  # noqa: E402
from bot.search.index import SearchIndex  # noqa: E402
from tests.fakeslack import FakeSlack  # noqa: E402
from tests.slackreq import SECRET, command_body, signature_headers  # noqa: E402

LAZY = ["gunicorn", "bot.web:app"]  # the Procfile before preloading


def procfile_web() -> list[str]:
    """The Procfile's web command as argv."""
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line.startswith("web:"):
            return shlex.split(line.split(":", 1)[1])
    raise SystemExit("Procfile has no web process")


class Server:
    """A gunicorn started with `argv` on a socket opened here; stopped on exit."""

    def __init__(self, argv: list[str], workers: int, env: dict[str, str]):
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        fd = self.listener.fileno()
        bind = ["--bind", f"fd://{fd}", "--workers", str(workers), "--threads", "4"]
        self.log = Path(env["FACTBOT_DATA_DIR"]).parent / "gunicorn.log"
        with self.log.open("ab") as log:
            self.started = time.perf_counter()
            self.process = subprocess.Popen(
                [sys.executable, "-m", *argv, *bind],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=log,
                pass_fds=[fd],
            )
        self.listener.close()

    def stop(self) -> None:
        """Stop gunicorn and its workers."""
        self.process.terminate()
        self.process.wait(timeout=60)


def fact(url: str, query: str, response_url: str, timeout: float = 120) -> float:
    """POST one signed /fact; its latency in seconds (raises unless 200)."""
    body = command_body("/fact", query, response_url)
    request = urllib.request.Request(
        url + "/slack/events",
        data=body.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", **signature_headers(body)},
    )
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=timeout) as answer:
        answer.read()
    return time.perf_counter() - start


def wait_healthy(server: Server, seconds: float = 180) -> float:
    """Seconds from start until /healthz answers 200."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise SystemExit(f"gunicorn exited:\n{server.log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(server.url + "/healthz", timeout=120) as answer:
                if answer.status == 200:
                    return time.perf_counter() - server.started
        except OSError:
            time.sleep(0.05)
    raise SystemExit("gunicorn never became healthy")


def wait_workers(server: Server, workers: int, seconds: float = 60) -> None:
    """Until gunicorn's master has forked all its workers (it forks them one after another)."""
    deadline = time.monotonic() + seconds
    while len(children(server.process.pid)) < workers:
        if time.monotonic() > deadline:
            raise SystemExit(f"gunicorn has not started {workers} workers")
        time.sleep(0.05)


def memory(pid: int) -> dict[str, int]:
    """PSS and USS in KiB of `pid` and all its children (gunicorn's master and workers)."""
    total = {"pss": 0, "uss": 0, "processes": 0}
    for process in [pid, *children(pid)]:
        fields = {}
        for line in Path(f"/proc/{process}/smaps_rollup").read_text().splitlines()[1:]:
            name, value = line.split(":", 1)
            fields[name] = int(value.split()[0])
        total["pss"] += fields["Pss"]
        total["uss"] += fields["Private_Clean"] + fields["Private_Dirty"]
        total["processes"] += 1
    return total


def children(pid: int) -> list[int]:
    """Direct children of `pid`."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def first_vs_warm(argv, env, fake, queries: list[str]) -> dict[str, float]:
    """With 2 workers: seconds to healthy; the slowest of the first batch of eight /fact sent at
    once (both workers take some, so whichever worker /healthz reached, the other's first
    requests are among them); and the median of the same measure over the later batches."""
    server = Server(argv, 2, env)
    try:
        healthy = wait_healthy(server)
        with ThreadPoolExecutor(max_workers=8) as pool:
            slowest = [
                max(pool.map(lambda q: fact(server.url, q, fake.response_url()), batch))
                for batch in (queries[i : i + 8] for i in range(0, len(queries) - 7, 8))
            ]
    finally:
        server.stop()
    return {"healthy": healthy, "first8": slowest[0], "warm": statistics.median(slowest[1:])}


IDLE = 0.5  # seconds without a request before each measured one


def first_one_at_a_time(argv, env, fake, queries: list[str], idle: int = 5) -> dict[str, float]:
    """With 1 worker, one request at a time: the very first `/fact` after /healthz is 200 (and
    IDLE seconds of quiet); the median of the rest sent back to back; and the median of `idle`
    more, each after IDLE seconds of quiet like the first: a process that sat idle pays for cold
    caches whether it just started or not, so that is the like-for-like warm one."""
    server = Server(argv, 1, env)
    try:
        wait_healthy(server)
        time.sleep(IDLE)
        times = [fact(server.url, q, fake.response_url()) for q in queries]
        after_idle = []
        for query in queries[1 : idle + 1]:
            time.sleep(IDLE)
            after_idle.append(fact(server.url, query, fake.response_url()))
    finally:
        server.stop()
    return {
        "first": times[0],
        "warm": statistics.median(times[1:]),
        "idle": statistics.median(after_idle),
    }


def kinds_of_queries(facts_dir: Path, n: int) -> dict[str, list[str]]:
    """About `n` queries in all, of every kind bench_fact measures, by kind."""
    store = load_store(facts_dir).store
    return queries_by_kind(store, SearchIndex.build(store), max(2, n // len(KINDS) + 1))


def mixed(by_kind: dict[str, list[str]], n: int) -> list[str]:
    """`n` queries of every kind, taken in turn (a realistic mix)."""
    return [q for batch in zip(*(by_kind[k] for k in KINDS), strict=False) for q in batch][:n]


def start_to_answer(env, fake, workers: int, queries: list[str]) -> tuple[float, dict[str, int]]:
    """(seconds from start to the first /fact answer, memory after `queries` more requests)."""
    server = Server(procfile_web(), workers, env)
    try:
        first = None
        while first is None:  # refused only before the socket is handed over; then it queues
            try:
                fact(server.url, "minusma fatalities", fake.response_url(), timeout=300)
                first = time.perf_counter() - server.started
            except ConnectionError:
                time.sleep(0.01)
        wait_workers(server, workers)
        for query in queries:
            fact(server.url, query, fake.response_url())
        return first, memory(server.process.pid)
    finally:
        server.stop()


def prebuild(env: dict[str, str]) -> float:
    """Run `factbot prebuild` as a deploy would (Heroku's bin/post_compile); its seconds."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "bot", "prebuild"], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def make_store(n: int, directory: Path) -> None:
    """Write the synthetic store with bench/make_store.py."""
    script = ROOT / "bench" / "make_store.py"
    subprocess.run([sys.executable, str(script), str(n), str(directory)], check=True)


def main(argv: list[str] | None = None) -> int:
    """Run the three measurements and print them against their targets; exit 1 on a miss."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--warm", type=int, default=200)
    args = parser.parse_args(argv)
    met = []
    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as fake:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("FACTBOT_", "SLACK_"))}
        env.update(
            SLACK_BOT_TOKEN="xoxb-bench",
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=fake.api_url,
            FACTBOT_DATA_DIR=str(Path(tmp) / "data"),
        )
        small, large = Path(tmp) / "small", Path(tmp) / "large"
        make_store(args.small, small)
        env["FACTBOT_FACTS_DIR"] = str(small)
        by_kind = kinds_of_queries(small, args.warm)
        queries = mixed(by_kind, args.warm)
        print(f"1. /fact once /healthz is 200, {args.small:,} facts, 2 workers, varied queries")
        # The lazy server gets a data directory of its own: no prebuilt store, as before them.
        lazy_env = {**env, "FACTBOT_DATA_DIR": str(Path(tmp) / "lazy-data")}
        for name, command in (("Procfile (preload)", procfile_web()), ("lazy (before)", LAZY)):
            got = first_vs_warm(command, lazy_env if command is LAZY else env, fake, queries)
            # The slowest of the first eight includes each worker's first request, whichever
            # worker /healthz and the first /fact happened to reach.
            ratio = got["first8"] / got["warm"]
            print(
                f"   {name}: healthy after {got['healthy']:.2f} s; slowest of the first eight "
                f"{got['first8'] * 1e3:.1f} ms, later batches' median {got['warm'] * 1e3:.1f} ms; "
                f"{ratio:.1f}× (target ≤ 2×)"
            )
            if command is not LAZY:
                met.append(ratio <= 2)
        print("   one at a time, 1 worker, a fresh server per kind: its first /fact (after")
        print(f"   {IDLE} s of quiet) against a warm one after the same quiet, and back to back")
        for kind in KINDS:
            one = first_one_at_a_time(procfile_web(), env, fake, by_kind[kind])
            print(
                f"     {kind:16s} first {one['first'] * 1e3:5.2f} ms; warm after quiet "
                f"{one['idle'] * 1e3:5.2f} ms: {one['first'] / one['idle']:.1f}× (target ≤ 2×); "
                f"back to back {one['warm'] * 1e3:5.2f} ms: {one['first'] / one['warm']:.1f}×"
            )
            met.append(one["first"] <= 2 * one["idle"])
        if args.large <= 0:
            return 0 if all(met) else 1
        make_store(args.large, large)
        env["FACTBOT_FACTS_DIR"] = str(large)
        print(f"2. start to first /fact answer, {args.large:,} facts (Procfile, 2 workers)")
        first_ever, _ = start_to_answer(env, fake, 2, queries[:8])
        print(f"   no prebuilt store (the first start builds it and saves it): {first_ever:6.2f} s")
        shutil.rmtree(Path(env["FACTBOT_DATA_DIR"]) / "prebuilt")
        built = prebuild(env)
        print(f"   `factbot prebuild` at deploy: {built:.1f} s; then, started from its file:")
        runs = {w: start_to_answer(env, fake, w, queries) for w in (1, 2)}
        for workers, (seconds, _) in runs.items():
            print(f"   {workers} worker(s): {seconds:6.2f} s (target ≤ 5 s)")
        met.append(runs[2][0] <= 5)
        print(f"3. memory after {args.warm} requests, {args.large:,} facts (master + workers)")
        for workers, (_, mem) in runs.items():
            print(f"   {workers} worker(s): PSS {mem['pss'] / 1024:7.1f} MiB, "
                  f"USS {mem['uss'] / 1024:7.1f} MiB in {mem['processes']} processes")  # fmt: skip
        ratio = runs[2][1]["pss"] / runs[1][1]["pss"]
        print(f"   two workers / one (PSS): {ratio:.2f}× (target ≤ 1.5×)")
        met.append(ratio <= 1.5)
    return 0 if all(met) else 1


if __name__ == "__main__":
    raise SystemExit(main())
