"""manifest.yml declares exactly the slash commands, events and URLs the app handles."""

import datetime as dt
from pathlib import Path

import pytest
import yaml

from bot.slack import factcheck
from bot.slack.commands import COMMANDS
from tests.slackreq import running_bot

MANIFEST = yaml.safe_load((Path(__file__).parent.parent / "manifest.yml").read_text())
URL = "https://YOUR-HOST/slack/events"


def test_manifest_commands_are_the_handlers_commands():
    declared = [c["command"] for c in MANIFEST["features"]["slash_commands"]]
    assert sorted(declared) == sorted([*COMMANDS, factcheck.COMMAND])
    assert {c["url"] for c in MANIFEST["features"]["slash_commands"]} == {URL}


def test_manifest_declares_the_check_facts_message_shortcut():
    shortcuts = MANIFEST["features"]["shortcuts"]
    assert [(s["type"], s["callback_id"], s["name"]) for s in shortcuts] == [
        ("message", factcheck.SHORTCUT, "Check facts")
    ]


def test_every_request_goes_to_the_one_url_and_home_is_enabled():
    settings = MANIFEST["settings"]
    assert settings["event_subscriptions"]["request_url"] == URL
    assert settings["event_subscriptions"]["bot_events"] == ["app_home_opened"]
    assert settings["interactivity"] == {"is_enabled": True, "request_url": URL}
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is True
    assert "socket_mode_enabled" in settings


def test_scopes_cover_what_the_bot_calls():
    scopes = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    assert {"commands", "chat:write", "channels:history", "groups:history"} <= scopes
    assert {"users:read", "usergroups:read"} <= scopes  # display names; user group owners


@pytest.fixture
def bot(fake_slack, tmp_path):
    with running_bot(fake_slack, tmp_path, dt.date(2024, 6, 20)) as bot:
        yield bot


def test_the_running_app_answers_every_declared_command_and_nothing_else(bot):
    for command in MANIFEST["features"]["slash_commands"]:
        reply = bot.command(command["command"], "")
        assert reply.status == 200, command["command"]
        assert reply.json()["response_type"] == "ephemeral"
    undeclared = bot.command("/undeclared", "")
    assert (undeclared.status, undeclared.body) == (200, "")  # acknowledged quietly, no answer
