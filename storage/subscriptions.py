"""Subscriptions, the delivery ledger, the digest queue, attempts in flight and the delivery log.

Plain queries over the tables of the subscriptions migration. The rule that makes delivery exactly once
lives in `record_posted`: the ledger rows, the queue clean-up, the closing of the attempt and the `posted`
log rows are one transaction, written right after Slack confirms a post.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from storage.db import transaction
from storage.queries import _in_passages, rows

SUBSCRIPTION_FIELDS = (
    "team", "channel", "desk", "topics", "who", "entity_id", "schedule", "tz", "created_by", "created_at",
    "active", "start_after", "checked_through", "next_run_at",
)


def _marks(values: Iterable[Any]) -> str:
    return ", ".join("?" for _ in values) or "NULL"


def newest_article_id(db: sqlite_utils.Database) -> int:
    """The highest article id stored: a new subscription starts after it (no backlog)."""
    return db.execute("SELECT COALESCE(MAX(id), 0) FROM articles").fetchone()[0]


def insert_subscription(db: sqlite_utils.Database, fields: dict[str, Any]) -> int:
    """Store a subscription; its start is the newest article id at this very moment (same transaction)."""
    data = {k: fields.get(k) for k in SUBSCRIPTION_FIELDS if k in fields}
    with transaction(db):
        newest = newest_article_id(db)
        data["start_after"] = data["checked_through"] = newest
        cursor = db.execute(
            f"INSERT INTO subscriptions ({', '.join(data)}) VALUES ({_marks(data)})", list(data.values())
        )
    return int(cursor.lastrowid)


def update_subscription(db: sqlite_utils.Database, sub_id: int, **fields: Any) -> None:
    if not fields:
        return
    with transaction(db):
        db.execute(f"UPDATE subscriptions SET {', '.join(f'{k} = ?' for k in fields)} WHERE id = ?",
                   [*fields.values(), sub_id])


def delete_subscription(db: sqlite_utils.Database, sub_id: int) -> bool:
    """Remove a subscription with its queue and attempts; the ledger and the log stay (history)."""
    with transaction(db):
        db.execute("DELETE FROM delivery_attempts WHERE subscription_id = ?", [sub_id])
        cursor = db.execute("DELETE FROM subscriptions WHERE id = ?", [sub_id])
    return cursor.rowcount == 1


def subscriptions(
    db: sqlite_utils.Database, *, channel: str | None = None, active_only: bool = True, ids: list[int] | None = None
) -> list[dict[str, Any]]:
    where, params = ["1 = 1"], []
    if channel:
        where.append("channel = ?")
        params.append(channel)
    if active_only:
        where.append("active = 1")
    if ids is not None:
        where.append(f"id IN ({_marks(ids)})")
        params += ids
    return rows(db, f"SELECT * FROM subscriptions WHERE {' AND '.join(where)} ORDER BY id", params)


def subscription(db: sqlite_utils.Database, sub_id: int) -> dict[str, Any] | None:
    found = rows(db, "SELECT * FROM subscriptions WHERE id = ?", [sub_id])
    return found[0] if found else None


# --- matching new articles ---------------------------------------------------------------------------

def article_ids_between(db: sqlite_utils.Database, after: int, upto: int) -> list[int]:
    return [r[0] for r in db.execute("SELECT id FROM articles WHERE id > ? AND id <= ? ORDER BY id", [after, upto])]


def in_desk(db: sqlite_utils.Database, desk: str, after: int, upto: int) -> set[int]:
    return {r[0] for r in db.execute(
        "SELECT article_id FROM article_desks WHERE desk = ? AND article_id > ? AND article_id <= ?",
        [desk, after, upto])}


def containing_text(db: sqlite_utils.Database, fts: str, after: int, upto: int) -> set[int]:
    """Articles in the id range whose title or text matches a safe FTS5 expression."""
    return {r[0] for r in db.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid > ? AND rowid <= ?",
        [fts, after, upto])}


def mentioning(db: sqlite_utils.Database, entity_ids: list[int], after: int, upto: int) -> set[int]:
    """Articles in the id range that mention any of the entities."""
    return {r[0] for r in db.execute(
        f"SELECT DISTINCT article_id FROM mentions WHERE entity_id IN ({_marks(entity_ids)})"
        " AND article_id > ? AND article_id <= ?", [*entity_ids, after, upto])}


def titles_and_texts(db: sqlite_utils.Database, ids: list[int]) -> dict[int, tuple[str, str]]:
    """Each article's title and clean text: what a subscription's subjects are looked for in."""
    return {r[0]: (r[1] or "", r[2] or "") for r in db.execute(
        f"SELECT id, title, text FROM articles WHERE id IN ({_marks(ids)})", ids)}


def text_hashes(db: sqlite_utils.Database, ids: list[int]) -> dict[int, str]:
    """Each article's text hash: what says whether a text read and folded earlier is still the article's."""
    return {r[0]: r[1] or "" for r in db.execute(
        f"SELECT id, text_hash FROM articles WHERE id IN ({_marks(ids)})", ids)}


def knows_name(db: sqlite_utils.Database, key: str, types: Iterable[str]) -> bool:
    """Whether an entity of one of `types` (places; people and bodies) has this name or alias (a name key)."""
    kinds = list(types)
    return db.execute(
        f"SELECT 1 FROM aliases al JOIN entities e ON e.id = al.entity_id WHERE al.key = ? AND e.type IN"
        f" ({_marks(kinds)}) LIMIT 1", [key, *kinds]).fetchone() is not None


def entities_named(db: sqlite_utils.Database, key: str, kind: str) -> list[int]:
    """Entities of `kind` with a name or alias holding the whole name key as words ("briton tony hayward"
    holds "tony hayward")."""
    pattern = "% " + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + " %"
    return [r[0] for r in db.execute(
        "SELECT DISTINCT al.entity_id FROM aliases al JOIN entities e ON e.id = al.entity_id"
        " WHERE e.type = ? AND ' ' || al.key || ' ' LIKE ? ESCAPE '\\'", [kind, pattern])]


def delivered(db: sqlite_utils.Database, sub_id: int, article_ids: list[int]) -> set[int]:
    return {r[0] for r in db.execute(
        f"SELECT article_id FROM deliveries WHERE subscription_id = ? AND article_id IN ({_marks(article_ids)})",
        [sub_id, *article_ids])}


def queue_and_skip(
    db: sqlite_utils.Database, sub_id: int, queued: list[int], skipped: list[tuple[int, str]], checked_through: int,
    at: str,
) -> None:
    """Record one matching pass: matches queued, the rest logged as skipped, the pass's end remembered."""
    with transaction(db):
        db.conn.executemany(
            "INSERT OR IGNORE INTO digest_queue (subscription_id, article_id, queued_at)"
            " SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM deliveries WHERE subscription_id = ? AND article_id = ?)",
            [(sub_id, a, at, sub_id, a) for a in queued])
        db.conn.executemany(
            "INSERT INTO delivery_log (subscription_id, article_id, status, reason, at) VALUES (?, ?, 'skipped', ?, ?)",
            [(sub_id, a, reason, at) for a, reason in skipped])
        db.execute("UPDATE subscriptions SET checked_through = MAX(checked_through, ?) WHERE id = ?",
                   [checked_through, sub_id])


