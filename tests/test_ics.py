"""The iCalendar export: structure, folding, escaping, UIDs, Feb 29, alarms, and the command."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from bot.cli import main
from bot.facts.model import Source
from bot.schedule.ics import build_calendar, escape_text, fold, plain
from tests.test_occurrences import event, store

NOW = dt.datetime(2027, 4, 18, 12, 0, tzinfo=dt.UTC)
ROOT = Path(__file__).resolve().parent.parent


def _unfold(data: str) -> list[str]:
    assert data.endswith("\r\n")
    physical = data.split("\r\n")[:-1]
    assert all("\n" not in line and "\r" not in line for line in physical)
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    logical: list[str] = []
    for line in physical:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


def _vevents(lines):
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = []
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return events


def test_calendar_structure():
    res = dataclasses.replace(
        event("res-2100", "2013-04-25"),
        title="Resolution 2100; MINUSMA, created",
        summary="On *25 April 2013* the <https://un.org/x|Council> acted.\nSecond line \\ done.",
        sources=(Source(title="UN, press", url="https://press.un.org/a"),),
    )
    data = build_calendar(store(res, event("month", "2013-05")), NOW)
    lines = _unfold(data)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    (vevent,) = _vevents(lines)  # the month-only event is left out
    assert "UID:res-2100@factbot" in vevent
    assert "DTSTAMP:20270418T120000Z" in vevent
    assert "DTSTART;VALUE=DATE:20130425" in vevent
    assert "DTEND;VALUE=DATE:20130426" in vevent
    assert "RRULE:FREQ=YEARLY" in vevent
    assert "SUMMARY:Anniversary: Resolution 2100\\; MINUSMA\\, created" in vevent
    (desc,) = [line for line in vevent if line.startswith("DESCRIPTION:")][:1]
    assert "25 April 2013 the Council (https://un.org/x) acted.\\nSecond line \\\\ done." in desc
    assert "Sources:\\n- UN\\, press: https://press.un.org/a" in desc
    assert vevent.count("BEGIN:VALARM") == 2
    assert "TRIGGER:-P7D" in vevent and "TRIGGER:-P1D" in vevent
    assert "DESCRIPTION:Anniversary: Resolution 2100\\; MINUSMA\\, created (in a week)" in vevent


def test_uids_are_stable():
    st = store(event("a", "2013-04-25"), event("b", "2014-01-02"))
    first = build_calendar(st, NOW)
    again = build_calendar(st, NOW + dt.timedelta(days=30))
    uid = [x for x in _unfold(first) if x.startswith("UID:")]
    assert (
        uid
        == [x for x in _unfold(again) if x.startswith("UID:")]
        == [
            "UID:a@factbot",
            "UID:b@factbot",
        ]
    )


def test_feb_29_recurs_on_last_day_of_february():
    data = build_calendar(store(event("leap", "2012-02-29")), NOW)
    assert "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1" in _unfold(data)


def test_solemn_summary_and_no_alarms():
    attack = event("attack", "2015-11-20", kind="attack", tone="solemn")
    lines = _unfold(build_calendar(store(attack), NOW, alarm_days=()))
    assert "SUMMARY:Remembering: Title of attack" in lines
    assert "BEGIN:VALARM" not in lines


def test_fold_never_splits_a_character():
    line = "DESCRIPTION:" + "é" * 100
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert "".join(p[1:] if i else p for i, p in enumerate(pieces)) == line


def test_escape_and_plain():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    assert (
        plain("*bold* <https://x.org|X> & <https://y.org>")
        == "bold X (https://x.org) & https://y.org"
    )
    # Stored text is literal: what the author wrote is what the calendar shows.
    assert plain("<5% (from >20%), written &lt;5%") == "<5% (from >20%), written &lt;5%"


def test_command_writes_file(tmp_path):
    out = tmp_path / "a.ics"
    assert main(["ics", "--output", str(out), "--facts", str(ROOT / "facts")]) == 0
    data = out.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    lines = _unfold(data.decode("utf-8"))
    assert "UID:res-2100-establishes-minusma@factbot" in lines
    assert "DTSTART;VALUE=DATE:20130425" in lines
