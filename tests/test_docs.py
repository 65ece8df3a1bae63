"""Every CLI subcommand, slash command and environment variable is documented in the README."""

import re
from pathlib import Path

import yaml

from bot.cli import COMMANDS, build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_exists_and_is_in_the_readme():
    parser = build_parser()
    registered = set(parser._subparsers._group_actions[0].choices)  # argparse keeps them here
    expected = {name.replace("_", "-") for name in COMMANDS}
    assert registered == expected
    for name in sorted(registered):
        assert f"factbot {name}" in README, f"`factbot {name}` is not documented in README.md"


def test_every_slash_command_in_the_manifest_is_in_the_readme():
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))
    commands = [c["command"] for c in manifest["features"]["slash_commands"]]
    assert {"/fact", "/talkingpoints", "/anniversaries"} <= set(commands)
    for command in commands:
        assert re.search(rf"`{re.escape(command)}\b", README), f"{command} missing from README"


def test_every_environment_variable_read_by_settings_is_in_the_readme():
    source = (ROOT / "bot" / "settings.py").read_text(encoding="utf-8")
    names = set(re.findall(r'env\.get\("([A-Z_]+)"', source))
    names |= set(re.findall(r'_number\(env, "([A-Z_]+)"', source))
    assert names, "no environment variables found: the test is looking in the wrong place"
    for name in sorted(names):
        assert name in README, f"{name} is not documented in README.md"


def test_readme_quick_start_has_the_two_commands():
    assert "factbot console" in README
    assert "pytest" in README
