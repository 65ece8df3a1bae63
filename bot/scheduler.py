"""Running posting passes on a clock: APScheduler 3 for timing only, the ledger for the truth.

The job store is in memory and never shared: any number of processes may run passes at once,
because the posting ledger, not APScheduler, decides who posts. A pass runs at start (catch-up
after a restart) and then every minute at second 5, one at a time (`max_instances=1`), with
missed runs coalesced. Store and schedules are reloaded when their files change; an edit that
does not validate is logged and the last good version keeps posting.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.facts.model import Store
from bot.grammar import count
from bot.logs import quiet_scheduler_runs
from bot.schedule.load import load_schedules
from bot.schedule.model import Schedule
from bot.schedule.posting import PassReport, Poster, run_pass
from bot.search.live import files_signature
from bot.settings import Settings
from bot.storage import OUTAGES, Database, describe_outage, open_database
from bot.verify.reminders import (
    GroupMembers,
    ReminderReport,
    Sender,
    no_group_members,
    send_reminders,
)

log = logging.getLogger(__name__)

JOB_ID = "factbot-post-due"
REMINDER_JOB_ID = "factbot-owner-reminders"


def utcnow() -> dt.datetime:
    """The current time, timezone-aware UTC (read only here, at the edge)."""
    return dt.datetime.now(dt.UTC)


class ScheduleSource:
    """The schedules from a directory, reloaded when its files (or the fact store) change."""

    def __init__(self, schedules_dir: Path) -> None:
        self.schedules_dir = Path(schedules_dir)
        self._signature: object = None
        self._store: Store | None = None
        self._schedules: list[Schedule] | None = None

    def current(self, store: Store) -> list[Schedule]:
        """The last good schedules, reloading first if the files or the store changed."""
        signature = files_signature(self.schedules_dir)
        if signature != self._signature or store is not self._store:
            self._signature, self._store = signature, store
            self._reload(store)
        return self._schedules or []

    def _reload(self, store: Store) -> None:
        schedules, problems = load_schedules(self.schedules_dir, store)
        errors = [p for p in problems if p.severity == "error"]
        for p in errors:
            log.error("schedules: %s", p.format())
        if errors and self._schedules is not None:
            log.error(
                "refused schedule edit (%s); keeping the last good", count(len(errors), "error")
            )
            return
        self._schedules = schedules
        log.info("schedules loaded: %d", len(schedules))


def make_pass_job(
    settings: Settings,
    get_store: Callable[[], Store],
    db: Database,
    poster: Poster,
    clock: Callable[[], dt.datetime] = utcnow,
) -> Callable[[], PassReport | None]:
    """A no-argument function running one posting pass now; it logs failures, never raises."""
    source = ScheduleSource(settings.schedules_dir)
    grace = dt.timedelta(hours=settings.grace_hours)

    def job() -> PassReport | None:
        try:
            store = get_store()
            report = run_pass(db, source.current(store), store, poster, clock(), grace=grace)
        except OUTAGES as exc:  # the database went away: one line; the next pass tries again
            outage = describe_outage(settings.database_url, exc)
            log.error(
                "posting pass stopped, database unavailable: %s; next pass in a minute", outage
            )
            return None
        except Exception:  # a bug: the traceback goes to the log; the next pass tries again
            log.exception("posting pass failed")
            return None
        level = logging.INFO if (report.posted or report.failed or report.missed) else logging.DEBUG
        log.log(level, "posting pass: %s", report.summary())
        return report

    return job


def schedule_passes(scheduler: BaseScheduler, job: Callable[[], object]) -> None:
    """Every minute at second 5, one at a time, coalesced, with a first run right away."""
    scheduler.add_job(
        job,
        CronTrigger(second=5, timezone=dt.UTC),
        id=JOB_ID,
        max_instances=1,
        coalesce=True,
        misfire_grace_time=55,
        next_run_time=utcnow(),  # catch up at start, then follow the cron
        replace_existing=True,
    )


def start_background_scheduler(
    settings: Settings, get_store: Callable[[], Store], poster: Poster | None = None
) -> BackgroundScheduler:
    """Start posting passes in a background thread of `factbot serve`; returns the scheduler."""
    scheduler = _with_passes(BackgroundScheduler, settings, get_store, poster)
    scheduler.start()
    return scheduler


def blocking_scheduler(
    settings: Settings, get_store: Callable[[], Store], poster: Poster | None = None
) -> BlockingScheduler:
    """A BlockingScheduler ready for `factbot clock` (call `.start()`; it runs until stopped)."""
    return _with_passes(BlockingScheduler, settings, get_store, poster)


def _with_passes(kind, settings: Settings, get_store, poster: Poster | None):
    """A scheduler of `kind` with an in-memory job store (never shared) running the passes."""
    db = open_database(settings.database_url)
    quiet_scheduler_runs()  # two INFO lines a minute otherwise; errors and missed runs still log
    scheduler = kind(jobstores={"default": MemoryJobStore()}, timezone=dt.UTC)
    schedule_passes(scheduler, make_pass_job(settings, get_store, db, poster or _poster(settings)))
    if poster is None:  # the real Slack: owners get their weekly reminders too
        make_sender, members = _reminder_slack(settings)
        job = make_reminder_job(settings, get_store, db, make_sender, members=members)
        scheduler.add_job(
            job,
            CronTrigger(minute=7, timezone=dt.UTC),
            id=REMINDER_JOB_ID,
            max_instances=1,
            coalesce=True,
            replace_existing=True,
        )
    return scheduler


def make_reminder_job(
    settings: Settings,
    get_store: Callable[[], Store],
    db: Database,
    make_sender: Callable[[dt.date], Sender],
    clock: Callable[[], dt.datetime] = utcnow,
    members: GroupMembers = no_group_members,
) -> Callable[[], ReminderReport | None]:
    """A no-argument function sending this week's owner reminders (hourly; once a week each)."""

    def job() -> ReminderReport | None:
        try:
            today = settings.today()
            sender = make_sender(today)
            report = send_reminders(db, get_store(), today, clock(), sender, members)
        except OUTAGES as exc:  # the database went away: one line; the next hour tries again
            outage = describe_outage(settings.database_url, exc)
            log.error("owner reminders stopped, database unavailable: %s", outage)
            return None
        except Exception:  # a bug: the traceback goes to the log; the next hour tries again
            log.exception("owner reminders failed")
            return None
        log.log(logging.INFO if report.sent else logging.DEBUG, "reminders: %s", report.summary())
        return report

    return job


def _reminder_slack(settings: Settings) -> tuple[Callable[[dt.date], Sender], GroupMembers]:
    from bot.slack.delivery import web_client  # wiring: Slack meets the scheduler here
    from bot.slack.verify import dm_sender, group_lister

    client = web_client(settings.slack_bot_token, settings.slack_api_url)
    return (lambda today: dm_sender(client, today)), group_lister(client)


def _poster(settings: Settings) -> Poster:
    # Wiring: the scheduler meets Slack here (bot/schedule/ itself never imports it); lazily,
    # so tests that pass their own poster need no Slack settings.
    from bot.slack.poster import slack_poster

    return slack_poster(settings)
