"""Settings come from the environment in one place; secrets never show in logs or reprs."""

import pytest

from bot.settings import Settings, SettingsError, normalize_database_url


def test_defaults_need_no_environment():
    settings = Settings.from_env({})
    assert str(settings.facts_dir) == "facts"
    assert settings.database_url == "sqlite:///data/factbot.sqlite3"
    assert settings.slack_api_url == "https://slack.com/api/"


def test_platform_postgres_urls_use_psycopg():
    assert normalize_database_url("postgres://u:p@h:5432/db") == "postgresql+psycopg://u:p@h:5432/db"
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
