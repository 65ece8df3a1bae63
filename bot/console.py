"""An offline console over the same answer functions the Slack handlers call: no Slack needed.

Type `/fact minusma fatalities`, `/talkingpoints`, `/anniversaries 60`, then `share`, `copy` or
`next` to press the last reply's buttons, `home` for the App Home tab, `help`, `quit`. Replies are
the real Block Kit, printed as text (`bot.slack.plaintext`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.claims.engine import check_text
from bot.claims.evidence import index_for
from bot.console_posting import post_due
from bot.facts.rules import MAX_YEAR, MIN_YEAR
from bot.search.live import Snapshot
from bot.settings import SettingsError
from bot.slack import answers
from bot.slack.claims import render_factcheck
from bot.slack.plaintext import blocks_to_text, view_to_text
from bot.usage.counts import UsageCounts

CONSOLE_USER = "UCONSOLE"  # who "shares" from the console (a valid-looking Slack user id)
QUIT_WORDS = frozenset({"quit", "exit", "q", ":q"})
USAGE = """\
Commands (as in Slack):
  /fact <question>                e.g. /fact minusma fatalities   (empty or `help`: usage)
  /talkingpoints [topic]          no topic lists the sets
  /anniversaries [days|month|search]   e.g. /anniversaries 60, /anniversaries april
  /factcheck <draft>              check a draft's numbers and dates against the store
Buttons on the last reply:
  share                           post it "in the channel" (shown here)
  next                            the next match for the last /fact
  copy                            the fact as plain text to paste, with its citation
Anniversary posts (the real posting pass, on a rehearsal ledger in the data dir; shown here):
  due [ISO time]                  post what is due now (or at e.g. 2027-04-25T13:00Z), once
