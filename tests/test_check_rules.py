"""One invalid variant of the valid fixture store per rule code, as a contributor sees it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.facts import load_store, records
from bot.facts.model import Event
from bot.facts.rules import RULES

VALID = Path(__file__).parent / "fixtures" / "check" / "valid"
FIG = "facts/topic/figures.yaml"
EVT = "facts/topic/events.yaml"

# code, file, old text, new text, marker: the problem must be on the first line holding the marker.
VARIANTS = [
    ("F001", FIG, "    tags: [widgets]\n", "    tags: [widgets\n", "    aliases: [widget count"),
    ("F002", FIG, "    topic: testland\n", "    topic: testland\n    topic: again\n", "again"),
    ("F003", FIG, "    tags: [widgets]", "    tags:\t[widgets]", "\t"),
    ("F004", FIG, "    tags: [widgets]\n", "    tags: [widgets]\n    sorce: x\n", "sorce"),
    ("F005", FIG, '    statement: "Testland had *1,200* widgets."\n', "", "- id: widget-count"),
    ("F006", FIG, "    tags: [widgets]", "    tags: widgets", "tags: widgets"),
    ("F007", FIG, "    as_of: 2023-03-01", "    as_of: 2023-02-30", "2023-02-30"),
    ("F008", FIG, "url: https://example.org/census\n", "url: ftp://example.org/x\n", "ftp:"),
    ("F009", EVT, "id: widget-attack", "id: widget-accord  # again", "# again"),
    ("F010", EVT, "facts: [widget-count]", "facts: [widget-cuont]", "widget-cuont"),
    ("F011", FIG, "de widgets]", "de widgets, The  Accord]", "Accord"),
    ("F012", EVT, '"An attack on the depot."', "x" * 3001, "xxxx"),
    # 2,800 characters as written, 5,600 as sent: each `&` goes out as `&amp;`.
    ("F012", FIG, '"Testland had *1,200* widgets."', '"' + "R&D " * 700 + '"', "R&D"),
    ("F013", FIG, "    tags: [widgets]", "    tags: &t [widgets]", "&t"),
    ("F015", EVT, "id: widget-accord", "id: Widget_Accord", "Widget_Accord"),
    # A slug too long for a button to carry (a 2,100-character id crashed `/fact`).
    ("F015", EVT, "id: widget-accord", "id: " + "widget-" * 11 + "accord", "widget-widget"),
    ("F016", EVT, "tone: neutral", "tone: cheerful", "cheerful"),
    ("F017", EVT, "tone: solemn", "tone: celebratory", "celebratory"),
    (
        "F018",
        FIG,
        "    review_every: 2 years\n",
        "    review_every: 2 years\n    review_by: 2030-01-01\n",
        "- id: widget-count",
    ),
    (
        "F019",
        FIG,
        "    confidence: high\n",
        "    superseded_by: widget-count-2022\n",
        "- id: widget-count",
    ),
    ("F020", EVT, "\ntalking_points:", "\ntalkingpoints:", "talkingpoints"),
    ("F021", EVT, "        facts: [widget-count]", "        facts: []", "facts: []"),
    # Control characters, written as YAML escapes (raw ones are F001): in any text field.
    *[
        ("F025", FIG, '"Testland had *1,200* widgets."', f'"Testland had {esc} 1,200."', "Testland")
        for esc in ("\\0", "\\x1b", "\\x7f", "\\x85", "\\e", "\\N", "\\r")
    ],
    ("F025", EVT, "title: Accord text", 'title: "Accord\\x07text"', "Accord"),
    ("F023", FIG, "    tags: [widgets]", "    tags: " + "[" * 30 + "]" * 30, "tags: [[["),
    ("F040", EVT, '"Widgets grew to 1,200."', '"Widgets grew to 1,500."', "Widgets grew"),
    (
        "F041",
        EVT,
        '"The parties signed the _widget accord_."',
        '"The parties signed the _widget accord_; Testland had 1,500 widgets."',
        "id: widget-accord",
    ),
]
SYMBOL = "        symbol: S/RES/1 (2023)\n"  # a UN symbol on a source linked elsewhere (A121)
ADVISORIES = [
    ("A101", FIG, "", "", "- id: widget-count", "2026-01-01"),
    (
        "A102",
        FIG,
        '    caveat: "Superseded by the 2023 census."\n',
        "",
        "id: widget-count-2022",
        "2025-06-01",
    ),
    ("A103", EVT, "        date: 2023-06-01\n", "", "title: Depot report", None),
    (
        "A104",
        EVT,
        '"Widgets grew to 1,200."\n        facts: [widget-count]',
        '"In 2022 Testland had 1,000 widgets."\n        facts: [widget-count-2022]',
        "2022]",
        None,
    ),
    # Content a reviewer can miss: one per hazard, in the fields readers see.
    (
        "A106",
        FIG,
        '"Testland had *1,200* widgets."',
        '"Testland <!here> had 1,200."',
        "<!here>",
        None,
    ),
    ("A107", EVT, '"An attack on the depot."', '"Ask <@U024BE7LH> about it."', "<@U024", None),
    (
        "A108",
        EVT,
        '"The parties signed the _widget accord_."',
        '"Read <https://evil.example/accord|https://example.org/accord>."',
        "evil.example",
        None,
    ),
    (
        "A108",
        EVT,
        "title: Accord text",
        "title: '[example.org](https://evil.example)'",
        "evil",
        None,
    ),
    (
        "A109",
        EVT,
        '"Sources differ on the day."',
        '"Sources differ \u202eyad eht no."',
        "Sources",
        None,
    ),
    ("A109", EVT, "title: Why widgets matter", 'title: "Why \u2067widgets matter"', "Why", None),
    ("A110", FIG, '"Superseded by the 2023 census."', '"Super\u200bseded."', "Super", None),
    (
        "A110",
        EVT,
        '"Widgets grew to 1,200."',
        '"Widgets grew to 1,\ufeff200."',
        "Widgets grew",
        None,
    ),
    # Sources and dates a fact-checker would question; statements too long to paste.
    ("A120", FIG, "https://news.example.net/", "https://example.org/", "id: widget-count", None),
    ("A121", FIG, "kind: primary\n", f"kind: primary\n{SYMBOL}", "id: widget-count", None),
    ("A122", FIG, "    as_of: 2023-03-01", "    as_of: 2021-03-01", "id: widget-count", None),
    ("A123", EVT, "date: 2023-06-01", "date: 2023-04-30", "id: widget-attack", None),
    ("A124", EVT, "as_of: 2023-09-01", "as_of: 2023-01-01", "id: widget-points", None),
    ("A125", FIG, "*1,200* widgets.", "1,200. Most were blue. Some red.", "id: widget-count", None),
    (
        "A140",
        EVT,
        '"Widgets grew to 1,200."\n        facts: [widget-count]',
        '"Testland has 1,000 widgets."\n        facts: [widget-count-2022]',
        "Testland has 1,000",
        None,
    ),
    (
        "A141",
        EVT,
        "facts: [widget-count]\n    talking_points: [widget-points]\n"
        '    suggested_post: "Today marks the widget accord."',
        "facts: [widget-count-2022]\n    talking_points: [widget-points]\n"
        '    suggested_post: "Today Testland has 1,000 widgets."',
        "id: widget-accord",
        None,
    ),
]  # fmt: skip
TODAY = "2024-06-01"


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A copy of the valid store at ./facts, with the current directory set to it."""
    shutil.copytree(VALID, tmp_path / "facts")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACTBOT_SCHEDULES_DIR", str(tmp_path / "no-schedules"))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def edit(root: Path, rel: str, old: str, new: str, marker: str) -> int:
    """Apply one edit to a fixture file; return the 1-based line of `marker` afterwards."""
    path = root / rel
    text = path.read_text()
    assert old in text, f"fixture no longer contains {old!r}"
    text = text.replace(old, new, 1)
    path.write_text(text)
    return next(i for i, line in enumerate(text.splitlines(), 1) if marker in line)


