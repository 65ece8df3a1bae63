"""The body of one record in Block Kit: a fact, an event, or a set of talking points.

Shared by the private `/fact` reply and the in-channel post, which differ only in what goes
around the body (buttons, "1 of N", "Shared by").
"""

from __future__ import annotations

import datetime as dt
import re

from bot.facts.model import Event, Fact, Record, Source, Store, TalkingPointSet
from bot.facts.sources import by_quality
from bot.mrkdwn import shorten, stored_plain
from bot.schedule.wording import plural_years, years_since
from bot.slack.text import (
    as_of_text,
    cap_items,
    context,
    day,
    escape,
    header,
    more_note,
    render_stored,
    section,
    source_line,
    sources_text,
)

MAX_POINTS = 20  # 2 blocks a point keeps a set inside Slack's 50 blocks with room to spare
MAX_CITED_STATEMENT = 200


def record_blocks(store: Store, record: Record, today: dt.date) -> list[dict | None]:
    """The blocks that show `record`, whatever its kind."""
    if isinstance(record, Fact):
        return [*fact_blocks(store, record, today)]
    if isinstance(record, Event):
        return [*event_blocks(record, today)]
    return points_blocks(store, record, today)


def record_body(store: Store, record: Record, today: dt.date) -> tuple[list[dict | None], str]:
    """The blocks that show `record` and its fallback line (flagged when a warning shows)."""
    if isinstance(record, Fact):
        warnings = fact_warnings(store, record, today)  # once, for the blocks and the line
        prefix = "⚠️ Check before use. " if warnings else ""
        prefix += "Unverified: " if fact_is_low(record) else ""
        return [*fact_blocks(store, record, today, warnings)], prefix + record_summary(record)
    return record_blocks(store, record, today), record_summary(record)


def fact_is_low(fact: Fact) -> bool:
    """True for a fact the fact-check could not confirm (`confidence: low`)."""
    return fact.confidence == "low"


def record_summary(record: Record, limit: int | None = 300) -> str:
    """The record as plain text: no mrkdwn markers, with its date and citation.

    The fallback text of notifications (each text cut to `limit`), and, uncut, the "Copy text".
    """
    if isinstance(record, Fact):
        # Notifications and screen readers get the caveat too: a figure never travels without it.
        caveat = f" Caveat: {plain(record.caveat, limit)}" if record.caveat else ""
        cite = plain_citation(by_quality(record.sources)[0]) if record.sources else ""
        statement = plain(record.statement, limit)
        return f"{statement} (as of {as_of_text(record)}).{caveat} Source: {cite}".rstrip(": ")
    if isinstance(record, Event):
        return f"{record.title} ({record.date.human()})"
    return f"Talking points: {record.title} (as of {day(record.as_of)})"


_MARKER = re.compile(r"(?<![\w*_~])[*_~]+(?=\S)|(?<=\S)[*_~]+(?![\w*_~])")


def plain(stored: str, limit: int | None = 300) -> str:
    """The store's mrkdwn as one plain line: links spelled out, `*`, `_`, `~` markers gone."""
    text = " ".join(_MARKER.sub("", stored_plain(stored)).split())
    return shorten(text, limit) if limit else text


def plain_citation(source: Source) -> str:
    """`Title (Publisher, 28 Jun 2018) https://…`: a citation that survives a paste."""
    extra = [source.publisher] if source.publisher else []
    extra += [day(source.date)] if source.date else []
    detail = f" ({', '.join(extra)})" if extra else ""
    return f"{source.title}{detail} {source.url}"


