"""Schedule validation: one fixture per rule code, positions, the schema, and the README table."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from bot.schedule.load import check_schedules, load_schedules
from bot.schedule.validate import FIELDS, FILTER_FIELDS, RULES
from tests.test_occurrences import event, store

ROOT = Path(__file__).resolve().parent.parent
STORE = store(
    event("res-2100", "2013-04-25", tags=("un",)),
    event("attack-x", "2015-05-02", kind="attack", tone="solemn", tags=("mali",)),
)
GOOD = """\
  - id: ok
    type: reminder
    channel: C0123ABCD
    time: "09:00"
    timezone: America/New_York
"""


def _check(tmp_path, body, name="s.yaml", st=STORE):
    (tmp_path / name).write_text("schedules:\n" + body, encoding="utf-8")
    return check_schedules(tmp_path, st)


def _one(problems, code):
    found = [p for p in problems if p.code == code]
    assert found, [p.format() for p in problems]
    return found[0]


def test_good_schedule_loads(tmp_path):
    (tmp_path / "s.yaml").write_text("schedules:\n" + GOOD, encoding="utf-8")
    schedules, problems = load_schedules(tmp_path, STORE)
    assert problems == []
    (s,) = schedules
    assert (s.id, s.channel, s.time.isoformat(), s.timezone) == (
        "ok",
        "C0123ABCD",
        "09:00:00",
        "America/New_York",
    )
    assert s.lead_days == (0,) and s.weekend == "as_is"


CASES = [
    # (code, yaml after "schedules:\n", expected "line:col", message fragment)
    ("S001", None, "1:1", "`schedules:`"),
    ("S002", GOOD + "    colour: blue\n", "7:5", "unknown field 'colour'"),
    ("S002", GOOD + "    lead_day: [1]\n", "7:5", "did you mean 'lead_days'"),
    ("S003", GOOD.replace('    time: "09:00"\n', ""), "2:5", "missing required field 'time'"),
    ("S004", GOOD + "    lead_days: 7\n", "7:16", "must be a list"),
    ("S005", GOOD.replace("id: ok", "id: Not_A_Slug"), "2:9", "not a slug"),
    ("S005", GOOD.replace("id: ok", "id: " + "ok-" * 27 + "ok"), "2:9", "at most 80"),
    ("S006", GOOD + GOOD, "7:9", "s.yaml:2)"),
    ("S007", GOOD.replace("reminder", "remind"), "3:11", "did you mean 'reminder'"),
    ("S008", GOOD.replace("C0123ABCD", '"#general"'), "4:14", "use the ID"),
    ("S008", GOOD.replace("C0123ABCD", "#general"), "4:13", "YAML reads as a comment"),
    ("S008", GOOD.replace("C0123ABCD", "general"), "4:14", "not a Slack channel ID"),
    ("S009", GOOD.replace('"09:00"', '"9am"'), "5:11", "not a 24-hour time"),
    ("S009", GOOD.replace('"09:00"', "10:30"), "5:11", 'time: "10:30" (YAML read it as 630)'),
    ("S009", GOOD.replace('"09:00"', '"24:00"'), "5:11", "not a 24-hour time"),
    ("S010", GOOD.replace("America/New_York", "America/New_Yrok"), "6:15", "America/New_York"),
    ("S010", GOOD.replace("America/New_York", "Eastern"), "6:15", "not an IANA timezone"),
    ("S011", GOOD + "    events: {kinds: [atack]}\n", "7:22", "did you mean 'attack'"),
    ("S011", GOOD + "    events: {tags: [nope]}\n", "7:21", "no tag 'nope'"),
    ("S011", GOOD + "    events: {topics: [sahel]}\n", "7:23", "no topic 'sahel'"),
    ("S011", GOOD + "    events: {ids: [res-2101]}\n", "7:20", "did you mean 'res-2100'"),
    ("S002", GOOD + "    events: {kind: [attack]}\n", "7:14", "did you mean 'kinds'"),
    ("S012", GOOD + "    lead_days: [7, 61]\n", "7:20", "from 0 to 60"),
    ("S012", GOOD + "    lead_days: [1, 1]\n", "7:20", "lists 1 twice"),
    ("S012", GOOD + "    lead_days: [-1]\n", "7:17", "from 0 to 60"),
    ("S013", GOOD + "    weekend: friday\n", "7:14", "as_is, previous_friday, next_monday"),
    ("S014", GOOD + "    milestones: [0, 10]\n", "7:18", "from 1 to 500"),
    ("S015", GOOD + "    weekdays: [monday]\n", "7:15", "only applies to a digest"),
    ("S015", GOOD.replace("reminder", "digest") + "    lead_days: [1]\n", "7:16", "a reminder"),
    ("S016", GOOD.replace("reminder", "digest") + "    weekdays: [mondya]\n", "7:16", "monday"),
    ("S017", GOOD.replace("reminder", "digest") + "    days: 0\n", "7:11", "from 1 to 366"),
    ("S101", GOOD + "    events: {kinds: [coup]}\n", "2:9", "matches no event"),
    ("S102", GOOD.replace("C0123ABCD", "C0000000000"), "2:9", "placeholder channel"),
]


@pytest.mark.parametrize(("code", "body", "where", "fragment"), CASES)
def test_rule(tmp_path, code, body, where, fragment):
    if body is None:
        (tmp_path / "s.yaml").write_text("- just a list\n", encoding="utf-8")
        problems = check_schedules(tmp_path, STORE)
    else:
        problems = _check(tmp_path, body)
    found = _one(problems, code)
    assert f"{found.line}:{found.col}" == where, found.format()
    assert fragment in found.message
    assert found.format().startswith(f"s.yaml:{where}: {code} ") or tmp_path.name in found.path
    assert found.severity == ("advisory" if code.startswith("S1") else "error")
    # A schedule with an error is never loaded (so it can never post).
    if found.severity == "error" and code not in ("S001", "S006"):
        schedules, _ = load_schedules(tmp_path, STORE)
        assert schedules == []


def test_every_rule_has_a_fixture():
    assert {c for c, *_ in CASES} == set(RULES)


def test_duplicate_across_files(tmp_path):
    (tmp_path / "a.yaml").write_text("schedules:\n" + GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text("schedules:\n" + GOOD, encoding="utf-8")
    schedules, problems = load_schedules(tmp_path, STORE)
    assert len(schedules) == 1
    assert [p.code for p in problems] == ["S006"]
    assert problems[0].path.endswith("b.yaml") and "a.yaml:2" in problems[0].message


def test_yaml_level_problems_use_safe_reader(tmp_path):
    (tmp_path / "a.yaml").write_text("schedules:\n\t- id: x\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("x: &a [1]\nschedules: *a\n", encoding="utf-8")
    codes = {p.code for p in check_schedules(tmp_path, STORE)}
    assert {"F003", "F013"} <= codes


def test_missing_directory(tmp_path):
    (p,) = check_schedules(tmp_path / "nope", STORE)
    assert p.code == "F022" and "schedules directory not found" in p.message


def test_every_code_documented_in_readme():
    readme = (ROOT / "schedules" / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| (S\d{3}) \|", readme, flags=re.M))
    assert documented == set(RULES)


def _schema():
    return json.loads((ROOT / "schema" / "schedules.schema.json").read_text(encoding="utf-8"))


def test_shipped_schedules_pass_schema_and_check():
    from bot.facts import load_store

    validator = jsonschema.Draft202012Validator(_schema())
    files = sorted((ROOT / "schedules").glob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../schema/schedules.schema.json")
        errors = list(validator.iter_errors(yaml.safe_load(text)))
        assert errors == [], [e.message for e in errors]
    store_ = load_store(ROOT / "facts").store
    problems = check_schedules(ROOT / "schedules", store_)
    assert [p for p in problems if p.severity == "error"] == []


def test_schema_and_validator_agree_on_fields():
    schedule = _schema()["$defs"]["schedule"]
    assert set(schedule["properties"]) == set(FIELDS)
    assert set(schedule["properties"]["events"]["properties"]) == set(FILTER_FIELDS)


@pytest.mark.parametrize(("code", "body", "where", "fragment"), CASES)
def test_schema_rejects_what_validator_rejects(code, body, where, fragment):
    # The schema can't see the store, IANA names or duplicate ids; everything else it catches.
    if code in ("S006", "S010", "S011", "S101", "S102") or body is None:
        return
    doc = yaml.safe_load("schedules:\n" + body)
    errors = list(jsonschema.Draft202012Validator(_schema()).iter_errors(doc))
    assert errors, (code, body)


FACT_WITH_TAGS = """\
facts:
  - id: f
    statement: A statement.
    as_of: 2024-01-01
    review_every: 1 year
    topic: t
    sources: [{title: S, url: "https://example.org/"}]
    tags: [{value}]
