"""What factbot answers, as pure functions: parse the text or button value → search → render.

The Bolt handlers and the offline console (`factbot console`) call the same functions, so the
console shows exactly what Slack would. Every function takes a `Snapshot` (store + index) and
`today`; none reads the clock or talks to Slack. Replies are `(blocks, text)` pairs.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import partial

from bot.facts.model import Fact, Record, TalkingPointSet
from bot.schedule.upcoming import parse_request, upcoming_anniversaries
from bot.search.live import Snapshot
from bot.search.partial import partial_note
from bot.slack import blocks as render
from bot.slack.home import render_home
from bot.slack.home_usage import unanswered_blocks
from bot.usage.counts import UsageCounts
from bot.usage.store import Stats
from bot.verify.reminders import unowned_overdue

Reply = tuple[list, str]

MAX_MATCHES = 10  # how far "Next match" can page
MAX_VALUE = 2000  # Slack's limit on a button value; anything longer was not made by us
DEFAULT_REPO_URL = "https://github.com/your-org/factbot"
HELP_WORDS = frozenset({"help", "?", "-h", "--help"})
TAMPERED = (
    "Sorry, that button has expired or its data did not come from factbot. "
    "Please run the command again."
)
SHARE_FAILED = (
    "Sorry, Slack did not accept the share: this reply may have expired (Slack allows 30 "
    "minutes). Please run the command again and share the new reply."
)
SHARE_UNCERTAIN = (
    "The share may have been posted: Slack did not answer, so factbot did not send it again. "
    "Check the channel before sharing again; if it is not there, run the command again and "
    "share the new reply."
)
NO_MORE = "There are no more matches for that search. Try `/fact` with other words."
HOME_DAYS = 30


@dataclass(frozen=True)
class ButtonValue:
    """A parsed `fact_share`/`fact_next`/`tp_share` button value."""

    id: str
    query: str = ""
    position: int = 0


def add_fact_url(repo_url: str) -> str:
    """Where a contributor proposes a new fact (GitHub's "new file" page in `facts/`)."""
    return f"{repo_url.rstrip('/')}/new/main/facts"


def answer_fact(
    snapshot: Snapshot,
    text: str,
    today: dt.date,
    repo_url: str = DEFAULT_REPO_URL,
    usage: UsageCounts | None = None,
    form_url: str | None = None,
):
    """`/fact <query>`: the best match, help for an empty query, suggestions for no match.

    `usage` (if given) counts the record shown, or the query as unanswered or partly answered.
    `form_url`: where "Suggest …" links when GitHub is not configured (else it opens a modal).
    """
    query = (text or "").strip()
    if not query or query.lower() in HELP_WORDS:
        return _help_reply(snapshot)
    # Rank only the match the reply shows; count the rest for "1 of N" and "Next match".
    popularity = getattr(usage, "popularity", None)
    found = snapshot.index.find(query, limit=1, at_most=MAX_MATCHES, usage=popularity)
    if not found.matches:
        if usage is not None:
            usage.unanswered(query, "none")
        suggestions = snapshot.index.suggest(query)
        return render.render_no_match(query, suggestions, add_fact_url(repo_url), form_url)
    shown = found.matches[0]
    if usage is not None:
        usage.shown(shown.record.id)
        if shown.partial:
            usage.unanswered(query, "partial")
    note = partial(partial_note, shown, found.missing)
    return render.render_fact(
        snapshot.store, found.matches, 0, query, today, found.total, note, form_url
    )


def _pageable(snapshot: Snapshot, query: str) -> int:
    """How many matches "Next match" can page through (at most MAX_MATCHES)."""
    return max(1, snapshot.index.count(query, at_most=MAX_MATCHES))


_help_cache: tuple[Snapshot, Reply] | None = None


def _help_reply(snapshot: Snapshot) -> Reply:
    """The help reply, rendered once per snapshot: listing topics walks the whole store."""
    global _help_cache
    cached = _help_cache
    if cached is None or cached[0] is not snapshot:
        cached = _help_cache = (snapshot, render.render_fact_help(snapshot.store))
    return cached[1]


def answer_next(
    snapshot: Snapshot,
    value: str | None,
    today: dt.date,
    usage: UsageCounts | None = None,
    form_url: str | None = None,
) -> Reply:
    """ "Next match": the same search one position further, or a polite message."""
    button = parse_value(value)
    if button is None:
        return render.render_error(TAMPERED)
    position = button.position + 1
    total = _pageable(snapshot, button.query)
    popularity = getattr(usage, "popularity", None)
    found = snapshot.index.find(button.query, limit=position + 1, at_most=1, usage=popularity)
    matches = found.matches if position < total else []
    if position >= len(matches):
        return render.render_error(NO_MORE)
    if usage is not None:
        usage.shown(matches[position].record.id)
    note = partial(partial_note, matches[position], found.missing)
    return render.render_fact(
        snapshot.store, matches, position, button.query, today, total, note, form_url
    )


def find_shared(snapshot: Snapshot, value: str | None, kind: str) -> Record | None:
    """The record a Share button names (`kind`: "fact" any record, "talking_points" a set)."""
    button = parse_value(value)
    if button is None:
        return None
    if kind == "talking_points":
        return snapshot.store.talking_points.get(button.id)
    return snapshot.store.get(button.id)


def answer_share(
    snapshot: Snapshot, record: Record, user_id: str, today: dt.date, form_url: str | None = None
) -> Reply:
    """The in-channel post for a shared record, citing it and naming who shared it."""
    if isinstance(record, TalkingPointSet):
        return render.render_shared_talking_points(snapshot.store, record, user_id, today)
    return render.render_shared_fact(snapshot.store, record, user_id, today, form_url)


def answer_copy(snapshot: Snapshot, value: str | None, today: dt.date) -> Reply:
    """ "Copy text": the fact the button names as plain text to paste, or a polite message."""
    record = find_shared(snapshot, value, "fact")
    if not isinstance(record, Fact):
        return answer_tampered()
    return render.render_copy_text(snapshot.store, record, today)


def answer_share_failed() -> Reply:
    """Slack refused the share (an expired reply, most often): say what to do instead."""
    return render.render_error(SHARE_FAILED)


def answer_share_uncertain() -> Reply:
    """Slack's answer to the share was lost: it may be in the channel; say how to check."""
    return render.render_error(SHARE_UNCERTAIN)


def answer_tampered() -> Reply:
    """The polite reply to a button value factbot did not make (or that no longer resolves)."""
    return render.render_error(TAMPERED)


def answer_talking_points(
    snapshot: Snapshot, text: str, today: dt.date, repo_url: str = DEFAULT_REPO_URL
) -> Reply:
    """`/talkingpoints [topic]`: the best-matching set, or the list of sets when no topic."""
    query = (text or "").strip()
    if not query or query.lower() in HELP_WORDS:
        return render.render_talking_point_sets(snapshot.store)
    sets = snapshot.store.talking_points
    exact = sets.get(query) or next((t for t in sets.values() if t.topic == query.lower()), None)
    if exact is not None:  # `/talkingpoints <id>` is what the list of sets tells people to type
        return render.render_talking_points(snapshot.store, exact, today)
    matches = snapshot.index.search(query, limit=1, kinds=frozenset({"talking_points"}))
    found = matches[0].record if matches else None
    if not isinstance(found, TalkingPointSet):  # None: no match (the kinds asked allow no other)
        return render.render_no_match(query, snapshot.index.suggest(query), add_fact_url(repo_url))
    return render.render_talking_points(snapshot.store, found, today)


def answer_anniversaries(snapshot: Snapshot, text: str, today: dt.date) -> Reply:
    """`/anniversaries [N days | month name | query]` (default: the next 30 days)."""
    request = parse_request(text or "")
    upcoming = upcoming_anniversaries(
        snapshot.store, today, days=request.days, query=request.query, month=request.month
    )
    if request.month is not None:
        heading = f"Anniversaries in {dt.date(2000, request.month, 1):%B}"
    elif request.query:
        heading = f"Anniversaries matching “{request.query[:80]}”"
    else:
        heading = (
            "Anniversaries today"
            if request.days == 1
            else f"Anniversaries in the next {request.days} days"
        )
    return render.render_anniversaries(upcoming, today, heading)


def answer_home(
    snapshot: Snapshot,
    today: dt.date,
    repo_url: str = DEFAULT_REPO_URL,
    failures: list | None = None,
    is_admin: bool = False,
    notice: str = "",
    usage: Stats | None = None,
    form_url: str | None = None,
    curator: bool = False,
) -> dict:
    """The App Home view: upcoming anniversaries, facts overdue for review, how to contribute.

    `notice` is plain text shown first (e.g. what became of an admin's Retry); `usage` (given
    for curators only) adds the top unanswered questions.
    A curator also sees the overdue facts nobody owns, to confirm or correct them.
    """
    upcoming = upcoming_anniversaries(snapshot.store, today, days=HOME_DAYS)
    stale = snapshot.store.stale_facts(today)
    curators = None
    if usage is not None:
        curators = unanswered_blocks(usage.unanswered, add_fact_url(repo_url), usage.days)
    return render_home(
        upcoming,
        stale,
        repo_url,
        failures=failures,
        is_admin=is_admin,
        notice=notice,
        curators=curators,
        form_url=form_url,
        unowned=unowned_overdue(snapshot.store, today) if curator else (),
    )


def parse_value(value: str | None) -> ButtonValue | None:
    """Parse a button value made by the renderer; None for anything else (tampered, too long)."""
    if not isinstance(value, str) or len(value) > MAX_VALUE:
        return None
    try:
        data = json.loads(value)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    record_id, query, position = data.get("id"), data.get("q", ""), data.get("i", 0)
    if not isinstance(record_id, str) or not record_id or not isinstance(query, str):
        return None
    if not isinstance(position, int) or isinstance(position, bool) or position < 0:
        return None
    return ButtonValue(record_id, query, position)
