"""The usage recorder: counts in memory, flushed to the database by a background thread.

A reply only increments a counter (see `counts`); the flusher writes a batch every few seconds
and at exit. A crash loses at most the last interval's counts, which is acceptable; slowing
`/fact` is not. Every minute (and on an explicit `flush()`) it also prunes old rows and re-reads
the popularity that breaks ranking ties: reading it back is most of a flush's time (7.5 ms for
3,000 records), and the flusher's Python holds the GIL that the replies need.
"""

from __future__ import annotations

import atexit
import datetime as dt
import logging
import threading
import time
from collections.abc import Callable

from bot.storage import Database
from bot.usage.counts import UsageCounts
from bot.usage.store import DEFAULT_RETENTION_DAYS, UsageStore, utcnow

log = logging.getLogger(__name__)
FLUSH_SECONDS = 5.0
REFRESH_SECONDS = 60.0  # ties broken by counts a minute old are as good as by fresh ones


class UsageRecorder(UsageCounts):
    """Counts usage in memory and flushes it in batches to `db` from a daemon thread."""

    def __init__(
        self,
        db: Database,
        retention_days: int = DEFAULT_RETENTION_DAYS,
        now: Callable[[], dt.datetime] = utcnow,
    ) -> None:
        super().__init__(now)
        self.store = UsageStore(db)
        self.retention_days = retention_days
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.popularity: dict[str, int] = {}  # replaced whole on refresh: readers never lock

    def flush(self, refresh: bool = True) -> None:
        """Write what was counted since the last flush; with `refresh`, prune old rows and
        re-read popularity."""
        batch, now = self.drain(), self._now()
        if batch:
            self.store.add(batch, now)
        if refresh:
            self.store.prune(now, self.retention_days)
            self.popularity = self.store.popularity(now, self.retention_days)

    def start(self, interval: float = FLUSH_SECONDS, flush_now: bool = True) -> UsageRecorder:
        """Flush every `interval` seconds in a daemon thread (first at once, with `flush_now`),
        and once more at exit."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, args=(interval, flush_now), name="factbot-usage", daemon=True
            )
            self._thread.start()
            atexit.register(self.stop)
        return self

    def restart(self) -> UsageRecorder:
        """In a process forked from this one: its own flusher (threads do not survive a fork).

        Its first flush waits an interval: the popularity came read with the fork, and a flush
        holds the interpreter for milliseconds just as the worker's first requests arrive."""
        self._stop = threading.Event()
        self._thread = None
        return self.start(flush_now=False)

    def stop(self) -> None:
        """Stop the thread after one last flush."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=10)

    def _run(self, interval: float, flush_now: bool) -> None:
        if flush_now:
            self._safe_flush()
        refreshed = time.monotonic()
        while not self._stop.wait(interval):
            due = time.monotonic() - refreshed >= max(interval, REFRESH_SECONDS)
            self._safe_flush(refresh=due)
            refreshed = time.monotonic() if due else refreshed
        self._safe_flush()

    def _safe_flush(self, refresh: bool = True) -> None:
        try:
            self.flush(refresh)
        except Exception:  # a flusher that dies would silently stop counting
            log.exception("flushing usage counts failed; this batch of counts is lost")
