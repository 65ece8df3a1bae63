"""The clock's wiring: APScheduler job settings, reloads on file change, passes never raise."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from slack_sdk import WebClient

from bot.facts import load_store
from bot.facts.model import Store
from bot.scheduler import (
    JOB_ID,
    ScheduleSource,
    make_pass_job,
    schedule_passes,
    start_background_scheduler,
)
from bot.settings import Settings
from bot.slack.poster import SlackPoster
from bot.storage import open_database
from tests.test_post_due import DUE, SCHEDULE_YAML, write_world


def settings_for(tmp_path, fake_slack) -> Settings:
    facts, schedules = write_world(tmp_path / "world")
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'data' / 'factbot.sqlite3'}",
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_URL": fake_slack.api_url,
        "FACTBOT_FACTS_DIR": str(facts),
        "FACTBOT_SCHEDULES_DIR": str(schedules),
    }
    return Settings.from_env(env)


def test_job_runs_every_minute_at_second_5_one_at_a_time_starting_now():
    scheduler = BackgroundScheduler(jobstores={"default": MemoryJobStore()}, timezone=dt.UTC)
    schedule_passes(scheduler, lambda: None)
    scheduler.start(paused=True)
    try:
        job = scheduler.get_job(JOB_ID)
        fields = {f.name: str(f) for f in job.trigger.fields}
        assert (fields["second"], fields["minute"]) == ("5", "*")
        assert (job.max_instances, job.coalesce) == (1, True)
        assert abs(job.next_run_time - dt.datetime.now(dt.UTC)) < dt.timedelta(seconds=5)
        assert isinstance(scheduler._lookup_jobstore("default"), MemoryJobStore)
    finally:
        scheduler.shutdown(wait=False)


def test_pass_job_posts_reloads_edits_and_keeps_last_good(tmp_path, fake_slack):
    settings = settings_for(tmp_path, fake_slack)
    store = load_store(settings.facts_dir).store
    db = open_database(settings.database_url)
    poster = SlackPoster(WebClient(token="xoxb-test", base_url=fake_slack.api_url))
    now = [DUE]
    job = make_pass_job(settings, lambda: store, db, poster, clock=lambda: now[0])
    assert len(job().posted) == 6
    path = settings.schedules_dir / "test.yaml"
    good = path.read_text()
    path.write_text(good + "  - id: broken\n    type: reminder\n")  # an invalid edit
    now[0] += dt.timedelta(minutes=1)
    report = job()
    assert report.posted == () and report.skipped == 6  # last good schedules still in force
    extra = SCHEDULE_YAML.format(channel="C0CHANTRI", lower="c0chantri")
    path.write_text(good + extra)  # a valid edit adds a channel
    now[0] += dt.timedelta(minutes=1)
    assert {k.split("|")[-1] for k in job().posted} == {"C0CHANTRI"}
    assert len(fake_slack.messages()) == 9
    db.dispose()


def test_a_failing_pass_is_logged_not_raised(tmp_path, fake_slack, caplog):
    settings = settings_for(tmp_path, fake_slack)
    db = open_database(settings.database_url)

    def broken_store() -> Store:
        raise OSError("facts volume unmounted")

    job = make_pass_job(settings, broken_store, db, SlackPoster(WebClient()), clock=lambda: DUE)
    assert job() is None
    assert "posting pass failed" in caplog.text and "facts volume unmounted" in caplog.text
    db.dispose()


def test_schedule_source_reloads_when_the_store_changes(tmp_path, fake_slack):
    settings = settings_for(tmp_path, fake_slack)
    store = load_store(settings.facts_dir).store
    source = ScheduleSource(settings.schedules_dir)
    first = source.current(store)
    assert source.current(store) is first  # unchanged files: no reload
    assert source.current(replace(store)) is not first


def test_background_scheduler_starts_with_one_job(tmp_path, fake_slack):
    settings = settings_for(tmp_path, fake_slack)
    poster = SlackPoster(WebClient(token="xoxb-test", base_url=fake_slack.api_url))
    scheduler = start_background_scheduler(settings, Store.empty, poster=poster)
    try:
        assert scheduler.running and [j.id for j in scheduler.get_jobs()] == [JOB_ID]
    finally:
        scheduler.shutdown(wait=True)


def test_factbot_clock_catches_up_at_start(tmp_path, fake_slack):
    """A real `factbot clock` process posts what fell due while it was down, then keeps running."""
    import os
    import subprocess
    import sys
    import time

    from tests.test_post_due import REPO

    due = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0) - dt.timedelta(minutes=2)
    facts, schedules = tmp_path / "facts", tmp_path / "schedules"
    facts.mkdir()
    schedules.mkdir()
    (facts / "e.yaml").write_text(
        f"events:\n  - id: today\n    date: 2016-{due:%m-%d}\n    title: Today\n"
        + "    kind: resolution\n    summary: Adopted.\n    tone: neutral\n    topic: t\n"
        + "    sources:\n      - title: UN\n        url: https://un.org/\n"
    )
    (schedules / "s.yaml").write_text(
        "schedules:\n  - id: utc\n    type: reminder\n    channel: C0CHANONE\n"
        f'    time: "{due:%H:%M}"\n    timezone: UTC\n    events:\n      ids: [today]\n'
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "FACTBOT_"))}
    env.update(
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_API_URL=fake_slack.api_url,
        DATABASE_URL=f"sqlite:///{tmp_path / 'data' / 'db.sqlite3'}",
        FACTBOT_FACTS_DIR=str(facts),
        FACTBOT_SCHEDULES_DIR=str(schedules),
        PYTHONPATH=str(REPO),
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "clock"], env=env, cwd=tmp_path, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 30
        while not fake_slack.messages() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)  # waiting for a real process to act, not for a schedule
        assert proc.poll() is None, proc.stderr.read().decode()
        [message] = fake_slack.messages("C0CHANONE")
        assert message.metadata["event_payload"]["key"].startswith("utc|today|")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
