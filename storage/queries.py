"""Read queries behind the answers. Scoping by desk is a join on article_desks (None: every article)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

CANDIDATE_LIMIT = 200
PROFILE_ARTICLES = 200  # a who card reads its entity's newest articles this far (counts stay exact)
ROLE_FACTS = 30  # role facts read per entity, newest first
MENTION_COUNT_CAP = 1000  # articles counted to rank namesakes and same-name entities ("1000+" ranks first)


def corrected_data(data: str, correction: str | None) -> dict[str, Any]:
    """A fact's extracted fields with an editor's fixes laid over them."""
    return {**json.loads(data), **json.loads(correction or "{}")}


def _scope(desk: str | None, article: str = "a.id") -> tuple[str, list[Any]]:
    """Keep a row only if its article (the column `article`) is the desk's."""
    if desk is None:
        return "", []
    return f" AND {article} IN (SELECT article_id FROM article_desks WHERE desk = ?)", [desk]


def _in_passages(desk: str | None, article: str, idx: str) -> tuple[str, list[Any]]:
    """Keep a sentence (or its fact) only if it lies in the desk's passages of its article, when the desk
    holds passages rather than the whole article (article_desks.passages)."""
    if desk is None:
        return "", []
    return (
        f" AND NOT EXISTS (SELECT 1 FROM article_desks dp WHERE dp.desk = ? AND dp.article_id = {article}"
        f" AND dp.passages IS NOT NULL AND {idx} NOT IN (SELECT value FROM json_each(dp.passages)))",
        [desk],
    )


