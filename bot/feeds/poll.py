"""Polling a feed: conditional GET → parse → new or changed entries → their pages → the ingest service.

A 304 parses nothing and stores nothing (only the poll time and the next one). A 200 is parsed; an entry
is new when its key (GUID, else canonical URL) was never seen in this feed, changed when its content hash
(title, link, text; no dates) differs, and otherwise skipped. Each new or changed entry's page is read
through trafilatura; when the page fails the entry's own summary is stored, the article is marked partial,
and the page is tried again on later polls (with backoff) until it reads, updating the article in place.
The feed's validators are stored only after its entries are safely stored, so a crash mid-poll means
the next poll sees them again, never a 304 that skips them.
"""

from __future__ import annotations

import logging
import random
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlite_utils

from bot.feeds.alerts import maybe_alert
from bot.feeds.parse import Entry, NotAFeed, parse_feed
from bot.feeds.politeness import GATE
from bot.feeds.settings import MAX_BACKOFF, poll_seconds
from bot.ingest.canonical import url_key
from bot.ingest.fetch import FetchError
from bot.ingest.files import article_from_html, html_to_text
from bot.ingest.model import Problem, RawArticle
from bot.ingest.records import from_record
from bot.ingest.service import in_language, ingest_items
from storage import feeds as store
from storage.leases import leased

LEASE_SECONDS = 900  # longer than any poll (a feed's pages, one host gap apart, and their analysis)
MAX_ATTEMPTS = 8  # a page that failed this many times stays partial; the summary is what the feed gave
MAX_MIN_SECONDS = 86400  # a feed that asks for more than a day between polls is still read daily
_ANALYSIS = threading.Lock()  # one poll thread at a time runs spaCy and writes its articles
_MAX_AGE = re.compile(r"(?:^|,)\s*max-age\s*=\s*(\d+)", re.I)
log = logging.getLogger("newsbot.feeds")


@dataclass
class PollResult:
    feed_id: int
    url: str
    outcome: str  # "new" (a 200 was read) | "unchanged" (304) | "failed" | "busy" (another process has it)
    new: int = 0
    updated: int = 0
    completed: int = 0  # partial articles whose page has now been read
    copies: int = 0  # new entries whose article is another's: an earlier entry of this poll, or one stored
    without_text: int = 0  # entries with no text to store: none in the feed, none on their page
    failed_entries: int = 0  # entries nothing could be stored for yet (their page failed); tried again later
    error: str | None = None
    parsed: bool = False

    @property
    def failed(self) -> bool:
        return self.outcome == "failed"

    def line(self) -> str:
        """What `feeds poll`, the worker and the log say: "N new", "unchanged (304)" or "failed: why", with
        every entry accounted for ("46 new, 154 copies of other articles, 3 without text")."""
        if self.outcome == "failed":
            return f"failed: {self.error}"
        if self.outcome == "busy":
            return "skipped: another process is polling it right now"
        extra = [f"{n} {what}" for n, what in (
            (self.updated, "updated"), (self.completed, "completed"), (self.copies, "copies of other articles"),
            (self.without_text, "without text"), (self.failed_entries, "not stored yet (page failed; retried)"),
        ) if n]
        head = "unchanged (304)" if self.outcome == "unchanged" else f"{self.new} new"
        return ", ".join([head, *extra])


def iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="seconds")


def interval(feed: dict[str, Any]) -> int:
    """The feed's own interval (or NEWSBOT_POLL_MINUTES), never shorter than its ttl or max-age allows."""
    return max(int(feed.get("every_seconds") or poll_seconds()), int(feed.get("min_seconds") or 0))


def next_poll(now: datetime, seconds: float) -> str:
    """`seconds` from now plus up to 10 % (two minutes at most) of jitter, so one host's feeds spread out."""
    return iso(now + timedelta(seconds=seconds + random.uniform(0, min(0.1 * seconds, 120))))


def validators(feed: dict[str, Any]) -> dict[str, str]:
    """If-None-Match / If-Modified-Since, exactly as the server sent them."""
    headers = {}
    if feed.get("etag"):
        headers["If-None-Match"] = feed["etag"]
    if feed.get("last_modified"):
        headers["If-Modified-Since"] = feed["last_modified"]
    return headers


def max_age(headers: dict[str, str]) -> int | None:
    match = _MAX_AGE.search(headers.get("cache-control", ""))
    return int(match.group(1)) if match else None


