"""Quote spans: where quoted speech starts and ends in an article's paragraphs.

Curly or straight marks, a reversed mark placed like an opener or closer acting as one, a quote left
open at a paragraph's end (news style for a quote running over paragraphs), a quote re-opened after a
lost paragraph break ("A. "B), and marks inside markup tags (<tweet author="...">) that are not quotes.
Short fragments without sentence punctuation and capitalised titles are kept apart as "partials":
the attribution rules decide whether they are someone's words or the writer's scare quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.extract.facts_common import end_before
from bot.extract.types import ArticleContext

_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*")  # a line: single newlines break paragraphs too
MARK = re.compile(r"[“”\"«»]")
_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
_CLOSE_FOR = {"“": "”", "«": "»", '"': '"'}
_PARTIAL_WORDS = 12  # words: longest phrase quoted inside a sentence that is not speech-like
_SMALL_WORDS = {"of", "the", "and", "a", "an", "on", "in", "for", "to", "at", "with", "&"}
# Words that say the quoted text is a title or a headline, not anyone's speech: written just before the
# opening mark ("ran the headline “…”", "a book entitled “…”", "the paper's front page read: “…”") or just
# after the closing one ("the “Women and Organized Crime” report").
_TITLE_BEFORE = re.compile(
    r"(?:\bhead(?:lines?|lined)|\b(?:en)?titled|\bfront[- ]pages?(?:\s+(?:read|said|declared|screamed|proclaimed))?"
    r"|\bbanner|\bunder the (?:title|heading))\s*[:,]?\s*$",
    re.I,
)
_TITLE_AFTER = re.compile(
    r"^[,]?\s*(?:report|book|film|movie|documentary|album|song|series|programme|program|campaign|study|article"
    r"|column|editorial|show|novel|play|podcast|exhibition)s?\b",
    re.I,
)
_TITLE_LEAD = 60  # characters before a quote searched for a title cue


@dataclass
class QuoteSpan:
    """One quoted stretch of text: char offsets of its marks and the paragraph it sits in."""

    start: int
    end: int
    closed: bool
    para: int
    pstart: int = 0
    pend: int = 0
    content: str = ""
    speaker: str | None = None
    cue: str | None = None
    via: str = ""  # how it was attributed: "after" | "before" | "continued" | "carry" | "back" | ""
    partial: bool = False  # a short phrase quoted inside a sentence, kept only when its verb names a speaker
    parts: list[str] = field(default_factory=list)


def find_spans(text: str, ctx: ArticleContext) -> tuple[list[QuoteSpan], list[QuoteSpan]]:
    """Quote-mark spans of every body paragraph: those that look like speech, and short phrases
    quoted inside a sentence (scare quotes, or a speaker's words: decided by the verb later)."""
    skip = [(s.start, s.end) for s in ctx.sentences if s.kind != "body"]
    skip += [(m.start(), m.end()) for m in _TAG.finditer(text)]  # <tweet author="...">: markup, not speech
    spans: list[QuoteSpan] = []
    partials: list[QuoteSpan] = []
    for para_no, para in enumerate(_PARAGRAPH.finditer(text)):
        if any(a <= para.start() < b for a, b in skip):
            continue
        for start, end, closed in _marks(text, para.start(), para.end()):
            if any(a <= start < b for a, b in skip):
                continue
            if _titled(text, start, end, para.start()):
                continue  # a headline or a title, which nobody said
            inner = text[start + 1 : end - 1 if closed else end].strip()
            span = QuoteSpan(start, end, closed, para_no, para.start(), para.end(), inner, parts=[inner])
            if _is_speech(inner, closed):
                spans.append(span)
            elif closed and not _is_title(inner) and 2 <= len(inner.split()) <= _PARTIAL_WORDS:
                span.partial = True
                partials.append(span)
    return spans, partials


def _titled(text: str, start: int, end: int, para_start: int) -> bool:
    """The quote marks enclose a title: a cue word right before them ("headline", "entitled", "the front
    page read:") or a word for a work right after them ("the “…” report")."""
    before = text[max(para_start, start - _TITLE_LEAD) : start]
    return bool(_TITLE_BEFORE.search(before) or _TITLE_AFTER.match(text[end : end + 20]))


def _marks(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(open, close_end, closed) for each quote-mark pair in text[start:end]."""
    found = []
    open_at, want, depth = -1, "", 0
    for m in MARK.finditer(text, start, end):
        ch = m.group()
        if open_at < 0:
            if ch in _CLOSE_FOR:
                open_at, want, depth = m.start(), _CLOSE_FOR[ch], 1
            elif ch == "”" and _like_opener(text, m.start()):  # ”Fear is real.”: a reversed opener
                open_at, want, depth = m.start(), "”", 1
        elif depth == 1 and ch == text[open_at] and _reopens(text, m.start()):
            found.append((open_at, m.start(), False))  # “A. “B: the first quote's paragraph break was lost
            open_at = m.start()
        elif depth == 1 and (ch == want or _closes_mixed(text, m.start(), want)):
            found.append((open_at, m.end(), True))
            open_at = -1
        elif ch == want:
            depth -= 1
        elif want != '"' and ch == text[open_at]:  # a nested quote of the same kind
            depth += 1
    if open_at >= 0 and text[open_at + 1 : end].strip():
        found.append((open_at, end, False))
    return found


def _like_opener(text: str, pos: int) -> bool:
    """A mark at a word's start (after a space or bracket, before a letter): it opens, whatever its shape."""
    before = text[pos - 1 : pos]
    return (not before or before.isspace() or before in "([—–") and text[pos + 1 : pos + 2].isalnum()


def _reopens(text: str, pos: int) -> bool:
    """A straight opening mark after a finished sentence inside an open straight quote ("A. "B): the
    text lost the paragraph break of a quote running over paragraphs, where each paragraph opens again.
    (Curly marks of the same kind nest instead: “A. “B,” he told me. C,” said X. is one quote.)"""
    if text[pos] != '"' or text[pos - 1 : pos] != " " or not _like_opener(text, pos):
        return False
    end = end_before(text, pos)
    return end > 0 and text[end - 1] in ".!?…"


def _closes_mixed(text: str, pos: int, want: str) -> bool:
    """A straight or reversed mark closing a curly quote (or the reverse): a typo, placed like a closer."""
    ch = text[pos]
    if {ch, want} != {'"', "”"} and (ch, want) != ("“", "”"):
        return False
    before = text[pos - 1 : pos]
    after = text[pos + 1 : pos + 2]
    return bool(before) and not before.isspace() and (not after or not after.isalnum())


def _is_speech(inner: str, closed: bool) -> bool:
    """A quote says something: several words, ending like a sentence or clause; not a title."""
    words = inner.split()
    if not closed:
        return len(words) >= 3
    if _is_title(inner):
        return False  # “Fox News Sunday,” “The Steve Harvey Morning Show,”: a title
    words = len(words)
    ends_like_speech = inner[-1:] in ".,!?…:;—-"
    return (words >= 2 and ends_like_speech) or words >= 6


def _is_title(inner: str) -> bool:
    """A few capitalised words ("Fox News Sunday", "The Art of the Deal"): a name or title, not speech."""
    if re.search(r"[.!?] \S", inner):
        return False  # “The Donald. Big Daddy.”: two sentences are speech, however capitalised
    words = [w.strip(",.:;!?'’") for w in inner.split()]
    return len(words) <= 6 and all(w[:1].isupper() or w in _SMALL_WORDS for w in words if w)
