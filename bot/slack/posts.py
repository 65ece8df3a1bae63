"""An anniversary post (one event) or digest (many) as Block Kit, and as plain text for previews.

Pure: returns `(blocks, text)` dicts and strings, never calls Slack. Text from the store's mrkdwn
fields (summary, statements, points, suggested posts) keeps its links but cannot ping a channel;
everything else is escaped. Slack's limits (≤ 50 blocks, ≤ 3,000 characters a section, ≤ 150 a
header) are enforced by `bot.slack.text.finish`.
"""

from __future__ import annotations

import calendar
import datetime as dt

from bot.facts.model import Event, Store
from bot.facts.sources import by_quality
from bot.grammar import count
from bot.mrkdwn import unescape
from bot.schedule.attempts import LATE_REASON
from bot.schedule.model import Occurrence
from bot.schedule.occurrences import AnniversaryIndex
from bot.schedule.upcoming import first_per_event
from bot.schedule.wording import (
    digest_line,
    headline,
    intro,
    is_milestone,
    lead_phrase,
    years_since,
)
from bot.slack.text import (
    MAX_SECTION,
    as_of_text,
    context,
    escape,
    finish,
    header,
    link,
    render_stored,
    section,
    sources_text,
    truncate,
)

MAX_CAVEAT = 300  # a related fact's caveat, shortened: the full one is on its /fact card


