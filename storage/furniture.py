"""Per-source furniture counts: how many distinct articles of a source carried a paragraph or sentence.

Rows below the threshold are candidates; at or above it, the text is that source's furniture.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils


def count_texts(db: sqlite_utils.Database, source: str, texts: dict[str, str], threshold: int) -> set[str]:
    """Add one article's texts (key -> text) to the source's counts; return the keys now at the threshold."""
    keys = list(texts)
    with db.conn:
        db.conn.executemany(
            "INSERT INTO furniture (source, hash, text, articles) VALUES (?, ?, ?, 1)"
            " ON CONFLICT(source, hash) DO UPDATE SET articles = articles + 1",
            [(source, key, text) for key, text in texts.items()],
        )
    reached: set[str] = set()
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        marks = ", ".join("?" for _ in chunk)
        reached.update(r[0] for r in db.execute(
            f"SELECT hash FROM furniture WHERE source = ? AND hash IN ({marks}) AND articles >= ?",
            [source, *chunk, threshold]))
    return reached


def learned_hashes(db: sqlite_utils.Database, threshold: int) -> dict[str, set[str]]:
    """Every source's furniture keys."""
    known: dict[str, set[str]] = {}
    for source, key in db.execute("SELECT source, hash FROM furniture WHERE articles >= ?", [threshold]):
        known.setdefault(source, set()).add(key)
    return known


def list_furniture(db: sqlite_utils.Database, threshold: int, source: str | None = None) -> list[dict[str, Any]]:
    """The learned furniture, most widespread first: source, text, articles."""
    where, params = ("AND source = ?", [source]) if source else ("", [])
    cursor = db.execute(
        f"SELECT source, text, articles FROM furniture WHERE articles >= ? {where} ORDER BY articles DESC, source",
        [threshold, *params],
    )
    return [dict(zip(("source", "text", "articles"), row, strict=True)) for row in cursor]
