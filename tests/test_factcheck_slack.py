"""`/factcheck` and the **Check facts** shortcut over signed HTTP, against the fake Slack."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.claims.unsure import MAX_CLAIMS
from tests.slackreq import action_body, message_shortcut_payload, running_bot, signed_post

TODAY = dt.date(2024, 6, 20)


@pytest.fixture
def bot(fake_slack, tmp_path):
    with running_bot(fake_slack, tmp_path, TODAY) as bot:
        yield bot


def shown(reply: dict) -> str:
    return reply["text"] + "\n" + json.dumps(reply["blocks"], ensure_ascii=False)


def test_factcheck_marks_a_wrong_number_with_the_store_value_and_citation(bot):
    reply = bot.command("/factcheck", "Testland has 15 lighthouses.").json()
    assert reply["response_type"] == "ephemeral"
    text = shown(reply)
    assert "✗ *contradicted*" in text and "*15*" in text
    assert "store: “12 lighthouses”" in text and "testland-lighthouses" in text
    assert "https://example.org/lighthouses" in text  # the citation
    assert bot.fake.calls == []  # the reply is the HTTP response: nothing posted to the channel


def test_factcheck_marks_a_right_number_supported(bot):
    reply = bot.command("/factcheck", "Testland has 12 lighthouses.").json()
    assert "✓ *supported*" in shown(reply)
    assert "1 claim: 1 supported" in reply["text"]


def test_factcheck_says_what_the_store_does_not_cover(bot):
    reply = bot.command("/factcheck", "Testland has 300 bakeries.").json()
    assert "? *unverified*" in shown(reply) and "not in the store" in shown(reply)


def test_factcheck_without_a_draft_explains_itself(bot):
    reply = bot.command("/factcheck", "  ").json()
    assert "/factcheck &lt;your draft&gt;" in shown(reply)


def test_the_draft_comes_back_escaped_never_as_a_broadcast(bot):
    reply = bot.command("/factcheck", "<!channel> Testland has 15 lighthouses.").json()
    text = json.dumps(reply["blocks"], ensure_ascii=False)
    assert "<!channel>" not in text and "<!channel>" not in reply["text"]


def test_check_facts_opens_a_modal_with_the_findings(bot):
    reply = bot.shortcut("check_facts", "Testland has 15 lighthouses and 40 lamps.")
    assert reply.status == 200
    (call,) = bot.fake.calls_to("views.open")
    assert call.body["trigger_id"] == "1.2.shortcut"
    view = (
        call.body["view"] if isinstance(call.body["view"], dict) else json.loads(call.body["view"])
    )
    assert view["type"] == "modal" and view["title"]["text"] == "Check facts"
    text = json.dumps(view["blocks"], ensure_ascii=False)
    assert "✗ *contradicted*" in text and "12 lighthouses" in text
    assert "✓ *supported*" in text and "40 lamps" in text
    assert bot.fake.calls_to("chat.postMessage") == []  # the message is never reposted


def test_a_40000_character_message_is_checked_and_what_does_not_fit_is_counted(bot):
    sentence = "Testland has 15 lighthouses. "
    message = (sentence * (40_000 // len(sentence)))[:40_000]
    bot.shortcut("check_facts", message)
    (call,) = bot.fake.calls_to("views.open")
    view = (
        call.body["view"] if isinstance(call.body["view"], dict) else json.loads(call.body["view"])
    )
    assert len(view["blocks"]) <= 100
    assert all(len(json.dumps(b)) < 3500 for b in view["blocks"])
    claims = message.count("15 lighthouses")
    summary = view["blocks"][0]["elements"][0]["text"]
    # The first MAX_CLAIMS are judged; the rest are listed as not checked, never dropped.
    left = claims - MAX_CLAIMS
    assert summary.startswith(f"{claims:,} claims: {MAX_CLAIMS} contradicted, {left:,} unchecked")
    more = view["blocks"][-1]["elements"][0]["text"]
    assert "more claims not shown" in more and "unchecked" in more


def test_an_unsigned_shortcut_opens_nothing(bot):
    body = action_body(message_shortcut_payload("check_facts", "Testland has 15 lighthouses."))
    reply = signed_post(bot.events_url, body, secret="not-the-secret")
    assert reply.status == 401
    assert bot.fake.calls_to("views.open") == []


def test_the_console_answers_factcheck(tmp_path):
    from bot.console import Console
    from bot.facts.load import load_store
    from bot.search.live import Snapshot
    from tests.slackreq import write_store

    write_store(tmp_path / "facts")
    console = Console(Snapshot.of(load_store(tmp_path / "facts", TODAY).store), TODAY)
    out = console.handle("/factcheck Testland has 15 lighthouses.")
    assert "✗ *contradicted*" in out and "12 lighthouses" in out


def test_a_modal_slack_refuses_to_open_is_one_log_line_and_the_user_is_told(bot, caplog):
    bot.fake.faults.view_error = "expired_trigger_id"  # the click's three seconds ran out
    payload = message_shortcut_payload("check_facts", "Testland has 15 lighthouses.")
    payload["response_url"] = bot.fake.response_url("shortcut")
    reply = signed_post(bot.events_url, action_body(payload))
    assert reply.status == 200
    assert len(bot.fake.calls_to("views.open")) == 1  # tried once, never again
    (told,) = bot.fake.calls_to("response_url:shortcut")
    assert "click again" in told.body["text"]
    assert not [r for r in caplog.records if r.levelname == "ERROR" or r.exc_info]
