"""Per-source furniture counts: how many distinct articles of a source carried a paragraph or sentence.

A row with hash '*' counts the source's articles. A text is furniture when it reached `least` articles, or
`small` articles that are at least `share` per cent of its source's (a young or small source); below
that, it is a candidate.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import sqlite_utils

TOTAL = "*"


class Rule(NamedTuple):
    least: int  # this many articles make furniture
    small: int  # ... or this many, when they are
    share: int  # ... at least this percentage of the source's articles


_FURNITURE = (
    "hash != '*' AND (articles >= ? OR (articles >= ? AND articles * 100 >= ? *"
    " (SELECT t.articles FROM furniture t WHERE t.source = furniture.source AND t.hash = '*')))"
)


def count_texts(db: sqlite_utils.Database, source: str, texts: dict[str, str], rule: Rule) -> set[str]:
    """Add one article's texts (key -> text) to its source's counts; return the keys that are now furniture."""
    with db.conn:
        db.conn.executemany(
            "INSERT INTO furniture (source, hash, text, articles) VALUES (?, ?, ?, 1)"
            " ON CONFLICT(source, hash) DO UPDATE SET articles = articles + 1",
            [(source, TOTAL, "(articles of the source)"), *((source, k, t) for k, t in texts.items())],
        )
    keys, reached = list(texts), set()
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        marks = ", ".join("?" for _ in chunk)
        reached.update(r[0] for r in db.execute(
            f"SELECT hash FROM furniture WHERE source = ? AND hash IN ({marks}) AND {_FURNITURE}",
            [source, *chunk, *rule]))
    return reached


def learned_hashes(db: sqlite_utils.Database, rule: Rule) -> dict[str, set[str]]:
    """Every source's furniture keys."""
    known: dict[str, set[str]] = {}
    for source, key in db.execute(f"SELECT source, hash FROM furniture WHERE {_FURNITURE}", list(rule)):
        known.setdefault(source, set()).add(key)
    return known


def list_furniture(db: sqlite_utils.Database, rule: Rule, source: str | None = None) -> list[dict[str, Any]]:
    """The learned furniture, most widespread first: source, text, articles, and the source's article count."""
    where, params = ("AND source = ?", [source]) if source else ("", [])
    cursor = db.execute(
        "SELECT source, text, articles, (SELECT t.articles FROM furniture t WHERE t.source = furniture.source"
        f" AND t.hash = '*') FROM furniture WHERE {_FURNITURE} {where} ORDER BY source, articles DESC, text",
        [*rule, *params],
    )
    return [dict(zip(("source", "text", "articles", "of"), row, strict=True)) for row in cursor]
