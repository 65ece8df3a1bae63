"""The App Home tab as a pure view: upcoming anniversaries, overdue facts, how to contribute.

Admins also see recent posting failures, so a missed anniversary post is noticed in Slack and not
only in a log file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.facts.model import Fact
from bot.mrkdwn import shorten
from bot.slack.blocks_dates import anniversary_blocks
from bot.slack.blocks_records import plain
from bot.slack.text import (
    cap_items,
    context,
    day,
    divider,
    escape,
    header,
    limit_view,
    line_sections,
    link,
    more_note,
    section,
)

MAX_HOME_ANNIVERSARIES = 30
MAX_STALE = 25
MAX_FAILURES = 15


def render_home(
    upcoming: Sequence,
    stale_facts: Sequence[Fact],
    repo_url: str,
    failures: Sequence | None = None,
    is_admin: bool = False,
) -> dict:
    """The `views.publish` view for the App Home tab (≤ 100 blocks, every text within limits)."""
    blocks = [
        header("factbot"),
        context("Cited, dated facts: `/fact`, `/talkingpoints`, `/anniversaries`."),
    ]
    blocks += [divider(), *_upcoming(upcoming)]
    blocks += [divider(), *_stale(stale_facts)]
    blocks += [divider(), *_contribute(repo_url)]
    if is_admin:
        blocks += [divider(), *_failures(failures or [])]
    return limit_view({"type": "home", "blocks": blocks})


def _upcoming(upcoming: Sequence) -> list:
    blocks: list = [header("Upcoming anniversaries")]
    if not upcoming:
        return [*blocks, section("No anniversaries coming up.")]
    return [*blocks, *anniversary_blocks(upcoming, MAX_HOME_ANNIVERSARIES)]


def _stale(stale_facts: Sequence[Fact]) -> list:
    blocks: list = [header("Facts overdue for review")]
    if not stale_facts:
        return [*blocks, section("None: every fact is within its review date. :white_check_mark:")]
    shown, left_out = cap_items(list(stale_facts), MAX_STALE)
    lines = [
        f"• `{f.id}` ({escape(f.topic)}): review was due {day(f.review_by)}. "
        f"_{escape(shorten(plain(f.statement), 120))}_"
        for f in shown
    ]
    return [*blocks, *line_sections(lines), more_note(left_out, "overdue facts")]


def _contribute(repo_url: str) -> list:
    facts_url = f"{repo_url.rstrip('/')}/tree/main/facts"
    return [
        header("How to contribute"),
        section(
            f"Facts live as YAML in {link(facts_url, 'the facts folder')}. Fix or add one by "
            "pull request, with a source and an `as_of` date; `factbot check` validates it and "
            "the bot picks up the change once merged."
        ),
    ]


def _failures(failures: Sequence) -> list:
    blocks: list = [header("Recent posting failures (admins)")]
    if not failures:
        return [*blocks, section("No posting failures recorded.")]
    shown, left_out = cap_items(list(failures), MAX_FAILURES)
    return [
        *blocks,
        *line_sections([_failure_line(f) for f in shown]),
        more_note(left_out, "failures"),
    ]


def _failure_line(failure) -> str:
    when = _field(failure, "when")
    if isinstance(when, dt.datetime):
        when = when.strftime("%Y-%m-%d %H:%M %Z").strip()
    channel = str(_field(failure, "channel") or "?")
    where = f"<#{channel}>" if channel.isalnum() and channel[:1] in "CG" else escape(channel)
    return (
        f"• {escape(str(when or '?'))}: {where}, `{escape(str(_field(failure, 'event') or '?'))}`: "
        f"{escape(str(_field(failure, 'reason') or 'unknown reason'))}"
    )


def _field(failure, name: str):
    """Failures may be dicts or objects with attributes."""
    if isinstance(failure, dict):
        return failure.get(name)
    return getattr(failure, name, None)
