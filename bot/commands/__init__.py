"""One module per `factbot` subcommand: `add_parser(subparsers)` and `run(args) -> int`."""


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
