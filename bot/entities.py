"""Which stored entity an article's entity is: one person, one entity, however each article spells or
accents the name, and two people who share a surname stay two.

An article's entity is the stored one that shares an alias key (the accent- and case-folded form), or,
for people named in full, a close fuzzy match among stored people with the same surname, or one who
differs only by a middle name ("Donald J. Trump"). storage/entities.py runs the queries and the writes;
this rule is handed to it when an article is saved (`ArticleRows.find_entity`).
"""

from __future__ import annotations

import sqlite_utils
from rapidfuzz import fuzz

from bot.extract.names import initials_differ, same_person
from storage import entities

FULL_NAME_SIMILARITY = 90


def find_entity(db: sqlite_utils.Database, key: str, etype: str, alias_keys: list[str]) -> int | None:
    """The stored entity this article's entity is, if any."""
    full = len(key.split()) > 1
    # A person named in full is matched by full names only: "Mark Blair" shares the alias "Blair"
    # with Tony Blair, and two people who share a surname must stay two.
    keys = list(dict.fromkeys([key, *(k for k in alias_keys if not full or etype != "PERSON" or " " in k)]))
    rows = entities.by_alias_keys(db, keys)
    same_type = [r[0] for r in rows if r[1] == etype]
    if len(same_type) > 1 and not full and etype == "PERSON":
        # A surname alone that two stored people share ("Blair": Tony and Linda) is neither of them:
        # it is the entity of that bare name, made on first use.
        return entities.person_by_key(db, key)
    if same_type:
        return same_type[0]
    if rows and not full:
        return rows[0][0]  # a bare surname the tagger mislabelled: join the entity it names
    surname = entities.surname_key(key, etype)
    return _namesake(db, key, surname) if surname else None


def _namesake(db: sqlite_utils.Database, key: str, surname: str) -> int | None:
    """A stored person with this surname whose full name is this one spelled otherwise, or with a middle
    name more or less; never one whose middle initials differ."""
    candidates = [c for c in entities.people_with_surname(db, surname) if not initials_differ(c[1], key)]
    best = max(candidates, key=lambda c: fuzz.ratio(c[1], key), default=None)
    if best and fuzz.ratio(best[1], key) >= FULL_NAME_SIMILARITY:
        return best[0]
    same = [c[0] for c in candidates if same_person(c[1], key)]
    return same[0] if len(same) == 1 else None  # "Donald J. Trump" is the stored "Donald Trump"


PLACE_TYPES = frozenset({"GPE", "LOC"})


def settle_type(current: str, votes: dict[str, int]) -> str:
    """The type the archive shows for an entity, from the types its articles gave it ({type: articles}).
    A name as many articles take for a place as for a person is a place: the small model types a bare
    place name ("Guerrero", the Mexican state) as a person now and then, and it was the first article's
    type; full names of people are keys of their own and never meet a place's. Other types keep the
    stored one."""
    places = {t: n for t, n in votes.items() if t in PLACE_TYPES}
    if current == "PERSON" and places and sum(places.values()) >= votes.get("PERSON", 0):
        return max(sorted(places), key=lambda t: places[t])
    return current

