"""The plain fallback text (notifications, screen readers) carries a fact's caveat too."""

import datetime as dt
from pathlib import Path

from bot.facts import load_store
from bot.search.index import SearchIndex
from bot.slack.blocks import render_fact, render_shared_fact

FACTS = Path(__file__).resolve().parent.parent / "facts"
TODAY = dt.date(2026, 11, 27)


def test_fallback_text_keeps_the_caveat():
    store = load_store(FACTS, TODAY).store
    fact = store.facts["minusma-personnel-2018"]
    matches = SearchIndex.build(store).search("15476", limit=1)
    assert matches[0].record is fact
    _, private = render_fact(store, matches, 0, "15476", TODAY)
    _, shared = render_shared_fact(store, fact, "U0USER01", TODAY)
    for text in (private, shared):
        assert "15,476" in text and "as of September 2018" in text
        assert "Caveat: Unverified, and internally inconsistent" in text
