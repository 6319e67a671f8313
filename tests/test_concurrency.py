"""`newsbot serve`, `newsbot worker` and a bulk `newsbot ingest` on one archive at the same time.

Reporters keep asking (slash commands and @mentions, which also write) while the ingest writes forty
articles and the worker polls a feed; every question is answered, and no "database is locked" reaches a
user or any of the three processes' logs.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from conftest import copy_archive
from feedsite import items, publish
from slack_standin import SlackStandin, event_body, sign, slash_body
from test_crash_safety import articles
from webserver import WebServer

from bot.feeds.manage import add_feed
from storage.db import open_db

ROOT = Path(__file__).resolve().parents[1]
SECRET = "concurrency-signing-secret-0042"
QUESTIONS = ["crime summary", "latest", "extortion facts", "timeline", "quotes prisons", "who Jerí", "feeds"]


def post(base: str, body: str, content_type: str = "application/x-www-form-urlencoded") -> int:
    headers = {"Content-Type": content_type, **sign(SECRET, body)}
    return httpx.post(f"{base}/slack/events", content=body, headers=headers, timeout=10).status_code


def test_serve_worker_and_ingest_share_one_archive(seed_db_path: Path, tmp_path: Path, web: WebServer,
                                                   allow_loopback) -> None:
    db = copy_archive(seed_db_path, tmp_path / "newsbot.db")
    assert add_feed(open_db(db), publish(web, items(4)), "peru").ok
    source = tmp_path / "bulk.jsonl"
    source.write_text("\n".join(json.dumps(a) for a in articles(40, seed=3)) + "\n", encoding="utf-8")
    with SlackStandin() as standin:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
        env.update(PYTHONPATH=str(ROOT), NEWSBOT_DB=str(db), NEWSBOT_HOST="127.0.0.1", NEWSBOT_LOG="INFO",
                   NEWSBOT_HOST_GAP_SECONDS="0", SLACK_BOT_TOKEN=standin.token, SLACK_SIGNING_SECRET=SECRET,
                   SLACK_API_URL=standin.api_url)

        def start(*args: str) -> subprocess.Popen:
            return subprocess.Popen([sys.executable, "-m", "bot.cli", *args], cwd=ROOT, env=env, text=True,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE)

        serve, worker = start("serve", "--port", "0"), start("worker")
        logs: dict[str, str] = {}
        try:
            line = serve.stdout.readline()
            assert "listening on" in line, line + (serve.stderr.read() if serve.poll() is not None else "")
            base = line.split("listening on ")[1].split()[0]
            ingest = start("ingest", str(source))
            asked = 0
            while ingest.poll() is None or asked < len(QUESTIONS):
                text = QUESTIONS[asked % len(QUESTIONS)]
                assert post(base, slash_body("/peru", text, standin.response_url(f"q{asked}"))) == 200
                mention = event_body({"type": "app_mention", "user": "U0R", "text": f"<@U0NEWSBOT> {text}",
                                      "ts": f"1700000000.{asked:06d}", "channel": "C0PERUDESK"})
                assert post(base, mention, "application/json") == 200
                asked += 1
                time.sleep(0.2)
            logs["ingest"] = ingest.communicate(timeout=120)[1]
            assert ingest.returncode == 0, logs["ingest"][-2000:]
            answers = [standin.wait_for("response_url", path=standin.response_path(f"q{n}"), timeout=60)[0].body
                       for n in range(asked)]
            threads = standin.wait_for("chat.postMessage", asked, timeout=60)
            deadline = time.monotonic() + 60  # the worker polls the feed at start
            while time.monotonic() < deadline and not open_db(db).execute(
                    "SELECT count(*) FROM feed_entries WHERE article_id IS NOT NULL").fetchone()[0] >= 4:
                time.sleep(0.5)
        finally:
            for name, proc in (("serve", serve), ("worker", worker)):
                proc.send_signal(signal.SIGTERM)
                logs[name] = proc.communicate(timeout=60)[1]
    said = json.dumps(answers + [t.body for t in threads], ensure_ascii=False)
    assert "locked" not in said and "went wrong" not in said
    for name, err in logs.items():
        assert "locked" not in err.lower(), f"{name}: {err[-2000:]}"
    check = open_db(db)
    assert check.execute("SELECT count(*) FROM feed_entries WHERE article_id IS NOT NULL").fetchone()[0] == 4
    assert check.execute("SELECT count(*) FROM articles WHERE url LIKE 'https://news.example/%'").fetchone()[0] > 30


def test_bulk_ingest_gives_way_to_the_bot(monkeypatch) -> None:
    """`newsbot ingest` lowers its own priority (a batch job beside `newsbot serve`), unless told not to."""
    from bot import cli

    steps: list[int] = []
    monkeypatch.setattr(cli.os, "nice", steps.append)
    monkeypatch.delenv("NEWSBOT_INGEST_NICE", raising=False)
    cli.lower_priority()
    monkeypatch.setenv("NEWSBOT_INGEST_NICE", "0")
    cli.lower_priority()
    monkeypatch.setenv("NEWSBOT_INGEST_NICE", "lots")
    cli.lower_priority()
    assert steps == [10, 10]
