"""The database behind factbot: SQLite by default, PostgreSQL by URL, one SQLAlchemy Core code path.

`open_database` creates every table of bot/tables.py, idempotently, even when several processes
start at once; the tables are importable from here too, as before.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, Table, create_engine, event, func, text
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

from bot.masking import mask_secret, redact
from bot.settings import SettingsError
from bot.tables import (
    UTCDateTime,
    markers,
    metadata,
    once_claims,
    posting_ledger,
    suggestions,
    usage_queries,
    usage_records,
)

log = logging.getLogger(__name__)

# The tables are declared in bot/tables.py; these names stay importable from here.
__all__ = [
    "OUTAGES",
    "Database",
    "DatabaseUnavailable",
    "StorageError",
    "UTCDateTime",
    "describe_outage",
    "lost_database",
    "markers",
    "metadata",
    "once_claims",
    "open_database",
    "posting_ledger",
    "suggestions",
    "usage_queries",
    "usage_records",
]

DEFAULT_URL = "sqlite:///data/factbot.sqlite3"
# How long a SQLite writer waits for another process's lock before giving up (milliseconds).
SQLITE_BUSY_MS = 30_000
# Any fixed number: serialises CREATE TABLE across processes starting at once on PostgreSQL.
PG_SCHEMA_LOCK = 7_356_018
CONNECT_TIMEOUT = 10  # seconds to wait for PostgreSQL to answer a new connection


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


def open_existing_database(url: str) -> Database:
    """`open_database` for a command that only reads what others recorded: a SQLite file that
    does not exist is a StorageError naming it (exit 2), never created with its directories, so a
    mistyped path does not pass for an empty ledger."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return open_database(url)  # which says what is wrong with the URL
    name = parsed.database or ""
    a_file = parsed.get_backend_name() == "sqlite" and name not in ("", ":memory:")
    if a_file and not name.startswith("file:") and not Path(name).is_file():
        raise StorageError(
            f"factbot: no database at {name}: nothing has been recorded there yet, or "
            "--database-url / DATABASE_URL names the wrong file"
        )
    return open_database(url)


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
