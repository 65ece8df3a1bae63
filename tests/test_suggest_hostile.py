"""Suggestions under attack: a new fact's topic never becomes a path outside the store (from the
shell or from Slack), the changed record is always validated, and a suggestion opens its pull
request once, however many submissions share its view."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest

from bot.cli import main
from bot.facts.load import load_store
from bot.github.change import new_fact_change
from bot.github.checkrun import check_change
from bot.github.service import Meta
from bot.services import suggestion_desk
from bot.settings import Settings
from bot.storage import open_database
from tests.fakegithub import FakeGitHub
from tests.slackreq import running_bot, signed_post, view_submission_body, wait_for, write_store
from tests.test_app_suggest import (
    STORE,
    TODAY,
    github_env,
    inputs,
    open_correction_modal,
    opened_view,
)


@pytest.fixture
def github(tmp_path):
    write_store(tmp_path / "facts")
    with FakeGitHub({STORE: (tmp_path / STORE).read_text()}) as gh:
        yield gh


@pytest.fixture
def bot(fake_slack, github, tmp_path):
    with running_bot(fake_slack, tmp_path, TODAY, env=github_env(github, tmp_path)) as bot:
        yield bot


SOURCE = "https://www.thedefensepost.com/2018/07/01/mali-france-gao-attack-operation-barkhane/"


def climbing_to(target) -> str:
    """A topic that climbs from any directory up to / and down into `target`."""
    return "../" * 40 + str(target).lstrip("/")


def new_fact_file(tmp_path, topic: str):
    path = tmp_path / "fact.yaml"
    path.write_text(
        "id: escape-test\n"
        "statement: Test data, escape test counted 7 things.\n"
        "as_of: 2018-01-01\n"
        "sources:\n"
        "  - title: The Defense Post\n"
        f"    url: {SOURCE}\n"
        "    date: 2018-07-01\n"
        f"topic: {json.dumps(topic)}\n"
        "review_every: 1 year\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("dry_run", [True, False], ids=["dry run", "submitted"])
def test_a_topic_that_climbs_out_of_the_store_is_refused_and_writes_nothing(
    github_checkout, capsys, tmp_path, dry_run
):
    co, gh = github_checkout
    escaped = tmp_path / "escaped"
    new = new_fact_file(tmp_path, climbing_to(escaped))
    more = ["--dry-run"] if dry_run else []
    code = main(["suggest", "--new-file", str(new), "--reason", "test", *more])
    out = capsys.readouterr()
    assert code == 1
    assert "is not one of the store's" in out.err and "barkhane" in out.err
    assert "--- a/" not in out.out
    assert not escaped.exists()
    assert gh.calls == [] and co.git("status", "--porcelain") == ""


def test_a_new_topic_that_is_a_slug_gets_its_own_file_inside_the_store(github_checkout, capsys):
    co, gh = github_checkout
    new = new_fact_file(co.root.parent, "water-points")
    code = main(["suggest", "--new-file", str(new), "--reason", "test", "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.startswith(
        "--- a/facts/water-points/facts.yaml\n+++ b/facts/water-points/facts.yaml"
    )
    assert "+  - id: escape-test" in out and "0 errors" in out
    assert gh.calls == [] and co.git("status", "--porcelain") == ""


def test_a_changed_record_the_check_does_not_load_is_an_error(github_checkout):
    co, _gh = github_checkout
    store = load_store(co.facts).store
    change = new_fact_change(store, co.facts, {"id": "not-written", "topic": "barkhane"})
    text = (co.facts / change.path).read_text(encoding="utf-8")  # the file without the record
    run = check_change(co.facts, co.schedules, change, text, dt.date(2024, 6, 20))
    assert [(p.code, p.path) for p in run.errors] == [("F024", "facts/" + change.path)]
    assert "not-written was not loaded" in run.errors[0].message
    assert "1 error" in run.summary


def test_slack_new_fact_with_a_climbing_topic_gets_an_error_on_the_topic(bot, github, tmp_path):
    assert bot.click("suggest_new", '{"q": "zebra"}', name="newfact").status == 200
    view = opened_view(bot)
    escaped = tmp_path / "escaped"
    typed = {
        "statement": "Test data: Testland has 2 foghorns.",
        "id": "testland-foghorns",
        "topic": climbing_to(escaped),
        "as_of": "2022-08-01",
        "sources": "https://example.org/foghorns Testland Foghorn List",
        "reason": "Asked twice.",
    }
    answer = signed_post(bot.events_url, view_submission_body(view, typed)).json()
    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {"topic"}
    assert "is not one of the store's (testland)" in answer["errors"]["topic"]
    assert not escaped.exists()
    assert github.pulls == [] and [c for c in github.calls if c[0] != "GET"] == []


def told(bot) -> list[str]:
    return [json.dumps(c.body) for c in bot.fake.calls_to("response_url:fixit")]


def test_submissions_sharing_a_view_open_each_kept_suggestion_once(bot, github):
    view = open_correction_modal(bot)
    shown = inputs(view)

    def submit(**typed):
        body = view_submission_body(view, {**shown, "source": "", **typed})
        return signed_post(bot.events_url, body).json()

    assert submit(caveat="Counts lit ones.", reason="register")["response_action"] == "update"
    wait_for(lambda: told(bot))
    writes = [c for c in github.calls if c[0] != "GET"]
    # The same view id again, refused: its answer is the errors, and nothing runs after it.
    refused = submit(as_of="sometime", reason="r", source="https://example.org/r")
    assert refused["response_action"] == "errors"
    assert submit(caveat="Counts all.", reason="again")["response_action"] == "update"
    wait_for(lambda: len(told(bot)) >= 2)
    time.sleep(0.5)  # room for a stray third answer (the bug told the first PR again)
    messages = told(bot)
    assert len(messages) == 2, messages
    assert "pull/1" in messages[0] and "pull/2" in messages[1]
    assert len(github.pulls) == 2
    assert [c for c in github.calls if c[0] != "GET"][: len(writes)] == writes


def test_opening_an_opened_suggestion_again_gives_its_link_and_calls_nothing(
    github_checkout, monkeypatch
):
    co, gh = github_checkout
    monkeypatch.setenv("FACTBOT_FACTS_DIR", str(co.facts))
    settings = Settings.from_env()
    db = open_database(settings.database_url)
    now = dt.datetime(2024, 6, 20, 12, tzinfo=dt.UTC)
    desk = suggestion_desk(settings, db, lambda: now.date(), lambda: now)
    try:
        store = load_store(co.facts, today=now.date()).store
        prepared = desk.prepare_edit(store, "gao-attack-2018-toll", {"caveat": "Inside Gao."})
        kept = desk.keep(prepared, Meta("why", SOURCE, "Ana Lima"), origin="V0VIEW001")
        first = desk.open_kept(kept.id)
        calls = len(gh.calls)
        again = [desk.open_kept(kept.id), desk.open_for("V0VIEW001")]
    finally:
        db.dispose()
    assert first.pr_url == "https://github.com/advocacy/factbot/pull/1"
    assert [(d.pr_url, d.failure) for d in again] == [(first.pr_url, None)] * 2
    assert len(gh.calls) == calls and len(gh.pulls) == 1
