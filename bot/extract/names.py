"""Name normalisation shared by entity resolution and storage look-ups.

Accents, case and curly apostrophes must not split an entity: "Jerí" and "Jeri" are one key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

_POSSESSIVE = re.compile(r"['’]s?$")
_SPACES = re.compile(r"\s+")
_SPACE_RUNS = re.compile(r" \s+|[^\S ]\s*")  # whitespace that is not one plain space: what folding changes
_INITIALS = re.compile(r"^(?:[a-z]\.)+$|^[a-z]$")  # "h.w.", "w.", "j"


def fold(text: str) -> str:
    """Lower-case, strip accents and collapse spaces (see unaccented)."""
    return unaccented(text).lower()


def unaccented(text: str) -> str:
    """Strip accents and collapse spaces, keeping case ("Cap-Haïtien" → "Cap-Haitien": a city's name read
    as a name, not as the word it may also be). Done with C-speed passes (the combining marks among the
    text's distinct characters, removed by one regex; only runs of whitespace that change are replaced): a
    character loop in Python took digests most of their time, which fold every new article's text for
    every subscription."""
    decomposed = unicodedata.normalize("NFKD", text)
    if not decomposed.isascii():
        marks = [c for c in set(decomposed) if unicodedata.combining(c)]
        if marks:
            decomposed = re.sub(f"[{''.join(re.escape(c) for c in marks)}]", "", decomposed)
    return _SPACE_RUNS.sub(" ", decomposed).strip()


@lru_cache(maxsize=16384)
def name_key(text: str) -> str:
    """The comparison key of a name: folded, possessive and leading article removed. Cached: entity
    resolution keys every alias of every person again for each new mention (a few names, thousands of calls)."""
    key = fold(_POSSESSIVE.sub("", text.strip()))
    if key.startswith("the "):
        key = key[4:]
    return key


def same_person(a: str, b: str) -> bool:
    """Two full names one person may go by: "Donald Trump" and "Donald J. Trump" (same first and last
    names, a middle name on one side only), but not "George H.W. Bush" and "George W. Bush"."""
    pa, pb = name_key(a).split(), name_key(b).split()
    if len(pa) < 2 or len(pb) < 2 or pa[0] != pb[0] or pa[-1] != pb[-1]:
        return False
    return pa[1:-1] == pb[1:-1] or not pa[1:-1] or not pb[1:-1]


def given_names_of(short: str, full: str) -> bool:
    """The short name is the full name without its surname, and two words or more: "Saif al-Islam" of
    "Saif al-Islam Gaddafi", "Abdel Fattah" of "Abdel Fattah el-Sisi"; a dash, an acronym or two words more
    are a name run into the next ("Kofi Annan - Syrian", "Jim Muir BBC News"). Only the article's own use of both
    makes them one person; the names alone do not ("John Paul" is not "John Paul Jones")."""
    ws, wf = name_key(short).split(), name_key(full).split()
    if not (1 < len(ws) and len(wf) == len(ws) + 1 and wf[: len(ws)] == ws):
        return False
    last = full.split()[-1]  # one surname more: "Gaddafi", "el-Sisi"; not "Kofi Annan - Syrian", "Jim Muir BBC"
    return bool(_SURNAME.fullmatch(last)) and name_key(last).rstrip(".") not in GENERATIONS


_SURNAME = re.compile(r"(?:[a-z]{1,3}-)?[A-Za-z][a-z][\w'’-]*")  # a folded key ("haddad") passes too
# a generation, not a surname: "Ken Griffey Sr" is not the "Ken Griffey" his son is as often called
GENERATIONS = frozenset({"jr", "sr", "junior", "senior"})


def initials_differ(a: str, b: str) -> bool:
    """Both names carry middle initials and they differ: "George H.W. Bush", "George W. Bush" are two
    men however alike the strings look."""
    ma = [w for w in name_key(a).split()[1:-1] if _INITIALS.match(w)]
    mb = [w for w in name_key(b).split()[1:-1] if _INITIALS.match(w)]
    return bool(ma) and bool(mb) and ma != mb


def acronym_of(name: str) -> str:
    """The initials of a name's capitalised words ("National Transitional Council" -> "ntc"), folded."""
    return "".join(w[0] for w in re.split(r"[\s-]+", name_key(name)) if w and w not in _MINOR_WORDS)


_MINOR_WORDS = frozenset("of the for and de del la las los y da do dos das e et al el".split())


def related_names(a: str, b: str, *, person: bool = False, similarity: float = 85) -> bool:
    """Evidence that two names are one entity's, from the names alone: the same key, a close spelling
    ("Gadhafi", "Qaddafi"), one the other's acronym ("NTC"), or the shorter the last words of the longer:
    a surname for a person ("Gaddafi", "Zeballos Trigoso"), two words or more for a body ("Security
    Council"). A third name never counts: "Reuters" is not "London" because both were once written beside
    "Libya"."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if " " not in ka and ka == acronym_of(kb) or " " not in kb and kb == acronym_of(ka):
        return True
    wa, wb = ka.split(), kb.split()
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) < len(long_) and (person or len(short) > 1):
        return fuzz.ratio(" ".join(long_[-len(short):]), " ".join(short)) >= similarity
    return len(short) == len(long_) and fuzz.ratio(ka, kb) >= similarity
