"""Every way an article may name a place: its country names (pycountry), demonyms and spellings.

A subscription to "Libya" wants the article that says only "Libyan forces"; one to "Zawiyah" the one
that writes "Zawiya". Country names come from pycountry (name, common and official names); demonyms
and other spellings from seeds/places.toml, which a newsroom edits; a transliterated name ending in
"a" or "ah" also matches the other ending (Zawiya / Zawiyah, Hama / Hamah). A country's capital and
largest cities come from the same file's [cities] table: "Port-au-Prince" is in Haiti.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pycountry

from bot.extract.names import fold, unaccented
from bot.seeds import seeds_dir


@lru_cache(maxsize=1)
def country_names() -> tuple[frozenset[str], ...]:
    """Every country's names: pycountry's name, common and official name."""
    return tuple(frozenset(n for n in (getattr(country, f, None) for f in ("name", "common_name", "official_name"))
                           if n) for country in pycountry.countries)


def _country_names() -> dict[str, frozenset[str]]:
    """Folded name → all names of that country."""
    return {fold(name): names for names in country_names() for name in names}


def load_places(path: Path) -> dict[str, frozenset[str]]:
    """Folded name → every name of the place it names (the country's, the table's, its spellings)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    places = _country_names()
    for table in ("demonyms", "spellings"):
        for key, others in data.get(table, {}).items():
            names = places.get(fold(key), frozenset([key])) | set(others)
            for name in names:
                places[fold(name)] = names
    return places


@lru_cache(maxsize=1)
def places() -> dict[str, frozenset[str]]:
    return load_places(seeds_dir() / "places.toml")


def spellings(name: str) -> set[str]:
    """A transliterated name's other ending: "Zawiya" ↔ "Zawiyah" (folded)."""
    key = fold(name)
    if key.endswith("ah"):
        return {key, key[:-1]}
    if key.endswith("a"):
        return {key, key + "h"}
    return {key}


def place_names(name: str, is_place: Callable[[str], bool]) -> set[str] | None:
    """All folded names of the place `name` names (any spelling), or None when neither this module nor
    the archive knows a place by that name (`is_place`: the archive has a place entity of that name)."""
    table = places()
    for key in spellings(name):
        if key in table:
            return {s for n in table[key] for s in spellings(n)}
    return spellings(name) if any(is_place(key) for key in spellings(name)) else None


def load_cities(path: Path) -> dict[str, frozenset[str]]:
    """ISO country code → the names of its cities (accents stripped, case kept) from the file's [cities] table,
    with the other spellings the places tables give them ("Zawiya" also "Zawiyah"). A city named like a
    country or its people is left out: it would count the country's own name twice."""
    data = tomllib.loads(path.read_text(encoding="utf-8")).get("cities", {})
    table, countries = places(), _country_words()
    out: dict[str, frozenset[str]] = {}
    for country, names in data.items():
        code = pycountry.countries.lookup(country).alpha_2
        kept = {unaccented(n) for name in names if fold(name) not in countries
                for n in {name, *table.get(fold(name), ())}}
        out[code] = frozenset(kept | {unaccented(s.title()) for n in kept for s in spellings(n) if s != fold(n)})
    return out


@lru_cache(maxsize=1)
def cities_by_country() -> dict[str, frozenset[str]]:
    return load_cities(seeds_dir() / "places.toml")


def _country_words() -> set[str]:
    """Folded names of countries and their peoples (the place table's groups that hold a country's name)."""
    names = {fold(n) for group in country_names() for n in group}
    return {key for key, group in places().items() if any(fold(n) in names for n in group)}


def cities_of(names: set[str]) -> frozenset[str]:
    """The cities of the country any of these (folded) names names; empty for a place that is no country."""
    for name in sorted(names):
        try:
            country = pycountry.countries.lookup(name)
        except LookupError:
            continue
        return cities_by_country().get(country.alpha_2, frozenset())
    return frozenset()


@lru_cache(maxsize=1)
def _gazetteer() -> frozenset[str]:
    """Folded names of every country, every ISO 3166-2 region, state and province (pycountry), and every
    place of seeds/places.toml."""
    regions = {fold(sub.name) for sub in pycountry.subdivisions}
    return frozenset(regions | set(places()))


def is_known_place(name: str) -> bool:
    """Whether a name is a country, a country's region, state or province, or a place the newsroom's table
    knows ("Nariño", "São Paulo", "La Guajira"), however accented or cased."""
    key = fold(name)
    return key.removeprefix("the ") in _gazetteer()

