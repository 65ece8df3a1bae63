"""Signed payloads of shapes Slack never sends, to the real app over HTTP: a quiet acknowledgement
or a 400, never a 500, an ERROR with a traceback, or an outbound call with an empty id.

The regressions an outside tester found come first; then Hypothesis mutates a realistic payload
for every action, shortcut, view and event the app registers (fields deleted or replaced by
values of any JSON type) and checks the same three things for each.
"""

from __future__ import annotations

import copy
import json
import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.slack.factcheck import SHORTCUT
from bot.slack.home import RETRY_ACTION
from bot.slack.suggest_views import CORRECTION_VIEW, NEW_FACT_VIEW, SUGGEST_MENU, SUGGEST_NEW
from bot.slack.verify_views import NEEDS_CHANGE, STILL_TRUE
from tests.fakegithub import FakeGitHub
from tests.slackreq import (
    action_body,
    action_payload,
    event_body,
    message_shortcut_payload,
    running_bot,
    signed_post,
    write_store,
)
from tests.test_app_suggest import STORE, TODAY, github_env

ACTIONS = ("fact_next", "fact_copy", "fact_share", "tp_share", RETRY_ACTION)
ACTIONS += (NEEDS_CHANGE, STILL_TRUE, SUGGEST_MENU, SUGGEST_NEW)
VIEWS = (CORRECTION_VIEW, NEW_FACT_VIEW)
SHORTCUTS = (SHORTCUT,)
EVENTS = ("app_home_opened",)
ID_FIELDS = ("trigger_id", "user_id", "user", "channel", "view_id", "users")


