"""Suggestions from Slack, end to end over signed HTTP: the menu opens a prefilled modal, a valid
correction becomes one pull request on the fake GitHub (only the record's lines change), an
invalid one gets errors next to its fields and opens nothing."""

from __future__ import annotations

import datetime as dt
import difflib
import json

import pytest

from tests.fakegithub import REPO, TOKEN, FakeGitHub
from tests.slackreq import (
    action_body,
    action_payload,
    running_bot,
    signed_post,
    view_submission_body,
    wait_for,
    write_store,
)

TODAY = dt.date(2024, 6, 20)
STORE = "facts/testland.yaml"


@pytest.fixture
def github(tmp_path):
    write_store(tmp_path / "facts")
    files = {STORE: (tmp_path / "facts" / "testland.yaml").read_text()}
    with FakeGitHub(files) as gh:
        yield gh


def github_env(gh, tmp_path) -> dict:
    return {
        "GITHUB_TOKEN": TOKEN,
        "FACTBOT_GITHUB_REPO": REPO,
        "GITHUB_API_URL": gh.api_url,
        "FACTBOT_GITHUB_WRITE_INTERVAL": "0",
        "FACTBOT_SCHEDULES_DIR": str(tmp_path / "no-schedules"),
    }


@pytest.fixture
def bot(fake_slack, github, tmp_path):
    with running_bot(fake_slack, tmp_path, TODAY, env=github_env(github, tmp_path)) as bot:
        yield bot


def elements(reply: dict, kind: str) -> list[dict]:
    blocks = reply.get("blocks", [])
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"] if e["type"] == kind]


def pick(bot, option_value: str, name: str):
    """Choose "Suggest a correction" in the overflow of a reply whose response_url is `name`."""
    data = action_payload("fact_more", "", bot.fake.response_url(name))
    data["actions"][0] = {
        "type": "overflow",
        "action_id": "fact_more",
        "block_id": "b1",
        "selected_option": {"value": option_value},
        "action_ts": "1.000003",
    }
    return signed_post(bot.events_url, action_body(data))


def opened_view(bot) -> dict:
    [call] = bot.fake.calls_to("views.open")
    view = call.body["view"]
    return json.loads(view) if isinstance(view, str) else view


def inputs(view: dict) -> dict[str, str]:
    """What each input shows when the modal opens (its prefilled value)."""
    return {
        b["block_id"]: b["element"].get("initial_value", "")
        for b in view["blocks"]
        if b["type"] == "input"
    }


def submit(bot, view: dict, **typed: str) -> dict:
    """Submit `view` with its prefilled values changed by `typed`; Slack's answer."""
    values = {**inputs(view), **typed}
    return signed_post(bot.events_url, view_submission_body(view, values)).json()


def open_correction_modal(bot) -> dict:
    reply = bot.command("/fact", "lighthouses testland").json()
    [menu] = elements(reply, "overflow")
    [option] = menu["options"]
    assert option["text"]["text"] == "Suggest a correction" and "url" not in option
    assert pick(bot, option["value"], "fixit").status == 200
    return opened_view(bot)


def test_correction_modal_is_prefilled_and_submitting_opens_one_pr(bot, github, tmp_path):
    view = open_correction_modal(bot)
    shown = inputs(view)
    assert shown["statement"] == "Test data: Testland has *12* lighthouses."
    assert shown["as_of"] == "2020-01-31"
    assert "https://example.org/lighthouses" in json.dumps(view["blocks"])
    typed = {
        **shown,
        "caveat": "Counts only lighthouses still lit.",
        "reason": "The register lists two decommissioned ones.",
        "source": "",
    }
    answer = signed_post(bot.events_url, view_submission_body(view, typed))
    assert answer.status == 200
    assert answer.json()["response_action"] == "update"
    told = wait_for(lambda: bot.fake.calls_to("response_url:fixit"))
    assert "https://github.com/advocacy/factbot/pull/1" in json.dumps(told[0].body)
    assert told[0].body["response_type"] == "ephemeral"
    [pull] = github.pulls
    assert "**ana.lima**" in pull.body and "<@" not in pull.body
    assert "The register lists two decommissioned ones." in pull.body
    before = github.files_at("main")[STORE].splitlines()
    after = github.files_at(pull.head)[STORE].splitlines()
    added = [line for line in after if line not in before]
    assert added == ["    caveat: Counts only lighthouses still lit."]
    assert [line for line in before if line not in after] == []


def test_invalid_correction_gets_errors_next_to_its_fields_and_opens_nothing(bot, github):
    view = open_correction_modal(bot)
    answer = submit(
        bot,
        view,
        as_of="sometime in 2020",
        reason="date is wrong",
        source="https://example.org/register",
    )
    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {"as_of"}
    assert github.pulls == [] and set(github.refs) == {"main"}


def test_a_changed_number_needs_a_source(bot, github):
    view = open_correction_modal(bot)
    answer = submit(
        bot,
        view,
        statement="Test data: Testland has *14* lighthouses.",
        reason="two more were built",
        source="",
    )
    assert answer == {
        "response_action": "errors",
        "errors": {"source": "A number or a date changed: give the source that shows it."},
    }
    assert github.pulls == []


