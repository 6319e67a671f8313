"""Desks (seeds/desks.toml): named scopes bound to slash commands, and which articles belong to each."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import pycountry

from bot.extract.names import fold, name_key
from bot.places import country_names, spellings
from bot.places import places as places_table
from bot.seeds import seeds_dir


@dataclass
class Desk:
    name: str  # "peru"
    command: str  # "/peru"
    title: str
    tags: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    all: bool = False
    default: bool = False
    channel: str | None = None  # where the desk is told about its failing feeds
    tz: str | None = None  # the IANA time zone its readers are in (times in messages); None: UTC
    language: str = "en"  # the language of the bot's own words in its answers (bot/words.py)

    @property
    def place_keys(self) -> frozenset[str]:
        """Every name the desk's places go by: as listed, with their demonyms and spellings (seeds/places.toml
        and the "a"/"ah" endings: "Libyan", "Libyans", "Zawiyah" for a desk that lists Libya and Zawiya)."""
        return place_keys(tuple(self.places))


@lru_cache(maxsize=1)
def load_desks() -> dict[str, Desk]:
    data = tomllib.loads((seeds_dir() / "desks.toml").read_text(encoding="utf-8"))
    return {
        name: Desk(
            name=name,
            command=spec.get("command", f"/{name}"),
            title=spec.get("title", name.title()),
            tags=[t.lower() for t in spec.get("tags", [])],
            places=with_subdivisions(list(spec.get("places", []))),
            all=bool(spec.get("all", False)),
            default=bool(spec.get("default", False)),
            channel=spec.get("channel") or None,
            tz=spec.get("tz") or None,
            language=str(spec.get("language") or "en").lower(),
        )
        for name, spec in data.items()
    }


def subdivisions(country_code: str) -> list[str]:
    """A country's ISO 3166-2 regions, states and provinces as the press names them: each full name and,
    where a one-word name carries a person's ("Coahuila de Zaragoza", "Michoacán de Ocampo"), the short
    form too; "Madre de Dios" keeps its whole name."""
    from bot.extract.given_names import is_given_name, is_surname

    names = []
    for sub in pycountry.subdivisions.get(country_code=country_code) or []:
        names.append(sub.name)
        head, sep, tail = sub.name.partition(" de ")
        if sep and " " not in head and (is_given_name(tail.split()[0]) or is_surname(tail.split()[0])):
            names.append(head)
    return list(dict.fromkeys(names))


def with_subdivisions(places: list[str]) -> list[str]:
    """A desk's places and the ISO 3166-2 subdivisions of every country among them: a Mexico desk covers
    San Luis Potosí and Nayarit without a newsroom listing all 32 states."""
    extra: list[str] = []
    for place in places:
        try:
            country = pycountry.countries.lookup(place)
        except LookupError:
            continue
        extra += subdivisions(country.alpha_2)
    return list(dict.fromkeys(places + extra))


def default_desk() -> Desk:
    desks = load_desks()
    return next((d for d in desks.values() if d.default), next(iter(desks.values())))


def get_desk(name: str | None) -> Desk | None:
    """A desk by name or command ("peru", "/peru"); None if there is no such desk."""
    if not name:
        return default_desk()
    return load_desks().get(name.lstrip("/").lower())


MIN_PLACE_MENTIONS = 3
MIN_PLACE_SHARE = 0.3
WHOLE_SHARE = 0.5  # the desk's share of place mentions from which the whole article is the desk's


def assign_desks(title: str, tags: Iterable[str], place_mentions: Iterable[str]) -> list[str]:
    """The desks an article belongs to, whole or by passage (see `desk_passages`)."""
    places = list(place_mentions)
    return list(desk_passages(title, tags, [places], [[0]]))


def desk_passages(
    title: str, tags: Iterable[str], unit_places: list[list[str]], unit_sentences: list[list[int]] | None = None
) -> dict[str, list[int] | None]:
    """Each desk the article belongs to, with None when the whole article is the desk's, else the sentences
    of the passages that are about the desk's places.

    `unit_places` holds the place mentions of each passage (a section under a heading, or a paragraph) and
    `unit_sentences` its sentence indexes. An article is the desk's as a whole when its title names a desk
    place or the desk's places hold enough of all place mentions (see `_whole_desks`). A desk's tag on a
    roundup of twenty capitals makes only the passages about the desk's places the desk's: those where
    the desk's places are named at least as often as all other places together.
    """
    tagset = {t.lower() for t in tags}
    whole, partly = _whole_desks(title, tagset, [p for unit in unit_places for p in unit])
    everywhere = [name_key(p) for unit in unit_places for p in unit]
    chosen: dict[str, list[int] | None] = {}
    for desk in load_desks().values():
        if desk.all:
            continue
        if desk.name in whole:
            chosen[desk.name] = None
        elif desk.name in partly and unit_sentences is not None:
            locals_count = local_mentions_count(desk, everywhere)
            picked = []
            for places, sentences in zip(unit_places, unit_sentences, strict=True):
                mine = desk_count(desk, [name_key(p) for p in places], locals_count)
                if mine and mine >= len(places) - mine:
                    picked += sentences
            if picked:
                chosen[desk.name] = sorted(picked)
    return chosen


def _whole_desks(title: str, tagset: set[str], place_mentions: list[str]) -> tuple[set[str], set[str]]:
    """The desks that hold the whole article, and those that hold some of its passages.

    Whole: its title names a desk place, or the desk's places are at least half of all place mentions (or
    it is tagged for the desk and names none of the desk's places: the tag is all there is to go by).
    Passages: tagged for the desk, or about it (at least
    three mentions of the desk's places and at least 30 % of all place mentions, so a Venezuela story
    that mentions Mexico twice stays off the Mexico desk), as a roundup of capitals is.
    """
    title_words = " " + re.sub(r"\W+", " ", fold(title)) + " "
    mentions = [name_key(m) for m in place_mentions]
    whole: set[str] = set()
    partly: set[str] = set()
    for desk in load_desks().values():
        if desk.all:
            continue
        count = desk_count(desk, mentions, local_mentions_count(desk, mentions))
        in_title = _title_names(desk, title_words, mentions, count)
        tagged = bool(tagset & set(desk.tags))
        about = count >= MIN_PLACE_MENTIONS and count >= MIN_PLACE_SHARE * len(mentions)
        if in_title or (count and count >= WHOLE_SHARE * len(mentions)) or (tagged and not count):
            whole.add(desk.name)
        elif tagged or about:
            partly.add(desk.name)
    return whole, partly


def _title_names(desk: Desk, title_words: str, mentions: list[str], count: int) -> bool:
    """The title names one of the desk's places, and means it. A city or region has namesakes elsewhere
    ("Trujillo" in Peru and Honduras, "Tripoli" in Libya and Lebanon): named in the title, it counts for
    the desk only when the article names other countries no more often than the desk's own places. A
    country or its people named in the title always count."""
    named = {k for k in desk.place_keys if f" {k} " in title_words}
    if not named:
        return False
    if named & nation_keys():
        return True
    elsewhere = sum(1 for m in mentions if m in nation_keys() and m not in desk.place_keys)
    return elsewhere <= count


@lru_cache(maxsize=64)
def place_keys(places: tuple[str, ...]) -> frozenset[str]:
    """The name keys of these places and of every other name each goes by (see `Desk.place_keys`)."""
    table = places_table()
    keys: set[str] = set()
    for place in places:
        names = {place} | set(table.get(fold(place), ()))
        for name in names:
            for spelt in spellings(name):
                keys |= {name_key(spelt), name_key(spelt) + "s"}  # "Libyans", "Peruvians"
    return frozenset(keys)


@lru_cache(maxsize=1)
def nation_keys() -> frozenset[str]:
    """The keys of names that mean a whole country: its names and its people's ("Lebanon", "Lebanese")."""
    nations = country_keys()
    return frozenset(key for key, names in places_table().items() if any(name_key(n) in nations for n in names)) \
        | nations | {k + "s" for k, names in places_table().items() if any(name_key(n) in nations for n in names)}