def poll_feed(db: sqlite_utils.Database, feed_id: int, now: datetime | None = None, client: Any = None) -> PollResult:
    """Poll one feed now (whatever its schedule), under its lease; `client` posts a failure alert."""
    now = now or datetime.now(UTC)
    feed = store.get_feed(db, feed_id)
    if feed is None:
        return PollResult(feed_id, "", "failed", error=f"there is no feed {feed_id}")
    with leased(db, f"feed:{feed_id}", LEASE_SECONDS) as mine:
        if not mine:
            return PollResult(feed_id, feed["url"], "busy")
        if feed["status"] == "gone":
            return PollResult(feed_id, feed["url"], "failed", error=feed["last_error"] or "the feed is gone")
        try:
            return _poll(db, feed, now, client)
        except Exception as exc:  # one feed's crash is its own failure, never the round's
            log.exception("feed %s: poll crashed", feed_id)
            return record_failure(db, feed, FetchError(f"internal error ({type(exc).__name__})"), now, client)


def _poll(db: sqlite_utils.Database, feed: dict[str, Any], now: datetime, client: Any) -> PollResult:
    try:
        fetched = GATE.fetch(feed["url"], headers=validators(feed))
    except FetchError as exc:
        return record_failure(db, feed, exc, now, client)
    changes: dict[str, Any] = {}
    if fetched.moved_to and url_key(fetched.moved_to) != feed["url_key"]:
        changes.update(moved(db, feed, fetched.moved_to))
    result = PollResult(feed["id"], changes.get("url", feed["url"]), "unchanged")
    min_seconds = feed["min_seconds"]
    if not fetched.not_modified:
        try:
            parsed = parse_feed(fetched.body, fetched.content_type, fetched.url)
        except NotAFeed as exc:
            return record_failure(db, feed, FetchError(str(exc)), now, client, changes)
        result.outcome, result.parsed, result.without_text = "new", True, parsed.without_text
        take_entries(db, feed, parsed.entries, now, result)
        changes.update(title=parsed.title or feed["title"], etag=fetched.headers.get("etag"),
                       last_modified=fetched.headers.get("last-modified"))
        min_seconds = max(parsed.ttl_seconds, max_age(fetched.headers) or 0)
    else:
        changes.update({k: fetched.headers[h] for k, h in (("etag", "etag"), ("last_modified", "last-modified"))
                        if fetched.headers.get(h)})
        if max_age(fetched.headers) is not None:
            min_seconds = max_age(fetched.headers)
    retry_entries(db, feed, now, result)
    changes["min_seconds"] = min(min_seconds, MAX_MIN_SECONDS)
    store.update_feed(
        db, feed["id"], **changes, last_polled_at=iso(now), last_success_at=iso(now), last_error=None,
        failing_since=None, failures=0, alerted_at=None, next_poll_at=next_poll(now, interval({**feed, **changes})),
    )
    return result


def moved(db: sqlite_utils.Database, feed: dict[str, Any], url: str) -> dict[str, Any]:
    """A 301/308: the feed lives at `url` from now on (unless another stored feed already has it)."""
    other = store.feed_by_url_key(db, url_key(url) or url)
    if other and other["id"] != feed["id"]:
        log.warning("feed %s moved to %s, which is feed %s already; keeping its old address", feed["id"], url,
                    other["id"])
        return {}
    return {"url": url, "url_key": url_key(url) or url}


def record_failure(
    db: sqlite_utils.Database, feed: dict[str, Any], exc: FetchError, now: datetime, client: Any,
    changes: dict[str, Any] | None = None,
) -> PollResult:
    """Back off (doubling the interval, 6 hours at most, never before a Retry-After); 410 stops the feed."""
    error = str(exc)
    failures = feed["failures"] + 1
    fields = {**(changes or {}), "last_polled_at": iso(now), "last_error": error, "failures": failures,
              "failing_since": feed["failing_since"] or iso(now)}
    if exc.status == 410:
        error = fields["last_error"] = "the feed is gone (HTTP 410); it is no longer polled"
        store.update_feed(db, feed["id"], **fields, status="gone")
        return PollResult(feed["id"], fields.get("url", feed["url"]), "failed", error=error)
    delay = min(interval(feed) * 2 ** min(failures, 16), MAX_BACKOFF)
    if exc.retry_after:
        delay = max(delay, exc.retry_after)
        error = fields["last_error"] = f"{error}; asked to wait {int(exc.retry_after)} s"
    store.update_feed(db, feed["id"], **fields, next_poll_at=next_poll(now, delay))
    maybe_alert(db, store.get_feed(db, feed["id"]) or feed, now, client)
    return PollResult(feed["id"], fields.get("url", feed["url"]), "failed", error=error)


@dataclass
class _Pending:
    key: str
    data: dict[str, Any]
    content_hash: str
    first_seen: str
    known: dict[str, Any] | None  # the stored entry row, None when new
    item: RawArticle | Problem | None = None
    partial: bool = False
    estimated: bool = False
    no_text: bool = False  # nothing to store, and not for want of reading the page


