"""Signed Slack requests for tests and benchmarks: slash commands, button clicks and events.

Signatures follow Slack's scheme (`v0=` HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing
secret), the same one `slack_sdk.signature.SignatureVerifier` checks, so the bot's real request
verification runs. `serve_app` runs the bot's real WSGI app on 127.0.0.1, port 0.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import io
import json
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlencode, urlparse
from wsgiref.simple_server import WSGIRequestHandler, make_server
from wsgiref.util import setup_testing_defaults

SECRET = "test-signing-secret-0123456789"
FORM = "application/x-www-form-urlencoded"


def signature_headers(
    body: str | bytes, secret: str = SECRET, timestamp: int | str | None = None
) -> dict:
    """The two headers Slack adds to every request it sends (`timestamp` may be forged text)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    raw = body if isinstance(body, bytes) else body.encode()
    signed = f"v0:{ts}:".encode() + raw
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def command_body(command: str, text: str, response_url: str, user: str = "U0USER01") -> str:
    """A form-encoded slash command, as Slack posts it."""
    return urlencode(
        {
            "token": "legacy-unused",
            "team_id": "T0TEAM001",
            "channel_id": "C0CHAN001",
            "channel_name": "advocacy",
            "user_id": user,
            "user_name": "someone",
            "command": command,
            "text": text,
            "response_url": response_url,
            "trigger_id": "1.2.3",
            "api_app_id": "A0APP001",
        }
    )


def action_payload(
    action_id: str, value: str, response_url: str, user: str = "U0USER01", message_ts="1.000001"
) -> dict:
    """A block_actions payload for a button on an ephemeral reply."""
    return {
        "type": "block_actions",
        "team": {"id": "T0TEAM001"},
        "user": {"id": user, "team_id": "T0TEAM001"},
        "api_app_id": "A0APP001",
        "container": {
            "type": "message",
            "message_ts": message_ts,
            "channel_id": "C0CHAN001",
            "is_ephemeral": True,
        },
        "channel": {"id": "C0CHAN001", "name": "advocacy"},
        "trigger_id": "1.2.3",
        "response_url": response_url,
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "b1",
                "value": value,
                "action_ts": "1.000002",
            }
        ],
    }


def message_shortcut_payload(callback_id: str, text: str, trigger_id: str = "1.2.shortcut") -> dict:
    """A message_action payload: the ⋮ menu's shortcut used on someone's message."""
    return {
        "type": "message_action",
        "callback_id": callback_id,
        "trigger_id": trigger_id,
        "team": {"id": "T0TEAM001"},
        "user": {"id": "U0USER01", "team_id": "T0TEAM001"},
        "channel": {"id": "C0CHAN001", "name": "advocacy"},
        "message": {"type": "message", "user": "U0WRITER", "ts": "1700000000.000100", "text": text},
        "message_ts": "1700000000.000100",
        "response_url": "https://hooks.slack.test/unused",
        "api_app_id": "A0APP001",
    }


def action_body(payload: dict) -> str:
    """The form body Slack posts for an interaction: `payload=<json>`."""
    return urlencode({"payload": json.dumps(payload)})


def event_body(event: dict) -> str:
    """An Events API envelope around `event`, as JSON."""
    return json.dumps(
        {
            "token": "legacy-unused",
            "team_id": "T0TEAM001",
            "api_app_id": "A0APP001",
            "type": "event_callback",
            "event_id": "Ev0001",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": "T0TEAM001", "user_id": "UBOT0001", "is_bot": True}],
            "event": event,
        }
    )


@dataclass(frozen=True)
class Reply:
    """What the bot answered over HTTP."""

    status: int
    body: str

    def json(self):
        """The body as JSON."""
        return json.loads(self.body)


def post(
    url: str, body: str | bytes, content_type: str = FORM, headers: dict | None = None
) -> Reply:
    """POST `body` to `url` with `headers` (e.g. signature_headers) and return the reply."""
    data = body if isinstance(body, bytes) else body.encode()
    request = urllib.request.Request(url, data=data, method="POST")
    request.add_header("Content-Type", content_type)
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    return _send(request)


def get(url: str) -> Reply:
    """GET `url`."""
    return _send(urllib.request.Request(url))


def _send(request) -> Reply:
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Reply(response.status, response.read().decode("utf-8", "replace"))
    except urllib.error.HTTPError as err:
        return Reply(err.code, err.read().decode("utf-8", "replace"))


def post_chunked(url: str, body: bytes, **sign) -> Reply:
    """POST `body`, signed, to /slack/events in chunks, with no Content-Length (as Slack never)."""
    address = urlparse(url)
    conn = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        chunks = (body[i : i + 65536] for i in range(0, len(body), 65536))
        headers = {**signature_headers(body, **sign), "Content-Type": FORM}
        conn.request("POST", "/slack/events", chunks, headers, encode_chunked=True)
        answer = conn.getresponse()
        return Reply(answer.status, answer.read().decode())
    finally:
        conn.close()


def signed_post(url: str, body: str | bytes, content_type: str = FORM, **sign) -> Reply:
    """POST `body` signed with the test secret (pass `timestamp=`/`secret=` to forge or age it)."""
    return post(url, body, content_type, signature_headers(body, **sign))


