"""`factbot preview` over the shipped fact store and schedules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.cli import main
from bot.commands.preview import posts_in_window
from bot.facts import load_store
from bot.schedule.load import load_schedules

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--facts", str(ROOT / "facts"), "--schedules", str(ROOT / "schedules")]


def test_preview_shows_resolution_2100_and_its_reminders(capsys):
    code = main(["preview", "--from", "2027-04-18", "--days", "14", *ARGS])
    out = capsys.readouterr().out
    assert code == 0
    headers = [line for line in out.splitlines() if line.startswith("=== ")]
    res = [h for h in headers if "minusma-resolutions-agreements" in h]
    assert res == [
        "=== 2027-04-18 Sun 09:00 EDT (America/New_York) · channel C0000000000 · "
        "minusma-resolutions-agreements · in a week ===",
        "=== 2027-04-25 Sun 09:00 EDT (America/New_York) · channel C0000000000 · "
        "minusma-resolutions-agreements · today ===",
    ]
    assert "In a week (Sunday 25 April 2027) will be the 14th anniversary (25 April 2013)." in out
    assert "Today is the 14th anniversary (25 April 2013)." in out
    assert "resolution 2100" in out
    # The Monday digest lists it too.
    assert any("minusma-weekly-digest · digest" in h for h in headers)
    assert "Sun 25 Apr — 14th anniversary:" in out
    assert out.splitlines()[0].startswith(f"{len(headers)} posts from 2027-04-18 to 2027-05-01")


def test_preview_is_in_order_and_inside_the_window():
    store = load_store(ROOT / "facts").store
    schedules, _ = load_schedules(ROOT / "schedules", store)
    posts = posts_in_window(schedules, store, dt.date(2027, 1, 1), 365)
    assert posts == sorted(posts, key=lambda o: (o.post_at, o.key))
    assert all(dt.date(2027, 1, 1) <= o.local_date <= dt.date(2027, 12, 31) for o in posts)
    assert len({o.key for o in posts}) == len(posts)
    assert {o.schedule_id for o in posts} == {s.id for s in schedules}


def test_preview_solemn_posts_never_celebrate(capsys):
    from bot.schedule.wording import CELEBRATORY_EMOJI

    main(["preview", "--from", "2027-01-01", "--days", "365", *ARGS])
    out = capsys.readouterr().out
    blocks = out.split("\n=== ")[1:]
    solemn = [b for b in blocks if "minusma-attacks-coups" in b.splitlines()[0]]
    assert solemn
    for block in solemn:
        assert "Remembering:" in block and "years since" in block
        assert "celebrat" not in block.lower()
        assert not [e for e in CELEBRATORY_EMOJI if e in block]


def test_preview_reports_schedule_errors(tmp_path, capsys):
    (tmp_path / "bad.yaml").write_text("schedules:\n  - id: x\n", encoding="utf-8")
    code = main(["preview", "--facts", str(ROOT / "facts"), "--schedules", str(tmp_path)])
    captured = capsys.readouterr()
    assert code == 1
    assert "S003 schedule is missing required field 'type'" in captured.err
    assert captured.out.startswith("0 posts from")
