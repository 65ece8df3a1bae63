"""Mentions: each number or date of a sentence with the words that say what it counts.

A frame is the counted thing (`French soldiers`), the predicate (`killed`, `wounded`, `signed`...)
and the cause (`in hostile acts` vs `from all causes`), read from the words around the number in
its clause. Records and drafts go through the same code, so their frames compare like for like.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.claims.dates import DateMention, find_dates, find_identifiers
from bot.claims.quantities import Number, find_numbers
from bot.claims.sentences import split_clauses
from bot.claims.words import AUXILIARIES, MEASURES, PREDICATES, STOP, WILDCARD_UNITS, term, tokens

# In the store's own wording, "no French soldier was killed" is a count of zero.
_ZERO = re.compile(
    r"\bno\b(?=\s+(?:[\w.]+\s+){0,2}?(?:was|were|had been|has been|have been)\s)", re.IGNORECASE
)
_HOSTILE = re.compile(r"\b(?:hostile|malicious|in attacks|by attacks)\b", re.I)
_ALL_CAUSES = re.compile(r"\b(?:all[- ]causes|other causes|any cause|total)\b", re.I)
_UNIT_SKIP = frozenset({"of", "its", "the", "them", "their", "whom", "which", "those"})
MAX_UNIT_WORDS = 3
_JOINS = frozenset({"and", "but", "then"})
_RELATIVE = frozenset({"before", "after", "ahead", "following", "since", "until"})
MAX_LABEL = 40  # characters: a longer head before a colon is a clause, not a label
_US = re.compile(r"\bU\.S\.(?=\W|$)")
_LIVES = re.compile(r"\s+their\s+lives\b")


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
    cause: str | None = None  # "hostile" or "all"
    phrase: tuple[int, int] = (0, 0)  # the words that say it: "no French soldier was killed"
    relation: str | None = None  # for a measure, the word after it: "17 miles *from*"

    @property
    def value(self) -> float:
        """The numeric value (0 for a date)."""
        return self.number.value if self.number else 0.0


def find_mentions(text: str, start: int, end: int, today: dt.date, zeros: bool = False):
    """The mentions of the sentence `text[start:end]`, in order; `zeros` reads "no X was" as 0."""
    sentence = _US.sub("US  ", text[start:end])  # same length: offsets stay true
    ids = find_identifiers(sentence)
    dates = find_dates(sentence, today, ids)
    skip = ids + [(d.start, d.end) for d in dates]
    numbers = find_numbers(sentence, skip)
    if zeros:
        numbers += [Number(m.start(), m.end(), 0.0, "count") for m in _ZERO.finditer(sentence)]
    clauses = split_clauses(sentence, 0, len(sentence))
    words = list(tokens(sentence))
    out = [_date_mention(d, sentence, words, clauses, start) for d in dates]
    out += [_number_mention(n, sentence, words, clauses, start) for n in numbers]
    return sorted(out, key=lambda m: m.start)


def _clause_of(pos: int, clauses) -> tuple[int, int]:
    return next(((s, e) for s, e in clauses if s <= pos < e), (0, 0))


def _number_mention(n: Number, sentence, words, clauses, offset) -> Mention:
    cs, ce = _clause_of(n.start, clauses)
    after = [w for w in words if n.end <= w[1] < ce]
    before = [w for w in words if cs <= w[1] < n.start]
    unit, rest, unit_end = _unit(after, sentence)
    following = _following_predicate(rest)
    leading = None if following else _predicate(reversed(before[-3:]))
    predicate = following or leading or _predicate(reversed(before)) or _predicate(rest)
    relation = None
    if unit & MEASURES:
        after_unit = [w for w in words if w[1] >= max(unit_end, n.end)]
        predicate, relation = None, _relation(after_unit)
    first = leading[1] if leading else n.start
    last = following[2] if following else max(unit_end, n.end)
    if _LIVES.match(sentence, last):
        last = _LIVES.match(sentence, last).end()
    left = sentence.rfind(", ", cs, n.start)
    right = sentence.find(", ", n.end, ce)
    part = sentence[left + 1 if left >= 0 else cs : right if right >= 0 else ce]
    cause = _cause(part) or _cause(_label(sentence, n.start))
    return Mention(n.start + offset, n.end + offset, n.kind, number=n, unit=unit,
                   predicate=_name(predicate), cause=cause,
                   phrase=(first + offset, last + offset), relation=relation)  # fmt: skip


def _cause(text: str) -> str | None:
    return "hostile" if _HOSTILE.search(text) else "all" if _ALL_CAUSES.search(text) else None


def _label(sentence: str, before: int) -> str:
    """A label heading the sentence ("All causes: by 2018, 173 had died"): it frames it all."""
    colon = sentence.find(":", 0, min(before, MAX_LABEL))
    return sentence[:colon] if colon > 0 else ""


def _date_mention(d: DateMention, sentence, words, clauses, offset) -> Mention:
    cs, ce = _clause_of(d.start, clauses)
    before = [w for w in words if cs <= w[1] < d.start]
    after = [w for w in words if d.end <= w[1] < ce]
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
