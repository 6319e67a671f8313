"""Tokens and signing secrets never reach logs, errors or crash output, even at DEBUG.

`newsbot serve` and `newsbot worker` run as subprocesses with real-looking credentials against a Slack
stand-in that fails them every way it can (HTTP 500s, invalid_auth, a refused response_url), and a
handler is made to crash; everything they print is searched for the secrets.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
from conftest import copy_archive
from feedsite import items, publish
from slack_standin import SlackStandin, event_body, interaction_body, sign, slash_body
from webserver import Page, WebServer

from bot.feeds.manage import add_feed
from storage.db import open_db

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "xoxb-2719493712-7264917342011-Zq8Lw3RkT5yVbN0cX1mJ4pHd"
SECRET = "8f14e45fceea167a5a36dedd4bea2543"
APP_TOKEN = "xapp-1-A07QJ3L4E2K-7264917342011-c0ffee0ddba11deadbeef0123456789abcdef0123456789abcdef01234567"


def env_for(db: Path, standin: SlackStandin, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "NEWSBOT_"))}
    env.update(PYTHONPATH=str(ROOT), NEWSBOT_DB=str(db), NEWSBOT_LOG="DEBUG", NEWSBOT_HOST="127.0.0.1",
               SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=standin.api_url, **extra)
    return env


def leaks(text: str) -> list[str]:
    return [name for name, value in (("bot token", TOKEN), ("signing secret", SECRET), ("app token", APP_TOKEN),
                                     ("token tail", TOKEN[-16:]), ("secret tail", SECRET[-12:]))
            if value in text]


def post(base: str, body: str, content_type: str = "application/x-www-form-urlencoded", secret: str = SECRET) -> int:
    headers = {"Content-Type": content_type, **sign(secret, body)}
    return httpx.post(f"{base}/slack/events", content=body, headers=headers, timeout=10).status_code


def test_serve_keeps_secrets_out_of_every_log_line(seed_db_path: Path, tmp_path: Path) -> None:
    db = copy_archive(seed_db_path, tmp_path / "newsbot.db")
    with sqlite3.connect(db) as conn:  # a damaged row: the facts handler crashes on it (logged with its traceback)
        conn.execute("UPDATE facts SET data = '{damaged' WHERE kind = 'statistic'")
    with SlackStandin(token=TOKEN) as standin:
        proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--port", "0"], cwd=ROOT,
                                env=env_for(db, standin), text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            line = proc.stdout.readline()
            assert "listening on" in line, line + (proc.stderr.read() if proc.poll() is not None else "")
            base = line.split("listening on ")[1].split()[0]
            standin.fail_next("response_url", times=20, status=500)
            standin.fail_next("chat.postMessage", times=5, error="invalid_auth")
            standin.fail_next("views.publish", times=5, status=500)
            assert post(base, slash_body("/peru", "crime summary", standin.response_url("a"))) == 200
            assert post(base, event_body({"type": "app_mention", "user": "U0R", "text": "<@U0NEWSBOT> timeline",
                                          "ts": "1700000000.000100", "channel": "C0PERUDESK"}),
                        "application/json") == 200
            assert post(base, event_body({"type": "app_home_opened", "user": "U0R", "tab": "home"}),
                        "application/json") == 200
            # a Share that fails twice over: Slack refuses the post (invalid_auth) and the response_url (500)
            share = {"type": "block_actions", "user": {"id": "U0R"}, "response_url": standin.response_url("b"),
                     "channel": {"id": "C0PERUDESK"}, "container": {"channel_id": "C0PERUDESK"},
                     "actions": [{"action_id": "share_answer", "value": '{"d": "peru", "q": "timeline"}'}]}
            assert post(base, interaction_body(share)) == 200
            assert post(base, slash_body("/peru", "help", standin.response_url("c")).replace("help", "%ZZ")) < 500
            assert post(base, slash_body("/peru", "extortion facts", standin.response_url("d"))) == 200
            assert post(base, "token=" + TOKEN, secret="forged") == 401  # refused, its body never logged
            standin.wait_for("views.publish", 0)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and len(standin.calls_of("response_url")) < 6:
                time.sleep(0.2)
        finally:
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=30)
    assert "fatal_error" in err and "invalid_auth" in err, err[-2000:]  # the failures were logged
    assert "Traceback" in err and "JSONDecodeError" in err, err[-2000:]  # and the crash, with its detail
    assert leaks(out + err) == [], (out + err)[-3000:]


def test_the_worker_keeps_secrets_out_of_its_output(tmp_path: Path, web: WebServer, allow_loopback) -> None:
    """A feed fails, its desk must be told, and Slack refuses the token: all of it logged, none of it secret."""
    db_path = tmp_path / "worker.db"
    db = open_db(db_path)
    feed_id = add_feed(db, publish(web, items(1)), "peru").feed_id
    web.pages["/feed.xml"] = Page("broken", "text/plain", 500)
    db.execute("UPDATE feeds SET failing_since = '2000-01-01T00:00:00+00:00' WHERE id = ?", [feed_id])
    db.conn.commit()
    with SlackStandin(token="xoxb-some-other-valid-token") as standin:  # ours is refused: invalid_auth
        standin.fail_next("chat.postMessage", times=5, status=500)
        env = env_for(db_path, standin, NEWSBOT_ALLOW_PRIVATE_URLS="1", NEWSBOT_FEED_ALERT_HOURS="1",
                      NEWSBOT_ALERT_CHANNEL="C0PERUDESK", SLACK_APP_TOKEN=APP_TOKEN)
        done = subprocess.run([sys.executable, "-m", "bot.cli", "worker", "--once"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
        assert standin.calls, "the worker never tried Slack"
    output = done.stdout + done.stderr
    assert "failed" in output and "HTTP 500" in output, output[-2000:]
    assert leaks(output) == [], output[-3000:]
