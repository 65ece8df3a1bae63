"""`python -m bot` does what the `factbot` command does."""

from bot.cli import main

raise SystemExit(main())
