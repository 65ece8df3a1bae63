"""`factbot console`: try the bot offline, `/fact` and friends answered from the local store."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from bot.commands import add_store_arguments, cli_date
from bot.grammar import count
from bot.settings import Settings

CONSOLE_LEDGER = "console-ledger.sqlite3"  # in FACTBOT_DATA_DIR; never DATABASE_URL


def add_parser(subparsers) -> None:
    """Register `factbot console`."""
    parser = subparsers.add_parser(
        "console",
        help="answer /fact, /talkingpoints, /anniversaries offline (no Slack account needed)",
        description="An offline console over the same code Slack uses. Type /fact minusma "
        "fatalities, /talkingpoints, /anniversaries 60, then share, next, home, help, quit; "
        "`due` rehearses an anniversary posting pass on a SQLite ledger of its own.",
    )
    parser.add_argument(
        "-c",
        "--command",
        action="append",
        default=[],
        metavar="LINE",
        help='run LINE (e.g. "/fact minusma fatalities"), print the reply, exit; repeatable',
    )
    add_store_arguments(parser, schedules=False)
    parser.add_argument(
        "--today",
        type=cli_date,
        metavar="YYYY-MM-DD",
        help="pretend today is this date (default: today)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load the store, then answer `--command` lines, piped stdin, or an interactive prompt."""
    from bot.console import Console, PostingSetup, interactive_lines, run_lines
    from bot.facts import load_store
    from bot.search.live import Snapshot
    from bot.storage import open_database
    from bot.usage import UsageRecorder

    settings = Settings.from_env()
    facts_dir = args.facts or settings.facts_dir
    today = args.today or settings.today()
    result = load_store(facts_dir, today)
    store = result.store
    if not (store.facts or store.events or store.talking_points):
        for problem in result.problems:
            print(problem.format(), file=sys.stderr)
        print(f"factbot console: no records loaded from {facts_dir}", file=sys.stderr)
        return 2
    _report_load(result, facts_dir, today)
    # Rehearsals get a ledger of their own: a rehearsed 2027 post recorded in the real ledger
    # would stop the real one from going out in 2027.
    ledger = f"sqlite:///{settings.data_dir / CONSOLE_LEDGER}"
    posting = PostingSetup(settings.schedules_dir, ledger, settings.grace_hours)
    console = Console(Snapshot.of(store, result.problems), today, settings.repo_url)
    console.posting = posting
    # Asking is counted as in Slack, into the rehearsal database, never the real one:
    # `factbot stats --database-url sqlite:///data/console-ledger.sqlite3` reads it back.
    console.usage = UsageRecorder(open_database(ledger), settings.usage_retention_days)

    def write(text: str) -> None:
        print(text, flush=True)

    if args.command:
        run_lines(console, args.command, write, echo=len(args.command) > 1)
    elif sys.stdin.isatty():
        print("Type `help` for the commands, `quit` to leave.", file=sys.stderr)
        run_lines(console, interactive_lines(), write, echo=False)
    else:
        run_lines(console, sys.stdin, write, echo=True)
    console.usage.flush()
    return 0


def _report_load(result, facts_dir, today: dt.date) -> None:
    """One line on stderr (stdout stays the replies): what loaded, and any errors."""
    store = result.store
    counts = ", ".join(
        count(n, noun)
        for n, noun in (
            (len(store.facts), "fact"),
            (len(store.events), "event"),
            (len(store.talking_points), "talking-point set"),
        )
    )
    print(f"factbot console: {counts} from {facts_dir} (today is {today}).", file=sys.stderr)
    errors = [p for p in result.problems if p.severity == "error"]
    if errors:
        print(
            f"  {count(len(errors), 'error')} in the store (run `factbot check`); "
            "records with errors may be missing.",
            file=sys.stderr,
        )
