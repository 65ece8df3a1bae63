"""`factbot console`: the offline REPL prints what Slack would show, driven by input lines."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.console import Console, run_lines
from bot.facts import load_store
from bot.search.live import Snapshot

TODAY = dt.date(2027, 4, 20)
ROOT = Path(__file__).resolve().parent.parent

STORE = """\
facts:
  - id: minusma-fatalities-2018
    statement: By *30 September 2018*, 173 MINUSMA personnel had died from all causes.
    as_of: 2018-09-30
    review_by: 2019-01-01
    topic: minusma
    aliases: [minusma fatalities 2018]
    caveat: All causes, not only hostile acts.
    seed_claim: lost 173 peacekeepers
    superseded_by: minusma-final-toll
    sources:
      - title: Fatalities (UN Peacekeeping)
        url: https://peacekeeping.un.org/en/fatalities
  - id: minusma-final-toll
    statement: Over 2013–2023, 311 MINUSMA personnel lost their lives.
    as_of: 2023-12-31
    review_by: 2030-01-01
    topic: minusma
    aliases: [minusma final toll]
    sources:
      - title: Statement by the Spokesperson & the SG
        url: https://example.org/sg
events:
  - id: resolution-2100
    date: 2013-04-25
    title: Resolution 2100 establishes MINUSMA
    kind: resolution
    tone: neutral
    summary: The Security Council creates MINUSMA.
    topic: minusma
    sources:
      - title: S/RES/2100
        url: https://undocs.org/S/RES/2100(2013)
talking_points:
  - id: minusma-press
    title: MINUSMA for the press
    topic: minusma
    audience: press
    as_of: 2024-01-10
    points:
      - text: Its final toll was 311.
        facts: [minusma-final-toll]
