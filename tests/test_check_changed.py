"""`factbot check --changed-since REF`: on a pull request, annotate only the files it changed."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from bot.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(cwd, *args: str) -> None:
    """Run git in `cwd` as a throwaway author."""
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def pull_request(tmp_path, monkeypatch):
    """A new team's repository on a branch that changed only facts/example.yaml."""
    for name in ("FACTBOT_FACTS_DIR", "FACTBOT_SCHEDULES_DIR", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["init", "team"]) == 0
    team = tmp_path / "team"
    git(team, "init", "-q", "-b", "main")
    git(team, "add", "-A")
    git(team, "commit", "-q", "-m", "start")
    git(team, "checkout", "-q", "-b", "edit")
    example = team / "facts" / "example.yaml"
    example.write_text(example.read_text() + "# an edit\n")
    git(team, "commit", "-q", "-am", "edit")
    monkeypatch.chdir(team)
    return team


def test_only_the_changed_files_problems_are_annotated(pull_request, capsys, monkeypatch):
    summary = pull_request / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["check", "--format", "github", "--changed-since", "main"]) == 0
    out = capsys.readouterr().out.splitlines()
    annotations = [line for line in out if line.startswith("::")]
    assert annotations and all("file=facts/example.yaml" in a for a in annotations)
    # Every problem is still printed and counted, the schedule's too.
    assert any(line.startswith("schedules/example.yaml:") for line in out)
    report = summary.read_text()
    assert "schedules/example.yaml:" in report and "facts/example.yaml:" in report
    assert out[-1] in report


def test_without_changed_since_every_problem_is_annotated(pull_request, capsys):
    assert main(["check", "--format", "github"]) == 0
    annotations = [line for line in capsys.readouterr().out.splitlines() if line.startswith("::")]
    assert any("file=schedules/example.yaml" in a for a in annotations)


def test_an_unknown_base_says_so_and_annotates_everything(pull_request, capsys):
    assert main(["check", "--format", "github", "--changed-since", "no-such-branch"]) == 0
    captured = capsys.readouterr()
    assert "--changed-since no-such-branch:" in captured.err
    assert any("file=schedules/example.yaml" in line for line in captured.out.splitlines())
