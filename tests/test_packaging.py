"""The built distributions: the wheel runs a new team's store from nothing; the sdist is whole."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.venvs import command, fresh_venv, pip_install_offline, run

ROOT = Path(__file__).resolve().parent.parent
# What the extracted sdist's tests read besides the code: without these they cannot pass.
SDIST_MUST_HOLD = [
    "LICENSE",
    "README.md",
    "pyproject.toml",
    "MANIFEST.in",
    "manifest.yml",
    "Procfile",
    "app.json",
    "requirements.txt",
    "Dockerfile",
    "compose.yaml",
    "tests/conftest.py",
    "facts/README.md",
    "schedules/README.md",
    "schema/facts.schema.json",
    "docs/FORMAT.md",
    "bench/make_store.py",
    ".github/PULL_REQUEST_TEMPLATE.md",
    "bot/starter/dot-github/CODEOWNERS",
]

pytestmark = pytest.mark.packaging


@pytest.fixture(scope="module")
def dists(tmp_path_factory) -> dict[str, Path]:
    """The sdist and the wheel built from it, as `python -m build` makes them (offline)."""
    out = tmp_path_factory.mktemp("dist")
    run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        timeout=300,
    )
    return {"sdist": next(out.glob("*.tar.gz")), "wheel": next(out.glob("*.whl"))}


def test_the_wheel_starts_a_new_team_from_an_empty_directory(dists, tmp_path):
    python = fresh_venv(tmp_path / "venv")
    pip_install_offline(python, str(dists["wheel"]))
    factbot = command(python, "factbot")
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    assert run([factbot, "--version"], cwd=empty).strip() == "factbot 0.1.0"
    run([factbot, "init", "new-team"], cwd=empty)
    team = empty / "new-team"
    assert run([factbot, "check"], cwd=team).splitlines()[-1].startswith("0 errors")
    answer = run([factbot, "console", "--command", "/fact resolution 2100"], cwd=team)
    assert "11,200" in answer and "Security Council resolution 2100" in answer
    # The code ran from the wheel, not from this checkout.
    where = run([str(python), "-c", "import bot; print(bot.__file__)"], cwd=empty)
    assert str(tmp_path / "venv") in where


def test_the_wheel_declares_the_license_and_ships_the_starter(dists):
    with zipfile.ZipFile(dists["wheel"]) as wheel:
        names = set(wheel.namelist())
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        text = wheel.read(metadata).decode()
    assert "License-Expression: MIT" in text
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "Project-URL: Source, https://github.com/your-org/factbot" in text
    for path in (
        "bot/starter/facts/example.yaml",
        "bot/starter/dot-github/workflows/check.yml",
        "bot/starter/dot-vscode/settings.json",
        "bot/starter/schema/facts.schema.json",
        "bot/gunicorn_conf.py",
        "bot/py.typed",
    ):
        assert path in names, f"{path} is not in the wheel"


def test_the_sdist_holds_every_tracked_file(dists):
    with tarfile.open(dists["sdist"]) as sdist:
        top = sdist.getnames()[0].split("/")[0]
        names = {n.split("/", 1)[1] for n in sdist.getnames() if "/" in n}
    missing = [path for path in SDIST_MUST_HOLD if path not in names]
    assert not missing, f"the sdist {top} lacks {missing}"
    if shutil.which("git") and (ROOT / ".git").exists():
        tracked = subprocess.run(
            ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
        untracked_ok = {".gitignore"}
        lost = [p for p in tracked if p not in names and p not in untracked_ok]
        assert not lost, f"tracked files missing from the sdist: {lost[:20]}"


def test_the_extracted_sdists_tests_pass(dists, tmp_path):
    with tarfile.open(dists["sdist"]) as sdist:
        sdist.extractall(tmp_path, filter="data")
    source = next(tmp_path.iterdir())
    where = run([sys.executable, "-c", "import bot; print(bot.__file__)"], cwd=source)
    assert where.startswith(str(source)), "the extracted sdist's tests would test this checkout"
    # A slice that reads the store, README, manifest, starter and schemas from the sdist.
    tests = [
        "tests/test_docs.py",
        "tests/test_manifest.py",
        "tests/test_init.py",
        "tests/test_deploy.py",
        "tests/test_check_cli.py",
    ]
    output = run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
            "-m",
            "not packaging",
            *tests,
        ],
        cwd=source,
        timeout=300,
    )
    assert " passed" in output and "error" not in output.splitlines()[-1]
