"""GitHub failing on the way: the suggestion is kept, a retry finishes it, and there is never a
second branch, commit or pull request, even when GitHub acted before its answer was lost."""

from __future__ import annotations

import pytest

from bot.cli import main
from tests.suggestrepo import make_checkout, point_env

RECORD = "gao-attack-2018-toll"
FIGURES = "facts/minusma/figures.yaml"
ARGS = [
    "suggest",
    "--record",
    RECORD,
    "--field",
    "caveat",
    "--value",
    "The attack was inside Gao, in the Gadeye quarter.",
    "--reason",
    "More precise",
    "--source",
    "https://example.org/gao",
    "--by",
    "Ana Lima",
]


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def listed(capsys):
    code, out, _ = run(capsys, "suggestions")
    assert code == 0
    return out.splitlines()


@pytest.mark.parametrize(
    ("method", "suffix", "fault"),
    [
        ("POST", "/pulls", {"status": 502}),
        ("PUT", f"/contents/{FIGURES}", {"status": 500}),
        ("POST", "/git/refs", {"status": 503}),
        ("GET", "/repos/advocacy/factbot", {"status": 502, "times": 3}),  # read re-sent twice
        ("GET", "/pulls", {"status": 404}),
    ],
)
def test_github_failure_keeps_the_suggestion_and_retry_opens_exactly_one_pr(
    github_checkout, capsys, method, suffix, fault
):
    _co, gh = github_checkout
    gh.fail(method, suffix, **fault)
    code, out, err = run(capsys, *ARGS)
    assert code == 1 and out == ""
    assert "Suggestion 1 is stored" in err and "factbot suggestions retry 1" in err
    assert "Traceback" not in err
    assert listed(capsys)[0].split()[:2] == ["1", "failed"]
    code, out, err = run(capsys, "suggestions", "retry", "1")
    assert (code, err) == (0, "")
    assert out.strip() == "https://github.com/advocacy/factbot/pull/1"
    assert len(gh.pulls) == 1 and gh.pulls[0].labels == ["factbot-suggestion"]
    assert len(gh.commits_on(gh.pulls[0].head)) == 1
    assert "https://github.com/advocacy/factbot/pull/1" in listed(capsys)[0]
    # A second retry of an opened suggestion changes nothing on GitHub.
    writes = [c for c in gh.calls if c[0] != "GET"]
    assert run(capsys, "suggestions", "retry", "1")[0] == 0
    assert [c for c in gh.calls if c[0] != "GET"] == writes


@pytest.mark.parametrize(
    ("method", "suffix"),
    [("POST", "/git/refs"), ("PUT", f"/contents/{FIGURES}"), ("POST", "/pulls")],
)
def test_an_answer_lost_after_acting_is_looked_up_not_resent(
    github_checkout, capsys, method, suffix
):
    _co, gh = github_checkout
    gh.fail(method, suffix, drop_after_acting=True)
    code, out, err = run(capsys, *ARGS)
    assert (code, err) == (0, "")
    assert out.strip() == "https://github.com/advocacy/factbot/pull/1"
    assert len(gh.pulls) == 1 and len(gh.commits_on(gh.pulls[0].head)) == 1
    assert [c for c in gh.calls if c[0] == method and c[1].endswith(suffix)] == [
        (method, f"/repos/advocacy/factbot{suffix}")
    ]  # sent once: never again blind


def test_a_pull_request_whose_answer_was_lost_and_cannot_be_looked_up_may_have_landed(
    github_checkout, capsys
):
    """The lookup after the lost answer failed too: that is no news that the pull request was
    not opened (it was: the fake holds it), and the user must not be told so."""
    _co, gh = github_checkout
    gh.fail("POST", "/pulls", drop_after_acting=True)
    gh.fail("GET", "/pulls", status=500, skip=1)  # the first look (before opening) answers
    code, _out, err = run(capsys, *ARGS)
    assert code == 1 and len(gh.pulls) == 1
    assert "may have" in err and "not landed" not in err, err
    assert len([c for c in gh.calls if c[0] == "POST" and c[1].endswith("/pulls")]) == 1
    assert main(["suggestions", "retry", "1"]) == 0  # finds it, opens no second one
    assert len(gh.pulls) == 1
    assert "/pull/1" in capsys.readouterr().out


def test_a_label_that_fails_does_not_hide_the_opened_pr(github_checkout, capsys):
    _co, gh = github_checkout
    gh.fail("POST", "/labels", status=503)
    code, out, _ = run(capsys, *ARGS)
    assert (code, out.strip()) == (0, "https://github.com/advocacy/factbot/pull/1")
    assert gh.pulls[0].labels == []


def test_bad_token_is_a_clear_message_and_nothing_is_lost(github_checkout, capsys):
    _co, gh = github_checkout
    gh.bad_token = True
    code, _out, err = run(capsys, *ARGS)
    assert code == 1
    assert "GitHub refused the token (401 Bad credentials)" in err
    assert "Contents and Pull requests read and write" in err
    assert "Traceback" not in err
    gh.bad_token = False
    assert run(capsys, "suggestions", "retry", "1")[0] == 0
    assert len(gh.pulls) == 1


