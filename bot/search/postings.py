"""Postings for search: for each term, the records that have it, weighted by field and rarity.

A term in what the record is about (its id, aliases, title or topic) weighs 3, in its tags 2, in
its body 1; each weight is multiplied by the term's inverse document frequency, so rare words count
more than common ones. A record about MINUSMA thus outranks one that mentions it in passing.
"""

from __future__ import annotations

import math

from bot.facts.model import Event, Fact, Record
from bot.search.text import stem, words

# Field weights: what a record is about counts most, a mention in the body least.
ABOUT, LABEL, BODY = 3.0, 2.0, 1.0
# Added to ABOUT for a word of a short name (`minusma overview` is about MINUSMA more than
# `minusma res 2100 strength` is). One step only: each distinct weight is a tier to rank.
FOCUS, SHORT_NAME = 0.5, 2

Postings = dict[str, dict[int, float]]  # term -> {record number: field weight x idf}
# term -> {value: its records, ascending}: a word's tiers, grouped once at build for ranking.
Tiers = dict[str, dict[float, list[int]]]


def build_postings(records: list[Record]) -> tuple[Postings, dict[str, str], Tiers]:
    """The postings of `records` (numbered by position), each word as written -> its term, and
    each term's records grouped by value (so a word's first query sorts nothing)."""
    weights: Postings = {}
    grouped: Tiers = {}
    surface: dict[str, str] = {}
    for number, record in enumerate(records):
        best: dict[str, float] = {}
        for weight, text, named in _fields(record):
            found = words(text)
            if named and len(found) <= SHORT_NAME:
                weight += FOCUS
            for word in found:
                term = surface.get(word)
                if term is None:
                    term = surface[word] = stem(word)
                if best.get(term, 0.0) < weight:
                    best[term] = weight
        for term, weight in best.items():
            post = weights.get(term)
            if post is None:
                post = weights[term] = {}
                grouped[term] = {}
            post[number] = weight
            group = grouped[term].get(weight)
            if group is None:
                grouped[term][weight] = [number]
            else:
                group.append(number)
    postings, tiers = {}, {}
    for term, post in weights.items():
        rarity = idf(len(post), len(records))
        postings[term] = {n: w * rarity for n, w in post.items()}
        tiers[term] = {w * rarity: group for w, group in grouped[term].items()}
    return postings, surface, tiers


def idf(having: int, total: int) -> float:
    """Inverse document frequency of a term `having` records of `total`."""
    return math.log(1.0 + total / max(having, 1))


def phrase_postings(postings: Postings, phrase: str, total: int) -> dict[int, float]:
    """A phrase's postings: records having all its words, at their weakest word's field weight."""
    parts = [
        (postings.get(word, {}), idf(len(postings.get(word, ())), total)) for word in phrase.split()
    ]
    common = set(parts[0][0]).intersection(*(p for p, _ in parts[1:]))
    rarity = idf(len(common), total)
    return {n: min(p[n] / i for p, i in parts) * rarity for n in common}


def _fields(record: Record) -> list[tuple[float, str, bool]]:
    """The weighted texts of a record (and whether each is a name): what it says, what it is."""
    if isinstance(record, Fact):
        body, titles = [record.statement], []
    elif isinstance(record, Event):
        body, titles = [record.summary], [record.title]
    else:
        body, titles = [record.audience, *(p.text for p in record.points)], [record.title]
    names = [record.id.replace("-", " "), *titles, *record.aliases]
    return [
        (BODY, "\n".join(body), False),
        (LABEL, "\n".join(record.tags), False),
        (ABOUT, record.topic, False),
        *((ABOUT, name, True) for name in names),
    ]
