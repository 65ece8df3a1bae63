"""Bursts against the real `factbot serve`: connection errors, statuses, latency by listen backlog.

Usage: python bench/bench_serve_burst.py [--requests 2000] [--concurrency 50] [--backlogs 2048,5]

For each backlog, in one run: starts `factbot serve --no-scheduler` (HTTP, on 127.0.0.1, the
shipped fact store, a fake Slack Web API that accepts its token), reads its port from --port-file,
then sends N signed `/fact` requests from C threads, each on a new connection as Slack makes them.
Prints connection errors, status counts, median / p99 / max latency and throughput, so the
default backlog (2,048) is compared with wsgiref's old 5 in the same run. Target: no connection
errors at concurrency 50. Bounded: every request times out after 10 s, each run after 120 s.
"""

from __future__ import annotations

import argparse
import collections
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fakeslack import FakeSlack  # noqa: E402
from tests.slackreq import bot_env, command_body, signed_post  # noqa: E402

QUERIES = ["minusma fatalities", "resolution 2100", "sevare attack", "peacekeepers killed"]
RUN_DEADLINE_SECONDS = 120


def start_serve(fake: FakeSlack, work: Path, backlog: int) -> tuple[subprocess.Popen, str]:
    """Start `factbot serve` with `backlog`; its process and base URL once it listens."""
    env = {**os.environ, **bot_env(fake, work), "FACTBOT_FACTS_DIR": str(ROOT / "facts")}
    env.pop("SLACK_APP_TOKEN", None)
    port_file = work / f"port-{backlog}"
    command = [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", "0"]
    command += ["--no-scheduler", "--backlog", str(backlog), "--port-file", str(port_file)]
    with (work / f"serve-{backlog}.log").open("w") as log:
        process = subprocess.Popen(command, env=env, stderr=log, cwd=work)
    deadline = time.monotonic() + 60
    while not port_file.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            sys.exit(f"factbot serve did not start; see {work}/serve-{backlog}.log")
        time.sleep(0.05)
    return process, f"http://127.0.0.1:{int(port_file.read_text())}/slack/events"


def one_request(url: str, body: str) -> tuple[str, float]:
    """Send one signed /fact; its outcome (HTTP status or error kind) and seconds taken."""
    started = time.perf_counter()
    try:
        outcome = str(signed_post(url, body).status)
    except OSError as exc:  # refused, reset, timed out: the connection errors this counts
        outcome = type(getattr(exc, "reason", exc)).__name__
    return outcome, time.perf_counter() - started


def burst(url: str, response_url: str, requests: int, concurrency: int) -> dict:
    """Fire `requests` signed /fact requests from `concurrency` threads; outcomes and latencies."""
    bodies = [
        command_body("/fact", QUERIES[i % len(QUERIES)], response_url) for i in range(requests)
    ]
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        futures = [pool.submit(one_request, url, body) for body in bodies]
        done, not_done = wait(futures, timeout=RUN_DEADLINE_SECONDS)
        for future in not_done:
            future.cancel()
    elapsed = time.perf_counter() - started
    results = [future.result() for future in done]
    return {"results": results, "unfinished": len(not_done), "elapsed": elapsed}


def report(backlog: int, run: dict) -> None:
    """Print one line per backlog: errors, statuses, latency, throughput."""
    outcomes = collections.Counter(outcome for outcome, _ in run["results"])
    errors = sum(n for outcome, n in outcomes.items() if not outcome.isdigit())
    statuses = {k: v for k, v in sorted(outcomes.items()) if k.isdigit()}
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()) if not k.isdigit())
    kinds = f" ({kinds})" if kinds else ""
    latencies = sorted(seconds for _, seconds in run["results"])
    median = statistics.median(latencies) * 1000
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
    print(
        f"backlog {backlog:>5}: connection errors {errors}{kinds}, statuses {statuses}, "
        f"unfinished {run['unfinished']}; latency median {median:.1f} ms"
        f", p99 {p99:.1f} ms, max {latencies[-1] * 1000:.0f} ms; "
        f"{len(latencies) / run['elapsed']:.0f} requests/s over {run['elapsed']:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--backlogs", default="2048,5", help="comma-separated listen backlogs")
    args = parser.parse_args()
    print(f"{args.requests} signed /fact requests, concurrency {args.concurrency}, 127.0.0.1")
    with FakeSlack() as fake, tempfile.TemporaryDirectory() as tmp:
        for backlog in (int(b) for b in args.backlogs.split(",")):
            process, url = start_serve(fake, Path(tmp), backlog)
            try:
                burst(url, fake.response_url(), 50, 10)  # warm up: first-use costs out of the way
                report(backlog, burst(url, fake.response_url(), args.requests, args.concurrency))
            finally:
                process.terminate()
                process.wait(timeout=10)


if __name__ == "__main__":
    main()