"""


@pytest.fixture
def facts_dir(tmp_path):
    (tmp_path / "minusma.yaml").write_text(STORE, encoding="utf-8")
    result = load_store(tmp_path, TODAY)
    assert result.ok, [p.format() for p in result.problems]
    return tmp_path


@pytest.fixture
def console(facts_dir):
    store = load_store(facts_dir, TODAY).store
    return Console(Snapshot.of(store), TODAY, "https://github.com/acme/factbot")


def session(console: Console, *lines: str) -> str:
    out: list[str] = []
    run_lines(console, lines, out.append, echo=True)
    return "\n".join(out)


def test_fact_then_next_then_share(console):
    text = session(console, "/fact minusma fatalities 2018", "next", "share")
    first, rest = text.split("> next")
    assert "By *30 September 2018*, 173 MINUSMA personnel had died" in first
    assert "As of 30 Sep 2018" in first
    assert "Caveat:* All causes, not only hostile acts." in first
    assert "The 2018 field notes said: “lost 173 peacekeepers”" in first
    assert "⚠️ *Past its review date* (review was due 1 Jan 2019)" in first
    assert "⚠️ *Superseded* by `minusma-final-toll`" in first
    assert "Fatalities (UN Peacekeeping) (https://peacekeeping.un.org/en/fatalities)" in first
    assert "[Share in channel]  [Copy text]  [Next match]" in first
    assert "1 of " in first
    nxt, shared = rest.split("> share")
    assert "2 of " in nxt
    assert "(posted in the channel)" in shared
    assert "Shared by @UCONSOLE with /" in shared  # the second match may be a set of points
    assert "[Share in channel]" not in shared


def test_links_and_entities_are_readable(console):
    text = session(console, "/fact minusma final toll")
    assert "Statement by the Spokesperson & the SG (https://example.org/sg)" in text
    assert "&amp;" not in text


def test_query_is_shown_as_typed_not_as_a_mention(console):
    text = session(console, "/fact <!channel> zzzqqq")
    assert "No fact matches “<!channel> zzzqqq”." in text
    assert "Add one by pull request (https://github.com/acme/factbot/new/main/facts)" in text


def test_talking_points_list_then_a_set_then_share(console):
    text = session(console, "/talkingpoints", "/talkingpoints minusma", "share")
    assert "`/talkingpoints minusma-press`" in text
    assert "*1.* Its final toll was 311." in text
    assert "as of 31 Dec 2023: Statement by the Spokesperson & the SG" in text
    assert "Shared by @UCONSOLE with /talkingpoints" in text


def test_anniversaries_and_home(console):
    text = session(console, "/anniversaries 60", "home")
    assert "Anniversaries in the next 60 days" in text
    assert "Sun 25 Apr (in 5 days)*: Resolution 2100 establishes MINUSMA" in text
    assert "14th anniversary" in text
    assert "Facts overdue for review" in text
    assert "`minusma-fatalities-2018` (minusma): review was due 1 Jan 2019" in text


def test_help_unknown_and_buttons_before_any_reply(console):
    text = session(console, "share", "next", "help", "frobnicate")
    assert "Nothing to share: run /fact or /talkingpoints first." in text
    assert "No “Next match” button on the last reply" in text
    assert "/anniversaries [days|month|search]" in text
    assert "Unknown command 'frobnicate'" in text


def test_empty_fact_is_usage(console):
    assert "How to use factbot" in session(console, "/fact")


def test_quit_stops_reading(console):
    text = session(console, "quit", "/fact minusma")
    assert "minusma" not in text.replace("> quit", "")


def test_cli_command_flag_prints_replies_and_exits_0(facts_dir, capsys):
    code = main(
        [
            "console",
            "--facts",
            str(facts_dir),
            "--today",
            "2027-04-20",
            "--command",
            "/fact minusma final toll",
        ]
    )
    out = capsys.readouterr()
    assert code == 0
    assert out.out.startswith("Over 2013–2023, 311 MINUSMA personnel lost their lives.")
    assert (
        f"2 facts, 1 event, 1 talking-point set from {facts_dir} (today is 2027-04-20)" in out.err
    )


def test_cli_repeated_commands_are_labelled(facts_dir, capsys):
    args = ["console", "--facts", str(facts_dir), "--today", "2027-04-20"]
    assert main([*args, "-c", "/fact res 2100", "-c", "/anniversaries april"]) == 0
    out = capsys.readouterr().out
    assert "> /fact res 2100\nResolution 2100 establishes MINUSMA" in out
    assert "> /anniversaries april\nAnniversaries in April" in out
    assert "> quit" not in out


def test_cli_reads_piped_stdin(facts_dir, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("/fact minusma final toll\nshare\nquit\n"))
    assert main(["console", "--facts", str(facts_dir), "--today", "2027-04-20"]) == 0
    out = capsys.readouterr().out
    assert "> share\n(posted in the channel)" in out


def test_cli_missing_store_exits_2(tmp_path, capsys):
    assert main(["console", "--facts", str(tmp_path / "nope"), "-c", "/fact x"]) == 2
    assert "no records loaded" in capsys.readouterr().err


def test_readme_first_command_works_on_the_shipped_store(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("FACTBOT_FACTS_DIR", raising=False)
    assert main(["console", "--command", "/fact minusma fatalities"]) == 0
    out = capsys.readouterr().out
    assert "As of " in out and "Sources: " in out and "[Share in channel]" in out


def test_anniversaries_for_one_day_reads_right(console):
    text = session(console, "/anniversaries 1")
    assert "Anniversaries today" in text and "1 days" not in text


def test_share_twice_says_already_shared_as_slack_posts_once(console):
    text = session(console, "/fact minusma fatalities 2018", "share", "share")
    _, first, second = text.split("> share")
    assert "(posted in the channel)" in first and "Shared by @UCONSOLE" in first
    assert "already shared" in second and "(posted in the channel)" not in second
    again = session(console, "/fact minusma fatalities 2018", "share")  # a new reply: shares again
    assert "(posted in the channel)" in again


def test_share_copy_and_next_all_act_on_the_last_fact_reply(console):
    text = session(console, "/fact minusma fatalities 2018", "copy", "share", "copy", "next")
    _, copied, shared, copied_again, nxt = text.split("\n> ")
    assert "peacekeeping.un.org" in copied and "(posted in the channel)" in shared
    assert copied_again.split("\n", 1)[1] == copied.split("\n", 1)[1]  # copy after share
    assert "No “Next match” button" not in nxt and "2 of " in nxt  # next after copy


def test_next_after_share_pages_on(console):
    text = session(console, "/fact minusma fatalities 2018", "share", "next")
    assert "2 of " in text.split("> next")[1]
