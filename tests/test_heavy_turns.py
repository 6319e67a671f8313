"""A digest being built and a feed poll's parse never run at the same time in one process (bot/turns.py).

`newsbot serve`'s jobs process and `newsbot worker` run the digest job and the feed job on two scheduler
threads; each alone takes the process well above its resting size, and together they added up. Here the
two jobs run as the scheduler runs them (bot.scheduler.run_job), against the Slack stand-in and a feed on
the loopback site: the digest is held at its post (inside its build's turn), and the poll that starts
meanwhile reads its feed and pages but waits for the turn before it parses; when the post is let go, the
digest goes out and the poll stores its articles, as they would have apart.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

from conftest import copy_archive
from digest_fixtures import clone_article
from feedsite import items, publish
from slack_standin import BOT_TOKEN, SlackStandin
from webserver import WebServer

from bot.feeds.manage import add_feed
from bot.scheduler import JOBS, _load_jobs, run_job
from bot.subscriptions import service
from bot.subscriptions.deliver import digest_client
from storage.db import open_db

CHANNEL = "C0TURNS"
WAIT_S = 120.0  # a safety net for a stuck thread, never the thing tested


def waiting_for_turn(thread: threading.Thread) -> bool:
    """Whether the thread is blocked waiting for bot.turns' heavy step (its stack is inside heavy_step)."""
    frame = sys._current_frames().get(thread.ident or -1)
    while frame is not None:
        if frame.f_code.co_name == "heavy_step":
            return True
        frame = frame.f_back
    return False


def stored(path: Path) -> int:
    return open_db(path).execute("SELECT count(*) FROM feed_entries WHERE article_id IS NOT NULL").fetchone()[0]


def test_a_feed_poll_parses_only_after_the_digest_being_built(seed_db_path: Path, tmp_path: Path, web: WebServer,
                                                               allow_loopback: Any, monkeypatch: Any) -> None:
    path = copy_archive(seed_db_path, tmp_path / "newsbot.db")
    db = open_db(path)
    service.add(db, service.Request("peru", "", None, "instant"), channel=CHANNEL)
    clone_article(db, "Lima bus drivers strike over extortion")  # one new article waiting for the digest
    assert add_feed(db, publish(web, items(3)), "peru").ok
    monkeypatch.setenv("NEWSBOT_HOST_GAP_SECONDS", "0")
    _load_jobs()
    with SlackStandin() as standin:
        monkeypatch.setenv("SLACK_API_URL", standin.api_url)
        standin.hold_next("chat.postMessage")
        digest = threading.Thread(target=run_job, args=(JOBS["digests"], str(path), digest_client(BOT_TOKEN)))
        digest.start()
        try:
            assert standin.held.wait(WAIT_S), "the digest never reached its post"
            poll = threading.Thread(target=run_job, args=(JOBS["feeds"], str(path), None))
            poll.start()
            for _ in range(int(WAIT_S * 20)):  # until the poll is either waiting for its turn or done
                if waiting_for_turn(poll) or not poll.is_alive():
                    break
                threading.Event().wait(0.05)
            assert waiting_for_turn(poll), "the poll parsed while the digest was being built"
            assert stored(path) == 0
        finally:
            standin.release()
            digest.join(WAIT_S)
        poll.join(WAIT_S)
        assert not poll.is_alive() and not digest.is_alive()
        assert stored(path) == 3  # the poll went on once the digest was out
        assert [c.body["channel"] for c in standin.calls_of("chat.postMessage", ok_only=True)] == [CHANNEL]
