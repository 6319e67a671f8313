"""A feed's bytes → its title, its ttl, and its entries, each with a stable key and a hash of its text.

RSS 0.9x/1.0/2.0 and Atom through feedparser (which only ever sees bytes we fetched: it has no timeout).
An entry is identified by its GUID (RSS guid, Atom id), else its canonical URL, else its title and text.
Its content hash covers title, link and text but no dates, so a feed that only bumps `updated` gives
nothing new. The bytes pass bot.ingest.feedguard first: entity declarations are refused, and a feed of
more than MAX_ENTRIES entries is read as its newest MAX_ENTRIES.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from xml.sax import SAXException

import feedparser
import lxml.etree
import lxml.html

from bot.ingest.canonical import text_hash, url_key
from bot.ingest.feedguard import HostileFeed, safe_feed_bytes
from bot.ingest.files import feed_html, feed_text

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")


class NotAFeed(ValueError):
    """Bytes that are not a feed; the message says what they are instead, for the person adding it."""


@dataclass
class Entry:
    key: str
    content_hash: str
    data: dict[str, Any]  # title, url, published, author, tags, summary, guid: enough to rebuild the article


@dataclass
class ParsedFeed:
    title: str | None
    ttl_seconds: int
    entries: list[Entry] = field(default_factory=list)
    without_text: int = 0  # entries with neither a link nor any text: nothing to read, left out


def parse_feed(body: bytes, content_type: str = "", url: str = "") -> ParsedFeed:
    """Parse a feed; NotAFeed (with the reason) when the bytes are an HTML page, unreadable or hostile XML."""
    try:
        body = safe_feed_bytes(body)
    except HostileFeed as exc:
        raise NotAFeed(str(exc)) from exc
    parsed = feedparser.parse(body, response_headers={"content-type": content_type} if content_type else None)
    broken = isinstance(parsed.get("bozo_exception"), SAXException) and not parsed.entries
    if not parsed.get("version") or broken:  # a broken feed with readable entries is still read (loosely)
        raise NotAFeed(_what_instead(parsed, body, content_type, url))
    feed = parsed.feed
    read = [_entry(raw, feed.get("title")) for raw in parsed.entries]
    return ParsedFeed(
        title=" ".join((feed.get("title") or "").split()) or None,
        ttl_seconds=_ttl(feed.get("ttl")),
        entries=[e for e in read if e],
        without_text=sum(e is None for e in read),
    )


def _what_instead(parsed: Any, body: bytes, content_type: str, url: str) -> str:
    head = body[:1024].lstrip().lower()
    if "html" in content_type.lower() or head.startswith((b"<!doctype html", b"<html")):
        found = discover(body, url)
        hint = f"; it links to a feed: {found[0]}" if found else ""
        return f"that is a web page (HTML), not an RSS or Atom feed{hint}"
    if parsed.get("bozo"):
        reason = str(parsed.get("bozo_exception") or "").split("\n")[0][:120]
        return f"not a readable feed (the XML does not parse: {reason})" if reason else "not a readable feed"
    return "not an RSS or Atom feed"


def discover(body: bytes, url: str) -> list[str]:
    """The feeds an HTML page announces (<link rel="alternate" type="application/rss+xml" href=...>)."""
    try:
        page = lxml.html.fromstring(body, base_url=url or None)
    except (ValueError, lxml.etree.ParserError):
        return []
    if url:
        page.make_links_absolute(url)
    return [link.get("href") for link in page.xpath("//link[@rel='alternate'][@href]")
            if (link.get("type") or "").lower() in FEED_TYPES]


def _ttl(value: Any) -> int:
    """RSS <ttl> is minutes; a missing or odd one is no limit."""
    try:
        return max(0, int(float(str(value).strip())) * 60)
    except (TypeError, ValueError):
        return 0


def _date(entry: Any, name: str) -> str | None:
    parsed = entry.get(f"{name}_parsed")
    if parsed:
        return datetime(*parsed[:6]).date().isoformat()
    return None


def _entry(entry: Any, source: str | None) -> Entry | None:
    link = entry.get("link") or None
    content = feed_html(entry)  # HTML, decoded once by html_to_text when the entry is stored
    title = feed_text(entry, "title")
    if not (link or content.strip()):
        return None
    guid = (entry.get("id") or "").strip() or None
    data = {
        "title": title or None,
        "url": link,
        "published": _date(entry, "published") or _date(entry, "updated") or _date(entry, "created"),
        "author": feed_text(entry, "author") or None,
        "source": source,
        "tags": [t.get("term") for t in entry.get("tags", []) if t.get("term")],
        "summary": content,
        "guid": guid,
    }
    key = guid or url_key(link) or "text:" + text_hash(title, content)
    digest = hashlib.sha256("\n".join([title, url_key(link) or "", content]).encode()).hexdigest()
    return Entry(key=key, content_hash=digest, data=data)
