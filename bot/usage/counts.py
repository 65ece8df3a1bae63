"""Usage counted in memory: a reply adds to a dict under a lock and never waits for a database.

`drain()` hands the counts gathered so far to the flusher and starts afresh. Queries are kept
normalised (folded words, stop words and Slack mentions dropped), never with who asked.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.search.text import words

MAX_QUERY = 400  # characters of a normalised query kept (the column's size)
_SLACK_TOKENS = re.compile(r"<[^>]*>")  # <@U123>, <#C123|name>, <https://…|…>: never stored
OUTCOMES = ("none", "partial")


def normalise_query(text: str) -> str:
    """The query as stored: Slack mentions and links dropped, folded words, stop words dropped."""
    return " ".join(words(_SLACK_TOKENS.sub(" ", text or "")))[:MAX_QUERY].strip()


@dataclass
class Batch:
    """Counts gathered between two flushes."""

    shown: dict[str, int] = field(default_factory=dict)
    shared: dict[str, int] = field(default_factory=dict)
    # (normalised query, outcome) -> [count, first seen, last seen]
    queries: dict[tuple[str, str], list] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.shown or self.shared or self.queries)


class UsageCounts:
    """Thread-safe in-memory counters, drained in batches by the recorder's flusher."""

    def __init__(self, now: Callable[[], dt.datetime]) -> None:
        self._now = now
        self._lock = threading.Lock()
        self._batch = Batch()

    def shown(self, record_id: str) -> None:
        """A reply showed `record_id`."""
        with self._lock:
            self._batch.shown[record_id] = self._batch.shown.get(record_id, 0) + 1

    def shared(self, record_id: str) -> None:
        """Someone shared `record_id` in a channel."""
        with self._lock:
            self._batch.shared[record_id] = self._batch.shared.get(record_id, 0) + 1

    def unanswered(self, query: str, outcome: str) -> None:
        """A query found nothing (`none`) or only a `partial` match."""
        normalised = normalise_query(query)
        if not normalised or outcome not in OUTCOMES:
            return
        now = self._now()
        with self._lock:
            seen = self._batch.queries.get((normalised, outcome))
            if seen is None:
                self._batch.queries[(normalised, outcome)] = [1, now, now]
            else:
                seen[0] += 1
                seen[2] = now

    def drain(self) -> Batch:
        """The counts so far; the counters start again from zero."""
        with self._lock:
            batch, self._batch = self._batch, Batch()
        return batch