def rows(db: sqlite_utils.Database, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


@dataclass
class Match:
    """Which sentences an answer may draw from: every topic group (OR inside, AND across) and the text."""

    topic_groups: list[list[str]] = field(default_factory=list)
    fts: str | None = None  # a safe FTS5 expression for the words that are not topics

    def __bool__(self) -> bool:
        return bool(self.topic_groups or self.fts)


def _matched_ids(match: Match) -> tuple[str, list[Any]]:
    """A compound SELECT of matching sentence ids: topic look-ups (indexed) intersected with FTS."""
    parts, params = [], []
    for group in match.topic_groups:
        marks = ", ".join("?" for _ in group)
        parts.append(f"SELECT DISTINCT sentence_id FROM sentence_topics WHERE topic IN ({marks})")
        params += group
    if match.fts:
        parts.append("SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?")
        params.append(match.fts)
    return " INTERSECT ".join(parts), params


def matching_sentences(
    db: sqlite_utils.Database, match: Match, desk: str | None, limit: int = CANDIDATE_LIMIT
) -> list[dict[str, Any]]:
    """Body sentences in scope that match: by BM25 for text alone, else the newest first.

    The match set is materialised first and drives the joins, so a broad topic over a large archive
    costs index look-ups, never an FTS rank over every hit.
    """
    scope, scope_params = _scope(desk)
    passage, passage_params = _in_passages(desk, "s.article_id", "s.idx")
    if not match.topic_groups:
        return rows(
            db,
            "SELECT s.id, s.article_id, s.idx, COALESCE(s.shown, s.text) AS text, a.published, -f.rank AS relevance"
            " FROM sentences_fts f JOIN sentences s ON s.id = f.rowid JOIN articles a ON a.id = s.article_id"
            f" WHERE sentences_fts MATCH ? AND s.kind = 'body' AND s.alone = 1{scope}{passage} ORDER BY f.rank LIMIT ?",
            [match.fts, *scope_params, *passage_params, limit],
        )
    if len(match.topic_groups) == 1 and not match.fts:
        ids, params = _newest_in_topics(match.topic_groups[0], desk, limit)
        scope, scope_params = "", []
    else:
        ids, params = _matched_ids(match)
    return rows(
        db,
        f"WITH m(sentence_id) AS MATERIALIZED ({ids})"
        " SELECT s.id, s.article_id, s.idx, COALESCE(s.shown, s.text) AS text, a.published, 1.0 AS relevance"
        " FROM m CROSS JOIN sentences s ON s.id = m.sentence_id CROSS JOIN articles a ON a.id = s.article_id"
        f" WHERE s.kind = 'body' AND s.alone = 1{scope}{passage}"
        " ORDER BY a.published DESC, s.article_id DESC, s.idx LIMIT ?",
        [*params, *scope_params, *passage_params, limit],
    )


def _newest_in_topics(topics: list[str], desk: str | None, limit: int) -> tuple[str, list[Any]]:
    """The newest `limit` sentence ids of any of the topics, each topic read down its date index, in the
    answer's order (newest article first, then its sentences in order), so that the limit keeps the same
    sentences whichever plan reads them.

    The desk is checked on each sentence read (a look-up of its article in the desk's key): a list of the
    desk's articles to check against was built once per topic, and a broad topic expands to a dozen ('crime'
    on /peru at 100,000 articles: 109 ms, against 13 checked sentence by sentence). The date index is named:
    with the order's tie-breaks after the date, SQLite's planner read the topic's every sentence and sorted
    them instead of walking the dates down and sorting only each date's ties (136 ms against 0.7 for the
    archive's largest topic on /peru)."""
    scope = (" AND EXISTS (SELECT 1 FROM article_desks d WHERE d.desk = ? AND d.article_id = t.article_id)"
             if desk else "")
    per_topic = (
        "SELECT * FROM (SELECT t.sentence_id, t.article_id, t.published FROM sentence_topics t"
        f" INDEXED BY sentence_topics_recent WHERE t.topic = ?{scope}"
        " ORDER BY t.published DESC, t.article_id DESC, t.sentence_id LIMIT ?)"
    )
    union = " UNION ".join(per_topic for _ in topics)
    params: list[Any] = []
    for topic in topics:
        params += [topic, *([desk] if desk else []), limit]
    return (f"SELECT sentence_id FROM ({union}) ORDER BY published DESC, article_id DESC, sentence_id LIMIT ?",
            [*params, limit])


def _newest_articles(desk: str | None) -> str:
    """Article ids newest first along an index (undated ones last: NULL sorts lowest)."""
    if desk is None:
        return "SELECT id AS article_id FROM articles ORDER BY published DESC, id DESC"
    return "SELECT article_id FROM article_desks WHERE desk = ? ORDER BY published DESC, article_id DESC"


def recent_article_ids(db: sqlite_utils.Database, desk: str | None, limit: int) -> list[int]:
    params = [desk] if desk else []
    return [r[0] for r in db.execute(f"{_newest_articles(desk)} LIMIT ?", [*params, limit])]


def body_sentences(db: sqlite_utils.Database, article_ids: list[int], desk: str | None = None) -> list[dict[str, Any]]:
    """The body sentences of the articles, only the desk's passages where the desk holds passages."""
    marks = ", ".join("?" for _ in article_ids) or "NULL"
    passage, passage_params = _in_passages(desk, "s.article_id", "s.idx")
    return rows(
        db,
        "SELECT s.id, s.article_id, s.idx, COALESCE(s.shown, s.text) AS text, a.published, 1.0 AS relevance"
        f" FROM sentences s JOIN articles a ON a.id = s.article_id WHERE s.article_id IN ({marks})"
        f" AND s.kind = 'body' AND s.alone = 1{passage}"
        " ORDER BY s.article_id, s.idx",
        [*article_ids, *passage_params],
    )


def articles_by_id(db: sqlite_utils.Database, ids: list[int]) -> dict[int, dict[str, Any]]:
    marks = ", ".join("?" for _ in ids) or "NULL"
    found = rows(
        db, f"SELECT id, title, url, source, published, summary FROM articles WHERE id IN ({marks})", ids
    )
    return {r["id"]: r for r in found}


FACT_COLUMNS = (
    "SELECT f.id, f.key, f.kind, f.article_id, f.sentence_idx, f.date, f.value, f.data, f.text, f.entity_id,"
    " COALESCE(s2.shown, s2.text) AS sentence, a.published, e.name AS entity, c.data AS corrected"
)
FACT_ORDER = {  # both orders follow an index (articles_published, facts_kind_date) so LIMIT stops early
    "newest": "a.published DESC, a.id DESC, f.sentence_idx, f.id",
    "date": "f.date, f.id",
}


# A sentence is on a timeline once, under its own event's date: the best-ranked of its dates (facts.value
# holds an event's rank, bot/extract/events.py `_rank`); a document's date (rank 3) dates no event.
OWN_DATE = (
    " AND COALESCE(f.value, 0) < 3 AND NOT EXISTS (SELECT 1 FROM facts g WHERE g.article_id = f.article_id"
    " AND g.sentence_idx = f.sentence_idx AND g.kind = 'event' AND COALESCE(g.value, 0) < 3"
    " AND (COALESCE(g.value, 0) < COALESCE(f.value, 0) OR (COALESCE(g.value, 0) = COALESCE(f.value, 0)"
    " AND g.id < f.id)))"
)
# A topic's facts are read one of two ways: the matching sentences materialised and joined to their facts
# (cost grows with the match), or the facts walked in answer order along their index, each checked for the
# topic, until the page and the capped count are found (cost grows with how rare the topic is among all
# sentences: about COUNT_CAP x sentences / matches). The walk wins once matches exceed about
# sqrt(BROAD_FACTOR x sentences): measured crossovers ~4,000 matches at 10k articles (241k sentences) and
# ~9,500 at 50k (1.2M sentences; 'gangs' 6,007 matches: 440 ms walked, 45 ms joined; 'homicide' 13,324:
# 38 ms walked, 198 ms joined).
BROAD_FACTOR = 75
BROAD_MIN = 3000
CORRECTIONS = " LEFT JOIN fact_corrections c ON c.key = f.key"
COUNT_CAP = 200  # facts in a desk or on a topic are counted up to here ("200+")
COUNT_WALK = 4  # a topic's count walks the facts from this many times the page's threshold (`_breadth`)


def facts(
    db: sqlite_utils.Database, kind: str, desk: str | None, match: Match | None, limit: int = 500,
    offset: int = 0, order: str = "newest",
) -> tuple[int, bool, list[dict[str, Any]]]:
    """Facts of one kind in scope, optionally only from matching sentences; corrections applied.

    Returns (total, whether the total was capped, one page in the requested order). A narrow match is
    materialised and drives the joins; a broad topic is checked fact by fact along the date indexes,
    which stops at the page instead of sorting thousands of facts.
    """
    broad, count_broad = _breadth(db, match) if match and not match.fts else (False, False)
    corrections, visible = CORRECTIONS, _visible(kind)
    source, params, where, order_sql = _fact_source(kind, desk, match, order, broad)
    where += visible
    # a page shows each fact's sentence: a plan that reads no sentence (no match) checks it is there
    shown = "" if match else (" AND EXISTS (SELECT 1 FROM sentences s2 WHERE s2.article_id = f.article_id"
                              " AND s2.idx = f.sentence_idx)")
    # a page that joins the whole match sorts every matching fact, so it counts them on the way (a window
    # over the join): a count of its own joined the match a second time, all of it when fewer than COUNT_CAP
    # facts matched ('/peru timeline prisons' at 100,000 articles: 38 ms for the page, 37 more for the count)
    joined = bool(match) and not broad
    found = db.execute(
        f"{_with(match, broad)}SELECT f.id{', COUNT(*) OVER ()' if joined else ''} {source}{corrections}{where}{shown}"
        f" ORDER BY {order_sql} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    page = [r[0] for r in found]
    if joined and (found or not offset):
        total = found[0][1] if found else 0
    else:
        total = _count(db, kind, desk, match, order, count_broad)
    capped = total > COUNT_CAP
    total = min(total, COUNT_CAP)
    return total, capped, fact_details(db, page)


def _count(db: sqlite_utils.Database, kind: str, desk: str | None, match: Match | None, order: str,
           broad: bool) -> int:
    """The visible facts of one kind in scope, counted to COUNT_CAP + 1 at most ("200+"): an exact
    "587,093" costs a walk of the kind's index (280 ms for the quotes of 100,000 articles) and tells a
    reader nothing more."""
    source, params, where, _ = _fact_source(kind, desk, match, order, broad)
    counted = (f"{_with(match, broad)}SELECT COUNT(*) FROM (SELECT 1 {source}{CORRECTIONS}{where}{_visible(kind)}"
               " LIMIT ?)")
    return min(db.execute(counted, [*params, COUNT_CAP + 1]).fetchone()[0], COUNT_CAP + 1)


def _visible(kind: str) -> str:
    """What a fact shown must be: not hidden by an editor; an event, its sentence's own date (OWN_DATE)."""
    return (OWN_DATE if kind == "event" else "") + " AND (c.action IS NULL OR c.action != 'hide')"


def fact_details(db: sqlite_utils.Database, ids: list[int]) -> list[dict[str, Any]]:
    """The facts with these ids in this order, with their sentence, article date, entity and corrections.

    Read for a page once it is chosen: joined before the sort, the sentence and the JSON of every matching
    fact were carried through it (a broad word's 9,000 quotes at 100,000 articles for a page of 120)."""
    marks = ", ".join("?" for _ in ids) or "NULL"
    found = {r["id"]: r for r in rows(
        db,
        f"{FACT_COLUMNS} FROM facts f JOIN articles a ON a.id = f.article_id"
        " JOIN sentences s2 ON s2.article_id = f.article_id AND s2.idx = f.sentence_idx"
        " LEFT JOIN entities e ON e.id = f.entity_id LEFT JOIN fact_corrections c ON c.key = f.key"
        f" WHERE f.id IN ({marks})",
        ids,
    )}
    ordered = [found[i] for i in ids]
    for fact in ordered:
        fact["data"] = corrected_data(fact["data"], fact.pop("corrected"))
    return ordered


def _broad_match(db: sqlite_utils.Database) -> int:
    """Matching sentences beyond which a topic's facts are walked in answer order (see BROAD_FACTOR); the
    archive's sentence count is read from the newest sentence id, an index look-up, not a count."""
    sentences = db.execute("SELECT MAX(id) FROM sentences").fetchone()[0] or 0
    return max(BROAD_MIN, int(math.sqrt(BROAD_FACTOR * sentences)))


def _breadth(db: sqlite_utils.Database, match: Match) -> tuple[bool, bool]:
    """Whether a topic's page, and its count, walk the facts in answer order rather than join the match.

    The page walks from `_broad_match` sentences on. The count needs no order, so it joins the match and
    stops at COUNT_CAP up to COUNT_WALK times that: a walk's cost follows how rare the topic is along the
    dates, and a topic's coverage bunches in time ('drug trafficking', 27,000 of 2.4M sentences at 100,000
    articles: 214 ms walked to 201 events against 32 ms joined), while the join's grows only with the match
    ('crime', 113,000 matches: 118 ms joined against 29 ms walked). Counted no further than needed."""
    limit = _broad_match(db)
    ids, params = _matched_ids(match)
    matched = db.execute(f"SELECT COUNT(*) FROM ({ids} LIMIT {COUNT_WALK * limit})", params).fetchone()[0]
    return matched >= limit, matched >= COUNT_WALK * limit


def _with(match: Match | None, broad: bool) -> str:
    """The materialised match set, for the narrow plan; its parameters lead the query's."""
    return f"WITH m(sentence_id) AS MATERIALIZED ({_matched_ids(match)[0]}) " if match and not broad else ""


def _fact_source(
    kind: str, desk: str | None, match: Match | None, order: str, broad: bool
) -> tuple[str, list[Any], str, str]:
    """FROM clause, parameters, WHERE clause (the desk, its passages, the topic) and ORDER BY of a facts query,
    each plan on its index."""
    scope, scope_params = _scope(desk)
    order_sql = FACT_ORDER[order]
    if match and not broad:
        # the desk and its passages are checked on the matching sentence, before its facts are looked up: a
        # word in 35,000 sentences of the archive has a fifth of them on one desk
        scope, scope_params = _scope(desk, "s.article_id")
        passage, passage_params = _in_passages(desk, "s.article_id", "s.idx")
        source = (
            "FROM m CROSS JOIN sentences s ON s.id = m.sentence_id CROSS JOIN facts f"
            " ON f.article_id = s.article_id AND f.sentence_idx = s.idx CROSS JOIN articles a ON a.id = f.article_id"
        )
        params = [*_matched_ids(match)[1], kind, *scope_params, *passage_params]
        return source, params, f" WHERE f.kind = ?{scope}{passage}", order_sql
    if order == "newest" and desk:
        source = (
            "FROM article_desks d CROSS JOIN articles a ON a.id = d.article_id"
            " CROSS JOIN facts f ON f.article_id = a.id"
        )
        scope, order_sql = " AND d.desk = ?", "d.published DESC, d.article_id DESC, f.sentence_idx, f.id"
    elif order == "newest":
        source = "FROM articles a CROSS JOIN facts f ON f.article_id = a.id"
    else:
        source = "FROM facts f CROSS JOIN articles a ON a.id = f.article_id"
        # the desk on the fact's own column: checked before the topic and date checks, not after them
        scope, scope_params = _scope(desk, "f.article_id")
    passage, passage_params = _in_passages(desk, "f.article_id", "f.sentence_idx")
    where, params = f" WHERE f.kind = ?{scope}{passage}", [kind, *scope_params, *passage_params]
    for group in match.topic_groups if match else []:
        marks = ", ".join("?" for _ in group)
        where += (
            " AND EXISTS (SELECT 1 FROM sentences s1 CROSS JOIN sentence_topics t ON t.sentence_id = s1.id"
            f" WHERE s1.article_id = f.article_id AND s1.idx = f.sentence_idx AND t.topic IN ({marks}))"
        )
        params += group
    return source, params, where, order_sql


def entity_by_alias(db: sqlite_utils.Database, key: str) -> list[dict[str, Any]]:
    return rows(
        db,
        "SELECT e.id, e.name, e.type, COUNT(DISTINCT m.article_id) AS articles FROM aliases al"
        " JOIN entities e ON e.id = al.entity_id LEFT JOIN mentions m ON m.entity_id = e.id"
        " WHERE al.key = ? GROUP BY e.id ORDER BY articles DESC",
        [key],
    )


def entity_names(db: sqlite_utils.Database, limit: int = 20000) -> list[tuple[int, str]]:
    """Aliases of entities, most mentioned first, for fuzzy look-up of a name typed by a user."""
    return [
        (r[0], r[1])
        for r in db.execute(
            "SELECT al.entity_id, al.key FROM aliases al JOIN entities e ON e.id = al.entity_id"
            " WHERE e.type IN ('PERSON', 'ORG') LIMIT ?",
            [limit],
        )
    ]


def entity_display_names(db: sqlite_utils.Database, limit: int = 20000) -> dict[str, tuple[int, str]]:
    """Alias key → (entity id, the alias as articles write it) of people and organisations: a suggestion
    reads "Gaddafi", not "gaddafi", and names each entity once."""
    found = db.execute(
        "SELECT al.key, al.entity_id, al.alias FROM aliases al JOIN entities e ON e.id = al.entity_id"
        " WHERE e.type IN ('PERSON', 'ORG') LIMIT ?", [limit]).fetchall()
    return {key: (entity_id, alias) for key, entity_id, alias in reversed(found)}


def namesakes(db: sqlite_utils.Database, key: str, entity_id: int, limit: int = 5) -> list[dict[str, Any]]:
    """Other people and organisations one of whose names contains the typed name as a whole word ("who
    Ortega": Daniel Ortega beside Ortega Rosas), most mentioned first."""
    like = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return rows(
        db,
        "SELECT e.id, e.name, e.type, (SELECT COUNT(*) FROM (SELECT DISTINCT m.article_id FROM mentions m"
        f" WHERE m.entity_id = e.id LIMIT {MENTION_COUNT_CAP})) AS articles"
        " FROM entities e WHERE e.id != ? AND e.type IN ('PERSON', 'ORG') AND e.id IN (SELECT entity_id"
        " FROM aliases WHERE key = ? OR key LIKE ? ESCAPE '\\' OR key LIKE ? ESCAPE '\\' OR key LIKE ? ESCAPE '\\')"
        " ORDER BY articles DESC, e.id LIMIT ?",
        [entity_id, key, f"{like} %", f"% {like}", f"% {like} %", limit],
    )


def entity_profile(db: sqlite_utils.Database, entity_id: int, desk: str | None) -> dict[str, Any]:
    """Name, type, aliases, and within the desk's scope (its passages, when it holds only passages):
    how many articles and mentions, the newest PROFILE_ARTICLES articles, and who appears in the same
    sentences of those. The counts are exact (an index walk); the rows read stop at the newest articles,
    so a card on the archive's most-covered person costs what a card on anyone else does."""
    scope, params = _scope(desk)
    passage, passage_params = _in_passages(desk, "m.article_id", "m.sentence_idx")
    where, where_params = f"m.entity_id = ?{scope}{passage}", [entity_id, *params, *passage_params]
    entity = rows(db, "SELECT id, name, type FROM entities WHERE id = ?", [entity_id])[0]
    entity["aliases"] = [r[0] for r in db.execute(
        "SELECT alias FROM aliases WHERE entity_id = ? ORDER BY length(alias) DESC", [entity_id])]
    entity["article_count"], entity["mention_count"] = db.execute(
        f"SELECT COUNT(DISTINCT m.article_id), COUNT(*) FROM mentions m JOIN articles a ON a.id = m.article_id"
        f" WHERE {where}", where_params).fetchone()
    entity["article_ids"] = [r[0] for r in db.execute(
        f"SELECT m.article_id FROM mentions m JOIN articles a ON a.id = m.article_id WHERE {where}"
        " GROUP BY m.article_id ORDER BY a.published DESC, m.article_id DESC LIMIT ?",
        [*where_params, PROFILE_ARTICLES])]
    marks = ", ".join("?" for _ in entity["article_ids"]) or "NULL"
    entity["related"] = rows(
        db,
        "SELECT e.id, e.name, e.type, COUNT(*) AS together FROM mentions m"
        " JOIN mentions o ON o.article_id = m.article_id AND o.sentence_idx = m.sentence_idx"
        " AND o.entity_id != m.entity_id JOIN entities e ON e.id = o.entity_id"
        f" WHERE m.entity_id = ? AND m.article_id IN ({marks}) AND e.type IN ('PERSON', 'ORG'){passage}"
        " GROUP BY e.id ORDER BY together DESC LIMIT 5",
        [entity_id, *entity["article_ids"], *passage_params],
    )
    return entity


def entity_facts(
    db: sqlite_utils.Database, entity_id: int, kind: str, desk: str | None = None, limit: int = 20
) -> list[dict[str, Any]]:
    """The entity's newest `limit` facts of one kind within the desk's scope; corrections applied. Only the
    page is read: the most-quoted person has thousands of quotes in a large archive."""
    scope, params = _scope(desk)
    passage, passage_params = _in_passages(desk, "f.article_id", "f.sentence_idx")
    found = rows(
        db,
        "SELECT f.id, f.key, f.article_id, f.sentence_idx, f.data, f.text, c.data AS corrected"
        " FROM facts f LEFT JOIN fact_corrections c ON c.key = f.key"
        " JOIN articles a ON a.id = f.article_id"
        f" WHERE f.entity_id = ? AND f.kind = ? AND (c.action IS NULL OR c.action != 'hide'){scope}{passage}"
        " ORDER BY a.published DESC, f.article_id DESC, f.sentence_idx LIMIT ?",
        [entity_id, kind, *params, *passage_params, limit],
    )
    for fact in found:
        fact["data"] = corrected_data(fact["data"], fact.pop("corrected"))
    return found


def search_articles(
    db: sqlite_utils.Database, match: str, desk: str | None, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    scope, params = _scope(desk)
    total = db.execute(
        f"SELECT COUNT(*) FROM articles_fts f JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH ?{scope}",
        [match, *params],
    ).fetchone()[0]
    found = rows(
        db,
        "SELECT a.id, a.title, a.published, a.language, snippet(articles_fts, 1, '\x02', '\x03', ' … ', 24) AS snippet"
        f" FROM articles_fts f JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH ?{scope}"
        " ORDER BY f.rank LIMIT ? OFFSET ?",
        [match, *params, limit, offset],
    )
    return total, found


def latest_articles(
    db: sqlite_utils.Database, desk: str | None, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    params = [desk] if desk else []
    if desk is None:
        total = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    else:
        total = db.execute("SELECT COUNT(*) FROM article_desks WHERE desk = ?", params).fetchone()[0]
    found = rows(
        db,
        f"WITH n AS MATERIALIZED ({_newest_articles(desk)} LIMIT ? OFFSET ?)"
        " SELECT a.id, a.title, a.published, a.summary, a.language FROM n CROSS JOIN articles a ON a.id = n.article_id"
        " ORDER BY a.published DESC, a.id DESC",
        [*params, limit, offset],
    )
    return total, found


def sentence_texts(db: sqlite_utils.Database, article_id: int, idxs: list[int]) -> list[str]:
    marks = ", ".join("?" for _ in idxs) or "NULL"
    return [r[0] for r in db.execute(
        f"SELECT text FROM sentences WHERE article_id = ? AND idx IN ({marks}) ORDER BY idx",
        [article_id, *idxs])]


def lede(db: sqlite_utils.Database, article_id: int) -> str | None:
    """The first body sentence: what the writer chose to say first."""
    row = db.execute(
        "SELECT text FROM sentences WHERE article_id = ? AND kind = 'body' ORDER BY idx LIMIT 1", [article_id]
    ).fetchone()
    return row[0] if row else None


def date_range(db: sqlite_utils.Database, article_ids: list[int]) -> tuple[str | None, str | None]:
    marks = ", ".join("?" for _ in article_ids) or "NULL"
    return tuple(db.execute(
        f"SELECT MIN(published), MAX(published) FROM articles WHERE id IN ({marks})", article_ids
    ).fetchone())


def latest_roles(db: sqlite_utils.Database, entity_ids: list[int]) -> dict[int, list[str]]:
    """Each entity's stated roles from its newest ROLE_FACTS role facts, newest article first, corrections
    applied, hidden ones left out: a role line shows two or three, and the archive's most-described person
    has hundreds."""
    marks = ", ".join("?" for _ in entity_ids) or "NULL"
    found = rows(
        db,
        "SELECT entity_id, data, corrected FROM (SELECT f.entity_id, f.data, c.data AS corrected, ROW_NUMBER()"
        " OVER (PARTITION BY f.entity_id ORDER BY a.published DESC, f.article_id DESC, f.sentence_idx) AS n"
        " FROM facts f JOIN articles a ON a.id = f.article_id LEFT JOIN fact_corrections c ON c.key = f.key"
        f" WHERE f.kind = 'role' AND f.entity_id IN ({marks}) AND (c.action IS NULL OR c.action != 'hide'))"
        " WHERE n <= ? ORDER BY entity_id, n",
        [*entity_ids, ROLE_FACTS],
    )
    roles: dict[int, list[str]] = {}
    for r in found:
        role = corrected_data(r["data"], r["corrected"]).get("role")
        if role and role not in roles.setdefault(r["entity_id"], []):
            roles[r["entity_id"]].append(role)
    return roles
