"""Hostile feeds and pages: entity bombs and external entities refused, endless and dribbling bodies cut
off, and a feed of 100,000 entries read in bounded memory (its newest entries, a fixed number per poll)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from feedsite import RSS, billion_laughs, external_entity, many_entries
from webserver import Page, WebServer

from bot.feeds.manage import add_feed
from bot.feeds.parse import NotAFeed, parse_feed
from bot.ingest.feedguard import MAX_ENTRIES, safe_feed_bytes
from bot.ingest.fetch import FetchError, fetch
from bot.ingest.model import Problem
from bot.ingest.web import read_url

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("feed", [billion_laughs(), external_entity(), external_entity("http://169.254.169.254/")])
def test_entity_declarations_are_refused_unread(feed: str, web: WebServer, allow_loopback, empty_db,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBOT_HOST_GAP_SECONDS", "0")
    web.pages["/feed.xml"] = Page(feed, RSS)
    added = add_feed(empty_db, web.url("/feed.xml"), "peru")
    assert not added.ok and "entities" in added.error
    found = list(read_url(web.url("/feed.xml")))  # `newsbot ingest URL` of the same feed
    assert [type(f) for f in found] == [Problem] and "entities" in found[0].reason
    assert empty_db.execute("select count(*) from feeds").fetchone()[0] == 0


def test_a_utf16_feed_cannot_hide_its_entities() -> None:
    with pytest.raises(NotAFeed, match="entities"):
        parse_feed(billion_laughs().replace("version='1.0'?", "version='1.0' encoding='utf-16'?").encode("utf-16"))


def test_a_plain_public_doctype_is_still_read() -> None:
    feed = ("<?xml version='1.0'?><!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" "
            "\"http://my.netscape.com/publish/formats/rss-0.91.dtd\"><rss version='0.91'><channel><title>Old</title>"
            "<item><title>One</title><link>http://example.com/1</link></item></channel></rss>")
    assert [e.data["title"] for e in parse_feed(feed.encode()).entries] == ["One"]


def test_an_endless_body_is_cut_off_while_it_streams(web: WebServer, allow_loopback) -> None:
    web.pages["/endless.html"] = Page(b"<p>" + b"x" * 65536, repeat=10**6)  # 64 GB, no Content-Length
    with pytest.raises(FetchError, match="larger than"):
        fetch(web.url("/endless.html"), max_bytes=1024 * 1024)


def test_a_server_sending_a_byte_at_a_time_is_timed_out_on_the_total(web: WebServer, allow_loopback,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Each byte comes well inside the 10 s read timeout; the whole answer never would."""
    monkeypatch.setenv("NEWSBOT_FETCH_TIMEOUT", "10")
    monkeypatch.setenv("NEWSBOT_FETCH_DEADLINE", "1")
    web.pages["/slow.xml"] = Page("<rss>" + "x" * 100 + "</rss>", RSS, drip=0.1)
    with pytest.raises(FetchError, match="too long"):
        fetch(web.url("/slow.xml"))


def test_a_huge_feed_keeps_its_newest_entries() -> None:
    body = many_entries(1000)
    kept = parse_feed(body).entries
    assert len(kept) == MAX_ENTRIES
    assert all(e.data["published"] == "2025-10-28" for e in kept[:30])  # the newest day first
    assert min(e.data["published"] for e in kept) >= "2025-10-21"  # 200 of 1000 over 28 days: the last 8
    three = parse_feed(safe_feed_bytes(many_entries(100, atom_feed=True), limit=3)).entries
    assert [e.key for e in three] == ["urn:n:27", "urn:n:55", "urn:n:83"]


def test_a_feed_of_100000_entries_is_read_in_bounded_memory() -> None:
    """In a fresh process (peak memory is per process): reading 100,000 entries (13 MB) adds under 60 MB to
    the peak (feedparser alone would hold them all: 200 MB and 40 s)."""
    script = ("import resource, sys; sys.path.insert(0, 'tests'); from feedsite import many_entries;"
              "from bot.feeds.parse import parse_feed; body = many_entries(100_000);"
              "peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024; before = peak();"
              "feed = parse_feed(body); print(len(feed.entries), before, peak())")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    entries, before, after = map(int, out.stdout.split())
    assert entries == MAX_ENTRIES
    assert after - before < 60, (before, after)
