"""Entities across articles: the stored people, organisations and places, and their aliases.

This module only reads and writes rows. Which stored entity an article's entity *is* (a close spelling,
a middle name, two people who share a surname) is a newsroom rule and lives in bot/entities.py; the
caller hands it in as `find` (a `Matcher`), so storage imports nothing of bot/.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

# (db, the entity's key, its type, its alias keys) -> the stored entity it is, or None for a new one
Matcher = Callable[[sqlite_utils.Database, str, str, list[str]], int | None]
# (the stored type, {type: articles that gave it}) -> the type the archive shows
TypeRule = Callable[[str, dict[str, int]], str]


def surname_key(key: str, etype: str) -> str | None:
    """The last word of a person's full-name key, kept to find namesakes; None for one-word names."""
    parts = key.split()
    return parts[-1] if etype == "PERSON" and len(parts) > 1 else None


def by_alias_keys(db: sqlite_utils.Database, keys: list[str]) -> list[tuple[int, str, str, str]]:
    """(id, type, the entity's own key, the alias key that matched) of the stored entities that have any
    of these alias keys, oldest first."""
    if not keys:
        return []
    marks = ", ".join("?" for _ in keys)
    return db.execute(
        "SELECT e.id, e.type, e.key, a.key FROM aliases a JOIN entities e ON e.id = a.entity_id"
        f" WHERE a.key IN ({marks}) ORDER BY e.id",
        keys,
    ).fetchall()


def people_with_surname(db: sqlite_utils.Database, surname: str) -> list[tuple[int, str]]:
    """(id, key) of the stored people whose full name ends with this surname key."""
    return db.execute(
        "SELECT id, key FROM entities WHERE type = 'PERSON' AND surname_key = ?", [surname]
    ).fetchall()


def person_by_key(db: sqlite_utils.Database, key: str) -> int | None:
    """The stored person whose own key is exactly this one."""
    row = db.execute("SELECT id FROM entities WHERE key = ? AND type = 'PERSON'", [key]).fetchone()
    return row[0] if row else None


def link_entity(
    db: sqlite_utils.Database, name: str, key: str, etype: str, aliases: list[tuple[str, str]], find: Matcher,
) -> int:
    """Find (by the caller's rule) or create the entity and record new aliases ((alias, key) pairs);
    longer full names win."""
    entity_id = find(db, key, etype, [k for _, k in aliases])
    if entity_id is None:
        cursor = db.execute(
            "INSERT INTO entities (name, type, key, surname_key) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(key, type) DO UPDATE SET name = name RETURNING id",
            [name, etype, key, surname_key(key, etype)],
        )
        entity_id = cursor.fetchone()[0]
    else:
        current, current_key = db.execute("SELECT name, key FROM entities WHERE id = ?", [entity_id]).fetchone()
        # A fuller name renames the entity only when it holds the current one ("Donald J. Trump" for "Donald
        # Trump") or this article also wrote it ("Gaddafi" beside "Muammar Gaddafi"): a name that joined
        # through an alias is no fuller name ("NEW DELHI" once renamed Libya).
        fuller = set(current_key.split()) <= set(key.split()) or current_key in {k for _, k in aliases}
        if len(name.split()) > len(current.split()) and fuller:
            db.execute(
                "UPDATE OR IGNORE entities SET name = ?, key = ?, surname_key = ? WHERE id = ?",
                [name, key, surname_key(key, etype), entity_id],
            )
    db.conn.executemany(
        "INSERT OR IGNORE INTO aliases (entity_id, alias, key) VALUES (?, ?, ?)",
        [(entity_id, alias, alias_key) for alias, alias_key in dict.fromkeys([(name, key), *aliases])],
    )
    return entity_id


def vote_type(db: sqlite_utils.Database, entity_id: int, article_id: int, etype: str, rule: TypeRule | None) -> None:
    """Record the type one article gave the entity, and store the type the caller's rule settles on
    from every article's (left as it is when another entity already has that key and type)."""
    db.execute("INSERT OR IGNORE INTO entity_types (entity_id, article_id, type) VALUES (?, ?, ?)",
               [entity_id, article_id, etype])
    if rule is None:
        return
    current = db.execute("SELECT type FROM entities WHERE id = ?", [entity_id]).fetchone()[0]
    votes = dict(db.execute("SELECT type, COUNT(*) FROM entity_types WHERE entity_id = ? GROUP BY type",
                            [entity_id]).fetchall())
    settled = rule(current, votes)
    if settled != current:
        db.execute("UPDATE OR IGNORE entities SET type = ? WHERE id = ?", [settled, entity_id])



def written(db: sqlite_utils.Database, entity_id: int, text: str | None, cap: int) -> int:
    """How many of the entity's mentions are written `text` (all of them for None), counted up to `cap`:
    whether a name is the entity's usual one or a slip of the tagger, without reading every mention of
    the archive's most-named person."""
    where, params = ("AND text = ?", [text]) if text is not None else ("", [])
    return db.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM mentions WHERE entity_id = ? {where} LIMIT ?)",
                      [entity_id, *params, cap]).fetchone()[0]


def aliases_of(db: sqlite_utils.Database, entity_id: int) -> list[str]:
    """The entity's names as written, longest first."""
    return [r[0] for r in db.execute("SELECT alias FROM aliases WHERE entity_id = ? ORDER BY length(alias) DESC",
                                     [entity_id])]


def named_together(db: sqlite_utils.Database, entity_id: int, other_id: int) -> bool:
    """Whether one article names both entities."""
    return db.execute("SELECT 1 FROM mentions a JOIN mentions b ON b.entity_id = ? AND b.article_id = a.article_id"
                      " WHERE a.entity_id = ? LIMIT 1", [other_id, entity_id]).fetchone() is not None


def mention_sentences(db: sqlite_utils.Database, entity_id: int, cap: int) -> list[str]:
    """Up to `cap` of the sentences that name the entity: what the text says it is ("doses of Tamiflu")."""
    return [r[0] for r in db.execute(
        "SELECT DISTINCT s.text FROM mentions m JOIN sentences s ON s.article_id = m.article_id"
        " AND s.idx = m.sentence_idx WHERE m.entity_id = ? LIMIT ?", [entity_id, cap])]


def type_votes(db: sqlite_utils.Database, entity_id: int) -> dict[str, int]:
    """How many articles typed the entity each way ("ORG": 15, "PERSON": 11 for a town the tagger misread)."""
    return dict(db.execute("SELECT type, COUNT(*) FROM entity_types WHERE entity_id = ? GROUP BY type",
                           [entity_id]).fetchall())
