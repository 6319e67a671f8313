"""Problems reporters flag on answer items ("Report a problem" in Slack), for the desk's editors.

A report names the item (article, sentence, fact) rather than copying the answer, so an editor sees
the stored sentence and fact as they are; `item` keeps the words the reporter was shown.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from storage.db import transaction
from storage.queries import rows


def _now() -> str:
    return iso(datetime.now(UTC))


def iso(when: datetime) -> str:
    """The form reports' times are stored and compared in."""
    return when.astimezone(UTC).isoformat(timespec="seconds")


def add_report(
    db: sqlite_utils.Database, *, reporter: str | None, channel: str | None, desk: str | None,
    action: str | None, article_id: int | None, sentence_idx: int | None, fact_id: int | None, item: str,
) -> int:
    """Record one report; its id is what the editors' post and `newsbot log` show."""
    with transaction(db):
        cursor = db.conn.execute(
            "INSERT INTO reports (at, reporter, channel, desk, action, article_id, sentence_idx, fact_id, item)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_now(), reporter, channel, desk, action, article_id, sentence_idx, fact_id, item],
        )
    return int(cursor.lastrowid)


def reports_on_item(db: sqlite_utils.Database, *, desk: str | None, action: str | None, article_id: int | None,
                    sentence_idx: int | None, fact_id: int | None) -> list[dict[str, Any]]:
    """The open reports on one item, oldest first: the same article, sentence and fact (for an item with
    none of those, the same desk and action)."""
    same = "article_id IS ? AND sentence_idx IS ? AND fact_id IS ?"
    params: list[Any] = [article_id, sentence_idx, fact_id]
    if article_id is None and sentence_idx is None and fact_id is None:
        same, params = f"{same} AND desk IS ? AND action IS ?", [*params, desk, action]
    return rows(db, f"SELECT id, reporter, posted FROM reports WHERE status = 'open' AND {same} ORDER BY id", params)


def reports_by(db: sqlite_utils.Database, reporter: str | None, since: str) -> int:
    """How many reports `reporter` filed from `since` (an ISO time) on."""
    return db.execute("SELECT count(*) FROM reports WHERE reporter IS ? AND at >= ?", [reporter, since]).fetchone()[0]


def mark_posted(db: sqlite_utils.Database, report_id: int) -> None:
    """The editors' channel has the report."""
    with transaction(db):
        db.conn.execute("UPDATE reports SET posted = 1 WHERE id = ?", [report_id])


def resolve_fact(db: sqlite_utils.Database, fact_id: int, status: str, by: str | None) -> int:
    """Close the open reports on a fact an editor fixed or hid; how many were closed."""
    with transaction(db):
        cursor = db.conn.execute(
            "UPDATE reports SET status = ?, resolved_by = ?, resolved_at = ? WHERE fact_id = ? AND status = 'open'",
            [status, by, _now(), fact_id],
        )
    return cursor.rowcount


def report_context(db: sqlite_utils.Database, article_id: int | None, sentence_idx: int | None,
                   fact_id: int | None) -> dict[str, Any]:
    """The article (title, url), the sentence and the fact a report is about, as stored now."""
    found: dict[str, Any] = {"title": None, "url": None, "sentence": None, "fact": None}
    if fact_id is not None:
        fact = rows(db, "SELECT id, kind, article_id, sentence_idx, text FROM facts WHERE id = ?", [fact_id])
        if fact:
            found["fact"] = fact[0]
            article_id = fact[0]["article_id"] if article_id is None else article_id
            sentence_idx = fact[0]["sentence_idx"] if sentence_idx is None else sentence_idx
    if article_id is not None:
        article = rows(db, "SELECT title, url FROM articles WHERE id = ?", [article_id])
        if article:
            found.update(article[0])
        if sentence_idx is not None:
            row = db.execute("SELECT text FROM sentences WHERE article_id = ? AND idx = ?",
                             [article_id, sentence_idx]).fetchone()
            found["sentence"] = row[0] if row else None
    return found


def reports(db: sqlite_utils.Database, since: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Reports newest first (from `since`, an ISO time, when given), with their article's title:
    what `newsbot log` lists beside deliveries."""
    where, params = ("WHERE r.at >= ?", [since]) if since else ("", [])
    return rows(
        db,
        "SELECT r.id, r.at, r.reporter, r.channel, r.desk, r.action, r.article_id, r.sentence_idx, r.fact_id,"
        " r.item, r.posted, r.status, r.resolved_by, r.resolved_at, a.title"
        f" FROM reports r LEFT JOIN articles a ON a.id = r.article_id {where} ORDER BY r.at DESC, r.id DESC LIMIT ?",
        [*params, limit],
    )
