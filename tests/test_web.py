"""The WSGI app over real HTTP: request signing, /healthz, the error handler, lazy start-up."""

import dataclasses
import datetime as dt
import json
import logging
import time

import pytest
from sqlalchemy import text

from bot.claims.evidence import ClaimIndex
from bot.facts.load import load_store
from bot.prebuilt import Prebuilt, PrebuiltStores
from bot.prebuilt.cache import write
from bot.search.index import SearchIndex
from bot.warmup import warm_up
from bot.web import _LazyApp
from tests.slackreq import (
    SECRET,
    bot_env,
    command_body,
    get,
    running_bot,
    serve_app,
    signed_post,
    write_store,
)

TODAY = dt.date(2024, 6, 20)


@pytest.fixture
def bot(fake_slack, tmp_path):
    with running_bot(fake_slack, tmp_path, TODAY) as bot:
        yield bot


def test_healthz_reports_store_counts(bot):
    reply = get(bot.url + "/healthz")
    assert reply.status == 200
    assert reply.json() == {
        "ok": True,
        "store_version": 1,
        "prebuilt": False,  # this first start built it from the YAML (and saved it)
        "facts": 2,
        "events": 1,
        "talking_points": 1,
        "latest_edit": {"refused": False},
    }


def test_a_workers_warm_up_is_answered_in_process_and_counts_nothing(bot, caplog):
    with caplog.at_level(logging.INFO):
        assert warm_up(bot.web) == "200 OK"
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    usage = bot.web.services.usage
    usage.flush()
    stats = usage.store.stats(bot.web.services.now(), 90, ())
    assert stats.asked == [] and stats.unanswered == []


def test_healthz_says_when_the_latest_edit_was_refused_and_why(bot, tmp_path):
    from tests.test_live import BROKEN_FACT, NEW_FACT, add_to_facts

    facts = tmp_path / "facts"
    add_to_facts(facts, BROKEN_FACT)
    assert bot.web.services.live.check_for_changes() is False
    reply = get(bot.url + "/healthz")
    assert reply.status == 200  # the last good store keeps serving
    health = reply.json()
    assert health["ok"] is False
    assert health["facts"] == 2 and health["store_version"] == 1
    edit = health["latest_edit"]
    assert edit["refused"] is True
    assert edit["since"] == "2024-06-20T12:00:00+00:00"  # the bot's clock when it was refused
    assert edit["files"] == ["facts/testland.yaml"]
    assert edit["error_count"] == 2
    assert edit["errors"][0].startswith("facts/testland.yaml:")
    assert "F005 fact 'testland-broken' is missing required field 'sources'" in edit["errors"][0]
    assert str(tmp_path) not in reply.body  # no server paths on a public endpoint

    path = facts / "testland.yaml"
    path.write_text(path.read_text().replace(BROKEN_FACT, NEW_FACT))
    assert bot.web.services.live.check_for_changes() is True
    health = get(bot.url + "/healthz").json()
    assert health["ok"] is True and health["latest_edit"] == {"refused": False}
    assert health["facts"] == 3


def test_forged_signature_is_refused_and_nothing_happens(bot):
    body = command_body("/fact", "lighthouses", bot.fake.response_url())
    reply = signed_post(bot.events_url, body, secret="not-the-secret")
    assert reply.status == 401
    assert "lighthouses" not in reply.body
    assert bot.fake.calls == []


def test_request_six_minutes_old_is_refused(bot):
    body = command_body("/fact", "lighthouses", bot.fake.response_url())
    reply = signed_post(bot.events_url, body, timestamp=int(time.time()) - 6 * 60)
    assert reply.status == 401
    assert bot.fake.calls == []


def test_unsigned_request_is_refused(bot):
    from tests.slackreq import post

    assert post(bot.events_url, "command=/fact&text=x").status == 401


def test_unknown_path_is_404(bot):
    assert get(bot.url + "/nope").status == 404


