"""Shared fixtures: the fake Slack Web API and a clean environment for settings."""

from __future__ import annotations

import pytest

from tests.fakeslack import FakeSlack


@pytest.fixture
def fake_slack():
    """A fake Slack Web API on 127.0.0.1, port 0, for the length of one test."""
    with FakeSlack() as slack:
        yield slack


# -- PostgreSQL (owned by the posting ledger's tests; CI's .ci/run exports the URL) ---------------
@pytest.fixture
def postgres_url():
    """A PostgreSQL URL whose search_path is a fresh schema, dropped after the test.

    In CI (`CI` set) a missing FACTBOT_TEST_POSTGRES_URL or an unreachable server fails the test:
    the exactly-once guarantees must be proven on PostgreSQL there, not silently skipped.
    """
    import os
    import uuid
    from urllib.parse import quote

    import sqlalchemy

    from bot.settings import normalize_database_url

    raw = os.environ.get("FACTBOT_TEST_POSTGRES_URL")
    in_ci = bool(os.environ.get("CI"))
    if not raw:
        reason = "FACTBOT_TEST_POSTGRES_URL is not set (CI's .ci/run starts PostgreSQL and sets it)"
        if in_ci:
            pytest.fail(reason)
        pytest.skip(reason)
    base = normalize_database_url(raw)
    try:
        admin = sqlalchemy.create_engine(base)
        with admin.connect() as conn:
            conn.execute(sqlalchemy.text("SELECT 1"))
    except Exception as exc:
        reason = f"PostgreSQL at FACTBOT_TEST_POSTGRES_URL is unreachable: {exc}"
        if in_ci:
            pytest.fail(reason)
        pytest.skip(reason)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.execute(sqlalchemy.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as conn:
        conn.execute(sqlalchemy.text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request, tmp_path):
    """Each database test runs twice: on a SQLite file in tmp_path and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'factbot.sqlite3'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def db(database_url):
    """An open database (each test twice: SQLite file and PostgreSQL), disposed after the test."""
    from bot.storage import open_database

    database = open_database(database_url)
    yield database
    database.dispose()


# -- GitHub (owned by the suggestion tests) -----------------------------------------------------
@pytest.fixture
def github_checkout(tmp_path, monkeypatch):
    """A git checkout of the shipped store, the fake GitHub serving it, factbot pointed at both."""
    from tests.fakegithub import FakeGitHub
    from tests.suggestrepo import make_checkout, point_env

    checkout = make_checkout(tmp_path)
    with FakeGitHub(checkout.files()) as github:
        point_env(monkeypatch, checkout, github, tmp_path)
        yield checkout, github
