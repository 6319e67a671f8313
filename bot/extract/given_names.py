"""Given names and the gender they usually signal, read from the US census lists that the `names`
package ships (public-domain data, MIT package).

Two uses, both about pronouns: "she said" must not go to Richard Besser when Janet Napolitano spoke
just before, and a name the small model tags as an organisation ("Nicola Sturgeon" ORG) is still a
person "she" can refer to when it starts with a given name. A name used about as often for both
("Morgan", "Jean") or a rare one ("Mika") signals nothing.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

_RATIO = 10.0  # a name signals a gender when one census list uses it this many times more than the other
_COMMON = 0.01  # ... and it is common there (per cent of people): rare entries are noise ("Adrien" female)
_SURNAME = 0.005  # per cent of people: a one-word name this common as a surname may be one ("Clinton")


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
def _surnames() -> frozenset[str]:
    """Upper-case surnames common enough in the census list that a one-word name may be one."""
    lines = (files("names") / "dist.all.last").read_text(encoding="ascii").splitlines()
    return frozenset(p[0] for p in map(str.split, lines) if len(p) >= 2 and float(p[1]) >= _SURNAME)


def gender(name: str) -> str | None:
    """ "m", "f" or None (unknown or shared) for a name, judged by its first word. A one-word name
    that is also a common surname tells nothing: "Clinton said" may be Hillary, "Mia" is a girl."""
    words = name.replace(".", " ").split()
    if not words or (len(words) == 1 and words[0].upper() in _surnames()):
        return None
    return _genders().get(words[0].upper())


def pronoun_fits(pronoun: str, name: str) -> bool:
    """Whether "he"/"she" can refer to the person: yes unless the given name says otherwise."""
    said = gender(name)
    return said is None or said == {"he": "m", "she": "f"}.get(pronoun, said)
