"""Writing articles: one transaction per article, idempotent on canonical URL and text hash.

Callers hand plain rows (dicts); this module knows tables, not NLP. An article seen again keeps its id
and has its sentences, mentions, facts, topics and desks replaced, inside the same transaction, so a crash
leaves either the old version or the new one, never a mix.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from storage.db import transaction
from storage.entities import Matcher, TypeRule, link_entity, vote_type


@dataclass
class ArticleRows:
    article: dict[str, Any]  # url, url_key, text_hash, title, source, author, published, ... text, summary
    sentences: list[dict[str, Any]]  # idx, kind, text, start, end, topics (list), alone, shown
    entities: list[dict[str, Any]]  # name, key, type, aliases [(alias, key)], mentions [(sentence_idx, text)]
    facts: list[dict[str, Any]]  # key, sentence_idx, kind, entity (name or None), date, value, data, text
    topics: dict[str, int] = field(default_factory=dict)
    desks: list[str] = field(default_factory=list)
    passages: dict[str, list[int]] = field(default_factory=dict)  # desk -> its sentence idxs; absent: whole
    find_entity: Matcher | None = None  # bot's rule for which stored entity each one is (required to save)
    settle_type: TypeRule | None = None  # bot's rule for an entity's type across articles (None: the first's)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def find_existing(db: sqlite_utils.Database, url_key: str | None, text_hash: str) -> dict | None:
    """The stored article with this canonical URL, or else with this text."""
    if url_key:
        row = db.execute("SELECT id, text_hash, title, published FROM articles WHERE url_key = ?", [url_key])
        found = row.fetchone()
        if found:
            return dict(zip(("id", "text_hash", "title", "published"), found, strict=True))
    row = db.execute("SELECT id, text_hash, title, published FROM articles WHERE text_hash = ?", [text_hash])
    found = row.fetchone()
    return dict(zip(("id", "text_hash", "title", "published"), found, strict=True)) if found else None


def save_article(db: sqlite_utils.Database, rows: ArticleRows, article_id: int | None = None) -> tuple[int, bool]:
    """Insert or update one article and everything extracted from it; return (id, created).

    `article_id` names the stored article this is a revision of, when the caller knows it by an identity
    this module does not look up (the feed entry's GUID); otherwise canonical URL, then text hash, decide.
    """
    art = dict(rows.article)
    art["tags"] = json.dumps(art.get("tags", []), ensure_ascii=False)
    art["summary"] = json.dumps(art.get("summary", []))
    with transaction(db):
        existing = {"id": article_id} if article_id else find_existing(db, art.get("url_key"), art["text_hash"])
        stamp = now()
        if existing:
            article_id = existing["id"]
            _clear_children(db, article_id)
            art["updated_at"] = stamp
            columns = ", ".join(f"{k} = ?" for k in art)
            db.execute(f"UPDATE articles SET {columns} WHERE id = ?", [*art.values(), article_id])
        else:
            art["ingested_at"] = art["updated_at"] = stamp
            cursor = db.execute(
                f"INSERT INTO articles ({', '.join(art)}) VALUES ({', '.join('?' for _ in art)})",
                list(art.values()),
            )
            article_id = cursor.lastrowid
        _insert_children(db, article_id, rows)
    return article_id, existing is None


def _clear_children(db: sqlite_utils.Database, article_id: int) -> None:
    for table in ("sentences", "sentence_topics", "mentions", "facts", "article_topics", "article_desks",
                  "entity_types"):
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])


def _insert_children(db: sqlite_utils.Database, article_id: int, rows: ArticleRows) -> None:
    db.conn.executemany(
        "INSERT INTO sentences (article_id, idx, kind, text, start, end, topics, alone, shown)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, s["idx"], s["kind"], s["text"], s["start"], s["end"], json.dumps(s["topics"]),
             int(s.get("alone", True)), s.get("shown"))
            for s in rows.sentences
        ],
    )
    db.execute(
        "INSERT OR IGNORE INTO sentence_topics (topic, sentence_id, article_id, published)"
        " SELECT j.value, s.id, s.article_id, ? FROM sentences s, json_each(s.topics) j"
        " WHERE s.article_id = ? AND s.kind = 'body'",
        [rows.article.get("published"), article_id],
    )
    find = rows.find_entity
    if find is None and rows.entities:
        raise ValueError("ArticleRows.find_entity is needed to link entities (bot.entities.find_entity)")
    entity_ids: dict[str, int] = {}
    for entity in rows.entities:
        entity_id = link_entity(db, entity["name"], entity["key"], entity["type"], entity["aliases"], find)
        entity_ids[entity["name"]] = entity_id
        vote_type(db, entity_id, article_id, entity["type"], rows.settle_type)
        db.conn.executemany(
            "INSERT INTO mentions (entity_id, article_id, sentence_idx, text) VALUES (?, ?, ?, ?)",
            [(entity_id, article_id, sent, text) for sent, text in entity["mentions"]],
        )
    db.conn.executemany(
        "INSERT OR REPLACE INTO facts (key, article_id, sentence_idx, kind, entity_id, date, value, data, text)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                f["key"], article_id, f["sentence_idx"], f["kind"], entity_ids.get(f.get("entity") or ""),
                f.get("date"), f.get("value"), json.dumps(f["data"], ensure_ascii=False), f["text"],
            )
            for f in rows.facts
        ],
    )
    db.conn.executemany(
        "INSERT INTO article_topics (article_id, topic, score) VALUES (?, ?, ?)",
        [(article_id, topic, score) for topic, score in rows.topics.items()],
    )
    published = rows.article.get("published")
    db.conn.executemany(
        "INSERT INTO article_desks (article_id, desk, published, passages) VALUES (?, ?, ?, ?)",
        [(article_id, d, published, json.dumps(rows.passages[d]) if d in rows.passages else None)
         for d in rows.desks],
    )


def stored_articles(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every stored article's own fields (no analysis), oldest first: what re-analysing the archive reads."""
    names = ("id", "title", "text", "url", "source", "author", "published", "language", "tags", "origin", "text_hash")
    cursor = db.execute(f"SELECT {', '.join(names)} FROM articles ORDER BY id")
    return [dict(zip(names, row, strict=True)) for row in cursor]
