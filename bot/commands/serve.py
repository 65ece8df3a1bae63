"""`factbot serve`: answer Slack (Socket Mode with SLACK_APP_TOKEN, else HTTP on $PORT).

HTTP mode runs the WSGI app in a threaded wsgiref server inside this one process, not gunicorn:
one process means one store in memory, one background scheduler, SIGHUP reaching the process that
holds the store, and no fork after threads have started. For several workers, use the Procfile
(`gunicorn bot.web:app` for the web, plus a separate `factbot clock` process for the posts).
"""

from __future__ import annotations

import logging
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from bot.settings import Settings

log = logging.getLogger(__name__)


def add_parser(subparsers) -> None:
    """Register `factbot serve`."""
    parser = subparsers.add_parser(
        "serve",
        help="answer Slack: Socket Mode if SLACK_APP_TOKEN is set, else HTTP on $PORT",
        description="Serve /fact, /talkingpoints, /anniversaries, buttons and App Home; "
        "also posts anniversaries unless --no-scheduler.",
    )
    parser.add_argument(
        "--no-scheduler",
        action="store_true",
        help="do not post anniversaries from this process (web-only; run `factbot clock`)",
    )
    parser.add_argument("--host", default="0.0.0.0", help="HTTP mode: address to listen on")  # noqa: S104
    parser.add_argument("--port", type=int, help="HTTP mode: port (default $PORT, else 3000)")
    parser.set_defaults(run=run)


def run(args) -> int:
    """Serve until interrupted; exit 2 (via SettingsError) naming every missing variable."""
    settings = Settings.from_env()
    socket_mode = bool(settings.slack_app_token)
    settings.require_slack(socket_mode=socket_mode)
    from bot.web import WebApp, create_services  # after the settings check: imports Bolt

    web = WebApp(create_services(settings))
    live = web.services.live
    live.start_watcher()
    live.install_sighup()
    if not args.no_scheduler:
        from bot.scheduler import start_background_scheduler

        start_background_scheduler(settings, lambda: live.current.store)
    if socket_mode:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        log.info("factbot: Socket Mode")
        SocketModeHandler(web.bolt, settings.slack_app_token).start()
        return 0
    serve_http(web, args.host, settings.port if args.port is None else args.port)
    return 0


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    """wsgiref's server, one thread per request (a slow Slack call never blocks the next)."""

    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    """Request lines go to logging, not straight to stderr."""

    def log_message(self, format, *args):
        log.debug("%s " + format, self.address_string(), *args)


def serve_http(app, host: str, port: int) -> None:
    """Serve `app` until interrupted; prints the address it listens on (port 0 picks one)."""
    with make_server(host, port, app, ThreadingWSGIServer, QuietHandler) as server:
        print(
            f"factbot listening on http://{host}:{server.server_port}/slack/events",
            file=sys.stderr,
            flush=True,
        )
        server.serve_forever()
