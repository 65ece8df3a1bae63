"""The services a Slack-facing process runs on: the live store (prebuilt when it can be), the
database, usage counting and, when GitHub is configured, the suggestion desk."""

from __future__ import annotations

from bot.app import Services, utcnow
from bot.claims.evidence import index_for
from bot.commands.preview import record_preview
from bot.github.client import GitHubRepo
from bot.github.desk import Desk
from bot.prebuilt import PrebuiltStores
from bot.search.live import LiveStore
from bot.settings import Settings
from bot.storage import open_database
from bot.usage import UsageRecorder


def create_services(settings: Settings, today=None, now=None) -> Services:
    """The live store and database for `settings`; tests inject `today()` and `now()`."""
    today, now = today or settings.today, now or utcnow
    # The first snapshot comes prebuilt when `factbot prebuild` (or an earlier start) saved one
    # for these files: at 100,000 facts, seconds instead of a minute before the first answer.
    prebuilt = PrebuiltStores(settings.prebuilt_dir)
    live = LiveStore(
        settings.facts_dir, today=today, now=now, warm=(index_for,), start_cache=prebuilt
    )
    db = open_database(settings.database_url)
    desk = suggestion_desk(settings, db, today, now) if settings.github_enabled else None
    usage = UsageRecorder(db, settings.usage_retention_days, now).start()
    return Services(
        settings=settings, live=live, db=db, today=today, now=now, usage=usage, desk=desk
    )


def suggestion_desk(settings: Settings, db, today, now) -> Desk:
    """Suggestions from Slack become pull requests on FACTBOT_GITHUB_REPO."""
    return Desk(
        db=db,
        repo=GitHubRepo.from_settings(settings),
        facts_dir=settings.facts_dir,
        schedules_dir=settings.schedules_dir,
        today=today,
        now=now,
        preview_for=record_preview,
    )
