"""`factbot status` shows what the ledger knows: posts with their ts, failures, missed."""

from __future__ import annotations

import datetime as dt

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
    assert "Recent (3):" in out
    assert "posted   C0CHANONE     daily: res-a  1805000000.000100" in out
    failures = out.split("Failures")[1].split("Missed")[0]
    assert "C0NOTINCH" in failures and "not_in_channel" in failures
    missed_part = out.split("Missed")[1]
    assert "res-c" in missed_part and "too late to post" in missed_part


def test_status_on_an_empty_database(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'new' / 'db.sqlite3'}")
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "(nothing posted yet)" in out and out.count("  none") == 2