def queued(db: sqlite_utils.Database, sub_id: int) -> list[int]:
    """Articles matched for the subscription and not yet in its ledger, oldest first."""
    return [r[0] for r in db.execute(
        "SELECT q.article_id FROM digest_queue q WHERE q.subscription_id = ? AND NOT EXISTS"
        " (SELECT 1 FROM deliveries d WHERE d.subscription_id = q.subscription_id AND d.article_id = q.article_id)"
        " ORDER BY q.article_id", [sub_id])]


# --- attempts, the ledger and the log ---------------------------------------------------------------

def open_attempt(db: sqlite_utils.Database, key: str, sub_id: int, channel: str, article_ids: list[int],
                 started_at: float) -> None:
    """Say a post is about to leave: if we die before the ledger write, the next run looks for it."""
    with transaction(db):
        db.execute("INSERT INTO delivery_attempts (key, subscription_id, channel, article_ids, started_at)"
                   " VALUES (?, ?, ?, ?, ?)", [key, sub_id, channel, json.dumps(article_ids), started_at])


def attempts(db: sqlite_utils.Database, sub_id: int) -> list[dict[str, Any]]:
    found = rows(db, "SELECT * FROM delivery_attempts WHERE subscription_id = ? ORDER BY started_at", [sub_id])
    for row in found:
        row["article_ids"] = json.loads(row["article_ids"])
    return found


