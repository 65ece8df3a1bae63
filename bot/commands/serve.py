"""`factbot serve`: answer Slack (Socket Mode with SLACK_APP_TOKEN, else HTTP on $PORT).

HTTP mode runs the WSGI app in a threaded wsgiref server inside this one process, not gunicorn:
one process means one store in memory, one background scheduler, SIGHUP reaching the process that
holds the store, and no fork after threads have started. For several workers, use the Procfile
(`gunicorn bot.web:app` for the web, plus a separate `factbot clock` process for the posts).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from bot.commands import add_database_argument, settings_for

log = logging.getLogger(__name__)

# Connections the kernel queues while every thread is busy accepting. wsgiref's 5 reset 1.8 % of
# connections in bursts of 50; gunicorn's 2,048 none (the kernel caps it at net.core.somaxconn).
DEFAULT_BACKLOG = 2048
# A client that sends less than its Content-Length (or nothing) holds a thread at most this long.
READ_TIMEOUT_SECONDS = 30


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
    parser.add_argument(
        "--port-file",
        type=Path,
        help="HTTP mode: once listening, write the port number to this file (atomically)",
    )
    parser.add_argument(
        "--backlog",
        type=int,
        default=DEFAULT_BACKLOG,
        help=f"HTTP mode: connections queued while busy (default {DEFAULT_BACKLOG})",
    )
    add_database_argument(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    """Serve until interrupted; exit 2 (via SettingsError) naming every missing variable."""
    settings = settings_for(args)
    socket_mode = bool(settings.slack_app_token)
    settings.require_slack(socket_mode=socket_mode)
    from bot.slack.tokens import (
        connect_socket_mode,
        require_app_token_accepted,
        require_bot_token_accepted,
    )
    from bot.web import WebApp, create_services  # after the settings check: imports Bolt

    require_bot_token_accepted(settings)  # before Bolt's own check, which ends in a traceback
    if socket_mode:
        require_app_token_accepted(settings)
    web = WebApp(create_services(settings))
    handler = None
    if socket_mode:  # connect first: a refused app token stops here, before anything runs
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        handler = SocketModeHandler(web.bolt, settings.slack_app_token)
        connect_socket_mode(settings, handler)
    live = web.services.live
    live.start_watcher()
    live.install_sighup()
    if not args.no_scheduler:
        from bot.scheduler import start_background_scheduler

        start_background_scheduler(settings, lambda: live.current.store)
    if handler is not None:
        log.info("factbot: Socket Mode, connected")
        threading.Event().wait()  # the handler's threads serve; this one waits for a signal
        return 0
    port = settings.port if args.port is None else args.port
    serve_http(web, args.host, port, backlog=args.backlog, port_file=args.port_file)
    return 0


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    """wsgiref's server, one thread per request (a slow Slack call never blocks the next)."""

    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    """Request lines go to logging, not straight to stderr; a silent client times out."""

    timeout = READ_TIMEOUT_SECONDS

    def log_message(self, format, *args):
        log.debug("%s " + format, self.address_string(), *args)


def make_http_server(app, host: str, port: int, backlog: int = DEFAULT_BACKLOG):
    """A threaded WSGI server for `app`, bound and listening with `backlog` (port 0 picks one)."""
    server = ThreadingWSGIServer((host, port), QuietHandler, bind_and_activate=False)
    server.request_queue_size = backlog  # read by server_activate's listen()
    try:
        server.server_bind()
        server.server_activate()
    except BaseException:
        server.server_close()
        raise
    server.set_app(app)
    return server


def serve_http(
    app, host: str, port: int, backlog: int = DEFAULT_BACKLOG, port_file: Path | None = None
) -> None:
    """Serve `app` until interrupted; says where it listens on stderr and in `port_file`."""
    with make_http_server(app, host, port, backlog) as server:
        if port_file is not None:
            write_atomically(port_file, f"{server.server_port}\n")
        # One write, so a log line from another thread cannot land inside it.
        sys.stderr.write(f"factbot listening on http://{host}:{server.server_port}/slack/events\n")
        sys.stderr.flush()
        server.serve_forever()


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` so a reader sees either nothing or all of it."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
