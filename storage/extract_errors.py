"""Extractors that failed on an article: which article, which extractor, why, and when.

An article's rows are replaced each time it is analysed, so they always describe its stored analysis.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from storage.db import transaction


def replace_errors(db: sqlite_utils.Database, article_id: int, errors: list[tuple[str, str]]) -> None:
    """Record the (extractor, message) failures of an article's latest analysis, dropping earlier ones."""
    at = datetime.now(UTC).isoformat(timespec="seconds")
    with transaction(db):
        db.execute("DELETE FROM extract_errors WHERE article_id = ?", [article_id])
        db.conn.executemany(
            "INSERT INTO extract_errors (article_id, extractor, message, at) VALUES (?, ?, ?, ?)",
            [(article_id, extractor, message, at) for extractor, message in errors],
        )


def list_errors(db: sqlite_utils.Database, limit: int = 100, article_id: int | None = None) -> list[dict[str, Any]]:
    """The recorded failures, newest first, with each article's title and origin."""
    where, params = ("WHERE e.article_id = ?", [article_id]) if article_id is not None else ("", [])
    cursor = db.execute(
        "SELECT e.article_id, a.title, a.origin, e.extractor, e.message, e.at FROM extract_errors e"
        f" JOIN articles a ON a.id = e.article_id {where} ORDER BY e.at DESC, e.article_id, e.extractor LIMIT ?",
        [*params, limit],
    )
    names = ("article_id", "title", "origin", "extractor", "message", "at")
    return [dict(zip(names, row, strict=True)) for row in cursor]
