"""`newsbot serve`: the Bolt app over HTTP (POST /slack/events, GET /healthz) or Socket Mode.

Bolt's own development server is single-threaded; a threading stdlib server keeps acks fast while
other requests are in flight, and adds the health endpoint a load balancer or supervisor polls.
Credentials are checked before anything starts, and a problem is one line that names the variable
and where to find it, never its value. The background jobs (bot/scheduler.py: feed polls ...) run beside
the listener on their own thread and stop with it.
"""

from __future__ import annotations

import io
import json
import logging
import os
import signal
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from slack_bolt.error import BoltError
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

from bot.app import create_app
from bot.config import configure_logging
from bot.editors import start_notice
from bot.newsroom import NewsbotApp
from bot.slack_client import api_url
from bot.slack_http import (
    QuietLog,
    Refusal,
    RequestLedger,
    check_signature,
    content_length,
    parse_payload,
    refusal_body,
)
from storage.requests import ledger_path

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
# How long a thread may hold the GIL while another waits for it (CPython's default is 5 ms). An ack is
# ~1 ms of Python between socket reads and writes, and each time it blocks it must win the GIL back from
# the answer threads and the digest job, which are CPU-bound: at 5 ms a wait, behind eight answer
# threads, bench/slack.py saw ack p99 of 300 ms under load; at 1 ms the acks get through (bench/README.md).
SWITCH_INTERVAL_S = 0.001
# Processes that compute answers (bot/answer_processes.py), so that answers never hold the GIL the acks
# need; 0 computes them on the listener's threads. One keeps the server inside DESIGN.md's 400 MB once the
# jobs process has loaded spaCy for a feed (~375 MB RSS in all; two: ~430) with answer p99 ~0.7 s under
# bench/slack.py's load; two bring that to ~0.4-0.6 s where memory allows (bench/README.md).
ANSWER_PROCESSES = int(os.environ.get("NEWSBOT_ANSWER_PROCESSES", "1"))
# glibc gives each thread that allocates its own malloc arena (up to 8 per core), and memory freed in one
# arena is not reused by another: the jobs process (the scheduler's threads polling feeds, parsing, building
# digests) held pages in several half-empty arenas. Two arenas for the children `serve` starts, unless the
# operator set MALLOC_ARENA_MAX themselves (bench/README.md: the memory table with a live feed).
MALLOC_ARENAS = "2"
APPS_PAGE = "https://api.slack.com/apps → your app"
WHERE = {
    "SLACK_BOT_TOKEN": f"the Bot User OAuth Token (xoxb-…) at {APPS_PAGE} → OAuth & Permissions",
    "SLACK_SIGNING_SECRET": f"the Signing Secret at {APPS_PAGE} → Basic Information → App Credentials",
    "SLACK_APP_TOKEN": f"an App-Level Token (xapp-…, connections:write) at {APPS_PAGE} → Basic Information",
}
PREFIX = {"SLACK_BOT_TOKEN": "xoxb-", "SLACK_APP_TOKEN": "xapp-"}
log = logging.getLogger("newsbot.serve")


def credential_problem(env: dict[str, str], socket_mode: bool) -> str | None:
    """The first missing or malformed credential, as one line for the operator; None when all are there."""
    needed = ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN" if socket_mode else "SLACK_SIGNING_SECRET"]
    for name in needed:
        value = (env.get(name) or "").strip()
        if not value:
            return f"newsbot serve: {name} is not set — get {WHERE[name]}."
        prefix = PREFIX.get(name)
        if prefix and not value.startswith(prefix):
            return f"newsbot serve: {name} does not start with {prefix} — get {WHERE[name]}."
    return None


def request_seconds() -> float:
    """How long a connection may take to send one whole request, headers and body (NEWSBOT_REQUEST_SECONDS,
    10 s): Slack sends a request in one go, and a client that trickles it or sends nothing must not hold a
    thread. An idle kept-alive connection is closed after as long."""
    return float(os.environ.get("NEWSBOT_REQUEST_SECONDS") or 10.0)


def max_connections() -> int:
    """Connections served at once, one thread each (NEWSBOT_MAX_CONNECTIONS, 128); more get a 503 at once."""
    return int(os.environ.get("NEWSBOT_MAX_CONNECTIONS") or 128)


class _DeadlineSocketReader(io.RawIOBase):
    """The connection's reads, each given only the time left before the handler's deadline, so a client
    sending one byte every few seconds is cut off on the total, not on the gap."""

    def __init__(self, sock: socket.socket, handler: SlackHandler) -> None:
        self._sock, self._handler = sock, handler

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        left = self._handler.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request took too long to arrive")
        self._sock.settimeout(left)
        return self._sock.recv_into(buffer)


