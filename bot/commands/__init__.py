"""One module per `factbot` subcommand: `add_parser(subparsers)` and `run(args) -> int`."""
