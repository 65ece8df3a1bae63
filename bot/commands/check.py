"""`factbot check`: validate the fact store and the schedules, as CI and contributors run it."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bot.claims.selfcheck import check_claims
from bot.commands import add_store_arguments, cli_date
from bot.commands.check_changes import ChangesUnknown, changed_files, in_files, write_step_summary
from bot.facts.load import load_store
from bot.facts.model import Location, Problem, Store
from bot.facts.report import format_github, render
from bot.facts.rules import problem, sort_problems
from bot.facts.yamlsafe import display_path
from bot.schedule.load import load_schedules, schedule_files
from bot.settings import Settings


def add_parser(subparsers) -> None:
    """Register `factbot check`."""
    parser = subparsers.add_parser(
        "check",
        help="validate the fact store and schedules (exit 1 on any error)",
        description="Print every problem as path:line:col: CODE message; advisories never fail.",
    )
    add_store_arguments(parser)
    parser.add_argument(
        "--format",
        choices=("text", "github"),
        default="github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text",
        help="github also prints ::error annotations (the default under GitHub Actions)",
    )
    parser.add_argument("--today", type=cli_date, help="check staleness as of YYYY-MM-DD")
    parser.add_argument(
        "--changed-since",
        metavar="REF",
        help="annotate only problems in files changed since REF (git merge base, e.g. "
        "origin/main); every problem is still printed and counted",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check everything; print the findings and a summary; 1 if there is any error."""
    settings = Settings.from_env()
    facts_dir = Path(args.facts) if args.facts else settings.facts_dir
    schedules_dir = Path(args.schedules) if args.schedules else settings.schedules_dir
    today = args.today or settings.today()
    result = load_store(facts_dir, today=today)
    schedule_problems, schedule_files = check_schedules(
        schedules_dir, result.store, explicit=bool(args.schedules)
    )
    claim_problems = check_claims(result.store, today)  # talking points and events vs their facts
    problems = sort_problems([*result.problems, *claim_problems, *schedule_problems])
    files = len(result.files) + schedule_files
    lines = render(problems, files)
    if args.format == "github":
        annotated = problems
        if args.changed_since:
            try:
                annotated = in_files(problems, changed_files(args.changed_since))
            except ChangesUnknown as exc:
                print(f"--changed-since {args.changed_since}: {exc}", file=sys.stderr)
        lines[-1:-1] = [format_github(p) for p in annotated]
        write_step_summary(render(problems, files))
    for line in lines:
        print(line)
    return 1 if any(p.severity == "error" for p in problems) else 0


def check_schedules(schedules_dir: Path, store: Store, explicit: bool) -> tuple[list[Problem], int]:
    """Every problem in the schedules and how many files they are in."""
    if not schedules_dir.is_dir():
        if not explicit:
            return [], 0
        where = Location(display_path(schedules_dir))
        return [problem("F022", where, f"schedules directory not found: {schedules_dir}")], 0
    files = schedule_files(schedules_dir)
    return load_schedules(schedules_dir, store)[1], len(files)
