"""Anniversary posting in the offline console: the real ledger and policy, the channel on screen.

`due [ISO time]` in `factbot console` runs the same pass `factbot post-due` runs (claims in the
posting ledger, grace window, missed posts), against a rehearsal SQLite ledger of its own (never
the real one), with a poster that prints each post instead of calling Slack. Running it twice
shows exactly-once: the second pass posts nothing.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from dataclasses import dataclass, field
from pathlib import Path

from bot.facts.model import Store
from bot.grammar import count
from bot.logs import raised_level
from bot.schedule.load import load_schedules
from bot.schedule.model import Occurrence
from bot.schedule.posting import run_pass
from bot.slack.plaintext import blocks_to_text
from bot.slack.posts import render_occurrence
from bot.storage import open_database


@dataclass
class ScreenPoster:
    """A poster for `run_pass` that keeps each post and shows it as text (no Slack)."""

    shown: list[str] = field(default_factory=list)
    posted: dict[str, str] = field(default_factory=dict)  # occurrence key -> ts
    _ts: itertools.count = field(default_factory=lambda: itertools.count(1))

    def render(self, occ: Occurrence, store: Store, now: dt.datetime, late_by, late_reason=None):
        """The same Block Kit Slack would get."""
        why = {"late_reason": late_reason} if late_reason else {}
        return render_occurrence(occ, store, now, late_by=late_by, **why)

    def post(self, channel: str, blocks: list[dict], text: str, metadata: dict) -> str:
        """Keep the post's text for the screen; return a made-up ts."""
        ts = f"{int(dt.datetime.now(dt.UTC).timestamp())}.{next(self._ts):06d}"
        self.posted[metadata["event_payload"]["key"]] = ts
        self.shown.append(f"(posted in {channel})\n{blocks_to_text(blocks)}")
        return ts

    def find_posted(self, channel: str, key: str, since: dt.datetime) -> str | None:
        """Posts this console made (a crashed console's posts were never shown)."""
        return self.posted.get(key)


def post_due(
    store: Store, schedules_dir: Path, database_url: str, now: dt.datetime, grace_hours: float
) -> str:
    """One posting pass at `now`, printed: each post, then the pass report."""
    schedules, problems = load_schedules(schedules_dir, store)
    errors = [p.format() for p in problems if p.severity == "error"]
    poster = ScreenPoster()
    db = open_database(database_url)
    try:
        # The pass logs what it missed and caught up; the report below says it once, in order.
        with raised_level("bot.schedule", logging.ERROR):
            grace = dt.timedelta(hours=grace_hours)
            report = run_pass(db, schedules, store, poster, now, grace=grace)
    finally:
        db.dispose()
    lines = [*errors, *poster.shown]
    lines.append(f"post-due at {now.isoformat()}: {count(len(schedules), 'schedule')}")
    lines += report.lines()
    return "\n".join(lines)
