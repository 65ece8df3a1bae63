"""The database behind factbot: SQLite by default, PostgreSQL by URL, one SQLAlchemy Core code path.

Every table is declared here so `open_database` can create them all, idempotently, even when
several processes start at once. Times are stored as naive UTC on both databases (`UTCDateTime`)
so comparisons in SQL mean the same thing everywhere.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    DisconnectionError,
    InterfaceError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.types import TypeDecorator

from bot.masking import mask_secret, redact
from bot.settings import SettingsError

log = logging.getLogger(__name__)

DEFAULT_URL = "sqlite:///data/factbot.sqlite3"
# How long a SQLite writer waits for another process's lock before giving up (milliseconds).
SQLITE_BUSY_MS = 30_000
# Any fixed number: serialises CREATE TABLE across processes starting at once on PostgreSQL.
PG_SCHEMA_LOCK = 7_356_018
CONNECT_TIMEOUT = 10  # seconds to wait for PostgreSQL to answer a new connection


class UTCDateTime(TypeDecorator):
    """An aware datetime in Python, naive UTC in the database (identical on SQLite and Postgres)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("store timezone-aware datetimes only")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=dt.UTC)


metadata = MetaData()

# claim_once: a generic "first caller wins, ever" register (e.g. one post per Share click).
once_claims = Table(
    "once_claims",
    metadata,
    Column("namespace", String(100), nullable=False),
    Column("key", String(400), nullable=False),
    Column("claimed_at", UTCDateTime, nullable=False),
    PrimaryKeyConstraint("namespace", "key", name="once_claims_pk"),
)

# The posting ledger: one row per anniversary occurrence; see bot/schedule/ledger.py.
posting_ledger = Table(
    "posting_ledger",
    metadata,
    Column("key", String(400), primary_key=True),
    Column("schedule_id", String(200), nullable=False),
    Column("event_ids", Text, nullable=False),  # comma-separated, in the occurrence's order
    Column("channel", String(100), nullable=False),
    Column("due_at", UTCDateTime, nullable=False),
    Column("state", String(20), nullable=False),  # claimed | posted | failed | missed
    Column("claimed_by", String(200)),
    Column("claimed_at", UTCDateTime),
    Column("attempts", Integer, nullable=False, default=0),
    Column("ts", String(40)),
    Column("reason", Text),
    Column("updated_at", UTCDateTime, nullable=False),
)

# Named instants that only move forward, e.g. when the last posting pass completed (so the next
# pass after an outage covers all of it); see bot/schedule/ledger.py.
markers = Table(
    "markers",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("at", UTCDateTime, nullable=False),
)

# Suggestions from Slack or `factbot suggest`, stored before GitHub is called so a GitHub failure
# loses nothing; see bot/github/suggestions.py.
suggestions = Table(
    "suggestions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token", String(40), nullable=False),  # names the branch: never reused across databases
    Column("change", Text, nullable=False),  # JSON: what to change (bot/github/change.py)
    Column("reason", Text, nullable=False),
    Column("source_url", Text),
    Column("suggested_by", String(200), nullable=False),  # a display name, never a mention
    Column("slack_user", String(40)),  # who to tell when it is opened, if it came from Slack
    Column("origin", String(200)),  # e.g. the Slack view it was submitted from
    Column("state", String(20), nullable=False),  # pending | opened | failed
    Column("pr_url", Text),
    Column("failure", Text),
    Column("attempts", Integer, nullable=False, default=0),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)


# Usage (bot/usage/): per record and UTC day, how often it was shown and shared; per normalised
# query and day, how often it found nothing or only a partial match. No user ids, ever.
usage_records = Table(
    "usage_records",
    metadata,
    Column("record_id", String(200), nullable=False),
    Column("day", String(10), nullable=False),  # YYYY-MM-DD (UTC): the unit of retention
    Column("shown", Integer, nullable=False, default=0),
    Column("shared", Integer, nullable=False, default=0),
    PrimaryKeyConstraint("record_id", "day", name="usage_records_pk"),
)
usage_queries = Table(
    "usage_queries",
    metadata,
    Column("query", String(400), nullable=False),
    Column("day", String(10), nullable=False),
    Column("outcome", String(10), nullable=False),  # none | partial
    Column("count", Integer, nullable=False, default=0),
    Column("first_seen", UTCDateTime, nullable=False),
    Column("last_seen", UTCDateTime, nullable=False),
    PrimaryKeyConstraint("query", "day", "outcome", name="usage_queries_pk"),
)


