"""The words of an article as story linking compares them: content words, title counted twice.

Plain and fast on purpose (a regex, a stop list, plural folding): it runs on every stored article, and
spaCy's parse already dominates the ingest. Document frequencies come from the archive (`story_terms`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from bot.stop_words import STOP_WORDS

MAX_CHARS = 20_000  # the top of a long article says what story it is; the rest only costs time
TITLE_WEIGHT = 2
NEWS_WORDS = {
    "said", "says", "told", "according", "reported", "reports", "report", "news", "year", "years", "time",
    "week", "weeks", "day", "days", "month", "months", "today", "yesterday", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "people", "like", "including", "added", "going", "want",
    "think", "way", "new", "old", "lot", "really", "thing", "things", "know", "just",
    "make", "made", "good", "come", "came", "got", "get", "did", "does",
}
STOP = {w.lower() for w in STOP_WORDS} | NEWS_WORDS
_WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’-](?=[^\W_]))+")


@lru_cache(maxsize=20_000)
def fold(word: str) -> str:
    """Lower case, no possessive, a regular plural as its singular ('attacks' -> 'attack').

    Cached for the words a news archive repeats; 20,000 words hold them, where 200,000 (about 28 MB in the
    serving jobs process, bench/slack.py --watch) mostly held one-off names."""
    word = word.lower()
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-3] + "y" if word.endswith("ies") else word[:-1]
    return word


def words(text: str) -> list[str]:
    """Content words; a letter-led code with digits counts too, however short ('S5', 'MH370', 'H1N1'):
    a product, flight or virus name is often the surest sign of one story."""
    return [f for w in _WORD.findall(text[:MAX_CHARS])
            if (len(f := fold(w)) > 2 or not f.isalpha()) and f not in STOP]


def term_counts(title: str, text: str) -> Counter[str]:
    """Word counts of title and text, as story terms ("w:word"); the title's words count twice."""
    counts = Counter(f"w:{w}" for w in words(text))
    for word in words(title):
        counts[f"w:{word}"] += TITLE_WEIGHT
    return counts


def idf(df: int, total: int) -> float:
    """Smoothed inverse document frequency: a term in every article still weighs a little."""
    return math.log((total + 1) / (df + 1)) + 1.0


def unit_vector(counts: dict[str, int], df: dict[str, int], total: int, keep: int) -> dict[str, float]:
    """The `keep` strongest TF-IDF weights (1 + log tf) * idf, scaled to length 1."""
    weights = {t: (1.0 + math.log(c)) * idf(df.get(t, 1), total) for t, c in counts.items() if c > 0}
    strongest = sorted(weights.items(), key=lambda kv: -kv[1])[:keep]
    norm = math.sqrt(sum(w * w for _, w in strongest)) or 1.0
    return {t: round(w / norm, 5) for t, w in strongest}


def cosine(u: dict[str, float], v: dict[str, float]) -> float:
    if len(u) > len(v):
        u, v = v, u
    return sum(w * v[t] for t, w in u.items() if t in v)
