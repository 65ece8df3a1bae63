"""`--database-url` means the same in every command that uses the database: it stands for
DATABASE_URL (checked the same way), and the command reads that database, not the environment's."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.cli import main
from bot.facts.load import load_store
from bot.github.change import edit_change
from bot.github.suggestions import add_suggestion
from bot.schedule.ledger import Ledger
from bot.storage import open_database
from tests.slackreq import write_store
from tests.test_status import occ

DATABASE_COMMANDS = ["status", "stats", "retry", "suggestions", "suggest", "post-due", "serve"]


@pytest.mark.parametrize("command", DATABASE_COMMANDS)
def test_every_database_command_offers_database_url(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert "--database-url URL" in capsys.readouterr().out


@pytest.fixture
def other_database(tmp_path, monkeypatch):
    """DATABASE_URL names an empty database; the URL returned holds a failed post and a
    suggestion, written by the real ledger and suggestion store."""
    write_store(tmp_path / "facts")
    monkeypatch.setenv("FACTBOT_FACTS_DIR", str(tmp_path / "facts"))
    env_url = f"sqlite:///{tmp_path / 'env' / 'factbot.sqlite3'}"
    open_database(env_url).dispose()  # the environment's database: there, and empty
    monkeypatch.setenv("DATABASE_URL", env_url)
    url = f"sqlite:///{tmp_path / 'other' / 'factbot.sqlite3'}"
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    db = open_database(url)
    failed = occ("testland-founding", "C0NOTINCH", now)
    Ledger(db).claim(failed, "me", now)
    Ledger(db).mark_failed(failed.key, "not_in_channel", now)
    store = load_store(tmp_path / "facts").store
    change = edit_change(store, tmp_path / "facts", "testland-lamps", {"caveat": "Lit ones."})
    add_suggestion(db, change, "why", None, "Ana Lima", now)
    db.dispose()
    return url


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["status"], "not_in_channel"),
        (["retry"], "not_in_channel"),
        (["suggestions"], "caveat of testland-lamps"),
    ],
)
def test_the_command_reads_the_database_named(other_database, capsys, args, shown):
    assert main(args) == 0
    assert shown not in capsys.readouterr().out  # the environment's database is empty
    assert main([*args, "--database-url", other_database]) == 0
    assert shown in capsys.readouterr().out


def test_a_database_url_of_another_kind_is_refused_like_database_url(other_database, capsys):
    assert main(["status", "--database-url", "mysql://db/factbot"]) == 2
    assert "DATABASE_URL uses 'mysql'" in capsys.readouterr().err
