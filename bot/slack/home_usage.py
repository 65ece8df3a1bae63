"""The curators' part of the App Home: the questions factbot could not answer, most asked first."""

from __future__ import annotations

from collections.abc import Sequence

from bot.grammar import count
from bot.slack.text import cap_items, context, escape, header, line_sections, link, section

MAX_UNANSWERED = 10


def unanswered_blocks(unanswered: Sequence, add_url: str, days: int) -> list:
    """Top unanswered questions (from `UsageStore.stats`), each with how often, and a link."""
    blocks: list = [header("Questions factbot could not answer (curators)")]
    if not unanswered:
        return [*blocks, section(f"None in the last {days} days. :white_check_mark:")]
    shown, _ = cap_items(list(unanswered), MAX_UNANSWERED)
    lines = [
        f"• “{escape(u.query)}”: asked {count(u.count, 'time')}"
        f"{'' if u.outcome == 'none' else ', answered only in part'}"
        for u in shown
    ]
    return [
        *blocks,
        *line_sections(lines),
        context(
            f"Last {days} days, normalised, without who asked. "
            f"{link(add_url, 'Add a fact')} that answers one."
        ),
    ]
