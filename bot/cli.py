"""The `factbot` command line: one subcommand module per job, each with `add_parser` and `run`."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from bot.settings import SettingsError

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
)


def build_parser() -> argparse.ArgumentParser:
    """The full parser, every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="factbot",
        description="Cited, dated facts in Slack, and anniversary posts that go out exactly once.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug detail")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = _command_module(name)
        if module is not None:
            module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _command_module(name: str):
    try:
        return importlib.import_module(f"bot.commands.{name}")
    except ModuleNotFoundError as exc:  # a command another change has not landed yet
        if exc.name == f"bot.commands.{name}":
            return None
        raise
