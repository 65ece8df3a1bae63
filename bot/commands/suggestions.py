"""`factbot suggestions`: the stored suggestions, and `retry ID` for one whose PR failed."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from functools import partial

from bot.commands import add_database_argument, positive_int, settings_for
from bot.commands.preview import record_preview
from bot.commands.suggest import report, store_dirs
from bot.github.client import GitHubRepo
from bot.github.service import retry
from bot.github.suggestions import Suggestion, list_suggestions
from bot.masking import visible
from bot.storage import open_existing_database


def add_parser(subparsers) -> None:
    """Register `factbot suggestions` and `factbot suggestions retry ID`."""
    parser = subparsers.add_parser(
        "suggestions",
        help="list stored suggestions; `retry ID` opens the pull request of a failed one",
        description="Suggestions are stored before GitHub is called; a retry first looks for the "
        "branch and pull request an earlier attempt may have made, so it never opens two.",
    )
    parser.add_argument("action", nargs="?", choices=("list", "retry"), default="list")
    parser.add_argument("id", nargs="?", type=positive_int, help="the suggestion to retry")
    parser.add_argument("--state", choices=("pending", "opened", "failed"), help="only these")
    add_database_argument(parser)
    parser.set_defaults(run=run, facts=None, schedules=None)


def run(args: argparse.Namespace) -> int:
    """List, or retry one suggestion."""
    settings = settings_for(args)
    if args.action == "retry" and args.id is None:
        print(
            "factbot suggestions retry needs the suggestion's ID (see `factbot suggestions`)",
            file=sys.stderr,
        )
        return 2
    db = open_existing_database(settings.database_url)
    try:
        if args.action == "list":
            print("\n".join(render_list(list_suggestions(db, args.state))))
            return 0
        dirs = store_dirs(settings, args)
        preview = record_preview(dirs.schedules, dirs.today)
        # GitHub's settings are asked for only when the suggestion needs GitHub (not for a typo).
        connect = partial(GitHubRepo.from_settings, settings)
        done = retry(db, connect, args.id, dirs, preview, dt.datetime.now(dt.UTC))
    finally:
        db.dispose()
    if done is None:
        print(f"No suggestion {args.id} (see `factbot suggestions`)", file=sys.stderr)
        return 1
    return report(done)


def render_list(found: list[Suggestion]) -> list[str]:
    """One line per suggestion: id, state, when, what, who, and the PR or why it failed."""
    if not found:
        return ["No suggestions."]
    lines = []
    for s in found:
        outcome = s.pr_url or s.failure or ""
        lines.append(
            f"{s.id:>4}  {s.state:<7}  {s.created_at:%Y-%m-%d %H:%M}Z  {s.change.describe()}"
            f"  by {visible(s.suggested_by)}  {visible(outcome)}".rstrip()
        )
    return lines
