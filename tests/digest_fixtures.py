"""Archives for the digest tests: the seeds, subscriptions made, then a feed that gains new articles.

The feed (tests/fixtures/digest/feed.xml) is served by the local web server and ingested for real: two
related Peru crime articles (a strike, then the emergency it led to), a Mexico article and an off-topic
Lima food festival. Stories are linked by the real ingest (bot/stories), which makes the strike and the
emergency one story; the links from them to the seed article (earlier coverage the desk already had) are
added by SQL, since the linker, precision first, keeps October's analysis apart from November's news.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from conftest import FIXTURES, copy_archive
from slack_standin import BOT_TOKEN, SlackStandin
from webserver import Page, WebServer

from bot.ingest.service import ingest
from bot.subscriptions import service
from bot.subscriptions.deliver import digest_client, run_digests
from storage.db import open_db

CRIME = "C0CRIMEDESK"  # peru: crime, daily 08:00 America/Lima
EVERYTHING = "C0PERUALL"  # peru: everything, instant
SEED_URL = "https://insightcrime.org/news/peru-jeri-war-on-crime/"
STRIKE = "Lima Bus Drivers Strike Again Over Extortion Killings"
EMERGENCY = "Peru Extends State of Emergency in Lima as Extortion Strike Spreads"
MEXICO = "Mexico Seizes Record Fentanyl Haul in Sinaloa"
FESTIVAL = "Lima Food Festival Draws Record Crowds"


def serve_feed(web: WebServer) -> str:
    folder = FIXTURES / "digest"
    for page in folder.glob("*.html"):
        web.pages[f"/{page.name}"] = Page(page.read_text(encoding="utf-8"))
    feed = (folder / "feed.xml").read_text(encoding="utf-8").replace("{base}", web.url(""))
    web.pages["/feed.xml"] = Page(feed, "application/rss+xml")
    return web.url("/feed.xml")


def build_archive(seed_db_path: Path, target: Path) -> Path:
    """Seeds → two subscriptions → the feed ingested → one story linking the seed, strike and emergency."""
    path = copy_archive(seed_db_path, target)
    db = open_db(path)
    with db.conn:
        db.execute("UPDATE articles SET url = ? WHERE id = 1", [SEED_URL])
    made = datetime.now(UTC)
    service.add(db, service.Request("peru", "crime", None, "daily 08:00", "America/Lima"), channel=CRIME, now=made)
    service.add(db, service.Request("peru", "", None, "instant"), channel=EVERYTHING, now=made)
    previous = os.environ.get("NEWSBOT_ALLOW_PRIVATE_URLS")
    os.environ["NEWSBOT_ALLOW_PRIVATE_URLS"] = "1"  # the loopback web server (the test-only override)
    try:
        with WebServer() as web:
            report = ingest(db, [serve_feed(web)], progress=False)
    finally:
        if previous is None:
            os.environ.pop("NEWSBOT_ALLOW_PRIVATE_URLS")
        else:
            os.environ["NEWSBOT_ALLOW_PRIVATE_URLS"] = previous
    assert report.ok and len(report.added) == 4, report.problems
    ids = article_ids(db)
    strike, emergency = ids[STRIKE], ids[EMERGENCY]
    story = db.execute("SELECT story_id FROM articles WHERE id = ?", [strike]).fetchone()[0]
    with db.conn:  # the linker keeps the seed's October analysis apart; this desk files them as one story
        db.execute("UPDATE articles SET story_id = ? WHERE id = 1", [story])
        db.conn.executemany("INSERT OR IGNORE INTO article_related (article_id, related_id, score, reasons)"
                            " VALUES (?, 1, ?, '{}')", [(strike, 0.41), (emergency, 0.38)])
    db.conn.close()
    return path


def article_ids(db: Any) -> dict[str, int]:
    return {title: i for i, title in db.execute("SELECT id, title FROM articles")}


def clone_article(db: Any, title: str, desk: str = "peru", source_id: int = 1) -> int:
    """A new article row copied from an existing one (new title, URL and hash), in `desk`: the cheap way to
    make "a new article was stored" without running the analysis again (its sentences and topics come too)."""
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    with db.conn:
        cursor = db.execute(
            "INSERT INTO articles (url, url_key, text_hash, title, source, published, tags, text, summary, ingested_at,"
            " updated_at) SELECT ?, ?, ?, ?, source, published, tags, text, '[]', ?, ? FROM articles WHERE id = ?",
            [f"https://example.org/{abs(hash(title))}", f"example.org/{abs(hash(title))}", f"hash-{title}", title,
             stamp, stamp, source_id])
        new_id = cursor.lastrowid
        db.execute("INSERT INTO article_desks (article_id, desk, published) VALUES (?, ?, '2026-03-01')",
                   [new_id, desk])
        db.execute("INSERT INTO sentences (article_id, idx, kind, text, start, end, topics)"
                   " SELECT ?, idx, kind, text, start, end, topics FROM sentences WHERE article_id = ?",
                   [new_id, source_id])
        db.execute("INSERT INTO sentence_topics (topic, sentence_id, article_id, published) SELECT j.value, s.id,"
                   " s.article_id, '2026-03-01' FROM sentences s, json_each(s.topics) j"
                   " WHERE s.article_id = ? AND s.kind = 'body'", [new_id])
    return int(new_id)


def ledger(path_or_db: Any, sub_id: int) -> list[int]:
    conn = sqlite3.connect(path_or_db) if isinstance(path_or_db, str | Path) else path_or_db.conn
    return [r[0] for r in conn.execute(
        "SELECT article_id FROM deliveries WHERE subscription_id = ? ORDER BY article_id", [sub_id])]


@contextmanager
def digest_standin() -> Iterator[SlackStandin]:
    """A Slack stand-in the digests post to: SLACK_API_URL points at it while the block runs, then is put back."""
    previous = os.environ.get("SLACK_API_URL")
    with SlackStandin() as standin:
        os.environ["SLACK_API_URL"] = standin.api_url
        try:
            yield standin
        finally:
            os.environ.pop("SLACK_API_URL", None)
            if previous is not None:
                os.environ["SLACK_API_URL"] = previous


def post_digests(db: Any) -> None:
    """Every due digest of the archive, posted now (to the stand-in `digest_standin` set)."""
    run_digests(db, digest_client(BOT_TOKEN), datetime.now(UTC))
