"""`factbot factcheck TEXT | --file PATH | -`: check a draft's numbers and dates (no Slack)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import BinaryIO

from bot.claims.engine import check_text
from bot.claims.evidence import ClaimIndex
from bot.claims.report import exit_code, render_lines, to_json
from bot.commands import add_store_arguments, cli_date
from bot.facts.load import load_store
from bot.settings import Settings

BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
MAX_DRAFT_BYTES = 2**20  # a long report is a few hundred KiB; past this, it is not a draft


def add_parser(subparsers) -> None:
    """Register `factbot factcheck`."""
    parser = subparsers.add_parser(
        "factcheck",
        help="check a draft's numbers and dates against the store (exit 1: wrong or stale)",
        description="Each number and date: supported, contradicted, outdated or unverified.",
    )
    parser.add_argument("text", nargs="*", help="the draft; `-` reads it from standard input")
    parser.add_argument("--file", metavar="PATH", help="read the draft from a file")
    parser.add_argument("--json", action="store_true", help="print the claims as JSON")
    parser.add_argument("--today", type=cli_date, help="what 'last July' means (YYYY-MM-DD)")
    add_store_arguments(parser, schedules=False)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check the draft; print the findings; 1 when any claim is contradicted or outdated."""
    draft = read_draft(args)
    if draft is None:
        return 2
    settings = Settings.from_env()
    result = load_store(Path(args.facts) if args.facts else settings.facts_dir, settings.today())
    if not result.store.facts and result.errors:
        for problem in result.errors:
            print(problem.format(), file=sys.stderr)
        return 2
    claims = check_text(draft, ClaimIndex.build(result.store), args.today or settings.today())
    if args.json:
        print(json.dumps(to_json(claims, draft), indent=2, ensure_ascii=False))
    else:
        print("\n".join(render_lines(claims)))
    return exit_code(claims)


def bounded(stream: BinaryIO, name: str) -> str | None:
    """At most MAX_DRAFT_BYTES of `stream` as text; None (and a message) if there is more (a
    draft, not /dev/zero or an endless pipe)."""
    data = stream.read(MAX_DRAFT_BYTES + 1)
    if len(data) > MAX_DRAFT_BYTES:
        print(f"factcheck: {name} is over 1 MiB; check it in parts", file=sys.stderr)
        return None
    return draft_text(data, name)


def draft_text(data: bytes, name: str) -> str | None:
    """`data` as text: UTF-8, or UTF-16 with its byte-order mark (Word's and Notepad's
    "Unicode"); anything else is refused with a message (None), never checked as garbled text
    that would pass with exit 0."""
    marked = [codec for bom, codec in BOMS if data.startswith(bom)]
    codec = marked[0] if marked else "utf-8"
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        print(f"factcheck: {name} is not UTF-8 text; save it as UTF-8 and check it again",
              file=sys.stderr)  # fmt: skip
        return None


def read_draft(args: argparse.Namespace) -> str | None:
    """The draft from the arguments, `--file` or standard input; None (and a message) if none."""
    given = bool(args.text) + bool(args.file)
    if given != 1:
        print("factcheck: give the draft as text, `-` for standard input, or --file PATH",
              file=sys.stderr)  # fmt: skip
        return None
    if args.file:
        try:
            with open(args.file, "rb") as file:
                return bounded(file, args.file)
        except OSError as exc:
            print(f"factcheck: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
            return None
    if args.text == ["-"]:
        return bounded(sys.stdin.buffer, "standard input")
    return " ".join(args.text)