def local_mentions_count(desk: Desk, mentions: list[str]) -> bool:
    """Whether the desk's cities and regions named in the article mean the desk's: a name with namesakes
    ("Tripoli" in Libya and Lebanon, "Trujillo" in Peru and Honduras) counts only when the article's other
    places agree: the desk's countries are named at least half as often as all other countries together
    (a Lima story with a regional list "Peru: 12 cases … Chile: four … Bolivia: one" is Peru's; a Tripoli
    story naming Lebanon and Syria is not Libya's), or it names two or more of the desk's localities."""
    keys = desk.place_keys
    nations = nation_keys()
    own = sum(1 for m in mentions if m in keys and m in nations)
    elsewhere = sum(1 for m in mentions if m in nations and m not in keys)
    localities = {m for m in mentions if m in keys and m not in nations}
    return 2 * own >= elsewhere or len(localities) >= 2


def desk_count(desk: Desk, mentions: list[str], locals_count: bool) -> int:
    """The article's mentions of the desk's places, its cities and regions only when they mean the desk's."""
    keys, nations = desk.place_keys, nation_keys()
    return sum(1 for m in mentions if m in keys and (locals_count or m in nations))


@lru_cache(maxsize=1)
def country_keys() -> frozenset[str]:
    """The name keys of every country (ISO 3166 through pycountry: short, common and official names)."""
    return frozenset(name_key(n) for names in country_names() for n in names)
