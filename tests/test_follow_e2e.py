"""The whole follow loop as a desk runs it: a subscription, a feed, then `newsbot worker --once` polls the
feed, stores what is new and posts the digest to Slack (the stand-in), once; the archive's backlog is never
posted. Every step goes through the CLI a desk admin uses, in subprocesses, against real loopback servers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_archive
from digest_fixtures import EMERGENCY, FESTIVAL, STRIKE, serve_feed
from slack_standin import BOT_TOKEN, SlackStandin

CHANNEL = "C0PERUDESK"
SEED_TITLE = "Can Peru’s New President José Jerí Win His ‘War on Crime’?"


def newsbot(db: Path, *args: str, slack: SlackStandin | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSBOT_ALLOW_PRIVATE_URLS": "1", "NEWSBOT_HOST_GAP_SECONDS": "0"}
    env.pop("SLACK_BOT_TOKEN", None)
    if slack is not None:
        env.update(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_API_URL=slack.api_url)
    return subprocess.run([sys.executable, "-m", "bot.cli", "--db", str(db), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def standin():
    with SlackStandin() as server:
        yield server


def test_worker_polls_a_feed_and_posts_one_digest_once(seed_db_path, tmp_path, web, standin) -> None:
    db = copy_archive(seed_db_path, tmp_path / "desk.db")
    made = newsbot(db, "subscriptions", "add", "--channel", CHANNEL, "--desk", "peru", "--schedule", "instant")
    assert made.returncode == 0, made.stderr
    added = newsbot(db, "feeds", "add", serve_feed(web), "--desk", "peru")
    assert added.returncode == 0, added.stderr

    first = newsbot(db, "worker", "--once", slack=standin)
    assert first.returncode == 0, first.stderr
    assert "4 new" in first.stdout and f"→ {CHANNEL}: posted" in first.stdout
    posts = [c.body for c in standin.calls_of("chat.postMessage", ok_only=True) if c.body.get("channel") == CHANNEL]
    digest = " ".join(str(p) for p in posts)
    assert STRIKE in digest and EMERGENCY in digest and FESTIVAL in digest  # the whole desk, as subscribed
    assert SEED_TITLE not in digest  # stored before the subscription: never posted as new

    second = newsbot(db, "worker", "--once", slack=standin)
    assert second.returncode == 0, second.stderr
    again = [c for c in standin.calls_of("chat.postMessage", ok_only=True) if c.body.get("channel") == CHANNEL]
    assert len(again) == len(posts)  # nothing new: no post, and nothing posted twice