class SlackHandler(BaseHTTPRequestHandler):
    """POST /slack/events → the transport checks (bot/slack_http.py) → Bolt; GET /healthz → 200."""

    server: SlackServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # a response is one small write; never hold it back for an ACK
    deadline = 0.0

    def setup(self) -> None:
        super().setup()
        self.rfile = io.BufferedReader(_DeadlineSocketReader(self.connection, self))

    def handle_one_request(self) -> None:
        """Each request (and the wait for it on a kept-alive connection) has request_seconds() to arrive;
        http.server closes the connection when reading its headers times out."""
        self.deadline = time.monotonic() + self.server.request_seconds
        super().handle_one_request()

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path.partition("?")[0] == HEALTH_PATH:
            self._send(200, {"content-type": ["application/json"]}, json.dumps({"ok": True}))
        else:
            self._send(404, {}, "Not Found")

    def do_POST(self) -> None:  # noqa: N802
        path, _, query = self.path.partition("?")
        if path != EVENTS_PATH or not self.server.signing_secret:  # Socket Mode: HTTP answers /healthz only
            self._refuse(Refusal(404, "Not Found"), unread=True)
            return
        try:
            length = content_length(self.headers)
        except Refusal as exc:
            self._refuse(exc, unread=True)
            return
        try:
            raw = self.rfile.read(length)
        except TimeoutError:
            self._refuse(Refusal(408, "the body took too long to arrive"), unread=True)
            return
        if len(raw) < length:
            self.close_connection = True
            return  # the client went away mid-body: nobody to answer
        try:
            resp = self._dispatch(raw.decode("utf-8", errors="replace"), query)
        except Refusal as exc:
            self._refuse(exc)
            return
        self._send(resp.status, resp.headers, resp.body)

    def _dispatch(self, body: str, query: str) -> BoltResponse:
        """Signature, replay and envelope checks, then Bolt; Refusal for what must not reach it."""
        timestamp, signature = check_signature(self.server.signing_secret, self.headers, body)
        self.server.ledger.check_new(timestamp, signature)
        parse_payload(body, self.headers.get("Content-Type"))
        try:
            request = BoltRequest(body=body, query=query, headers=dict(self.headers))
        except Exception as exc:  # a shape the envelope check let through: still a bad request, never a crash
            raise Refusal(400, f"the payload cannot be read ({type(exc).__name__})") from exc
        resp = self.server.app.dispatch(request)
        if resp.status == 404:  # Bolt: no listener for it (an unknown view, an event we do not follow)
            return BoltResponse(status=200, body="")  # Slack retries anything but a 200; there is nothing to do
        return resp

    def _refuse(self, exc: Refusal, unread: bool = False) -> None:
        """Answer a refusal; an unread body leaves the connection unusable, so it is closed."""
        self.server.quiet_log.refused(exc.status, str(exc), self.address_string())
        if unread:
            self.close_connection = True
        self._send(exc.status, {"content-type": ["application/json"]}, refusal_body(exc))

    def _send(self, status: int, headers: dict[str, Any], body: str) -> None:
        data = body.encode("utf-8")
        self.connection.settimeout(self.server.request_seconds)  # a client that never reads gets no longer
        self.send_response(status)
        for key, values in headers.items():
            if key.lower() in ("content-length", "connection"):
                continue
            for value in values if isinstance(values, list | tuple) else [values]:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        if self.close_connection:
            self.send_header("Connection", "close")
        # Headers and body in one write (end_headers would send the headers alone): each socket write
        # gives up the GIL, and under load winning it back is most of an ack's time.
        self._headers_buffer.append(b"\r\n" + data)
        self.flush_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server's signature)
        log.debug("%s " + format, self.address_string(), *args)


BUSY = b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\nRetry-After: 1\r\n\r\n"


