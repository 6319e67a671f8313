"""The names a who card shows: the entity's own name, the other ways it is written, and who it appears with.

The tagger sometimes runs a name into its neighbour ("Ahmed Bin Hilli Arab League", once in 440 mentions of
the Arab League), cuts one short ("Gaddaf") or keeps a piece of a given name ("al-Islam" of Saif al-Islam
Gaddafi), and types a town or a virus as a person ("Bani Walid", "H5N1"). None of these is how the archive
names anyone, and a card that prints them says something false.
"""

from __future__ import annotations

import re

import sqlite_utils

from bot.desks import load_desks
from bot.extract.body_words import GROUP_NAME_WORDS, ORG_HEADS, STANDALONE_BODIES
from bot.extract.names import name_key
from bot.places import is_known_place
from storage import entities

SLIP_SHARE = 50  # a name written once or twice among this many mentions or more is the tagger's slip
SLIP_WRITTEN = 2
CUT_LETTERS = 2  # a word this many letters short of another alias's word is that word cut off
_DIGIT = re.compile(r"\d")
# the head word of a body's name that alone names a unit of one named before it ("the FARC's 18th Front");
# "Congress", "the Army", "the Court" and "the Ministry" alone are bodies a text names so
UNIT_HEADS = (GROUP_NAME_WORDS | ORG_HEADS) - STANDALONE_BODIES - {"court", "ministry"}
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth")


def shown_name(db: sqlite_utils.Database, entity_id: int, name: str, aliases: list[str], person: bool = False) -> str:
    """The name a card is headed by: the stored one, unless the text almost never writes it and one of the
    entity's other names is a part of it, its words in order ("Arab League", not "Ahmed Bin Hilli Arab League";
    "Hillary Clinton" for the "Hillary Rodham Clinton" written once). A person's part is never a word alone: a
    surname names others too ("Clinton")."""
    words = name_key(name).split()
    parts = [a for a in aliases if a != name and _in_order(name_key(a).split(), words)
             and not (person and " " not in name_key(a))]
    if not parts or not slip(db, entity_id, name):
        return name
    return max(parts, key=len)


def _in_order(part: list[str], words: list[str]) -> bool:
    """Every word of `part` among `words`, in their order ("hillary clinton" in "hillary rodham clinton")."""
    rest = iter(words)
    return bool(part) and len(part) < len(words) and all(w in rest for w in part)


def slip(db: sqlite_utils.Database, entity_id: int, name: str) -> bool:
    """The entity is named often, and almost never this way."""
    return (entities.written(db, entity_id, name, SLIP_WRITTEN + 1) <= SLIP_WRITTEN
            and entities.written(db, entity_id, None, SLIP_SHARE) >= SLIP_SHARE)


def shown_aliases(name: str, aliases: list[str], person: bool) -> list[str]:
    """The entity's other names worth a reader's time: not a word cut short of another ("Gaddaf" of
    "Gaddafi"), and for a person not a piece from inside the full name ("al-Islam" of "Saif al-Islam
    Gaddafi"): the given names alone ("Saif al-Islam") or the surname alone ("Gaddafi") are kept."""
    words = {w for a in aliases for w in name_key(a).split()}
    surnames = {name_key(a).split()[-1] for a in aliases if " " in a.strip()}
    full = [name_key(a).split() for a in aliases if len(a.split()) > 2] if person else []
    return [a for a in aliases if a == name or not (_cut_short(name_key(a), words, surnames)
                                                    or _inner_piece(name_key(a), full))]


def _cut_short(key: str, words: set[str], surnames: set[str]) -> bool:
    """A one-word name that is the start of another name's word, a letter or two short ("gaddaf"), and no
    full name's last word ("Badran" of "Omar Badran" beside the spelling "Badrani")."""
    return " " not in key and key not in surnames and len(key) >= 4 and any(
        w != key and w.startswith(key) and len(w) - len(key) <= CUT_LETTERS for w in words)


def _inner_piece(key: str, full: list[list[str]]) -> bool:
    """Words from inside a full name, touching neither its first nor its last word."""
    part = key.split()
    return any(part == f[i:i + len(part)] for f in full for i in range(1, len(f) - len(part)))


def not_a_companion(name: str, etype: str) -> bool:
    """A name the card's companions (people and bodies) cannot hold: a place a desk or the gazetteer knows,
    typed as a person or a body by the tagger ("Bani Walid", "Baba Amr"), a person with a digit in the
    name ("H5N1": a virus), or the head word of bodies' names alone, numbered or not ("Front" and "18th Front"
    of "the FARC's 18th Front", "Cartel", "Party"): a unit of a body named before it, no body's whole name."""
    if etype == "PERSON" and _DIGIT.search(name):
        return True
    words = [w for w in name_key(name).split() if not _ORDINAL.fullmatch(w)]
    if len(words) == 1 and words[0] in UNIT_HEADS:
        return True
    key = name_key(name)
    return key in WORLD_REGIONS or is_known_place(name) or any(key in d.place_keys for d in load_desks().values())


# parts of the world, which no gazetteer of countries and their regions holds ("Amnesty's Americas director")
WORLD_REGIONS = frozenset({
    "americas", "america", "latin america", "north america", "south america", "central america", "caribbean",
    "europe", "asia", "africa", "oceania", "middle east", "near east", "far east", "balkans", "sahel", "maghreb",
    "levant", "gulf", "sub-saharan africa", "west africa", "east africa", "southeast asia", "central asia",
    "eastern europe", "western europe",
})


THING_SENTENCES = 20  # of an entity's sentences read for what the text treats it as
# what is made, sold or dosed: "the maker of Tamiflu", "Roche, which makes Tamiflu", "Tamiflu, made by Roche",
# "doses of Tamiflu", "the antiviral drugs Tamiflu and Relenza": a product, whatever the tagger typed
_THING_BEFORE = (r"(?:makers?|manufacturers?|producers?|makes|produces|manufactures|doses|courses|supplies"
                 r"|stockpiles?|packs|tablets|boxes|brand|drugs?|medicines?|antivirals?|vaccines?)"
                 r"(?: of)?(?: [a-z]+ (?:and|or) [A-Z]\w*)? ")
_THING_AFTER = r",? (?:made|produced|manufactured|sold) by\b"


def treated_as_thing(name: str, sentences: list[str]) -> bool:
    """The text speaks of the name as a thing made or dosed (`_THING_BEFORE`, `_THING_AFTER`), in more
    sentences than one: a product or a drug, no body to list among who appears with someone."""
    named = re.escape(name)
    pattern = re.compile(rf"\b{_THING_BEFORE}{named}\b|\b{named}{_THING_AFTER}")
    return sum(bool(pattern.search(s)) for s in sentences) >= 2