def take_entries(
    db: sqlite_utils.Database, feed: dict[str, Any], found: Iterable[Entry], now: datetime, result: PollResult
) -> None:
    """Store the new and changed entries of a parsed feed; skip those seen with the same content."""
    known = store.entries(db, feed["id"])
    pending: dict[str, _Pending] = {}
    for entry in found:
        row = known.get(entry.key)
        if row is None or row["content_hash"] != entry.content_hash:
            first = row["first_seen"] if row else iso(now)
            pending[entry.key] = _Pending(entry.key, entry.data, entry.content_hash, first, row)
    store_entries(db, feed, list(pending.values()), now, result)


def retry_entries(db: sqlite_utils.Database, feed: dict[str, Any], now: datetime, result: PollResult) -> None:
    """Read again the pages of entries stored partial (or not at all) whose retry time has come."""
    rows = store.entries_to_retry(db, feed["id"], iso(now))
    pending = [_Pending(r["entry_key"], r["data"], r["content_hash"], r["first_seen"], r) for r in rows]
    store_entries(db, feed, pending, now, result)


def store_entries(
    db: sqlite_utils.Database, feed: dict[str, Any], pending: list[_Pending], now: datetime, result: PollResult
) -> None:
    """Read each entry's page, then ingest them together (one spaCy batch) and record each entry: stored
    ('complete' or 'partial'), a copy of another article ('copy', with that article's id), or 'failed'."""
    if not pending:
        return
    for p in pending:
        p.item, p.partial, p.estimated, p.no_text = entry_article(p.data, f"{feed['url']} entry {p.key}",
                                                                  p.first_seen)
    with _ANALYSIS:
        report = ingest_items(db, in_language([p.item for p in pending], feed.get("language")))
    for p in pending:
        origin = p.item.origin
        article_id = report.article_ids.get(origin)
        state = entry_state(article_id, origin in report.copy_origins, p.partial)
        attempts = 0 if state in ("complete", "copy") else (p.known["attempts"] if p.known else 0) + 1
        retry_at = None
        if state in ("partial", "failed") and attempts < MAX_ATTEMPTS:
            retry_at = iso(now + timedelta(seconds=min(poll_seconds() * 2 ** (attempts - 1), MAX_BACKOFF)))
        store.save_entry(db, {
            "feed_id": feed["id"], "entry_key": p.key, "article_id": article_id, "link": p.data.get("url"),
            "content_hash": p.content_hash, "data": p.data, "state": state, "attempts": attempts,
            "retry_at": retry_at, "first_seen": p.first_seen, "updated_at": iso(now),
        })
        if state in ("complete", "partial"):
            store.mark_article(db, article_id, p.partial, p.estimated)
        _count(result, p, state)


def entry_state(article_id: int | None, copy: bool, partial: bool) -> str:
    """'failed' (nothing stored), 'copy' (the entry is another article), 'partial' (its summary stands in
    for a page that failed) or 'complete'."""
    if article_id is None:
        return "failed"
    return "copy" if copy else "partial" if partial else "complete"


def _count(result: PollResult, p: _Pending, state: str) -> None:
    """Each entry new or changed in this poll counted once, under what became of it; retried entries count
    only when their page now reads."""
    fresh = p.known is None or p.known["content_hash"] != p.content_hash
    if state == "failed":
        if fresh:
            result.without_text += p.no_text
            result.failed_entries += not p.no_text
    elif state == "copy":
        result.copies += fresh
    elif p.known is None:
        result.new += 1
    elif fresh:
        result.updated += 1
    elif p.known["state"] != "complete" and state == "complete":
        result.completed += 1


def entry_article(data: dict[str, Any], origin: str,
                  first_seen: str) -> tuple[RawArticle | Problem, bool, bool, bool]:
    """(article or problem, partial, date estimated, no text): the linked page, else the entry's own summary.
    "No text" is a problem that is not the page's failing: no page, or a page read with nothing in it, and
    no summary either."""
    record = {k: data.get(k) for k in ("title", "url", "published", "author", "source", "tags")}
    link, reason, page_failed = data.get("url"), None, False
    raw: RawArticle | None = None
    if link:
        try:
            page = GATE.fetch(link)
            raw = article_from_html(page.text, origin, link, overrides=record)
        except FetchError as exc:
            reason, page_failed = str(exc), True
        except ValueError as exc:
            reason = str(exc)
    partial = raw is None and bool(link)
    if raw is None:
        try:
            raw = from_record({**record, "text": html_to_text(data.get("summary") or "")}, origin)
        except ValueError as exc:
            return Problem(origin, f"{reason}; {exc}" if reason else str(exc)), partial, False, not page_failed
    raw.guid = data.get("guid")
    estimated = not raw.published
    if estimated:
        raw.published = first_seen[:10]
    return raw, partial, estimated, False
