"""The WSGI app: `POST /slack/events` (commands, buttons, events) through Bolt, `GET /healthz`.

Authenticate first: a request to /slack/events is read (at most MAX_BODY_BYTES; larger ones get
413, and a chunked one 411, before their body is read) and its Slack signature and timestamp are
checked on the raw bytes before Bolt or anything else parses, logs or answers it. Anything
unsigned gets 401, a one-line summary in the log, and nothing else. Slack always sends a
Content-Length; a chunked body gets 411 under every server (wsgiref cannot decode one).

`gunicorn bot.web:app` needs only the environment: the module-level `app` builds everything from
`Settings.from_env()` (importing this module needs no environment). With the Procfile's config
(bot/gunicorn_conf.py) it is built once in the master before the workers fork, so the first
request finds the store loaded and indexed; without it, on each worker's first request. Either way
the store watcher thread starts in the worker, where the requests are served.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable

import orjson
from slack_bolt import BoltRequest
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.adapter.wsgi.http_response import WsgiHttpResponse

from bot.app import AUTHENTICATED, Services, build_app, sorry_reply
from bot.grammar import count
from bot.request_body import MAX_BODY_BYTES, declared_size, read_body
from bot.services import create_services
from bot.settings import Settings, SettingsError
from bot.slack import commands
from bot.slack.payload import shape_problem
from bot.slack.signature import refusal
from bot.warmup import warm_up

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"


class WebApp:
    """A WSGI callable serving one Bolt app plus a health check."""

    def __init__(self, services: Services, clock: Callable[[], float] = time.time):
        self.services = services
        self.bolt = build_app(services)
        self._secret = services.settings.slack_signing_secret or ""
        self.clock = clock  # Unix time for the signature's five-minute window

    def __call__(self, environ, start_response):
        method, path = environ.get("REQUEST_METHOD"), environ.get("PATH_INFO")
        if path == "/healthz" and method == "GET":
            return self.healthz(start_response)
        if path != EVENTS_PATH or method != "POST":
            return _json(start_response, "404 Not Found", {"ok": False, "error": "not found"})
        if environ.get("HTTP_TRANSFER_ENCODING"):
            # Slack always sends Content-Length. wsgiref (`factbot serve`) cannot decode a chunked
            # body and gunicorn can: refusing it under both, unread, answers the same everywhere.
            return _refuse(
                start_response,
                "411 Length Required",
                "chunked",
                "no Content-Length",
                "length required",
            )
        try:
            body = read_body(environ, MAX_BODY_BYTES)
        except Exception as exc:  # the client went quiet (read timeout) or broke the framing
            reason = f"body not received ({type(exc).__name__})"
            return _refuse(
                start_response,
                "401 Unauthorized",
                declared_size(environ),
                reason,
                "invalid request",
            )
        if body is None:
            return _refuse(
                start_response,
                "413 Content Too Large",
                declared_size(environ),
                "body too large",
                "too large",
            )
        refused = refusal(
            self._secret,
            environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP"),
            environ.get("HTTP_X_SLACK_SIGNATURE"),
            body,
            self.clock(),
        )
        if refused:
            size = count(len(body), "byte")
            return _refuse(start_response, "401 Unauthorized", size, refused, "invalid request")
        return self._dispatch(environ, body, start_response)

    def _dispatch(self, environ, body: bytes, start_response):
        """Answer a slash command, or hand the verified raw bytes to Bolt, marked authenticated;
        400 for what Slack never sends (unparseable, or a payload Bolt's matchers would trip on:
        bot/slack/payload.py), with one log line."""
        try:  # Bolt parses the body building its request and context, outside its error handler
            text = body.decode("utf-8")
            command = commands.slash_command(text, environ.get("CONTENT_TYPE"))
        except Exception as exc:
            return _unparseable(start_response, body, exc)
        if command is not None:
            return self._command(command, start_response)
        problem = shape_problem(text, environ.get("CONTENT_TYPE"))
        if problem is not None:
            return _bad_request(start_response, body, problem)
        try:
            request = BoltRequest(
                body=text,
                query=environ.get("QUERY_STRING", ""),
                headers=WsgiHttpRequest(environ).get_headers(),
                context={AUTHENTICATED: True},
            )
            answer = self.bolt.dispatch(request)
        except Exception as exc:
            return _unparseable(start_response, body, exc)
        response = WsgiHttpResponse(status=answer.status, headers=answer.headers, body=answer.body)
        start_response(response.status, response.get_headers())
        return response.get_body()

    def _command(self, command: dict, start_response):
        """A slash command's reply as the HTTP response, as Bolt's ack() would send it."""
        try:
            reply = commands.reply_to(self.services, command["command"], command)
        except Exception as exc:  # what Bolt's error handler does for a failed listener
            log.error("handler failed: %s", exc, exc_info=exc)
            reply = sorry_reply()
        return _json(start_response, "200 OK", reply, "application/json;charset=utf-8")

    def finish_background_work(self) -> None:
        """Wait for work Bolt runs after answering (lazy listeners: opening a pull request,
        posting a result), so nothing outlives the app's Slack, GitHub and database clients."""
        self.bolt.listener_runner.listener_executor.shutdown(wait=True)

    def healthz(self, start_response):
        """200 with the store's counts; `ok` is false while the files on disk are refused.

        Still 200 then: the last good store keeps serving, so the process is healthy, but the
        JSON says which files, which errors and since when, for whoever watches it.
        """
        live = self.services.live
        snapshot, refused = live.current, live.refused_edit
        payload = {
            "ok": refused is None,
            "store_version": snapshot.version,
            "prebuilt": snapshot.prebuilt,  # read from `factbot prebuild`'s file at start
            **snapshot.counts(),
            "latest_edit": {"refused": False},
        }
        if refused is not None:
            payload["latest_edit"] = {
                "refused": True,
                "since": refused.since.isoformat(),
                "files": list(refused.files),
                "errors": list(refused.errors),
                "error_count": refused.error_count,
            }
        return _json(start_response, "200 OK", payload)


