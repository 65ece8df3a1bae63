"""Every date a user can give on the command line: in range it works, out of range one line, exit 2.

`preview --from 0001-01-01`, `preview --from 9999-12-30 --days 5` and `console --today
9999-12-31 -c "/anniversaries 30"` used to end in an OverflowError traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.cli import main
from bot.commands import MAX_WINDOW_DAYS
from bot.commands.post_due import parse_now
from bot.facts import load_store
from bot.facts.rules import MAX_YEAR, MIN_YEAR
from bot.schedule.load import load_schedules

ROOT = Path(__file__).resolve().parent.parent
FACTS, SCHEDULES = str(ROOT / "facts"), str(ROOT / "schedules")
EDGES = ["0001-01-01", "9999-12-30", "9999-12-31", "0999-12-31", "2201-01-01", "1000-01-01"]
EDGES += ["2200-12-31", "2013-02-30", "20130425", "", "-1", "2013-04-25T10:00"]
DATES = st.dates().map(dt.date.isoformat) | st.sampled_from(EDGES) | st.text(max_size=12)
DAYS = st.integers(-5, 10**7).map(str) | st.sampled_from(["0", "1", "3660", "3661", "x", "1e3"])


def run(argv: list[str]) -> tuple[int, str, str]:
    """`factbot ARGV` in-process: exit code (argparse's exit 2 included), stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse refusing an argument
            code = exc.code
    return code, out.getvalue(), err.getvalue()


def in_range(text: str) -> bool:
    """True for a date (as Python reads ISO 8601) in the store's years."""
    try:
        return MIN_YEAR <= dt.date.fromisoformat(text).year <= MAX_YEAR
    except ValueError:
        return False


def refused_in_one_line(code: int, err: str, option: str) -> bool:
    """argparse's refusal: exit 2, the usage, and one error line naming the option."""
    last = err.strip().splitlines()[-1]
    return code == 2 and "Traceback" not in err and f"argument {option}:" in last


@settings(max_examples=40, deadline=None)
@given(DATES, DAYS)
def test_preview_takes_any_from_and_days_without_a_traceback(start, days):
    argv = ["preview", "--facts", FACTS, "--schedules", SCHEDULES, "--from", start, "--days", days]
    code, out, err = run(argv)
    assert "Traceback" not in err
    whole = days.isdigit() and 1 <= int(days) <= MAX_WINDOW_DAYS
    if in_range(start) and whole:
        assert code == 0 and out.split(" ", 2)[1] in ("post", "posts"), err
    else:
        option = "--from" if not in_range(start) else "--days"
        assert refused_in_one_line(code, err, option), err


@settings(max_examples=25, deadline=None)
@given(DATES)
def test_console_takes_any_today_without_a_traceback(today):
    lines = ["-c", "/anniversaries 30", "-c", "/anniversaries 366", "-c", "/anniversaries december"]
    code, out, err = run(["console", "--facts", FACTS, "--today", today, *lines])
    assert "Traceback" not in err
    if in_range(today):
        assert code == 0 and "> /anniversaries 366" in out
    else:
        assert refused_in_one_line(code, err, "--today"), err


@settings(max_examples=25, deadline=None)
@given(DATES)
def test_check_and_factcheck_take_any_today_without_a_traceback(today):
    code, _, err = run(["check", "--facts", FACTS, "--schedules", SCHEDULES, "--today", today])
    assert code in (0, 1) if in_range(today) else refused_in_one_line(code, err, "--today"), err
    code, _, err = run(["factcheck", "--facts", FACTS, "--today", today, "3 people."])
    assert code in (0, 1) if in_range(today) else refused_in_one_line(code, err, "--today"), err


@settings(max_examples=200, deadline=None)
@given(st.datetimes().map(dt.datetime.isoformat) | DATES)
def test_post_due_now_is_an_instant_in_range_or_refused(text):
    try:
        now = parse_now(text)
    except argparse.ArgumentTypeError as exc:
        assert str(exc)  # argparse prints it as `factbot post-due: error: argument --now: …`
        return
    assert now.tzinfo is not None and MIN_YEAR <= now.year <= MAX_YEAR


@pytest.mark.parametrize("now", ["9999-12-31T23:00:00Z", "0001-01-01T00:00:00", "tomorrow"])
def test_post_due_refuses_a_now_out_of_range_before_it_needs_slack(now, monkeypatch):
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    code, out, err = run(["post-due", "--facts", FACTS, "--now", now])
    assert refused_in_one_line(code, err, "--now") and not out, err


@pytest.mark.parametrize("start", [dt.date(1, 1, 1), dt.date(9999, 12, 30), dt.date(9999, 12, 31)])
def test_a_window_at_the_calendars_ends_is_empty_not_an_overflow(start):
    store = load_store(Path(FACTS)).store
    schedules, _ = load_schedules(Path(SCHEDULES), store)
    from bot.commands.preview import preview_lines

    lines = preview_lines(store, schedules, start, 5)
    assert lines[0].startswith(f"0 posts from {start}")