class SlackServer(ThreadingHTTPServer):
    """A thread per connection, at most max_connections() of them; the replay ledger beside the archive."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], app: NewsbotApp) -> None:
        self.app = app
        self.signing_secret = getattr(app, "_signing_secret", None) or ""
        self.request_seconds = request_seconds()
        self.slots = threading.BoundedSemaphore(max_connections())
        self.ledger = RequestLedger(ledger_path(app.newsroom.db_path))
        self.quiet_log = QuietLog()
        # NEWSBOT_REUSE_PORT=1: several `newsbot serve` processes share one port (the kernel spreads
        # connections), each with its own GIL — how one machine answers on more than one core.
        self.allow_reuse_port = os.environ.get("NEWSBOT_REUSE_PORT") == "1"
        super().__init__(address, SlackHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        """A thread for the connection if one is free; otherwise a 503 now and the connection closed, so
        a flood of idle connections costs no threads (2,000 of them used to hold 2,000)."""
        if not self.slots.acquire(blocking=False):
            self.quiet_log.refused(503, "too many connections at once", str(client_address[0]))
            try:
                request.settimeout(1.0)
                request.sendall(BUSY)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def server_close(self) -> None:
        super().server_close()
        self.ledger.close()


def build_http_server(app: NewsbotApp, host: str = "127.0.0.1", port: int = 0) -> SlackServer:
    """The HTTP server for `app`, bound (port 0 picks a free port: see `server.server_address`)."""
    return SlackServer((host, port), app)


def verify_token(token: str) -> str | None:
    """Ask auth.test whether Slack accepts the bot token; a one-line problem, or None if it does."""
    from slack_sdk.errors import SlackApiError

    from bot.slack_client import web_client

    try:
        web_client(token).auth_test()
    except SlackApiError as exc:
        error = exc.response.get("error", "rejected") if exc.response is not None else "rejected"
        where = WHERE["SLACK_BOT_TOKEN"]
        return f"newsbot serve: SLACK_BOT_TOKEN was rejected by Slack ({error}) — get {where}."
    except Exception as exc:  # URLError, timeout: the API URL is wrong or unreachable
        reason = type(exc).__name__
        return f"newsbot serve: cannot reach the Slack API at {api_url()} ({reason}); check SLACK_API_URL."
    return None


def _start_problem(socket_mode: bool) -> str | None:
    problem = credential_problem(dict(os.environ), socket_mode)
    return problem or verify_token(os.environ["SLACK_BOT_TOKEN"].strip())


def run_serve(db_path: str, port: int, socket_mode: bool | None = None) -> int:
    """Serve until SIGINT/SIGTERM; 0 on a clean stop, 2 when credentials are missing or wrong.

    `socket_mode=None` picks Socket Mode when SLACK_APP_TOKEN is set, HTTP otherwise.
    """
    configure_logging()
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    os.environ.setdefault("MALLOC_ARENA_MAX", MALLOC_ARENAS)  # read by each child's C library as it starts
    if socket_mode is None:
        socket_mode = bool(os.environ.get("SLACK_APP_TOKEN", "").strip())
    problem = _start_problem(socket_mode)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    try:
        app = create_app(db_path=db_path, token=os.environ["SLACK_BOT_TOKEN"].strip(),
                         signing_secret=os.environ.get("SLACK_SIGNING_SECRET", "").strip(),
                         socket_mode=socket_mode, token_verification=False,
                         answer_processes=ANSWER_PROCESSES)
    except BoltError as exc:
        print(f"newsbot serve: the Slack app could not start: {type(exc).__name__}", file=sys.stderr)
        return 2
    host = os.environ.get("NEWSBOT_HOST", "0.0.0.0")
    server = build_http_server(app, host, port)
    settle_heap()
    bound = server.server_address[1]
    from bot.answer_processes import AnswerProcesses

    app.newsroom.links = AnswerProcesses(db_path, 1, jobs=True)  # the jobs process; it also reads links
    try:
        if socket_mode:
            return _serve_socket_mode(app, server, bound)
        where = f"http://{host}:{bound}"
        print(f"newsbot serve: listening on {where} (Slack: POST {EVENTS_PATH}, health: GET {HEALTH_PATH})",
              flush=True)
        print(f"newsbot serve: {start_notice()}", flush=True)
        return _serve_until_stopped(server)
    finally:
        app.newsroom.shutdown()


GC_GEN0 = 20_000  # allocations between young collections (CPython's default is 700)


def settle_heap() -> None:
    """Keep the garbage collector from stopping every thread in the middle of acks.

    A full (generation 2) collection walks every tracked object with the GIL held: in `newsbot serve`
    that was 100-140,000 objects (the modules, Bolt, the answer engine's tables), ~100 ms on an idle
    core and more on a busy one, and a digest run or a burst of answers triggers one every few seconds.
    Everything loaded at start-up lives as long as the process, so it is collected once and frozen out
    of later collections (gc.freeze); and young collections run after 20,000 allocations rather than 700,
    so the old generation is examined far less often. Garbage cycles are still collected."""
    import gc

    import bot.answer.engine  # noqa: F401 (loaded now, so its tables are part of what is frozen)

    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_GEN0, *gc.get_threshold()[1:])


def _serve_until_stopped(server: SlackServer) -> int:
    """serve_forever on this thread; SIGTERM stops it like Ctrl-C, and in-flight answers finish."""
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown, daemon=True).start())
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.app.executor.shutdown(wait=True)
    print("newsbot serve: stopped", flush=True)
    return 0


def _serve_socket_mode(app: NewsbotApp, health: SlackServer, port: int) -> int:
    """Socket Mode: Slack's events arrive over a WebSocket; HTTP only answers /healthz."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.slack_client import web_client

    threading.Thread(target=health.serve_forever, daemon=True, name="healthz").start()
    handler = SocketModeHandler(app, os.environ["SLACK_APP_TOKEN"].strip(), web_client=web_client(None))
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        handler.connect()
        print(f"newsbot serve: Socket Mode connected (health: GET http://{health.server_address[0]}:{port}"
              f"{HEALTH_PATH})", flush=True)
        print(f"newsbot serve: {start_notice()}", flush=True)
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        handler.close()
        health.shutdown()
    print("newsbot serve: stopped", flush=True)
    return 0


def _interrupt(*_: object) -> None:
    """SIGTERM stops Socket Mode the way Ctrl-C does."""
    raise KeyboardInterrupt
