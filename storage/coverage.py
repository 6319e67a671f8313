"""What a desk's stored coverage is about: its most-mentioned person and its biggest topic, for help
examples drawn from the desk itself rather than from another desk's news."""

from __future__ import annotations

import sqlite_utils

RECENT = 300  # the desk's newest articles: cheap on a large archive, and what the desk covers now


def _recent(desk: str | None) -> tuple[str, list[object]]:
    if desk is None:
        return "SELECT id AS article_id FROM articles ORDER BY published DESC, id DESC LIMIT ?", [RECENT]
    return ("SELECT article_id FROM article_desks WHERE desk = ? ORDER BY published DESC, article_id DESC"
            " LIMIT ?", [desk, RECENT])


def top_people(db: sqlite_utils.Database, desk: str | None, limit: int = 10) -> list[str]:
    """The people named in most of the desk's recent articles (ties: most mentions), most first."""
    recent, params = _recent(desk)
    rows = db.execute(
        f"WITH r AS MATERIALIZED ({recent}) SELECT e.name FROM mentions m JOIN r ON r.article_id = m.article_id"
        " JOIN entities e ON e.id = m.entity_id WHERE e.type = 'PERSON'"
        " GROUP BY e.id ORDER BY COUNT(DISTINCT m.article_id) DESC, COUNT(*) DESC, e.name LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [r[0] for r in rows]


def top_topics(db: sqlite_utils.Database, desk: str | None, limit: int = 10) -> list[str]:
    """The topics most of the desk's recent articles are about (ties: the higher total score), most first."""
    recent, params = _recent(desk)
    rows = db.execute(
        f"WITH r AS MATERIALIZED ({recent}) SELECT t.topic FROM article_topics t"
        " JOIN r ON r.article_id = t.article_id GROUP BY t.topic"
        " ORDER BY COUNT(*) DESC, SUM(t.score) DESC, t.topic LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [r[0] for r in rows]
