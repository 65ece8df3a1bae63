"""The fast top-k (set intersections, value tiers) returns what scoring every record would."""

from __future__ import annotations

import datetime as dt

import pytest

from bench.make_store import make_store
from bot.facts import load_store
from bot.search import ranking
from bot.search.index import SearchIndex
from bot.search.text import join_phrases, words

QUERIES = [
    "minusma",
    "minusma fatalities",
    "peacekeepers killed in mali",
    "women police unmiss 2019",
    "blue helmets toll",
    "monusco troop strength goma",
    "humanitarian appeal haiti 2015",
    "monusko budjet",
    "unamid deaths darfur refugees schools closed insecurity",
]


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> SearchIndex:
    directory = tmp_path_factory.mktemp("store")
    make_store(1500, directory)
    return SearchIndex.build(load_store(directory, today=dt.date(2025, 1, 1)).store)


def scorers_for(index: SearchIndex, query: str) -> list[ranking.Scorer]:
    synonyms = index._expander.synonyms
    units = join_phrases(words(query), synonyms.phrases, synonyms.longest)
    return [s for u in dict.fromkeys(units) if (s := index._expander.word(u)).ranked]


def exhaustive(scorers, limit, allowed=None):
    """Score every record: (words matched, summed value), best first."""
    every = set().union(*(s.keys for s in scorers))
    hits = []
    for n in every:
        if allowed is not None and n not in allowed:
            continue
        present = [s.values[n] for s in scorers if n in s.keys]
        hits.append((len(present), sum(present)))
    return sorted(hits, reverse=True)[:limit]


@pytest.mark.parametrize("cost", [0, ranking.COMBINATION_COST, 10**9])
@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("limit", [1, 10, 40])
def test_top_k_equals_scoring_every_record(index, monkeypatch, cost, query, limit):
    monkeypatch.setattr(ranking, "COMBINATION_COST", cost)  # 0: always tiers, huge: never
    scorers = scorers_for(index, query)
    assert scorers, query
    fast = [(m, raw) for _, m, raw in ranking.top_k(scorers, limit)]
    assert [(m, pytest.approx(raw)) for m, raw in exhaustive(scorers, limit)] == fast


@pytest.mark.parametrize("query", QUERIES[:4])
def test_top_k_respects_allowed_and_excluded(index, query):
    scorers = scorers_for(index, query)
    allowed = frozenset(range(0, 1500, 3))
    fast = ranking.top_k(scorers, 10, allowed)
    assert all(n in allowed for n, _, _ in fast)
    expected = exhaustive(scorers, 10, allowed)
    assert [(m, pytest.approx(raw)) for m, raw in expected] == [(m, raw) for _, m, raw in fast]
    excluded = {n for n, _, _ in fast[:3]}
    again = ranking.top_k(scorers, 10, allowed, excluded=excluded)
    assert not excluded & {n for n, _, _ in again}


def test_ranked_lists_are_best_first(index):
    for scorer in scorers_for(index, "peacekeepers killed in mali"):
        values = [scorer.values[n] for n in scorer.ranked]
        assert values == sorted(values, reverse=True)
        assert sum(len(members) for _, members in scorer.tiers) == len(scorer.values)
