"""Mentions: each number or date of a sentence with the words that say what it counts.

A frame is the counted thing (`French soldiers`), the predicate (`killed`, `wounded`, `signed`...)
and the cause (`in hostile acts` vs `from all causes`), read from the words around the number in
its clause. Records and drafts go through the same code, so their frames compare like for like.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass

from bot.claims.causes import cause_of
from bot.claims.dates import DateMention, find_dates, find_identifiers
from bot.claims.quantities import Number, find_numbers
from bot.claims.roles import is_ceiling, is_headcount, part_of
from bot.claims.sentences import split_clauses
from bot.claims.words import AUXILIARIES, MEASURES, PREDICATES, STOP, WILDCARD_UNITS, term, tokens

# In the store's own wording, "no French soldier was killed" is a count of zero.
_ZERO = re.compile(
    r"\bno\b(?=\s+(?:[\w.]+\s+){0,2}?(?:was|were|had been|has been|have been)\s)", re.IGNORECASE
)
_UNIT_SKIP = frozenset({"of", "its", "the", "them", "their", "whom", "which", "those"})
MAX_UNIT_WORDS = 3
_JOINS = frozenset({"and", "but", "then"})
_RELATIVE = frozenset({"before", "after", "ahead", "following", "since", "until"})
MAX_LABEL = 40  # characters: a longer head before a colon is a clause, not a label
_US = re.compile(r"\bU\.S\.(?=\W|$)")
_LIVES = re.compile(r"\s+their\s+lives\b")
# What frames a number lies near it: words this far away never do. The window keeps the cost of
# a mention constant, so a sentence of 10,000 numbers costs 10,000 times one, not 10,000 squared.
WINDOW_WORDS = 40
WINDOW_CHARS = 300


@dataclass(frozen=True)
class Mention:
    """A number or a date in a text, with its frame."""

    start: int
    end: int
    kind: str  # count, percent, money or date
    number: Number | None = None
    date: DateMention | None = None
    unit: frozenset[str] = frozenset()
    predicate: str | None = None
    cause: str | None = None  # "hostile", "all" or "other" (bot.claims.causes)
    phrase: tuple[int, int] = (0, 0)  # the words that say it: "no French soldier was killed"
    relation: str | None = None  # for a measure, the word after it: "17 miles *from*"
    part: str | None = None  # of a force: "military", "police" or "civilian" (None: the whole)
    ceiling: bool = False  # an authorized or planned maximum, not a count of who was there
    headcount: bool = False  # said to be who was there ("deployed", "on the ground")

    @property
    def value(self) -> float:
        """The numeric value (0 for a date)."""
        return self.number.value if self.number else 0.0


def find_mentions(
    text: str, start: int, end: int, today: dt.date, zeros: bool = False, limit: int | None = None
):
    """The mentions of the sentence `text[start:end]`, in order; `zeros` reads "no X was" as 0.

    Only the first `limit` (all when None) are framed; the others carry their span and value."""
    sentence = _US.sub("US  ", text[start:end])  # same length: offsets stay true
    ids = find_identifiers(sentence)
    dates = find_dates(sentence, today, ids)
    skip = ids + [(d.start, d.end) for d in dates]
    numbers = find_numbers(sentence, skip)
    if zeros:
        numbers += [Number(m.start(), m.end(), 0.0, "count") for m in _ZERO.finditer(sentence)]
    found: list[Number | DateMention] = sorted([*dates, *numbers], key=lambda x: x.start)
    framed = found if limit is None else found[:limit]
    words = _Words(sentence)
    out = [
        _date_mention(x, sentence, words, start, numbers)
        if isinstance(x, DateMention)
        else _number_mention(x, sentence, words, start)
        for x in framed
    ]
    return out + [_unframed(x, start) for x in found[len(framed) :]]


def _unframed(x: Number | DateMention, offset: int) -> Mention:
    """A mention with its span and value only: one past the limit, never judged."""
    if isinstance(x, DateMention):
        return Mention(x.start + offset, x.end + offset, "date", date=x)
    return Mention(x.start + offset, x.end + offset, x.kind, number=x)


class _Words:
    """The words and clauses of a sentence, indexed by position, read a window at a time."""

    def __init__(self, sentence: str):
        self.words = list(tokens(sentence))
        self.starts = [w[1] for w in self.words]
        self.clauses = split_clauses(sentence, 0, len(sentence))
        self.clause_starts = [s for s, _ in self.clauses]

    def clause_of(self, pos: int) -> tuple[int, int]:
        """The clause holding `pos` ((0, 0) when it is a separator)."""
        i = bisect_left(self.clause_starts, pos + 1) - 1
        if i >= 0 and self.clauses[i][0] <= pos < self.clauses[i][1]:
            return self.clauses[i]
        return (0, 0)

    def before(self, start: int, stop: int) -> list:
        """Up to WINDOW_WORDS words starting in [start, stop), the nearest last."""
        hi = bisect_left(self.starts, stop)
        return self.words[max(bisect_left(self.starts, start), hi - WINDOW_WORDS) : hi]

    def after(self, start: int, stop: int | None = None) -> list:
        """Up to WINDOW_WORDS words starting in [start, stop), the nearest first."""
        lo = bisect_left(self.starts, start)
        hi = len(self.words) if stop is None else bisect_left(self.starts, stop)
        return self.words[lo : min(hi, lo + WINDOW_WORDS)]


def _number_mention(n: Number, sentence, words: _Words, offset) -> Mention:
    cs, ce = words.clause_of(n.start)
    after = words.after(n.end, ce)
    before = words.before(cs, n.start)
    unit, rest, unit_end = _unit(after, sentence)
    following = _following_predicate(rest)
    leading = None if following else _predicate(reversed(before[-3:]))
    predicate = following or leading or _predicate(reversed(before)) or _predicate(rest)
    # "Killed in hostile acts: more than 180 …": the label says what happened to them all.
    predicate = predicate or _predicate(tokens(_label(sentence, n.start)))
    relation = None
    if unit & MEASURES:
        predicate, relation = None, _relation(words.after(max(unit_end, n.end)))
    first = leading[1] if leading else n.start
    last = following[2] if following else max(unit_end, n.end)
    lives = _LIVES.match(sentence, last)
    if lives:
        last = lives.end()
    cs, ce = max(cs, n.start - WINDOW_CHARS), min(ce, n.end + WINDOW_CHARS)
    left = sentence.rfind(", ", cs, n.start)
    right = sentence.find(", ", n.end, ce)
    head = left + 1 if left >= 0 else cs
    part = sentence[head : right if right >= 0 else ce]
    cause = cause_of(part, n.start - head, n.end - head) or cause_of(_label(sentence, n.start))
    return Mention(n.start + offset, n.end + offset, n.kind, number=n, unit=unit,
                   predicate=_name(predicate), cause=cause,
                   phrase=(first + offset, last + offset), relation=relation,
                   part=part_of(sentence[n.end : unit_end + 1], sentence[unit_end:unit_end + 40])
                   if unit else None,
                   ceiling=is_ceiling(part, _name(predicate)),
                   headcount=is_headcount(part, _name(predicate)))  # fmt: skip


def _label(sentence: str, before: int) -> str:
    """A label heading the sentence ("All causes: by 2018, 173 had died"): it frames it all."""
    colon = sentence.find(":", 0, min(before, MAX_LABEL))
    return sentence[:colon] if colon > 0 else ""


def _date_mention(d: DateMention, sentence, words: _Words, offset, numbers) -> Mention:
    cs, ce = words.clause_of(d.start)
    before = words.before(cs, d.start)
    after = words.after(d.end, ce)
    # "In June 2020 MINUSMA had 13,289 troops authorized": the figure's own verb is not the date's.
    figure = next((n for n in numbers if n.start >= d.end), None)
    if figure is not None and _following_predicate(_unit(words.after(figure.end, ce), sentence)[1]):
        after = [w for w in after if w[1] < figure.start]
    # "on 14 May 2015, a day before the signing": the verb after "before" is another event's.
    cut = next((i for i, w in enumerate(after) if w[0] in _RELATIVE), len(after))
    after = after[:cut]
    # "created on 25 April 2013 … and wound down on 31 December 2023": a date after "and"
    # takes no verb from before it (its own, if any, is one the list does not know).
    joined = max((i for i, w in enumerate(before) if w[0] in _JOINS and i), default=0)
    if joined and _predicate(before[:joined]) and not _predicate(before[joined:]):
        before = before[joined:]
    predicate = _predicate(reversed(before)) or _predicate(after)
    span = (d.start + offset, d.end + offset)
    return Mention(*span, "date", date=d, predicate=_name(predicate), phrase=span)


def _unit(after: list, sentence: str) -> tuple[frozenset[str], list, int]:
    """The counted thing: up to three content words right after the number, up to a comma."""
    unit: list[str] = []
    end = 0
    for i, (word, start, stop) in enumerate(after):
        gap = sentence[after[i - 1][2] if i else start : start]
        if i and not gap.isspace() and gap != "-":
            return _units(unit), after[i:], end
        t = term(word)
        if t in PREDICATES or word in AUXILIARIES or len(unit) == MAX_UNIT_WORDS:
            return _units(unit), after[i:], end
        if word in _UNIT_SKIP and not unit:
            continue
        if word in STOP or word.isdigit():
            return _units(unit), after[i:], end
        unit.append(t)
        end = stop
    return _units(unit), [], end


def _relation(rest: list) -> str:
    """The word after a measure, past an aside in brackets: "400 km (250 miles) *from*"."""
    return next((w for w, _, _ in rest if not w.isdigit() and term(w) not in MEASURES), "")


def _units(words: list[str]) -> frozenset[str]:
    return frozenset(w for w in words if w not in WILDCARD_UNITS)


def _following_predicate(rest: list) -> tuple | None:
    """`173 personnel had died`, `8 soldiers were killed`: the number is the subject."""
    for token in rest[:3]:
        if term(token[0]) in PREDICATES:
            return token
        if token[0] not in AUXILIARIES and token[0] not in ("then", "reportedly", "all", "also"):
            return None
    return None


def _predicate(words) -> tuple | None:
    """The first word of `words` that is a predicate (the token: word, start, end)."""
    for token in words:
        if term(token[0]) in PREDICATES:
            return token
    return None


def _name(token: tuple | None) -> str | None:
    return term(token[0]) if token else None
