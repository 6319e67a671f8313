"""A loopback stand-in for Slack's Web API and response_url, for tests and the bench.

A stdlib threading HTTP server on port 0: POST /api/<method> answers auth.test, chat.postMessage,
chat.postEphemeral, usergroups.users.list and views.publish the way Slack does (HTTP 200 with {"ok": ...}); POST
/response/<anything> plays a response_url. Every call is recorded (method, status, parsed body) so
tests assert on what actually went over the wire, and `fail_next` makes the next N calls of a
method answer 429 with Retry-After (or a 5xx) to exercise the client's retry handlers.
GET users.info answers a user with a time zone (`user_tz`), and the messages chat.postMessage took
are kept per channel (with their metadata) for conversations.history. `hold_next` keeps the next call
of a method waiting, after Slack has taken it or before, until `release()`: how tests kill a client
at a chosen moment of a post. `delays[method] = seconds` answers every call of a method that late, after
Slack has done it (a message is kept): how a kill -9 lands between a post and its answer.
`members[channel] = [user, ...]` is what conversations.members answers (channel_not_found otherwise).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import socket
import socketserver
import struct
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode

BOT_TOKEN = "xoxb-standin-0000-bot-token"
APP_TOKEN = "xapp-standin-0000-app-token"
BOT_USER = "U0NEWSBOT"
TEAM = "T0NEWSROOM"


@dataclass
class Call:
    method: str  # "chat.postMessage", or "response_url" for /response/ posts
    path: str
    status: int
    body: dict[str, Any]
    headers: dict[str, str]
    ok: bool = True  # False for Slack's HTTP 200 refusals ({"ok": false, "error": "not_in_channel"})
    at: float = field(default_factory=time.monotonic)


class StandinHandler(BaseHTTPRequestHandler):
    server: SlackStandin
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (WebClient sends users.info and conversations.history as GET)
        path, _, query = self.path.partition("?")
        self._handle(path, dict(parse_qsl(query, keep_blank_values=True)))

    def do_POST(self) -> None:  # noqa: N802
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
        body = _parse(raw, self.headers.get("Content-Type", ""))
        self._handle(self.path.partition("?")[0], body)

    def _handle(self, path: str, body: dict[str, Any]) -> None:
        if path.startswith("/response/"):
            status, payload, headers = self.server.answer("response_url", body, self.headers)
        elif path.startswith("/api/"):
            status, payload, headers = self.server.answer(path[len("/api/"):], body, self.headers)
        else:
            status, payload, headers = 404, {"ok": False, "error": "not_found"}, {}
        self.server.record(Call(path[len("/api/"):] if path.startswith("/api/") else "response_url",
                                path, status, body, dict(self.headers),
                                ok=not (isinstance(payload, dict) and payload.get("ok") is False)))
        data = (payload if isinstance(payload, str) else json.dumps(payload)).encode()
        try:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Type", "text/html" if isinstance(payload, str) else "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass  # the client died while its call was held

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def _parse(raw: str, content_type: str) -> dict[str, Any]:
    if "json" in content_type:
        try:
            return json.loads(raw or "{}")
        except ValueError:
            return {"_raw": raw}
    return dict(parse_qsl(raw, keep_blank_values=True))


class SlackStandin(ThreadingHTTPServer):
    """The server; use `start()` / `stop()` or a `with` block. `url` is the base, `api_url` for WebClient."""

    daemon_threads = True
    request_queue_size = 128  # the default backlog (5) drops SYNs under load: a 1 s retransmit each

    def __init__(self, token: str = BOT_TOKEN) -> None:
        super().__init__(("127.0.0.1", 0), StandinHandler)
        self.token = token
        self.app_token = APP_TOKEN
        self.socket_url: str | None = None  # what apps.connections.open hands out (a SocketModeStandin)
        self.calls: list[Call] = []
        self._cond = threading.Condition()
        self._failures: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self._ts = itertools.count(1)
        self._thread: threading.Thread | None = None
        self.usergroups: dict[str, list[str]] = {}  # what usergroups.users.list answers, by group id
        self.user_tz: dict[str, str] = {}  # users.info: a user's IANA time zone (default America/Lima)
        self.messages: dict[str, list[dict[str, Any]]] = defaultdict(list)  # channel → messages posted
        self._holds: dict[str, list[bool]] = defaultdict(list)
        self.held = threading.Event()  # set when a held call has arrived
        self._release = threading.Event()
        self.delays: dict[str, float] = {}  # method → seconds to wait, after acting, before answering
        self.members: dict[str, list[str]] = {}  # conversations.members: channel → user ids

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def api_url(self) -> str:
        return self.url + "/api/"

    def response_url(self, name: str = "r") -> str:
        return f"{self.url}{self.response_path(name)}"

    @staticmethod
    def response_path(name: str = "r") -> str:
        return f"/response/{name}"

    def start(self) -> SlackStandin:
        self._thread = threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    def __enter__(self) -> SlackStandin:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def fail_next(
        self, method: str, times: int = 1, status: int = 429, retry_after: int = 1, error: str | None = None
    ) -> None:
        """The next `times` calls of `method` answer `status` (429 carries Retry-After: retry_after), or,
        with `error`, Slack's HTTP 200 refusal {"ok": false, "error": error} ("not_in_channel")."""
        with self._cond:
            self._failures[method].extend([(status, retry_after, error)] * times)

    def hold_next(self, method: str, after_taking: bool = True) -> None:
        """Keep the next call of `method` waiting until `release()`. `after_taking`: Slack has done it
        (recorded, and a message kept for history) and only the answer is late; otherwise the call is
        held before Slack acts, and on release it is refused (HTTP 503, nothing posted)."""
        with self._cond:
            self._holds[method].append(after_taking)
            self.held.clear()
            self._release.clear()

    def release(self) -> None:
        self._release.set()

    def reset(self) -> None:
        with self._cond:
            self.calls.clear()
            self._failures.clear()

    def record(self, call: Call) -> None:
        with self._cond:
            self.calls.append(call)
            self._cond.notify_all()

    def answer(self, method: str, body: dict[str, Any], headers: Any) -> tuple[int, Any, dict[str, str]]:
        """Slack's reply to one call: a held call, a scheduled failure, an auth error, or the method's success."""
        with self._cond:
            holds = self._holds.get(method)
            hold = holds.pop(0) if holds else None
        if hold is not None:
            return self._held(method, body, headers, hold)
        with self._cond:
            failures = self._failures.get(method)
            failure = failures.pop(0) if failures else None
        if failure:
            status, retry_after, error = failure
            if error:
                return 200, {"ok": False, "error": error}, {}
            extra = {"Retry-After": str(retry_after)} if status == 429 else {}
            return status, {"ok": False, "error": "ratelimited" if status == 429 else "fatal_error"}, extra
        if method == "response_url":
            return 200, "ok", {}
        token = self.app_token if method == "apps.connections.open" else self.token
        if headers.get("Authorization") != f"Bearer {token}" and body.get("token") != token:
            return 200, {"ok": False, "error": "invalid_auth"}, {}
        result = self._success(method, body)
        if self.delays.get(method):
            time.sleep(self.delays[method])
        return 200, result, {}

    def _held(self, method: str, body: dict[str, Any], headers: Any, after_taking: bool
              ) -> tuple[int, Any, dict[str, str]]:
        if after_taking:
            result = self.answer(method, body, headers)  # done (a message kept); the call is recorded on return
            self.held.set()
            self._release.wait(60)
            return result
        self.held.set()
        self._release.wait(60)
        return 503, {"ok": False, "error": "service_unavailable"}, {}

    def _success(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        ts = f"{time.time():.6f}"[:-6] + f"{next(self._ts):06d}"
        if method == "auth.test":
            return {"ok": True, "url": "https://newsroom.example/", "team": "Newsroom", "user": "newsbot",
                    "team_id": TEAM, "user_id": BOT_USER, "bot_id": "B0NEWSBOT",
                    "is_enterprise_install": False}
        if method == "chat.postMessage":
            message = {"text": body.get("text"), "thread_ts": body.get("thread_ts")}
            with self._cond:
                self.messages[str(body.get("channel"))].append(
                    {"type": "message", "ts": ts, "text": body.get("text"), "metadata": body.get("metadata"),
                     "thread_ts": body.get("thread_ts")})
            return {"ok": True, "channel": body.get("channel"), "ts": ts, "message": message}
        if method == "conversations.history":
            with self._cond:
                found = [m for m in self.messages.get(str(body.get("channel")), [])  # as Slack: no thread replies
                         if float(m["ts"]) > float(body.get("oldest") or 0) and not m.get("thread_ts")]
            return {"ok": True, "messages": list(reversed(found)), "has_more": False}
        if method == "users.info":
            user = str(body.get("user"))
            tz = self.user_tz.get(user, "America/Lima")
            return {"ok": True, "user": {"id": user, "name": user.lower(), "tz": tz}}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "apps.connections.open" and self.socket_url:
            return {"ok": True, "url": self.socket_url}
        if method == "usergroups.users.list":
            group = body.get("usergroup")
            if group not in self.usergroups:
                return {"ok": False, "error": "no_such_subteam"}
            return {"ok": True, "users": self.usergroups[group]}
        if method == "conversations.members":
            channel = str(body.get("channel"))
            if channel not in self.members:
                return {"ok": False, "error": "channel_not_found"}
            return {"ok": True, "members": list(self.members[channel]), "response_metadata": {"next_cursor": ""}}
        if method == "views.publish":
            return {"ok": True, "view": {"id": "V0HOME", **(body.get("view") or {})}}
        return {"ok": False, "error": "unknown_method"}

    def calls_of(self, method: str, ok_only: bool = False) -> list[Call]:
        with self._cond:
            calls = [c for c in self.calls if c.method == method]
        return [c for c in calls if c.status == 200 and c.ok] if ok_only else calls

    def wait_for(
        self, method: str, count: int = 1, timeout: float = 15.0, path: str | None = None
    ) -> list[Call]:
        """Block until `count` successful calls of `method` (at `path`, if given) arrived; return them.
        A call Slack refused (HTTP 200, ok false) is not a success."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                calls = [c for c in self.calls if c.method == method and c.status == 200 and c.ok
                         and (path is None or c.path == path)]
                if len(calls) >= count:
                    return calls
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = sorted({c.method for c in self.calls})
                    raise TimeoutError(f"{count} x {method} not seen in {timeout}s (saw {seen})")
                self._cond.wait(left)


class SocketModeStandin(socketserver.ThreadingTCPServer):
    """Slack's Socket Mode end: a minimal WebSocket server (RFC 6455, text/ping/close frames).

    It greets each connection with `hello`, answers pings, records every text frame the app sends
    (envelope acks), and `send(envelope)` pushes a Slack envelope to the connected app.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _WebSocketHandler)
        self.received: list[dict[str, Any]] = []
        self.connected = threading.Event()
        self._cond = threading.Condition()
        self._conn: socket.socket | None = None
        self._send_lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.server_address[1]}/link/?ticket=standin"

    def start(self) -> SocketModeStandin:
        threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    def send(self, message: dict[str, Any]) -> None:
        assert self._conn is not None, "no app connected"
        with self._send_lock:
            self._conn.sendall(_frame(0x1, json.dumps(message).encode()))

    def wait_received(self, envelope_id: str, timeout: float = 10.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for msg in self.received:
                    if msg.get("envelope_id") == envelope_id:
                        return msg
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no ack for envelope {envelope_id}")
                self._cond.wait(0.1)


def _frame(opcode: int, payload: bytes) -> bytes:
    """A server frame: FIN + opcode, unmasked, with the length in 7, 16 or 64 bits."""
    head = bytes([0x80 | opcode])
    n = len(payload)
    if n < 126:
        return head + bytes([n]) + payload
    if n < 1 << 16:
        return head + bytes([126]) + struct.pack("!H", n) + payload
    return head + bytes([127]) + struct.pack("!Q", n) + payload


class _WebSocketHandler(socketserver.BaseRequestHandler):
    server: SocketModeStandin

    def handle(self) -> None:
        sock: socket.socket = self.request
        stream = sock.makefile("rb")
        key = ""
        while (line := stream.readline().decode().strip()):
            if line.lower().startswith("sec-websocket-key:"):
                key = line.split(":", 1)[1].strip()
        accept = base64.b64encode(hashlib.sha1((key + _WS_GUID).encode()).digest()).decode()
        sock.sendall(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      f"Sec-WebSocket-Accept: {accept}\r\n\r\n").encode())
        self.server._conn = sock
        self.server.send({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0NEWSBOT"}})
        self.server.connected.set()
        while (frame := _read_frame(stream)) is not None:
            opcode, payload = frame
            if opcode == 0x8:
                break
            if opcode == 0x9:
                with self.server._send_lock:
                    sock.sendall(_frame(0xA, payload))
            elif opcode == 0x1:
                with self.server._cond:
                    self.server.received.append(json.loads(payload))
                    self.server._cond.notify_all()


_WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def _read_frame(stream: Any) -> tuple[int, bytes] | None:
    """One client frame (clients always mask); None when the connection ends."""
    head = stream.read(2)
    if len(head) < 2:
        return None
    opcode, n = head[0] & 0x0F, head[1] & 0x7F
    if n == 126:
        n = struct.unpack("!H", stream.read(2))[0]
    elif n == 127:
        n = struct.unpack("!Q", stream.read(8))[0]
    mask = stream.read(4) if head[1] & 0x80 else b"\0\0\0\0"
    data = stream.read(n)
    return opcode, bytes(b ^ mask[i % 4] for i, b in enumerate(data))


def sign(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    """Slack's v0 request signature: HMAC-SHA256 over `v0:{timestamp}:{raw body}` with the signing secret."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def slash_body(command: str, text: str, response_url: str, user: str = "U0REPORTER",
               channel: str = "C0PERUDESK") -> str:
    """A slash command exactly as Slack form-encodes it."""
    return urlencode({
        "token": "legacy-verification-token", "team_id": TEAM, "team_domain": "newsroom",
        "channel_id": channel, "channel_name": "peru-desk", "user_id": user, "user_name": "reporter",
        "command": command, "text": text, "api_app_id": "A0NEWSBOT", "is_enterprise_install": "false",
        "response_url": response_url, "trigger_id": f"{time.time():.6f}.trigger",
    })


def interaction_body(payload: dict[str, Any]) -> str:
    """Block actions and shortcuts: a form field `payload` holding the JSON."""
    return urlencode({"payload": json.dumps(payload)})


def button_click(action_id: str, value: str, response_url: str, user: str = "U0REPORTER",
                 channel: str = "C0PERUDESK", message_ts: str | None = None,
                 public: dict[str, Any] | None = None) -> dict[str, Any]:
    """The block_actions payload Slack sends when a button in an ephemeral message is clicked; with
    `public` (the message as posted: ts, thread_ts, blocks), a click on a message everyone sees."""
    message_ts = message_ts or (public or {}).get("ts") or f"{time.time():.6f}"
    if public is not None:
        click = button_click(action_id, value, response_url, user, channel, message_ts)
        click["container"]["is_ephemeral"] = False
        click["message"] = {"type": "message", "user": BOT_USER, **public}
        return click
    return {
        "type": "block_actions", "api_app_id": "A0NEWSBOT", "token": "legacy-verification-token",
        "user": {"id": user, "username": "reporter", "team_id": TEAM},
        "team": {"id": TEAM, "domain": "newsroom"},
        "container": {"type": "message", "message_ts": message_ts, "channel_id": channel,
                      "is_ephemeral": True},
        "channel": {"id": channel, "name": "peru-desk"}, "trigger_id": "1.2.3", "response_url": response_url,
        "actions": [{"action_id": action_id, "block_id": "answer_actions", "type": "button", "value": value,
                     "text": {"type": "plain_text", "text": action_id}, "action_ts": f"{time.time():.6f}"}],
    }


def overflow_click(value: str, response_url: str, user: str = "U0REPORTER", channel: str = "C0PERUDESK",
                   public: dict[str, Any] | None = None) -> dict[str, Any]:
    """The block_actions payload of an overflow menu option (⋯ → "Report a problem")."""
    click = button_click("item_menu", "", response_url, user, channel, public=public)
    action = click["actions"][0]
    del action["value"], action["text"]
    action.update(type="overflow", block_id="item", selected_option={
        "text": {"type": "plain_text", "text": "Report a problem"}, "value": value})
    return click


def event_body(event: dict[str, Any]) -> str:
    """An Events API callback (JSON) wrapping `event`."""
    return json.dumps({
        "token": "legacy-verification-token", "team_id": TEAM, "api_app_id": "A0NEWSBOT", "event": event,
        "type": "event_callback", "event_id": f"Ev{time.time_ns()}", "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
    })


def main() -> None:
    """Run the stand-in by hand and print every call it receives (for the closing-note transcript)."""
    with SlackStandin() as standin:
        print(f"Slack stand-in: SLACK_API_URL={standin.api_url} SLACK_BOT_TOKEN={standin.token}", flush=True)
        print(f"response_url: {standin.response_url('manual')}", flush=True)
        shown = 0
        try:
            while True:
                time.sleep(0.2)
                for call in standin.calls[shown:]:
                    print(json.dumps({"method": call.method, "status": call.status, "body": call.body},
                                     ensure_ascii=False, indent=1), flush=True)
                shown = len(standin.calls)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
