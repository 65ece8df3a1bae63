"""Render `factbot check` findings: `path:line:col: CODE message`, GitHub annotations, summary."""

from __future__ import annotations

from bot.facts.model import Problem
from bot.grammar import count


def format_github(p: Problem) -> str:
    """A GitHub Actions workflow command that annotates the line in the pull request."""
    level = "error" if p.severity == "error" else "warning"
    props = f"file={_prop(p.path)},line={p.line},col={p.col},title={p.code}"
    return f"::{level} {props}::{_data(f'{p.code} {p.message}')}"


def summary(problems: list[Problem] | tuple[Problem, ...], files: int) -> str:
    """One line: `3 errors, 2 advisories in 12 files`."""
    errors = sum(1 for p in problems if p.severity == "error")
    advisories = len(problems) - errors
    return f"{count(errors, 'error')}, {count(advisories, 'advisory')} in {count(files, 'file')}"


def render(problems: list[Problem], files: int, github: bool = False) -> list[str]:
    """Every output line of a check run, in order."""
    lines = [p.format() for p in problems]
    if github:
        lines += [format_github(p) for p in problems]
    return [*lines, summary(problems, files)]


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