def check(capsys, *args: str) -> tuple[int, list[str]]:
    """Run `factbot check` in-process; the exit code and the printed lines."""
    code = main(["check", *args])
    return code, capsys.readouterr().out.splitlines()


def lines_with(out: list[str], code: str) -> list[str]:
    """Output lines that report `code`."""
    return [line for line in out if f": {code} " in line]


def test_valid_store_is_clean(store, capsys):
    code, out = check(capsys, "--today", TODAY)
    assert code == 0
    assert out == ["0 errors, 0 advisories in 2 files"]


@pytest.mark.parametrize(("code", "rel", "old", "new", "marker"), VARIANTS, ids=lambda v: v)
def test_each_error_rule(store, capsys, code, rel, old, new, marker):
    line = edit(store, rel, old, new, marker)
    exit_code, out = check(capsys, "--today", TODAY)
    assert exit_code == 1
    found = lines_with(out, code)
    assert found, f"{code} not reported; got:\n" + "\n".join(out)
    assert any(f.startswith(f"{rel}:{line}:") for f in found), "\n".join(out)
    assert out[-1].endswith("in 2 files") and " 0 errors" not in out[-1]


@pytest.mark.parametrize(("code", "rel", "old", "new", "marker", "today"), ADVISORIES)
def test_each_advisory_rule_reports_but_passes(store, capsys, code, rel, old, new, marker, today):
    line = edit(store, rel, old, new, marker)
    exit_code, out = check(capsys, "--today", today or TODAY)
    assert exit_code == 0
    assert any(f.startswith(f"{rel}:{line}:") for f in lines_with(out, code)), "\n".join(out)
    assert out[-1].startswith("0 errors, ")


