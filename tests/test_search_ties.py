"""Ties in search: the record a query is about wins, verified before low confidence, then usage;
and the bigram index finds exactly the words a scan of every word would."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.fuzz import ratio

from bot.facts import load_store
from bot.search.index import SearchIndex
from bot.search.similar import SimilarWords, bigrams

FACT = """\
  - id: {id}
    statement: "Test fixture: {statement}"
    sources:
      - title: Test source
        url: https://example.org/{id}
    as_of: 2020-01-01
    review_by: 2099-01-01
    topic: {topic}
    tags: [{tags}]
{extra}"""


def index_of(tmp_path, *facts: dict) -> SearchIndex:
    text = "facts:\n" + "".join(
        FACT.format(**{"tags": "", "extra": "", "topic": "tests", **f}) for f in facts
    )
    (tmp_path / "facts.yaml").write_text(text, encoding="utf-8")
    result = load_store(tmp_path, today=dt.date(2025, 1, 1))
    assert result.ok, [p.format() for p in result.problems]
    return SearchIndex.build(result.store)


def ids(matches) -> list[str]:
    return [m.record.id for m in matches]


@pytest.mark.parametrize("mention_first", [True, False])
def test_the_record_about_a_word_beats_one_that_mentions_it(tmp_path, mention_first):
    about = {"id": "gadget-overview", "statement": "an overview.", "topic": "gadget"}
    mention = {"id": "widget-costs", "statement": "widgets cost less than a gadget.",
               "tags": "gadget"}  # fmt: skip
    facts = (mention, about) if mention_first else (about, mention)
    assert ids(index_of(tmp_path, *facts).search("gadget"))[0] == "gadget-overview"


@pytest.mark.parametrize("low_first", [True, False])
def test_low_confidence_ranks_below_verified_at_equal_relevance(tmp_path, low_first):
    low = {"id": "harbour-count-a", "statement": "12 harbours.",
           "extra": "    confidence: low\n"}  # fmt: skip
    high = {"id": "harbour-count-b", "statement": "12 harbours.",
            "extra": "    confidence: high\n"}  # fmt: skip
    found = index_of(tmp_path, *((low, high) if low_first else (high, low))).search("harbours")
    assert ids(found) == ["harbour-count-b", "harbour-count-a"]
    assert found[0].score == found[1].score  # equal relevance: only the confidence differs


def test_usage_breaks_a_tie(tmp_path):
    a = {"id": "bridge-count-a", "statement": "7 bridges."}
    b = {"id": "bridge-count-b", "statement": "7 bridges."}
    index = index_of(tmp_path, a, b)
    assert ids(index.search("bridges", limit=1)) == ["bridge-count-a"]
    assert ids(index.search("bridges", limit=1, usage={"bridge-count-b": 3})) == ["bridge-count-b"]
    # Usage never beats relevance: a better match stays first however little it is used.
    c = {"id": "bridges", "statement": "bridges over the river."}
    index = index_of(tmp_path, a, c)
    assert ids(index.search("bridges", limit=1, usage={"bridge-count-a": 99})) == ["bridges"]


def test_partial_matches_list_unmatched_words(tmp_path):
    index = index_of(tmp_path, {"id": "ferry-count", "statement": "3 ferries."})
    results = index.find("ferries budget", limit=5, at_most=5)
    assert [(m.matched, m.unmatched) for m in results.matches] == [(("ferries",), ("budget",))]
    assert results.missing == ("budget",) and results.matches[0].partial


WORDS = st.text(alphabet="abcdemnorstu", min_size=1, max_size=9)


def scan(vocabulary, word, cutoff, sharing_a_bigram=False):
    found = [
        (w, ratio(word, w))
        for w in set(vocabulary)
        if ratio(word, w) >= cutoff and (not sharing_a_bigram or bigrams(w) & bigrams(word))
    ]
    return sorted(found, key=lambda item: (-item[1], item[0]))


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=40), WORDS, st.sampled_from([80.0, 85.0, 90.0, 95.0]))
def test_typo_lookup_finds_exactly_what_a_full_scan_finds(vocabulary, word, cutoff):
    assert SimilarWords(vocabulary).similar(word, cutoff, limit=100) == scan(
        vocabulary, word, cutoff
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=40), WORDS, st.sampled_from([50.0, 65.0]))
def test_at_low_cutoffs_words_sharing_no_letter_pair_are_left_out(vocabulary, word, cutoff):
    # `baba` and `acb` score 57 but share no bigram: no suggestion should rest on that.
    assert SimilarWords(vocabulary).similar(word, cutoff, limit=100) == scan(
        vocabulary, word, cutoff, sharing_a_bigram=True
    )
