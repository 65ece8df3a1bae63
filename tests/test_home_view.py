"""The App Home tab: upcoming anniversaries, overdue facts, contributing, admins' failures."""

from __future__ import annotations

import datetime as dt
import json

from bot.schedule.ledger import Ledger
from bot.schedule.upcoming import upcoming_anniversaries
from bot.slack.home import render_home
from bot.slack.plaintext import view_to_text
from bot.storage import open_database
from tests.test_blocks_store import TODAY, make_store
from tests.test_status import occ as occurrence

REPO = "https://github.com/acme/factbot"


def ledger_rows(tmp_path) -> list:
    """Failed and missed rows written through the real ledger API into a SQLite file."""
    db = open_database(f"sqlite:///{tmp_path / 'data' / 'factbot.sqlite3'}")
    ledger = Ledger(db)
    due = dt.datetime(2027, 4, 1, 13, 0, tzinfo=dt.UTC)
    failed = occurrence("resolution-2100", "C0123ABCD", due)
    ledger.claim(failed, "host:1:a", due)
    ledger.mark_failed(failed.key, "not_in_channel", due)
    odd = occurrence("x", "#general", due + dt.timedelta(days=1))
    ledger.claim(odd, "host:1:a", due)
    ledger.mark_failed(odd.key, "<!channel> oops", due + dt.timedelta(days=1))
    ledger.mark_missed(occurrence("mali-coup", "C0123ABCD", due - dt.timedelta(days=9)), due)
    rows = ledger.needs_attention(due - dt.timedelta(days=30))
    db.dispose()
    return rows


def home(**extra) -> dict:
    store = make_store()
    upcoming = upcoming_anniversaries(store, TODAY, days=30)
    return render_home(upcoming, store.stale_facts(TODAY), REPO, **extra)


def test_home_is_a_view_with_the_three_sections():
    view = home()
    assert view["type"] == "home"
    text = view_to_text(view)
    assert "Upcoming anniversaries" in text
    assert "Sun 25 Apr (in 5 days)*: Resolution 2100 establishes MINUSMA" in text
    assert "Facts overdue for review" in text
    assert "`minusma-fatalities-2018` (minusma): review was due 1 Jan 2019" in text
    assert "minusma-fatalities-final" not in text  # reviewed until 2030
    assert f"the facts folder ({REPO}/tree/main/facts)" in text
    assert "posting failures" not in text


def retry_buttons(view: dict) -> list[str]:
    return [
        b["accessory"]["value"]
        for b in view["blocks"]
        if b.get("accessory", {}).get("action_id") == "post_retry"
    ]


def test_admins_see_ledger_failures_with_a_retry_button_others_do_not(tmp_path):
    failures = ledger_rows(tmp_path)
    view = home(failures=failures, is_admin=True)
    admin = view_to_text(view)
    assert "Recent posting failures (admins)" in admin
    assert (
        "due 2027-04-01 13:00 UTC in #C0123ABCD: `daily` (`resolution-2100`) failed: "
        "not_in_channel" in admin
    )
    assert "(`mali-coup`) missed: too late to post" in admin
    assert "?" not in admin.split("Recent posting failures")[1]
    assert "<!channel>" not in json.dumps(view) and "&lt;!channel&gt; oops" in json.dumps(view)
    failed = [e.key for e in failures if e.state == "failed"]
    assert sorted(retry_buttons(view)) == sorted(failed) and len(failed) == 2  # missed: no Retry
    assert "not_in_channel" not in view_to_text(home(failures=failures, is_admin=False))


def test_a_notice_is_shown_first():
    view = home(notice="Retried `daily|x`: posted.")
    assert view_to_text(view).index("Retried") < view_to_text(view).index("Upcoming")


def test_admin_with_no_failures_is_told_so():
    assert "No posting failures recorded." in view_to_text(home(failures=[], is_admin=True))


def test_empty_store_home_is_still_helpful():
    view = render_home([], [], REPO)
    text = view_to_text(view)
    assert "No anniversaries coming up." in text
    assert "every fact is within its review date" in text
    assert "How to contribute" in text