Also: home (the App Home tab), help, quit"""


@dataclass(frozen=True)
class PostingSetup:
    """Where `due` finds schedules and the posting ledger, and how late a post may go out."""

    schedules_dir: Path
    database_url: str
    grace_hours: float = 6.0


@dataclass
class Console:
    """The console's state: one store snapshot, today's date, and the last reply's buttons.

    `last_blocks` is the last reply with buttons (/fact, /talkingpoints, "Next match"), as the
    Slack message stays on screen: `share`, `copy` and `next` all act on it, in any order.
    """

    snapshot: Snapshot
    today: dt.date
    repo_url: str = answers.DEFAULT_REPO_URL
    user_id: str = CONSOLE_USER
    last_blocks: list = field(default_factory=list)
    shared: set[str] = field(default_factory=set)  # what was shared from `last_blocks`
    posting: PostingSetup | None = None
    usage: UsageCounts | None = None  # counts what is asked and shared, as the bot does

    def handle(self, line: str) -> str | None:
        """The text to print for one input line; None means quit."""
        command, _, rest = line.strip().partition(" ")
        command = command.lower().lstrip("/") if command.startswith("/") else command.lower()
        if command in QUIT_WORDS:
            return None
        handler = self._handlers().get(command)
        if handler is None:
            if not command:
                return ""
            return f"Unknown command {line.strip()!r}. Type `help` for the commands."
        return handler(rest.strip())

    def _handlers(self) -> dict[str, Callable[[str], str]]:
        return {
            "fact": self.fact,
            "talkingpoints": self.talking_points,
            "anniversaries": self.anniversaries,
            "factcheck": self.factcheck,
            "share": lambda _: self.share(),
            "next": lambda _: self.next(),
            "copy": lambda _: self.copy(),
            "home": lambda _: self.home(),
            "due": self.due,
            "help": lambda _: USAGE,
        }

    def fact(self, text: str) -> str:
        """`/fact <text>`."""
        return self._keep(
            answers.answer_fact(self.snapshot, text, self.today, self.repo_url, self.usage)
        )

    def talking_points(self, text: str) -> str:
        """`/talkingpoints [topic]`."""
        reply = answers.answer_talking_points(self.snapshot, text, self.today, self.repo_url)
        return self._keep(reply)

    def anniversaries(self, text: str) -> str:
        """`/anniversaries [N days | month | search]`."""
        return self._show(answers.answer_anniversaries(self.snapshot, text, self.today))

    def factcheck(self, text: str) -> str:
        """`/factcheck <draft>`."""
        claims = check_text(text, index_for(self.snapshot.store), self.today)
        return self._show(render_factcheck(text, claims))

    def next(self) -> str:
        """Press "Next match" on the last reply."""
        value = self._button_value("fact_next")
        if value is None:
            return "No “Next match” button on the last reply: run /fact first."
        return self._keep(answers.answer_next(self.snapshot, value, self.today, self.usage))

    def copy(self) -> str:
        """Press "Copy text" on the last reply: the plain text a paste would carry."""
        value = self._button_value("fact_copy")
        if value is None:
            return "No “Copy text” button on the last reply: run /fact first."
        return self._show(answers.answer_copy(self.snapshot, value, self.today))

    def share(self) -> str:
        """Press "Share in channel" on the last reply: print what the channel would see."""
        for action_id, kind in (("fact_share", "fact"), ("tp_share", "talking_points")):
            value = self._button_value(action_id)
            if value is not None:
                record = answers.find_shared(self.snapshot, value, kind)
                if record is None:
                    return self._show(answers.answer_tampered())
                if record.id in self.shared:  # Slack posts a reply's share once (`claim_once`)
                    return "(already shared in the channel from this reply: Slack posts it once)"
                self.shared.add(record.id)
                blocks, _ = answers.answer_share(self.snapshot, record, self.user_id, self.today)
                if self.usage is not None:
                    self.usage.shared(record.id)
                return "(posted in the channel)\n" + blocks_to_text(blocks)
        return "Nothing to share: run /fact or /talkingpoints first."

    def due(self, when: str) -> str:
        """Run one anniversary posting pass at `when` (ISO 8601, default now), posts shown here."""
        if self.posting is None:
            return "Posting is not set up in this console."
        try:
            now = dt.datetime.fromisoformat(when) if when else dt.datetime.now(dt.UTC)
        except ValueError:
            return f"Not an ISO 8601 time: {when!r}. Example: due 2027-04-25T13:00:00Z"
        now = now if now.tzinfo else now.replace(tzinfo=dt.UTC)  # no offset: UTC
        if not MIN_YEAR <= now.year <= MAX_YEAR:
            return f"{when!r} is outside the years factbot handles ({MIN_YEAR} to {MAX_YEAR})."
        setup = self.posting
        try:
            return post_due(
                self.snapshot.store, setup.schedules_dir, setup.database_url, now, setup.grace_hours
            )
        except SettingsError as exc:  # e.g. the database cannot be opened: say so, keep going
            return str(exc)

    def home(self) -> str:
        """The App Home tab as this user would see it."""
        return view_to_text(answers.answer_home(self.snapshot, self.today, self.repo_url))

    def _keep(self, reply: tuple[list, str]) -> str:
        """Show `reply` and keep it as the one whose buttons `share`, `copy` and `next` press."""
        self.last_blocks, self.shared = reply[0], set()
        return blocks_to_text(reply[0])

    def _show(self, reply: tuple[list, str]) -> str:
        return blocks_to_text(reply[0])

    def _button_value(self, action_id: str) -> str | None:
        for block in self.last_blocks:
            for element in block.get("elements", []) if block.get("type") == "actions" else []:
                if element.get("action_id") == action_id:
                    return element.get("value")
        return None


def run_lines(console: Console, lines: Iterable[str], write: Callable[[str], None], echo: bool):
    """Answer each line until `quit` or the end; `echo` prints the command before its reply."""
    for line in lines:
        if echo and line.strip():
            write(f"> {line.strip()}")
        reply = console.handle(line)
        if reply is None:
            return
        if reply:
            write(reply + "\n")


def interactive_lines(prompt: str = "factbot> ") -> Iterable[str]:
    """Lines typed at a terminal, until end of input (Ctrl-D)."""
    with contextlib.suppress(ImportError):  # line editing and history, where available
        import readline  # noqa: F401
    while True:
        try:
            yield input(prompt)
        except EOFError:
            print()
            return
