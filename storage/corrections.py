"""Editors' corrections to facts, keyed by the fact's stable key so they survive re-ingestion."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from storage.db import transaction


def fact_by_id(db: sqlite_utils.Database, fact_id: int) -> dict[str, Any] | None:
    row = db.execute(
        "SELECT f.id, f.key, f.kind, f.article_id, f.data, f.text, c.action, c.data, c.note, c.at FROM facts f"
        " LEFT JOIN fact_corrections c ON c.key = f.key WHERE f.id = ?",
        [fact_id],
    ).fetchone()
    if not row:
        return None
    names = ("id", "key", "kind", "article_id", "data", "text", "correction", "corrected", "note", "corrected_at")
    fact = dict(zip(names, row, strict=True))
    fact["data"] = json.loads(fact["data"])
    fact["corrected"] = json.loads(fact["corrected"] or "{}")
    return fact


def correct(db: sqlite_utils.Database, key: str, action: str, data: dict[str, Any], note: str | None) -> None:
    """Record (or replace) the correction of one fact; a fix merges with an earlier fix."""
    with transaction(db):
        previous = db.execute("SELECT action, data FROM fact_corrections WHERE key = ?", [key]).fetchone()
        merged = {**(json.loads(previous[1]) if previous and previous[0] == "fix" else {}), **data}
        db.execute(
            "INSERT OR REPLACE INTO fact_corrections (key, action, data, note, at) VALUES (?, ?, ?, ?, ?)",
            [key, action, json.dumps(merged, ensure_ascii=False), note,
             datetime.now(UTC).isoformat(timespec="seconds")],
        )
