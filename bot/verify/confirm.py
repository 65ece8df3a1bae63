"""What "Still true" changes in a fact's record: the check recorded, and the next review moved.

A fact reviewed on an interval (`review_every`) counts its next review from `reviewed`, so setting
`reviewed` to today is enough. A fact with a fixed `review_by` date ignores `reviewed`: the check
also moves `review_by` forward by the interval the fact had, from its last check (`reviewed`, else
`as_of`) to its old `review_by`, in whole months when both fall on the same day of the month. A
fact whose `review_by` is not after its last check has no interval to carry forward; a curator
sets the next date by hand. Pure and total: a problem comes back as a message, never raised.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bot.facts.model import Fact
from bot.facts.records import add_interval


@dataclass(frozen=True)
class StillTrue:
    """The field edits recording the check, or why factbot cannot make them."""

    edits: dict[str, str] = field(default_factory=dict)
    problem: str | None = None


def still_true_edits(fact: Fact, today: dt.date) -> StillTrue:
    """The edits that record today's check of `fact` and move its next review past today."""
    checked = {"reviewed": today.isoformat()}
    if not fact.review_by_given or fact.review_by is None:
        return StillTrue(checked)
    start = fact.reviewed or fact.as_of
    next_review = _carried_forward(start, fact.review_by, today)
    if next_review is None:
        return StillTrue(problem=_no_interval(fact, start))
    return StillTrue({**checked, "review_by": next_review.isoformat()})


def _carried_forward(start: dt.date, review_by: dt.date, today: dt.date) -> dt.date | None:
    """`today` plus the interval from `start` to `review_by`; None when there is none."""
    if review_by <= start:
        return None
    if start.day == review_by.day:
        months = (review_by.year - start.year) * 12 + review_by.month - start.month
        return add_interval(today, months, "month")
    return add_interval(today, (review_by - start).days, "day")


def _no_interval(fact: Fact, start: dt.date) -> str:
    return (
        f"`{fact.id}` has a fixed review date ({fact.review_by}) that is not after its last "
        f"check ({start}), so factbot cannot tell when to review it next. Ask a curator to set "
        "a new `review_by` in its record, or to replace it by `review_every`."
    )
