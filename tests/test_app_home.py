"""App Home end to end: opening the tab publishes a view with upcoming anniversaries."""

import datetime as dt
import json

import pytest

from tests.slackreq import running_bot

TODAY = dt.date(2024, 6, 20)


@pytest.fixture
def bot(fake_slack, tmp_path):
    with running_bot(fake_slack, tmp_path, TODAY) as bot:
        yield bot


def test_home_publishes_upcoming_anniversaries_and_stale_facts(bot):
    reply = bot.event({"type": "app_home_opened", "user": "U0USER01", "tab": "home"})
    assert reply.status == 200
    (call,) = bot.fake.calls_to("views.publish")
    assert call.body["user_id"] == "U0USER01"
    view = call.body["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert view["type"] == "home"
    shown = json.dumps(view, ensure_ascii=False)
    assert "Testland founding day" in shown
    assert "testland-lamps" in shown or "40 lamps" in shown  # past its review date
    assert "https://github.com/example/factbot/tree/main/facts" in shown
    assert call.headers["authorization"] == "Bearer xoxb-test"


def test_messages_tab_publishes_nothing(bot):
    bot.event({"type": "app_home_opened", "user": "U0USER01", "tab": "messages"})
    assert bot.fake.calls_to("views.publish") == []
