"""`factbot check` as CI and contributors run it: output formats, exit codes, defaults, docs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.facts.load import load_store
from bot.facts.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "fixtures" / "check" / "valid"
FIG = "facts/topic/figures.yaml"
EVT = "facts/topic/events.yaml"


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A copy of the valid store at ./facts with one error and one advisory added."""
    shutil.copytree(VALID, tmp_path / "facts")
    events = tmp_path / EVT
    events.write_text(events.read_text().replace("tone: neutral", "tone: cheerful"))
    figures = tmp_path / FIG
    figures.write_text(
        figures.read_text().replace("review_by: 2030-01-01", "review_by: 2024-01-01")
    )
    monkeypatch.chdir(tmp_path)
    for name in ("FACTBOT_FACTS_DIR", "FACTBOT_SCHEDULES_DIR", "GITHUB_ACTIONS"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def run_check(capsys, *args: str) -> tuple[int, list[str]]:
    """`factbot check` in-process."""
    code = main(["check", *args])
    return code, capsys.readouterr().out.splitlines()


EXPECTED = [
    f"{EVT}:9:11: F016 tone 'cheerful' is not allowed; use one of: solemn, neutral, celebratory",
    f"{FIG}:23:5: A101 fact 'widget-count-2022' was due for review on 2024-01-01; re-check it "
    "and update 'reviewed' (or 'review_by')",
    "1 error, 1 advisory in 2 files",
]


def test_text_output_sorted_with_summary(store, capsys):
    code, out = run_check(capsys, "--today", "2024-06-01")
    assert code == 1
    assert out == EXPECTED


def test_real_subprocess(store):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FACTBOT_", "GITHUB_"))}
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "check", "--today", "2024-06-01"],
        cwd=store,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines() == EXPECTED


def test_github_annotations_under_actions(store, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out = run_check(capsys, "--today", "2024-06-01")
    assert code == 1
    assert out[:2] == EXPECTED[:2]
    assert out[2] == (
        f"::error file={EVT},line=9,col=11,title=F016::F016 tone 'cheerful' is not allowed; "
        "use one of: solemn, neutral, celebratory"
    )
    assert out[3].startswith(f"::warning file={FIG},line=23,col=5,title=A101::A101 fact ")
    assert out[-1] == EXPECTED[-1]


def test_format_text_overrides_actions(store, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out = run_check(capsys, "--today", "2024-06-01", "--format", "text")
    assert out == EXPECTED


def test_advisories_alone_exit_zero(store, capsys):
    events = store / EVT
    events.write_text(events.read_text().replace("tone: cheerful", "tone: neutral"))
    code, out = run_check(capsys, "--today", "2024-06-01")
    assert code == 0
    assert out[-1] == "0 errors, 1 advisory in 2 files"


def test_facts_dir_from_environment(store, capsys, monkeypatch):
    (store / "facts").rename(store / "elsewhere")
    monkeypatch.setenv("FACTBOT_FACTS_DIR", "elsewhere")
    code, out = run_check(capsys, "--today", "2024-06-01")
    assert code == 1 and out[0].startswith("elsewhere/topic/events.yaml:9:11: F016 ")


def test_missing_facts_dir_is_not_a_traceback(store, capsys):
    code, out = run_check(capsys, "--facts", "nope")
    assert code == 1
    assert out == [
        "nope:1:1: F022 facts directory not found: nope (use --facts DIR or FACTBOT_FACTS_DIR)",
        "1 error, 0 advisories in 0 files",
    ]


def test_explicit_missing_schedules_dir_is_an_error(store, capsys):
    code, out = run_check(capsys, "--today", "2024-06-01", "--schedules", "no-such-dir")
    assert code == 1
    assert "no-such-dir:1:1: F022 schedules directory not found: no-such-dir" in out


def test_schedule_problems_are_included(store, capsys):
    pytest.importorskip("bot.schedule.validate")
    (store / "schedules").mkdir()
    (store / "schedules" / "s.yaml").write_text("schedules:\n  - id: Bad_Id\n")
    code, out = run_check(capsys, "--today", "2024-06-01")
    assert code == 1
    assert any(line.startswith("schedules/s.yaml:2:") for line in out), out
    assert out[-1].endswith("in 3 files")


def test_shipped_store_passes():
    code = main(["check", "--facts", str(ROOT / "facts"), "--schedules", str(ROOT / "schedules")])
    assert code == 0


def test_every_rule_code_is_documented_in_the_contributor_guide():
    guide = (ROOT / "facts" / "README.md").read_text()
    table_codes = set(re.findall(r"^\| *`?([FA]\d{3})`? *\|", guide, flags=re.M))
    assert table_codes == set(RULES), "facts/README.md's code table and bot/facts/rules.py differ"


def test_contributor_guide_examples_pass_the_check(tmp_path):
    guide = (ROOT / "facts" / "README.md").read_text()
    blocks = re.findall(r"```yaml\n(.*?)```", guide, flags=re.S)
    examples = [b for b in blocks if b.startswith(("facts:", "events:", "talking_points:"))]
    assert len(examples) == 3
    for i, block in enumerate(examples):
        (tmp_path / f"example{i}.yaml").write_text(block)
    errors = [p.format() for p in load_store(tmp_path).errors if p.code != "F010"]
    assert errors == []  # F010: the examples link to records that are not in the examples
