"""Fuzz: mutated copies of the shipped store never crash or hang a command.

A seeded mutation loop edits the YAML text of the shipped facts/ and schedules/ (deleted,
duplicated and re-indented lines, huge numbers, deep nesting, odd unicode, tabs, extreme dates,
broken URLs, wrong types) and runs `factbot check` in-process on each store. Every store must give
only `path:line:col: CODE message` lines, never a traceback, within 2 s; and a store that passes
check must work in every command: search, console, preview, ics, and post-due against a SQLite
ledger and the fake Slack. More stores: FACTBOT_FUZZ_STORES=800 pytest tests/test_store_fuzz.py
(the first test checks that many stores, the second runs every command on an eighth as many);
another sequence: FACTBOT_FUZZ_SEED=1.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import random
import re
import shutil
import signal
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = int(os.environ.get("FACTBOT_FUZZ_SEED", "72026"))
# How many mutated stores each test tries (check is ~35 ms a store; every command ~0.3 s more).
CHECKED = int(os.environ.get("FACTBOT_FUZZ_STORES", "48"))
EXERCISED = max(CHECKED // 8, 4)
TODAY, NOW = "2027-04-19", "2027-04-19T13:05:00Z"  # a Monday, 09:05 in New York: the digest
LINE = re.compile(r"^[^\n:]+:\d+:\d+: [FAS]\d{3} .*$")
SUMMARY = re.compile(r"^\d+ errors?, \d+ advisor(y|ies) in \d+ files?$")

HUGE = ["0x" + "f" * 3600, "9" * 5000, ":".join(["59"] * 4000), "1e400", "-.inf", ".nan"]
DATES = ["9999-12-31", "0001-01-01", "0999-12-31", "2201-01-01", "2013-02-30", '"2013-13"']
DATES += ['"9999-12"', "2013-04-25T10:00:00", "25 April 2013", '"0000-05"']
URLS = ['"http://[::1"', '"http://[x]/"', '"https://\uff03.org"', "ftp://x", '"https://a b"']
TYPES = ["no", "yes", "on", "~", "[]", "{}", "[a, [b]]", "{a: 1}", "2020", "!!binary aGk="]
TYPES += ["!!int x", "!!python/object:os.system", "&a x", "*a", "'unterminated", '"\\ud800"']
TYPES += ["|", ">-"]
ODD = ["\u202eevil\u202c", "zero\u200bwidth", "\U0001f600", "e\u0301", "<!channel>", "&lt;&amp;"]
ODD += ["*bold* _it_ `code`", "\x85next", "\ufeffbom", "\u2028sep", "x" * 3100, "&" * 2990]
# Values that pass check: they carry extreme but valid data through to every command. Text
# without the control character (F025), the longest id (F015) and the longest text (F012).
SHOWN = [x for x in ODD[:-2] if "\x85" not in x] + ["w" * 2900]
PASSING = {
    "id": ["a" * 80, "-".join(["minusma"] * 10)],
    "date": ["1000-01-01", "2200-12-31", "2000-02-29", "1904-02-29", "2027-04-19", "2026-04-20"],
    "as_of": ["1000-01-01", "2200-12-31", "2024-02-29"],
    "reviewed": ["2200-12-31", "1000-01-01"],
    "review_every": ["1 day", "9999 days", "100 years", "1 month"],
    "title": [x for x in ODD[:8] if "\x85" not in x],
    "summary": SHOWN,
    "statement": SHOWN,
    "caveat": SHOWN,
    "time": ['"00:00"', '"23:59"', '"02:30"'],
    "timezone": ["Pacific/Kiritimati", "Etc/GMT+12", "Australia/Lord_Howe", "UTC"],
    "lead_days": ["[60, 0]", "[0, 1, 2, 3]", "[59]"],
    "weekend": ["previous_friday", "next_monday"],
    "days": ["1", "366"],
    "weekdays": ["[monday, tuesday, wednesday, thursday, friday, saturday, sunday]"],
    "milestones": ["[500]", "[1, 2, 3]"],
}
DATED = ("date", "as_of", "review_by", "reviewed")
SCALAR = re.compile(r"^(?P<head>\s*(?:- )?(?P<key>[a-z_]+): )(?P<value>\S.*)$")


class Hang(Exception):
    """A command ran past its time bound."""


@contextlib.contextmanager
def bounded(seconds: float, what: str):
    """Raise Hang in this (main) thread if the block runs longer than `seconds`."""

    def alarm(signum, frame):
        raise Hang(f"{what} ran over {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


MODES = ("passing", "dates", "nasty", "nasty")  # a store's edits: values that pass, dates, any


def mutate(rng: random.Random, text: str, mode: str) -> str:
    """One random edit of a YAML file's text, of the store's `mode`."""
    lines = text.split("\n")
    if mode != "nasty" or rng.random() < 0.4:
        return "\n".join(edit_scalar(rng, lines, mode))
    i = rng.randrange(len(lines))
    kind = rng.choice(
        ["delete", "duplicate", "indent", "dedent", "swap", "tab", "chars"] + ["deep"] * 3
    )
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind in ("indent", "dedent"):
        lines[i] = "  " + lines[i] if kind == "indent" else lines[i][2:]
    elif kind == "swap" and i + 1 < len(lines):
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    elif kind == "tab":
        lines[i] = lines[i].replace("  ", "\t", 1)
    elif kind == "deep":
        depth = rng.choice([19, 20, 25, 500, 5000])
        lines.insert(i, "deep: " + "[" * depth + "]" * depth)
    elif kind == "chars":
        at = rng.randrange(len(lines[i]) + 1)
        noise = "".join(chr(rng.choice([0x0B, 0x85, 0xA0, 0x202E, 0xFEFF, 0x10FFFF])) for _ in "..")
        lines[i] = lines[i][:at] + noise + lines[i][at:]
    else:
        return text[: rng.randrange(len(text))]  # cut short
    return "\n".join(lines)


def edit_scalar(rng: random.Random, lines: list[str], mode: str) -> list[str]:
    """Give one `key: value` line a new value: one that passes, a date, or anything."""
    wanted = {"passing": PASSING, "dates": DATED}.get(mode)
    found = [
        j
        for j, x in enumerate(lines)
        if (m := SCALAR.match(x)) and m["key"] in (wanted or m["key"])
    ]
    if not found:
        return lines
    j = rng.choice(found)
    match = SCALAR.match(lines[j])
    key = match["key"]
    if mode == "passing":
        pool = PASSING[key]
    elif mode == "dates":
        pool = DATES + PASSING[key if key in PASSING else "date"]
    else:
        pool = rng.choice([HUGE, DATES, URLS, TYPES, ODD, URLS if key == "url" else DATES])
    value = rng.choice(pool)
    if value in ODD:  # as text, in double quotes (YAML escapes for the control characters)
        value = '"' + value.encode("unicode_escape").decode().replace('"', '\\"') + '"'
    lines[j] = match["head"] + value
    return lines


def run(argv: list[str], what: str) -> tuple[int, str, str]:
    """`factbot ARGV` in-process within 2 s: exit code, stdout, stderr (no traceback in it)."""
    out, err = io.StringIO(), io.StringIO()
    with bounded(2.0, what), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    assert "Traceback" not in err.getvalue(), (what, err.getvalue())
    return code, out.getvalue(), err.getvalue()


@dataclass
class World:
    """A copy of the shipped store that `stores` mutates in place, and where commands write."""

    facts: Path
    schedules: Path
    data: Path
    originals: dict[Path, str]

    def stores(self, seed: int, count: int, modes=MODES) -> Iterator[str]:
        """Mutate the copy `count` times (restored after each); yields a name for each store."""
        rng = random.Random(seed)
        files = sorted(self.originals)
        for n in range(count):
            edited = rng.sample(files, rng.choice([1, 1, 2]))
            mode = rng.choice(modes)
            for path in edited:
                text = self.originals[path]
                for _ in range(rng.choice([1, 1, 2, 3])):
                    text = mutate(rng, text, mode)
                path.write_text(text, encoding="utf-8")
            yield f"store {n} of seed {seed} ({', '.join(p.name for p in edited)})"
            for path in edited:
                path.write_text(self.originals[path], encoding="utf-8")

    def check(self, what: str) -> tuple[int, list[str]]:
        """`factbot check`: its exit code and problem lines, each asserted well formed."""
        argv = ["check", "--facts", str(self.facts), "--schedules", str(self.schedules)]
        code, out, _ = run([*argv, "--today", TODAY], f"check {what}")
        lines = out.splitlines()
        assert lines and SUMMARY.match(lines[-1]), (what, lines[-3:])
        bad = [x for x in lines[:-1] if not LINE.match(x)]
        assert not bad, (what, bad[:3])
        assert not [x for x in lines if ": F024 " in x], (what, "a rule raised", lines)
        errors = [x for x in lines[:-1] if re.search(r": [FS]0\d\d ", x)]
        assert code == (1 if errors else 0), what
        return code, errors


@pytest.fixture
def world(tmp_path, fake_slack, monkeypatch, caplog) -> Iterator[World]:
    """The shipped store in tmp_path, post-due pointed at the fake Slack; no exception logged."""
    shutil.copytree(ROOT / "facts", tmp_path / "facts")
    shutil.copytree(ROOT / "schedules", tmp_path / "schedules")
    files = sorted(tmp_path.rglob("*.yaml"))
    originals = {p: p.read_text(encoding="utf-8") for p in files}
    data = tmp_path / "data"
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_API_URL", fake_slack.api_url)
    monkeypatch.setenv("FACTBOT_DATA_DIR", str(data))
    monkeypatch.setenv("FACTBOT_SCHEDULES_DIR", str(tmp_path / "schedules"))
    monkeypatch.setenv("FACTBOT_TIMEZONE", "UTC")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    caplog.set_level(logging.WARNING)
    yield World(tmp_path / "facts", tmp_path / "schedules", data, originals)
    logged = [r for r in caplog.records if r.exc_info]
    assert not logged, [r.getMessage() for r in logged]


def test_every_mutated_store_is_checked_without_a_crash_or_a_hang(world):
    tally: Counter[str] = Counter()
    for what in world.stores(SEED, CHECKED):
        code, errors = world.check(what)
        tally["passed" if code == 0 else "refused"] += 1
        tally.update(re.search(r": ([FS]\d{3}) ", x)[1] for x in errors)
    print(f"\n{CHECKED} mutated stores checked: {dict(sorted(tally.items()))}")
    assert tally["passed"] >= CHECKED // 5 and tally["refused"] >= CHECKED // 5
    assert len(tally) >= 8  # the mutations reach many different rules


def test_every_mutated_store_that_passes_check_works_in_every_command(world, monkeypatch):
    facts, schedules, data = str(world.facts), str(world.schedules), world.data
    exercised = 0
    # Values that pass, and dates (on the edge of the range or over it): a store that passes
    # check with an extreme date must still work downstream (9999-12-31 used to crash `ics`).
    for n, what in enumerate(world.stores(SEED + 1, EXERCISED * 3, ("passing", "dates"))):
        if world.check(what)[0] != 0:
            continue
        code, out, _ = run(["search", "--facts", facts, "minusma", "attack"], f"search {what}")
        assert code in (0, 1) and (out or code == 1)
        lines = ["/fact minusma fatalities", "/anniversaries 60", "/anniversaries april"]
        lines += ["/talkingpoints", "share", "next", "home", f"due {NOW}"]
        argv = ["console", "--facts", facts, "--today", TODAY]
        code, out, _ = run([*argv, *(x for y in lines for x in ("-c", y))], f"console {what}")
        assert code == 0 and "> /fact minusma fatalities" in out
        argv = ["preview", "--facts", facts, "--schedules", schedules, "--from", TODAY]
        code, out, _ = run([*argv, "--days", "60"], f"preview {what}")
        assert code == 0 and re.search(r"^\d+ posts? from", out)
        code, _, _ = run(["ics", "--facts", facts, "-o", str(data / "a.ics")], f"ics {what}")
        calendar = (data / "a.ics").read_bytes().decode("utf-8")
        assert code == 0 and calendar.startswith("BEGIN:VCALENDAR\r\n")
        starts = re.findall(r"^DTSTART;VALUE=DATE:(.*)\r$", calendar, flags=re.M)
        assert starts and all(re.fullmatch(r"\d{8}", d) for d in starts), what  # RFC 5545 dates
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{data / f'ledger-{n}.sqlite3'}")
        argv = ["post-due", "--facts", facts, "--schedules", schedules, "--now", NOW]
        code, out, _ = run(argv, f"post-due {what}")
        assert code == 0 and out.startswith(f"post-due at {NOW[:-1]}")
        exercised += 1
        if exercised == EXERCISED:
            break
    print(f"\n{exercised} mutated stores passed check and ran in every command")
    assert exercised == EXERCISED
