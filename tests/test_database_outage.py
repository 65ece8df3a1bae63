"""A database that is misconfigured, unreachable or goes away mid-pass: one clear line, never a
password, a documented exit code (2 configuration, 3 database unavailable), and a clock that
logs one line and keeps ticking. The outage mid-pass is real: a TCP proxy in front of PostgreSQL
that the test cuts while a post is in flight.
"""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
import sys
import time
from collections import Counter

import pytest
import sqlalchemy
from hypothesis import given, settings
from hypothesis import strategies as st
from slack_sdk import WebClient

from bot.cli import main
from bot.facts import load_store
from bot.masking import mask_secret, redact
from bot.scheduler import make_pass_job
from bot.settings import Settings
from bot.slack.poster import SlackPoster
from bot.storage import open_database
from tests.tcpproxy import TcpProxy
from tests.test_post_due import CHANNELS, DUE, EVENTS, factbot_env, posted_keys, start_post_due

SECRET = "hunter2ssl"  # a credential that must never be shown
SECRET_NAMES = ["password", "sslpassword", "passfile", "token", "api_key", "secret", "PASSWORD"]
PLAIN_NAMES = ["sslmode", "application_name", "options", "target_session_attrs"]
# Values unlike any host, user or path the strategies produce, so finding one means a leak.
secrets = st.text("ABCDEFGHJKLMNPQRSTUVWXYZ23456789!$%()*,/:;@[]#?", min_size=8, max_size=20).map(
    lambda s: "Z" + s
)
names = st.text("abcdefghijklmnopqrstuvwxy", min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(
    scheme=st.sampled_from(["postgresql", "postgres", "postgresql+psycopg", "https", "redis"]),
    user=names,
    password=st.none() | secrets,
    host=names,
    port=st.none() | st.integers(min_value=1, max_value=65535),
    params=st.lists(st.tuples(st.sampled_from(SECRET_NAMES + PLAIN_NAMES), secrets), max_size=4),
)
def test_no_credential_survives_masking(scheme, user, password, host, port, params):
    userinfo = f"{user}:{password}@" if password else ""
    authority = f"{host}:{port}" if port else host
    query = "&".join(f"{k}={v}" for k, v in params)
    url = f"{scheme}://{userinfo}{authority}/db" + (f"?{query}" if query else "")
    shown = mask_secret(url)
    hidden = [password] * bool(password) + [v for k, v in params if k in SECRET_NAMES]
    plain = [v for k, v in params if k in PLAIN_NAMES]
    for secret in hidden:
        if any(secret in v for v in plain):
            continue  # shown as the value of a plain parameter, not as a credential
        assert secret not in shown, (url, shown)
        assert secret not in redact(f"could not parse '{url}' at all"), url
    if "@" in query:
        return  # a query holding `@` may be read as userinfo, so it is hidden: cautious, fine
    assert f"{host}" in shown and shown.startswith(f"{scheme}://")
    for name, value in params:
        if name in PLAIN_NAMES and not any(value in s or s in value for s in hidden):
            assert f"{name}={value}" in shown  # what is not secret stays readable


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_masking_is_total(text):
    assert isinstance(mask_secret(text), str) and isinstance(redact(text), str)
    assert isinstance(mask_secret("postgresql://" + text), str)


@pytest.mark.parametrize(
    ("url", "code", "says"),
    [
        (f"postgresql://app@127.0.0.1:1/db?password={SECRET}&sslpassword={SECRET}", 3, "open"),
        (f"postgresql://app:{SECRET}@127.0.0.1:1/db", 3, "open"),
        (f"postgresql://app:{SECRET}@db.internal:notaport/db", 2, "port"),
        (f"postgresql://app:{SECRET}@db.internal:99999/db", 2, "port"),
        (f"postgresql://app:{SECRET}@[::1/db", 2, "not a valid URL"),
    ],
    ids=["query-password", "userinfo-password", "port-not-a-number", "port-too-big", "bad-host"],
)
def test_unusable_database_is_one_masked_line_and_an_exit_code(url, code, says, tmp_path):
    env = {"DATABASE_URL": url, "PATH": "/usr/bin:/bin", "PYTHONPATH": sys.path[0]}
    (tmp_path / "facts").mkdir()  # in a store's directory: outside one, status stops before
    done = subprocess.run(
        [sys.executable, "-m", "bot", "status"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == code, done.stderr
    assert SECRET not in done.stderr + done.stdout
    assert "Traceback" not in done.stderr and says in done.stderr
    assert len([line for line in done.stderr.splitlines() if line.strip()]) <= 2, done.stderr


def through(proxy: TcpProxy, url: str) -> str:
    """`url` pointed at the proxy, with a harmless secret-looking parameter to watch for."""
    parsed = sqlalchemy.engine.make_url(url).set(host="127.0.0.1", port=proxy.port)
    parsed = parsed.update_query_dict({"sslpassword": SECRET})
    return parsed.render_as_string(hide_password=False)


def proxied(postgres_url: str) -> TcpProxy:
    target = sqlalchemy.engine.make_url(postgres_url)
    return TcpProxy(target.host or "127.0.0.1", target.port or 5432)


def wait_for_claim(postgres_url: str, deadline: float) -> None:
    """Until a post is claimed (it is then in flight to the slow fake Slack)."""
    engine = sqlalchemy.create_engine(postgres_url)
    query = sqlalchemy.text("SELECT count(*) FROM posting_ledger WHERE state = 'claimed'")
    try:
        while time.monotonic() < deadline:
            try:
                with engine.connect() as conn:
                    if conn.execute(query).scalar():
                        return
            except sqlalchemy.exc.ProgrammingError:  # the table is not created yet
                pass
            time.sleep(0.02)
        raise AssertionError("no post was claimed")
    finally:
        engine.dispose()


def test_post_due_losing_postgres_mid_pass_exits_3_with_one_line(
    tmp_path, fake_slack, postgres_url
):
    fake_slack.ts_base = DUE.timestamp()
    fake_slack.faults.delay = 1.0  # each post takes a second: time to pull the plug
    with proxied(postgres_url) as proxy:
        env = factbot_env(tmp_path, fake_slack, through(proxy, postgres_url))
        process = start_post_due(env, DUE + dt.timedelta(seconds=5))
        wait_for_claim(postgres_url, time.monotonic() + 60)
        proxy.cut()
        out, err = process.communicate(timeout=120)
        assert process.returncode == 3, err
        assert "Traceback" not in err and SECRET not in err + out
        assert err.count("factbot lost its database") == 1, err
        assert "127.0.0.1" in err  # which database, without its secrets
        fake_slack.faults.delay = 0
        proxy.restore()
        # The next pass, once the cut-off claim has gone stale, finds the post that landed in
        # the channel's history and posts the rest: nothing lost, nothing twice.
        later = start_post_due(env, DUE + dt.timedelta(minutes=5))
        out, err = later.communicate(timeout=120)
        assert later.returncode == 0, err
    expected = {f"to-{c.lower()}|{e}|2027-03-14|0|{c}" for c in CHANNELS for e in EVENTS}
    assert posted_keys(fake_slack) == Counter({key: 1 for key in expected})


def test_clock_tick_without_its_database_logs_one_line_and_the_next_tick_posts(
    tmp_path, fake_slack, postgres_url, caplog
):
    fake_slack.ts_base = DUE.timestamp()
    with proxied(postgres_url) as proxy:
        env = factbot_env(tmp_path, fake_slack, through(proxy, postgres_url))
        settings_ = Settings.from_env(env)
        store = load_store(settings_.facts_dir).store
        db = open_database(settings_.database_url)
        poster = SlackPoster(WebClient(token="xoxb-test", base_url=fake_slack.api_url))
        tick = make_pass_job(settings_, lambda: store, db, poster, clock=lambda: DUE)
        try:
            proxy.cut()
            caplog.clear()
            with caplog.at_level(logging.INFO):
                assert tick() is None
            errors = [r for r in caplog.records if r.levelno >= logging.WARNING]
            assert len(errors) == 1 and errors[0].exc_info is None, caplog.text
            assert "database unavailable" in errors[0].getMessage()
            assert SECRET not in caplog.text and "Traceback" not in caplog.text
            proxy.restore()
            report = tick()
        finally:
            db.dispose()
    assert report is not None and len(report.posted) == len(CHANNELS) * len(EVENTS)


def test_status_on_unreachable_database_exits_3(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"postgresql://app:{SECRET}@127.0.0.1:1/factbot")
    assert main(["status"]) == 3
    err = capsys.readouterr().err
    assert "cannot open its database" in err and SECRET not in err and "app:***@" in err
