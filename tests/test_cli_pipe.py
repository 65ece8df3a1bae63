"""A reader that stops early (`factbot preview | head`) ends the command quietly, exit 141."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.storage import open_database

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("argv", "lines_read"),
    [
        # Far more than a pipe buffer: the reader takes one line (`head -1`), the rest fails.
        (["preview", "--from", "2027-01-01", "--days", "365"], 1),
        # Output small enough to sit in stdout's buffer fails only at the last flush: the reader
        # goes away before anything is written, so that flush is certain to fail.
        (["preview", "--from", "2027-04-18", "--days", "3"], 0),
        (["search", "minusma", "--limit", "50"], 0),
        (["status"], 0),
        (["ics"], 0),
    ],
    ids=["preview-long", "preview-short", "search", "status", "ics"],
)
def test_reader_closing_the_pipe_early_is_not_a_traceback(argv, lines_read, tmp_path):
    env = {**os.environ, "FACTBOT_FACTS_DIR": "facts", "FACTBOT_SCHEDULES_DIR": "schedules"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    open_database(env["DATABASE_URL"]).dispose()  # status reads a ledger; it never creates one
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", *argv],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    for _ in range(lines_read):
        assert process.stdout.readline()
    process.stdout.close()
    _, err = process.communicate(timeout=60)
    err = err.decode()
    assert "Traceback" not in err and "BrokenPipeError" not in err
    assert "Exception ignored" not in err
    assert process.returncode == 141, err
