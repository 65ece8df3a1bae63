"""Buttons end to end: Share posts once in the channel, Next pages, tampered values are refused."""

import datetime as dt
import json

import pytest

from tests.slackreq import running_bot

TODAY = dt.date(2024, 6, 20)


@pytest.fixture
def bot(fake_slack, tmp_path):
    with running_bot(fake_slack, tmp_path, TODAY) as bot:
        yield bot


def button(reply, action_id):
    for block in reply["blocks"]:
        for element in block.get("elements", []):
            if element.get("action_id") == action_id:
                return element["value"]
    raise AssertionError(f"no {action_id} button")


def test_share_posts_in_channel_with_citation_and_sharer_once(bot):
    value = button(bot.command("/fact", "lighthouses testland").json(), "fact_share")
    assert bot.click("fact_share", value, name="r1").status == 200
    assert bot.click("fact_share", value, name="r1").status == 200  # double click
    calls = bot.fake.calls_to("response_url:r1")
    posts = [c.body for c in calls if c.body.get("response_type") == "in_channel"]
    assert len(posts) == 1
    shown = posts[0]["text"] + json.dumps(posts[0]["blocks"])
    assert "12* lighthouses" in shown
    assert "https://example.org/lighthouses" in shown
    assert "Shared by <@U0USER01>" in shown
    elements = [e for b in posts[0]["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [e["type"] for e in elements] == ["overflow"]  # "Suggest a correction" only
    assert [c.body.get("delete_original") for c in calls].count(True) == 1


def test_share_by_another_user_or_from_another_reply_posts_again(bot):
    value = button(bot.command("/fact", "lighthouses testland").json(), "fact_share")
    bot.click("fact_share", value, name="a")
    bot.click("fact_share", value, name="b", user="U0OTHER1")
    bot.click("fact_share", value, name="c", message_ts="2.000001")
    for name in "abc":
        sent = bot.fake.calls_to(f"response_url:{name}")
        assert [c.body.get("response_type") for c in sent].count("in_channel") == 1


def test_next_replaces_the_reply_with_the_next_match(bot):
    first = bot.command("/fact", "testland lighthouses lamps").json()
    value = button(first, "fact_next")
    bot.click("fact_next", value, name="next")
    (call,) = bot.fake.calls_to("response_url:next")
    assert call.body["replace_original"] is True
    assert "2 of" in json.dumps(call.body["blocks"])
    assert json.loads(value)["id"] not in json.dumps(
        [json.loads(button(call.body, "fact_share"))["id"]]
    )


def test_share_talking_points_posts_once(bot):
    value = button(bot.command("/talkingpoints", "testland").json(), "tp_share")
    bot.click("tp_share", value, name="tp")
    bot.click("tp_share", value, name="tp")
    posts = [
        c.body
        for c in bot.fake.calls_to("response_url:tp")
        if c.body.get("response_type") == "in_channel"
    ]
    assert len(posts) == 1
    assert "Testland keeps its coast lit." in json.dumps(posts[0]["blocks"])
    assert "Shared by <@U0USER01>" in json.dumps(posts[0]["blocks"])


@pytest.mark.parametrize(
    "action_id,value",
    [
        ("fact_share", "not json"),
        ("fact_share", json.dumps({"id": "no-such-fact", "q": "x", "i": 0})),
        ("fact_share", json.dumps(["testland-lighthouses"])),
        ("fact_next", json.dumps({"id": "testland-lighthouses", "q": "lighthouses", "i": 99})),
        ("fact_next", json.dumps({"id": "testland-lighthouses", "q": "x", "i": "0"})),
        ("fact_next", json.dumps({"id": "testland-lighthouses", "q": "x", "i": -1})),
        ("tp_share", json.dumps({"id": "testland-lighthouses"})),  # a fact is not a set
        ("tp_share", "{"),
    ],
)
def test_tampered_values_get_a_polite_private_message(bot, action_id, value):
    assert bot.click(action_id, value, name="bad").status == 200
    (call,) = bot.fake.calls_to("response_url:bad")
    assert call.body.get("response_type", "ephemeral") == "ephemeral"
    text = call.body["text"]
    assert "Traceback" not in text and "Error" not in text
    assert "again" in text or "no more matches" in text.lower()
    assert bot.fake.messages() == []


def test_a_share_slack_refuses_can_be_retried(bot):
    # An expired response_url (Slack answers 404): nothing was posted, so the share is not
    # recorded as done; the user is told, and a retry that Slack accepts posts once.
    value = button(bot.command("/fact", "lighthouses testland").json(), "fact_share")
    bot.fake.faults.response_url_status["old"] = 404
    assert bot.click("fact_share", value, name="old").status == 200
    sent = bot.fake.calls_to("response_url:old")
    assert [c.body.get("response_type") for c in sent] == ["in_channel", "ephemeral"]
    assert "expired" in sent[1].body["text"]
    bot.fake.faults.response_url_status.clear()
    bot.click("fact_share", value, name="old")
    retried = bot.fake.calls_to("response_url:old")[2:]
    assert [c.body.get("response_type") for c in retried].count("in_channel") == 1
    assert any(c.body.get("delete_original") for c in retried)
