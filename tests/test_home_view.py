"""The App Home tab: upcoming anniversaries, overdue facts, contributing, admins' failures."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from bot.schedule.upcoming import upcoming_anniversaries
from bot.slack.home import render_home
from bot.slack.plaintext import view_to_text
from tests.test_blocks_store import TODAY, make_store

REPO = "https://github.com/acme/factbot"


@dataclass(frozen=True)
class Failure:
    """Shaped like a posting-ledger failure row."""

    when: dt.datetime
    channel: str
    event: str
    reason: str


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


def test_admins_see_recent_posting_failures_others_do_not():
    failures = [
        Failure(
            dt.datetime(2027, 4, 1, 13, 0, tzinfo=dt.UTC),
            "C0123ABCD",
            "resolution-2100",
            "channel_not_found",
        ),
        {"when": "2027-04-02", "channel": "#general", "event": "x", "reason": "<!channel> oops"},
    ]
    admin = view_to_text(home(failures=failures, is_admin=True))
    assert "Recent posting failures (admins)" in admin
    assert "2027-04-01 13:00 UTC: #C0123ABCD, `resolution-2100`: channel_not_found" in admin
    assert "<!channel>" not in json.dumps(home(failures=failures, is_admin=True))
    assert "channel_not_found" not in view_to_text(home(failures=failures, is_admin=False))


def test_admin_with_no_failures_is_told_so():
    assert "No posting failures recorded." in view_to_text(home(failures=[], is_admin=True))


def test_empty_store_home_is_still_helpful():
    view = render_home([], [], REPO)
    text = view_to_text(view)
    assert "No anniversaries coming up." in text
    assert "every fact is within its review date" in text
    assert "How to contribute" in text
