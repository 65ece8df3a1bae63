"""One module per `factbot` subcommand: `add_parser(subparsers)` and `run(args) -> int`."""

import argparse
import datetime as dt
import os
from pathlib import Path

from bot.facts.rules import MAX_YEAR, MIN_YEAR
from bot.settings import Settings

# The longest window `--days` may ask for: ten years of posts is more than anyone reviews, and
# with dates bounded to MIN_YEAR–MAX_YEAR, every window's arithmetic stays far inside 1–9999.
MAX_WINDOW_DAYS = 3660


def add_store_arguments(parser, schedules: bool = True) -> None:
    """`--facts DIR` (and `--schedules DIR`), the same words and defaults in every command."""
    parser.add_argument(
        "--facts", metavar="DIR", help="the fact store (default: $FACTBOT_FACTS_DIR or ./facts)"
    )
    if schedules:
        parser.add_argument(
            "--schedules",
            metavar="DIR",
            help="the posting schedules (default: $FACTBOT_SCHEDULES_DIR or ./schedules)",
        )


def add_database_argument(parser) -> None:
    """`--database-url URL`, the same in every command that reads or writes the database."""
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="the database to use (default: $DATABASE_URL, else data/factbot.sqlite3)",
    )


def settings_for(args: argparse.Namespace) -> Settings:
    """The settings from the environment, `--database-url` (when given) standing for
    DATABASE_URL: checked and normalized the same way, so `postgres://` works in both."""
    url = getattr(args, "database_url", None)
    return Settings.from_env({**os.environ, "DATABASE_URL": url} if url else None)


def cli_date(text: str) -> dt.date:
    """An argparse type: a `YYYY-MM-DD` date in the years the store supports (MIN_YEAR–MAX_YEAR).

    0001-01-01 and 9999-12-31 are real dates, but a window or an anniversary counted from them
    leaves Python's calendar (OverflowError): refused here, with one line and exit 2.
    """
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from None
    return in_years(value, text)


def in_years(value, text: str):
    """`value` (a date or datetime) if its year is MIN_YEAR–MAX_YEAR, else an argparse error."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise argparse.ArgumentTypeError(
            f"{text!r} is outside the years factbot handles ({MIN_YEAR} to {MAX_YEAR})"
        )
    return value


def window_days(text: str) -> int:
    """An argparse type: a number of days from 1 to MAX_WINDOW_DAYS."""
    value = whole_number(text)
    if value is not None and value > MAX_WINDOW_DAYS:
        raise argparse.ArgumentTypeError(f"at most {MAX_WINDOW_DAYS} days, got {text[:40]!r}")
    return positive_int(text)


MAX_WHOLE_NUMBER = 2**31 - 1  # what every database column of ids and counts holds


def whole_number(text: str) -> int | None:
    """`text` as a whole number when it is ASCII digits only (not "1_000", not "+1", not other
    scripts' digits, all of which int() reads), else None; never builds a huge int."""
    if text.isascii() and text.isdigit():
        return int(text) if len(text) <= 18 else MAX_WHOLE_NUMBER + 1
    return None


def positive_int(text: str) -> int:
    """An argparse type: a whole number from 1 to MAX_WHOLE_NUMBER, with a message that says so."""
    value = whole_number(text)
    if value is None or not 1 <= value <= MAX_WHOLE_NUMBER:
        raise argparse.ArgumentTypeError(
            f"expected a whole number from 1 to {MAX_WHOLE_NUMBER:,}, got {text[:40]!r}"
            + ("…" if len(text) > 40 else "")
        )
    return value


def missing_store(args: argparse.Namespace) -> str | None:
    """One line saying there is no fact store where a command needs one; None when there is.

    Checked before a command runs, so that outside a store nothing is created (no ./data) and
    nothing half-answers (an empty calendar).
    """
    chosen = getattr(args, "facts", None) or os.environ.get("FACTBOT_FACTS_DIR")
    # A store named explicitly is the command's to report on (check: F022, with its location).
    if not getattr(args, "needs_store", True) or chosen or Path("facts").is_dir():
        return None
    return (
        "factbot: no fact store here (no facts/ directory): run it in a store's "
        "repository, pass --facts DIR, set FACTBOT_FACTS_DIR, or start one: `factbot init DIR`"
    )
