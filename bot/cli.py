"""The `factbot` command line: one subcommand module per job, each with `add_parser` and `run`."""

from __future__ import annotations

import argparse
import importlib
import io
import os
import sys
from importlib import metadata

from bot.commands import missing_store
from bot.logs import configure_logging
from bot.settings import SettingsError

# Exit codes (README "Exit codes"): 0 done, 1 the command's own "not ok" (check found errors,
# search found nothing), 2 usage or configuration, 3 database unavailable, 141 reader went away.
EXIT_BROKEN_PIPE = 141

# Each name is a module in bot/commands/ exposing `add_parser(subparsers)` and `run(args) -> int`.
COMMANDS = (
    "check",
    "search",
    "factcheck",
    "console",
    "serve",
    "clock",
    "post_due",
    "preview",
    "ics",
    "status",
    "retry",
    "stats",
    "suggest",
    "suggestions",
    "init",
    "prebuild",
)


def build_parser() -> argparse.ArgumentParser:
    """The full parser, every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="factbot",
        description="Cited, dated facts in Slack, and anniversary posts that go out exactly once.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug detail")
    parser.add_argument("--version", action="version", version=f"factbot {package_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = _command_module(name)
        if module is not None:
            module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; returns the process exit code."""
    tolerate_unencodable_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    if problem := missing_store(args):
        print(problem, file=sys.stderr)
        return 2
    try:
        code = int(args.run(args) or 0)
        sys.stdout.flush()  # inside the try: a reader that went away is seen here, not at exit
        return code
    except SettingsError as exc:  # configuration (2), or the database unavailable (3)
        print(exc, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return reader_went_away()
    except Exception as exc:
        lost = database_outage(exc)
        if lost is None:
            raise
        print(lost, file=sys.stderr)
        return lost.exit_code


def tolerate_unencodable_output() -> None:
    """Print what the terminal cannot encode as escapes instead of failing: an argument that was
    not valid UTF-8 (`factbot retry $'\\xff'`) reaches Python as a lone surrogate, and echoing it
    back must not become a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def database_outage(exc: Exception):
    """For a database that went away mid-command (any command), its one line; else None."""
    if "bot.storage" not in sys.modules:  # no database was opened: not an outage
        return None
    from bot.settings import Settings
    from bot.storage import OUTAGES, lost_database

    if not isinstance(exc, OUTAGES):
        return None
    try:
        url = Settings.from_env().database_url
    except SettingsError:
        url = "(DATABASE_URL)"
    return lost_database(url, exc)


def reader_went_away() -> int:
    """`factbot preview | head`: the reader stopped reading; stop quietly, as SIGPIPE would.

    stdout is pointed at /dev/null so the interpreter's last flush at exit cannot raise again;
    141 (128 + SIGPIPE) is what the shell reports for any tool stopped this way.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_BROKEN_PIPE


def package_version() -> str:
    """The installed distribution's version (a source checkout falls back to bot.__version__)."""
    try:
        return metadata.version("factbot")
    except metadata.PackageNotFoundError:
        from bot import __version__

        return __version__


def _command_module(name: str):
    try:
        return importlib.import_module(f"bot.commands.{name}")
    except ModuleNotFoundError as exc:  # a command another change has not landed yet
        if exc.name == f"bot.commands.{name}":
            return None
        raise
