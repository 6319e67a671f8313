"""What a desk's stored coverage is about: its most-mentioned person and its biggest topic, for help
examples drawn from the desk itself rather than from another desk's news."""

from __future__ import annotations

import sqlite_utils

RECENT = 300  # the desk's newest articles: cheap on a large archive, and what the desk covers now
# The recent articles drive each join (CROSS JOIN fixes the order): with the LIMIT a bound parameter, SQLite
# cannot tell that they are 300, and on the whole archive (`/news help`) it walked every row of
# article_topics by topic probing them instead (67 ms against 3 ms at 100,000 articles).


def _recent(desk: str | None) -> tuple[str, list[object]]:
    if desk is None:
        return "SELECT id AS article_id FROM articles ORDER BY published DESC, id DESC LIMIT ?", [RECENT]
    return ("SELECT article_id FROM article_desks WHERE desk = ? ORDER BY published DESC, article_id DESC"
            " LIMIT ?", [desk, RECENT])


def people_query(desk: str | None, limit: int) -> tuple[str, list[object]]:
    """The SQL of `top_people` and its parameters."""
    recent, params = _recent(desk)
    return (
        f"WITH r AS MATERIALIZED ({recent}) SELECT e.name FROM r CROSS JOIN mentions m ON m.article_id = r.article_id"
        " CROSS JOIN entities e ON e.id = m.entity_id WHERE e.type = 'PERSON'"
        " GROUP BY e.id ORDER BY COUNT(DISTINCT m.article_id) DESC, COUNT(*) DESC, e.name LIMIT ?",
        [*params, limit],
    )


def topics_query(desk: str | None, limit: int) -> tuple[str, list[object]]:
    """The SQL of `top_topics` and its parameters."""
    recent, params = _recent(desk)
    return (
        f"WITH r AS MATERIALIZED ({recent}) SELECT t.topic FROM r CROSS JOIN article_topics t"
        " ON t.article_id = r.article_id GROUP BY t.topic ORDER BY COUNT(*) DESC, SUM(t.score) DESC, t.topic LIMIT ?",
        [*params, limit],
    )


def top_people(db: sqlite_utils.Database, desk: str | None, limit: int = 10) -> list[str]:
    """The people named in most of the desk's recent articles (ties: most mentions), most first."""
    return [r[0] for r in db.execute(*people_query(desk, limit)).fetchall()]


def top_topics(db: sqlite_utils.Database, desk: str | None, limit: int = 10) -> list[str]:
    """The topics most of the desk's recent articles are about (ties: the higher total score), most first."""
    return [r[0] for r in db.execute(*topics_query(desk, limit)).fetchall()]
