"""The live fact store: the store and its search index, swapped atomically when the files change.

Readers take `live.current` once per request and use that snapshot throughout, so a reload in the
middle of a request never mixes two stores. An edit that does not validate is refused: its
`path:line:col: CODE message` errors are logged and the last good snapshot keeps serving.
Reloads happen on file change (mtime polling in a watcher thread, or an explicit
`check_for_changes()` in tests) and on SIGHUP.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import logging
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from bot.facts import LoadResult, load_store
from bot.facts.load import store_entries
from bot.facts.model import Problem, Store
from bot.grammar import count
from bot.search.index import SearchIndex

log = logging.getLogger(__name__)

DEFAULT_INTERVAL = 3.0  # seconds between mtime checks: edits show up within a few seconds
MAX_REPORTED_ERRORS = 10  # a refused edit's errors kept for /healthz (the log has them all)

Signature = tuple[tuple[str, int, int], ...]


class StartCache(Protocol):
    """Where a live store may find its first snapshot prebuilt (bot.prebuilt.PrebuiltStores)."""

    def key(self, facts_dir: Path) -> str | None:
        """A name for the files now in `facts_dir` (None: no cache for them)."""

    def load(self, key: str) -> tuple[LoadResult, SearchIndex] | None:
        """What was built from files named `key`, or None."""

    def save(self, key: str, facts_dir: Path, result: LoadResult, index: SearchIndex) -> object:
        """Keep what was just built from `facts_dir` (named `key` before loading)."""


@dataclass(frozen=True)
class Snapshot:
    """One consistent view: a store, the index built from it, and what loading it reported."""

    store: Store
    index: SearchIndex
    problems: tuple[Problem, ...] = ()
    version: int = 1
    prebuilt: bool = False  # read from a prebuilt file (bot.prebuilt), not built from the YAML

    @classmethod
    def of(cls, store: Store, problems: tuple[Problem, ...] = (), version: int = 1) -> Snapshot:
        """Index `store` and wrap both."""
        return cls.adopt(store, SearchIndex.build(store), problems, version)

    @classmethod
    def adopt(
        cls,
        store: Store,
        index: SearchIndex,
        problems: tuple[Problem, ...] = (),
        version: int = 1,
        prebuilt: bool = False,
    ) -> Snapshot:
        """Wrap a store and the index already built from it."""
        snapshot = cls(store, index, tuple(problems), version, prebuilt)
        # The snapshot is immutable and long-lived: move it out of the collector's way, so full
        # collections during requests never walk a 10,000-fact store (p99 4 ms → 0.5 ms).
        gc.freeze()
        return snapshot

    def counts(self) -> dict[str, int]:
        """How many records of each kind, for health checks and logs."""
        return {
            "facts": len(self.store.facts),
            "events": len(self.store.events),
            "talking_points": len(self.store.talking_points),
        }


@dataclass(frozen=True)
class RefusedEdit:
    """The files on disk do not validate: since when, which files, and (some of) the errors."""

    since: dt.datetime
    files: tuple[str, ...]
    errors: tuple[str, ...]  # `path:line:col: CODE message`, at most MAX_REPORTED_ERRORS
    error_count: int

    @classmethod
    def of(cls, errors, facts_dir: Path, since: dt.datetime) -> RefusedEdit:
        """Summarise `errors`, with paths relative to the directory above `facts_dir`."""
        shown = [dataclasses.replace(p, path=_relative(p.path, facts_dir)) for p in errors]
        files = tuple(sorted({p.path for p in shown}))
        lines = tuple(p.format()[:300] for p in shown[:MAX_REPORTED_ERRORS])
        return cls(since, files, lines, len(shown))


def files_signature(facts_dir: Path) -> Signature:
    """Every YAML file under `facts_dir` with its mtime and size, and every symbolic link to a
    directory (which a load reports, F026): any edit changes it."""
    files, links = store_entries(Path(facts_dir))  # what a load reads, and no others
    found = []
    for path in files:
        stat = path.stat()
        found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(found) + tuple((str(link), -1, -1) for link in links)


class LiveStore:
    """Holds the current Snapshot; reloads it from `facts_dir`, refusing edits that fail checks."""

    def __init__(
        self,
        facts_dir: Path | str,
        today: Callable[[], dt.date] = dt.date.today,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        warm: tuple[Callable[[Store], object], ...] = (),
        start_cache: StartCache | None = None,
    ):
        self.facts_dir = Path(facts_dir)
        # Builders of what else is derived from a store (the claim checker's index), run on the
        # loading thread before each swap: the first request after a reload finds them built.
        self._warm = warm
        self._today = today
        self._now = now
        # Set while the files on disk do not validate (a refused reload, or errors at start).
        self.refused_edit: RefusedEdit | None = None
        self._lock = threading.Lock()  # one reload at a time; readers never take it
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None
        self.sighup_reload: threading.Thread | None = None  # the latest SIGHUP's reload
        self._signature = files_signature(self.facts_dir)
        result, self._current = self._first_snapshot(start_cache)
        if not result.ok:
            # No last good store to fall back on at start: serve what validated, say what did not.
            _log_errors("fact store has errors; serving the records that loaded", result.errors)
            self.refused_edit = RefusedEdit.of(result.errors, self.facts_dir, now())
        log.info("fact store loaded from %s: %s", self.facts_dir, self._current.counts())

    @property
    def current(self) -> Snapshot:
        """The snapshot to use for one request (an attribute read: atomic)."""
        return self._current

    def check_for_changes(self) -> bool:
        """Reload if any YAML file was added, removed or modified; True if a new store is live."""
        if files_signature(self.facts_dir) == self._signature:
            return False
        return self.reload()

    def reload(self) -> bool:
        """Load and validate the files now; swap them in if they pass, else keep the last good."""
        with self._lock:
            signature = files_signature(self.facts_dir)
            result = _load(self.facts_dir, self._today())
            self._signature = signature  # a refused edit is not retried until the files change
            if not result.ok:
                _log_errors(
                    "refused fact store edit; still serving the last good store", result.errors
                )
                since = self.refused_edit.since if self.refused_edit else self._now()
                self.refused_edit = RefusedEdit.of(result.errors, self.facts_dir, since)
                return False
            self.refused_edit = None
            self._current = self._snapshot(result, self._current.version + 1)
        log.info("fact store reloaded: %s", self._current.counts())
        return True

    def _first_snapshot(self, start_cache: StartCache | None) -> tuple[LoadResult, Snapshot]:
        """The store at start: prebuilt if `start_cache` has it, else loaded (and then saved)."""
        key = start_cache.key(self.facts_dir) if start_cache is not None else None
        found = start_cache.load(key) if start_cache is not None and key is not None else None
        if found is not None:
            result, index = found
            return result, Snapshot.adopt(result.store, index, result.problems, prebuilt=True)
        result = _load(self.facts_dir, self._today())
        snapshot = self._snapshot(result, 1)
        if start_cache is not None and key is not None:
            start_cache.save(key, self.facts_dir, result, snapshot.index)
        return result, snapshot

    def _snapshot(self, result: LoadResult, version: int) -> Snapshot:
        for build in self._warm:
            build(result.store)
        return Snapshot.of(result.store, tuple(result.problems), version)

    def start_watcher(self, interval: float = DEFAULT_INTERVAL) -> threading.Thread:
        """Poll for file changes every `interval` seconds in a daemon thread until `stop()`."""
        if self._watcher is None:
            self._watcher = threading.Thread(
                target=self._watch, args=(interval,), name="factbot-store-watcher", daemon=True
            )
            self._watcher.start()
        return self._watcher

    def stop(self) -> None:
        """Stop the watcher thread."""
        self._stop.set()

    def install_sighup(self) -> bool:
        """Reload on SIGHUP (main thread only); False where signals cannot be installed."""
        if (
            not hasattr(signal, "SIGHUP")
            or threading.current_thread() is not threading.main_thread()
        ):
            return False
        # The handler only starts a thread: reloading inside a signal handler could deadlock on
        # a lock the interrupted main thread already holds.
        signal.signal(signal.SIGHUP, self._on_sighup)
        return True

    def _on_sighup(self, *_) -> None:
        log.info("SIGHUP: reloading the fact store")
        self.sighup_reload = threading.Thread(target=self.reload, name="factbot-sighup-reload")
        self.sighup_reload.start()

    def _watch(self, interval: float) -> None:
        while not self._stop.wait(interval):
            try:
                self.check_for_changes()
            except Exception:  # a watcher that dies silently would freeze the store forever
                log.exception("checking the fact store for changes failed")


def _load(facts_dir: Path, today: dt.date) -> LoadResult:
    return load_store(facts_dir, today=today)


def _relative(path: str, facts_dir: Path) -> str:
    try:
        return str(Path(path).relative_to(facts_dir.parent))
    except ValueError:
        return Path(path).name


def _log_errors(message: str, errors) -> None:
    lines = "\n".join(p.format() for p in errors)
    log.error("%s (%s):\n%s", message, count(len(errors), "error"), lines)