"""


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("2020", "not a number (put it in quotes)"),
        ("no", "not true/false (put it in quotes)"),
        ("2020-01-01", "not a date (put it in quotes)"),
        ("null", "not empty"),
    ],
)
def test_schedules_and_facts_type_a_scalar_the_same_way(tmp_path, value, said):
    from bot.facts import load_store

    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "f.yaml").write_text(FACT_WITH_TAGS.replace("{value}", value))
    fact_problems = load_store(tmp_path / "facts", dt.date(2024, 6, 1)).errors
    assert [(p.code, p.line, p.col) for p in fact_problems] == [("F006", 8, 12)]
    body = GOOD + f"    events:\n      tags: [{value}]\n      topics: [{value}]\n"
    (tmp_path / "schedules").mkdir()
    problems = _check(tmp_path / "schedules", body)
    assert [(p.code, p.line, p.col) for p in problems] == [("S004", 8, 14), ("S004", 9, 16)]
    assert fact_problems[0].message == f"each of 'tags' must be text, {said}"
    assert problems[0].message == fact_problems[0].message
    assert problems[1].message == f"each of 'topics' must be text, {said}"


@pytest.mark.parametrize(
    ("field", "code", "said"),
    [
        ("time: yes", "S009", "'time' must be text, not true/false (put it in quotes)"),
        ("timezone: 2020", "S004", "'timezone' must be text, not a number (put it in quotes)"),
        ("channel: no", "S004", "'channel' must be text, not true/false (put it in quotes)"),
    ],
)
def test_schedule_text_fields_say_what_fact_text_fields_say(tmp_path, field, code, said):
    key = field.split(":")[0]
    body = re.sub(rf"    {key}: .*\n", f"    {field}\n", GOOD)
    found = [p for p in _check(tmp_path, body) if p.severity == "error"]
    assert [(p.code, p.message) for p in found] == [(code, said)]


@pytest.mark.parametrize(
    "field",
    [
        "time: 0x" + "f" * 3600,
        "lead_days: [0x" + "f" * 3600 + "]",
        "milestones: [" + "9" * 5000 + "]",
        "weekend: " + "x" * 100_000,
        "events: {ids: [" + "y" * 100_000 + "]}",
    ],
    ids=["hex-time", "hex-lead-days", "long-milestone", "long-weekend", "long-id"],
)
def test_huge_scalars_are_short_errors_never_a_crash(tmp_path, field):
    key = field.split(":")[0]
    body = re.sub(rf"    {key}: .*\n", "", GOOD) + f"    {field}\n"
    found = [p for p in _check(tmp_path, body) if p.severity == "error"]
    assert found and all(len(p.format()) < 400 for p in found), [p.format()[:200] for p in found]
