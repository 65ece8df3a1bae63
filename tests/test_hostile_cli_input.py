"""What a second outside attack found on the command line and in pull requests, pinned.

`stats --days 99999999999` ended in an OverflowError; the console's `due` accepted any year and
crashed on the calendar's ends; control characters in `--by`/`--reason` reached the pull request
and the terminal as escapes; `--source javascript:…` was accepted; a symlinked directory in
facts/ (which `check` does not follow) was copied into the suggestion's check.
"""

from __future__ import annotations

from bot.cli import main
from tests.test_cli_dates import FACTS, SCHEDULES, run
from tests.test_github_suggest import SOURCE, caveat, suggest


def test_stats_days_is_bounded_like_every_other_window(tmp_path):
    code, _, err = run(
        [
            "stats",
            "--days",
            "99999999999",
            "--facts",
            FACTS,
            "--database-url",
            f"sqlite:///{tmp_path / 'x.sqlite3'}",
        ]
    )
    assert code == 2 and "at most 3660 days" in err and "Traceback" not in err


def test_the_consoles_due_refuses_years_outside_the_store_range(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the rehearsal ledger goes to ./data here
    monkeypatch.setenv("FACTBOT_SCHEDULES_DIR", SCHEDULES)
    argv = ["console", "--facts", FACTS]
    for when in ("9999-12-31T23:59Z", "0001-01-01T00:00Z", "2201-01-01T00:00Z"):
        code, out, err = run([*argv, "--command", f"due {when}"])
        assert code == 0 and "Traceback" not in err, err
        assert "outside the years factbot handles (1000 to 2200)" in out, out


def test_control_characters_never_reach_the_pull_request(github_checkout, capsys):
    _, gh = github_checkout
    more = ["--reason", "r\x1b]0;pwn\x07 reason \u202e", "--by", "b\x1b[31mby", "--source", SOURCE]
    code, _, err = suggest(capsys, *caveat("A plain caveat.", *more))
    assert code == 0, err
    [pull] = gh.pulls
    assert "**b[31mby**" in pull.body and "r]0;pwn reason" in pull.body
    assert not any(c in pull.body for c in "\x1b\x07\u202e")
    assert "Suggested from the command line by" in pull.body  # not "in Slack"
    assert main(["suggestions"]) == 0
    assert "\x1b" not in capsys.readouterr().out


def test_a_source_that_is_not_a_web_address_is_refused(github_checkout, capsys):
    _, gh = github_checkout
    more = ["--reason", "r", "--source", "javascript:alert(1)"]
    try:
        code = main(["suggest", *caveat("A plain caveat.", *more)])
    except SystemExit as exc:
        code = exc.code
    assert code == 2 and "expected an http(s) address" in capsys.readouterr().err
    assert gh.pulls == []


def test_a_symlinked_directory_check_ignores_is_not_checked_for_a_suggestion(
    github_checkout, tmp_path, capsys
):
    co, _ = github_checkout
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.yaml").write_text("facts:\n  - id: broken\n", encoding="utf-8")
    (co.facts / "evil").symlink_to(outside, target_is_directory=True)
    # check reads no linked directory, and says so (F026) rather than lose its records quietly
    assert main(["check", "--facts", str(co.facts), "--schedules", str(co.schedules)]) == 1
    assert "F026 evil is a symbolic link to a directory" in capsys.readouterr().out
    code, out, err = suggest(capsys, *caveat("A plain caveat.", "--reason", "r", "--dry-run"))
    assert code == 0, out + err
    # The suggestion goes ahead: the link's F026 was there before it, and nothing behind it is read.
    assert "evil" not in out and "broken" not in out and "1 error," in out
