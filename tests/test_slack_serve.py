"""`newsbot serve` as an operator meets it: a subprocess, its exit code, and the one line it prints.

Missing or wrong credentials must name the variable and where to get it, exit nonzero, and never
echo a secret; with good ones it listens, answers /healthz and stops cleanly on SIGTERM.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from slack_standin import APP_TOKEN, BOT_TOKEN, SlackStandin, SocketModeStandin

ROOT = Path(__file__).resolve().parents[1]
SECRET = "serve-test-signing-secret-4242"


@pytest.fixture(scope="module")
def standin() -> Iterator[SlackStandin]:
    with SlackStandin() as server:
        yield server


def serve_env(tmp_path: Path, **slack: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "NEWSBOT_EDITORS"))}
    env.update(PYTHONPATH=str(ROOT), NEWSBOT_HOST="127.0.0.1", NEWSBOT_DB=str(tmp_path / "serve.db"))
    env.update(slack)
    return env


def serve(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "bot.cli", "serve", "--port", "0", *args]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def refused(env: dict[str, str], *args: str) -> str:
    proc = serve(env, *args)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0] + out


def test_missing_bot_token_names_it_and_where_to_get_it(tmp_path: Path) -> None:
    line = refused(serve_env(tmp_path))
    assert "SLACK_BOT_TOKEN is not set" in line and "api.slack.com/apps" in line and "OAuth" in line


def test_missing_signing_secret(tmp_path: Path) -> None:
    line = refused(serve_env(tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN), "--http")
    assert "SLACK_SIGNING_SECRET is not set" in line and "Signing Secret" in line


def test_socket_mode_needs_an_app_level_token(tmp_path: Path) -> None:
    line = refused(serve_env(tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN="xoxb-not-an-app-token"))
    assert "SLACK_APP_TOKEN does not start with xapp-" in line and "xoxb-not-an-app-token" not in line


def test_rejected_token_says_so_without_echoing_secrets(tmp_path: Path, standin: SlackStandin) -> None:
    wrong = "xoxb-1111-2222-wrong-and-secret"
    env = serve_env(tmp_path, SLACK_BOT_TOKEN=wrong, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=standin.api_url)
    line = refused(env)
    assert "SLACK_BOT_TOKEN was rejected by Slack (invalid_auth)" in line
    assert wrong not in line and SECRET not in line


def test_serves_health_and_stops_cleanly(tmp_path: Path, standin: SlackStandin) -> None:
    env = serve_env(tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SECRET,
                    SLACK_API_URL=standin.api_url)
    proc = serve(env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert "listening on http://127.0.0.1:" in line, line + (proc.stderr.read() if proc.poll() else "")
        base = line.split("listening on ")[1].split()[0]
        notice = proc.stdout.readline()  # NEWSBOT_EDITORS unset: every member may correct facts, and it says so
        assert "NEWSBOT_EDITORS is unset" in notice and "every member" in notice, notice
        assert httpx.get(f"{base}/healthz", timeout=5).json() == {"ok": True}
        assert httpx.post(f"{base}/slack/events", content="x=1", timeout=5).status_code == 401
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert BOT_TOKEN not in out + err and SECRET not in out + err


def test_socket_mode_answers_a_slash_command(tmp_path: Path, standin: SlackStandin, seed_db_path: Path) -> None:
    """SLACK_APP_TOKEN set: apps.connections.open, a WebSocket, the envelope acked, the answer posted."""
    db = tmp_path / "socket.db"
    with sqlite3.connect(seed_db_path) as src, sqlite3.connect(db) as dst:
        src.backup(dst)  # a WAL archive's rows may still sit in -wal: copy through SQLite, not the file
    socket_end = SocketModeStandin().start()
    standin.socket_url = socket_end.url
    env = serve_env(tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=APP_TOKEN, SLACK_API_URL=standin.api_url,
                    NEWSBOT_DB=str(db))
    proc = serve(env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert "Socket Mode connected" in line, line + (proc.stderr.read() if proc.poll() is not None else "")
        assert socket_end.connected.wait(10)
        payload = {"command": "/peru", "text": "crime summary", "user_id": "U0REPORTER", "team_id": "T0NEWSROOM",
                   "channel_id": "C0PERUDESK", "response_url": standin.response_url("socket"), "api_app_id": "A0"}
        socket_end.send({"envelope_id": "env-1", "type": "slash_commands", "accepts_response_payload": True,
                         "payload": payload})
        assert socket_end.wait_received("env-1")["envelope_id"] == "env-1"
        answer = standin.wait_for("response_url", path=standin.response_path("socket"), timeout=30)[0].body
        assert "War on Crime" in json.dumps(answer, ensure_ascii=False)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
        socket_end.stop()
        standin.socket_url = None
    assert proc.returncode == 0, err
    assert APP_TOKEN not in out + err and BOT_TOKEN not in out + err
