"""Production logs carry what happened, not library chatter, and never hide a real error.

Captured from a real start (the Bolt app against the fake Slack) and a real scheduler tick.
"""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
import sys
import threading

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.facts import load_store
from bot.logs import LOGGED_TEXT, SDK_SEND_FAILURE, loggable
from bot.schedule.posting import run_pass
from bot.scheduler import start_background_scheduler
from bot.settings import Settings
from bot.slack.poster import slack_poster
from bot.storage import open_database
from tests.slackreq import bot_env, running_bot, write_store
from tests.test_app_actions import button
from tests.test_post_due import write_world
from tests.test_posting import SPRING_DUE, STORE, Sleeps, schedule


@pytest.fixture(autouse=True)
def restore_logger_levels():
    """Logger levels are process-wide: put back what a test changed."""
    names = ("apscheduler.executors", "slack_bolt.App")
    saved = {n: (logging.getLogger(n).level, list(logging.getLogger(n).filters)) for n in names}
    yield
    for name, (level, filters) in saved.items():
        logger = logging.getLogger(name)
        logger.setLevel(level)
        logger.filters[:] = filters


def wait_for(scheduler, events: int, job_id: str | None = None) -> threading.Event:
    """An Event set once `job_id` (any job if None) has run: after APScheduler logged the run."""
    done = threading.Event()

    def listener(event):
        if job_id is None or event.job_id == job_id:
            done.set()

    scheduler.add_listener(listener, events)
    return done


def test_a_scheduler_tick_logs_no_apscheduler_chatter_but_its_errors(tmp_path, fake_slack, caplog):
    facts, schedules = write_world(tmp_path / "world")
    settings = Settings.from_env(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'ledger.sqlite3'}",
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_API_URL": fake_slack.api_url,
            "FACTBOT_FACTS_DIR": str(facts),
            "FACTBOT_SCHEDULES_DIR": str(schedules),
        }
    )
    store = load_store(facts).store
    with caplog.at_level(logging.INFO):
        scheduler = start_background_scheduler(settings, lambda: store, slack_poster(settings))
        try:
            ticked = wait_for(scheduler, EVENT_JOB_EXECUTED)  # the pass runs at once at start
            assert ticked.wait(30), "the first pass did not run"

            def broken():
                raise RuntimeError("a real failure in a job")

            failed = wait_for(scheduler, EVENT_JOB_ERROR, "broken")
            scheduler.add_job(broken, id="broken", next_run_time=dt.datetime.now(dt.UTC))
            assert failed.wait(30), "the failing job did not run"
        finally:
            scheduler.shutdown(wait=True)
    chatter = [
        r.getMessage()
        for r in caplog.records
        if r.name.startswith("apscheduler.executors") and r.levelno < logging.WARNING
    ]
    assert chatter == []  # no "Running job", no "executed successfully"
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("raised an exception" in r.getMessage() and r.exc_info for r in errors)
    assert any(r.name == "bot.scheduler" for r in caplog.records)  # factbot's own lines remain


def test_bolt_start_has_no_token_will_be_unused_warning(tmp_path, fake_slack, monkeypatch, caplog):
    # Deployed bots have SLACK_BOT_TOKEN in the environment: Bolt reads it and warns.
    env = bot_env(fake_slack, tmp_path)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    write_store(tmp_path / "facts")
    from bot.web import WebApp, create_services

    with caplog.at_level(logging.INFO):
        web = WebApp(create_services(Settings.from_env()))
        logging.getLogger("slack_bolt.App").warning("a real Bolt warning still shows")
    web.services.db.dispose()
    messages = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert not [m for m in messages if "will be unused" in m], messages
    assert "a real Bolt warning still shows" in messages
    assert fake_slack.calls_to("auth.test")  # a real start: Bolt checked the token


def test_log_lines_mask_credentials_in_urls_tracebacks_included():
    script = (
        "import logging\n"
        "from bot.logs import configure_logging\n"
        "configure_logging()\n"
        "log = logging.getLogger('factbot.test')\n"
        "log.error('cannot reach postgresql://app:hunter2@db/factbot?sslpassword=hunter3')\n"
        "try:\n"
        "    raise ValueError('bad url https://TOKENhunter4@example.org/x')\n"
        "except ValueError:\n"
        "    log.exception('failed')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert "app:***@db/factbot?sslpassword=***" in done.stderr
    assert "hunter" not in done.stderr and "ValueError" in done.stderr


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=3 * LOGGED_TEXT))
def test_loggable_text_is_one_bounded_line_an_admin_reads_as_written(text):
    shown = loggable(text)
    assert shown.isprintable()  # no line break, escape, bidi control or invisible character
    assert len(shown) <= 10 * LOGGED_TEXT + 40  # each kept character is at most `\U0001xxxx`
    if len(text) > LOGGED_TEXT:
        assert shown.endswith(f"… ({len(text)} characters)")


def logged(caplog, *prefixes: str) -> list[tuple[str, int]]:
    """(logger name, level) of each captured record whose logger starts with one of `prefixes`."""
    return [(r.name, r.levelno) for r in caplog.records if r.name.startswith(prefixes)]


def test_a_share_whose_answer_is_lost_logs_factbots_line_not_slack_sdks(
    fake_slack, tmp_path, caplog
):
    with running_bot(fake_slack, tmp_path, dt.date(2024, 6, 20)) as bot:
        value = button(bot.command("/fact", "lighthouses testland").json(), "fact_share")
        bot.fake.faults.drop_answers["response_url:lost"] = 1
        with caplog.at_level(logging.INFO):
            assert bot.click("fact_share", value, name="lost").status == 200
    assert logged(caplog, "slack_sdk") == []  # handled: no ERROR of its own, no traceback
    assert ("bot.slack.actions", logging.WARNING) in logged(caplog, "bot.")
    assert not [r for r in caplog.records if r.exc_info]


def test_a_scheduled_post_whose_answer_is_lost_logs_factbots_line_not_slack_sdks(
    fake_slack, tmp_path, caplog
):
    fake_slack.ts_base = SPRING_DUE.timestamp()
    settings = Settings.from_env(bot_env(fake_slack, tmp_path))
    db = open_database(settings.database_url)
    fake_slack.faults.drop_answers["chat.postMessage"] = 1
    try:
        with caplog.at_level(logging.INFO):
            poster = slack_poster(settings)
            report = run_pass(db, [schedule()], STORE, poster, SPRING_DUE, sleep=Sleeps())
    finally:
        db.dispose()
    assert len(report.posted) == 2 and len(fake_slack.messages()) == 2  # found, not re-sent
    assert logged(caplog, "slack_sdk") == []
    assert logged(caplog, "bot.") == [("bot.schedule.attempts", logging.WARNING)]


def test_slack_sdks_line_for_a_handled_failure_is_still_there_at_debug(fake_slack, caplog):
    from bot.slack import delivery

    fake_slack.faults.drop_answers["response_url:a"] = 1
    with caplog.at_level(logging.DEBUG):
        sent = delivery.send_response(fake_slack.response_url("a"), {"text": "x"})
    assert not sent.landed
    failures = [
        (r.name, r.levelno) for r in caplog.records if r.getMessage().startswith(SDK_SEND_FAILURE)
    ]
    assert failures == [("slack_sdk.webhook.client", logging.DEBUG)]
