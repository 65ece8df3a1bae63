"""`factbot init DIR`: start a new team's repository from the starter shipped in the package."""

from __future__ import annotations

import sys
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from bot.grammar import count

# Hidden files are stored without their dot (dot-github/ → .github/): package data and sdists
# treat dotfiles unevenly, plain names travel everywhere.
HIDDEN_PREFIX = "dot-"


def add_parser(subparsers) -> None:
    """Register `factbot init`."""
    parser = subparsers.add_parser(
        "init",
        help="start a new team's fact repository in DIR (example store, CI, deploy recipes)",
        description="Write a ready-to-push repository into DIR: facts/ with one example of each "
        "record kind and the contributor guide, schedules/, schema/, the GitHub workflow and "
        "forms, editor settings, the Slack app manifest and the deploy recipes. DIR must be "
        "empty or not exist yet.",
    )
    parser.add_argument("directory", type=Path, metavar="DIR", help="where to create it")
    parser.set_defaults(run=run, needs_store=False)


def run(args) -> int:
    """Copy the starter into DIR; exit 2 without writing anything if DIR is not empty."""
    target: Path = args.directory
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        print(f"factbot init: {target} is not empty; choose a new directory", file=sys.stderr)
        return 2
    written = write_starter(starter_files(), target)
    print(f"factbot init: wrote {count(len(written), 'file')} to {target}")
    print(f"Next: cd {target} && factbot check && factbot console")
    return 0


def starter_files() -> Traversable:
    """The starter repository inside the installed package."""
    return resources.files("bot") / "starter"


def write_starter(source: Traversable, target: Path) -> list[Path]:
    """Copy `source` into `target` (dot-* names become .*); returns the files written."""
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        destination = target / _real_name(entry.name)
        if entry.is_dir():
            written += write_starter(entry, destination)
        else:
            destination.write_bytes(entry.read_bytes())
            if destination.parent.name == "bin":  # hooks a platform runs (bin/post_compile)
                destination.chmod(0o755)
            written.append(destination)
    return written


def _real_name(name: str) -> str:
    return "." + name[len(HIDDEN_PREFIX) :] if name.startswith(HIDDEN_PREFIX) else name
