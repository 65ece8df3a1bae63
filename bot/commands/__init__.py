"""One module per `factbot` subcommand: `add_parser(subparsers)` and `run(args) -> int`."""

import argparse


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


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1, with a message that says so."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value
