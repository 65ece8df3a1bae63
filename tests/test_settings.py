"""Settings come from the environment in one place; secrets never show in logs or reprs."""

import pytest

from bot.settings import Settings, SettingsError, normalize_database_url


def test_defaults_need_no_environment():
    settings = Settings.from_env({})
    assert str(settings.facts_dir) == "facts"
    assert settings.database_url == "sqlite:///data/factbot.sqlite3"
    assert settings.slack_api_url == "https://slack.com/api/"


def test_platform_postgres_urls_use_psycopg():
    assert (
        normalize_database_url("postgres://u:p@h:5432/db") == "postgresql+psycopg://u:p@h:5432/db"
    )
    assert normalize_database_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalize_database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_missing_slack_settings_are_all_named_with_where_to_get_them():
    with pytest.raises(SettingsError) as err:
        Settings.from_env({}).require_slack()
    message = str(err.value)
    assert "SLACK_BOT_TOKEN" in message and "SLACK_SIGNING_SECRET" in message
    assert "OAuth & Permissions" in message
    with pytest.raises(SettingsError) as err:
        Settings.from_env({"SLACK_APP_TOKEN": "xapp-1"}).require_slack()
    assert "SLACK_BOT_TOKEN" in str(err.value) and "SLACK_SIGNING_SECRET" not in str(err.value)


def test_malformed_numbers_are_reported_together():
    with pytest.raises(SettingsError) as err:
        Settings.from_env({"PORT": "eighty", "FACTBOT_GRACE_HOURS": "soon"})
    assert "PORT" in str(err.value) and "FACTBOT_GRACE_HOURS" in str(err.value)


def test_repr_masks_secrets():
    settings = Settings.from_env(
        {
            "SLACK_BOT_TOKEN": "xoxb-very-secret",
            "SLACK_SIGNING_SECRET": "shh-signing",
            "DATABASE_URL": "postgres://app:hunter2@db.internal:5432/factbot",
        }
    )
    shown = repr(settings)
    assert "xoxb-very-secret" not in shown and "shh-signing" not in shown
    assert "hunter2" not in shown and "db.internal" in shown


def test_unsupported_database_and_bad_timezone_are_named_together():
    with pytest.raises(SettingsError) as err:
        Settings.from_env({"DATABASE_URL": "mysql://u:pw@h/db", "FACTBOT_TIMEZONE": "Mars/Olympus"})
    message = str(err.value)
    assert "DATABASE_URL" in message and "'mysql'" in message and "pw" not in message
    assert "FACTBOT_TIMEZONE" in message


def test_today_is_the_teams_day():
    import datetime as dt
    from zoneinfo import ZoneInfo

    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):  # UTC+14 and UTC-11: days differ
        today = Settings.from_env({"FACTBOT_TIMEZONE": zone}).today()
        assert today == dt.datetime.now(ZoneInfo(zone)).date()


def test_a_database_that_cannot_be_opened_is_one_clear_line(tmp_path):
    from bot.storage import StorageError, open_database

    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    with pytest.raises(StorageError) as err:
        open_database(f"sqlite:///{blocked}/ledger.sqlite3")
    assert "cannot open its database" in str(err.value) and "DATABASE_URL" in str(err.value)
    with pytest.raises(StorageError) as err:
        open_database("postgresql+psycopg://app:hunter2@127.0.0.1:1/db")
    assert "hunter2" not in str(err.value) and "127.0.0.1:1" in str(err.value)
