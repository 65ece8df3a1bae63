"""Source kinds, UN symbols, dates as precise as the evidence, pasteable statements (A120-A125)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.facts.load import load_store
from bot.facts.periods import parse_period
from bot.facts.quality import sentence_count, weak_sourcing, word_count
from bot.facts.sources import by_quality, host, is_un_host, symbol_url

FACT = """\
facts:
  - id: un-ceiling
    statement: The ceiling was *13,289* military.
    note: Confirmed by resolution 2423.
    sources:
      - title: Encyclopaedia entry
        url: https://en.wikipedia.org/wiki/X
        kind: reference
      - title: Wire report
        url: https://news.example.net/ceiling
        kind: press
      - title: Resolution 2423 (2018)
        symbol: S/RES/2423 (2018)
        publisher: UN Security Council
        date: 2018-06-28
        kind: primary
    as_of: 2018-09
    review_every: 1 month
    topic: minusma
"""


def load(tmp_path: Path, text: str, today: dt.date = dt.date(2018, 10, 1)):
    """What `factbot check` and the bot get from one fact file."""
    (tmp_path / "f.yaml").write_text(text)
    return load_store(tmp_path, today=today)


def codes(result) -> list[str]:
    """The rule codes reported, in order."""
    return [p.code for p in result.problems]


def test_month_as_of_symbol_and_note_are_read(tmp_path):
    result = load(tmp_path, FACT)
    assert codes(result) == []
    fact = result.store.facts["un-ceiling"]
    assert (fact.as_of, fact.as_of_precision) == (dt.date(2018, 9, 30), "month")
    assert (fact.as_of_label, fact.as_of_human) == ("2018-09", "September 2018")
    assert fact.note == "Confirmed by resolution 2423."
    resolution = fact.sources[2]
    assert resolution.url == "https://undocs.org/S/RES/2423(2018)"
    assert (resolution.kind, resolution.symbol) == ("primary", "S/RES/2423 (2018)")
    # Review counts from the end of the month the evidence gives, not from a made-up day.
    assert fact.review_by == dt.date(2018, 10, 30)


def test_year_as_of(tmp_path):
    fact = load(tmp_path, FACT.replace("as_of: 2018-09", "as_of: 2018")).store.facts["un-ceiling"]
    assert (fact.as_of, fact.as_of_label, fact.as_of_human) == (
        dt.date(2018, 12, 31),
        "2018",
        "2018",
    )


def test_bad_values_are_errors_with_positions(tmp_path):
    cases = {
        "as_of: 2018-13": ("as_of: 2018-09", "as_of: 2018-13", "F007"),
        "as_of in words": ("as_of: 2018-09", "as_of: September 2018", "F007"),
        "kind": ("kind: press", "kind: blog", "F016"),
        "symbol": ("symbol: S/RES/2423 (2018)", "symbol: resolution 2423", "F006"),
    }
    for name, (old, new, code) in cases.items():
        result = load(tmp_path, FACT.replace(old, new))
        assert code in [p.code for p in result.errors], name


def test_a_symbol_linked_through_a_mirror_is_advisory_a121(tmp_path):
    mirror = "        symbol: S/RES/2423 (2018)\n        url: https://docslib.org/doc/1/res\n"
    result = load(tmp_path, FACT.replace("        symbol: S/RES/2423 (2018)\n", mirror))
    assert result.ok
    [a121] = [p for p in result.advisories if p.code == "A121"]
    assert "S/RES/2423 (2018) is linked through docslib.org" in a121.message


def test_low_confidence_with_a_caveat_is_not_nagged_about_its_sources(tmp_path):
    one_outlet = FACT.replace("https://news.example.net/ceiling", "https://en.wikipedia.org/wiki/Y")
    one_outlet = one_outlet.replace(
        "        symbol: S/RES/2423 (2018)\n", "        url: https://en.wikipedia.org/wiki/Z\n"
    )
    assert "A120" in codes(load(tmp_path, one_outlet))
    caveated = one_outlet.replace(
        "    topic:", "    confidence: low\n    caveat: No primary source.\n    topic:"
    )
    assert "A120" not in codes(load(tmp_path, caveated))


def test_symbol_links_and_outlets():
    assert symbol_url("S/RES/2100 (2013)") == "https://undocs.org/S/RES/2100(2013)"
    assert symbol_url("S/2018/1174") == "https://undocs.org/S/2018/1174"
    assert is_un_host("https://press.un.org/en/2018/sc13400.doc.htm")
    assert is_un_host("http://minusma.unmissions.org/sites/default/files/n1820250_0.pdf")
    assert not is_un_host("https://docslib.org/doc/9294979/report")
    assert not is_un_host("https://notun.org/x")
    assert host("https://WWW.Reuters.com/article") == "reuters.com"


def test_weak_sourcing(tmp_path):
    sources = load(tmp_path, FACT).store.facts["un-ceiling"].sources
    assert weak_sourcing(sources) is None
    assert "reference work" in weak_sourcing(sources[:1])
    assert "one outlet (news.example.net)" in weak_sourcing(sources[1:2])
    assert [s.kind for s in by_quality(sources)] == ["primary", "press", "reference"]


def test_sentences_and_words_as_a_reader_counts_them():
    assert sentence_count("Col. Assimi Goïta had the U.S. envoy told on 24 May 2021.") == 1
    assert sentence_count("IBK won *67.16%* of the vote. Cissé alleged fraud.") == 2
    assert sentence_count('The notes said "it worked." They were wrong. So it goes.') == 3
    assert sentence_count("Resolution 2423 (S/RES/2423) renewed it; the CMA signed.") == 1
    assert word_count("*311* personnel – <https://x.org|the UN> said") == 5


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=12), st.integers(), st.dates(), st.none(), st.booleans()))
def test_parse_period_is_total(value):
    parsed = parse_period(value)
    if parsed is not None:
        end, precision = parsed
        assert precision in ("day", "month", "year") and isinstance(end, dt.date)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_counting_is_total(text):
    assert sentence_count(text) >= 1 and word_count(text) >= 0


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789-: 'aZ", max_size=12))
def test_any_as_of_is_read_or_reported_never_raised(tmp_path_factory, as_of):
    tmp_path = tmp_path_factory.mktemp("asof")
    text = FACT.replace("as_of: 2018-09", f"as_of: {as_of!r}" if as_of.strip() else "as_of: x")
    result = load(tmp_path, text)
    assert result.ok == ("un-ceiling" in result.store.facts)
