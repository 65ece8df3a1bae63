"""The WSGI app: `POST /slack/events` (commands, buttons, events) through Bolt, `GET /healthz`.

`gunicorn bot.web:app` needs only the environment: the module-level `app` builds everything from
`Settings.from_env()` on its first request (importing this module needs no environment), in each
worker after the fork, so the store watcher thread lives where the requests are served.
"""

from __future__ import annotations

import json
import logging
import threading

from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.app import Services, build_app, utcnow
from bot.search.live import LiveStore
from bot.settings import Settings, SettingsError
from bot.storage import open_database

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"


class WebApp:
    """A WSGI callable serving one Bolt app plus a health check."""

    def __init__(self, services: Services):
        self.services = services
        self.bolt = build_app(services)
        self._slack = SlackRequestHandler(self.bolt, path=EVENTS_PATH)

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") == "/healthz" and environ.get("REQUEST_METHOD") == "GET":
            return self.healthz(start_response)
        return self._slack(environ, start_response)

    def healthz(self, start_response):
        """200 with the live store's record counts."""
        snapshot = self.services.live.current
        payload = {"ok": True, "store_version": snapshot.version, **snapshot.counts()}
        return _json(start_response, "200 OK", payload)


def create_services(settings: Settings, today=None, now=None) -> Services:
    """The live store and database for `settings`; tests inject `today()` and `now()`."""
    today, now = today or settings.today, now or utcnow
    live = LiveStore(settings.facts_dir, today=today)
    db = open_database(settings.database_url)
    return Services(settings=settings, live=live, db=db, today=today, now=now)


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
                    settings = Settings.from_env()
                    settings.require_slack(socket_mode=False)
                    web = WebApp(create_services(settings))
                    web.services.live.start_watcher()
                    self._app = web
        return self._app

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


def _json(start_response, status: str, payload: dict):
    body = json.dumps(payload).encode()
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    start_response(status, headers)
    return [body]


app = _LazyApp()