def test_secondary_rate_limit_is_waited_out_once(github_checkout, capsys):
    _co, gh = github_checkout
    gh.fail("POST", "/git/refs", status=403, retry_after=0)
    code, out, _ = run(capsys, *ARGS)
    assert code == 0 and out.strip().endswith("/pull/1")
    assert [c for c in gh.calls if c == ("POST", "/repos/advocacy/factbot/git/refs")] == [
        ("POST", "/repos/advocacy/factbot/git/refs")
    ] * 2


def test_retry_after_the_default_branch_moved_rebases_on_its_head(github_checkout, capsys):
    _co, gh = github_checkout
    gh.fail("PUT", f"/contents/{FIGURES}", status=500)
    assert run(capsys, *ARGS)[0] == 1
    # Meanwhile someone else changes another record of the same file on main.
    text = gh.files_at("main")[FIGURES]
    moved = text.replace("minusma troop ceiling 2018", "minusma troop ceiling (2018)")
    new_head = gh.push("main", {FIGURES: moved})
    assert run(capsys, "suggestions", "retry", "1")[0] == 0
    head = gh.pulls[0].head
    ours = [c for c in gh.commits_on(head) if c["message"].startswith("Suggestion")]
    assert len(ours) == 1 and ours[0]["parent"] == new_head
    files = gh.files_at(head)[FIGURES]
    assert "minusma troop ceiling (2018)" in files
    assert "The attack was inside Gao, in the Gadeye quarter." in files


def test_unknown_repo_says_so(github_checkout, capsys, monkeypatch):
    monkeypatch.setenv("FACTBOT_GITHUB_REPO", "advocacy/nope")
    code, _out, err = run(capsys, *ARGS)
    assert code == 1
    assert "GitHub found no advocacy/nope (404)" in err and "FACTBOT_GITHUB_REPO" in err


def test_without_github_configured_suggest_says_what_to_set(tmp_path, monkeypatch, capsys):
    co = make_checkout(tmp_path)
    point_env(monkeypatch, co, None, tmp_path)
    code, _out, err = run(capsys, *ARGS)
    assert code == 2
    assert "GITHUB_TOKEN and FACTBOT_GITHUB_REPO" in err


def test_a_409_on_the_commit_is_re_read_and_re_applied_in_the_same_attempt(github_checkout, capsys):
    _co, gh = github_checkout
    gh.fail("PUT", f"/contents/{FIGURES}", status=409)  # refused: nothing landed
    code, out, err = run(capsys, *ARGS)
    assert (code, err) == (0, "")
    assert out.strip() == "https://github.com/advocacy/factbot/pull/1"
    assert len(gh.pulls) == 1 and len(gh.commits_on(gh.pulls[0].head)) == 1
    puts = [c for c in gh.calls if c[0] == "PUT"]
    assert len(puts) == 2  # the refused write, then the one on the file read again
    assert listed(capsys)[0].split()[:2] == ["1", "opened"]


def test_a_commit_that_lands_on_the_branch_first_is_kept_and_the_edit_re_applied(
    github_checkout, capsys
):
    _co, gh = github_checkout
    text = gh.files_at("main")[FIGURES]
    theirs = text.replace("minusma troop ceiling 2018", "minusma troop ceiling (2018)")
    assert theirs != text
    gh.fail("PUT", f"/contents/{FIGURES}", push_first={FIGURES: theirs})  # the sha goes stale
    code, out, err = run(capsys, *ARGS)
    assert (code, err) == (0, "")
    assert out.strip() == "https://github.com/advocacy/factbot/pull/1"
    head = gh.pulls[0].head
    assert [c["message"].split("\n")[0] for c in gh.commits_on(head)] == [
        "someone else",
        f"Suggestion: caveat of {RECORD}",
    ]
    files = gh.files_at(head)[FIGURES]
    assert "minusma troop ceiling (2018)" in files  # their commit is kept
    assert "The attack was inside Gao, in the Gadeye quarter." in files


def test_an_unknown_or_opened_suggestion_is_answered_without_github_settings(
    github_checkout, capsys, monkeypatch
):
    """`suggestions retry 99` on a machine without GitHub settings: the answer is about 99."""
    assert run(capsys, *ARGS)[0] == 0  # suggestion 1 is opened
    for name in ("GITHUB_TOKEN", "FACTBOT_GITHUB_REPO"):
        monkeypatch.delenv(name)
    assert run(capsys, "suggestions", "retry", "99") == (
        1,
        "",
        "No suggestion 99 (see `factbot suggestions`)\n",
    )
    code, out, err = run(capsys, "suggestions", "retry", "1")
    assert (code, out.strip(), err) == (0, "https://github.com/advocacy/factbot/pull/1", "")


def test_a_failed_suggestion_still_needs_github_settings(github_checkout, capsys, monkeypatch):
    _co, gh = github_checkout
    gh.fail("POST", "/pulls", status=502)
    assert run(capsys, *ARGS)[0] == 1  # suggestion 1 is stored, failed
    monkeypatch.delenv("GITHUB_TOKEN")
    code, _, err = run(capsys, "suggestions", "retry", "1")
    assert code == 2 and "set GITHUB_TOKEN" in err