class _LazyApp:
    """Builds the WebApp from the environment on the first request (once, thread-safely)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._app: WebApp | None = None

    def get(self) -> WebApp:
        """The WebApp, building it first if needed; raises SettingsError if env is incomplete."""
        if self._app is None:
            with self._lock:
                if self._app is None:
                    web = _web_app_from_env()
                    web.services.live.start_watcher()
                    self._app = web
        return self._app

    def preload(self) -> WebApp:
        """Build the WebApp now, in gunicorn's master before it forks (it answers nothing)."""
        with self._lock:
            if self._app is None:
                self._app = _web_app_from_env()
                if self._app.services.usage is not None:
                    self._app.services.usage.stop()  # each worker flushes its own counts
        return self._app

    def start_worker(self) -> None:
        """In a worker just forked from a preloaded master: its own connections and threads."""
        if self._app is not None:
            services = self._app.services
            # Connections opened before the fork belong to the master: drop them unclosed.
            services.db.engine.dispose(close=False)
            if services.usage is not None:
                services.usage.restart()
            services.live.start_watcher()
            # A process's first request sets up lazy state and copies the shared pages it
            # touches: pay that here, before this worker accepts, not in someone's first /fact.
            # Only an optimisation: whatever fails here must not keep the worker from serving.
            try:
                warm_up(self._app)
            except Exception:
                log.exception("warming up this worker failed; serving without it")

    def __call__(self, environ, start_response):
        try:
            web = self._app or self.get()
        except SettingsError as exc:
            log.error("%s", exc)
            return _json(start_response, "503 Service Unavailable", {"ok": False})
        except Exception:
            log.exception("factbot could not start")
            return _json(start_response, "503 Service Unavailable", {"ok": False})
        return web(environ, start_response)


def _web_app_from_env() -> WebApp:
    settings = Settings.from_env()
    settings.require_slack(socket_mode=False)
    return WebApp(create_services(settings))


def _refuse(start_response, status: str, size: str, reason: str, answer: str):
    # The log gets a bounded summary (never the body or the headers' values); the sender gets
    # less: no hint of which check failed.
    log.warning("refused POST %s (%s): %s", EVENTS_PATH, size, reason)
    return _json(start_response, status, {"ok": False, "error": answer})


def _unparseable(start_response, body: bytes, exc: Exception):
    return _bad_request(start_response, body, f"Bolt could not parse it ({type(exc).__name__})")


def _bad_request(start_response, body: bytes, reason: str):
    log.warning("signed request refused (%d bytes): %s", len(body), reason)
    return _json(start_response, "400 Bad Request", {"ok": False, "error": "bad request"})


def _json(start_response, status: str, payload: dict, content_type: str = "application/json"):
    try:
        body = orjson.dumps(payload)
    except TypeError:  # what orjson cannot encode (a lone surrogate, a huge int) json can
        body = json.dumps(payload).encode()
    headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
    start_response(status, headers)
    return [body]


app = _LazyApp()
