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

from bot.extract.names import given_names_of, initials_differ, related_names, same_person
from storage import entities

FULL_NAME_SIMILARITY = 90


def find_entity(db: sqlite_utils.Database, key: str, etype: str, alias_keys: list[str]) -> int | None:
    """The stored entity this article's entity is, if any. Only the names of this entity are looked up
    (its own, and aliases the names themselves relate to it: a surname, an acronym, a spelling), and a
    stored entity found through them is taken only on evidence about it: its own name is this one or
    related to it, or it is already known by this very name. So a wrong alias in one article ("Reuters"
    beside "Libya") can never chain a third name ("LONDON (Reuters)") into it."""
    full = len(key.split()) > 1
    person = etype == "PERSON"
    # A person named in full is matched by full names only: "Mark Blair" shares the alias "Blair"
    # with Tony Blair, and two people who share a surname must stay two.
    names = [k for k in alias_keys if related_names(k, key, person=person) and (not full or not person or " " in k)
             or person and given_names_of(k, key)]
    rows = [r for r in entities.by_alias_keys(db, list(dict.fromkeys([key, *names]))) if _about(r, key, etype)]
    own = [r[0] for r in rows if r[2] == key and r[1] == etype]
    if own:
        return own[0]
    same_type = list(dict.fromkeys(r[0] for r in rows if r[1] == etype))
    if len(same_type) > 1 and not full and person:
        # A surname alone that two stored people share ("Blair": Tony and Linda) is neither of them:
        # it is the entity of that bare name, made on first use.
        return entities.person_by_key(db, key)
    if same_type:
        return same_type[0]
    if rows and not full:
        return rows[0][0]  # a bare name the tagger typed otherwise: join the entity it names
    surname = entities.surname_key(key, etype)
    return _namesake(db, key, surname) if surname else None


def _about(row: tuple[int, str, str, str], key: str, etype: str) -> bool:
    """Whether a stored entity found through an alias (id, type, its key, the alias key matched) is this
    one: its own name is this name, or it carries a compatible type and is known by this very name or by
    a name related to it."""
    _, stored, stored_key, matched = row
    if stored_key == key:
        return True
    person = etype == "PERSON"
    if person and stored == "PERSON" and matched == stored_key and given_names_of(stored_key, key):
        return True  # "Saif al-Islam", stored alone, is the "Saif al-Islam Gaddafi" this article also calls so
    return _compatible(stored, etype, key) and (matched == key or related_names(stored_key, key, person=person))


def _compatible(stored: str, etype: str, key: str) -> bool:
    """Types one entity can carry across articles: the same family (places are GPE, LOC or FAC), or a
    one-word name the tagger typed otherwise that a stored person bears ("Hayward" as ORG). A place is
    never a person's surname: "Flores" the Guatemalan town joined Sebastián Flores, and its votes made
    him a place."""
    if _family(stored) == _family(etype):
        return True
    return stored == "PERSON" and " " not in key and _family(etype) != "place"


def _family(etype: str) -> str:
    return "place" if etype in PLACE_TYPES | {"FAC"} else etype


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
NAME_TYPES = frozenset({"PERSON", "ORG"})  # a typed phrase the archive knows as one of these is a name


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

