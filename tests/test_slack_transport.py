"""What `newsbot serve` does with requests Slack never sends, over raw sockets and signed HTTP to the running
app: a body length that is missing, negative, not a number or too large is refused before a byte of the body
is read; a signed body of the wrong shape gets a clean 400 and one log line, never a traceback or no answer;
a replayed signed request runs nothing; a client that trickles or sends nothing is cut off, and idle
connections cannot take more than NEWSBOT_MAX_CONNECTIONS threads.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from slack_harness import SECRET, Harness, running_app, settle
from slack_standin import BOT_TOKEN, BOT_USER, SlackStandin, event_body, interaction_body, sign, slash_body

from bot.app import create_app
from bot.serve import build_http_server
from storage.db import open_db

FORM = "application/x-www-form-urlencoded"
TEAM = {"id": "T0NEWSROOM", "domain": "newsroom"}
USER = {"id": "U0REPORTER", "username": "reporter", "team_id": "T0NEWSROOM"}


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Harness]:
    """The app on an empty archive, with a 1 s request deadline and room for four connections."""
    monkeypatch.setenv("NEWSBOT_REQUEST_SECONDS", "1")
    monkeypatch.setenv("NEWSBOT_MAX_CONNECTIONS", "4")
    monkeypatch.delenv("NEWSBOT_EDITORS", raising=False)
    open_db(tmp_path / "newsbot.db")
    with running_app(tmp_path / "newsbot.db") as harness:
        yield harness


def connect(harness: Harness) -> socket.socket:
    host, port = harness.url.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=10)


def answer_to(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (or 10 s of silence: no answer)."""
    data = b""
    try:
        while chunk := sock.recv(65536):
            data += chunk
    except (TimeoutError, ConnectionResetError):
        pass
    return data


def status_of(answer: bytes) -> int | None:
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.") else None


@pytest.mark.parametrize(("length", "status"), [("-1", 400), ("abc", 400), (" 12x", 400), (None, 411),
                                                (str(2 << 20), 413), ("chunked", 411)])
def test_a_body_length_slack_never_sends_is_refused_unread(app: Harness, length: str | None, status: int) -> None:
    """Unsigned, with a body that never ends: the answer comes without the server waiting for it."""
    sock = connect(app)
    head = "POST /slack/events HTTP/1.1\r\nHost: newsbot\r\nContent-Type: application/json\r\n"
    if length == "chunked":
        head += "Transfer-Encoding: chunked\r\n"
    elif length is not None:
        head += f"Content-Length: {length}\r\n"
    sock.sendall(head.encode() + b"\r\n" + b"{" * 4096)  # and then nothing: the rest would be 300 MB
    answer = answer_to(sock)
    assert status_of(answer) == status, answer[:200]
    assert answer.endswith(b"}") and b"Connection: close" in answer  # one short JSON line, then closed