def wsgi_environ(body: str | bytes, content_type: str = FORM, headers: dict | None = None) -> dict:
    """A WSGI environ for POST /slack/events with `body` (for calling the app in-process)."""
    environ: dict = {}
    setup_testing_defaults(environ)
    data = body if isinstance(body, bytes) else body.encode()
    environ.update(
        REQUEST_METHOD="POST",
        PATH_INFO="/slack/events",
        CONTENT_TYPE=content_type,
        CONTENT_LENGTH=str(len(data)),
    )
    environ["wsgi.input"] = io.BytesIO(data)
    for key, value in (headers or {}).items():
        environ["HTTP_" + key.upper().replace("-", "_")] = value
    return environ


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve_app(app):
    """Serve a WSGI app on 127.0.0.1, port 0, in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


# -- a small fact store and a running bot, for the end-to-end tests ----------------------------
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/facts.schema.json\n"
STORE_YAML = """\
facts:
  - id: testland-lighthouses
    statement: "Test data: Testland has *12* lighthouses."
    sources:
      - title: "Testland Lighthouse Register"
        url: "https://example.org/lighthouses"
        publisher: "Testland Survey"
    as_of: 2020-01-31
    review_by: 2030-01-01
    topic: testland
    tags: [coast]
    aliases: ["testland lighthouses"]
  - id: testland-lamps
    statement: "Test data: the lighthouses of Testland use 40 lamps."
    sources:
      - title: "Testland Lamp Census"
        url: "https://example.org/lamps"
    as_of: 2021-05-01
    review_by: 2024-01-01
    topic: testland
    aliases: ["lighthouse lamps"]
events:
  - id: testland-founding
    date: 2014-07-01
    title: "Test data: Testland founding day"
    kind: other
    summary: "Test data: Testland was founded."
    tone: neutral
    sources:
      - title: "Testland Almanac"
        url: "https://example.org/almanac"
    topic: testland
talking_points:
  - id: testland-points
    title: "Why Testland's coast matters"
    topic: testland
    audience: press
    as_of: 2022-02-02
    points:
      - text: "Testland keeps its coast lit."
        facts: [testland-lighthouses]
"""


def write_store(facts_dir, extra: str = "") -> None:
    """Write the small test store (plus `extra` YAML appended to its file) into `facts_dir`."""
    facts_dir.mkdir(parents=True, exist_ok=True)
    (facts_dir / "testland.yaml").write_text(SCHEMA_LINE + STORE_YAML + extra, encoding="utf-8")


def bot_env(fake, tmp_path) -> dict:
    """The environment a deployed bot would have, pointed at the fake Slack and tmp_path."""
    return {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.api_url,
        "FACTBOT_FACTS_DIR": str(tmp_path / "facts"),
        "FACTBOT_DATA_DIR": str(tmp_path / "data"),
        "FACTBOT_REPO_URL": "https://github.com/example/factbot",
        "FACTBOT_ADMINS": "U0ADMIN1",
    }


@dataclass
class Bot:
    """The bot's real WSGI app served on loopback, with its services and the fake Slack."""

    url: str
    web: object
    fake: object

    @property
    def events_url(self) -> str:
        """Where Slack sends everything."""
        return self.url + "/slack/events"

    def command(self, command: str, text: str, **sign) -> Reply:
        """Send a signed slash command; its reply is the HTTP response body."""
        body = command_body(command, text, self.fake.response_url("cmd"))
        return signed_post(self.events_url, body, **sign)

    def click(self, action_id: str, value: str, name: str = "click", **payload) -> Reply:
        """Send a signed button click whose response_url is the fake's `response_url:<name>`."""
        data = action_payload(action_id, value, self.fake.response_url(name), **payload)
        return signed_post(self.events_url, action_body(data))

    def shortcut(self, callback_id: str, text: str, **sign) -> Reply:
        """Send a signed message shortcut on a message holding `text`."""
        body = action_body(message_shortcut_payload(callback_id, text))
        return signed_post(self.events_url, body, **sign)

    def event(self, event: dict) -> Reply:
        """Send a signed Events API callback."""
        return signed_post(self.events_url, event_body(event), "application/json")


@contextmanager
def running_bot(fake, tmp_path, today, now=None, env: dict | None = None):
    """Write the test store, build the real WebApp from env settings (plus `env`), and serve it."""
    import datetime as dt

    from bot.settings import Settings
    from bot.web import WebApp, create_services

    if not (tmp_path / "facts").exists():
        write_store(tmp_path / "facts")
    settings = Settings.from_env({**bot_env(fake, tmp_path), **(env or {})})
    moment = now or dt.datetime.combine(today, dt.time(12), tzinfo=dt.UTC)
    web = WebApp(create_services(settings, today=lambda: today, now=lambda: moment))
    fake.reset()  # forget the auth.test made while building
    with serve_app(web) as url:
        yield Bot(url, web, fake)
    # A lazy listener still running would reach fakes that are gone, and log into the next test.
    web.finish_background_work()
    web.services.usage.stop()  # its last flush, before the database goes
    web.services.db.dispose()


def view_submission_body(view: dict, values: dict[str, str], user: str = "U0USER01") -> str:
    """The form body Slack posts when a modal is submitted, with `values` typed in its inputs.

    `view` is what factbot sent to views.open; Slack adds the view's id and its state.
    """
    state = {
        block_id: {"value": {"type": "plain_text_input", "value": value}}
        for block_id, value in values.items()
    }
    payload = {
        "type": "view_submission",
        "team": {"id": "T0TEAM001"},
        "user": {"id": user, "username": "ana.lima", "name": "ana.lima", "team_id": "T0TEAM001"},
        "api_app_id": "A0APP001",
        "trigger_id": "4.5.6",
        "view": {**view, "id": "V0VIEW001", "team_id": "T0TEAM001", "state": {"values": state}},
    }
    return action_body(payload)


def wait_for(predicate, seconds: float = 15.0):
    """Poll `predicate` until it returns something truthy (work Bolt runs after its answer)."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"timed out after {seconds} s")
