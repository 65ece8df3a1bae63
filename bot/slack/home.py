"""The App Home tab as a pure view: upcoming anniversaries, overdue facts, how to contribute.

Admins also see recent posting failures (posting-ledger rows), so a missed anniversary post is
noticed in Slack and not only in a log file; a failed one has a Retry button (`post_retry`).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.facts.model import Fact
from bot.mrkdwn import shorten
from bot.schedule.ledger import LedgerEntry
from bot.slack.blocks_dates import anniversary_blocks
from bot.slack.blocks_records import plain
from bot.slack.suggest_views import suggest_new_button
from bot.slack.text import (
    actions,
    button,
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
from bot.slack.verify_views import unowned_section

MAX_HOME_ANNIVERSARIES = 30
MAX_STALE = 25
MAX_FAILURES = 15
MAX_EVENTS_SHOWN = 5  # event ids named on one failure line (a digest can hold many)
RETRY_ACTION = "post_retry"


def render_home(
    upcoming: Sequence,
    stale_facts: Sequence[Fact],
    repo_url: str,
    failures: Sequence[LedgerEntry] | None = None,
    is_admin: bool = False,
    notice: str = "",
    curators: list | None = None,
    form_url: str | None = None,
    unowned: Sequence[Fact] = (),
) -> dict:
    """The `views.publish` view for the App Home tab (≤ 100 blocks, every text within limits).

    `notice` (plain text, escaped here) is shown first, e.g. what became of an admin's Retry.
    `curators`: blocks only curators see (the unanswered questions), or None.
    "Suggest a fact" opens the new-fact modal, or links to `form_url` without GitHub. `unowned`:
    for curators, overdue facts nobody owns, each with Still true / Needs a change.
    """
    blocks: list[dict | None] = [
        header("factbot"),
        context("Cited, dated facts: `/fact`, `/talkingpoints`, `/anniversaries`."),
    ]
    if notice:
        blocks.append(section(escape(notice)))
    blocks += [divider(), *_upcoming(upcoming)]
    blocks += [divider(), *_stale(stale_facts)]
    if unowned:
        blocks += [divider(), *unowned_section(unowned)]
    blocks += [divider(), *_contribute(repo_url), actions(suggest_new_button("", form_url))]
    if curators:
        blocks += [divider(), *curators]
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
    return [*blocks, *line_sections(lines), more_note(left_out, "overdue fact")]


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


def _failures(failures: Sequence[LedgerEntry]) -> list:
    blocks: list = [header("Recent posting failures (admins)")]
    if not failures:
        return [*blocks, section("No posting failures recorded.")]
    shown, left_out = cap_items(list(failures), MAX_FAILURES)
    return [*blocks, *[_failure_block(e) for e in shown], more_note(left_out, "failure")]


def _failure_block(entry: LedgerEntry) -> dict:
    """One failed or missed post; a failed one (e.g. `not_in_channel`) can be retried."""
    block = section(_failure_line(entry))
    if entry.state == "failed":
        block["accessory"] = button("Retry", RETRY_ACTION, entry.key)
    return block


def _failure_line(entry: LedgerEntry) -> str:
    """`• due 2027-04-01 13:00 UTC in <#C0123>: `daily` (`res-2100`) failed: not_in_channel`."""
    due = entry.due_at.strftime("%Y-%m-%d %H:%M UTC")
    channel = entry.channel
    where = f"<#{channel}>" if channel.isalnum() and channel[:1] in "CG" else escape(channel)
    events = ", ".join(f"`{escape(e)}`" for e in entry.event_ids[:MAX_EVENTS_SHOWN])
    if len(entry.event_ids) > MAX_EVENTS_SHOWN:
        events += f" and {len(entry.event_ids) - MAX_EVENTS_SHOWN} more"
    reason = escape(entry.reason or "no reason recorded")
    return (
        f"• due {due} in {where}: `{escape(entry.schedule_id)}` ({events}) {entry.state}: {reason}"
    )
