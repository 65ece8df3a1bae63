"""`factbot suggest` against the fake GitHub: one PR whose commit, applied to a git checkout,
changes only the record's lines and passes `factbot check`; invalid changes open nothing."""

from __future__ import annotations

from bot.cli import main
from tests.suggestrepo import changed_line_numbers

RECORD = "gao-attack-2018-toll"
FIGURES = "facts/minusma/figures.yaml"
NEW_CAVEAT = (
    "Mali's Security Ministry reported 4 civilians killed and 31 wounded, 8 of them Barkhane "
    "soldiers; the French army said no French soldier died. The attack was inside Gao."
)
SOURCE = "https://www.thedefensepost.com/2018/07/01/mali-france-gao-attack-operation-barkhane/"


def caveat(value: str, *more: str) -> list[str]:
    """`--record RECORD --field caveat --value VALUE` and more arguments."""
    return ["--record", RECORD, "--field", "caveat", "--value", value, *more]


def suggest(capsys, *args):
    code = main(["suggest", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def record_lines(co, record_id):
    """1-based [first, last] lines of a record in the checkout's figures file."""
    lines = (co.root / FIGURES).read_text().splitlines()
    start = next(i for i, t in enumerate(lines) if t.strip() == f"- id: {record_id}") + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("  - id:")), len(lines))
    return start, end


def test_caveat_suggestion_opens_one_pr_that_changes_only_the_record(github_checkout, capsys):
    co, gh = github_checkout
    reason = "The caveat repeats the field notes' error"
    more = ["--reason", reason, "--source", SOURCE, "--by", "Ana Lima"]
    code, out, err = suggest(capsys, *caveat(NEW_CAVEAT, *more))
    assert (code, err) == (0, "")
    assert out.strip() == "https://github.com/advocacy/factbot/pull/1"
    assert len(gh.pulls) == 1
    pull = gh.pulls[0]
    assert pull.labels == ["factbot-suggestion"]
    assert "**Ana Lima**" in pull.body and "@" not in pull.body.split("Source")[0]
    assert "The caveat repeats the field notes' error" in pull.body
    assert SOURCE in pull.body and "0 errors" in pull.body
    assert len(gh.commits_on(pull.head)) == 1
    first, last = record_lines(co, RECORD)
    co.apply(gh.files_at(pull.head))
    diff = co.git("diff", "-U0")
    assert diff.count("diff --git") == 1 and FIGURES in diff
    changed = changed_line_numbers(diff)
    assert changed and all(first <= n <= last for n in changed), (changed, first, last)
    assert "+      Mali's Security Ministry reported 4 civilians killed" in diff
    assert main(["check", "--facts", str(co.facts), "--schedules", str(co.schedules)]) == 0


def test_invalid_value_opens_nothing_and_prints_path_line_errors(github_checkout, capsys):
    co, gh = github_checkout
    as_of = ["--record", RECORD, "--field", "as_of", "--value", "July 2018"]
    code, out, _ = suggest(capsys, *as_of, "--reason", "wrong date", "--source", SOURCE)
    assert code == 1
    first, last = record_lines(co, RECORD)
    errors = [line for line in out.splitlines() if line.startswith(FIGURES + ":")]
    assert errors, out
    line = int(errors[0].split(":")[1])
    assert first <= line <= last
    assert "Nothing opened" in out
    assert gh.pulls == [] and set(gh.refs) == {"main"}
    assert [c for c in gh.calls if c[0] != "GET"] == []


def test_dry_run_prints_the_diff_and_touches_nothing(github_checkout, capsys):
    co, gh = github_checkout
    code, out, _ = suggest(capsys, *caveat(NEW_CAVEAT, "--reason", "r", "--dry-run"))
    assert code == 0
    assert out.startswith(f"--- a/{FIGURES}\n+++ b/{FIGURES}\n")
    assert "-      *The field notes are wrong here*" in out
    assert gh.calls == []
    assert co.git("status", "--porcelain") == ""


def test_an_event_change_shows_the_posts_it_changes_in_the_pr(github_checkout, capsys):
    _co, gh = github_checkout
    summary = "Test wording: Islamist fighters took Konna on *10 January 2013*."
    args = ["--record", "konna-captured-2013", "--field", "summary", "--value", summary]
    code, out, _ = suggest(capsys, *args, "--reason", "shorter", "--source", SOURCE)
    assert code == 0, out
    body = gh.pulls[0].body
    preview = body.split("**Posts it changes (`factbot preview`):**")[1]
    assert "minusma-attacks-coups" in preview
    assert "Islamist fighters took Konna" in preview  # the post as the change makes it


def test_a_new_fact_file_is_filed_by_topic_and_opens_one_pr(github_checkout, capsys, tmp_path):
    co, gh = github_checkout
    new = tmp_path / "fact.yaml"
    new.write_text(
        "id: gao-airport-test\n"
        "statement: Test data, a statement about the *Gao* airport.\n"
        "as_of: 2018-07-01\n"
        "sources:\n"
        "  - title: The Defense Post\n"
        f"    url: {SOURCE}\n"
        "    date: 2018-07-01\n"
        "topic: barkhane\n"
        "review_every: 1 year\n",
        encoding="utf-8",
    )
    code, out, _ = suggest(capsys, "--new-file", str(new), "--reason", "asked in Slack")
    assert code == 0, out
    co.apply(gh.files_at(gh.pulls[0].head))
    diff = co.git("diff", "-U0")
    assert diff.count("diff --git") == 1 and FIGURES in diff  # where barkhane facts live
    assert not [
        line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")
    ]
    assert "+  - id: gao-airport-test" in diff
    assert main(["check", "--facts", str(co.facts), "--schedules", str(co.schedules)]) == 0
