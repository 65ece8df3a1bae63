"""No fact store or schedule file can crash a process: every input is one `path:line:col: CODE`.

Each case is a fault found from outside: it used to raise (RecursionError, ValueError,
OverflowError) or hang; now `factbot check` names it, and the rest of the store still loads.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import time
from pathlib import Path

import pytest

from bot.cli import main
from bot.facts import load_store
from bot.facts.records import add_interval
from bot.facts.rules import MAX_DEPTH, MAX_YEAR, MIN_YEAR
from bot.facts.yamlsafe import parse_yaml
from bot.schedule.ics import build_calendar
from bot.schedule.load import load_schedules
from bot.search.live import LiveStore

ROOT = Path(__file__).resolve().parent.parent
EVENTS = "facts/minusma/events.yaml"
FIRST_DATE = "    date: 2012-01-17\n"  # the first event's date in the shipped store
FIRST_URL = "url: https://en.wikipedia.org/wiki/Azawadi_declaration_of_independence\n"
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[FAS]\d{3}) .+$")


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    """A copy of the shipped facts/ and schedules/ at the current directory."""
    shutil.copytree(ROOT / "facts", tmp_path / "facts")
    shutil.copytree(ROOT / "schedules", tmp_path / "schedules")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    for name in ("FACTBOT_FACTS_DIR", "FACTBOT_SCHEDULES_DIR"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def replace_once(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in the file; the 1-based line where `new` starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer holds {old!r}"
    at = text.index(old)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    return text[:at].count("\n") + 1


def check(capsys) -> tuple[int, list[str]]:
    """`factbot check` in-process: exit code and every output line (each well formed)."""
    code = main(["check", "--today", "2026-11-29"])
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert "Traceback" not in out.err
    assert all(LINE.match(x) for x in lines[:-1]), lines
    return code, lines


def reported(lines: list[str], code: str) -> list[str]:
    return [x for x in lines if f": {code} " in x]


def test_nesting_500_levels_deep_is_one_error_and_the_rest_of_the_store_loads(shipped, capsys):
    deep = "facts:\n  - id: deep\n    statement: " + "[" * 500 + "]" * 500 + "\n"
    (shipped / "facts" / "deep.yaml").write_text(deep, encoding="utf-8")
    code, lines = check(capsys)
    assert code == 1
    (found,) = reported(lines, "F023")
    assert found.startswith("facts/deep.yaml:3:") and f"deeper than {MAX_DEPTH}" in found
    loaded = load_store("facts")  # what `serve` and `post-due` start from
    assert len(loaded.store.events) == 76 and loaded.errors[0].code == "F023"


def test_post_due_posts_what_is_due_beside_a_file_nested_500_deep(
    shipped, capsys, fake_slack, monkeypatch
):
    deep = "events:\n  - id: deep\n    title: " + "{a: " * 500 + "1" + "}" * 500 + "\n"
    (shipped / "facts" / "deep.yaml").write_text(deep, encoding="utf-8")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_API_URL", fake_slack.api_url)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{shipped / 'ledger.sqlite3'}")
    # Monday 19 April 2027, 09:05 in New York: the shipped weekly digest is due.
    code = main(["post-due", "--now", "2027-04-19T13:05:00Z"])
    out = capsys.readouterr().out
    assert code == 0 and "posted 1 " in out
    (digest,) = fake_slack.messages()
    assert digest.text == "Anniversaries coming up (from 19 April): 1 anniversary"


def test_serve_starts_beside_a_file_nested_500_deep_and_refuses_such_an_edit(shipped):
    deep = "facts:\n  - id: deep\n    statement: " + "[" * 500 + "]" * 500 + "\n"
    (shipped / "facts" / "deep.yaml").write_text(deep, encoding="utf-8")
    live = LiveStore(shipped / "facts")  # what `factbot serve` builds at start
    assert live.current.counts()["events"] == 76
    assert [p.code for p in live.current.problems if p.severity == "error"] == ["F023"]
    (shipped / "facts" / "deep.yaml").unlink()
    assert live.reload() and live.current.version == 2
    (shipped / "facts" / "deeper.yaml").write_text(deep, encoding="utf-8")
    assert not live.reload() and live.current.version == 2  # the last good store keeps serving


def test_nesting_at_the_limit_is_read_and_one_more_level_is_refused():
    def nested(levels: int) -> str:  # `levels` collections, the outermost the file's mapping
        return "a: " + "[" * (levels - 1) + "1" + "]" * (levels - 1) + "\n"

    assert parse_yaml(nested(MAX_DEPTH), "t.yaml").problems == ()
    refused = parse_yaml(nested(MAX_DEPTH + 1), "t.yaml")
    assert refused.root is None and [p.code for p in refused.problems] == ["F023"]


def test_deep_nesting_in_a_schedule_file_is_one_error(shipped):
    deep = "schedules:\n  - id: x\n    events: " + "{a: " * 400 + "1" + "}" * 400 + "\n"
    (shipped / "schedules" / "deep.yaml").write_text(deep, encoding="utf-8")
    loaded = load_store("facts")
    schedules, problems = load_schedules(Path("schedules"), loaded.store)
    assert [p.code for p in problems if p.severity == "error"] == ["F023"]
    assert len(schedules) == 3  # the shipped schedules still load


def test_a_3600_digit_hex_number_in_a_date_is_a_clear_error(shipped, capsys):
    line = replace_once(shipped / EVENTS, FIRST_DATE, "    date: 0x" + "f" * 3600 + "\n")
    code, lines = check(capsys)
    assert code == 1
    assert any(x.startswith(f"{EVENTS}:{line}:11: F006 ") for x in lines), lines
    assert max(len(x) for x in lines) < 400  # the number is not echoed whole


def test_a_long_base_60_number_is_refused_not_computed():
    # YAML 1.1 reads 59:59:… as a base-60 integer; PyYAML builds it in quadratic time (a 1 MiB
    # file took about 17 s). No field takes a number this long: refused before it is built.
    text = "x: " + ":".join(["59"] * 300_000) + "\n"
    started = time.perf_counter()
    result = parse_yaml(text, "t.yaml")
    assert time.perf_counter() - started < 2
    assert [p.format() for p in result.problems] == [
        "t.yaml:1:4: F006 a number 899,999 characters long; no field takes one this long "
        "(text goes in quotes)"
    ]


@pytest.mark.parametrize("url", ["http://[::1", "http://[not-an-ip]/", "http://\uff03x.org/"])
def test_a_url_that_urlsplit_rejects_is_f008(shipped, capsys, url):
    line = replace_once(shipped / EVENTS, FIRST_URL, f'url: "{url}"\n')
    code, lines = check(capsys)
    assert code == 1
    assert any(x.startswith(f"{EVENTS}:{line}:") and ": F008 " in x for x in lines), lines


@pytest.mark.parametrize(
    ("date", "passes"),
    [
        ("9999-12-31", False),
        ("0001-01-01", False),
        (f"{MAX_YEAR + 1}-01-01", False),
        (f"{MIN_YEAR - 1:04d}-12-31", False),
        (f'"{MAX_YEAR + 1}-05"', False),
        (f"{MAX_YEAR}-12-31", True),
        (f"{MIN_YEAR}-01-01", True),
    ],
)
def test_dates_are_bounded_to_what_every_consumer_handles(shipped, capsys, date, passes):
    line = replace_once(shipped / EVENTS, FIRST_DATE, f"    date: {date}\n")
    code, lines = check(capsys)
    errors = [x for x in lines if LINE.match(x) and LINE.match(x)["code"][:2] not in ("A1", "S1")]
    if passes:
        assert code == 0, errors
        # ... and what passes check works downstream: the calendar, every reminder.
        loaded = load_store("facts")
        calendar = build_calendar(loaded.store, dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
        assert f"DTSTART;VALUE=DATE:{date.replace('-', '')}" in calendar
    else:
        assert code == 1
        assert [x[: x.index(" F007 ") + 6] for x in errors] == [f"{EVENTS}:{line}:11: F007 "]
        assert f"from {MIN_YEAR} to {MAX_YEAR}" in errors[0]


def test_a_review_interval_past_the_year_range_is_f018_not_a_crash(shipped, capsys):
    figures = shipped / "facts" / "minusma" / "figures.yaml"
    text = figures.read_text(encoding="utf-8")
    first = re.search(r"    review_every: .+\n", text)[0]
    line = replace_once(figures, first, "    review_every: 9999 years\n")
    code, lines = check(capsys)
    assert code == 1
    (found,) = reported(lines, "F018")
    assert found.startswith(f"facts/minusma/figures.yaml:{line}:") and str(MAX_YEAR) in found


def test_add_interval_never_raises_past_the_calendar():
    assert add_interval(dt.date(2200, 12, 31), 9999, "year") is None
    assert add_interval(dt.date(2024, 1, 31), 1, "month") == dt.date(2024, 2, 29)