def drop_attempt(db: sqlite_utils.Database, key: str) -> None:
    with transaction(db):
        db.execute("DELETE FROM delivery_attempts WHERE key = ?", [key])


def record_posted(db: sqlite_utils.Database, key: str | None, sub_id: int, channel: str, ts: str | None,
                  article_ids: list[int], at: str) -> None:
    """Slack confirmed the post: ledger, queue, attempt and log in one transaction."""
    with transaction(db):
        db.conn.executemany(
            "INSERT OR IGNORE INTO deliveries (subscription_id, article_id, channel, ts, posted_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [(sub_id, a, channel, ts, at) for a in article_ids])
        db.conn.executemany("DELETE FROM digest_queue WHERE subscription_id = ? AND article_id = ?",
                            [(sub_id, a) for a in article_ids])
        if key:
            db.execute("DELETE FROM delivery_attempts WHERE key = ?", [key])
        db.conn.executemany(
            "INSERT INTO delivery_log (subscription_id, article_id, status, channel, ts, at)"
            " VALUES (?, ?, 'posted', ?, ?, ?)", [(sub_id, a, channel, ts, at) for a in article_ids])


def record_failed(db: sqlite_utils.Database, sub_id: int, article_ids: list[int], reason: str, next_retry: str,
                  at: str) -> None:
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO delivery_log (subscription_id, article_id, status, reason, at, next_retry)"
            " VALUES (?, ?, 'failed', ?, ?, ?)", [(sub_id, a, reason, at, next_retry) for a in article_ids])
        db.execute("UPDATE subscriptions SET failures = failures + 1, last_error = ?, next_run_at = ? WHERE id = ?",
                   [reason, next_retry, sub_id])


def prune_log(db: sqlite_utils.Database, before: str) -> int:
    """Drop delivery-log entries written before `before` (ISO time); how many went."""
    with transaction(db):
        return db.execute("DELETE FROM delivery_log WHERE at < ?", [before]).rowcount


@dataclass
class LogFilter:
    """What `newsbot log` was asked about: one channel, one article, one status (None: any)."""

    channel: str | None = None
    article_id: int | None = None
    status: str | None = None

    def where(self, channel_col: str, article_col: str) -> tuple[str, list[Any]]:
        """SQL conditions (" AND ...") and their parameters for the channel and the article."""
        sql, params = "", []
        if self.channel:
            sql += f" AND {channel_col} = ?"
            params.append(self.channel)
        if self.article_id is not None:
            sql += f" AND {article_col} = ?"
            params.append(self.article_id)
        return sql, params


def latest_log(db: sqlite_utils.Database, limit: int, only: LogFilter | None = None) -> list[dict[str, Any]]:
    """The latest entry for each (subscription, article), newest first, with titles and channels."""
    where, params = (only or LogFilter()).where("s.channel", "l.article_id")
    if only and only.status in ("posted", "skipped", "failed"):
        where += " AND l.status = ?"
        params.append(only.status)
    return rows(
        db,
        "SELECT l.*, a.title, a.url, s.desk, s.topics, s.who, s.channel AS sub_channel FROM delivery_log l"
        " LEFT JOIN articles a ON a.id = l.article_id LEFT JOIN subscriptions s ON s.id = l.subscription_id"
        f" WHERE l.id IN (SELECT MAX(id) FROM delivery_log GROUP BY subscription_id, article_id){where}"
        " ORDER BY l.id DESC LIMIT ?", [*params, limit])


def duplicates_since(db: sqlite_utils.Database, limit: int, only: LogFilter | None = None) -> list[dict[str, Any]]:
    """Copies of an article a subscription already has (posted or queued), seen after it began."""
    where, params = (only or LogFilter()).where("s.channel", "c.article_id")
    return rows(
        db,
        "SELECT c.id AS copy_id, c.article_id, c.title AS copy_title, c.url AS copy_url, c.source AS copy_source,"
        " c.seen_at AS at, s.id AS subscription_id, s.channel AS sub_channel, s.desk, s.topics, s.who, a.title"
        " FROM article_copies c JOIN articles a ON a.id = c.article_id"
        " JOIN subscriptions s ON c.seen_at >= s.created_at"
        " WHERE (EXISTS (SELECT 1 FROM deliveries d WHERE d.subscription_id = s.id AND d.article_id = c.article_id)"
        " OR EXISTS (SELECT 1 FROM digest_queue q WHERE q.subscription_id = s.id AND q.article_id = c.article_id))"
        f"{where} ORDER BY c.seen_at DESC LIMIT ?", [*params, limit])


