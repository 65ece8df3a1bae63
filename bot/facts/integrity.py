"""Cross-record rules: unique ids, references that resolve, unique aliases, no supersede cycles,
and the advisories that depend on the whole store or on today's date."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata

from bot.facts.fields import suggest
from bot.facts.model import Event, Fact, Location, Problem, Record, TalkingPointSet
from bot.facts.quality import quality_advisories
from bot.facts.records import Built, Ref, add_interval
from bot.facts.rules import problem

KIND_NAMES = {"fact": "fact", "event": "event", "talking_points": "talking-point set"}


def check_store(
    builts: list[Built], today: dt.date, complete: bool = True
) -> tuple[list[Record], list[Problem]]:
    """Apply the cross-record rules: the records to keep (references cleaned), and problems.

    When a file could not be read (`complete=False`), an unknown id may live in that file, so
    unknown references are not reported: the unreadable file's own error says what to fix.
    """
    problems: list[Problem] = []
    first = _unique_ids(builts, problems)
    kept = [b for b in builts if b.record is not None]
    by_id = {b.record_id: b.record for b in kept}
    for b in kept:
        for ref in b.refs:
            _check_ref(ref, by_id, first, problems, complete)
    _unique_aliases(kept, problems)
    records = [_without_dangling(b.record, by_id) for b in kept if b.record is not None]
    facts = {r.id: r for r in records if isinstance(r, Fact)}
    problems += supersede_cycles(facts)
    problems += advisories(records, facts, builts, today)
    problems += quality_advisories(records, facts)
    return records, problems


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name, for comparing aliases."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def _unique_ids(builts: list[Built], problems: list[Problem]) -> dict[str, Built]:
    first: dict[str, Built] = {}
    for b in builts:
        if not b.record_id:
            continue
        if b.record_id in first:
            there = first[b.record_id].where
            msg = f"duplicate id '{b.record_id}' (first defined at {there.path}:{there.line})"
            problems.append(problem("F009", b.where, msg))
            b.record = None
            first[b.record_id].duplicated = True
        else:
            first[b.record_id] = b
    return first


def _check_ref(ref: Ref, by_id: dict, first: dict, problems: list, complete: bool) -> None:
    target = by_id.get(ref.target)
    if target is not None and target.record_type == ref.expected:
        return
    if ref.target in first and (target is None or first[ref.target].duplicated):
        return  # the target has its own error; reporting it twice helps nobody
    wanted = KIND_NAMES[ref.expected]
    if target is None and not complete:
        return
    if target is not None:
        msg = f"'{ref.field}' refers to '{ref.target}', which is "
        msg += _a(KIND_NAMES[target.record_type]) + f", not {_a(wanted)}"
    else:
        candidates = [i for i, r in by_id.items() if r.record_type == ref.expected]
        msg = f"'{ref.field}' refers to unknown {wanted} id '{ref.target}'"
        msg += suggest(ref.target, candidates)
    problems.append(problem("F010", ref.where, msg))


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def _unique_aliases(kept: list[Built], problems: list[Problem]) -> None:
    claims: dict[str, tuple[str | None, Location]] = {}  # a kept record always has its id
    for b in kept:
        for alias, where in b.aliases:
            key = fold(alias)
            owner = claims.setdefault(key, (b.record_id, where))
            if owner[0] != b.record_id:
                there = owner[1]
                msg = f"alias '{alias}' is already claimed by '{owner[0]}' "
                msg += f"({there.path}:{there.line}); an alias belongs to one record"
                problems.append(problem("F011", where, msg))


def _without_dangling(record: Record, by_id: dict) -> Record:
    """Drop references to ids not in the store, so nothing downstream meets a dangling id."""

    def ok(i: str, cls: type) -> bool:
        return isinstance(by_id.get(i), cls)

    if isinstance(record, Fact) and record.superseded_by and not ok(record.superseded_by, Fact):
        return dataclasses.replace(record, superseded_by=None)
    if isinstance(record, Event):
        facts = tuple(i for i in record.facts if ok(i, Fact))
        sets = tuple(i for i in record.talking_points if ok(i, TalkingPointSet))
        return dataclasses.replace(record, facts=facts, talking_points=sets)
    if isinstance(record, TalkingPointSet):
        points = tuple(
            dataclasses.replace(p, facts=tuple(i for i in p.facts if ok(i, Fact)))
            for p in record.points
        )
        return dataclasses.replace(record, points=points)
    return record


def supersede_cycles(facts: dict[str, Fact]) -> list[Problem]:
    """F019 for a fact superseded by itself, and once per cycle of superseded_by links."""
    problems: list[Problem] = []
    reported: set[str] = set()
    for fact in facts.values():
        if fact.superseded_by == fact.id:
            msg = f"fact '{fact.id}' is superseded by itself"
            problems.append(problem("F019", fact.location, msg))
            continue
        chain, current = [fact.id], fact
        while current.superseded_by in facts and current.superseded_by not in chain:
            current = facts[current.superseded_by]
            chain.append(current.id)
        if current.superseded_by == fact.id and not reported & set(chain):
            reported |= set(chain)
            msg = "superseded_by makes a cycle: " + " → ".join([*chain, fact.id])
            problems.append(problem("F019", fact.location, msg))
    return problems


def advisories(records, facts: dict[str, Fact], builts, today: dt.date) -> list[Problem]:
    """A101 stale facts, A102 old figures with no caveat, A104 points on superseded facts."""
    out: list[Problem] = []
    refs_by_set = {
        b.record_id: b.refs
        for b in builts
        if b.record is not None and isinstance(b.record, TalkingPointSet)
    }
    for r in records:
        if isinstance(r, Fact) and r.is_stale(today):
            msg = f"fact '{r.id}' was due for review on {r.review_by}; re-check it and update "
            msg += "'reviewed' (or 'review_by')"
            out.append(problem("A101", r.location, msg))
        old = isinstance(r, Fact) and (add_interval(r.as_of, 3, "year") or dt.date.max) < today
        if old and not r.caveat:
            msg = f"fact '{r.id}' is as of {r.as_of_label}, over 3 years ago; "
            msg += "add a caveat or update it"
            out.append(problem("A102", r.location, msg))
        if isinstance(r, TalkingPointSet):
            out += _superseded_points(refs_by_set.get(r.id, ()), facts)
    return out


def _superseded_points(refs, facts: dict[str, Fact]) -> list[Problem]:
    out = []
    for ref in refs:
        fact = facts.get(ref.target)
        if ref.field == "point facts" and fact is not None and fact.superseded_by:
            msg = f"talking point cites '{fact.id}', which is superseded by "
            msg += f"'{fact.superseded_by}'; cite the newer fact"
            out.append(problem("A104", ref.where, msg))
    return out
