"""Queries for one article however many copies: identities (GUID, URL, text hash), copies, the LSH band index.

Plain storage: which stored article an identity belongs to, which articles share an LSH band key, and the
rows that record a copy. Deciding what counts as the same article is bot/ingest/dedup.py's job.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import sqlite_utils

from storage.articles import now
from storage.db import transaction

_MAX_CANDIDATES = 20  # the articles sharing most band keys; a near copy shares most of the 42


@dataclass
class Known:
    """A stored article an identity resolved to, and whether it was through one of its copies."""

    article_id: int
    via: str  # "guid", "url", "text" (the article's own identity) or "copy" (a recorded copy's)
    url: str | None
    url_key: str | None
    text_hash: str
    title: str
    published: str | None
    similarity: float | None = None  # the recorded copy's, when found through a copy


def known(db: sqlite_utils.Database, guid: str | None, url_key: str | None, text_hash: str) -> Known | None:
    """The stored article this GUID, canonical URL or text already belongs to (GUID first, text last)."""
    lookups = []
    if guid:
        lookups += [("guid", "SELECT article_id, NULL FROM article_guids WHERE guid = ?", guid),
                    ("copy", "SELECT article_id, similarity FROM article_copies WHERE guid = ?", guid)]
    if url_key:
        lookups += [("url", "SELECT id, NULL FROM articles WHERE url_key = ?", url_key),
                    ("copy", "SELECT article_id, similarity FROM article_copies WHERE url_key = ?", url_key)]
    lookups += [("text", "SELECT id, NULL FROM articles WHERE text_hash = ?", text_hash),
                ("copy", "SELECT article_id, similarity FROM article_copies WHERE text_hash = ?", text_hash)]
    for via, sql, value in lookups:
        row = db.execute(sql + " LIMIT 1", [value]).fetchone()
        if row:
            stored = db.execute("SELECT url, url_key, text_hash, title, published FROM articles WHERE id = ?", [row[0]])
            return Known(row[0], via, *stored.fetchone(), similarity=row[1])
    return None


def remember_guid(db: sqlite_utils.Database, article_id: int, guid: str | None) -> None:
    """Keep a stored article's GUID, so the entry is known again whatever link it comes under."""
    if guid:
        with transaction(db):
            db.execute("INSERT OR IGNORE INTO article_guids (guid, article_id) VALUES (?, ?)", [guid, article_id])


def add_copy(db: sqlite_utils.Database, article_id: int, copy: dict) -> None:
    """Record (or refresh) a copy of a stored article: url, url_key, guid, title, source, text_hash, similarity."""
    row = {k: copy.get(k) for k in ("url", "url_key", "guid", "title", "source", "text_hash", "similarity")}
    row["seen_at"] = now()
    column = next(c for c in ("url_key", "guid", "text_hash") if row[c])  # a copy always has a text hash
    with transaction(db):
        found = db.execute(f"SELECT id FROM article_copies WHERE {column} = ? AND article_id = ?",
                           [row[column], article_id]).fetchone()
        if found:
            columns = ", ".join(f"{k} = coalesce(?, {k})" for k in row)
            db.execute(f"UPDATE article_copies SET {columns} WHERE id = ?", [*row.values(), found[0]])
        else:
            db.execute(f"INSERT INTO article_copies (article_id, {', '.join(row)}) VALUES (?{', ?' * len(row)})",
                       [article_id, *row.values()])


def copies(db: sqlite_utils.Database, article_id: int) -> list[dict]:
    """A stored article's copies, oldest first."""
    cursor = db.execute(
        "SELECT url, guid, title, source, similarity, seen_at FROM article_copies WHERE article_id = ? ORDER BY id",
        [article_id])
    return [dict(zip(("url", "guid", "title", "source", "similarity", "seen_at"), r, strict=True)) for r in cursor]


def candidates(db: sqlite_utils.Database, keys: Sequence[int]) -> list[tuple[int, str]]:
    """(id, text) of the stored articles sharing an LSH band key, those sharing most first."""
    if not keys:
        return []
    marks = ", ".join("?" for _ in keys)
    cursor = db.execute(
        f"SELECT b.article_id, a.text FROM (SELECT article_id, COUNT(*) AS shared FROM dedup_bands"
        f" WHERE key IN ({marks}) GROUP BY article_id ORDER BY shared DESC LIMIT {_MAX_CANDIDATES}) b"
        " JOIN articles a ON a.id = b.article_id ORDER BY b.shared DESC",
        list(keys))
    return cursor.fetchall()


def index_article(db: sqlite_utils.Database, article_id: int, text_hash: str, keys: Sequence[int]) -> None:
    """Replace an article's band keys with those of its current text."""
    with transaction(db):
        db.execute("DELETE FROM dedup_bands WHERE article_id = ?", [article_id])
        db.conn.executemany("INSERT OR IGNORE INTO dedup_bands (key, article_id) VALUES (?, ?)",
                            [(key, article_id) for key in keys])
        db.execute("INSERT OR REPLACE INTO dedup_fingerprints (article_id, text_hash) VALUES (?, ?)",
                   [article_id, text_hash])


def unindexed(db: sqlite_utils.Database) -> Iterator[tuple[int, str, str]]:
    """(id, text, text_hash) of articles whose band keys are missing or were computed from another text."""
    cursor = db.execute(
        "SELECT a.id FROM articles a LEFT JOIN dedup_fingerprints f ON f.article_id = a.id"
        " WHERE f.text_hash IS NOT a.text_hash")
    for (article_id,) in cursor.fetchall():
        yield db.execute("SELECT id, text, text_hash FROM articles WHERE id = ?", [article_id]).fetchone()
