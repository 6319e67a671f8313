"""Small helpers shared by the fact extractors (statistics, events, quotes, roles).

They exist so every extractor maps char offsets to sentence indices the same way and names people
the same way: a fact that points at the wrong sentence, or names "Trigoso" where the article says
"Nicolás Zevallos Trigoso", would be a broken link in an answer.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from bot.extract.titles import TITLE_WORDS  # noqa: F401 (re-exported for the extractors)
from bot.extract.types import ArticleContext

_POSSESSIVE = re.compile(r"\s*['’]s?$")

# Honorifics and titles that precede a name but are not part of it ("Gov. Mike Pence").


def drop_titles(name: str) -> str:
    """ "Mayor Ana Quispe" is Ana Quispe: the tagger often takes a title into a person's span."""
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLE_WORDS and words[1][:1].isupper():
        words = words[1:]
    return " ".join(words)


def text_of(doc: Doc) -> str:
    """The article text, computed once per Doc (spaCy rebuilds `doc.text` from its tokens on every access)."""
    text = doc.user_data.get("facts_text")
    if text is None:
        text = doc.user_data["facts_text"] = doc.text
    return text


def end_before(text: str, pos: int) -> int:
    """Where the text before `pos` ends once trailing whitespace is skipped (`len(text[:pos].rstrip())`
    without copying a 5 MB article for every quote mark)."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def sentence_index(ctx: ArticleContext, char: int) -> int:
    """Index of the ctx sentence containing `char` (the last one starting at or before it)."""
    starts = [s.start for s in ctx.sentences]
    pos = bisect_right(starts, char) - 1
    return max(pos, 0)


def tokens_in(doc: Doc, start: int, end: int) -> Span:
    """The tokens covering chars [start, end), expanded to whole tokens."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return doc[0:0]
    return span


def name_chain(token: Token) -> list[Token]:
    """The proper-name tokens around a name's head token ("Nicolás Zevallos Trigoso").

    Walks left over compound/flat PROPN children and adjacent PROPN tokens, then strips leading
    honorifics, so the result is the name itself and can be resolved to an entity.
    """
    doc = token.doc
    left = token.i
    while left > 0 and _namelike(doc[left - 1]) and doc[left - 1].head.i in (token.i, left):
        left -= 1
    while left > 0 and doc[left - 1].dep_ in ("compound", "flat") and doc[left - 1].head == token:
        left -= 1
    right = token.i
    while right + 1 < len(doc) and doc[right + 1].dep_ == "flat" and doc[right + 1].head == token:
        right += 1
    toks = [t for t in doc[left : right + 1] if t.dep_ != "case" and (not t.is_punct or t.text in ".-")]
    while toks and toks[0].is_punct:
        toks = toks[1:]
    while len(toks) > 1 and toks[0].lower_.rstrip(".") in TITLE_WORDS:
        toks = toks[1:]
    return [t for t in toks if t.pos_ in ("PROPN", "NOUN", "ADJ", "PUNCT") or t == token]


def _namelike(token: Token) -> bool:
    """A word that can be part of a name: a proper noun made of letters (or an initial like "H.")."""
    return token.pos_ == "PROPN" and (token.is_alpha or token.text.rstrip(".").isalpha())


def chain_text(tokens: list[Token]) -> str:
    """Text of a token run as written (keeps the article's spacing)."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    return _POSSESSIVE.sub("", doc[tokens[0].i : tokens[-1].i + 1].text.strip(" ,"))


def canonical(ctx: ArticleContext, text: str) -> str:
    """The canonical entity name for `text`, or the text as written when no entity matches.

    A name with extra words ("Sen. Carlos A. Mendoza") falls back to its surname's person; a phrase
    ("the widow of Carlos Mendoza") does not: the widow is not Mendoza."""
    cluster = ctx.resolve(text)
    if cluster is None and " " in text and all(w[:1].isupper() for w in text.split()):
        cluster = ctx.resolve(text.split()[-1])
        if cluster is not None and cluster.type != "PERSON":
            cluster = None
    return cluster.name if cluster is not None else text


_BOILERPLATE = re.compile(
    r"(previous|earlier) version of this (article|story|report)|\bincorrectly (reported|stated|said)|^correction:"
    r"|click here|send insight crime your comments|copy and distribute our work|creative commons"
    r"|^what are your thoughts|send us an email if you use",
    re.I,
)


@lru_cache(maxsize=4096)
def is_boilerplate(text: str) -> bool:
    """A correction note or page furniture: never a fact, a quote or a line of an answer. Cached: the figures,
    quotes and standalone checks each ask it of the same sentences."""
    return bool(_BOILERPLATE.search(text))
