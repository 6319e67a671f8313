"""Reading articles from the web: an article page, or a feed whose entries are articles."""

from __future__ import annotations

from collections.abc import Iterator

import feedparser

from bot.ingest.feedguard import HostileFeed, safe_feed_bytes
from bot.ingest.fetch import FetchError, fetch
from bot.ingest.files import article_from_html, feed_html, feed_text, html_to_text
from bot.ingest.model import Problem, RawArticle
from bot.ingest.records import from_record

FEED_TYPES = ("rss", "atom", "xml")
MIN_ENTRY_WORDS = 80  # below this, an entry's own text is a teaser and the linked page is read instead


def is_feed(content_type: str, body: bytes) -> bool:
    head = body[:500].lstrip().lower()
    return any(t in content_type.lower() for t in FEED_TYPES) or head.startswith(b"<?xml") and (
        b"<rss" in body[:2000].lower() or b"<feed" in body[:2000].lower()
    )


def read_url(url: str) -> Iterator[RawArticle | Problem]:
    """The article at a URL, or every entry of the feed at it."""
    try:
        page = fetch(url)
    except FetchError as exc:
        yield Problem(url, str(exc))
        return
    if is_feed(page.content_type, page.body):
        yield from read_feed(page.body, page.url)
        return
    try:
        yield article_from_html(page.text, page.url, page.url)
    except ValueError as exc:
        yield Problem(url, str(exc))


def read_feed(body: bytes, feed_url: str) -> Iterator[RawArticle | Problem]:
    """Each entry: the linked page's article when the entry carries only a teaser (its newest MAX_ENTRIES;
    a feed declaring XML entities is refused unread)."""
    try:
        body = safe_feed_bytes(body)
    except HostileFeed as exc:
        yield Problem(feed_url, str(exc))
        return
    parsed = feedparser.parse(body)
    if parsed.bozo:
        yield Problem(feed_url, f"not a readable feed ({type(parsed.bozo_exception).__name__})")
    source = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        if entry.get("link") or entry.get("summary") or entry.get("content"):
            yield _entry_article(entry, f"{feed_url} entry {number}", source)


def _entry_article(entry, origin: str, source: str | None) -> RawArticle | Problem:
    link = entry.get("link")
    content = feed_html(entry)
    record = {
        "title": feed_text(entry, "title"),
        "url": link,
        "published": entry.get("published") or entry.get("updated"),
        "author": feed_text(entry, "author"),
        "source": source,
        "tags": [t.get("term") for t in entry.get("tags", []) if t.get("term")],
    }
    if link and len(content.split()) < MIN_ENTRY_WORDS:
        try:
            page = fetch(link)
            return article_from_html(page.text, origin, link, overrides=record)
        except (FetchError, ValueError) as exc:
            if not content.strip():
                return Problem(origin, str(exc))
    try:
        return from_record({**record, "text": html_to_text(content)}, origin)
    except ValueError as exc:
        return Problem(origin, str(exc))
