"""For `factbot check` in CI: which files a pull request changed, and the job summary.

GitHub shows only about ten annotations per step, so on a pull request only the problems in the
files it changed are annotated; the full report goes to the job summary ($GITHUB_STEP_SUMMARY).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from bot.facts.model import Problem


class ChangesUnknown(Exception):
    """git could not say what changed (not a repository, unknown base, no git)."""


def changed_files(base: str, cwd: Path | None = None) -> set[Path]:
    """The files changed between the merge base of `base` and HEAD, plus uncommitted edits."""
    top = _git(["rev-parse", "--show-toplevel"], cwd).strip()
    names = _git(["diff", "--name-only", "--no-renames", f"{base}...HEAD"], cwd).splitlines()
    names += _git(["diff", "--name-only", "--no-renames", "HEAD"], cwd).splitlines()
    return {(Path(top) / name).resolve() for name in names if name}


def in_files(problems: list[Problem], files: set[Path]) -> list[Problem]:
    """The problems whose file is one of `files`."""
    return [p for p in problems if Path(p.path).resolve() in files]


def write_step_summary(lines: list[str], env: dict[str, str] | None = None) -> bool:
    """Append the full report to the job summary when running under GitHub Actions."""
    path = (os.environ if env is None else env).get("GITHUB_STEP_SUMMARY")
    if not path:
        return False
    body = "\n".join(line.replace("```", "`\u200b``") for line in lines)
    with open(path, "a", encoding="utf-8") as summary:
        summary.write(f"## factbot check\n\n**{lines[-1]}**\n\n```\n{body}\n```\n")
    return True


def _git(args: list[str], cwd: Path | None) -> str:
    git = shutil.which("git")
    if git is None:
        raise ChangesUnknown("git is not installed")
    try:
        done = subprocess.run(  # noqa: S603 (fixed git arguments; `base` is one argv item)
            [git, *args], cwd=cwd, capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise ChangesUnknown(f"cannot run git: {exc}") from exc
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["git failed"])[0]
        raise ChangesUnknown(reason)
    return done.stdout
