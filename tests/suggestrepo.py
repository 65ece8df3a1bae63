"""A temp git checkout of the shipped store, the fake GitHub serving it, and the environment that
points factbot at both: what the suggestion tests share."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.fakegithub import REPO, TOKEN, FakeGitHub

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Checkout:
    """A git repository holding facts/ and schedules/ at the fake's base commit."""

    root: Path

    @property
    def facts(self) -> Path:
        """The checkout's fact store."""
        return self.root / "facts"

    @property
    def schedules(self) -> Path:
        """The checkout's schedules."""
        return self.root / "schedules"

    def files(self) -> dict[str, str]:
        """Every store file as the fake GitHub serves it: {repo path: text}."""
        return {
            p.relative_to(self.root).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(self.facts.rglob("*"))
            if p.is_file()
        }

    def git(self, *args: str) -> str:
        """Run git in the checkout; its standard output."""
        done = subprocess.run(
            ["git", *args], cwd=self.root, capture_output=True, text=True, check=True
        )
        return done.stdout

    def apply(self, files: dict[str, str]) -> None:
        """Write a commit's files into the working tree (as `git checkout` of it would)."""
        for path, text in files.items():
            target = self.root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


def make_checkout(tmp_path: Path) -> Checkout:
    """Copy the shipped store into a fresh git repository with one commit."""
    root = tmp_path / "checkout"
    shutil.copytree(ROOT / "facts", root / "facts")
    shutil.copytree(ROOT / "schedules", root / "schedules")
    co = Checkout(root)
    co.git("init", "-q", "-b", "main")
    co.git("add", "-A")
    co.git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    return co


def point_env(monkeypatch, co: Checkout, gh: FakeGitHub | None, tmp_path: Path) -> str:
    """Set the environment factbot reads; returns the DATABASE_URL (a SQLite file)."""
    db = f"sqlite:///{tmp_path / 'data' / 'factbot.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", db)
    monkeypatch.setenv("FACTBOT_FACTS_DIR", str(co.facts))
    monkeypatch.setenv("FACTBOT_SCHEDULES_DIR", str(co.schedules))
    monkeypatch.setenv("FACTBOT_GITHUB_WRITE_INTERVAL", "0")
    if gh is not None:
        monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
        monkeypatch.setenv("FACTBOT_GITHUB_REPO", REPO)
        monkeypatch.setenv("GITHUB_API_URL", gh.api_url)
    else:
        for name in ("GITHUB_TOKEN", "FACTBOT_GITHUB_REPO", "GITHUB_API_URL"):
            monkeypatch.delenv(name, raising=False)
    return db


def changed_line_numbers(diff: str) -> list[int]:
    """Old-file line numbers that a `git diff -U0` removes or replaces."""
    lines = []
    for line in diff.splitlines():
        if line.startswith("@@"):
            old = line.split()[1].lstrip("-")
            start, _, count = old.partition(",")
            n = int(count) if count else 1
            lines += list(range(int(start), int(start) + max(n, 1)))
    return lines