def forged(body: str, timestamp: str) -> dict[str, str]:
    digest = hmac.new(SECRET.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": f"v0={digest}"}


MALFORMED = {
    "payload not JSON": ("payload=not-json", FORM),
    "payload null": (urlencode({"payload": "null"}), FORM),
    "payload a list": (urlencode({"payload": "[1, 2]"}), FORM),
    "JSON null": ("null", "application/json"),
    "JSON list": ('[{"type": "event_callback"}]', "application/json"),
    "100,000 deep": ("[" * 100_000 + "]" * 100_000, "application/json"),
    "100 deep": ('{"type": "event_callback", "event": {"type": "app_mention", "x": ' + "[" * 100 + "]" * 100 + "}}",
                 "application/json"),
    "actions []": (interaction_body({"type": "block_actions", "actions": [], "user": USER, "team": TEAM}), FORM),
    "actions null": (interaction_body({"type": "block_actions", "actions": [None], "user": USER, "team": TEAM}), FORM),
    "event null": (json.dumps({"type": "event_callback", "event": None, "team_id": "T0NEWSROOM"}), "application/json"),
    "event without type": (json.dumps({"type": "event_callback", "event": {"user": "U1"}}), "application/json"),
    "view without type": (interaction_body({"type": "view_submission", "view": {"callback_id": "x", "id": "V1"},
                                            "user": USER, "team": TEAM}), FORM),
    "user a number": (interaction_body({"type": "block_actions", "user": 7, "team": TEAM,
                                        "actions": [{"action_id": "more", "type": "button"}]}), FORM),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_a_signed_body_of_the_wrong_shape_gets_a_clean_400(app: Harness, name: str, caplog: pytest.LogCaptureFixture,
                                                           capfd: pytest.CaptureFixture[str]) -> None:
    body, content_type = MALFORMED[name]
    with caplog.at_level(logging.INFO):
        resp = httpx.post(f"{app.url}/slack/events", content=body, timeout=10,
                          headers={"Content-Type": content_type, **sign(SECRET, body)})
    assert resp.status_code == 400
    assert len(resp.text) < 200 and "error" in resp.json()
    assert not any(r.exc_info for r in caplog.records), [r.getMessage() for r in caplog.records]
    assert "Traceback" not in capfd.readouterr().err
    assert sum(len(r.getMessage()) for r in caplog.records) < 300  # one short line


def test_a_signed_timestamp_that_is_no_number_gets_a_400(app: Harness, caplog: pytest.LogCaptureFixture) -> None:
    body = slash_body("/peru", "subscribe crime daily", app.standin.response_url("abc"))
    resp = httpx.post(f"{app.url}/slack/events", content=body, headers={"Content-Type": FORM, **forged(body, "abc")})
    assert resp.status_code == 400 and "timestamp" in resp.json()["error"]
    assert not any(r.exc_info for r in caplog.records)
    assert app.sql("SELECT count(*) FROM subscriptions") == [(0,)]


def test_an_unknown_view_submission_is_acknowledged_and_does_nothing(app: Harness) -> None:
    """Slack closes the modal on an empty 200; a 404 would show the member an error."""
    view = {"id": "V0MODAL", "type": "modal", "callback_id": "no_such_modal", "state": {"values": {}}}
    resp = app.post(interaction_body({"type": "view_submission", "view": view, "user": USER, "team": TEAM}))
    assert resp.status_code == 200 and resp.text == ""


def test_a_replayed_command_runs_once(app: Harness) -> None:
    """The same signed request sent again within Slack's five minutes: refused, one subscription."""
    body = slash_body("/peru", "subscribe crime daily", app.standin.response_url("replayed"))
    headers = {"Content-Type": FORM, **sign(SECRET, body)}
    first = httpx.post(f"{app.url}/slack/events", content=body, headers=headers)
    app.answer("replayed")
    again = httpx.post(f"{app.url}/slack/events", content=body, headers=headers)
    assert (first.status_code, again.status_code) == (200, 409)
    settle()
    assert app.sql("SELECT count(*) FROM subscriptions") == [(1,)]
    path = app.standin.response_path("replayed")
    assert len([c for c in app.standin.calls_of("response_url") if c.path == path]) == 1


def test_slack_retries_of_an_event_are_acknowledged_and_act_once(app: Harness) -> None:
    """Slack redelivers an event it thinks timed out: the same body, a new timestamp and X-Slack-Retry-Num."""
    event = {"type": "app_mention", "user": "U0REPORTER", "text": f"<@{BOT_USER}> help", "ts": "1700000000.000900",
             "channel": "C0PERUDESK", "event_ts": "1700000000.000900"}
    body = event_body(event)
    for retry, timestamp in ((None, int(time.time())), ("1", int(time.time()) + 1), ("2", int(time.time()) + 2)):
        headers = {"Content-Type": "application/json", **sign(SECRET, body, timestamp)}
        if retry:
            headers.update({"X-Slack-Retry-Num": retry, "X-Slack-Retry-Reason": "http_timeout"})
        assert httpx.post(f"{app.url}/slack/events", content=body, headers=headers).status_code == 200
    app.standin.wait_for("chat.postMessage")
    settle()
    assert app.posted("chat.postMessage") == 1


def test_a_body_that_stops_halfway_is_timed_out(app: Harness) -> None:
    sock = connect(app)
    sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: newsbot\r\nContent-Length: 100\r\n\r\n" + b"x" * 10)
    answer = answer_to(sock)  # the server's deadline is 1 s; the socket's 10 s
    assert status_of(answer) == 408, answer[:200]


def test_headers_sent_a_byte_at_a_time_are_cut_off_on_the_total(app: Harness) -> None:
    """Each byte comes well inside the deadline; the request as a whole never would."""
    sock = connect(app)
    request = b"POST /slack/events HTTP/1.1\r\nHost: newsbot\r\nX-Padding: " + b"x" * 40
    sent = 0
    try:
        for byte in request:
            sock.sendall(bytes([byte]))
            sent += 1
            time.sleep(0.1)
    except (BrokenPipeError, ConnectionResetError):
        pass
    assert sent < len(request) or closed_by_server(sock)  # closed before the request was ever complete


def closed_by_server(sock: socket.socket) -> bool:
    """Whether the server closes the connection (rather than leaving it open for 10 s of silence)."""
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def test_idle_connections_hold_no_more_than_the_limit(app: Harness) -> None:
    """Twenty connections that send nothing: four are served (and closed after the deadline), the rest get
    a 503 at once, and no more than four threads wait on them; then a signed request is answered."""
    before = threading.active_count()
    idle = [connect(app) for _ in range(4)]
    settle(0.3)  # the four are accepted and each has its thread
    extra = [connect(app) for _ in range(16)]
    refused = [status_of(answer_to(sock)) for sock in extra]
    assert refused == [503] * 16
    assert threading.active_count() - before <= 4
    assert all(closed_by_server(sock) for sock in idle)  # closed by the deadline, unanswered
    assert "help" in json.dumps(app.ask("help", "after-idle")).lower()


def test_in_socket_mode_http_takes_no_slack_requests(tmp_path: Path) -> None:
    """Socket Mode has no signing secret and Bolt checks no signature: the HTTP port (health only) must
    not hand an unsigned command to the app."""
    open_db(tmp_path / "newsbot.db")
    with SlackStandin() as standin:
        app = create_app(db_path=str(tmp_path / "newsbot.db"), token=BOT_TOKEN, signing_secret="", socket_mode=True,
                         base_url=standin.api_url, token_verification=False)
        server = build_http_server(app)
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        try:
            url = f"http://127.0.0.1:{server.server_address[1]}"
            body = slash_body("/peru", "subscribe crime daily", standin.response_url("socket-http"))
            resp = httpx.post(f"{url}/slack/events", content=body, headers={"Content-Type": FORM})
            assert resp.status_code == 404
            assert httpx.get(f"{url}/healthz").status_code == 200
            settle()
            assert standin.calls_of("response_url") == []
        finally:
            server.shutdown()
            server.server_close()
