"""Still true on any fact the loader accepts: the check is recorded as today, and afterwards the
fact is no longer overdue; or factbot says why it cannot move the review (never an exception)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.facts.load import load_store
from bot.github.yamledit import edit_field
from bot.verify.confirm import still_true_edits

DAYS = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))
RECORD = """\
facts:
  - id: widget-count
    statement: "Test data: Testland had 1,200 widgets."
    sources:
      - title: "Widget census"
        url: "https://example.org/census"
    as_of: {as_of}
{review}    topic: testland
"""


def load_one(text: str, today: dt.date):
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "facts.yaml").write_text(text, encoding="utf-8")
        loaded = load_store(Path(folder), today=today)
    assert list(loaded.errors) == []
    return loaded.store.facts["widget-count"]


@settings(max_examples=40, deadline=None)
@given(
    as_of=DAYS,
    reviewed=st.none() | DAYS,
    review_by=st.none() | DAYS,
    every=st.sampled_from(["90 days", "6 months", "1 year", "2 weeks"]),
    later=st.integers(min_value=1, max_value=4000),
)
def test_still_true_leaves_the_fact_not_overdue_or_says_why(
    as_of, reviewed, review_by, every, later
):
    review = f"    reviewed: {reviewed}\n" if reviewed else ""
    review += f"    review_by: {review_by}\n" if review_by else f"    review_every: {every}\n"
    text = RECORD.format(as_of=as_of, review=review)
    today = max(as_of, reviewed or as_of) + dt.timedelta(days=later)
    fact = load_one(text, today)
    result = still_true_edits(fact, today)
    if result.problem is not None:
        assert review_by is not None and review_by <= (reviewed or as_of)
        assert result.edits == {} and "review_by" in result.problem
        return
    assert result.edits["reviewed"] == today.isoformat()
    for name, value in result.edits.items():
        text = edit_field(text, "widget-count", name, value).text
    checked = load_one(text, today)
    assert checked.reviewed == today and not checked.is_stale(today)
