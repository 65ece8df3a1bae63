"""The posting ledger: one row per anniversary occurrence, the single source of truth for posts.

Exactly-once rests on two atomic statements: `claim` is a unique-key insert (two processes can
never both win an occurrence) and `take_over` is a compare-and-set UPDATE on `claimed_by` (two
recoverers can never both adopt a dead process's claim). States: `claimed` → `posted` | `failed`
| `missed`; a `missed` row can also be written directly when an occurrence is too old to post.
An admin's retry moves a `failed` row back to `claimed` by the same kind of compare-and-set
(`reclaim_failed`), so two clicks or two processes retry it once.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, desc, select, update

from bot.schedule.model import Occurrence
from bot.storage import Database
from bot.tables import markers, posting_ledger

T = posting_ledger
LAST_PASS = "posting_pass_completed"  # noqa: S105 - a markers row's name, not a password
STATES = ("claimed", "posted", "failed", "missed")
_IN_CHUNK = 500  # keys per IN (...) query, well under every driver's parameter limit


@dataclass(frozen=True)
class LedgerEntry:
    """One ledger row, as the status command and the App Home show it."""

    key: str
    schedule_id: str
    event_ids: tuple[str, ...]
    channel: str
    due_at: dt.datetime
    state: str
    claimed_by: str | None
    claimed_at: dt.datetime | None
    attempts: int
    ts: str | None
    reason: str | None
    updated_at: dt.datetime


def new_owner() -> str:
    """A claim owner id unique to this process and call: `host:pid:uuid`."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


