"""The shipped store through the real app: `/fact how many peacekeepers were killed in mali` says
"all causes" up front and shows the hostile-acts figure; "Copy text" gives it as plain text."""

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from tests.slackreq import running_bot

FACTS = Path(__file__).resolve().parent.parent / "facts"
TODAY = dt.date(2026, 11, 27)
KILLED = "how many peacekeepers were killed in mali"


@pytest.fixture
def bot(fake_slack, tmp_path):
    shutil.copytree(FACTS, tmp_path / "facts")
    with running_bot(fake_slack, tmp_path, TODAY) as bot:
        yield bot


def button(reply: dict, action_id: str) -> str:
    """The value of the reply's button `action_id`."""
    elements = [e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]]
    return next(e["value"] for e in elements if e["action_id"] == action_id)


def test_killed_query_says_all_causes_and_shows_the_hostile_acts_figure(bot):
    reply = bot.command("/fact", KILLED).json()
    statement = next(b["text"]["text"] for b in reply["blocks"] if b["type"] == "section")
    assert statement.startswith("*All causes:* 311 MINUSMA personnel died")
    assert "Killed in hostile acts: *more than 180*" in statement
    # The text a notification shows: plain, dated, cited.
    assert reply["text"].startswith("All causes: 311 MINUSMA personnel died")
    assert "*" not in reply["text"] and "(approximate). (as of 31 Dec 2023)." in reply["text"]
    assert "Source: Statement attributable to the Spokesperson" in reply["text"]


def test_copy_text_answers_privately_with_plain_text_and_citation(bot):
    value = button(bot.command("/fact", KILLED).json(), "fact_copy")
    assert bot.click("fact_copy", value, name="copy").status == 200
    (call,) = bot.fake.calls_to("response_url:copy")
    body = call.body
    assert body["response_type"] == "ephemeral" and body["replace_original"] is False
    pasted = next(b["text"] for b in body["blocks"] if b["text"]["type"] == "plain_text")["text"]
    assert pasted == body["text"]
    assert pasted.startswith("All causes: 311 MINUSMA personnel died over its ten years")
    assert "*" not in pasted and "_" not in pasted.split(" Source: ")[0]
    assert pasted.endswith("This replaces the 2018 figure of 173 (all causes). Source: "
                           "Statement attributable to the Spokesperson for the Secretary-General "
                           "on Mali (United Nations via Zawya) https://www.zawya.com/en/press-release/"
                           "africa-press-releases/statement-attributable-to-the-spokesperson-for-"
                           "the-secretary-general-on-mali-n6p1euvo")  # fmt: skip


def test_copy_text_with_a_forged_value_is_refused_politely(bot):
    assert bot.click("fact_copy", json.dumps({"id": "no-such-fact"}), name="bad").status == 200
    (call,) = bot.fake.calls_to("response_url:bad")
    assert "expired" in call.body["text"] and call.body["response_type"] == "ephemeral"
