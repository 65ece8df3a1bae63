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
    ],
)
def test_counts_must_be_positive(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert "expected a whole number of at least 1" in capsys.readouterr().err


def test_a_database_that_cannot_be_opened_exits_3_with_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgresql://app:hunter2@127.0.0.1:1/factbot")
    assert main(["status"]) == 3  # the README's exit codes: 3 is "database unavailable"
    err = capsys.readouterr().err
    assert "cannot open its database" in err and "hunter2" not in err
    assert "Traceback" not in err


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "factbot" in capsys.readouterr().out
