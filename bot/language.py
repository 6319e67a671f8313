"""An article's language: what its source says, else what py3langid would read, among the languages the desk analyses.

The archive analyses English and Spanish (one spaCy pipeline each, bot/nlp.py). A language a source states
(a page's `<html lang>`, a record's `language` field, a feed's or the command line's `--language`) wins over
detection; detection chooses only among the analysed languages, so a Spanish headline is never read as
Portuguese. A stated language the archive cannot analyse is kept as stated: the article is stored and listed
as "not analysed" rather than parsed with the wrong language's rules.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

ANALYSED = ("en", "es")
DEFAULT = "en"
DETECT_CHARS = 2_000  # the title and the opening paragraphs say the language; the rest costs time only
_NAMES = {  # what archives write instead of an ISO 639-1 code
    "english": "en", "eng": "en", "inglés": "en", "ingles": "en",
    "spanish": "es", "spa": "es", "español": "es", "espanol": "es", "castellano": "es",
}
_TAG = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$")


def normalise(tag: Any) -> str | None:
    """A language tag as its ISO 639-1 code ("es-PE", "es_MX", "Spanish" → "es"); None when it names none."""
    if not isinstance(tag, str):
        return None
    text = tag.strip().lower()
    if text in _NAMES:
        return _NAMES[text]
    match = _TAG.match(text)
    if not match:
        return None
    code = match.group(1)
    return _NAMES.get(code, code if len(code) == 2 else None)


def is_analysed(language: str | None) -> bool:
    """Whether the archive has a pipeline and extractors for this language."""
    return (language or DEFAULT) in ANALYSED


@lru_cache(maxsize=1)
def _detector() -> Any:
    """py3langid's decisions among the analysed languages, from its model cut to what they need
    (bot/langid_model.py): 3 MB in the process that reads feeds, where py3langid's own model held 49 MB."""
    from bot.langid_model import Detector

    return Detector.load()


def detect(title: str, text: str) -> str:
    """The analysed language the title and opening of an article are written in (English when there is no text)."""
    sample = f"{title}\n{text[:DETECT_CHARS]}".strip()
    if not sample:
        return DEFAULT
    return str(_detector().classify(sample))


def language_code(text: str) -> str:
    """A language given on the command line, as its ISO 639-1 code; ValueError for one it does not name
    (argparse then says "invalid language_code value")."""
    code = normalise(text)
    if code is None:
        raise ValueError(text)
    return code