def late_note(occ: Occurrence, late_by: dt.timedelta, reason: str = LATE_REASON) -> str:
    """`Posted 3 h 12 min late (factbot was down); it was due at 09:00 EDT.`

    A day or more late names the day too: `Posted 2 days 4 h late (…); it was due on Sun 14 Mar
    at 09:00 EDT.`
    """
    minutes = int(late_by.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    due = occ.local_at.strftime("%H:%M %Z")
    if days:
        span = f"{days} day{'s' if days != 1 else ''} {hours} h"
        due = f"on {occ.local_at:%a} {occ.local_at.day} {occ.local_at:%b} at {due}"
    else:
        span = f"{hours} h {minutes} min" if hours else f"{minutes} min"
        due = f"at {due}"
    return f"Posted {span} late ({reason}); it was due {due}."


def render_occurrence(
    occ: Occurrence,
    store: Store,
    now: dt.datetime,
    late_by: dt.timedelta | None = None,
    late_reason: str = LATE_REASON,
) -> tuple[list[dict], str]:
    """Block Kit blocks and the notification fallback text for one occurrence."""
    events = [store.events[i] for i in occ.event_ids if i in store.events]
    if not events:
        text = "An anniversary post was due, but its event is no longer in the fact store."
        return finish([section(escape(text))], text)
    if occ.is_digest:
        blocks, text = _digest_blocks(occ, events)
    else:
        blocks, text = _reminder_blocks(occ, events[0], store, now.date())
    if late_by is not None and late_by > dt.timedelta(0):
        note = late_note(occ, late_by, late_reason)
        blocks.insert(1, context(f":warning: {escape(note)}"))
        text = f"{text} ({note})"
    return finish(blocks, text)


def _reminder_blocks(
    occ: Occurrence, event: Event, store: Store, today: dt.date
) -> tuple[list[dict], str]:
    day = occ.anniversary_date
    milestone = is_milestone(years_since(event, day), occ.milestones)
    title = headline(event, day)
    opening = intro(event, day, (day - occ.local_date).days, milestone)
    blocks = [
        header(title),
        section(f"*{escape(opening)}*" if milestone else escape(opening)),
        section(render_stored(event.summary)),
    ]
    if event.caveat:
        blocks.append(context(f"Caveat: {render_stored(event.caveat)}"))
    blocks.extend(_fact_blocks(event, store, today))
    blocks.extend(_points_blocks(event, store))
    if event.suggested_post:
        body = render_stored(event.suggested_post).replace("```", "'''")
        body = truncate(body, MAX_SECTION - 60)
        blocks.append(section(f"*Suggested post* (copy and adapt):\n```{body}```"))
    blocks.append(context(sources_text(event.sources)))
    footer = f"Event `{event.id}` · {event.date.human()} · schedule `{occ.schedule_id}`"
    blocks.append(context(footer))
    return blocks, f"{title} — {opening}"


def _fact_blocks(event: Event, store: Store, today: dt.date) -> list[dict]:
    """Each related fact in a section of its own, its statement whole; sources in small print."""
    blocks: list[dict] = []
    for fact_id in event.facts:
        fact = store.facts.get(fact_id)
        if fact is None:
            continue
        fact = store.current(fact)
        heading = "" if blocks else "*Related facts*\n"
        stale = " :warning: _due for re-check_" if fact.is_stale(today) else ""
        unverified = " :warning: _unverified (low confidence)_" if fact.confidence == "low" else ""
        line = f"{heading}• {render_stored(fact.statement)} _(as of {as_of_text(fact)})_"
        line += unverified + stale
        # A figure copied from a post travels without its fact card: its caveat goes with it,
        # on the same line, or in the small print below when a long statement leaves no room.
        caveat = (
            f" _Caveat: {truncate(render_stored(fact.caveat), MAX_CAVEAT)}_" if fact.caveat else ""
        )
        small = " ".join(link(s.url, s.title) for s in by_quality(fact.sources)[:2])
        if len(line) + len(caveat) <= MAX_SECTION:
            line += caveat
        else:
            small = f"{caveat.strip()} {small}"
        blocks += [section(line), context(small)]
    return blocks


def _points_blocks(event: Event, store: Store) -> list[dict]:
    blocks: list[dict] = []
    for tps_id in event.talking_points:
        tps = store.talking_points.get(tps_id)
        if tps is None:
            continue
        head = f"*Talking points: {escape(tps.title)}* ({escape(tps.audience)}, as of {tps.as_of})"
        points = [f"• {render_stored(p.text)}" for p in tps.points]
        blocks.extend(section(chunk) for chunk in _pack([head, *points], MAX_SECTION))
    return blocks


def digest_entries(occ: Occurrence, events: list[Event]) -> list[tuple[dt.date, Event]]:
    """Each digest event with its anniversary date on or after the digest's day, soonest first."""
    found = AnniversaryIndex(events).between(occ.local_date, occ.local_date + dt.timedelta(366))
    return first_per_event(found)


def _digest_blocks(occ: Occurrence, events: list[Event]) -> tuple[list[dict], str]:
    entries = digest_entries(occ, events)
    start = occ.local_date
    title = f"Anniversaries coming up (from {start.day} {calendar.month_name[start.month]})"
    lines = []
    for day, event in entries:
        years = years_since(event, day)
        mark = " — *milestone*" if is_milestone(years, occ.milestones) else ""
        when = f" ({lead_phrase((day - start).days)})" if event.date.is_exact else ""
        lines.append(f"• {escape(digest_line(event, day))}{when}{mark}")
    blocks = [header(title)]
    blocks.extend(section(chunk) for chunk in _pack(lines, MAX_SECTION))
    blocks.append(context("Type `/anniversaries` for details and sources."))
    return blocks, f"{title}: {count(len(entries), 'anniversary')}"


def _pack(lines: list[str], limit: int) -> list[str]:
    """Join lines into as few texts of at most `limit` characters as possible."""
    chunks: list[str] = []
    current = ""
    for line in lines:
        line = truncate(line, limit)
        if current and len(current) + 1 + len(line) > limit:
            chunks.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        chunks.append(current)
    return chunks


def render_occurrence_text(
    occ: Occurrence, store: Store, now: dt.datetime, late_by: dt.timedelta | None = None
) -> str:
    """The post as plain text (mrkdwn kept, entities unescaped), for `factbot preview` and logs."""
    blocks, _ = render_occurrence(occ, store, now, late_by)
    out: list[str] = []
    for block in blocks:
        if block["type"] == "context":
            out.extend(el["text"] for el in block["elements"])
        elif "text" in block:
            out.append(block["text"]["text"])
    return unescape("\n".join(out))