class Ledger:
    """The posting ledger's operations over one database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- writing -----------------------------------------------------------------------------
    def claim(self, occ: Occurrence, owner: str, now: dt.datetime) -> bool:
        """Atomically claim an occurrence for posting; True only for the one process that wins."""
        return self.db.insert_if_absent(
            T, **_row(occ, now), state="claimed", claimed_by=owner, claimed_at=now, attempts=1
        )

    def mark_posted(self, key: str, ts: str, now: dt.datetime) -> bool:
        """Record the Slack message ts of a claimed occurrence; False if it was not claimed."""
        return self._finish(key, now, state="posted", ts=ts, reason=None)

    def mark_failed(self, key: str, reason: str, now: dt.datetime) -> bool:
        """Record a permanent failure (e.g. `not_in_channel`) of a claimed occurrence."""
        return self._finish(key, now, state="failed", reason=reason)

    def mark_missed(self, occ: Occurrence, now: dt.datetime, reason: str | None = None) -> bool:
        """Record an occurrence too late to post (new, or an abandoned claim); True if changed."""
        reason = reason or "too late to post (outside the grace period)"
        if self.db.insert_if_absent(T, **_row(occ, now), state="missed", attempts=0, reason=reason):
            return True
        return self._finish(occ.key, now, state="missed", reason=reason)

    def note(self, key: str, owner: str, reason: str, now: dt.datetime) -> None:
        """Keep a claim but say why it is still open (e.g. a network error), for `status`."""
        stmt = update(T).where(T.c.key == key, T.c.claimed_by == owner, T.c.state == "claimed")
        with self.db.engine.begin() as conn:
            conn.execute(stmt.values(reason=reason, updated_at=now))

    def release(self, key: str, owner: str) -> bool:
        """Drop our own claim when we know nothing was posted, so a later pass starts afresh."""
        stmt = delete(T).where(T.c.key == key, T.c.claimed_by == owner, T.c.state == "claimed")
        with self.db.engine.begin() as conn:
            return conn.execute(stmt.returning(T.c.key)).first() is not None

    def take_over(self, key: str, old_owner: str, new_owner: str, now: dt.datetime) -> bool:
        """Compare-and-set a stale claim to a new owner; True for exactly one caller."""
        stmt = (
            update(T)
            .where(T.c.key == key, T.c.state == "claimed", T.c.claimed_by == old_owner)
            .values(claimed_by=new_owner, claimed_at=now, attempts=T.c.attempts + 1, updated_at=now)
            .returning(T.c.key)
        )
        with self.db.engine.begin() as conn:
            return conn.execute(stmt).first() is not None

    def reclaim_failed(self, key: str, owner: str, now: dt.datetime) -> bool:
        """Compare-and-set a failed row back to claimed (an admin's retry); True for one caller."""
        stmt = (
            update(T)
            .where(T.c.key == key, T.c.state == "failed")
            .values(
                state="claimed",
                claimed_by=owner,
                claimed_at=now,
                attempts=1,  # a fresh claim: recovery's attempt limit counts from here
                reason="retrying a failed post",
                updated_at=now,
            )
            .returning(T.c.key)
        )
        with self.db.engine.begin() as conn:
            return conn.execute(stmt).first() is not None

    def _finish(self, key: str, now: dt.datetime, **values) -> bool:
        stmt = update(T).where(T.c.key == key, T.c.state == "claimed")
        with self.db.engine.begin() as conn:
            changed = conn.execute(stmt.values(updated_at=now, **values).returning(T.c.key))
            return changed.first() is not None

    def record_pass(self, completed_at: dt.datetime) -> None:
        """Remember that a pass covered everything due up to `completed_at` (only moves forward)."""
        if self.db.insert_if_absent(markers, name=LAST_PASS, at=completed_at):
            return
        stmt = update(markers).where(markers.c.name == LAST_PASS, markers.c.at < completed_at)
        with self.db.engine.begin() as conn:
            conn.execute(stmt.values(at=completed_at))

    # -- reading -----------------------------------------------------------------------------
    def last_pass(self) -> dt.datetime | None:
        """When the last posting pass completed, if one ever did."""
        with self.db.engine.connect() as conn:
            return conn.execute(select(markers.c.at).where(markers.c.name == LAST_PASS)).scalar()

    def get(self, key: str) -> LedgerEntry | None:
        """The row for one occurrence key, if any."""
        if not key.isascii() and not _is_text(key):
            return None  # a lone surrogate (undecodable bytes from a shell) names no row
        rows = self._select(select(T).where(T.c.key == key))
        return rows[0] if rows else None

    def states(self, keys: Iterable[str]) -> dict[str, str]:
        """The state of each key already in the ledger (keys not in it are absent)."""
        keys = list(dict.fromkeys(keys))
        found: dict[str, str] = {}
        with self.db.engine.connect() as conn:
            for i in range(0, len(keys), _IN_CHUNK):
                stmt = select(T.c.key, T.c.state).where(T.c.key.in_(keys[i : i + _IN_CHUNK]))
                found.update({row.key: row.state for row in conn.execute(stmt)})
        return found

    def stale_claims(self, older_than: dt.datetime) -> list[LedgerEntry]:
        """Claims taken before `older_than` and never finished: their process probably died."""
        stmt = select(T).where(T.c.state == "claimed", T.c.claimed_at < older_than)
        return self._select(stmt.order_by(T.c.due_at, T.c.key))

    def recent(self, limit: int = 20) -> list[LedgerEntry]:
        """The `limit` rows due last, newest due time first (the time `status` shows)."""
        return self._select(select(T).order_by(desc(T.c.due_at), T.c.key).limit(limit))

    def failures(self, since: dt.datetime | None = None) -> list[LedgerEntry]:
        """Permanent failures updated since `since` (None: all of them), newest first."""
        return self._by_state(("failed",), since)

    def missed(self, since: dt.datetime) -> list[LedgerEntry]:
        """Occurrences recorded as missed since `since`, newest first."""
        return self._by_state(("missed",), since)

    def needs_attention(self, since: dt.datetime) -> list[LedgerEntry]:
        """What the App Home shows admins: failed and missed posts since `since`, newest first."""
        return self._by_state(("failed", "missed"), since)

    def _by_state(self, states: tuple[str, ...], since: dt.datetime | None) -> list[LedgerEntry]:
        stmt = select(T).where(T.c.state.in_(states))
        if since is not None:
            stmt = stmt.where(T.c.updated_at >= since)
        return self._select(stmt.order_by(desc(T.c.updated_at), T.c.key))

    def _select(self, stmt) -> list[LedgerEntry]:
        with self.db.engine.connect() as conn:
            return [_entry(row) for row in conn.execute(stmt)]


def needs_attention(db: Database, now: dt.datetime, days: int = 7) -> list[LedgerEntry]:
    """Failed and missed posts of the last `days` days, newest first (for the admins' App Home)."""
    return Ledger(db).needs_attention(now - dt.timedelta(days=days))


def _row(occ: Occurrence, now: dt.datetime) -> dict:
    return {
        "key": occ.key,
        "schedule_id": occ.schedule_id,
        "event_ids": ",".join(occ.event_ids),
        "channel": occ.channel,
        "due_at": occ.post_at,
        "updated_at": now,
    }


def _entry(row) -> LedgerEntry:
    return LedgerEntry(
        key=row.key,
        schedule_id=row.schedule_id,
        event_ids=tuple(e for e in row.event_ids.split(",") if e),
        channel=row.channel,
        due_at=row.due_at,
        state=row.state,
        claimed_by=row.claimed_by,
        claimed_at=row.claimed_at,
        attempts=row.attempts,
        ts=row.ts,
        reason=row.reason,
        updated_at=row.updated_at,
    )


def _is_text(key: str) -> bool:
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
