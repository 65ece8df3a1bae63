"""Field-level validation: one YAML record node becomes a frozen Fact, Event or TalkingPointSet."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from bot.facts.fields import Fields
from bot.facts.model import (
    EVENT_KINDS,
    TONES,
    Ended,
    Event,
    EventDate,
    Fact,
    Location,
    Point,
    Problem,
    Record,
    Source,
    TalkingPointSet,
)
from bot.facts.periods import parse_period
from bot.facts.rules import MAX_TITLE, MAX_YEAR, problem
from bot.facts.scalars import show
from bot.facts.sources import SOURCE_KINDS, SYMBOL, symbol_url
from bot.facts.yamlsafe import Node
from bot.grammar import with_article

CONFIDENCE = ("high", "medium", "low")
SOURCE_FIELDS = ("title", "url", "publisher", "date", "kind", "symbol")
FACT_FIELDS = (
    "id", "statement", "sources", "as_of", "review_by", "review_every", "reviewed", "topic",
    "tags", "aliases", "caveat", "seed_claim", "superseded_by", "confidence", "note", "ended",
    "owners",
)  # fmt: skip
ENDED_FIELDS = ("date", "subject")
EVENT_FIELDS = (
    "id", "date", "title", "kind", "summary", "tone", "sources", "topic", "tags", "aliases",
    "facts", "talking_points", "suggested_post", "caveat",
)  # fmt: skip
TALKING_POINT_FIELDS = ("id", "title", "topic", "audience", "as_of", "points", "tags", "aliases")
POINT_FIELDS = ("text", "facts")
INTERVAL = re.compile(r"^([1-9][0-9]{0,3}) (day|week|month|year)s?$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
SLACK_OWNER = re.compile(r"^[UWS][A-Z0-9]{2,20}$")  # a user (U…/W…) or a user group (S…)


@dataclass(frozen=True)
class Ref:
    """A reference from one record to another id, kept for the cross-record checks."""

    target: str
    expected: str  # "fact" or "talking_points"
    field: str
    where: Location


@dataclass
class Built:
    """The outcome for one record: the record (None if it had errors) and what it claims."""

    record: Record | None
    record_id: str | None
    where: Location
    problems: list[Problem] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    aliases: list[tuple[str, Location]] = field(default_factory=list)
    duplicated: bool = False  # another record claims the same id


def build_record(section: str, node: Node, path: str) -> Built:
    """Validate one record of `section` (facts, events, talking_points)."""
    where = Location(path, node.line, node.col)
    what = {"facts": "fact", "events": "event", "talking_points": "talking-point set"}[section]
    if not isinstance(node.value, dict):
        msg = f"each item of '{section}' must be a {what} (a mapping of fields)"
        return Built(None, None, where, [problem("F006", where, msg)])
    cls, known, builder = _KINDS[section]
    f = Fields(node, path, known, what)
    record_id = f.slug("id", required=True)
    f.what = f"{what} '{record_id}'" if record_id else what
    f.check_unknown()
    built = Built(None, record_id, where)
    values = builder(f, built)
    tags, aliases = f.strings("tags"), f.strings("aliases")
    built.aliases = [(a, f.at("aliases")) for a in aliases]
    built.problems = f.problems + built.problems
    if record_id and not any(p.severity == "error" for p in built.problems):
        built.record = cls(id=record_id, location=where, tags=tags, aliases=aliases, **values)
    return built


def _fact(f: Fields, built: Built) -> dict:
    as_of, precision = _as_of(f)
    superseded_by = f.slug("superseded_by")
    review_by, reviewed = _review(f, as_of)
    if superseded_by:
        built.refs.append(Ref(superseded_by, "fact", "superseded_by", f.at("superseded_by")))
    return dict(
        statement=f.text("statement", required=True), sources=_sources(f, built, event=False),
        as_of=as_of, topic=f.text("topic", required=True, limit=None),
        review_by=review_by, reviewed=reviewed, review_by_given="review_by" in f.values,
        caveat=f.text("caveat"), seed_claim=f.text("seed_claim"),
        superseded_by=superseded_by, confidence=f.choice("confidence", CONFIDENCE),
        as_of_precision=precision, note=f.text("note"), ended=_ended(f), owners=_owners(f),
    )  # fmt: skip


def _owners(f: Fields) -> tuple[str, ...]:
    """Slack user ids (`U…`/`W…`) or user group ids (`S…`): who is asked, once a week, to confirm
    the fact when overdue (a group's members each)."""
    owners = f.strings("owners")
    for owner in owners:
        if not SLACK_OWNER.match(owner):
            msg = "'owners' takes Slack user ids (U… or W…: profile ⋯ → Copy member ID) or user "
            msg += "group ids (S…: the group's ⋯ → Copy group ID), not "
            f.report("F006", "owners", msg + show(owner))
    return tuple(o for o in owners if SLACK_OWNER.match(o))


def _as_of(f: Fields) -> tuple[dt.date | None, str]:
    """A fact's `as_of`: a day, or a month (`2018-09`) or year (`2018`) when no day is known."""
    value = f.raw("as_of", required=True)
    if value is None:
        return None, "day"
    parsed = parse_period(value)
    if parsed is None:
        msg = f"'as_of' is not a valid date: {show(value)} (expected YYYY-MM-DD, YYYY-MM or YYYY)"
        f.report("F007", "as_of", msg)
        return None, "day"
    return parsed if f.in_years("as_of", parsed[0].year) else (None, "day")


def _ended(f: Fields) -> Ended | None:
    """`ended: {date: YYYY-MM-DD, subject: [names]}`: the thing the fact describes is over."""
    node = f.values.get("ended")
    if node is None:
        return None
    if not isinstance(node.value, dict):
        f.report("F006", "ended", "'ended' must be a mapping with 'date' and 'subject'")
        return None
    e = Fields(node, f.path, ENDED_FIELDS, f"'ended' of {f.what}")
    e.check_unknown()
    date, subject = e.date("date", required=True), e.strings("subject")
    if not subject and "subject" not in e.values:
        e.report("F005", None, f"{e.what} is missing required field 'subject'")
    f.problems += e.problems
    return Ended(date, subject) if date and subject else None


def _event(f: Fields, built: Built) -> dict:
    kind = f.choice("kind", EVENT_KINDS, required=True)
    tone = f.choice("tone", TONES, required=True)
    if kind in ("attack", "coup") and tone == "celebratory":
        msg = f"{f.what}: {with_article(kind)} is never celebratory; use 'solemn' or 'neutral'"
        f.report("F017", "tone", msg)
    facts, sets = f.ids("facts"), f.ids("talking_points")
    built.refs += [Ref(i, "fact", "facts", w) for i, w in facts]
    built.refs += [Ref(i, "talking_points", "talking_points", w) for i, w in sets]
    return dict(
        date=_event_date(f), title=f.text("title", required=True, limit=MAX_TITLE), kind=kind,
        summary=f.text("summary", required=True), tone=tone,
        sources=_sources(f, built, event=True), topic=f.text("topic", required=True, limit=None),
        facts=tuple(i for i, _ in facts), talking_points=tuple(i for i, _ in sets),
        suggested_post=f.text("suggested_post"), caveat=f.text("caveat"),
    )  # fmt: skip


def _talking_points(f: Fields, built: Built) -> dict:
    return dict(
        title=f.text("title", required=True, limit=MAX_TITLE),
        topic=f.text("topic", required=True, limit=None),
        audience=f.text("audience", required=True, limit=None),
        as_of=f.date("as_of", required=True),
        points=tuple(_point(n, f, built) for n in f.items("points", required=True)),
    )


_KINDS = {
    "facts": (Fact, FACT_FIELDS, _fact),
    "events": (Event, EVENT_FIELDS, _event),
    "talking_points": (TalkingPointSet, TALKING_POINT_FIELDS, _talking_points),
}


def _point(node: Node, parent: Fields, built: Built) -> Point:
    p = Fields(node, parent.path, POINT_FIELDS, f"a point of {parent.what}")
    p.check_unknown()
    if not isinstance(node.value, dict):
        p.report("F006", None, "each point must be a mapping with 'text' and 'facts'")
    text = p.text("text", required=True)
    facts = p.ids("facts", required=True)
    built.refs += [Ref(i, "fact", "point facts", w) for i, w in facts]
    parent.problems += p.problems
    where = Location(parent.path, node.line, node.col)
    return Point(text=text or "", facts=tuple(i for i, _ in facts), location=where)


def _sources(f: Fields, built: Built, event: bool) -> tuple[Source, ...]:
    out = []
    for node in f.items("sources", required=True):
        s = Fields(node, f.path, SOURCE_FIELDS, f"a source of {f.what}")
        s.check_unknown()
        if not isinstance(node.value, dict):
            s.report("F006", None, "each source must be a mapping with 'title' and 'url'")
        else:
            title = s.text("title", required=True, limit=None)
            if title:
                s.advise("title", title)
            kind, symbol = s.choice("kind", SOURCE_KINDS), _symbol(s)
            # A UN symbol without a url gets the UN's own link; a url given is checked (A121).
            url = s.url("url") if symbol is None or "url" in s.values else symbol_url(symbol)
            publisher, date = s.text("publisher", limit=None), s.date("date")
            out.append(Source(title or "", url or "", publisher, date, kind, symbol))
            if event and "date" not in s.values:
                msg = f"source {show(title)} of {f.what} has no date; add the publication date"
                built.problems.append(problem("A103", s.at(), msg))
        f.problems += s.problems
    return tuple(out)


def _symbol(s: Fields) -> str | None:
    """A UN document symbol (`S/RES/2100 (2013)`), or None (F006 when it is not one)."""
    symbol = s.text("symbol", limit=None)
    if symbol is not None and not SYMBOL.match(symbol):
        msg = f"'symbol' {symbol!r} is not a UN document symbol like 'S/RES/2100 (2013)'"
        s.report("F006", "symbol", msg)
        return None
    return symbol


def _event_date(f: Fields) -> EventDate | None:
    value = f.raw("date", required=True)
    if isinstance(value, str) and (m := MONTH.match(value)):
        if not 1 <= int(m[2]) <= 12:
            f.report("F007", "date", f"'date' {value!r} has no month {m[2]}")
            return None
        return EventDate(int(m[1]), int(m[2])) if f.in_years("date", int(m[1])) else None
    parsed = f.date("date", expected='YYYY-MM-DD, or "YYYY-MM" when the day is unknown')
    return EventDate(parsed.year, parsed.month, parsed.day) if parsed else None


def _review(f: Fields, as_of: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """(the next review date, the last check `reviewed`)."""
    has_by, has_every = "review_by" in f.values, "review_every" in f.values
    if has_by == has_every:
        which = "both 'review_by' and" if has_by else "neither 'review_by' nor"
        msg = f"{f.what} has {which} 'review_every'; give exactly one"
        f.report("F018", None, msg)
    reviewed = f.date("reviewed")
    if has_by:
        return f.date("review_by"), reviewed
    every = f.text("review_every", limit=None) if has_every else None
    m = INTERVAL.match(every) if every else None
    if every is not None and not m:
        msg = f"'review_every' {show(every)} is not an interval like "
        msg += "'6 months', '1 year', '90 days'"
        f.report("F018", "review_every", msg)
    start = reviewed or as_of
    if not (m and start):
        return None, reviewed
    review_by = add_interval(start, int(m[1]), m[2])
    if review_by is None or review_by.year > MAX_YEAR:
        msg = f"'review_every' {every!r} puts the next review after {MAX_YEAR}; use a shorter one"
        f.report("F018", "review_every", msg)
        return None, reviewed
    return review_by, reviewed


def add_interval(start: dt.date, n: int, unit: str) -> dt.date | None:
    """`start` plus n days/weeks/months/years (month ends clamp: 31 Jan + 1 month = 28/29 Feb);
    None past the last date Python has (9999-12-31)."""
    if unit in ("day", "week"):
        days = n * (7 if unit == "week" else 1)
        return start + dt.timedelta(days) if days <= (dt.date.max - start).days else None
    months = start.month - 1 + n * (12 if unit == "year" else 1)
    year, month = start.year + months // 12, months % 12 + 1
    if year > dt.MAXYEAR:
        return None
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