def fact_warnings(store: Store, fact: Fact, today: dt.date) -> list[str]:
    """Visible ⚠️ lines: unverified (low confidence), past its review date, superseded."""
    warnings = []
    if fact.confidence == "low":
        warnings.append(
            "⚠️ *Unverified*: the fact-check rated this low confidence; "
            "check the sources before you use it."
        )
    if fact.review_by and fact.is_stale(today):  # stale means a review date passed
        warnings.append(
            f"⚠️ *Past its review date* (review was due {day(fact.review_by)}): "
            "check the sources before you use it."
        )
    newest = store.current(fact)
    if newest.id != fact.id:
        warnings.append(
            f"⚠️ *Superseded* by `{newest.id}` (as of {as_of_text(newest)}): "
            f"{render_stored(newest.statement)}"
        )
    elif fact.superseded_by:
        warnings.append(f"⚠️ *Superseded* by `{escape(fact.superseded_by)}`, not in the store.")
    return warnings


def fact_blocks(
    store: Store, fact: Fact, today: dt.date, warnings: list[str] | None = None
) -> list[dict]:
    """Warnings first (so nobody misses them), then statement, date, caveat, seed claim, sources."""
    if warnings is None:
        warnings = fact_warnings(store, fact, today)
    blocks = [section(w) for w in warnings]
    blocks.append(section(render_stored(fact.statement)))
    if fact.note:
        blocks.append(context(render_stored(fact.note)))
    blocks.append(context(f"As of {as_of_text(fact)}", f"Topic: {escape(fact.topic)}"))
    if fact.caveat:
        blocks.append(section(f"*Caveat:* {render_stored(fact.caveat)}"))
    if fact.seed_claim:
        blocks.append(context(f"The 2018 field notes said: “{escape(fact.seed_claim)}”"))
    blocks.append(context(sources_text(fact.sources)))
    return blocks


def event_line(event: Event, today: dt.date) -> str:
    """`25 April 2013 · resolution · 14 years ago`."""
    years = years_since(event, today)
    ago = f"{plural_years(years)} ago" if years >= 1 else "less than a year ago"
    if event.date.year > today.year:
        ago = "in the future"
    return f"{event.date.human()} · {escape(event.kind)} · {ago}"


def event_blocks(event: Event, today: dt.date) -> list[dict]:
    """Title, date and years since, summary, caveat, sources."""
    blocks = [header(event.title), context(event_line(event, today))]
    blocks.append(section(render_stored(event.summary)))
    if event.caveat:
        blocks.append(section(f"*Caveat:* {render_stored(event.caveat)}"))
    blocks.append(context(sources_text(event.sources)))
    return blocks


def citation(store: Store, fact_id: str, today: dt.date) -> str:
    """A point's supporting fact: its date and sources, flagged when stale or superseded."""
    fact = store.facts.get(fact_id)
    if fact is None:
        return f"`{escape(fact_id)}` (not in the store)"
    flags = " ⚠️ unverified" if fact.confidence == "low" else ""
    if fact.is_stale(today):
        flags += " ⚠️ past review date"
    if store.current(fact).id != fact.id:
        flags += f" ⚠️ superseded by `{store.current(fact).id}`"
    links = ", ".join(source_line(s) for s in by_quality(fact.sources))
    return f"as of {as_of_text(fact)}: {links}{flags}"


def points_blocks(store: Store, tp_set: TalkingPointSet, today: dt.date) -> list[dict | None]:
    """Title, audience and date, then each point in order with its facts' citations (a None
    where nothing was left out: `finish` drops it)."""
    blocks: list[dict | None] = [
        header(tp_set.title),
        context(
            f"For: {escape(tp_set.audience)}",
            f"As of {day(tp_set.as_of)}",
            f"Topic: {escape(tp_set.topic)}",
        ),
    ]
    shown, left_out = cap_items(list(tp_set.points), MAX_POINTS)
    for number, point in enumerate(shown, start=1):
        blocks.append(section(f"*{number}.* {render_stored(point.text)}"))
        cites = [citation(store, fid, today) for fid in point.facts]
        blocks.append(context(*cites[:9], *([f"+{len(cites) - 9} more"] if len(cites) > 9 else [])))
    blocks.append(more_note(left_out, "point"))
    return blocks
