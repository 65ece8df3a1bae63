"""Counts and articles read as English everywhere: `1 event`, `2 events`, `a coup`, `an attack`."""

from __future__ import annotations

import ast
import datetime as dt
import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.cli import main
from bot.facts.report import summary
from bot.grammar import article, count, plural, with_article
from bot.schedule.wording import lead_phrase, plural_years
from tests.test_occurrences import event, schedule, store

BOT = Path(__file__).resolve().parent.parent / "bot"
NOUNS = [
    "event",
    "anniversary",
    "day",
    "week",
    "year",
    "error",
    "advisory",
    "file",
    "post",
    "schedule",
    "match",
    "fact",
    "talking-point set",
    "overdue fact",
    "failure",
    "point",
    "more block",
]


@pytest.mark.parametrize(
    ("word", "want"),
    [
        ("event", "events"),
        ("anniversary", "anniversaries"),
        ("advisory", "advisories"),
        ("day", "days"),
        ("match", "matches"),
        ("talking-point set", "talking-point sets"),
        ("overdue fact", "overdue facts"),
        ("box", "boxes"),
        ("person", "people"),
    ],
)
def test_plural(word, want):
    assert plural(word) == want


@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=0, max_value=10**9), noun=st.sampled_from(NOUNS))
def test_one_is_singular_every_other_count_plural(n, noun):
    text = count(n, noun)
    assert text.startswith(f"{n:,} ")
    assert text.endswith(noun if n == 1 else plural(noun))
    assert (text == f"1 {noun}") == (n == 1)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_plural_and_article_are_total(word):
    assert article(word) in ("a", "an")
    assert isinstance(plural(word), str)
    assert with_article(word).endswith(word)


@pytest.mark.parametrize(
    ("word", "want"),
    [
        ("coup", "a"),
        ("attack", "an"),
        ("agreement", "an"),
        ("resolution", "a"),
        ("election", "an"),
        ("unit", "a"),
        ("uprising", "an"),
        ("European mission", "a"),
        ("hour", "an"),
        ("one-off", "a"),
        ("onerous task", "an"),
        ("8th", "an"),
        ("11th", "an"),
        ("18,000", "an"),
        ("110", "a"),
        ("1st", "a"),
        ("", "a"),
    ],
)
def test_article_follows_the_sound(word, want):
    assert article(word) == want


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=-400, max_value=400))
def test_lead_phrases_never_say_1_days(days):
    phrase = lead_phrase(days)
    assert not re.search(r"\b1 (days|weeks)\b", phrase), phrase
    assert plural_years(abs(days)).startswith(str(abs(days)))
    assert not re.search(r"\b1 years\b", plural_years(abs(days)))


def test_check_summary_counts():
    assert summary([], 1) == "0 errors, 0 advisories in 1 file"


def test_a_celebrated_coup_is_refused_with_a_coup(tmp_path, capsys):
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "x.yaml").write_text(
        "events:\n"
        "  - id: the-coup\n"
        "    date: 2012-03-22\n"
        "    title: A coup\n"
        "    kind: coup\n"
        "    tone: celebratory\n"
        "    topic: mali\n"
        "    summary: A coup happened.\n"
        "    sources:\n"
        "      - {title: UN, url: 'https://un.org/', date: 2012-03-23}\n",
        encoding="utf-8",
    )
    main(["check", "--facts", str(facts), "--schedules", str(tmp_path / "none")])
    out = capsys.readouterr().out
    assert "a coup is never celebratory" in out and "an coup" not in out


def test_one_day_preview_says_1_day(capsys):
    assert main(["preview", "--from", "2027-04-25", "--days", "1"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.endswith("(1 day)"), first


def test_status_digest_of_one_event(tmp_path, monkeypatch, capsys):
    from bot.schedule.ledger import Ledger
    from bot.schedule.occurrences import occurrences_between
    from bot.storage import open_database

    st_ = store(event("res", "2013-04-25"))
    start = dt.datetime(2027, 4, 19, tzinfo=dt.UTC)  # the Monday digest lists one event
    (occ,) = occurrences_between(
        [schedule(type="digest")], st_, start, start + dt.timedelta(days=1)
    )
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    db = open_database(url)
    Ledger(db).mark_missed(occ, dt.datetime.now(dt.UTC))
    db.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "digest of 1 event" in out and "1 events" not in out


def test_ics_with_one_event_wrote_1_anniversary(tmp_path, capsys):
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "x.yaml").write_text(
        "events:\n"
        "  - id: res-2100\n"
        "    date: 2013-04-25\n"
        "    title: Resolution 2100\n"
        "    kind: resolution\n"
        "    tone: neutral\n"
        "    topic: minusma\n"
        "    summary: MINUSMA was set up.\n"
        "    sources:\n"
        "      - {title: UN, url: 'https://un.org/', date: 2013-04-25}\n",
        encoding="utf-8",
    )
    main(["ics", "--facts", str(facts), "--output", str(tmp_path / "a.ics")])
    assert "wrote 1 anniversary to" in capsys.readouterr().err


def _fstring_count_then_word(tree: ast.AST) -> list[int]:
    """Lines where an f-string puts `{len(...)}` straight before a word: a count without grammar."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.JoinedStr):
            continue
        parts = node.values
        for value, after in itertools.pairwise(parts):
            is_len = (
                isinstance(value, ast.FormattedValue)
                and isinstance(value.value, ast.Call)
                and getattr(value.value.func, "id", None) == "len"
            )
            if is_len and isinstance(after, ast.Constant) and re.match(r" [a-z]", after.value):
                found.append(node.lineno)
    return found


def test_no_module_renders_a_count_without_the_helper():
    offenders = []
    for path in sorted(BOT.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        offenders += [f"{path.name}:{n}" for n in _fstring_count_then_word(ast.parse(source))]
        maybe_plural = re.finditer(r"\b(?!http)[a-z]+\(s\)[ :;,.)]", source)  # "error(s)"
        offenders += [f"{path.name}: {m[0]}" for m in maybe_plural]
        by_hand = re.finditer(r"== 1 else [\"']", source)  # "claim" if n == 1 else "claims"
        offenders += [f"{path.name}: {m[0]}" for m in by_hand]
    assert not offenders, offenders
