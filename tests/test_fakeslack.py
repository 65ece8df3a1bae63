"""The fake Slack Web API answers slack_sdk the way Slack does for the calls factbot makes."""

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.fakeslack import INVALID_TOKEN


def client(fake, token="xoxb-test"):
    return WebClient(token=token, base_url=fake.api_url, retry_handlers=[])


def test_post_message_is_recorded_and_listed_in_history(fake_slack):
    web = client(fake_slack)
    sent = web.chat_postMessage(
        channel="C1", text="hi", metadata={"event_type": "x", "event_payload": {"k": "v"}}
    )
    history = web.conversations_history(channel="C1", include_all_metadata=True)
    assert history["messages"][0]["ts"] == sent["ts"]
    assert history["messages"][0]["metadata"]["event_payload"] == {"k": "v"}
    assert fake_slack.calls_to("chat.postMessage")[0].body["text"] == "hi"


def test_channel_errors_and_bad_tokens_fail_like_slack(fake_slack):
    fake_slack.faults.channel_errors["C9"] = "not_in_channel"
    with pytest.raises(SlackApiError) as err:
        client(fake_slack).chat_postMessage(channel="C9", text="x")
    assert err.value.response["error"] == "not_in_channel"
    with pytest.raises(SlackApiError) as err:
        client(fake_slack, INVALID_TOKEN).auth_test()
    assert err.value.response["error"] == "invalid_auth"


def test_every_nth_post_is_rate_limited(fake_slack):
    fake_slack.faults.rate_limit_every = 2
    web = client(fake_slack)
    web.chat_postMessage(channel="C1", text="1")
    with pytest.raises(SlackApiError) as err:
        web.chat_postMessage(channel="C1", text="2")
    assert err.value.response.status_code == 429
    assert err.value.response.headers["Retry-After"] == "1"
    assert len(fake_slack.messages("C1")) == 1
