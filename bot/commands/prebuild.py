"""`factbot prebuild`: load, validate and index the store once, at deploy, for fast starts."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bot.claims.evidence import index_for
from bot.commands import add_store_arguments
from bot.facts.load import fact_files, load_store
from bot.grammar import count
from bot.prebuilt import PrebuiltStores
from bot.search.index import SearchIndex
from bot.settings import Settings


def add_parser(subparsers) -> None:
    """Register `factbot prebuild`."""
    parser = subparsers.add_parser(
        "prebuild",
        help="build the store and its indexes into $FACTBOT_DATA_DIR/prebuilt (run at deploy)",
        description="The web server then starts from that file instead of the YAML while the "
        "files are unchanged. Always rebuilds; keeps the newest two files.",
    )
    add_store_arguments(parser, schedules=False)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build and save; 0 when saved, 1 when it could not be, 2 when there is no store to build
    (the reason on stderr)."""
    settings = Settings.from_env()
    facts_dir = Path(args.facts) if args.facts else settings.facts_dir
    started = time.perf_counter()
    if not facts_dir.is_dir() or not fact_files(facts_dir):
        # A typo at deploy must stop the build, not save an empty store (and prune good ones).
        print(f"factbot prebuild: no fact files in {facts_dir}", file=sys.stderr)
        return 2
    stores = PrebuiltStores(settings.prebuilt_dir)
    key = stores.key(facts_dir)  # before loading: what is saved must be what was read
    if key is None:
        print(f"factbot: could not read every file in {facts_dir}", file=sys.stderr)
        return 1
    result = load_store(facts_dir, today=settings.today())
    store = result.store
    if result.errors and not (store.facts or store.events or store.talking_points):
        # Nothing loaded: saving it would only prune the good files a rollback needs.
        errors = count(len(result.errors), "error")
        print(
            f"factbot prebuild: no record of {facts_dir} loads ({errors}; `factbot check` lists "
            "them); nothing saved",
            file=sys.stderr,
        )
        return 1
    index = SearchIndex.build(result.store)
    index_for(result.store)  # the claim checker's index, saved beside the search index
    path = stores.save(key, facts_dir, result, index)
    if path is None:
        print(f"factbot: could not save a prebuilt store in {stores.directory}", file=sys.stderr)
        return 1
    if result.errors:
        print(
            f"factbot: the store has {count(len(result.errors), 'error')} (`factbot check` lists "
            "them); the server will serve the records that loaded",
            file=sys.stderr,
        )
    size = path.stat().st_size / 2**20
    print(
        f"prebuilt {count(len(store.facts), 'fact')}, {count(len(store.events), 'event')} and "
        f"{count(len(store.talking_points), 'talking-point set')} in "
        f"{time.perf_counter() - started:.1f} s: {path} ({size:.1f} MiB)"
    )
    return 0
