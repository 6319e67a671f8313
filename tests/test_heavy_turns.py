"""A digest being built and a feed poll's parse never run at the same time in one process (bot/turns.py),
and only the build takes that turn: a digest's posts to Slack keep no parse waiting.

`newsbot serve`'s jobs process and `newsbot worker` run the digest job and the feed job on two scheduler
threads; each alone takes the process well above its resting size, and together they added up. Here the
two jobs run as the scheduler runs them (bot.scheduler.run_job), against the Slack stand-in and a feed on
the loopback site. A digest held at its post (Slack slow to answer, or a retry's back-off) lets the poll
that starts meanwhile parse and store its articles; a digest whose turn is taken (by the test, as a parse
takes it) waits for it before it builds, and posts once the turn is free.
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
from bot.nlp import get_nlp
from bot.scheduler import JOBS, _load_jobs, run_job
from bot.subscriptions import service
from bot.subscriptions.deliver import digest_client
from bot.turns import heavy_step
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


def archive_with_a_digest_and_a_feed(seed_db_path: Path, tmp_path: Path, web: WebServer, monkeypatch: Any) -> Path:
    """The seed archive with an instant subscription, one new article waiting for its digest, and a feed of
    three articles on the loopback site; the scheduler's jobs loaded."""
    path = copy_archive(seed_db_path, tmp_path / "newsbot.db")
    db = open_db(path)
    service.add(db, service.Request("peru", "", None, "instant"), channel=CHANNEL)
    clone_article(db, "Lima bus drivers strike over extortion")
    assert add_feed(db, publish(web, items(3)), "peru").ok
    monkeypatch.setenv("NEWSBOT_HOST_GAP_SECONDS", "0")
    _load_jobs()
    return path


def test_a_digest_held_at_its_post_keeps_no_parse_waiting(seed_db_path: Path, tmp_path: Path, web: WebServer,
                                                           allow_loopback: Any, monkeypatch: Any) -> None:
    path = archive_with_a_digest_and_a_feed(seed_db_path, tmp_path, web, monkeypatch)
    with SlackStandin() as standin:
        monkeypatch.setenv("SLACK_API_URL", standin.api_url)
        get_nlp("en")
        client = digest_client(BOT_TOKEN)
        client.timeout = int(2 * WAIT_S)  # the held post stays unanswered until the test releases it, however
        # long the poll takes on a busy machine (the product's 10 s would end the hold on its own)
        standin.hold_next("chat.postMessage")
        digest = threading.Thread(target=run_job, args=(JOBS["digests"], str(path), client))
        digest.start()
        try:
            assert standin.held.wait(WAIT_S), "the digest never reached its post"
            poll = threading.Thread(target=run_job, args=(JOBS["feeds"], str(path), None))
            poll.start()
            poll.join(WAIT_S)
            assert not poll.is_alive(), "the poll waited for a digest's post"
            assert stored(path) == 3
            assert digest.is_alive(), "the digest's post was answered before the test released it"
        finally:
            standin.release()
            digest.join(WAIT_S)
        assert not digest.is_alive()
        assert [c.body["channel"] for c in standin.calls_of("chat.postMessage", ok_only=True)] == [CHANNEL]


def test_a_digest_is_built_only_when_no_parse_runs(seed_db_path: Path, tmp_path: Path, web: WebServer,
                                                   allow_loopback: Any, monkeypatch: Any) -> None:
    path = archive_with_a_digest_and_a_feed(seed_db_path, tmp_path, web, monkeypatch)
    with SlackStandin() as standin:
        monkeypatch.setenv("SLACK_API_URL", standin.api_url)
        digest = threading.Thread(target=run_job, args=(JOBS["digests"], str(path), digest_client(BOT_TOKEN)))
        with heavy_step():  # a parse's turn
            digest.start()
            for _ in range(int(WAIT_S * 20)):  # until the digest is either waiting for its turn or done
                if waiting_for_turn(digest) or not digest.is_alive():
                    break
                threading.Event().wait(0.05)
            assert waiting_for_turn(digest), "the digest was built while a parse ran"
            assert not standin.calls_of("chat.postMessage")
        digest.join(WAIT_S)
        assert not digest.is_alive()
        assert [c.body["channel"] for c in standin.calls_of("chat.postMessage", ok_only=True)] == [CHANNEL]
