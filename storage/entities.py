"""Entities across articles: one person, one entity, however each article spells or accents the name.

An article's entity is linked to a stored one by any shared alias key (the caller's accent- and
case-folded form), or, for people named in full, by a close fuzzy match among stored people with the
same surname, or one who differs only by a middle name ("Donald J. Trump"). Two different people who
share a surname differ in their full names and stay two.
"""

from __future__ import annotations

import sqlite_utils
from rapidfuzz import fuzz

from bot.extract.names import initials_differ, same_person

FULL_NAME_SIMILARITY = 90


def _surname(key: str, etype: str) -> str | None:
    parts = key.split()
    return parts[-1] if etype == "PERSON" and len(parts) > 1 else None


def find_entity(db: sqlite_utils.Database, key: str, etype: str, alias_keys: list[str]) -> int | None:
    """The stored entity this article's entity is, if any."""
    full = len(key.split()) > 1
    # A person named in full is matched by full names only: "Mark Blair" shares the alias "Blair"
    # with Tony Blair, and two people who share a surname must stay two.
    keys = list(dict.fromkeys([key, *(k for k in alias_keys if not full or etype != "PERSON" or " " in k)]))
    marks = ", ".join("?" for _ in keys)
    rows = db.execute(
        "SELECT DISTINCT e.id, e.type FROM aliases a JOIN entities e ON e.id = a.entity_id"
        f" WHERE a.key IN ({marks}) ORDER BY e.id",
        keys,
    ).fetchall()
    same_type = [r[0] for r in rows if r[1] == etype]
    if len(same_type) > 1 and not full and etype == "PERSON":
        return _bare_surname(db, key)
    if same_type:
        return same_type[0]
    if rows and len(key.split()) == 1:
        return rows[0][0]  # a bare surname the tagger mislabelled: join the entity it names
    surname = _surname(key, etype)
    if surname:
        candidates = db.execute(
            "SELECT id, key FROM entities WHERE type = 'PERSON' AND surname_key = ?", [surname]
        ).fetchall()
        candidates = [c for c in candidates if not initials_differ(c[1], key)]
        best = max(candidates, key=lambda c: fuzz.ratio(c[1], key), default=None)
        if best and fuzz.ratio(best[1], key) >= FULL_NAME_SIMILARITY:
            return best[0]
        same = [c[0] for c in candidates if same_person(c[1], key)]
        if len(same) == 1:
            return same[0]  # "Donald J. Trump" is the stored "Donald Trump"
    return None


def _bare_surname(db: sqlite_utils.Database, key: str) -> int | None:
    """A surname alone that two stored people share ("Blair": Tony and Linda) is neither of them: it
    is the entity of that bare name, made on first use."""
    row = db.execute("SELECT id FROM entities WHERE key = ? AND type = 'PERSON'", [key]).fetchone()
    return row[0] if row else None


def link_entity(
    db: sqlite_utils.Database, name: str, key: str, etype: str, aliases: list[tuple[str, str]]
) -> int:
    """Find or create the entity and record new aliases ((alias, key) pairs); longer full names win."""
    entity_id = find_entity(db, key, etype, [k for _, k in aliases])
    if entity_id is None:
        cursor = db.execute(
            "INSERT INTO entities (name, type, key, surname_key) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(key, type) DO UPDATE SET name = name RETURNING id",
            [name, etype, key, _surname(key, etype)],
        )
        entity_id = cursor.fetchone()[0]
    else:
        current = db.execute("SELECT name FROM entities WHERE id = ?", [entity_id]).fetchone()[0]
        if len(name.split()) > len(current.split()):
            db.execute(
                "UPDATE OR IGNORE entities SET name = ?, key = ?, surname_key = ? WHERE id = ?",
                [name, key, _surname(key, etype), entity_id],
            )
    db.conn.executemany(
        "INSERT OR IGNORE INTO aliases (entity_id, alias, key) VALUES (?, ?, ?)",
        [(entity_id, alias, alias_key) for alias, alias_key in dict.fromkeys([(name, key), *aliases])],
    )
    return entity_id
