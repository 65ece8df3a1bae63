"""`due` in the offline console: the real posting pass on a SQLite ledger, posts shown on screen."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.cli import main
from bot.console import Console, PostingSetup
from bot.facts import load_store
from bot.search.live import Snapshot

ROOT = Path(__file__).resolve().parent.parent


def shipped_console(tmp_path) -> Console:
    store = load_store(ROOT / "facts", dt.date(2027, 4, 18)).store
    console = Console(Snapshot.of(store), dt.date(2027, 4, 18))
    db = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    console.posting = PostingSetup(ROOT / "schedules", db)
    return console


def test_due_posts_the_resolution_2100_reminder_once(tmp_path):
    console = shipped_console(tmp_path)
    first = console.handle("due 2027-04-18T13:00:00Z")
    assert first.count("(posted in C0000000000)") == 1
    assert "14th anniversary: Security Council resolution 2100" in first
    assert "In a week" in first
    assert "posted 1" in first
    again = console.handle("due 2027-04-18T13:00:00Z")
    assert "(posted in" not in again
    assert "posted 0" in again
    rows = sqlite3.connect(tmp_path / "ledger.sqlite3").execute(
        "SELECT state, COUNT(*) FROM posting_ledger GROUP BY state"
    )
    assert dict(rows)["posted"] == 1


def test_due_rejects_a_bad_time_politely(tmp_path):
    reply = shipped_console(tmp_path).handle("due next tuesday")
    assert "Not an ISO 8601 time" in reply and "Example" in reply


def test_related_facts_in_a_post_carry_their_caveats(tmp_path):
    # Gao, 1 July 2018: the 2018 field notes got the toll wrong; the post must not drop the caveat.
    console = shipped_console(tmp_path)
    text = console.handle("due 2027-07-01T13:00:00Z")
    related = text.split("Related facts", 1)[1]
    gao_fact = next(line for line in related.splitlines() if "no French soldier" in line)
    assert "_Caveat:" in gao_fact and "field notes" in gao_fact


def test_console_rehearses_on_its_own_sqlite_ledger(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("FACTBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'data' / 'factbot.sqlite3'}")
    assert main(["console", "-c", "due 2027-04-25T13:01:00Z"]) == 0
    assert "Today is the 14th anniversary" in capsys.readouterr().out
    assert (tmp_path / "data" / "console-ledger.sqlite3").exists()
    assert not (tmp_path / "data" / "factbot.sqlite3").exists()  # the real ledger is untouched


def test_due_keeps_the_passes_log_lines_out_of_its_reply(tmp_path, caplog):
    """The summary lists what was missed; `WARNING bot.schedule.posting: missed …` printed too."""
    caplog.set_level(logging.INFO)
    console = shipped_console(tmp_path)
    text = console.handle("due 2027-04-25T13:00:00Z")
    assert "missed 2" in text and "  missed  minusma-weekly-digest" in text
    assert not [r.getMessage() for r in caplog.records if r.name.startswith("bot.schedule")]
    assert logging.getLogger("bot.schedule").level == logging.NOTSET  # only while it ran


def test_console_due_writes_no_log_line_to_the_terminal(tmp_path):
    env = {**os.environ, "FACTBOT_DATA_DIR": str(tmp_path / "data")}
    args = [sys.executable, "-m", "bot", "console", "--today", "2027-04-19"]
    done = subprocess.run(
        [*args, "-c", "due 2027-04-25T13:00:00Z"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0 and "missed 2" in done.stdout
    assert "WARNING" not in done.stderr and "WARNING" not in done.stdout, done.stderr
