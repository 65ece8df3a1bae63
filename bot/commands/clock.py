"""`factbot clock`: a posting pass every minute, for a dedicated scheduler process."""

from __future__ import annotations

import argparse
import contextlib
import logging
from dataclasses import replace
from pathlib import Path

from bot.commands import add_store_arguments
from bot.commands.post_due import require_bot_token
from bot.settings import Settings

log = logging.getLogger(__name__)


def add_parser(subparsers) -> None:
    """Register `factbot clock`."""
    parser = subparsers.add_parser(
        "clock",
        help="post anniversaries as they fall due (a pass every minute) until stopped",
        description="Runs a posting pass at start (catching up after a restart) and then every "
        "minute. Reloads the fact store and schedules when their files change. Several clocks, "
        "`serve` processes and `post-due` runs can share one database safely.",
    )
    add_store_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the clock until interrupted."""
    settings = Settings.from_env()
    require_bot_token(settings)
    from bot.scheduler import blocking_scheduler
    from bot.search.live import LiveStore
    from bot.slack.tokens import require_bot_token_accepted

    require_bot_token_accepted(settings)  # a refused token: one line, exit 2, before any pass

    if args.facts:
        settings = replace(settings, facts_dir=Path(args.facts))
    if args.schedules:
        settings = replace(settings, schedules_dir=Path(args.schedules))
    live = LiveStore(settings.facts_dir)

    def get_store():
        live.check_for_changes()  # mtime check; a refused edit keeps the last good store
        return live.current.store

    scheduler = blocking_scheduler(settings, get_store)
    log.info("factbot clock: a posting pass every minute (Ctrl-C to stop)")
    with contextlib.suppress(KeyboardInterrupt, SystemExit):
        scheduler.start()
    return 0
