"""`factbot suggest`: the Slack suggestion flow from the shell (validate, store, open the PR)."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from bot.commands import add_database_argument, add_store_arguments, settings_for
from bot.commands.preview import record_preview
from bot.facts.load import load_store
from bot.github.change import Change, edit_change, new_fact_change
from bot.github.client import GitHubRepo
from bot.github.pulls import StoreDirs
from bot.github.service import Meta, Prepared, Submitted, prepare, submit
from bot.github.yamledit import EDITABLE_FIELDS, EditError
from bot.settings import Settings
from bot.storage import open_database


def add_parser(subparsers) -> None:
    """Register `factbot suggest`."""
    parser = subparsers.add_parser(
        "suggest",
        help="propose a correction or a new fact as a pull request (--dry-run: show the diff)",
        description="Edits one record's lines, runs factbot check on the result, stores the "
        "suggestion, then opens a pull request on FACTBOT_GITHUB_REPO.",
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--record", metavar="ID", help="the record to correct")
    what.add_argument("--new-file", metavar="YAML", help="a YAML file holding one new fact")
    parser.add_argument("--field", choices=EDITABLE_FIELDS, help="the field to change")
    parser.add_argument("--value", help="its new value (empty removes an optional field)")
    parser.add_argument("--reason", required=True, help="what is wrong and how you know")
    parser.add_argument(
        "--source",
        type=web_url,
        metavar="URL",
        help="where a reviewer can check it (http or https)",
    )
    parser.add_argument("--by", metavar="NAME", help="who suggests it (default: your login)")
    parser.add_argument("--dry-run", action="store_true", help="print the diff, open nothing")
    add_store_arguments(parser)
    add_database_argument(parser)
    parser.set_defaults(run=run)


def web_url(text: str) -> str:
    """An argparse type: an http(s) URL with a host, as a reviewer can open it."""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or not text.isprintable():
        raise argparse.ArgumentTypeError(f"expected an http(s) address, got {text[:80]!r}")
    return text


def run(args: argparse.Namespace) -> int:
    """Print the PR URL (0), or the path:line errors / why GitHub failed (1)."""
    settings = settings_for(args)
    dirs = store_dirs(settings, args)
    store = load_store(dirs.facts, today=dirs.today).store
    try:
        change = _change(args, store, dirs)
        prepared = prepare(change, dirs)
    except EditError as exc:
        print(f"factbot suggest: {exc}", file=sys.stderr)
        return 1
    if not prepared.check.ok:
        for p in prepared.check.errors:
            print(p.format())
        print(f"Nothing opened: {prepared.check.summary}")
        return 1
    if not prepared.diff:
        print("Nothing to suggest: the record already says that.")
        return 1
    if args.dry_run:
        print(prepared.diff, end="")
        print(f"factbot check: {prepared.check.summary}")
        return 0
    return _submit(settings, prepared, args, dirs)


def store_dirs(settings: Settings, args: argparse.Namespace) -> StoreDirs:
    """The store and schedules to validate against (`--facts`, `--schedules` or the settings)."""
    facts = Path(args.facts) if getattr(args, "facts", None) else settings.facts_dir
    schedules = Path(args.schedules) if getattr(args, "schedules", None) else settings.schedules_dir
    return StoreDirs(facts, schedules, settings.today())


def _change(args: argparse.Namespace, store, dirs: StoreDirs) -> Change:
    if args.record:
        if not args.field or args.value is None:
            raise EditError("--record needs --field and --value")
        return edit_change(store, dirs.facts, args.record, {args.field: args.value})
    try:
        loaded = yaml.safe_load(Path(args.new_file).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise EditError(f"cannot read {args.new_file}: {str(exc).splitlines()[0]}") from exc
    if isinstance(loaded, dict) and isinstance(loaded.get("facts"), list) and loaded["facts"]:
        loaded = loaded["facts"][0]
    if not isinstance(loaded, dict):
        raise EditError(f"{args.new_file} must hold one fact (a mapping with id, statement, …)")
    return new_fact_change(store, dirs.facts, _plain(loaded))


def _plain(record: dict) -> dict:
    """Dates back to ISO text, so the stored change is JSON and the YAML writer re-types them."""
    return {str(k): v.isoformat() if isinstance(v, dt.date) else v for k, v in record.items()}


def _submit(settings: Settings, prepared: Prepared, args, dirs: StoreDirs) -> int:
    repo = GitHubRepo.from_settings(settings)
    meta = Meta(args.reason, args.source, args.by or getpass.getuser())
    db = open_database(settings.database_url)
    try:
        now = dt.datetime.now(dt.UTC)
        done = submit(
            db, repo, prepared, meta, dirs, record_preview(dirs.schedules, dirs.today), now
        )
    finally:
        db.dispose()
    return report(done)


def report(done: Submitted) -> int:
    """Print what became of an attempt; 0 when the pull request exists."""
    if done.pr_url:
        print(done.pr_url)
        return 0
    number = done.suggestion.id
    if done.may_have_landed:
        print(
            f"Suggestion {number} is stored; its pull request may have been opened: "
            f"{done.failure}\nLook at the repository's pull requests before suggesting it again; "
            f"factbot suggestions retry {number} finds it if it was, and never opens a second.",
            file=sys.stderr,
        )
        return 1
    print(
        f"Suggestion {number} is stored, but no pull request yet: {done.failure}\n"
        f"Retry it with: factbot suggestions retry {number}",
        file=sys.stderr,
    )
    return 1
