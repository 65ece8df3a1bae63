"""The usage recorder: counts in memory, flushed to the database by a background thread.

A reply only increments a counter (see `counts`); the flusher writes a batch every few seconds
and at exit. A crash loses at most the last interval's counts, which is acceptable; slowing
`/fact` is not. After each flush it re-reads the popularity that breaks ranking ties.
"""

from __future__ import annotations

import atexit
import datetime as dt
import logging
import threading
from collections.abc import Callable

from bot.storage import Database
from bot.usage.counts import UsageCounts
from bot.usage.store import DEFAULT_RETENTION_DAYS, UsageStore, utcnow

log = logging.getLogger(__name__)
FLUSH_SECONDS = 5.0


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

    def flush(self) -> None:
        """Write what was counted since the last flush, prune old rows, refresh popularity."""
        batch, now = self.drain(), self._now()
        if batch:
            self.store.add(batch, now)
        self.store.prune(now, self.retention_days)
        self.popularity = self.store.popularity(now, self.retention_days)

    def start(self, interval: float = FLUSH_SECONDS) -> UsageRecorder:
        """Flush every `interval` seconds in a daemon thread, and once more at exit."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, args=(interval,), name="factbot-usage", daemon=True
            )
            self._thread.start()
            atexit.register(self.stop)
        return self

    def restart(self) -> UsageRecorder:
        """In a process forked from this one: its own flusher (threads do not survive a fork)."""
        self._stop = threading.Event()
        self._thread = None
        return self.start()

    def stop(self) -> None:
        """Stop the thread after one last flush."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=10)

    def _run(self, interval: float) -> None:
        self._safe_flush()
        while not self._stop.wait(interval):
            self._safe_flush()
        self._safe_flush()

    def _safe_flush(self) -> None:
        try:
            self.flush()
        except Exception:  # a flusher that dies would silently stop counting
            log.exception("flushing usage counts failed; this batch of counts is lost")