def pending_entries(db: sqlite_utils.Database, limit: int, only: LogFilter | None = None) -> list[dict[str, Any]]:
    """Queued articles waiting for their subscription's next digest."""
    where, params = (only or LogFilter()).where("s.channel", "q.article_id")
    return rows(
        db,
        "SELECT q.subscription_id, q.article_id, q.queued_at AS at, a.title, a.url, s.desk, s.topics, s.who,"
        " s.channel AS sub_channel, s.next_run_at FROM digest_queue q JOIN articles a ON a.id = q.article_id"
        f" JOIN subscriptions s ON s.id = q.subscription_id WHERE 1 = 1{where} ORDER BY q.queued_at DESC LIMIT ?",
        [*params, limit])


# --- what a digest shows ------------------------------------------------------------------------------

def digest_articles(db: sqlite_utils.Database, ids: list[int]) -> list[dict[str, Any]]:
    found = rows(db, "SELECT id, title, url, source, published, summary, story_id, language FROM articles"
                 f" WHERE id IN ({_marks(ids)}) ORDER BY id", ids)
    for row in found:
        row["summary"] = json.loads(row["summary"] or "[]")
    return found


def sentences_of(db: sqlite_utils.Database, article_id: int, idxs: list[int], desk: str | None = None
                 ) -> dict[int, tuple[str, str | None]]:
    """The article's sentences at these positions, each as (text, how to show it alone: its text with a
    pronoun named, itself, or None when it cannot stand alone, "that list …"); for a desk that holds only
    passages of the article (a paragraph on Lima in a region-wide round-up), only those in its passages."""
    passage, params = _in_passages(desk, "s.article_id", "s.idx")
    return {r[0]: (r[1], (r[2] or r[1]) if r[3] else None) for r in db.execute(
        f"SELECT s.idx, s.text, s.shown, s.alone FROM sentences s WHERE s.article_id = ? AND s.idx IN"
        f" ({_marks(idxs)}){passage}", [article_id, *idxs, *params])}


def sentences_saying(db: sqlite_utils.Database, article_id: int, before: int, word: str) -> dict[int, str]:
    """The article's sentences before position `before` that hold `word` (any case): the few a rule must read,
    found by the database instead of reading every sentence."""
    return {r[0]: r[1] for r in db.execute(
        "SELECT idx, text FROM sentences WHERE article_id = ? AND idx < ? AND text LIKE ?",
        [article_id, before, f"%{word}%"])}


FACTS_PER_ARTICLE = 6  # of each kind: a digest shows three figures and two quotes a story


def article_facts(db: sqlite_utils.Database, ids: list[int], kinds: tuple[str, ...], desk: str | None = None
                  ) -> list[dict[str, Any]]:
    """The first facts of each kind of the articles (every dated statistic, for conflicts), editors'
    corrections laid over them, hidden ones left out; for a desk, only those in its passages."""
    passage, params = _in_passages(desk, "f.article_id", "f.sentence_idx")
    found = rows(
        db,
        "SELECT * FROM (SELECT f.id, f.article_id, f.sentence_idx, f.kind, f.entity_id, f.date, f.value, f.data,"
        " f.text,"
        " c.data AS corrected, ROW_NUMBER() OVER (PARTITION BY f.article_id, f.kind ORDER BY f.sentence_idx) AS n"
        " FROM facts f LEFT JOIN fact_corrections c ON c.key = f.key"
        f" WHERE f.article_id IN ({_marks(ids)}) AND f.kind IN ({_marks(kinds)})"
        f" AND (c.action IS NULL OR c.action != 'hide'){passage})"
        " WHERE n <= ? OR (kind = 'statistic' AND date IS NOT NULL) ORDER BY article_id, sentence_idx",
        [*ids, *kinds, *params, FACTS_PER_ARTICLE])
    for fact in found:
        corrected = fact.pop("corrected")
        fact["data"] = json.loads(fact["data"])
        if corrected:
            fact["data"].update(json.loads(corrected))
    return found