def test_suggest_a_fact_from_a_no_match_reply_files_it_by_topic(bot, github):
    reply = bot.command("/fact", "zebra budget").json()
    [suggest] = [b for b in elements(reply, "button") if b["action_id"] == "suggest_new"]
    assert suggest["text"]["text"] == "Suggest a fact about zebra budget"
    assert bot.click("suggest_new", suggest["value"], name="newfact").status == 200
    view = opened_view(bot)
    topic = next(b for b in view["blocks"] if b.get("block_id") == "topic")
    assert [o["value"] for o in topic["element"]["options"]] == ["testland"]
    typed = {
        "statement": "Test data: Testland employs 3 lighthouse keepers.",
        "id": "",
        "topic": "testland",
        "as_of": "2023-03-01",
        "sources": "https://example.org/keepers Testland Keepers Roll",
        "caveat": "",
        "reason": "People keep asking.",
    }
    answer = signed_post(bot.events_url, view_submission_body(view, typed)).json()
    assert answer["response_action"] == "update", answer
    wait_for(lambda: bot.fake.calls_to("response_url:newfact"))
    [pull] = github.pulls
    text = github.files_at(pull.head)[STORE]
    before = github.files_at("main")[STORE].splitlines()
    diff = list(difflib.ndiff(before, text.splitlines()))
    assert not [line for line in diff if line.startswith("- ")]  # only new lines
    assert "  - id: test-data-testland-employs-3-lighthouse\n" in text
    assert "        url: https://example.org/keepers\n" in text


def test_without_github_the_menu_links_to_the_issue_form(fake_slack, tmp_path):
    with running_bot(fake_slack, tmp_path, TODAY) as bot:
        reply = bot.command("/fact", "lighthouses testland").json()
        [menu] = elements(reply, "overflow")
        assert menu["options"][0]["url"] == (
            "https://github.com/example/factbot/issues/new?template=suggest-fact.yml"
        )
        assert pick(bot, menu["options"][0]["value"], "x").status == 200
        assert bot.fake.calls_to("views.open") == []


def test_suggest_a_fact_from_the_app_home_tells_the_user_by_dm(bot, github):
    bot.event({"type": "app_home_opened", "user": "U0USER01", "tab": "home"})
    [published] = bot.fake.calls_to("views.publish")
    home = published.body["view"]
    home = json.loads(home) if isinstance(home, str) else home
    [button] = [b for b in elements(home, "button") if b["action_id"] == "suggest_new"]
    assert button["text"]["text"] == "Suggest a fact"
    data = action_payload("suggest_new", button["value"], "")
    data.pop("response_url")
    data["container"] = {"type": "view", "view_id": "V0HOME001"}
    assert signed_post(bot.events_url, action_body(data)).status == 200
    view = opened_view(bot)
    typed = {
        "statement": "Test data: Testland has 2 foghorns.",
        "id": "testland-foghorns",
        "topic": "testland",
        "as_of": "2022-08-01",
        "sources": "https://example.org/foghorns Testland Foghorn List",
        "caveat": "",
        "reason": "Asked twice this week.",
    }
    answer = signed_post(bot.events_url, view_submission_body(view, typed)).json()
    assert answer["response_action"] == "update", answer
    dm = wait_for(lambda: bot.fake.calls_to("chat.postMessage"))
    assert dm[0].body["channel"] == "U0USER01"
    assert "https://github.com/advocacy/factbot/pull/1" in json.dumps(dm[0].body)
    assert "  - id: testland-foghorns\n" in github.files_at(github.pulls[0].head)[STORE]


def test_github_down_keeps_the_suggestion_tells_the_user_and_a_retry_opens_one_pr(
    bot, github, tmp_path, monkeypatch, capsys
):
    from bot.cli import main

    github.fail("POST", "/pulls", status=502)
    view = open_correction_modal(bot)
    answer = submit(bot, view, caveat="Counts only lit ones.", reason="register", source="")
    assert answer["response_action"] == "update"
    told = json.dumps(wait_for(lambda: bot.fake.calls_to("response_url:fixit"))[0].body)
    assert "saved as number 1" in told and "factbot suggestions retry 1" in told
    assert github.pulls == []
    env = {
        **github_env(github, tmp_path),
        "FACTBOT_DATA_DIR": str(tmp_path / "data"),
        "FACTBOT_FACTS_DIR": str(tmp_path / "facts"),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert main(["suggestions", "retry", "1"]) == 0
    assert main(["suggestions", "retry", "1"]) == 0
    assert (
        capsys.readouterr().out.splitlines() == ["https://github.com/advocacy/factbot/pull/1"] * 2
    )
    assert len(github.pulls) == 1


@pytest.mark.parametrize(
    ("profile", "fault", "named"),
    [
        ({"display_name": "Ana @Lima", "real_name": "Ana Lima"}, None, "**Ana @\u200bLima**"),
        ({"display_name": "", "real_name": "Ana Lima"}, None, "**Ana Lima**"),
        ({"display_name": "Ana L", "real_name": "Ana Lima"}, "ratelimited", "**ana.lima**"),
    ],
    ids=["display name", "real name when no display name", "handle when users.info fails"],
)
def test_the_pr_names_the_suggester_by_their_slack_display_name(bot, github, profile, fault, named):
    bot.fake.users["U0USER01"] = {"name": "ana.lima", "profile": profile}
    if fault:
        bot.fake.faults.user_errors = {"U0USER01": fault}
    view = open_correction_modal(bot)
    answer = submit(bot, view, caveat="Counts only lit ones.", reason="register", source="")
    assert answer["response_action"] == "update"
    told = wait_for(lambda: bot.fake.calls_to("response_url:fixit"))
    assert "https://github.com/advocacy/factbot/pull/1" in json.dumps(told[0].body)
    [pull] = github.pulls
    assert f"Suggested in Slack by {named}" in pull.body and "<@" not in pull.body
    assert [c.body.get("user") for c in bot.fake.calls_to("users.info")] == ["U0USER01"]
