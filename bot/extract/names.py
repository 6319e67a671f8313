"""Name normalisation shared by entity resolution and storage look-ups.

Accents, case and curly apostrophes must not split an entity: "Jerí" and "Jeri" are one key.
"""

from __future__ import annotations

import re
import unicodedata

_POSSESSIVE = re.compile(r"['’]s?$")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, strip accents and collapse spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped).strip().lower()


def name_key(text: str) -> str:
    """The comparison key of a name: folded, possessive and leading article removed."""
    key = fold(_POSSESSIVE.sub("", text.strip()))
    if key.startswith("the "):
        key = key[4:]
    return key
