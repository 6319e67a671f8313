"""What `newsbot serve` does with requests Slack never sends, over raw sockets and signed HTTP to the running
app: a body length that is missing, negative, not a number or too large is refused before a byte of the body
is read; a signed body of the wrong shape gets a clean 400 and one log line, never a traceback or no answer.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from slack_harness import SECRET, Harness, running_app, settle
from slack_standin import BOT_TOKEN, SlackStandin, interaction_body, sign, slash_body

from bot.app import create_app
from bot.serve import build_http_server
from storage.db import open_db

FORM = "application/x-www-form-urlencoded"
TEAM = {"id": "T0NEWSROOM", "domain": "newsroom"}
USER = {"id": "U0REPORTER", "username": "reporter", "team_id": "T0NEWSROOM"}


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Harness]:
    """The app on an empty archive."""
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
