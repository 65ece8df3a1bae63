"""Usage end to end: what /fact shows and shares is counted, unanswered questions are kept
normalised, `factbot stats` reads it back, curators see the gaps, processes add up."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.cli import main
from bot.storage import open_database
from bot.usage import UsageRecorder, normalise_query
from tests.slackreq import running_bot

TODAY = dt.date(2026, 11, 29)
REPO = Path(__file__).resolve().parents[1]


def button(reply: dict, action_id: str) -> str:
    for block in reply["blocks"]:
        for element in block.get("elements", []):
            if element.get("action_id") == action_id:
                return element["value"]
    raise AssertionError(f"no {action_id} button")


def home_of(bot, user: str) -> str:
    bot.fake.reset()
    bot.event({"type": "app_home_opened", "user": user, "tab": "home"})
    (call,) = bot.fake.calls_to("views.publish")
    return json.dumps(call.body["view"], ensure_ascii=False)


def test_scripted_fact_queries_then_stats_and_the_curators_home(
    fake_slack, tmp_path, monkeypatch, capsys
):
    now = dt.datetime.now(dt.UTC)  # `factbot stats` counts back from the real clock
    with running_bot(fake_slack, tmp_path, TODAY, now=now) as bot:
        for text in ["lighthouses", "testland lighthouses", "lamps", "pizza recipe",
                     "Pizza  RECIPE!", "lighthouses budget"]:  # fmt: skip
            assert bot.command("/fact", text).status == 200
        value = button(bot.command("/fact", "lighthouses").json(), "fact_share")
        bot.click("fact_share", value, name="share")
        curator_home, user_home = home_of(bot, "U0ADMIN1"), home_of(bot, "U0USER01")
        database_url = bot.web.services.settings.database_url
    assert "“pizza recipe”: asked 2 times" in curator_home
    assert "“lighthouses budget”: asked 1 time, answered only in part" in curator_home
    assert "https://github.com/example/factbot/new/main/facts" in curator_home
    assert "pizza" not in user_home

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("FACTBOT_FACTS_DIR", str(tmp_path / "facts"))
    assert main(["stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["most_asked"][0] == {"id": "testland-lighthouses", "shown": 4}
    assert stats["most_shared"] == [{"id": "testland-lighthouses", "shared": 1}]
    assert "testland-founding" in stats["never_asked"]
    unanswered = [(u["query"], u["outcome"], u["count"]) for u in stats["unanswered"]]
    assert unanswered == [("pizza recipe", "none", 2), ("lighthouses budget", "partial", 1)]
    assert main(["stats", "--days", "1"]) == 0
    assert "pizza recipe  (no match" in capsys.readouterr().out


def test_queries_are_stored_without_user_ids_or_links():
    typed = "<@U0ABC123> Sévaré  BUDGET <#C0123|general> <https://x.example|link>?"
    assert normalise_query(typed) == "sevare budget"


def test_retention_deletes_old_counts(tmp_path):
    url = f"sqlite:///{tmp_path / 'usage.sqlite3'}"
    start = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)
    clock = [start]
    recorder = UsageRecorder(open_database(url), retention_days=30, now=lambda: clock[0])
    recorder.shown("old-fact")
    recorder.unanswered("old question", "none")
    recorder.flush()
    assert recorder.store.stats(start, 30, ()).unanswered
    clock[0] = start + dt.timedelta(days=31)
    recorder.shown("new-fact")
    recorder.flush()
    stats = recorder.store.stats(clock[0], 365, ())
    assert stats.asked == [("new-fact", 1)] and stats.unanswered == []


def test_the_flusher_writes_counts_every_interval_and_rereads_popularity_every_minute(tmp_path):
    recorder = UsageRecorder(open_database(f"sqlite:///{tmp_path / 'usage.sqlite3'}"))
    recorder.start(interval=0.05)
    try:
        recorder.shown("fact-a")
        deadline = time.monotonic() + 10
        while not recorder.store.stats(recorder._now(), 1, ()).asked:
            assert time.monotonic() < deadline, "the flusher never wrote the count"
            time.sleep(0.02)
        assert recorder.popularity == {}  # read back at start; not again within the minute
        recorder.flush()  # an explicit flush (App Home, console) reads it back at once
        assert recorder.popularity == {"fact-a": 1}
    finally:
        recorder.stop()


WRITER = """
import sys
from bot.storage import open_database
from bot.usage import UsageRecorder
recorder = UsageRecorder(open_database(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()  # both processes start counting together
for i in range(60):
    recorder.shown("fact-a")
    if i % 2:
        recorder.shared("fact-b")
    recorder.unanswered("minusma budget", "partial")
    if i % 7 == 0:
        recorder.flush()
recorder.flush()
"""


def test_two_processes_counting_into_one_database_add_up(database_url):
    open_database(database_url).dispose()  # tables first, so the writers only count
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, database_url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        for _ in range(2)
    ]
    for proc in procs:
        assert proc.stdout.readline().strip() == "ready"
    for proc in procs:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    assert [proc.wait(timeout=60) for proc in procs] == [0, 0]
    recorder = UsageRecorder(open_database(database_url))
    stats = recorder.store.stats(dt.datetime.now(dt.UTC), 1, ["fact-a", "fact-b", "fact-c"])
    assert stats.asked == [("fact-a", 120)]
    assert stats.shared == [("fact-b", 60)]
    assert stats.never_asked == ["fact-b", "fact-c"]  # shared, never shown by a search
    (question,) = stats.unanswered
    assert (question.query, question.outcome, question.count) == ("minusma budget", "partial", 120)
    assert question.first_seen <= question.last_seen
    recorder.store.db.dispose()


@pytest.mark.parametrize(
    ("curators", "admins", "user", "expected"),
    [("U0CUR1", "", "U0CUR1", True), ("", "U0ADM1", "U0ADM1", True), ("U0CUR1", "", "U0X", False)],
)
def test_curators_and_admins_see_the_gaps(curators, admins, user, expected):
    from bot.settings import Settings

    env = {"FACTBOT_CURATORS": curators, "FACTBOT_ADMINS": admins}
    assert Settings.from_env(env).is_curator(user) is expected
