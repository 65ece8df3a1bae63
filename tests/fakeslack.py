"""A fake Slack Web API served over real HTTP on 127.0.0.1 (port 0), for tests and benchmarks.

It records every call (method and decoded body) and answers the methods factbot uses the way
Slack does, including its failure modes: `ok: false` errors per channel, HTTP 429 with
Retry-After, `invalid_auth`, and answers lost after Slack acted (`Faults.drop_answers`: the
socket is closed unanswered, so the client sees a connection error). Modelled on bolt-python's
tests/mock_web_api_server, but a real server shared by threads and subprocesses alike, with
thread-safe state.

    with FakeSlack() as slack:
        client = WebClient(token="xoxb-test", base_url=slack.api_url)
        ...
        assert slack.calls_to("chat.postMessage")[0].body["channel"] == "C123"
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlparse

BOT_USER_ID = "UBOT0001"
BOT_ID = "BBOT0001"
TEAM_ID = "T0TEAM001"
INVALID_TOKEN = "xoxb-invalid"
INVALID_APP_TOKEN = "xapp-invalid"  # apps.connections.open answers invalid_auth


@dataclass(frozen=True)
class Call:
    """One request the fake received: the API method (or `response_url:<name>`) and its body."""

    method: str
    body: dict
    headers: dict


@dataclass
class Message:
    """A message the fake accepted into a channel."""

    channel: str
    ts: str
    text: str
    blocks: list
    metadata: dict | None
    thread_ts: str | None = None


@dataclass
class Faults:
    """Failures to inject: set attributes in a test before the calls you want to fail."""

    # Answer HTTP 429 (Retry-After: rate_limit_retry_after) to every Nth chat.postMessage.
    rate_limit_every: int | None = None
    rate_limit_retry_after: int = 1
    # channel id -> Slack error string, e.g. {"C0NOTIN": "not_in_channel"}.
    channel_errors: dict[str, str] = field(default_factory=dict)
    # response_url name -> HTTP status to answer with (Slack answers 404 "expired_url").
    response_url_status: dict[str, int] = field(default_factory=dict)
    # Seconds to wait before answering any call (to test timeouts and slow Slack).
    delay: float = 0.0
    # Answer the next N conversations.history calls with `history_error`: "ratelimited" is HTTP
    # 429 with Retry-After, anything else (e.g. "internal_error") an `ok: false` error.
    history_failures: int = 0
    history_error: str = "ratelimited"
    # The next N chat.postMessage calls that succeed answer HTTP 500 although the message landed
    # (the answer was lost on the way back, as a network error would lose it).
    lost_post_responses: int = 0
    # method (`chat.postMessage`, `response_url:<name>` …) -> how many of its next calls are
    # acted on (recorded, posted) and then answered by closing the socket without a response:
    # the answer is lost after Slack did the work, as a connection reset would lose it.
    drop_answers: dict[str, int] = field(default_factory=dict)
    # user group id -> Slack error string for usergroups.users.list (e.g. "missing_scope").
    usergroup_errors: dict[str, str] = field(default_factory=dict)
    # user id -> Slack error string for users.info (e.g. "ratelimited").
    user_errors: dict[str, str] = field(default_factory=dict)
    # Slack error string for every views.open (e.g. "expired_trigger_id": the 3 s window passed).
    view_error: str | None = None


class FakeSlack:
    """A running fake Slack Web API; use as a context manager or call start()/stop()."""

    def __init__(self) -> None:
        self.faults = Faults()
        self._lock = threading.Lock()
        self._calls: list[Call] = []
        self._messages: list[Message] = []
        self._ts = itertools.count(1)
        # Message ts are ts_base + 1, + 2, … seconds: set it to a test's `now` (epoch seconds) so
        # conversations.history `oldest` filters behave as they would on that day.
        self.ts_base = 1_700_000_000
        self._post_attempts = 0
        # The workspace's people and user groups, as users.info and usergroups.users.list see
        # them: set in a test, e.g. users["U1"] = {"name": "jo", "profile": {"display_name": "Jo"}}.
        self.users: dict[str, dict] = {}
        self.user_groups: dict[str, list[str]] = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )  # a short poll interval: stop() returns in 50 ms, not 500

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> FakeSlack:
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- addresses -------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:PORT`."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        """The Web API base URL to give slack_sdk (`SLACK_API_URL`)."""
        return f"{self.base_url}/api/"

    def response_url(self, name: str = "default") -> str:
        """A `response_url` Slack would put in a command or action payload."""
        return f"{self.base_url}/response/{name}"

    # -- what happened ---------------------------------------------------------------------
    @property
    def calls(self) -> list[Call]:
        """Every call received, in order."""
        with self._lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        """The calls to one method (`chat.postMessage`, `response_url:<name>` …)."""
        return [c for c in self.calls if c.method == method]

    def messages(self, channel: str | None = None) -> list[Message]:
        """Messages accepted by chat.postMessage, oldest first."""
        with self._lock:
            return [m for m in self._messages if channel is None or m.channel == channel]

    def reset(self) -> None:
        """Forget every call and message (faults stay as set)."""
        with self._lock:
            self._calls.clear()
            self._messages.clear()
            self._post_attempts = 0

    # -- answering -------------------------------------------------------------------------
    def _answer(self, path: str, body: dict, headers: dict) -> tuple[int, dict, dict]:
        if self.faults.delay:
            time.sleep(self.faults.delay)
        if path.startswith("/response/"):
            name = path.removeprefix("/response/")
            self._record("response_url:" + name, body, headers)
            status = self.faults.response_url_status.get(name, 200)
            return status, ({"ok": True} if status == 200 else {"error": "expired_url"}), {}
        method = path.removeprefix("/api/")
        self._record(method, body, headers)
        token = _token(headers, body)
        if not token or token in (INVALID_TOKEN, INVALID_APP_TOKEN):
            return 200, {"ok": False, "error": "invalid_auth" if token else "not_authed"}, {}
        handler = getattr(self, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            return 200, {"ok": True}, {}
        return handler(body)

    def _record(self, method: str, body: dict, headers: dict) -> None:
        with self._lock:
            self._calls.append(Call(method, body, headers))

    def _drop_answer(self, path: str) -> bool:
        """True if the answer to this call is to be lost (see Faults.drop_answers)."""
        name = path.removeprefix("/api/")
        if path.startswith("/response/"):
            name = "response_url:" + path.removeprefix("/response/")
        with self._lock:
            left = self.faults.drop_answers.get(name, 0)
            if left > 0:
                self.faults.drop_answers[name] = left - 1
            return left > 0

    def _next_ts(self) -> str:
        return f"{int(self.ts_base) + next(self._ts)}.000100"

    def _m_auth_test(self, body):
        return (
            200,
            {
                "ok": True,
                "url": "https://fake.slack.test/",
                "team": "Fake Team",
                "user": "factbot",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
            },
            {},
        )

    def _m_chat_postMessage(self, body):
        channel = str(body.get("channel", ""))
        with self._lock:
            self._post_attempts += 1
            attempt = self._post_attempts
        every = self.faults.rate_limit_every
        if every and attempt % every == 0:
            retry = str(self.faults.rate_limit_retry_after)
            return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": retry}
        if channel in self.faults.channel_errors:
            return 200, {"ok": False, "error": self.faults.channel_errors[channel]}, {}
        if not channel:
            return 200, {"ok": False, "error": "channel_not_found"}, {}
        message = Message(
            channel=channel,
            ts=self._next_ts(),
            text=str(body.get("text", "")),
            blocks=_json_field(body.get("blocks")) or [],
            metadata=_json_field(body.get("metadata")),
            thread_ts=body.get("thread_ts"),
        )
        with self._lock:
            self._messages.append(message)
            lost = self.faults.lost_post_responses > 0
            self.faults.lost_post_responses -= lost
        if lost:
            return 500, {"ok": False, "error": "internal_error"}, {}
        answer = {"ok": True, "channel": channel, "ts": message.ts, "message": _wire(message)}
        return 200, answer, {}

    def _m_chat_postEphemeral(self, body):
        if body.get("channel") in self.faults.channel_errors:
            return 200, {"ok": False, "error": self.faults.channel_errors[body["channel"]]}, {}
        return 200, {"ok": True, "message_ts": self._next_ts()}, {}

    def _m_views_publish(self, body):
        return 200, {"ok": True, "view": {"id": "V0FAKE", "type": "home"}}, {}

    def _m_views_open(self, body):
        view = _json_field(body.get("view")) or {}
        if not body.get("trigger_id"):
            return 200, {"ok": False, "error": "invalid_trigger_id"}, {}
        if self.faults.view_error:
            return 200, {"ok": False, "error": self.faults.view_error}, {}
        if view.get("type") != "modal" or len(view.get("blocks", [])) > 100:
            return 200, {"ok": False, "error": "invalid_arguments"}, {}
        return 200, {"ok": True, "view": {**view, "id": "V0MODAL"}}, {}

    def _m_users_info(self, body):
        user = str(body.get("user", ""))
        if user in self.faults.user_errors:
            return 200, {"ok": False, "error": self.faults.user_errors[user]}, {}
        if user not in self.users:
            return 200, {"ok": False, "error": "user_not_found"}, {}
        return 200, {"ok": True, "user": {"id": user, **self.users[user]}}, {}

    def _m_usergroups_users_list(self, body):
        group = str(body.get("usergroup", ""))
        if group in self.faults.usergroup_errors:
            return 200, {"ok": False, "error": self.faults.usergroup_errors[group]}, {}
        if group not in self.user_groups:
            return 200, {"ok": False, "error": "no_such_subteam"}, {}
        return 200, {"ok": True, "users": list(self.user_groups[group])}, {}

    def _m_conversations_history(self, body):
        with self._lock:
            failing = self.faults.history_failures > 0
            self.faults.history_failures -= failing
        if failing and self.faults.history_error == "ratelimited":
            retry = str(self.faults.rate_limit_retry_after)
            return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": retry}
        if failing:
            return 200, {"ok": False, "error": self.faults.history_error}, {}
        channel = body.get("channel")
        if channel in self.faults.channel_errors:
            return 200, {"ok": False, "error": self.faults.channel_errors[channel]}, {}
        oldest = float(body.get("oldest") or 0)
        limit = int(body.get("limit") or 100)
        found = [m for m in self.messages(channel) if float(m.ts) > oldest]
        found = list(reversed(found))[:limit]  # Slack answers newest first
        return 200, {"ok": True, "messages": [_wire(m) for m in found], "has_more": False}, {}


def _wire(message: Message) -> dict:
    wire = {
        "type": "message",
        "user": BOT_USER_ID,
        "bot_id": BOT_ID,
        "ts": message.ts,
        "text": message.text,
        "blocks": message.blocks,
    }
    if message.metadata:
        wire["metadata"] = message.metadata
    return wire


def _json_field(value):
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def _token(headers: dict, body: dict) -> str | None:
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return body.get("token")


def _handler_for(fake: FakeSlack):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode("utf-8") if length else ""
            ctype = self.headers.get("Content-Type", "")
            if "json" in ctype:
                body = json.loads(raw or "{}")
            else:
                body = dict(parse_qsl(raw, keep_blank_values=True))
            query = dict(parse_qsl(urlparse(self.path).query))
            headers = {k.lower(): v for k, v in self.headers.items()}
            path = urlparse(self.path).path
            status, payload, extra = fake._answer(path, {**query, **body}, headers)
            if fake._drop_answer(path):
                self.close_connection = True  # the server closes the socket, unanswered
                return
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for key, value in extra.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST

        def log_message(self, *args):  # keep test output clean
            pass

    return Handler