@dataclass(frozen=True)
class Database:
    """An open database: the engine plus the few generic operations factbot needs."""

    engine: Engine

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.engine.dialect.name

    def insert_if_absent(self, table: Table, **values) -> bool:
        """INSERT one row unless its key exists; True only if this call inserted it (atomic)."""
        module = postgresql if self.dialect == "postgresql" else sqlite
        first_key = next(iter(table.primary_key.columns))
        # RETURNING, not rowcount: drivers disagree on rowcount for ON CONFLICT DO NOTHING.
        stmt = module.insert(table).values(**values).on_conflict_do_nothing().returning(first_key)
        with self.engine.begin() as conn:
            return conn.execute(stmt).first() is not None

    def claim_once(self, namespace: str, key: str, now: dt.datetime) -> bool:
        """True for the first caller ever to claim (namespace, key); False for everyone after."""
        return self.insert_if_absent(once_claims, namespace=namespace, key=key, claimed_at=now)

    def release_once(self, namespace: str, key: str) -> None:
        """Forget a claim whose work failed, so the next attempt may claim it again."""
        table = once_claims
        where = (table.c.namespace == namespace) & (table.c.key == key)
        with self.engine.begin() as conn:
            conn.execute(table.delete().where(where))

    def upsert_adding(self, table: Table, rows: list[dict], added: tuple[str, ...], **merged):
        """INSERT rows; on a key conflict add `added` columns to the row there (atomic per row).

        `merged` maps a column to "min" or "max" (keep the smaller/larger of old and new), so
        several processes flushing counts into one database sum them instead of overwriting.
        """
        if not rows:
            return
        module = postgresql if self.dialect == "postgresql" else sqlite
        stmt = module.insert(table)
        update = {c: table.c[c] + stmt.excluded[c] for c in added}
        # Two-argument min/max: SQLite's scalar min()/max(), PostgreSQL's least()/greatest().
        pg = self.dialect == "postgresql"
        names = {"min": "least" if pg else "min", "max": "greatest" if pg else "max"}
        for column, how in merged.items():
            update[column] = getattr(func, names[how])(table.c[column], stmt.excluded[column])
        keys = [c.name for c in table.primary_key.columns]
        with self.engine.begin() as conn:
            conn.execute(stmt.on_conflict_do_update(index_elements=keys, set_=update), rows)

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


class StorageError(SettingsError):
    """DATABASE_URL cannot be used: one clear line (never the password), exit 2."""


class DatabaseUnavailable(StorageError):
    """The database cannot be reached, or went away mid-command: one clear line, exit 3."""

    exit_code = 3


# What a database going away raises (server stopped, connection cut, file unreadable), as
# opposed to a bug: worth one line and another try later, not a traceback.
OUTAGES = (OperationalError, InterfaceError, DisconnectionError, PoolTimeout)
HINT = "check DATABASE_URL (sqlite:///path/file.sqlite3 or postgresql://user:password@host/db)"


def open_database(url: str = DEFAULT_URL) -> Database:
    """Connect (creating the SQLite data dir if missing) and create any missing table."""
    engine = None
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() != "sqlite":
            engine = create_engine(url, pool_pre_ping=True, connect_args=_pg_args(parsed))
    except (ArgumentError, ValueError, ImportError) as exc:
        raise StorageError(f"factbot cannot use its database {_said(url, exc)}; {HINT}") from exc
    try:
        engine = engine or _sqlite_engine(url)  # creates the data directory: may fail too
        _create_tables(engine)
    except (OSError, SQLAlchemyError) as exc:
        if engine is not None:
            engine.dispose()
        raise DatabaseUnavailable(
            f"factbot cannot open its database {_said(url, exc)}; {HINT}, and that it is up"
        ) from exc
    return Database(engine)


def describe_outage(url: str, exc: BaseException) -> str:
    """`postgresql+psycopg://app:***@db/factbot: <the driver's first line>`, credentials masked."""
    return _said(url, exc)


def lost_database(url: str, exc: BaseException) -> DatabaseUnavailable:
    """The one line (exit 3) for a database that went away mid-command, credentials masked.

    Nothing is lost: a post claimed but not recorded is looked for in its channel by the next
    pass before it is sent again (bot/schedule/recovery.py).
    """
    return DatabaseUnavailable(
        f"factbot lost its database {_said(url, exc)}; nothing is lost: the next pass picks up "
        "from the ledger once the database is back"
    )


def _said(url: str, exc: BaseException) -> str:
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines() or [type(exc).__name__]
    return f"{mask_secret(url)}: {redact(lines[0])}"


def _pg_args(parsed) -> dict:
    # A server that vanished without a reset (host down) must not hang a pass for minutes.
    return {} if "connect_timeout" in parsed.query else {"connect_timeout": CONNECT_TIMEOUT}


def _sqlite_engine(url: str) -> Engine:
    path = make_url(url).database
    if path and path != ":memory:" and not path.startswith("file:"):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):
        # busy_timeout first, so even switching to WAL waits for a concurrent starter.
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    return engine


def _create_tables(engine: Engine, attempts: int = 5) -> None:
    """CREATE TABLE for what is missing; tolerate another process creating it at the same time."""
    for attempt in range(1, attempts + 1):
        try:
            with engine.begin() as conn:
                if engine.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_SCHEMA_LOCK})
                metadata.create_all(conn, checkfirst=True)
            return
        except DBAPIError as exc:  # "already exists" from a racing process: look again
            if attempt == attempts:
                raise
            log.debug("creating tables raced another process (%s); retrying", exc.orig)
            time.sleep(0.05 * attempt)
