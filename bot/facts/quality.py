"""Advisories a fact-checker would raise: weak sources, dates the evidence does not support,
statements too long to paste (A120–A125).

A fact that is `confidence: low` and has a caveat has already told the reader its sourcing is
weak, so A120 and A122 are not repeated for it (the caveat says why no better source exists).
A fact sourced only to the field notes (`kind: seed`) reports what they said: not "one outlet".
"""

from __future__ import annotations

import datetime as dt
import re

from bot.facts.model import Event, Fact, Problem, Record, Source, TalkingPointSet
from bot.facts.rules import problem
from bot.facts.sources import host, is_un_host
from bot.grammar import count

# How much later than a fact's `as_of` its nearest dated source may be before the date is in
# doubt: a figure first reported a year on may well be a figure of that later date.
SOURCE_LAG = dt.timedelta(days=366)
MAX_SENTENCES = 2
MAX_WORDS = 40

_LINK = re.compile(r"<[^<>|]*\|([^<>]*)>|<[^<>]*>")
# A sentence ends at . ! or ? (after any closing quote or bracket) before a space and a capital,
# unless the word before the stop is an abbreviation (Col., Capt., U.S., e.g.) or an initial.
_STOP = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(*_]*[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    """col capt gen lt maj sgt dr mr mrs ms st no nos vol para paras e.g i.e u.s u.n approx
    sept art cf fig jr sr""".split()  # noqa: SIM905 - a word list reads better as prose
)


def quality_advisories(records: list[Record], facts: dict[str, Fact]) -> list[Problem]:
    """A120–A125 for every record that has them."""
    out: list[Problem] = []
    for record in records:
        if isinstance(record, Fact):
            out += _fact_advisories(record)
        elif isinstance(record, Event):
            out += _before_event(record)
        if not isinstance(record, TalkingPointSet):
            out += _symbols_off_un(record)
        else:
            out += _later_facts(record, facts)
    return out


def _acknowledged(fact: Fact) -> bool:
    return fact.confidence == "low" and bool(fact.caveat)


def _fact_advisories(fact: Fact) -> list[Problem]:
    out = []
    if not _acknowledged(fact):
        if weak := weak_sourcing(fact.sources):
            out.append(problem("A120", fact.location, f"fact '{fact.id}': {weak}"))
        if late := nearest_source_lag(fact):
            msg = f"fact '{fact.id}' is as of {fact.as_of_label}, but its nearest dated source is "
            msg += f"{count(late.days, 'day')} later; date the fact as the evidence does"
            out.append(problem("A122", fact.location, msg))
    sentences, words = sentence_count(fact.statement), word_count(fact.statement)
    if sentences > MAX_SENTENCES or words > MAX_WORDS:
        size = f"{count(sentences, 'sentence')} and {count(words, 'word')}"
        msg = f"statement of fact '{fact.id}' has {size}; "
        msg += f"keep it to {MAX_SENTENCES} sentences and about {MAX_WORDS} words (detail: 'note')"
        out.append(problem("A125", fact.location, msg))
    return out


def weak_sourcing(sources: tuple[Source, ...]) -> str | None:
    """Why a set of sources would not satisfy a journalist, or None when it would."""
    if sources and all(s.kind == "reference" for s in sources):
        return "every source is a reference work (an encyclopaedia); cite a primary source or press"
    outlets = {host(s.url) for s in sources}
    # A fact that reports what the field notes said, cited to them, needs no second outlet.
    if len(outlets) == 1 and not all(s.kind == "seed" for s in sources):
        return f"every source is from one outlet ({outlets.pop()}); add an independent source"
    return None


def nearest_source_lag(fact: Fact) -> dt.timedelta | None:
    """How much later than `as_of` the nearest dated source is, when every source is dated and
    the nearest is more than SOURCE_LAG later; None otherwise."""
    dates = [s.date for s in fact.sources if s.date is not None]
    if not dates or len(dates) < len(fact.sources):  # no source, or one undated
        return None
    lag = min(dates) - fact.as_of
    return lag if lag > SOURCE_LAG else None


def _before_event(event: Event) -> list[Problem]:
    """A123 when every source of an event is dated before it: none can report it happened."""
    start = dt.date(event.date.year, event.date.month, event.date.day or 1)
    dates = [s.date for s in event.sources if s.date is not None]
    if not dates or len(dates) < len(event.sources) or max(dates) >= start:
        return []
    msg = f"every source of event '{event.id}' ({event.date.iso()}) is dated before it (latest "
    msg += f"{max(dates)}); cite a source that reports it"
    return [problem("A123", event.location, msg)]


def _symbols_off_un(record: Fact | Event) -> list[Problem]:
    out = []
    for s in record.sources:
        if s.symbol and not is_un_host(s.url):
            msg = f"{record.record_type} '{record.id}': {s.symbol} is linked through "
            msg += f"{host(s.url) or s.url}, not the UN; drop the url to use the UN's own link"
            out.append(problem("A121", record.location, msg))
    return out


def _later_facts(tp_set: TalkingPointSet, facts: dict[str, Fact]) -> list[Problem]:
    out = []
    for fact_id in dict.fromkeys(i for p in tp_set.points for i in p.facts):
        fact = facts.get(fact_id)
        if fact is not None and fact.as_of_start > tp_set.as_of:
            msg = f"talking points '{tp_set.id}' are as of {tp_set.as_of} but cite '{fact.id}', "
            msg += f"as of {fact.as_of_label}; date the set no earlier than its facts"
            out.append(problem("A124", tp_set.location, msg))
    return out


def plain_words(mrkdwn: str) -> list[str]:
    """The words of mrkdwn text as a reader sees them: link labels, no `*`/`_` markers."""
    text = _LINK.sub(lambda m: m.group(1) or "", mrkdwn)
    return [w for w in re.sub(r"(?<!\w)[*_~]|[*_~](?!\w)", " ", text).split() if w.strip("–—-")]


def word_count(mrkdwn: str) -> int:
    """How many words a reader counts in `mrkdwn` (a dash alone is not a word)."""
    return len(plain_words(mrkdwn))


def sentence_count(mrkdwn: str) -> int:
    """How many sentences `mrkdwn` has, not splitting after abbreviations or initials."""
    text = " ".join(plain_words(mrkdwn))
    count = 1
    for match in _STOP.finditer(text):
        before = text[: match.start()].rsplit(None, 1)[-1].rstrip(".!?\"”’')]").lower()
        if before in _ABBREVIATIONS or len(before) == 1:
            continue
        count += 1
    return count