class Errors(logging.Handler):
    """Every ERROR (or worse) logged, and every record carrying a traceback."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR or record.exc_info:
            self.records.append(record)


@pytest.fixture
def bot(fake_slack, tmp_path):
    write_store(tmp_path / "facts")
    errors = Errors()
    logging.getLogger().addHandler(errors)
    with FakeGitHub({STORE: (tmp_path / STORE).read_text()}) as gh:
        env = {**github_env(gh, tmp_path), "FACTBOT_ADMINS": "U0USER01"}
        with running_bot(fake_slack, tmp_path, TODAY, env=env) as bot:
            bot.errors = errors
            yield bot
    logging.getLogger().removeHandler(errors)


def empty_ids(bot) -> list:
    """Outbound Slack calls naming nobody: an empty trigger, user or channel id."""
    return [
        (c.method, name)
        for c in bot.fake.calls
        for name in ID_FIELDS
        if name in c.body and c.body[name] in ("", None, [], "[]")
    ]


def assert_quiet(bot, reply) -> None:
    assert reply.status in (200, 400), reply
    assert "went wrong" not in reply.body
    assert [r.getMessage() for r in bot.errors.records] == []
    assert empty_ids(bot) == []


def without(data: dict, *keys: str) -> dict:
    return {k: v for k, v in data.items() if k not in keys}


def fix_menu(bot) -> dict:
    data = action_payload(SUGGEST_MENU, "", bot.fake.response_url("menu"))
    data["actions"][0] = {
        "type": "overflow",
        "action_id": SUGGEST_MENU,
        "block_id": "b1",
        "selected_option": {"value": "fix:testland-lighthouses"},
        "action_ts": "1.2",
    }
    return data


def test_buttons_without_a_trigger_id_are_acknowledged_quietly(bot):
    new = action_payload(SUGGEST_NEW, '{"q": "zebra"}', bot.fake.response_url("new"))
    for data in (without(new, "trigger_id"), without(fix_menu(bot), "trigger_id")):
        reply = signed_post(bot.events_url, action_body(data))
        assert_quiet(bot, reply)
        assert reply.status == 200
    assert bot.fake.calls_to("views.open") == []
    assert signed_post(bot.events_url, action_body(fix_menu(bot))).status == 200
    assert len(bot.fake.calls_to("views.open")) == 1  # the same click with one opens the modal


@pytest.mark.parametrize("value", [{"q": "zebra"}, ["q"], 7, None])
def test_a_suggest_new_button_whose_value_is_not_text_opens_an_empty_form(bot, value):
    data = action_payload(SUGGEST_NEW, "", bot.fake.response_url("new"))
    data["actions"][0]["value"] = value  # Slack sends a button's value as text, always
    reply = signed_post(bot.events_url, action_body(data))
    assert_quiet(bot, reply)
    assert len(bot.fake.calls_to("views.open")) == 1


def test_actions_that_are_not_a_list_get_400_and_one_log_line(bot, caplog):
    data = {**action_payload("fact_share", "{}", bot.fake.response_url("x")), "actions": "x"}
    with caplog.at_level(logging.WARNING):
        reply = signed_post(bot.events_url, action_body(data))
    assert reply.status == 400 and reply.json() == {"ok": False, "error": "bad request"}
    assert_quiet(bot, reply)
    refused = [r.getMessage() for r in caplog.records if r.name == "bot.web"]
    assert len(refused) == 1 and "actions" in refused[0], refused


@pytest.mark.parametrize("as_form", [False, True])
def test_signed_json_nested_thousands_deep_gets_400_not_a_traceback(bot, caplog, as_form):
    deep = "[" * 2000 + "]" * 2000
    body = f"payload={deep}" if as_form else deep
    kind = "application/x-www-form-urlencoded" if as_form else "application/json"
    with caplog.at_level(logging.WARNING):
        reply = signed_post(bot.events_url, body, content_type=kind)
    assert reply.status == 400 and reply.json() == {"ok": False, "error": "bad request"}
    assert not [r for r in caplog.records if r.exc_info]


def test_a_message_shortcut_whose_text_is_a_list_opens_an_empty_check(bot):
    data = message_shortcut_payload(SHORTCUT, "x")
    data["message"] = {"text": ["a"], "ts": "1.1"}
    reply = signed_post(bot.events_url, action_body(data))
    assert_quiet(bot, reply)
    [opened] = bot.fake.calls_to("views.open")
    assert opened.body["trigger_id"] == "1.2.shortcut"


def test_app_home_opened_without_a_user_publishes_nothing(bot):
    reply = bot.event({"type": "app_home_opened", "tab": "home"})
    assert_quiet(bot, reply)
    assert bot.fake.calls_to("views.publish") == []
    bot.event({"type": "app_home_opened", "user": "U0USER01", "tab": "home"})
    assert [c.body["user_id"] for c in bot.fake.calls_to("views.publish")] == ["U0USER01"]


# -- random shapes ------------------------------------------------------------------------------
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)
DELETE = object()


def realistic(bot, kind: str, name: str) -> dict:
    """A payload of `kind` for the listener `name`, as Slack would send it."""
    url = bot.fake.response_url("fuzz")
    if kind == "action":
        data = action_payload(name, '{"id": "testland-lighthouses", "q": "lamps", "i": 0}', url)
        data["actions"][0]["selected_option"] = {"value": "fix:testland-lighthouses"}
        return data
    if kind == "shortcut":
        return message_shortcut_payload(name, "Testland has 12 lighthouses.")
    if kind == "event":
        return json.loads(event_body({"type": name, "user": "U0USER01", "tab": "home"}))
    values = {
        block: {"value": {"type": "plain_text_input", "value": value}}
        for block, value in {
            "statement": "Test data: Testland has 2 foghorns.",
            "topic": "testland",
            "as_of": "2022-08-01",
            "sources": "https://example.org/f Foghorns",
            "reason": "asked",
        }.items()
    }
    view = {
        "id": "V0FUZZ",
        "callback_id": name,
        "private_metadata": json.dumps({"id": "testland-lighthouses", "r": url}),
        "blocks": [{"type": "input", "block_id": "statement"}],
        "state": {"values": values},
    }
    return {**action_payload("x", "", url), "type": "view_submission", "view": view}


def paths(data, prefix=()) -> list[tuple]:
    """Every key path in `data` (mappings and the first item of lists), depth first."""
    found = []
    items = data.items() if isinstance(data, dict) else enumerate(data[:1])
    for key, value in items:
        found.append((*prefix, key))
        if isinstance(value, dict | list) and len(prefix) < 4:
            found += paths(value, (*prefix, key))
    return found


def mutated(data: dict, changes: list[tuple[tuple, object]]) -> dict:
    out = copy.deepcopy(data)
    for path, value in changes:
        parent = out
        for key in path[:-1]:
            parent = parent[key] if _holds(parent, key) else None
        if parent is None or not _holds(parent, path[-1]):
            continue
        if value is DELETE and isinstance(parent, dict):
            del parent[path[-1]]
        elif value is not DELETE:
            parent[path[-1]] = value
    return out


def _holds(container, key) -> bool:
    if isinstance(container, dict):
        return key in container
    return isinstance(container, list) and isinstance(key, int) and key < len(container)


def send(bot, kind: str, data: dict):
    if kind == "event":
        return signed_post(bot.events_url, json.dumps(data), "application/json")
    return signed_post(bot.events_url, action_body(data))


LISTENERS = (
    [("action", a) for a in ACTIONS]
    + [("view", v) for v in VIEWS]
    + [("shortcut", s) for s in SHORTCUTS]
    + [("event", e) for e in EVENTS]
)


def test_the_fuzzed_listeners_are_all_the_app_registers(bot):
    from bot.slack.commands import COMMANDS
    from bot.slack.factcheck import COMMAND

    assert len(bot.web.bolt._listeners) == len(LISTENERS) + len(COMMANDS) + len([COMMAND])


@pytest.mark.parametrize(("kind", "name"), LISTENERS, ids=[n for _, n in LISTENERS])
def test_random_payload_shapes_never_fail_loudly(bot, kind, name):
    base = realistic(bot, kind, name)
    change = st.tuples(st.sampled_from(paths(base)), st.just(DELETE) | JSON)

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(st.lists(change, min_size=1, max_size=3))
    def check(changes):
        reply = send(bot, kind, mutated(base, changes))
        assert_quiet(bot, reply)

    check()
