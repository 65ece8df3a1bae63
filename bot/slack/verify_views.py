"""Block Kit for verification: the weekly DM to a fact's owner, and the curators' App Home list.

Each overdue fact gets **Still true** (a pull request that sets `reviewed` to today, moving the
next review) and **Needs a change** (the correction modal). Pure functions: no Slack calls, no
clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.facts.model import Fact
from bot.grammar import count
from bot.slack.blocks_records import plain
from bot.slack.text import (
    actions,
    button,
    cap_items,
    context,
    day,
    escape,
    finish,
    header,
    more_note,
    section,
)

STILL_TRUE = "verify_ok"
NEEDS_CHANGE = "verify_fix"
MAX_IN_DM = 15  # 2 blocks a fact keeps a DM well inside Slack's 50 blocks
MAX_ON_HOME = 10


def fact_to_confirm(fact: Fact) -> list[dict]:
    """One overdue fact with its two buttons."""
    due = f"review was due {day(fact.review_by)}" if fact.review_by else "past review"
    return [
        section(f"`{escape(fact.id)}` ({due})\n_{escape(plain(fact.statement, 280))}_"),
        actions(
            button("Still true", STILL_TRUE, {"id": fact.id}, style="primary"),
            button("Needs a change", NEEDS_CHANGE, {"id": fact.id}),
        ),
    ]


def render_reminder(facts: Sequence[Fact], today: dt.date):
    """The weekly DM to an owner: their overdue facts, each to confirm or correct."""
    shown, left_out = cap_items(list(facts), MAX_IN_DM)
    how_many = f"Past review: {count(len(facts), 'fact')} you look after."
    blocks: list[dict | None] = [
        header("Facts to confirm"),
        section(f"{how_many} Still true? Each answer becomes a pull request a curator merges."),
    ]
    for fact in shown:
        blocks += fact_to_confirm(fact)
    blocks.append(more_note(left_out, "facts", "Confirm these first; the rest come next week."))
    blocks.append(context(f"Sent {day(today)}; at most one reminder a week."))
    text = f"{how_many} Still true?"
    return finish(blocks, text)


def unowned_section(facts: Sequence[Fact]) -> list[dict | None]:
    """For curators in the App Home: overdue facts nobody owns, each to confirm or correct."""
    if not facts:
        return []
    shown, left_out = cap_items(list(facts), MAX_ON_HOME)
    blocks: list[dict | None] = [header("Overdue facts nobody owns (curators)")]
    for fact in shown:
        blocks += fact_to_confirm(fact)
    blocks.append(more_note(left_out, "facts", "Give facts `owners` so reminders reach them."))
    return blocks
