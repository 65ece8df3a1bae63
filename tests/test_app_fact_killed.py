"""`/fact how many peacekeepers were killed in mali` on the shipped store, through the real app:
the reply says "all causes" up front and shows the hostile-acts figure."""

import datetime as dt
import shutil
from pathlib import Path

from tests.slackreq import running_bot

FACTS = Path(__file__).resolve().parent.parent / "facts"
TODAY = dt.date(2026, 11, 27)


def test_killed_query_says_all_causes_and_shows_the_hostile_acts_figure(fake_slack, tmp_path):
    shutil.copytree(FACTS, tmp_path / "facts")
    with running_bot(fake_slack, tmp_path, TODAY) as bot:
        reply = bot.command("/fact", "how many peacekeepers were killed in mali").json()
    statement = next(b["text"]["text"] for b in reply["blocks"] if b["type"] == "section")
    assert statement.startswith("*All causes:* 311 MINUSMA personnel died")
    assert "Killed in hostile acts: *more than 180*" in statement
    # The text a notification shows, or a copy carries: plain, dated, cited.
    assert reply["text"].startswith("All causes: 311 MINUSMA personnel died")
    assert "*" not in reply["text"] and "(as of 31 Dec 2023)" in reply["text"]
    assert "Source: Statement attributable to the Spokesperson" in reply["text"]