def earlier_related(db: sqlite_utils.Database, ids: list[int], desk: str | None, exclude: list[int]
                    ) -> list[dict[str, Any]]:
    """Earlier articles (lower ids, none of `exclude`) that article_related links to `ids`, in the desk, with
    the story each is in (`related_story`)."""
    scope = " AND r.related_id IN (SELECT article_id FROM article_desks WHERE desk = ?)" if desk else ""
    return rows(
        db,
        "SELECT r.article_id, r.related_id, r.score, a.story_id AS related_story, a.title, a.url, a.source,"
        " a.published FROM article_related r"
        f" JOIN articles a ON a.id = r.related_id WHERE r.article_id IN ({_marks(ids)})"
        f" AND r.related_id NOT IN ({_marks(exclude)}) AND r.related_id < r.article_id{scope}"
        " ORDER BY r.score DESC", [*ids, *exclude, *([desk] if desk else [])])


def previous_in_story(db: sqlite_utils.Database, story_id: int, before: int, desk: str | None, exclude: list[int]
                      ) -> dict[str, Any] | None:
    """The story's newest article stored before `before` (in the desk, none of `exclude`): its previous
    development."""
    scope = " AND id IN (SELECT article_id FROM article_desks WHERE desk = ?)" if desk else ""
    found = rows(db, f"SELECT id, title, url, source, published FROM articles WHERE story_id = ? AND id < ?{scope}"
                 f" AND id NOT IN ({_marks(exclude)}) ORDER BY id DESC LIMIT 1",
                 [story_id, before, *([desk] if desk else []), *exclude])
    return found[0] if found else None


def delivered_figures(db: sqlite_utils.Database, subscription_id: int, values: list[float]
                      ) -> set[tuple[float, str]]:
    """(value, unit) of the statistics with these values in articles already posted to the subscription."""
    if not values:
        return set()
    return {(float(v), str(u or "").lower()) for v, u in db.execute(
        "SELECT f.value, json_extract(f.data, '$.unit') FROM deliveries d JOIN facts f ON f.article_id = d.article_id"
        f" AND f.kind = 'statistic' WHERE d.subscription_id = ? AND f.value IN ({_marks(values)})",
        [subscription_id, *values])}


MEASURED_UNITS = ("people", "persons", "deaths", "cases", "bodies", "victims", "fatalities", "casualties", "arrests",
                  "patients", "refugees", "dead", "infections", "", "barrels a day", "barrels per day", "bpd",
                  "barrels a day (bpd)", "gallons a day", "gallons per day")


def figures_between(db: sqlite_utils.Database, first: str, last: str,
                    wanted: Callable[[str | None], bool] | None = None) -> list[dict[str, Any]]:
    """Statistics counting people or a flow (MEASURED_UNITS) in articles published between two days, with
    their sentence, article and the places (GPE/LOC entity ids) the sentence names; corrections applied,
    hidden ones left out. The pool a digest compares its new figures with (bot/subscriptions/measures.py).

    `wanted(published)` keeps only some of the rows, as they are read: a digest whose articles lie years
    apart needs the days around each of them, not every figure between (30,000 rows held at once on the
    100k bench archive, +110 MB in the jobs process)."""
    cursor = db.execute(
        "SELECT f.article_id, f.sentence_idx, f.data, c.data AS corrected, s.text AS sentence, a.title, a.url,"
        " a.source, a.published FROM articles a JOIN facts f ON f.article_id = a.id AND f.kind = 'statistic'"
        " JOIN sentences s ON s.article_id = f.article_id AND s.idx = f.sentence_idx"
        " LEFT JOIN fact_corrections c ON c.key = f.key"
        " WHERE a.published >= ? AND a.published < ? AND (c.action IS NULL OR c.action != 'hide')"
        f" AND lower(COALESCE(json_extract(f.data, '$.unit'), '')) IN ({_marks(MEASURED_UNITS)})",
        [first, last, *MEASURED_UNITS])
    names = [c[0] for c in cursor.description]
    published = names.index("published")
    found = [dict(zip(names, r, strict=True)) for r in cursor if wanted is None or wanted(r[published])]
    places: dict[tuple[int, int], set[int]] = {}
    ids = sorted({f["article_id"] for f in found})
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for article_id, idx, entity_id in db.execute(
                "SELECT m.article_id, m.sentence_idx, m.entity_id FROM mentions m JOIN entities e ON e.id = m.entity_id"
                f" WHERE m.article_id IN ({_marks(chunk)}) AND e.type IN ('GPE', 'LOC')", chunk):
            places.setdefault((article_id, idx), set()).add(entity_id)
    for fact in found:
        fact["data"] = {**json.loads(fact["data"]), **json.loads(fact.pop("corrected") or "{}")}
        fact["places"] = places.get((fact["article_id"], fact["sentence_idx"]), set())
    return found


