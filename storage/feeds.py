"""The feeds a desk follows and the entries seen in each: plain queries, no HTTP and no parsing."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from storage.db import transaction

FEED_FIELDS = (
    "url", "url_key", "title", "desk", "every_seconds", "min_seconds", "etag", "last_modified", "status",
    "added_at", "last_polled_at", "last_success_at", "last_error", "failing_since", "failures", "alerted_at",
    "next_poll_at", "language",
)


def _rows(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def insert_feed(db: sqlite_utils.Database, feed: dict[str, Any]) -> int:
    with transaction(db):
        cursor = db.execute(
            f"INSERT INTO feeds ({', '.join(feed)}) VALUES ({', '.join('?' for _ in feed)})", list(feed.values()))
    return int(cursor.lastrowid)


def update_feed(db: sqlite_utils.Database, feed_id: int, **fields: Any) -> None:
    unknown = set(fields) - set(FEED_FIELDS)
    if unknown:
        raise ValueError(f"not a feed field: {', '.join(sorted(unknown))}")
    with transaction(db):
        db.execute(f"UPDATE feeds SET {', '.join(f'{k} = ?' for k in fields)} WHERE id = ?",
                   [*fields.values(), feed_id])


_LIST = (
    "SELECT f.*, (SELECT COUNT(*) FROM feed_entries e WHERE e.feed_id = f.id) AS entries_seen,"
    " (SELECT COUNT(*) FROM feed_entries e WHERE e.feed_id = f.id AND e.state IN ('partial', 'failed'))"
    " AS entries_pending,"
    " (SELECT COUNT(*) FROM feed_entries e WHERE e.feed_id = f.id AND e.state = 'copy') AS entries_copies"
    " FROM feeds f"
)


def get_feed(db: sqlite_utils.Database, feed_id: int) -> dict[str, Any] | None:
    found = _rows(db.execute(f"{_LIST} WHERE f.id = ?", [feed_id]))
    return found[0] if found else None


def feed_by_url_key(db: sqlite_utils.Database, key: str) -> dict[str, Any] | None:
    found = _rows(db.execute(f"{_LIST} WHERE f.url_key = ?", [key]))
    return found[0] if found else None


def list_feeds(db: sqlite_utils.Database, desk: str | None = None) -> list[dict[str, Any]]:
    """Every feed (or one desk's), oldest first, with how many entries each has given."""
    if desk is None:
        return _rows(db.execute(f"{_LIST} ORDER BY f.id"))
    return _rows(db.execute(f"{_LIST} WHERE f.desk = ? ORDER BY f.id", [desk]))


def delete_feed(db: sqlite_utils.Database, feed_id: int) -> bool:
    """Forget a feed and its entries; the articles it brought stay in the archive."""
    with transaction(db):
        return db.execute("DELETE FROM feeds WHERE id = ?", [feed_id]).rowcount == 1


def due_feeds(db: sqlite_utils.Database, now: str) -> list[dict[str, Any]]:
    """Active feeds whose next poll time has come, the longest-waiting first."""
    return _rows(db.execute(
        "SELECT * FROM feeds WHERE status = 'active' AND next_poll_at <= ? ORDER BY next_poll_at, id", [now]))


def entries(db: sqlite_utils.Database, feed_id: int) -> dict[str, dict[str, Any]]:
    """The entries seen in a feed, by entry key."""
    rows = _rows(db.execute("SELECT * FROM feed_entries WHERE feed_id = ?", [feed_id]))
    for row in rows:
        row["data"] = json.loads(row["data"])
    return {row["entry_key"]: row for row in rows}


def entries_to_retry(db: sqlite_utils.Database, feed_id: int, now: str) -> list[dict[str, Any]]:
    """Entries whose page failed (partial or nothing stored) and whose retry time has come."""
    rows = _rows(db.execute(
        "SELECT * FROM feed_entries WHERE feed_id = ? AND state != 'complete' AND retry_at IS NOT NULL"
        " AND retry_at <= ? ORDER BY first_seen", [feed_id, now]))
    for row in rows:
        row["data"] = json.loads(row["data"])
    return rows


def save_entry(db: sqlite_utils.Database, entry: dict[str, Any]) -> None:
    """Insert or replace one entry's row (the entry's first_seen is kept)."""
    row = {**entry, "data": json.dumps(entry.get("data") or {}, ensure_ascii=False)}
    with transaction(db):
        db.execute(
            f"INSERT INTO feed_entries ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})"
            f" ON CONFLICT(feed_id, entry_key) DO UPDATE SET "
            + ", ".join(f"{k} = excluded.{k}" for k in row if k not in ("feed_id", "entry_key", "first_seen")),
            list(row.values()),
        )


def mark_article(db: sqlite_utils.Database, article_id: int, partial: bool, published_estimated: bool) -> None:
    """Whether an article's text is only its feed entry's summary, and whether its date is a guess."""
    with transaction(db):
        db.execute("UPDATE articles SET partial = ?, published_estimated = ? WHERE id = ?",
                   [int(partial), int(published_estimated), article_id])
