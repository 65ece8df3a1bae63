"""Usage in the database: batches added with upserts (so processes sum), stats read back.

Rows are per UTC day, which is what retention deletes by: nothing older than the retention
period is kept. See README "Usage and privacy" for what is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, select

from bot.storage import Database
from bot.tables import usage_queries, usage_records
from bot.usage.counts import Batch

DEFAULT_RETENTION_DAYS = 90


@dataclass(frozen=True)
class Unanswered:
    """A question that found nothing (or only part of what it asked), with how often."""

    query: str
    outcome: str
    count: int
    first_seen: dt.datetime
    last_seen: dt.datetime


@dataclass(frozen=True)
class Stats:
    """What `factbot stats` and the curators' App Home show."""

    days: int
    asked: list[tuple[str, int]]  # record id, times shown: most first
    shared: list[tuple[str, int]]
    never_asked: list[str]
    unanswered: list[Unanswered]


def utcnow() -> dt.datetime:
    """The current time, timezone-aware UTC."""
    return dt.datetime.now(dt.UTC)


def day_of(moment: dt.datetime) -> str:
    """The UTC day a count is filed under."""
    return moment.astimezone(dt.UTC).date().isoformat()


class UsageStore:
    """Usage tables' operations over one database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, batch: Batch, now: dt.datetime) -> None:
        """Add a batch of counts to today's rows (summing with what other processes added)."""
        day = day_of(now)
        records = {rid: [n, 0] for rid, n in batch.shown.items()}
        for rid, n in batch.shared.items():
            records.setdefault(rid, [0, 0])[1] += n
        rows = [
            {"record_id": rid, "day": day, "shown": s, "shared": h}
            for rid, (s, h) in records.items()
        ]
        self.db.upsert_adding(usage_records, rows, ("shown", "shared"))
        queries = [
            {"query": q, "day": day, "outcome": o, "count": c, "first_seen": f, "last_seen": last}
            for (q, o), (c, f, last) in batch.queries.items()
        ]
        self.db.upsert_adding(usage_queries, queries, ("count",), first_seen="min", last_seen="max")

    def prune(self, now: dt.datetime, retention_days: int) -> None:
        """Delete every row older than `retention_days`."""
        oldest = day_of(now - dt.timedelta(days=retention_days))
        with self.db.engine.begin() as conn:
            conn.execute(delete(usage_records).where(usage_records.c.day < oldest))
            conn.execute(delete(usage_queries).where(usage_queries.c.day < oldest))

    def popularity(self, now: dt.datetime, days: int) -> dict[str, int]:
        """Record id -> times shown plus shared over the last `days` (ranking's tie-breaker)."""
        t = usage_records
        total = func.sum(t.c.shown + t.c.shared)
        query = select(t.c.record_id, total).where(t.c.day >= _since(now, days))
        with self.db.engine.connect() as conn:
            return {rid: int(n) for rid, n in conn.execute(query.group_by(t.c.record_id))}

    def stats(self, now: dt.datetime, days: int, record_ids: Iterable[str], top: int = 20) -> Stats:
        """Most asked, most shared, never asked (of `record_ids`), unanswered by count."""
        t, q, since = usage_records, usage_queries, _since(now, days)
        shown, shared = func.sum(t.c.shown).label("n"), func.sum(t.c.shared).label("n")
        count = func.sum(q.c.count).label("n")
        with self.db.engine.connect() as conn:
            by_record = select(t.c.record_id).where(t.c.day >= since).group_by(t.c.record_id)
            shown_rows = conn.execute(
                by_record.add_columns(shown).order_by(shown.desc(), "record_id")
            )
            asked = [(r, int(n)) for r, n in shown_rows if n]
            shared_rows = conn.execute(by_record.add_columns(shared).order_by(shared.desc()))
            most_shared = [(r, int(n)) for r, n in shared_rows if n]
            rows = conn.execute(
                select(
                    q.c.query, q.c.outcome, count, func.min(q.c.first_seen), func.max(q.c.last_seen)
                )
                .where(q.c.day >= since)
                .group_by(q.c.query, q.c.outcome)
                .order_by(count.desc(), q.c.query)
                .limit(top)
            )
            unanswered = [Unanswered(a, o, int(n), f, last) for a, o, n, f, last in rows]
        seen = {r for r, _ in asked}
        never = sorted(set(record_ids) - seen)
        return Stats(days, asked[:top], most_shared[:top], never, unanswered)


def _since(now: dt.datetime, days: int) -> str:
    return day_of(now - dt.timedelta(days=max(days, 1) - 1))
