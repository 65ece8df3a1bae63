"""`factbot status` shows what the ledger knows: posts with their ts, failures, missed."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.cli import main
from bot.schedule.ledger import Ledger
from bot.schedule.model import Occurrence
from bot.storage import open_database


def occ(event_id: str, channel: str, post_at: dt.datetime) -> Occurrence:
    return Occurrence(
        schedule_id="daily",
        channel=channel,
        post_at=post_at,
        local_date=post_at.date(),
        event_ids=(event_id,),
        anniversary_date=post_at.date(),
        lead_days=0,
    )


def test_status_lists_posts_failures_and_missed(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'data' / 'factbot.sqlite3'}"
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    db = open_database(url)
    ledger = Ledger(db)
    posted, failed, missed = (
        occ("res-a", "C0CHANONE", now),
        occ("res-b", "C0NOTINCH", now),
        occ("res-c", "C0CHANONE", now - dt.timedelta(days=3)),
    )
    ledger.claim(posted, "me", now)
    ledger.mark_posted(posted.key, "1805000000.000100", now)
    ledger.claim(failed, "me", now)
    ledger.mark_failed(failed.key, "not_in_channel", now)
    ledger.mark_missed(missed, now)
    db.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)  # status needs no Slack
    assert main(["status", "--limit", "5"]) == 0
    out = capsys.readouterr().out
    assert "Recent (3, newest first):" in out
    assert "posted   C0CHANONE     daily: res-a  1805000000.000100" in out
    failures = out.split("Failures")[1].split("Missed")[0]
    assert "C0NOTINCH" in failures and "not_in_channel" in failures
    missed_part = out.split("Missed")[1]
    assert "res-c" in missed_part and "too late to post" in missed_part


def test_status_on_an_empty_database(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'new' / 'db.sqlite3'}"
    open_database(url).dispose()  # what the bot's first start does
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "(nothing posted yet)" in out and out.count("  none") == 2


@pytest.mark.parametrize("command", [["status"], ["stats"], ["suggestions"], ["retry"]])
def test_a_database_that_does_not_exist_is_named_not_created(tmp_path, capsys, command):
    """A mistyped path used to pass for an empty, healthy ledger, and its directories appeared."""
    typo = tmp_path / "typo" / "dir" / "ledger.sqlite3"
    assert main([*command, "--database-url", f"sqlite:///{typo}"]) == 2
    err = capsys.readouterr().err
    assert f"no database at {typo}" in err and err.count("\n") == 1
    assert not (tmp_path / "typo").exists()


def due_times(section: str) -> list[dt.datetime]:
    """The due time at the start of each row of one section of the report."""
    rows = [line.strip() for line in section.splitlines()[1:] if line.startswith("  20")]
    return [dt.datetime.strptime(r[:16], "%Y-%m-%d %H:%M") for r in rows]


def test_every_list_is_in_due_time_order_newest_first(tmp_path, monkeypatch, capsys):
    # Rows written the way passes write them: the order of writing is not the order of due
    # times (a missed post found late, a post recovered after a restart, a failure long ago).
    url = f"sqlite:///{tmp_path / 'factbot.sqlite3'}"
    now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    hours = dt.timedelta(hours=1)
    db = open_database(url)
    ledger = Ledger(db)
    writes = [  # (event, channel, due, written, outcome)
        ("old-fail", "C0NOTINCH", now - 50 * hours, now - 50 * hours, "failed"),
        ("on-time", "C0CHANONE", now - 2 * hours, now - 2 * hours, "posted"),
        ("new-fail", "C0NOTINCH", now - 1 * hours, now - 1 * hours, "failed"),
        ("missed-old", "C0CHANONE", now - 70 * hours, now - 30 * hours, "missed"),
        ("missed-new", "C0CHANONE", now - 20 * hours, now - 20 * hours, "missed"),
        ("late", "C0CHANONE", now - 5 * hours, now, "posted"),
    ]
    for event_id, channel, due, written, outcome in writes:
        o = occ(event_id, channel, due)
        if outcome == "missed":
            ledger.mark_missed(o, written)
            continue
        ledger.claim(o, "me", written)
        if outcome == "posted":
            ledger.mark_posted(o.key, "1805000000.000100", written)
        else:
            ledger.mark_failed(o.key, "not_in_channel", written)
    db.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["status", "--limit", "4"]) == 0
    out = capsys.readouterr().out
    recent, failures, missed = out.split("\n\n")
    assert "newest first" in recent.splitlines()[0]
    # The 4 latest due times, newest first: not the 4 latest written.
    assert due_times(recent) == [now.replace(tzinfo=None) - h * hours for h in (1, 2, 5, 20)]
    for section in (failures, missed):
        assert "newest first" in section.splitlines()[0]
        times = due_times(section)
        assert len(times) == 2 and times == sorted(times, reverse=True)
