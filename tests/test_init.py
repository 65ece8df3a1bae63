"""`factbot init DIR` starts a new team's repository; commands outside a store stop cleanly."""

from __future__ import annotations

import fnmatch
import json
import os
from pathlib import Path

import pytest
import yaml

from bot.cli import main

ROOT = Path(__file__).resolve().parent.parent
STARTER = ROOT / "bot" / "starter"
# Files kept identical in this repository and in every new team's: one text, two places.
SHARED = [
    ".github/PULL_REQUEST_TEMPLATE.md",
    ".github/ISSUE_TEMPLATE/suggest-fact.yml",
    ".github/dependabot.yml",
    ".vscode/settings.json",
    ".vscode/extensions.json",
    ".dockerignore",
    "schema/facts.schema.json",
    "schema/schedules.schema.json",
    "manifest.yml",
    "Procfile",
    "app.json",
    "compose.yaml",
    "bin/post_compile",
]
NEW_TEAM_HAS = [
    "README.md",
    ".gitignore",
    "facts/README.md",
    "facts/example.yaml",
    "schedules/example.yaml",
    ".github/workflows/check.yml",
    ".github/ISSUE_TEMPLATE/config.yml",
    ".github/CODEOWNERS",
    "requirements.txt",
    "Dockerfile",
    *SHARED,
]


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """An empty working directory with no store settings in the environment."""
    for name in ("FACTBOT_FACTS_DIR", "FACTBOT_SCHEDULES_DIR", "FACTBOT_DATA_DIR", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_init_writes_a_repository_that_checks_and_answers(elsewhere, capsys):
    assert main(["init", "new-team"]) == 0
    team = elsewhere / "new-team"
    for path in NEW_TEAM_HAS:
        assert (team / path).is_file(), f"factbot init did not write {path}"
    capsys.readouterr()
    assert (
        main(["check", "--facts", str(team / "facts"), "--schedules", str(team / "schedules")]) == 0
    )
    assert capsys.readouterr().out.splitlines()[-1].startswith("0 errors")
    assert (
        main(["console", "--facts", str(team / "facts"), "-c", "/talkingpoints how minusma began"])
        == 0
    )
    answer = capsys.readouterr().out
    assert "How MINUSMA began" in answer and "1,440 police" in answer
    # Heroku runs the deploy hook only if it can: it must be executable as written.
    assert os.access(team / "bin" / "post_compile", os.X_OK)


def test_init_refuses_a_directory_that_is_not_empty(elsewhere, capsys):
    (elsewhere / "team").mkdir()
    (elsewhere / "team" / "notes.txt").write_text("ours")
    assert main(["init", "team"]) == 2
    assert "not empty" in capsys.readouterr().err
    assert [p.name for p in (elsewhere / "team").iterdir()] == ["notes.txt"]


@pytest.mark.parametrize(
    "argv",
    [
        ["status"],
        ["ics"],
        ["check"],
        ["preview"],
        ["console", "-c", "/fact x"],
        ["retry"],
        ["search", "x"],
    ],
)
def test_outside_a_store_commands_say_so_in_one_line_and_create_nothing(argv, elsewhere, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no fact store here" in err and "factbot init" in err
    assert list(elsewhere.iterdir()) == [], "a command outside a store created files"


def test_the_shared_files_are_the_same_in_the_repository_and_the_starter():
    drifted = [
        path
        for path in SHARED
        if (ROOT / path).read_bytes() != (STARTER / starter_name(path)).read_bytes()
    ]
    assert not drifted, (
        f"{drifted} differ between this repository and bot/starter/: copy the repository's "
        "version over the starter's (e.g. cp schema/*.json bot/starter/schema/)"
    )


def test_every_yaml_file_of_a_new_team_gets_a_schema_from_vscode(elsewhere):
    main(["init", "team"])
    team = elsewhere / "team"
    settings = json.loads((team / ".vscode" / "settings.json").read_text())
    globs = {glob: schema for schema, globs in settings["yaml.schemas"].items() for glob in globs}
    new_files = ["facts/yemen/figures.yaml", "facts/top.yml", "schedules/weekly.yaml"]
    for path in [*new_files, *(str(p.relative_to(team)) for p in team.glob("*s/**/*.yaml"))]:
        schemas = {s for g, s in globs.items() if fnmatch.fnmatch(path, g)}
        assert len(schemas) == 1, f"{path} matches {schemas or 'no schema'}"
        assert (team / schemas.pop()).is_file()


def test_the_issue_form_asks_for_a_facts_required_fields():
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/suggest-fact.yml").read_text())
    required = {f["id"] for f in form["body"] if f.get("validations", {}).get("required")}
    assert {"statement", "as_of", "sources"} <= required
    config = yaml.safe_load((STARTER / "dot-github/ISSUE_TEMPLATE/config.yml").read_text())
    assert config["contact_links"][0]["url"].endswith("/facts/README.md")


def test_the_pull_request_template_asks_for_the_preview_output():
    template = (ROOT / ".github/PULL_REQUEST_TEMPLATE.md").read_text()
    assert "factbot preview" in template and "schedule" in template


def starter_name(path: str) -> str:
    """Where a repository path lives in bot/starter/ (hidden names are stored as dot-*)."""
    first, _, rest = path.partition("/")
    if first.startswith("."):
        first = "dot-" + first[1:]
    return f"{first}/{rest}" if rest else first