def test_oversized_file_refused(store, capsys):
    big = store / "facts" / "big.yaml"
    with big.open("wb") as fh:
        fh.truncate(1024 * 1024 + 1)
    code, out = check(capsys, "--today", TODAY)
    assert code == 1
    assert "facts/big.yaml:1:1: F014 " in "\n".join(out)


def test_missing_facts_dir_is_a_clear_error(store, capsys):
    code, out = check(capsys, "--facts", "nowhere")
    assert code == 1
    assert out[0].startswith("nowhere:1:1: F022 facts directory not found")


def test_empty_facts_dir_is_an_advisory(store, capsys):
    (store / "empty").mkdir()
    code, out = check(capsys, "--facts", "empty")
    assert code == 0
    assert lines_with(out, "A105")


def test_unknown_field_suggests_the_closest(store, capsys):
    edit(store, FIG, "    tags: [widgets]\n", "    tags: [widgets]\n    sorce: x\n", "sorce")
    _, out = check(capsys, "--today", TODAY)
    assert "unknown field 'sorce' in fact 'widget-count' (did you mean 'sources'?)" in out[0]


def test_duplicate_id_says_where_the_first_is(store, capsys):
    line = edit(store, FIG, "id: widget-count-2022", "id: widget-accord", "widget-accord")
    _, out = check(capsys, "--today", TODAY)
    assert out[0] == (
        f"{FIG}:{line}:5: F009 duplicate id 'widget-accord' (first defined at {EVT}:4)"
    )


def test_a_rule_that_raises_is_one_f024_line_and_the_other_records_load(store, capsys, monkeypatch):
    # No input is known to make a rule raise (that would be a bug to fix); inject one to see the
    # last resort at work: the record is named, the rest of the store still loads.
    def broken(f, built):
        raise ValueError("a rule with a bug")

    monkeypatch.setitem(records._KINDS, "events", (Event, records.EVENT_FIELDS, broken))
    code, out = check(capsys, "--today", TODAY)
    assert code == 1
    found = lines_with(out, "F024")
    assert found[0].startswith(f"{EVT}:4:5: F024 factbot failed while checking the record at ")
    assert "(ValueError); this is a bug in factbot" in found[0]
    assert load_store("facts", dt.date(2024, 6, 1)).store.facts  # the facts still load


@pytest.mark.parametrize("under", ["facts", "schedules"])
def test_a_symlinked_directory_is_an_error_not_a_silent_loss(store, capsys, tmp_path, under):
    """Its records would not load, its schedules would never post, and nothing said so."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "more.yaml").write_text((store / FIG).read_text().replace("widget", "gadget"))
    (store / under).mkdir(exist_ok=True)
    (store / under / "linked").symlink_to(elsewhere, target_is_directory=True)
    code, out = check(capsys, "--today", TODAY, "--schedules", "schedules")
    assert code == 1
    (found,) = lines_with(out, "F026")
    assert found.startswith(f"{under}/linked:1:1: F026 linked is a symbolic link to a directory")


def test_every_rule_has_a_fixture():
    covered = {v[0] for v in VARIANTS} | {a[0] for a in ADVISORIES}
    covered |= {"F014", "F022", "A105", "F024", "F026"}
    assert covered == set(RULES)
