"""Postings for search: for each term, the records that have it, weighted by field and rarity.

A term in an alias or title weighs 3, in the id or tags 2, in the body or topic 1; each weight is
multiplied by the term's inverse document frequency, so rare words count more than common ones.
"""

from __future__ import annotations

import math

from bot.facts.model import Event, Fact, Record
from bot.search.text import stem, words

# Field weights: what people call a record counts most, a mention in the body least.
ALIAS, TITLE, LABEL, BODY = 3.0, 3.0, 2.0, 1.0

Postings = dict[str, dict[int, float]]  # term -> {record number: field weight x idf}


def build_postings(records: list[Record]) -> tuple[Postings, dict[str, str]]:
    """The postings of `records` (numbered by position) and each word as written -> its term."""
    weights: Postings = {}
    surface: dict[str, str] = {}
    for number, record in enumerate(records):
        best: dict[str, float] = {}
        for weight, text in _fields(record):  # lowest weight first: the highest one stays
            for word in words(text):
                term = surface.get(word)
                if term is None:
                    term = surface[word] = stem(word)
                best[term] = weight
        for term, weight in best.items():
            post = weights.get(term)
            if post is None:
                post = weights[term] = {}
            post[number] = weight
    postings = {}
    for term, post in weights.items():
        idf = math.log(1.0 + len(records) / len(post))
        postings[term] = {n: w * idf for n, w in post.items()}
    return postings, surface


def _fields(record: Record) -> list[tuple[float, str]]:
    """The weighted texts of a record, lowest weight first: what it says, then what it is called."""
    if isinstance(record, Fact):
        body, titles = [record.statement], []
    elif isinstance(record, Event):
        body, titles = [record.summary], [record.title]
    else:
        body, titles = [record.audience, *(p.text for p in record.points)], [record.title]
    return [
        (BODY, "\n".join([record.topic, *body])),
        (LABEL, "\n".join([record.id.replace("-", " "), *record.tags])),
        (max(ALIAS, TITLE), "\n".join([*titles, *record.aliases])),
    ]
