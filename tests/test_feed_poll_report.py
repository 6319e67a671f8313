"""A poll says what it made of every entry, in `newsbot feeds poll`, the worker's log and `feeds list`:
entries whose pages are the same story under other links are copies (recorded as such, never `failed`),
entries with no text are counted, and entries whose page failed are said to be retried."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from feedsite import RSS, TOPICS, article_html, items, publish
from webserver import Page, WebServer

WIRE_TITLE, WIRE_LEAD = TOPICS[0]
NO_TEXT = ("<item><title>Only a headline</title><guid isPermaLink='false'>urn:test:bare</guid></item>"
           "<item><title>An empty page</title><link>{site}/empty.html</link><guid>urn:test:empty</guid></item>"
           "<item><title>A page that fails</title><link>{site}/gone.html</link><guid>urn:test:gone</guid></item>")


def newsbot(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSBOT_ALLOW_PRIVATE_URLS": "1", "NEWSBOT_HOST_GAP_SECONDS": "0"}
    env.pop("SLACK_BOT_TOKEN", None)
    return subprocess.run([sys.executable, "-m", "bot.cli", "--db", str(db), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_a_poll_accounts_for_copies_and_entries_without_text(web: WebServer, tmp_path: Path) -> None:
    """Eight entries: six links to one wire story (one article, five copies), a headline with no link or
    text, a link to a page with no text, and a link that answers 404 (its entry has no summary either)."""
    entries = items(6)
    for entry in entries:  # the same story under six addresses
        web.pages[f"/{entry.slug}.html"] = Page(article_html(WIRE_TITLE, WIRE_LEAD))
    url = publish(web, entries)
    web.pages["/empty.html"] = Page("<!DOCTYPE html><html><body><nav>Home</nav></body></html>")
    feed = web.pages["/feed.xml"]
    web.pages["/feed.xml"] = Page(feed.body.replace("</channel>", NO_TEXT.format(site=web.url("")) + "</channel>"), RSS)
    db = tmp_path / "desk.db"
    assert newsbot(db, "feeds", "add", url, "--desk", "peru").returncode == 0

    polled = newsbot(db, "feeds", "poll")
    assert polled.stdout.strip().endswith(
        ": 1 new, 5 copies of other articles, 2 without text, 1 not stored yet (page failed; retried)"), polled.stdout

    with sqlite3.connect(db) as conn:
        states = dict(conn.execute("SELECT state, count(*) FROM feed_entries GROUP BY state").fetchall())
        stored = "SELECT article_id FROM feed_entries WHERE state IN ('copy', 'complete')"
        ids = {row[0] for row in conn.execute(stored)}
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert states == {"complete": 1, "copy": 5, "failed": 2}  # the empty page and the 404, retried later
    assert len(ids) == 1 and articles == 1  # the copies are the one article

    listed = newsbot(db, "feeds", "list").stdout
    assert "8 entries seen (5 copies of other articles)" in listed
    assert "2 waiting for their page" in listed, listed
