"""The database layer: tables created idempotently and claim_once wins once, on both databases."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import inspect

from bot.storage import open_database

NOW = dt.datetime(2027, 3, 14, 13, 0, tzinfo=dt.UTC)
REPO = Path(__file__).resolve().parents[1]


def test_open_creates_tables_and_sqlite_data_dir(tmp_path):
    url = f"sqlite:///{tmp_path / 'nested' / 'data' / 'factbot.sqlite3'}"
    db = open_database(url)
    assert (tmp_path / "nested" / "data" / "factbot.sqlite3").exists()
    assert {"once_claims", "posting_ledger"} <= set(inspect(db.engine).get_table_names())
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    db.dispose()


def test_claim_once_is_true_only_for_the_first_caller(database_url):
    db = open_database(database_url)
    assert db.claim_once("share", "U1:fact-a:C1", NOW) is True
    assert db.claim_once("share", "U1:fact-a:C1", NOW) is False
    assert db.claim_once("other", "U1:fact-a:C1", NOW) is True  # namespaces are separate
    again = open_database(database_url)  # reopening is harmless and sees the same claims
    assert again.claim_once("share", "U1:fact-a:C1", NOW) is False
    db.dispose()
    again.dispose()


def test_claim_once_under_concurrent_threads(database_url):
    db = open_database(database_url)
    results: list[bool] = []
    barrier = threading.Barrier(8)

    def claim():
        barrier.wait()
        results.append(db.claim_once("share", "same-click", NOW))

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False] * 7 + [True]
    db.dispose()


def test_processes_starting_at_once_all_open_the_database(database_url):
    code = (
        "import datetime as dt, sys; from bot.storage import open_database;"
        "db = open_database(sys.argv[1]);"
        "print(db.claim_once('boot', 'x', dt.datetime.now(dt.UTC)))"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, database_url], stdout=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=60)[0].strip() for p in procs]
    assert [p.returncode for p in procs] == [0] * 4
    assert sorted(outputs) == ["False"] * 3 + ["True"]


def test_times_round_trip_as_aware_utc(database_url):
    from bot.storage import once_claims

    db = open_database(database_url)
    local = NOW.astimezone(dt.timezone(dt.timedelta(hours=-4)))
    db.claim_once("t", "k", local)
    with db.engine.connect() as conn:
        stored = conn.execute(once_claims.select()).one().claimed_at
    assert stored == NOW and stored.tzinfo == dt.UTC
    db.dispose()


@pytest.mark.parametrize(
    ("ci", "url", "expected_rc", "says"),
    [
        ("1", None, 1, "FACTBOT_TEST_POSTGRES_URL is not set"),
        ("1", "postgresql://nobody:x@127.0.0.1:1/none", 1, "unreachable"),
        ("", None, 0, "FACTBOT_TEST_POSTGRES_URL is not set"),
    ],
    ids=["ci-missing-fails", "ci-unreachable-fails", "local-missing-skips"],
)
def test_postgres_fixture_fails_in_ci_and_skips_locally(ci, url, expected_rc, says):
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "FACTBOT_TEST_POSTGRES_URL")}
    if ci:
        env["CI"] = ci
    if url:
        env["FACTBOT_TEST_POSTGRES_URL"] = url
    test = "tests/test_storage.py::test_claim_once_is_true_only_for_the_first_caller[postgres]"
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-rs", "-q", "-p", "no:cacheprovider", test],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == expected_rc, proc.stdout
    assert says in proc.stdout