def disagreeing_figure(db: sqlite_utils.Database, period: str, measure: str, unit: str | None, value: float,
                       article_id: int) -> dict[str, Any] | None:
    """Another article's statistic for the same measure, unit and period with a different value (corrections
    applied, hidden ones left out), newest first; None when every stored one agrees."""
    found = rows(
        db,
        "SELECT f.article_id, f.data, f.text, c.data AS corrected, a.title, a.url, a.source, a.published"
        " FROM facts f JOIN articles a ON a.id = f.article_id LEFT JOIN fact_corrections c ON c.key = f.key"
        " WHERE f.kind = 'statistic' AND f.date = ? AND f.article_id != ?"
        " AND (c.action IS NULL OR c.action != 'hide')"
        " AND lower(trim(COALESCE(json_extract(c.data, '$.measure'), json_extract(f.data, '$.measure')))) = ?"
        " AND lower(trim(COALESCE(json_extract(c.data, '$.unit'), json_extract(f.data, '$.unit'), ''))) = ?"
        " AND abs(COALESCE(json_extract(c.data, '$.value'), f.value) - ?) > 1e-9"
        " ORDER BY f.article_id DESC LIMIT 1",
        [period, article_id, measure.strip().lower(), (unit or "").strip().lower(), value])
    for fact in found:
        fact["data"] = {**json.loads(fact["data"]), **json.loads(fact.pop("corrected") or "{}")}
    return found[0] if found else None


def entity_type(db: sqlite_utils.Database, entity_id: int) -> str | None:
    found = db.execute("SELECT type FROM entities WHERE id = ?", [entity_id]).fetchone()
    return found[0] if found else None


def sentences_naming(db: sqlite_utils.Database, ids: list[int], entity_ids: list[int]) -> dict[int, list[int]]:
    """Per article, the positions of its sentences that mention any of the entities, in article order."""
    found: dict[int, list[int]] = {}
    for article_id, idx in db.execute(
            f"SELECT DISTINCT article_id, sentence_idx FROM mentions WHERE article_id IN ({_marks(ids)})"
            f" AND entity_id IN ({_marks(entity_ids)}) ORDER BY article_id, sentence_idx", [*ids, *entity_ids]):
        found.setdefault(article_id, []).append(idx)
    return found


def article_by_ref(db: sqlite_utils.Database, article_id: int | None, url: str | None, key: str | None
                   ) -> dict[str, Any] | None:
    """An article by id, or by its link (as stored, or its canonical key); a link of a copy gives the
    article it copies, with `copy_of_url` set."""
    if article_id is not None:
        found = rows(db, "SELECT id, title, url FROM articles WHERE id = ?", [article_id])
    else:
        found = rows(db, "SELECT id, title, url FROM articles WHERE url = ? OR url_key = ? LIMIT 1", [url, key])
        if not found:
            found = rows(db, "SELECT a.id, a.title, a.url, c.url AS copy_of_url FROM article_copies c"
                         " JOIN articles a ON a.id = c.article_id WHERE c.url = ? OR c.url_key = ? LIMIT 1",
                         [url, key])
    return found[0] if found else None


def delivery(db: sqlite_utils.Database, sub_id: int, article_id: int) -> dict[str, Any] | None:
    found = rows(db, "SELECT * FROM deliveries WHERE subscription_id = ? AND article_id = ?", [sub_id, article_id])
    return found[0] if found else None


def last_log(db: sqlite_utils.Database, sub_id: int, article_id: int) -> dict[str, Any] | None:
    found = rows(db, "SELECT * FROM delivery_log WHERE subscription_id = ? AND article_id = ? ORDER BY id DESC"
                 " LIMIT 1", [sub_id, article_id])
    return found[0] if found else None


def names_near(db: sqlite_utils.Database, kind: str, length: int, slack: int) -> list[tuple[int, str, str]]:
    """(entity id, alias key, alias) of the entities of `kind` whose alias key is `length` ± `slack` long:
    the candidates for another spelling of a name that long."""
    return [(r[0], r[1], r[2]) for r in db.execute(
        "SELECT al.entity_id, al.key, al.alias FROM aliases al JOIN entities e ON e.id = al.entity_id"
        " WHERE e.type = ? AND LENGTH(al.key) BETWEEN ? AND ?", [kind, length - slack, length + slack])]
