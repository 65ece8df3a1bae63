"""Pure Block Kit rendering for `/fact`, `/talkingpoints` and `/anniversaries`.

Every function returns `(blocks, text)`: the blocks Slack shows and a plain fallback for
notifications and screen readers. Nothing here imports Slack or reads the clock. User-typed text
(the query) is always escaped; the store's mrkdwn keeps its links but cannot ping anyone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from bot.facts.model import Fact, Record, Store, TalkingPointSet
from bot.grammar import count
from bot.slack.blocks_dates import render_anniversaries
from bot.slack.blocks_records import (
    fact_warnings,
    points_blocks,
    record_body,
    record_summary,
)
from bot.slack.suggest_views import suggest_menu, suggest_new_button
from bot.slack.text import (
    actions,
    button,
    context,
    day,
    escape,
    finish,
    header,
    line_sections,
    link,
    section,
    valid_user,
)
from bot.slack.values import MAX_BUTTON_VALUE, fit_json, json_string

__all__ = [
    "escape",
    "render_anniversaries",
    "render_error",
    "render_fact",
    "render_fact_help",
    "render_no_match",
    "render_shared_fact",
    "render_shared_talking_points",
    "render_talking_point_sets",
    "render_talking_points",
]

SHARE_FACT, NEXT_FACT, SHARE_POINTS = "fact_share", "fact_next", "tp_share"
COPY_FACT = "fact_copy"


def fact_value(record_id: str, query: str, position: int) -> str:
    """The `fact_share`/`fact_next` button value: `{"id", "q", "i"}` as JSON, ≤ 2,000 chars.

    `i` is the position of the match shown; `fact_next` shows position `i + 1`.
    """
    # Spelled out, each string escaped as `compact_json` would: every /fact makes one, and
    # setting up a JSON encoder costs more than this whole value.
    value = f'{{"id":{json_string(record_id)},"q":{json_string(query)},"i":{int(position)}}}'
    if len(value) <= MAX_BUTTON_VALUE:
        return value
    return fit_json({"id": record_id, "q": query, "i": position}, "q")


def render_fact(
    store: Store,
    matches: Sequence,
    position: int,
    query: str,
    today: dt.date,
    total: int | None = None,
    note: Callable[[Callable[[str], str]], str | None] | None = None,
    form_url: str | None = None,
):
    """The private `/fact` reply for `matches[position]`, with Share, Next and "1 of N".

    `total` is how many matches there are in all when `matches` holds only the ranked ones
    shown so far (the default: `len(matches)`). `note` goes first: what a partial match did not
    find, made by `note(emphasis)` so the blocks get bold words and the fallback plain ones.
    A fact also gets "Suggest a correction", which opens the modal, or links to `form_url`
    (the issue form) when GitHub is not configured.
    """
    if not matches:
        return render_no_match(query, [], "")
    position = min(max(position, 0), len(matches) - 1)
    total = max(total or 0, len(matches))
    record = matches[position].record
    value = fact_value(record.id, query, position)  # once, for both buttons
    buttons: list[dict | None] = [button("Share in channel", SHARE_FACT, value, style="primary")]
    if isinstance(record, Fact):
        buttons.append(button("Copy text", COPY_FACT, value))
    if position + 1 < total:
        buttons.append(button("Next match", NEXT_FACT, value))
    if isinstance(record, Fact):
        buttons.append(suggest_menu(record.id, form_url))
    shown = f"{position + 1} of {count(total, 'match')}"
    blocks, text = record_body(store, record, today)
    marked = note(bold) if note else None
    if note and marked:
        blocks.insert(0, section(marked))
        text = f"{note(str)} {text}"
    blocks.append(actions(*[b for b in buttons if b]))
    blocks.append(context(f"{shown} for “{escape(query)}” · only you can see this"))
    return finish(blocks, text)


def bold(word: str) -> str:
    """A query word in bold, escaped (for the partial-match note)."""
    return f"*{escape(word)}*"


def render_shared_fact(
    store: Store, record: Record, shared_by: str, today: dt.date, form_url: str | None = None
):
    """The in-channel post of a record: the same body, "Shared by <@U…>", and for a fact only
    "Suggest a correction" (anyone in the channel may spot a mistake)."""
    blocks, text = record_body(store, record, today)
    user = valid_user(shared_by)
    if user:
        blocks.append(context(f"Shared by <@{user}> with /fact"))
    menu = suggest_menu(record.id, form_url) if isinstance(record, Fact) else None
    if menu:
        blocks.append(actions(menu))
    return finish(blocks, text)


def render_copy_text(store: Store, fact: Fact, today: dt.date):
    """The fact as plain text to paste (no mrkdwn markers), dated and cited; warnings above it."""
    text = record_summary(fact, limit=None)
    blocks = [section(w) for w in fact_warnings(store, fact, today)]
    # Slack reads &, < and > as entities even in plain_text: escaped, they show as written.
    shown = {"type": "plain_text", "text": escape(text), "emoji": False}
    blocks.append({"type": "section", "text": shown})
    blocks.append(context("Plain text to paste: select it and copy · only you can see this"))
    return finish(blocks, text)


def render_no_match(
    query: str, suggestions: Sequence[str], add_url: str, form_url: str | None = None
):
    """Nothing matched: say so, offer "did you mean", "Suggest a fact about …", a link."""
    lines = [f"No fact matches “{escape(query)}”."]
    if suggestions:
        lines.append("Did you mean: " + ", ".join(f"*{escape(s)}*" for s in suggestions) + "?")
    blocks = [section("\n".join(lines))]
    if add_url:
        blocks.append(
            context(f"Missing a fact? {link(add_url, 'Add one by pull request')} (with a source).")
        )
    if query.strip():
        blocks.append(actions(suggest_new_button(query.strip(), form_url)))
    text = f"No fact matches “{query}”."
    if suggestions:
        text += " Did you mean: " + ", ".join(suggestions) + "?"
    return finish(blocks, text)


def render_fact_help(store: Store):
    """How to use the three commands, and the topics the store covers."""
    usage = "\n".join(
        [
            "*`/fact &lt;question&gt;`*: a cited, dated fact, only you see it until you share it. "
            "Try `/fact minusma fatalities`.",
            "*`/talkingpoints [topic]`*: talking points with their citations; "
            "no topic lists the sets.",
            "*`/anniversaries [days | month | search]`*: upcoming anniversaries, "
            "e.g. `/anniversaries 60`, `/anniversaries april`.",
        ]
    )
    topics = ", ".join(f"`{escape(t)}`" for t in store.topics()) or "none yet"
    sets = len(store.talking_points)
    counts = (
        f"{count(len(store.facts), 'fact')}, {count(len(store.events), 'event')}, "
        f"{count(sets, 'talking-point set')}"
    )
    blocks = [header("How to use factbot"), section(usage), context(f"Topics: {topics}", counts)]
    return finish(blocks, "factbot: /fact <question>, /talkingpoints [topic], /anniversaries")


def render_talking_points(store: Store, tp_set: TalkingPointSet, today: dt.date):
    """A set of talking points, each cited, with a Share button."""
    blocks = [
        *points_blocks(store, tp_set, today),
        actions(button("Share in channel", SHARE_POINTS, {"id": tp_set.id}, style="primary")),
    ]
    return finish(blocks, record_summary(tp_set))


def render_shared_talking_points(
    store: Store, tp_set: TalkingPointSet, shared_by: str, today: dt.date
):
    """The in-channel post of a talking-point set: no buttons, "Shared by <@U…>"."""
    blocks = points_blocks(store, tp_set, today)
    user = valid_user(shared_by)
    if user:
        blocks.append(context(f"Shared by <@{user}> with /talkingpoints"))
    return finish(blocks, record_summary(tp_set))


def render_talking_point_sets(store: Store):
    """No topic given: every set, grouped by topic, with the command that shows it."""
    sets = sorted(store.talking_points.values(), key=lambda s: (s.topic, s.title))
    if not sets:
        return finish(
            [section("There are no talking points in the store yet.")], "No talking points"
        )
    lines = [
        f"• *{escape(s.title)}* ({escape(s.topic)}; for {escape(s.audience)}; "
        f"as of {day(s.as_of)}): `/talkingpoints {s.id}`"
        for s in sets
    ]
    blocks = [header("Talking points"), *line_sections(lines)]
    return finish(
        blocks,
        f"Talking points: {count(len(sets), 'set')}. Type /talkingpoints <topic> to see one.",
    )


def render_error(message: str):
    """A polite message for a tampered button, an unknown id or a failure."""
    return finish([section(f":warning: {escape(message)}")], message)
