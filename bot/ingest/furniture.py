"""Page furniture: text a site prints around its articles, never part of what an article says.

Two kinds. Built-in patterns catch what is furniture on first sight, on any site ("Click here to ...",
"Sign up for our newsletter", "All rights reserved"). The rest is learned per source: a paragraph or
sentence that turns up in FURNITURE_ARTICLES distinct articles of one source ("What are your thoughts?
Click here to send us your comments.", a licence line, a newsletter pitch) is that source's furniture.
Texts are compared normalised (case, punctuation, digits, month and day names), so "Page last updated
at 07:39 GMT, Wednesday, 27 January 2010" is one text across a source's pages.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

import sqlite_utils

from bot.ingest.model import RawArticle
from storage.furniture import count_texts, learned_hashes

# Chosen on the corpora (bench/furniture.py): InSight Crime's comment pitch is in 36 of 38 articles, while
# the most repeated real sentences of one outlet's running story (Timeline17: BBC on Haiti, 296 articles in
# 20 days) reach 9 articles, its page furniture 100 or more.
FURNITURE_ARTICLES = 12
MAX_FURNITURE_WORDS = 45  # longer texts repeated across articles are reprinted reporting, not furniture
MIN_FURNITURE_WORDS = 2
_BUILTIN = re.compile(
    r"\bclick here\b|\bsign up (for|to) (our|the|my)\b.*\b(newsletters?|alerts?|emails?)\b|"
    r"\ball rights reserved\b|\bthis (article|story|piece) (was|is|has been|first) (originally |first )?"
    r"(published|appeared)\b|\bfollow (us|@\w+) on (twitter|facebook|instagram|x|linkedin|tiktok)\b|"
    r"^(subscribe|sign up) (to|for) (our|the)\b|^(copyright|©)\s|\bpage last updated at \d",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?…”\"])\s+(?=[A-Z“\"‘'])")
_MONTHS_DAYS = re.compile(
    r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|"
    r"nov(ember)?|dec(ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
)
_NON_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")


def normalise(text: str) -> str:
    """The text as compared across articles: lower case, words only, every number and date name alike."""
    text = _DIGITS.sub("0", text.lower())
    return " ".join(_NON_WORD.sub(" ", _MONTHS_DAYS.sub("d", text)).split())


def text_key(text: str) -> str:
    return hashlib.sha1(normalise(text).encode()).hexdigest()[:16]


def source_key(raw: RawArticle) -> str | None:
    """Whose furniture an article carries: its source's name, else its site; None when neither is known."""
    if raw.source and raw.source.strip():
        return " ".join(raw.source.lower().split())
    host = urlsplit(raw.url).hostname if raw.url else None
    return host.removeprefix("www.") if host else None


def builtin_furniture(raw: RawArticle | None, text: str) -> bool:
    """Furniture on first sight, on any site: a short text with a tell-tale phrase."""
    return len(text.split()) <= MAX_FURNITURE_WORDS and bool(_BUILTIN.search(text))


def units(raw: RawArticle) -> dict[str, str]:
    """What may be furniture in an article, by key: its short paragraphs and their sentences."""
    found: dict[str, str] = {}
    for paragraph in raw.text.split("\n\n"):
        for text in [paragraph, *_SENTENCE_END.split(paragraph)]:
            text = text.strip()
            if MIN_FURNITURE_WORDS <= len(text.split()) <= MAX_FURNITURE_WORDS and normalise(text):
                found.setdefault(text_key(text), text)
    return found


class Furniture:
    """An ingest run's view of the archive's furniture: what is known, and learning from new articles."""

    def __init__(self, db: sqlite_utils.Database, threshold: int = FURNITURE_ARTICLES) -> None:
        self.db, self.threshold = db, threshold
        self.known: dict[str, set[str]] = learned_hashes(db, threshold)

    def learn(self, raw: RawArticle) -> None:
        """Count a new article's paragraphs and sentences for its source (call once per distinct article)."""
        source = source_key(raw)
        if source is None:
            return
        texts = units(raw)
        if texts:
            reached = count_texts(self.db, source, texts, self.threshold)
            self.known.setdefault(source, set()).update(reached)

    def __call__(self, raw: RawArticle, text: str) -> bool:
        """Whether a paragraph or sentence of this article is furniture, built-in or learned for its source."""
        if builtin_furniture(raw, text):
            return True
        known = self.known.get(source_key(raw) or "")
        return bool(known) and len(text.split()) <= MAX_FURNITURE_WORDS and text_key(text) in known
