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
