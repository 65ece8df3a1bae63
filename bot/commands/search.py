"""`factbot search QUERY`: search the fact store from the shell, as `/fact` does in Slack."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.commands import add_store_arguments, positive_int
from bot.facts.load import load_store
from bot.facts.model import Event, Fact, Record, Source, Store
from bot.facts.sources import by_quality
from bot.grammar import count
from bot.search.index import Match, SearchIndex
from bot.search.partial import partial_note
from bot.settings import Settings

UNVERIFIED = "Unverified: the fact-check rated it low confidence; check the sources before use."


def add_parser(subparsers) -> None:
    """Register `factbot search`."""
    parser = subparsers.add_parser(
        "search",
        help="search the fact store (best match first)",
        description="Search facts, events and talking points; exit 1 when nothing matches.",
    )
    parser.add_argument("query", nargs="+", help="what to look for, e.g. minusma fatalities")
    parser.add_argument("--json", action="store_true", help="print a JSON list, best first")
    parser.add_argument(
        "--limit", type=positive_int, default=10, metavar="N", help="at most N results"
    )
    add_store_arguments(parser, schedules=False)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load the store, search it, print the results; 1 when nothing matches."""
    settings = Settings.from_env()
    result = load_store(Path(args.facts) if args.facts else settings.facts_dir, settings.today())
    if result.errors:
        print(
            f"warning: {count(len(result.errors), 'error')} in the fact store; "
            "records with errors are left out (run `factbot check`)",
            file=sys.stderr,
        )
    query = " ".join(args.query)
    index = SearchIndex.build(result.store)
    found = index.find(query, limit=max(args.limit, 1), at_most=max(args.limit, 1))
    matches = found.matches
    note = partial_note(matches[0], found.missing) if matches else None
    if args.json:
        print(json.dumps([to_json(m, result.store) for m in matches], indent=2, ensure_ascii=False))
        if note:
            print(note, file=sys.stderr)
    else:
        for line in ([note] if note else []) + render_matches(matches, result.store):
            print(line)
    if not matches:
        message = no_match_message(query, index.suggest(query), settings.repo_url)
        print(message, file=sys.stderr if args.json else sys.stdout)
        return 1
    return 0


def to_json(match: Match, store: Store) -> dict:
    """One result: id, kind, text, as_of, caveat, confidence, sources, score, (un)matched words."""
    record = match.record
    return {
        "id": record.id,
        "kind": record.record_type,
        "text": record_text(record),
        "as_of": record_date(record),
        "as_of_precision": record_precision(record),
        "note": getattr(record, "note", None),
        "caveat": getattr(record, "caveat", None),
        "superseded_by": getattr(record, "superseded_by", None),
        "confidence": getattr(record, "confidence", None),
        "sources": [
            {"title": s.title, "url": s.url, "kind": s.kind, "symbol": s.symbol}
            for s in record_sources(record, store)
        ],
        "score": match.score,
        "matched": list(match.matched),
        "unmatched": list(match.unmatched),
    }


def render_matches(matches: list[Match], store: Store) -> list[str]:
    """Human-readable lines: id, kind and date, the text, then the sources."""
    lines: list[str] = []
    for number, match in enumerate(matches, 1):
        record = match.record
        lines.append(
            f"{number}. {record.id} ({record.record_type}, {_dated(record)}, score {match.score:g})"
        )
        if getattr(record, "confidence", None) == "low":
            lines.append(f"   {UNVERIFIED}")
        lines += [f"   {line}" for line in record_text(record).splitlines()]
        if note := getattr(record, "note", None):
            lines.append(f"   note: {note}")
        if match.unmatched:
            lines.append(f"   not found in it: {', '.join(match.unmatched)}")
        if caveat := getattr(record, "caveat", None):
            lines.append(f"   caveat: {caveat}")
        if newer := getattr(record, "superseded_by", None):
            lines.append(f"   superseded by: {newer}")
        lines += [f"   source: {s.title} <{s.url}>" for s in record_sources(record, store)]
    return lines


def no_match_message(query: str, suggestions: list[str], repo_url: str) -> str:
    """What to say when nothing matches: suggestions, and where to add the missing fact."""
    did_you_mean = f"; did you mean: {', '.join(suggestions)}?" if suggestions else "."
    return f"No match for “{query}”{did_you_mean}\nAdd a fact: {repo_url}/new/main/facts"


def record_text(record: Record) -> str:
    """The statement of a fact, `title — summary` of an event, the points of a set."""
    if isinstance(record, Fact):
        return record.statement
    if isinstance(record, Event):
        return f"{record.title} — {record.summary}"
    return "\n".join([record.title, *(f"• {p.text}" for p in record.points)])


def record_date(record: Record) -> str:
    """`as_of` of a fact or talking-point set; the date of an event (`YYYY-MM` if month only)."""
    if isinstance(record, Event):
        return record.date.iso()
    return record.as_of_label if isinstance(record, Fact) else record.as_of.isoformat()


def record_precision(record: Record) -> str:
    """How precise that date is: `day`, `month` or `year`."""
    if isinstance(record, Event):
        return "day" if record.date.is_exact else "month"
    return record.as_of_precision if isinstance(record, Fact) else "day"


def record_sources(record: Record, store: Store) -> list[Source]:
    """A record's sources; a talking-point set cites the sources of the facts behind its points."""
    if not hasattr(record, "points"):
        return by_quality(record.sources)
    found: dict[str, Source] = {}
    for point in record.points:
        for fact_id in point.facts:
            fact = store.facts.get(fact_id)
            for source in fact.sources if fact else ():
                found.setdefault(source.url, source)
    return by_quality(list(found.values()))


def _dated(record: Record) -> str:
    return f"{record.date.iso()}" if isinstance(record, Event) else f"as of {record_date(record)}"
