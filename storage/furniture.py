"""Per-source furniture counts: how many distinct articles of a source carried a paragraph or sentence.

A row with hash '*' counts the source's articles. A text is furniture when it reached `least` articles, or
`small` articles that are at least `share` per cent of its source's (a young or small source); below
that, it is a candidate. A candidate remembers `seen`, the source's article count when it last turned up:
one not seen again within the source's last `window` articles is forgotten (most sentences of the
reporting turn up once and never again), so the table holds the furniture, the candidates still repeating,
and at most `window` articles' worth of lines per source, not every sentence ever ingested.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import sqlite_utils

from storage.db import transaction

TOTAL = "*"
PRUNE_EVERY = 100  # forget stale candidates each time a source has this many more articles


class Rule(NamedTuple):
    least: int  # this many articles make furniture
    small: int  # ... or this many, when they are
    share: int  # ... at least this percentage of the source's articles
    window: int  # a candidate not seen in the source's last `window` articles is forgotten


_SOURCE_TOTAL = "(SELECT t.articles FROM furniture t WHERE t.source = furniture.source AND t.hash = '*')"
_REACHED = f"(articles >= ? OR (articles >= ? AND articles * 100 >= ? * {_SOURCE_TOTAL}))"
_FURNITURE = f"hash != '*' AND {_REACHED}"


def _reached(rule: Rule) -> list[int]:
    """The parameters of `_REACHED`, in order."""
    return [rule.least, rule.small, rule.share]


def count_texts(db: sqlite_utils.Database, source: str, texts: dict[str, str], rule: Rule) -> set[str]:
    """Add one article's texts (key -> text) to its source's counts; return the keys that are now furniture."""
    with transaction(db):
        total = db.execute(
            "INSERT INTO furniture (source, hash, text, articles, seen) VALUES (?, ?, ?, 1, 1)"
            " ON CONFLICT(source, hash) DO UPDATE SET articles = articles + 1, seen = articles + 1"
            " RETURNING articles", [source, TOTAL, "(articles of the source)"]).fetchone()[0]
        db.conn.executemany(
            "INSERT INTO furniture (source, hash, text, articles, seen) VALUES (?, ?, ?, 1, ?)"
            " ON CONFLICT(source, hash) DO UPDATE SET articles = articles + 1, seen = excluded.seen",
            [(source, k, t, total) for k, t in texts.items()],
        )
        if total % PRUNE_EVERY == 0:
            forget_stale(db, source, total, rule)
    keys, reached = list(texts), set()
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        marks = ", ".join("?" for _ in chunk)
        reached.update(r[0] for r in db.execute(
            f"SELECT hash FROM furniture WHERE source = ? AND hash IN ({marks}) AND {_FURNITURE}",
            [source, *chunk, *_reached(rule)]))
    return reached


def forget_stale(db: sqlite_utils.Database, source: str, total: int, rule: Rule) -> int:
    """Drop the source's candidates last seen more than `rule.window` articles ago; how many went.

    Furniture already learned stays: it is what the ingest needs to recognise."""
    return db.execute(
        f"DELETE FROM furniture WHERE source = ? AND hash != '*' AND seen <= ? AND NOT {_REACHED}",
        [source, total - rule.window, *_reached(rule)]).rowcount


def learned_hashes(db: sqlite_utils.Database, rule: Rule) -> dict[str, set[str]]:
    """Every source's furniture keys."""
    known: dict[str, set[str]] = {}
    for source, key in db.execute(f"SELECT source, hash FROM furniture WHERE {_FURNITURE}", _reached(rule)):
        known.setdefault(source, set()).add(key)
    return known


def list_furniture(db: sqlite_utils.Database, rule: Rule, source: str | None = None) -> list[dict[str, Any]]:
    """The learned furniture, most widespread first: source, text, articles, and the source's article count."""
    where, params = ("AND source = ?", [source]) if source else ("", [])
    cursor = db.execute(
        f"SELECT source, text, articles, {_SOURCE_TOTAL} FROM furniture WHERE {_FURNITURE} {where}"
        " ORDER BY source, articles DESC, text",
        [*_reached(rule), *params],
    )
    return [dict(zip(("source", "text", "articles", "of"), row, strict=True)) for row in cursor]


REACH_BACK_LIMIT = 5000  # stored sentences read for one newly learned text: furniture of a source, not of all


def sentences_with(db: sqlite_utils.Database, match: str, limit: int = REACH_BACK_LIMIT) -> list[dict[str, Any]]:
    """Stored sentences not yet marked furniture that hold every word of an FTS5 expression (already safe),
    with their article's source and link: the candidates for a text just learned as furniture."""
    cursor = db.execute(
        "SELECT s.id, s.text, a.source, a.url FROM sentences_fts f JOIN sentences s ON s.id = f.rowid"
        " JOIN articles a ON a.id = s.article_id WHERE sentences_fts MATCH ? AND s.kind != 'furniture' LIMIT ?",
        [match, limit])
    return [dict(zip(("id", "text", "source", "url"), row, strict=True)) for row in cursor]


def mark_furniture(db: sqlite_utils.Database, sentence_ids: list[int]) -> int:
    """Stored sentences become furniture after the fact: no answer, summary, digest or search snippet shows them
    again (the stored text loses them), and the figures, quotes, dates and mentions drawn from them go. How many
    were marked."""
    if not sentence_ids:
        return 0
    marks = ", ".join("?" for _ in sentence_ids)
    with transaction(db):
        found = db.execute(f"SELECT article_id, idx, text FROM sentences WHERE id IN ({marks})",
                           sentence_ids).fetchall()
        places = [(article, idx) for article, idx, _ in found]
        db.execute(f"UPDATE sentences SET kind = 'furniture' WHERE id IN ({marks})", sentence_ids)
        for table in ("facts", "mentions"):
            db.conn.executemany(f"DELETE FROM {table} WHERE article_id = ? AND sentence_idx = ?", places)
        db.conn.executemany(
            "UPDATE articles SET summary = (SELECT json_group_array(j.value) FROM json_each(articles.summary) j"
            " WHERE j.value != ?) WHERE id = ? AND EXISTS (SELECT 1 FROM json_each(articles.summary) j"
            " WHERE j.value = ?)", [(idx, article, idx) for article, idx in places])
        db.conn.executemany(  # the stored text too, which search shows snippets of
            "UPDATE articles SET text = replace(replace(text, ?, ''), char(10) || char(10) || char(10) || char(10),"
            " char(10) || char(10)) WHERE id = ?", [(text, article) for article, _, text in found])
    return len(places)
