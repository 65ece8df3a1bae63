"""Search finds the intended record however people type: case, accents, typos, numbers, synonyms.

The store here is a hand-built fixture shaped like the MINUSMA content. Its statements and numbers
are test data, not sourced facts; the real content lives under facts/.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.facts.model import (
    Event,
    EventDate,
    Fact,
    Location,
    Point,
    Source,
    Store,
    TalkingPointSet,
)
from bot.search.index import Match, SearchIndex

SOURCE = (Source("Test source", "https://example.org/test"),)
HERE = Location("tests/fixture.yaml")


def fact(id, statement, aliases=(), tags=(), as_of=dt.date(2023, 6, 30)):
    return Fact(
        id=id,
        statement=statement,
        sources=SOURCE,
        as_of=as_of,
        topic="minusma",
        location=HERE,
        tags=tuple(tags),
        aliases=tuple(aliases),
    )


def event(id, date, title, kind, summary, aliases=(), tone="neutral"):
    return Event(
        id=id,
        date=date,
        title=title,
        kind=kind,
        summary=summary,
        tone=tone,
        sources=SOURCE,
        topic="minusma",
        location=HERE,
        aliases=tuple(aliases),
    )


def make_store(*records, synonyms=()) -> Store:
    """A Store from records, sorted into facts, events and talking points by type."""
    by_type = {"fact": {}, "event": {}, "talking_points": {}}
    for record in records:
        by_type[record.record_type][record.id] = record
    return Store(
        facts=by_type["fact"],
        events=by_type["event"],
        talking_points=by_type["talking_points"],
        synonyms=tuple(tuple(g) for g in synonyms),
    )


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    store = make_store(
        fact(
            "minusma-fatalities",
            "Test fixture: 300 MINUSMA peacekeepers lost their lives, the highest fatalities of "
            "any current UN peacekeeping mission.",
            aliases=["MINUSMA fatalities", "MINUSMA casualties"],
            tags=["fatalities", "peacekeepers"],
        ),
        fact(
            "minusma-personnel",
            "Test fixture: MINUSMA deployed 15,476 uniformed and civilian personnel in Mali.",
            aliases=["MINUSMA troop numbers"],
            tags=["personnel"],
        ),
        fact(
            "minusma-budget",
            "Test fixture: the approved MINUSMA budget was US$1.2 billion for one year.",
            aliases=["MINUSMA budget"],
            tags=["budget", "funding"],
        ),
        fact(
            "un-peacekeeping-overview",
            "Test fixture: UN peacekeeping missions share one budget account, and MINUSMA was "
            "among the largest; its personnel came from many countries.",
        ),
        fact(
            "mali-displacement",
            "Test fixture: 375,000 people were internally displaced in Mali.",
            aliases=["Mali IDPs"],
            tags=["humanitarian"],
        ),
        event(
            "res-2100",
            EventDate(2013, 4, 25),
            "Security Council establishes MINUSMA",
            "resolution",
            "Test fixture: the UN Security Council adopted S/RES/2100, creating MINUSMA.",
            aliases=["Resolution 2100"],
        ),
        event(
            "sevare-attack",
            EventDate(2015, 8, 7),
            "Attack on a hotel in Sévaré",
            "attack",
            "Test fixture: gunmen attacked a hotel in Sévaré used by MINUSMA contractors.",
            aliases=["Sévaré hotel attack"],
            tone="solemn",
        ),
        TalkingPointSet(
            id="minusma-withdrawal-points",
            title="Why the MINUSMA withdrawal matters",
            topic="minusma",
            audience="Hill staff",
            as_of=dt.date(2023, 12, 31),
            points=(
                Point("Test fixture: the mission's fatalities show the risk it took.", ("x",)),
                Point("Test fixture: civilians lose protection when it leaves.", ("x",)),
            ),
            location=HERE,
            aliases=("MINUSMA withdrawal",),
        ),
        fact(
            "casques-bleus-blesses",
            "Test fixture: deux casques bleus ont été blessés près de Kidal.",
            tags=["wounded"],
        ),
        synonyms=[
            ("killed", "deaths", "fatalities", "dead", "toll", "casualties"),
            ("peacekeepers", "blue helmets", "casques bleus"),
            ("wounded", "injured"),
        ],
    )
    return SearchIndex.build(store)


def first_id(index: SearchIndex, query: str, **kwargs) -> str:
    found = index.search(query, **kwargs)
    assert found, f"no result for {query!r}"
    return found[0].record.id


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("minusma fatalities", "minusma-fatalities"),
        ("MINUSMA FATALITIES", "minusma-fatalities"),
        ("Minusma Fatalities?", "minusma-fatalities"),
        ("Sévaré", "sevare-attack"),
        ("sevare", "sevare-attack"),
        ("SEVARE attack", "sevare-attack"),
        ("minusma casualites", "minusma-fatalities"),
        ("fatalites", "minusma-fatalities"),
        ("minsuma fatalitys", "minusma-fatalities"),
        ("15,476", "minusma-personnel"),
        ("15476", "minusma-personnel"),
        ("15 476", "minusma-personnel"),
        ("15\u202f476", "minusma-personnel"),
        ("res 2100", "res-2100"),
        ("resolution 2100", "res-2100"),
        ("S/RES/2100", "res-2100"),
        ("2100", "res-2100"),
        ("how many peacekeepers were killed", "minusma-fatalities"),
        ("minusma deaths", "minusma-fatalities"),
        ("minusma death toll", "minusma-fatalities"),
        ("attacks on hotels", "sevare-attack"),
        ("displaced people in mali", "mali-displacement"),
        ("minusma-budget", "minusma-budget"),
        ("withdrawal", "minusma-withdrawal-points"),
    ],
)
def test_the_intended_record_comes_first(index, query, expected):
    assert first_id(index, query) == expected


def test_multi_word_synonyms(index):
    assert first_id(index, "blue helmets killed") == "minusma-fatalities"
    assert first_id(index, "injured peacekeepers") == "casques-bleus-blesses"
    assert first_id(index, "Casques Bleus") == "casques-bleus-blesses"
    found = index.search("blue helmets killed")[0]
    assert found.matched == ("blue helmets", "killed")
    # "blue" alone is not "blue helmets": a phrase needs all its words
    assert index.search("blue") == []


def test_results_are_matches_with_scores_and_matched_words(index):
    found = index.search("minusma casualites")
    assert all(isinstance(m, Match) for m in found)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert all(0 < m.score <= 100 for m in found)
    assert found[0].matched == ("minusma", "casualites")


def test_an_exact_alias_wins_with_full_score(index):
    found = index.search("MINUSMA budget")
    assert found[0].record.id == "minusma-budget"
    assert found[0].score == 100
    assert found[1].score < 100


def test_alias_beats_a_mention_in_the_body(index):
    found = [m.record.id for m in index.search("budget")]
    assert found.index("minusma-budget") < found.index("un-peacekeeping-overview")
    found = [m.record.id for m in index.search("personnel")]
    assert found.index("minusma-personnel") < found.index("un-peacekeeping-overview")


def test_kinds_filter(index):
    found = index.search("minusma", kinds=frozenset({"event"}))
    assert found
    assert {m.record.record_type for m in found} == {"event"}
    found = index.search("fatalities", kinds=frozenset({"talking_points"}))
    assert [m.record.id for m in found] == ["minusma-withdrawal-points"]
    # An exact alias match of another kind is filtered out too.
    found = index.search("minusma budget", kinds=frozenset({"event", "talking_points"}))
    assert "minusma-budget" not in [m.record.id for m in found]


def test_unknown_kind_is_an_error(index):
    with pytest.raises(ValueError, match="talkingpoints"):
        index.search("minusma", kinds=frozenset({"talkingpoints"}))


def test_records_matching_every_word_come_first(index):
    # Each of "budget" and "personnel" is an alias word of one fact, but only the overview
    # mentions both: covering the whole query beats a strong match on half of it.
    found = index.search("budget personnel")
    assert found[0].record.id == "un-peacekeeping-overview"
    assert found[0].matched == ("budget", "personnel")
    assert {m.record.id for m in found[1:3]} == {"minusma-budget", "minusma-personnel"}
    assert all(m.matched in (("budget",), ("personnel",)) for m in found[1:])
    scores = [m.score for m in index.search("minusma personnel mali budget")]
    assert scores == sorted(scores, reverse=True)
    assert all(len(m.matched) == 3 for m in index.search("minusma personnel mali budget")[:2])


def test_long_queries_still_rank(index):
    query = "how many minusma peacekeepers were killed in mali and what did it cost the un budget"
    found = index.search(query)
    assert found
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)


def test_same_query_same_order(index):
    first = [(m.record.id, m.score) for m in index.search("minusma")]
    assert first == [(m.record.id, m.score) for m in index.search("MINUSMA")]


def test_limit(index):
    assert len(index.search("minusma", limit=2)) == 2
    assert index.search("minusma", limit=0) == []


@pytest.mark.parametrize("query", ["", "   ", "the of and", "how many were there?", "?!"])
def test_nothing_or_only_stop_words_returns_nothing(index, query):
    assert index.search(query) == []


def test_unknown_words_return_nothing(index):
    assert index.search("zzyzx qwv") == []


def test_numbers_are_not_fuzzy(index):
    assert index.search("2101") == []
    assert index.search("15477") == []


def test_suggestions_when_nothing_matches(index):
    assert index.search("mnsm wthdrw") == []
    assert index.suggest("mnsm wthdrw")[0] == "MINUSMA withdrawal"
    # One suggestion per record, under whichever of its names is closest.
    assert index.suggest("sevre hotl atack")[0] in {
        "Sévaré hotel attack",
        "Attack on a hotel in Sévaré",
    }
    assert len(index.suggest("minusma", limit=2)) <= 2
    assert index.suggest("") == []


def test_a_dropped_index_is_freed_without_the_cyclic_gc(index):
    # The live store freezes the GC after a reload, so an index kept alive only by a reference
    # cycle would leak on every reload.
    import gc
    import weakref

    built = SearchIndex.build(index.store)
    built.search("minusma casualites")
    built.suggest("mnsm")
    gone = weakref.ref(built)
    gc.disable()
    try:
        del built
        assert gone() is None
    finally:
        gc.enable()


def test_empty_store():
    empty = SearchIndex.build(Store.empty())
    assert empty.search("minusma") == []
    assert empty.suggest("minusma") == []


@pytest.mark.parametrize(
    "query",
    ["minusma", "minusma casualites", "peacekeepers killed", "res 2100", "sevare", "qwxz", ""],
)
@pytest.mark.parametrize("at_most", [1, 3, 10])
def test_count_says_how_many_search_would_return(index, query, at_most):
    # `/fact` ranks only the match it shows and says "1 of N" from count(): they must agree.
    assert index.count(query, at_most=at_most) == len(index.search(query, limit=at_most))
    kinds = frozenset({"event"})
    assert index.count(query, at_most, kinds) == len(index.search(query, at_most, kinds))


def test_count_agrees_with_search_on_the_shipped_store():
    from bot.facts import load_store

    shipped = SearchIndex.build(load_store("facts").store)
    for query in ["minusma fatalities", "algiers agreement", "barkhane", "gao attack", "mali"]:
        assert shipped.count(query, at_most=10) == len(shipped.search(query, limit=10)), query
