"""gunicorn settings for the Procfile and the Dockerfile: `gunicorn -c python:bot.gunicorn_conf`.

The master loads and indexes the fact store before it forks (preload), then freezes the collector
so the workers share those pages copy-on-write instead of each loading its own copy on its first
request. Each worker then drops the master's database connections and starts its own store
watcher: threads do not survive a fork.
"""

from __future__ import annotations

import gc
import os
import threading

from bot.logs import configure_logging

# factbot's own lines (the store loaded, prebuilt or not, refused requests, posts) in the format
# and with the masking of every other factbot process; gunicorn's loggers keep their handlers.
configure_logging()

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("FACTBOT_WEB_THREADS", "4"))
backlog = 2048
timeout = 30
# Heroku (and Docker's default stop) sends SIGTERM and kills 30 s later: finish or drop in-flight
# requests before that, so the master still exits on its own.
graceful_timeout = 25
preload_app = True
FORK_WAIT_SECONDS = 300.0  # at most this long for the build's background threads, per thread
accesslog = None
# gunicorn ≥ 27's control socket lives at one path per user: several servers on one machine (tests,
# benchmarks, a second app) would contend for it, and nothing here uses it.
control_socket_disable = True


def when_ready(server) -> None:
    """Build the app (store loaded and indexed) in the master before any worker forks.

    gunicorn binds before this hook, but no worker accepts until it returns, so no request is
    answered by a half-loaded process. A configuration error stops the server here, loudly.
    """
    from bot.web import app

    before = set(threading.enumerate())
    app.preload()
    # Fork only once the threads the build started have finished (the claim index is built in
    # the background): a thread does not survive a fork, and what it builds is then shared.
    for thread in set(threading.enumerate()) - before:
        thread.join(timeout=FORK_WAIT_SECONDS)
        if thread.is_alive():
            server.log.warning("forking while thread %s still runs", thread.name)
    # Everything built so far lives as long as the process: keep the collector from touching
    # (and so copying) those pages in every worker.
    gc.freeze()


def post_fork(server, worker) -> None:
    """In each worker: fresh database connections and this worker's store watcher."""
    from bot.web import app

    app.start_worker()


def post_worker_init(worker) -> None:
    """Start all of a threaded worker's request threads now, not during its first requests."""
    pool = getattr(worker, "tpool", None)
    if pool is None:  # a sync worker has no thread pool
        return
    started = threading.Barrier(worker.cfg.threads)
    # Each task waits until all have started: the pool must create a thread for every one.
    waits = [pool.submit(started.wait, 5.0) for _ in range(worker.cfg.threads)]
    for wait in waits:
        wait.exception()
