"""Given names and the gender they usually signal, read from the US census lists that the `names`
package ships (public-domain data, MIT package).

Two uses, both about pronouns: "she said" must not go to Richard Besser when Janet Napolitano spoke
just before, and a name the small model tags as an organisation ("Nicola Sturgeon" ORG) is still a
person "she" can refer to when it starts with a given name. A name used about as often for both
("Morgan", "Jean") or a rare one ("Mika") signals nothing.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache
from importlib.resources import files

from bot.extract.names import fold

_RATIO = 10.0  # a name signals a gender when one census list uses it this many times more than the other
_COMMON = 0.01  # ... and it is common there (per cent of people): rare entries are noise ("Adrien" female)
_GIVEN_OVER_SURNAME = 15.0  # a one-word name is a given name when this much commoner as one ("James", not "Thomas")


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, dict[str, float]]:
    """Upper-case given name -> {"m": per cent of men, "f": per cent of women} bearing it."""
    freq: dict[str, dict[str, float]] = {}
    for gender, file in (("m", "dist.male.first"), ("f", "dist.female.first")):
        for line in (files("names") / file).read_text(encoding="ascii").splitlines():
            parts = line.split()
            if len(parts) >= 2:
                freq.setdefault(parts[0], {})[gender] = float(parts[1])
    return freq


@lru_cache(maxsize=1)
def _genders() -> dict[str, str]:
    """Upper-case given name -> "m" or "f", for names the census uses mostly for one gender."""
    out = {}
    for name, by in _frequencies().items():
        m, f = by.get("m", 0.0), by.get("f", 0.0)
        if m >= _COMMON and m >= _RATIO * f:
            out[name] = "m"
        elif f >= _COMMON and f >= _RATIO * m:
            out[name] = "f"
    return out


@lru_cache(maxsize=1)
def _surnames() -> dict[str, float]:
    """Upper-case surname -> per cent of people bearing it, from the census list."""
    lines = (files("names") / "dist.all.last").read_text(encoding="ascii").splitlines()
    return {p[0]: float(p[1]) for p in map(str.split, lines) if len(p) >= 2}


def is_surname(word: str) -> bool:
    """Whether the census lists the word as a surname ("Zaragoza", "Ocampo")."""
    return fold(word).upper() in _surnames()


def gender(name: str) -> str | None:
    """ "m", "f" or None (unknown or shared) for a name, judged by its first word. A one-word name may
    be a surname ("Clinton said" may be Hillary): it signals a gender only when the census uses it far
    more as a given name than as a surname ("James", "Mia" alone are a boy and a girl)."""
    words = name.replace(".", " ").split()
    if not words:
        return None
    first = words[0].upper()
    said = _genders().get(first)
    if said is None or len(words) > 1:
        return said
    given = _frequencies()[first][said]
    return said if given >= _GIVEN_OVER_SURNAME * _surnames().get(first, 0.0) else None


def pronoun_fits(pronoun: str, name: str) -> bool:
    """Whether "he"/"she" can refer to the person: yes unless the given name says otherwise."""
    said = gender(name)
    return said is None or said == {"he": "m", "she": "f"}.get(pronoun, said)


def is_given_name(word: str) -> bool:
    """A word the census lists as a given name of some currency ("Tony", "Ahmed"; not "Briton")."""
    by = _frequencies().get(word.upper().rstrip("."), {})
    return max(by.values(), default=0.0) >= _COMMON


def drop_name_prefix(name: str, common_words: Collection[str]) -> str:
    """A person's name starts at their name: "Briton Tony Hayward", "Executive Tony Hayward", "Defector
    Nawaf al-Fares" and "Patrick Semansky/Associated Press Tony Hayward" (a photo credit run into the
    caption) are not names. Leading common English words that are not given names ("Bill", "Martin"
    are) are dropped while two words or more are left."""
    credit, _, rest = name.rpartition("/")
    words = rest.split()
    if credit:  # "Semansky/Associated Press Tony Hayward": the agency runs up to the first given name
        first = next((i for i, w in enumerate(words) if is_given_name(w)), 0)
        words = words[first:] if len(words) - first >= 2 else words
    while len(words) > 2 and words[0].lower() in common_words and not is_given_name(words[0]) \
            and words[1][:1].isupper():  # "Mohammed bin Salman" keeps its first word
        words = words[1:]
    return " ".join(words)
