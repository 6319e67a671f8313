"""Stories and related articles: the queries story linking and the `related` answer need.

Plain reads and writes of `stories`, `articles.story_id`, `article_related` and the story index tables
(`story_terms`, `story_vectors`, `story_keys`); which article follows which is decided in bot/stories.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sqlite_utils

from storage.articles import now

PER_KEY = 200  # articles read per shared name or word: the nearest in time within the window


@dataclass
class Stored:
    """What linking needs of one stored article."""

    id: int
    title: str
    text: str
    published: str | None
    ingested_at: str
    story_id: int | None
    source: str | None = None
    url: str | None = None


@dataclass
class Indexed:
    """A candidate: an article's day, story and TF-IDF unit vectors ({"w": words, "e": entities}), and
    its source and URL (whose publisher's name it shares is no evidence)."""

    id: int
    day: str
    story_id: int | None
    vector: dict[str, dict[str, float]]
    source: str | None = None
    url: str | None = None


def article(db: sqlite_utils.Database, article_id: int) -> Stored | None:
    row = db.execute(
        "SELECT id, title, text, published, ingested_at, story_id, source, url FROM articles WHERE id = ?",
        [article_id]
    ).fetchone()
    return Stored(*row) if row else None


def article_entities(db: sqlite_utils.Database, article_id: int) -> list[tuple[int, str, str, int]]:
    """(entity id, name, type, mentions) of every person, organisation and place the article names."""
    return db.execute(
        "SELECT e.id, e.name, e.type, COUNT(*) FROM mentions m JOIN entities e ON e.id = m.entity_id"
        " WHERE m.article_id = ? GROUP BY e.id",
        [article_id],
    ).fetchall()


def seen_as_place(db: sqlite_utils.Database, entity_ids: list[int], place_keys: set[str]) -> set[int]:
    """Of these entities, those whose key some stored entity has as a place (GPE or LOC), or that is one
    of `place_keys`: a tagger that once calls "Paraguay" an organisation does not make it one."""
    if not entity_ids:
        return set()
    marks = ", ".join("?" for _ in entity_ids)
    rows = db.execute(
        f"SELECT e.id, e.key, EXISTS (SELECT 1 FROM entities p WHERE p.key = e.key AND p.type IN ('GPE', 'LOC'))"
        f" FROM entities e WHERE e.id IN ({marks})", entity_ids).fetchall()
    return {eid for eid, key, place in rows if place or key in place_keys}


def old_counts(db: sqlite_utils.Database, article_id: int) -> dict[str, int] | None:
    row = db.execute("SELECT counts FROM story_vectors WHERE article_id = ?", [article_id]).fetchone()
    return json.loads(row[0]) if row else None


def count_terms(db: sqlite_utils.Database, terms: list[str], delta: int) -> None:
    """Add `delta` to the document frequency of each term ('' counts articles); drop what reaches 0."""
    db.conn.executemany(
        "INSERT INTO story_terms (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
        [(t, delta) for t in terms],
    )
    if delta < 0:
        db.conn.executemany("DELETE FROM story_terms WHERE term = ? AND df <= 0", [(t,) for t in terms])


def frequencies(db: sqlite_utils.Database, terms: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(terms), 500):
        chunk = terms[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        found.update(db.execute(f"SELECT term, df FROM story_terms WHERE term IN ({marks})", chunk).fetchall())
    return found


def save_index(
    db: sqlite_utils.Database, article_id: int, day: str, counts: dict[str, int],
    vector: dict[str, dict[str, float]], keys: list[str],
) -> None:
    db.execute(
        "INSERT OR REPLACE INTO story_vectors (article_id, day, counts, vector) VALUES (?, ?, ?, ?)",
        [article_id, day, json.dumps(counts, ensure_ascii=False), json.dumps(vector, ensure_ascii=False)],
    )
    db.execute("DELETE FROM story_keys WHERE article_id = ?", [article_id])
    db.conn.executemany(
        "INSERT OR IGNORE INTO story_keys (key, day, article_id) VALUES (?, ?, ?)",
        [(k, day, article_id) for k in keys],
    )


def sharing(db: sqlite_utils.Database, keys: list[str], first: str, last: str, article_id: int) -> list[tuple]:
    """(article id, key) for other articles indexed under any of the keys between two days, each key
    read through its index range and capped at the PER_KEY nearest the end of the window."""
    if not keys:
        return []
    one = "SELECT * FROM (SELECT article_id, key FROM story_keys WHERE key = ? AND day BETWEEN ? AND ?" \
          " AND article_id != ? ORDER BY day DESC LIMIT ?)"
    sql = " UNION ALL ".join(one for _ in keys)
    params: list[Any] = []
    for key in keys:
        params += [key, first, last, article_id, PER_KEY]
    return db.execute(sql, params).fetchall()


def indexed(db: sqlite_utils.Database, ids: list[int]) -> list[Indexed]:
    marks = ", ".join("?" for _ in ids) or "NULL"
    rows = db.execute(
        "SELECT v.article_id, v.day, a.story_id, v.vector, a.source, a.url FROM story_vectors v"
        f" JOIN articles a ON a.id = v.article_id WHERE v.article_id IN ({marks})",
        ids,
    ).fetchall()
    return [Indexed(r[0], r[1], r[2], _vector(r[3]), r[4], r[5]) for r in rows]


@lru_cache(maxsize=1000)
def _vector(text: str) -> dict[str, dict[str, float]]:
    """Decoded once per distinct stored vector: the same recent articles are candidates again and again.
    Keyed by the stored text itself, so a re-linked article's new vector is never mistaken for its old one.
    Callers must not change the dict."""
    return json.loads(text)


def story_size(db: sqlite_utils.Database, story_id: int) -> int:
    return db.execute("SELECT COUNT(*) FROM articles WHERE story_id = ?", [story_id]).fetchone()[0]


def story_vectors(
    db: sqlite_utils.Database, story_id: int, first: str, last: str, but: int, limit: int,
) -> list[dict[str, dict[str, float]]]:
    """The vectors of a story's articles between two days (the latest `limit`), but one article."""
    return _story_members(db, "vector", story_id, first, last, but, limit)


def story_counts(
    db: sqlite_utils.Database, story_id: int, first: str, last: str, but: int, limit: int,
) -> list[dict[str, int]]:
    """The term counts of a story's articles between two days (the latest `limit`), but one article."""
    return _story_members(db, "counts", story_id, first, last, but, limit)


# A story's articles in a span of days are found along the days (story_vectors_day), never by reading every
# article of the story: a long-running story holds thousands, a span of days as many as the desk publishes.
_DAYS_FIRST = "story_vectors v CROSS JOIN articles a ON a.id = v.article_id"


def _story_members(
    db: sqlite_utils.Database, column: str, story_id: int, first: str, last: str, but: int, limit: int,
) -> list[dict]:
    """One stored column (`vector` or `counts`) of a story's latest articles in a span of days."""
    assert column in ("vector", "counts")
    rows = db.execute(
        f"SELECT v.{column} FROM {_DAYS_FIRST} WHERE v.day BETWEEN ? AND ? AND a.story_id = ? AND a.id != ?"
        " ORDER BY v.day DESC, v.article_id DESC LIMIT ?",
        [first, last, story_id, but, limit]).fetchall()
    return [_vector(r[0]) for r in rows]


def story_size_between(db: sqlite_utils.Database, story_id: int, first: str, last: str, but: int, limit: int) -> int:
    """How many of a story's articles (but one) are indexed between two days, counted up to `limit`."""
    return db.execute(
        f"SELECT COUNT(*) FROM (SELECT 1 FROM {_DAYS_FIRST} WHERE v.day BETWEEN ? AND ? AND a.story_id = ?"
        " AND a.id != ? LIMIT ?)",
        [first, last, story_id, but, limit]).fetchone()[0]


def story_exists(db: sqlite_utils.Database, story_id: int | None) -> bool:
    return story_id is not None and bool(db.execute("SELECT 1 FROM stories WHERE id = ?", [story_id]).fetchone())


def first_article(db: sqlite_utils.Database, story_id: int) -> int | None:
    row = db.execute("SELECT first_article_id FROM stories WHERE id = ?", [story_id]).fetchone()
    return row[0] if row else None


def new_story(db: sqlite_utils.Database, article_id: int, title: str) -> int:
    """A new story for one article; its id is never one a merged story had (those still resolve)."""
    stamp = now()
    cursor = db.execute(
        "INSERT INTO stories (id, title, first_article_id, created_at, updated_at) VALUES ("
        " 1 + MAX(COALESCE((SELECT MAX(id) FROM stories), 0), COALESCE((SELECT MAX(merged) FROM story_merges), 0)),"
        " ?, ?, ?, ?)",
        [title, article_id, stamp, stamp],
    )
    return cursor.lastrowid


def join_story(db: sqlite_utils.Database, article_ids: list[int], story_id: int) -> None:
    """Put articles in a story; the stories they leave are tidied (first article, or gone when empty)."""
    marks = ", ".join("?" for _ in article_ids)
    left = [r[0] for r in db.execute(
        f"SELECT DISTINCT story_id FROM articles WHERE id IN ({marks}) AND story_id IS NOT NULL", article_ids)]
    db.execute(f"UPDATE articles SET story_id = ? WHERE id IN ({marks})", [story_id, *article_ids])
    for story in set(left) - {story_id}:
        refresh_story(db, story)
    _take_first(db, story_id, article_ids)


def _take_first(db: sqlite_utils.Database, story_id: int, joined: list[int]) -> None:
    """The story's first article after articles joined it: the earlier of its first and the joined ones
    (by day, then by id, as `refresh_story` orders), found without reading the whole story."""
    first = first_article(db, story_id)
    ids = [*joined, *([first] if first is not None else [])]
    marks = ", ".join("?" for _ in ids)
    row = db.execute(
        "SELECT a.id, a.title FROM articles a LEFT JOIN story_vectors v ON v.article_id = a.id"
        f" WHERE a.id IN ({marks}) AND a.story_id = ? ORDER BY v.day, a.id LIMIT 1",
        [*ids, story_id],
    ).fetchone()
    if row is None:
        refresh_story(db, story_id)
    else:
        db.execute("UPDATE stories SET first_article_id = ?, title = ?, updated_at = ? WHERE id = ?",
                   [row[0], row[1], now(), story_id])


def merge_stories(db: sqlite_utils.Database, story_ids: list[int]) -> int:
    """Merge stories into the one whose first article is earliest; return its id. The others' articles
    move to it and their ids are kept as redirects (story_merges), never reused."""
    marks = ", ".join("?" for _ in story_ids)
    survivor = db.execute(
        "SELECT s.id FROM stories s LEFT JOIN story_vectors v ON v.article_id = s.first_article_id"
        f" WHERE s.id IN ({marks}) ORDER BY v.day, s.first_article_id, s.id LIMIT 1",
        story_ids,
    ).fetchone()[0]
    others = [s for s in story_ids if s != survivor]
    stamp = now()
    for other in others:
        db.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", [survivor, other])
        db.execute("UPDATE story_merges SET story_id = ? WHERE story_id = ?", [survivor, other])
        db.execute("INSERT OR REPLACE INTO story_merges (merged, story_id, at) VALUES (?, ?, ?)",
                   [other, survivor, stamp])
        db.execute("DELETE FROM stories WHERE id = ?", [other])
    refresh_story(db, survivor)
    return survivor


def resolve_story(db: sqlite_utils.Database, story_id: int) -> int | None:
    """The story an id means now: itself, or the story it was merged into; None when it is gone."""
    row = db.execute("SELECT story_id FROM story_merges WHERE merged = ?", [story_id]).fetchone()
    target = row[0] if row else story_id
    return target if story_exists(db, target) else None


def refresh_story(db: sqlite_utils.Database, story_id: int) -> None:
    """The story's first article is its earliest (by day, then by id) and gives the title; no articles, no story."""
    first = db.execute(
        "SELECT a.id, a.title FROM articles a LEFT JOIN story_vectors v ON v.article_id = a.id"
        " WHERE a.story_id = ? ORDER BY v.day, a.id LIMIT 1",
        [story_id],
    ).fetchone()
    if first is None:
        db.execute("DELETE FROM stories WHERE id = ?", [story_id])
    else:
        db.execute("UPDATE stories SET first_article_id = ?, title = ?, updated_at = ? WHERE id = ?",
                   [first[0], first[1], now(), story_id])


def replace_links(
    db: sqlite_utils.Database, article_id: int, earlier: list[tuple[int, float, dict]],
    later: list[tuple[int, float, dict]],
) -> None:
    """The article's links both ways: to the earlier articles it follows, from the later ones following it."""
    db.execute("DELETE FROM article_related WHERE article_id = ? OR related_id = ?", [article_id, article_id])
    rows = [(article_id, other, score, json.dumps(why, ensure_ascii=False)) for other, score, why in earlier]
    rows += [(other, article_id, score, json.dumps(why, ensure_ascii=False)) for other, score, why in later]
    db.conn.executemany(
        "INSERT OR REPLACE INTO article_related (article_id, related_id, score, reasons) VALUES (?, ?, ?, ?)", rows
    )


# ---------------------------------------------------------------- reading, for answers


def find_article(db: sqlite_utils.Database, number: int | None, url_key: str | None) -> int | None:
    """An article by id, or by canonical URL (its own or one of its copies')."""
    if number is not None:
        row = db.execute("SELECT id FROM articles WHERE id = ?", [number]).fetchone()
        return row[0] if row else None
    if not url_key:
        return None
    row = db.execute("SELECT id FROM articles WHERE url_key = ?", [url_key]).fetchone()
    if row is None:
        row = db.execute("SELECT article_id FROM article_copies WHERE url_key = ?", [url_key]).fetchone()
    return row[0] if row else None


def related(db: sqlite_utils.Database, article_id: int) -> list[dict[str, Any]]:
    """The articles linked to this one, earlier and later, best first, with score and reasons."""
    rows = db.execute(
        "SELECT r.related_id, 'earlier', r.score, r.reasons FROM article_related r WHERE r.article_id = ?"
        " UNION ALL"
        " SELECT r.article_id, 'later', r.score, r.reasons FROM article_related r WHERE r.related_id = ?",
        [article_id, article_id],
    ).fetchall()
    found = [{"id": r[0], "direction": r[1], "score": r[2], "reasons": json.loads(r[3] or "{}")} for r in rows]
    return sorted(found, key=lambda r: (-r["score"], r["id"]))


def story_of(db: sqlite_utils.Database, article_id: int) -> dict[str, Any] | None:
    """The article's story: id, title, first article and how many articles it has."""
    row = db.execute(
        "SELECT s.id, s.title, s.first_article_id, (SELECT COUNT(*) FROM articles x WHERE x.story_id = s.id)"
        " FROM articles a JOIN stories s ON s.id = a.story_id WHERE a.id = ?",
        [article_id],
    ).fetchone()
    return dict(zip(("id", "title", "first_article_id", "articles"), row, strict=True)) if row else None
