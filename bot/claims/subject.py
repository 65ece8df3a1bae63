"""What a sentence is about: the names it shares with a record, beyond what a figure counts.

A record supports or contradicts a figure only when the sentence and the record share who, where
or which ("MINUSMA", "Bamako", "French"), not only a kind of thing ("people", "troops") or what
happened ("died"): "Our office has 311 staff" is about no record that says 311 personnel died.
A sentence that names nothing itself ("By its end, 311 of its personnel died") borrows the names
of the sentences beside it. When: a figure in a dated sentence is a record's only in its years.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.claims.evidence import ClaimIndex, Evidence
from bot.claims.mentions import Mention
from bot.claims.words import (
    GENERIC,
    MEASURES,
    NAMING_UNITS,
    NUMBER_WORDS,
    PREDICATES,
    STOP,
    content_terms,
    term,
    tokens,
)
from bot.facts.model import Fact

_COMMON = frozenset({"today", "united", "states", "un", "the", "president", "secretary"})
# "According to the SG, …", "…, the SG said": the source of a claim, not what it is about.
_ATTRIBUTION = re.compile(r"\baccording to [^,.;]+|,\s*(?:the\s+)?[^,.;]{1,40}\s+said\b", re.I)
_LABEL = re.compile(r"^[^:]{1,30}:\s")  # "Talking points: …", "Tweet: …" name no subject
SETTING = 1 / 3  # a name in more of the records than this is where they happen, not who
NOT_ANCHORS = ("since", "from", "after")  # "since 2013" bounds a figure; it does not date it


def subject_terms(sentence: str, around: list[str], index: ClaimIndex) -> frozenset[str]:
    """The sentence's terms, with those of the sentences `around` it when it names nothing."""
    terms = set(index.terms_of(sentence))
    if not any(names_a_subject(t) for t in index.terms_of(_LABEL.sub("", sentence, count=1))):
        terms.update(t for near in around for t in index.terms_of(near))
    return frozenset(terms)


def shares_subject(terms: frozenset[str], sentence: str, ev: Evidence) -> bool:
    """The sentence (its `terms`) and the record name the same who, where or which."""
    if any(names_a_subject(t) for t in terms & ev.terms):
        return True
    # "102 peacekeepers were killed": counted as troops, but the word says whose they are.
    return _says_whose(sentence) and _says_whose(ev.text)


@lru_cache(maxsize=1024)
def _says_whose(text: str) -> bool:
    """The text counts peacekeepers (or the like): read once per text, asked per record."""
    return any(w in NAMING_UNITS for w, _, _ in tokens(text))


def names_a_subject(term: str) -> bool:
    """The term says who, where or which (MINUSMA, Bamako, French), not a kind of thing."""
    return term not in GENERIC and term not in PREDICATES and term not in MEASURES


def names_unknown(sentence: str, index: ClaimIndex) -> bool:
    """True when the sentence names (a capitalised word, not its first) what no record knows.

    The store is a closed world: a sentence about Russia or the Wagner Group is about something
    it cannot speak to, so it may support a value but never contradicts one. So is a resolution
    no record cites ("resolution 2480"): what it decided is not the store's to deny.
    """
    if any(t.startswith("#") and not index.knows(t) for t in content_terms(sentence)):
        return True
    source = _ATTRIBUTION.search(sentence)
    words = [
        w for w in tokens(sentence)[1:] if not source or not source.start() <= w[1] < source.end()
    ]
    return any(
        sentence[start].isupper() and not index.knows(term(w))
        for w, start, _ in words
        if w.isalpha() and w not in STOP and w not in NUMBER_WORDS and w not in _COMMON
    )


def names_in(sentence: str, index: ClaimIndex) -> frozenset[str]:
    """The names the sentence is about: capitalised words the store knows, but not the store's
    setting (a name in more than a third of the records, "Mali")."""
    names = {
        index.same.get(term(w), term(w))
        for w, start, _ in tokens(sentence)
        if sentence[start].isupper() and w.isalpha() and w not in STOP and w not in NUMBER_WORDS
        and w not in _COMMON
    }  # fmt: skip
    return frozenset(t for t in names if names_a_subject(t) and 0 < index.spread(t) <= SETTING)


def names_shared(names: frozenset[str], ev: Evidence) -> bool:
    """The record names one of the sentence's `names`, if it has any: a record of the G5 Sahel's
    planned strength says nothing of "Barkhane was planned at up to 4,500 troops", though both
    say "planned" and "troops"."""
    return not names or bool(names & ev.terms)


def anchors(m: Mention, mentions: list[Mention]) -> list[Mention]:
    """The sentence's dates that date `m` (not "since 2013")."""
    return [x for x in mentions if x.date and x is not m and x.date.framing not in NOT_ANCHORS]


def same_time(m: Mention, mentions: list[Mention], ev: Evidence) -> bool:
    """False when the sentence is dated and none of its dates is one of the record's years."""
    dated = anchors(m, mentions)
    return not dated or any(a.date and a.date.year in ev.years for a in dated)


def dated_alike(m: Mention, mentions: list[Mention], ev: Evidence) -> bool:
    """A figure in a dated sentence is the record's only if a date is one of its years (a date
    is a claim of its own: the sentence's other dates do not frame it)."""
    return m.kind == "date" or same_time(m, mentions, ev)


def anchored(m: Mention, mentions: list[Mention], ev: Evidence) -> bool:
    """True when the sentence dates the figure to the superseded record's time."""
    as_of = ev.record.as_of.year if isinstance(ev.record, Fact) else ev.record.date.year
    return any(a.date and a.date.year == as_of for a in anchors(m, mentions))
