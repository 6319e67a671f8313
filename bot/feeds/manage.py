"""Adding, listing and removing a desk's feeds: what the CLI and `/peru feeds ...` both call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from bot.feeds.alerts import due_alert
from bot.feeds.parse import NotAFeed, parse_feed
from bot.feeds.politeness import GATE
from bot.feeds.poll import MAX_MIN_SECONDS, interval, iso, max_age
from bot.ingest.canonical import url_key
from bot.ingest.fetch import FetchError
from bot.when import desk_time
from storage import feeds as store


@dataclass
class AddFeedResult:
    ok: bool
    feed_id: int | None = None
    title: str | None = None
    entries: int = 0
    error: str | None = None
    existing: bool = False  # the feed was already followed (same canonical URL)
    desk: str | None = None


def clean_url(text: str) -> str:
    """A URL as typed or as Slack sends it (`<https://x>`, `<https://x|label>`)."""
    return text.strip().strip("<>").split("|")[0].strip()


def add_feed(
    db: sqlite_utils.Database, url: str, desk: str, every_seconds: int | None = None, now: datetime | None = None,
    language: str | None = None,
) -> AddFeedResult:
    """Fetch the URL once; follow it when it is a feed (first poll due at once), else say what it is.
    `language` is every entry's language (a Spanish outlet whose pages declare none); None: detected."""
    url = clean_url(url)
    key = url_key(url)
    if not url or not key:
        return AddFeedResult(False, error="give the feed's address: feeds add https://…")
    existing = store.feed_by_url_key(db, key)
    if existing:
        return AddFeedResult(True, existing["id"], existing["title"], existing["entries_seen"], existing=True,
                             desk=existing["desk"])
    try:
        fetched = GATE.fetch(url)
        parsed = parse_feed(fetched.body, fetched.content_type, fetched.url)
    except (FetchError, NotAFeed) as exc:
        return AddFeedResult(False, error=str(exc))
    url = fetched.moved_to or url
    if fetched.moved_to and (moved := store.feed_by_url_key(db, url_key(url) or url)):
        return AddFeedResult(True, moved["id"], moved["title"], moved["entries_seen"], existing=True,
                             desk=moved["desk"])
    now = now or datetime.now(UTC)
    feed_id = store.insert_feed(db, {
        "url": url, "url_key": url_key(url) or url, "title": parsed.title, "desk": desk,
        "every_seconds": every_seconds, "language": language,
        "min_seconds": min(max(parsed.ttl_seconds, max_age(fetched.headers) or 0), MAX_MIN_SECONDS),
        "added_at": iso(now), "next_poll_at": iso(now),
    })
    return AddFeedResult(True, feed_id, parsed.title, len(parsed.entries), desk=desk)


def remove_feed(db: sqlite_utils.Database, feed_id: int) -> bool:
    """Stop following a feed; the articles it brought stay in the archive."""
    return store.delete_feed(db, feed_id)


def status(feed: dict[str, Any], now: datetime) -> str:
    """'gone' (410), 'alerting' (the desk was told), 'failing', 'waiting' (never polled yet) or 'ok'."""
    if feed["status"] == "gone":
        return "gone"
    if feed.get("alerted_at") or due_alert(feed, now):
        return "alerting"
    if feed["failures"]:
        return "failing"
    return "ok" if feed.get("last_success_at") else "waiting"


def feed_view(feed: dict[str, Any], now: datetime | None = None) -> dict[str, Any]:
    """One feed as `feeds list --json` shows it."""
    now = now or datetime.now(UTC)
    state = status(feed, now)
    return {
        "id": feed["id"], "url": feed["url"], "title": feed["title"], "desk": feed["desk"],
        "language": feed.get("language"),
        "every_minutes": round(interval(feed) / 60, 1),
        "last_success": feed["last_success_at"], "last_error": feed["last_error"],
        "entries_seen": feed["entries_seen"], "entries_partial": feed["entries_pending"],
        "entries_copies": feed["entries_copies"],
        "next_poll": None if state == "gone" else feed["next_poll_at"],
        "status": state, "failing_since": feed["failing_since"] if feed["failures"] else None,
    }


def feeds_view(db: sqlite_utils.Database, desk: str | None = None, now: datetime | None = None) -> list[dict]:
    return [feed_view(f, now) for f in store.list_feeds(db, desk)]


def describe(view: dict[str, Any]) -> str:
    """One feed in two lines for a person: what it is, then how it is doing; times in the desk's zone
    ("7 Dec, 14:03 (Lima)"; the JSON keeps the ISO times)."""
    head = f"{view['id']}. {view['title'] or '(untitled)'} <{view['url']}> · desk {view['desk']}"
    copies = f" ({view['entries_copies']} copies of other articles)" if view.get("entries_copies") else ""
    parts = [f"every {_minutes(view['every_minutes'])}", f"{view['entries_seen']} entries seen{copies}"]
    if view["entries_partial"]:
        parts.append(f"{view['entries_partial']} waiting for their page")
    parts.append(f"last success {desk_time(view['last_success'], view['desk']) or 'never'}")
    if view["status"] == "gone":
        parts.append("STOPPED (the site says the feed is gone)")
    elif view["status"] == "alerting":
        parts.append(f"FAILING since {desk_time(view['failing_since'], view['desk'])}")
    elif view["status"] == "failing":
        parts.append("failing")
    if view["last_error"] and view["status"] != "ok":
        parts.append(f"last error: {view['last_error']}")
    if view["next_poll"]:
        parts.append(f"next poll {desk_time(view['next_poll'], view['desk'])}")
    return head + "\n   " + " · ".join(parts)


def _minutes(value: float) -> str:
    minutes = int(value)
    return f"{minutes // 60} h" if minutes >= 60 and minutes % 60 == 0 else f"{minutes} min"

