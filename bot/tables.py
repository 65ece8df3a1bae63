"""factbot's tables, declared once for SQLite and PostgreSQL alike; `bot.storage` creates them.

Times are stored as naive UTC on both databases (`UTCDateTime`) so comparisons in SQL mean the
same thing everywhere. Each table says which module owns its rows.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)
from sqlalchemy.types import TypeDecorator


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
