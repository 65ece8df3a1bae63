"""The command line: usage errors are clear messages with exit 2, never tracebacks."""

import pytest

from bot.cli import main


@pytest.mark.parametrize(
    "argv",
    [
        ["preview", "--days", "-3"],
        ["preview", "--days", "0"],
        ["search", "minusma", "--limit", "0"],
        ["status", "--limit", "many"],
        ["status", "--limit", "1_000"],  # int() reads these; a database id or count is never one
        ["status", "--limit", "\u0661"],
        ["suggestions", "retry", "2147483648"],  # past PostgreSQL's integer: was a traceback
        ["suggestions", "retry", "9223372036854775808"],  # past SQLite's: an OverflowError
        ["suggestions", "retry", "1" * 5000],
    ],
)
def test_counts_must_be_positive(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "expected a whole number from 1 to 2,147,483,647" in err and len(err) < 2000


def test_a_database_that_cannot_be_opened_exits_3_with_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgresql://app:hunter2@127.0.0.1:1/factbot")
    assert main(["status"]) == 3  # the README's exit codes: 3 is "database unavailable"
    err = capsys.readouterr().err
    assert "cannot open its database" in err and "hunter2" not in err
    assert "Traceback" not in err


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "factbot" in capsys.readouterr().out