def test_a_failing_command_tells_the_user_and_logs_the_traceback(bot, caplog):
    live = bot.web.services.live
    live._current = dataclasses.replace(live.current, index=None)  # search will blow up
    with caplog.at_level(logging.ERROR):
        reply = bot.command("/fact", "lighthouses")
    assert reply.status == 200
    assert "something went wrong" in reply.json()["text"]
    assert "Traceback" not in reply.body
    assert any(r.exc_info for r in caplog.records)


def test_a_failing_share_tells_the_user_privately(bot, caplog):
    with bot.web.services.db.engine.begin() as conn:
        conn.execute(text("DROP TABLE once_claims"))
    value = json.dumps({"id": "testland-lighthouses", "q": "x", "i": 0})
    with caplog.at_level(logging.ERROR):
        assert bot.click("fact_share", value, name="broken").status == 200
    (call,) = bot.fake.calls_to("response_url:broken")
    assert "something went wrong" in call.body["text"]
    assert call.body["response_type"] == "ephemeral"
    assert any(r.exc_info for r in caplog.records)


def test_lazy_module_app_starts_from_env_alone(fake_slack, tmp_path, monkeypatch):
    for key, value in bot_env(fake_slack, tmp_path).items():
        monkeypatch.setenv(key, value)
    write_store(tmp_path / "facts")
    lazy = _LazyApp()
    with serve_app(lazy) as url:
        assert get(url + "/healthz").json()["facts"] == 2
        body = command_body("/fact", "lighthouses", fake_slack.response_url())
        assert "12* lighthouses" in signed_post(url + "/slack/events", body).body
    assert fake_slack.calls_to("auth.test")  # the token was checked at start-up
    lazy.get().services.live.stop()


def test_a_worker_whose_warm_up_fails_still_serves(fake_slack, tmp_path, monkeypatch, caplog):
    """A prebuilt file sound enough to load but holding a value no reply can render (a number
    where a statement should be): the warm-up fails, is logged, and the worker serves anyway."""
    for key, value in bot_env(fake_slack, tmp_path).items():
        monkeypatch.setenv(key, value)
    write_store(tmp_path / "facts")
    stores = PrebuiltStores(tmp_path / "data" / "prebuilt")
    key = stores.key(tmp_path / "facts")
    result = load_store(tmp_path / "facts", today=TODAY)
    index, claims = SearchIndex.build(result.store), ClaimIndex.build(result.store)
    first = next(iter(result.store.facts.values()))
    object.__setattr__(first, "statement", 12)  # what no YAML can say
    write(stores.path_for(key), Prebuilt(result, index, claims))
    lazy = _LazyApp()
    lazy.preload()
    with caplog.at_level(logging.ERROR):
        lazy.start_worker()
    assert "warming up this worker failed" in caplog.text
    with serve_app(lazy) as url:
        health = get(url + "/healthz").json()
        assert health["prebuilt"] is True and health["facts"] == 2
    lazy.get().services.usage.stop()
    lazy.get().services.db.dispose()


def test_lazy_module_app_without_env_answers_503(monkeypatch):
    for key in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(key, raising=False)
    with serve_app(_LazyApp()) as url:
        assert get(url + "/healthz").status == 503


def test_the_module_exposes_a_wsgi_app_without_needing_env():
    import bot.web

    assert callable(bot.web.app)
    assert SECRET  # the tests sign with a secret the app was given, never a hard-coded one


def test_healthz_is_not_ok_when_the_store_had_errors_at_start(fake_slack, tmp_path):
    from tests.test_live import BROKEN_FACT, add_to_facts

    write_store(tmp_path / "facts")
    add_to_facts(tmp_path / "facts", BROKEN_FACT)
    with running_bot(fake_slack, tmp_path, TODAY) as bot:
        health = get(bot.url + "/healthz").json()
    assert health["ok"] is False
    assert health["facts"] == 2  # the records that validated are served
    assert health["latest_edit"]["files"] == ["facts/testland.yaml"]
