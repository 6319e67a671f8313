"""Cleaning a body of text into paragraphs and headings, without page leftovers.

A section heading is a short line with no closing punctuation; it stays a paragraph of its own so it
is never glued to the sentence after it. Page furniture ("SEE ALSO: ...", "Featured Image: ...",
"SHARE") leaves the body.
"""

from __future__ import annotations

import re

LEFTOVER = re.compile(
    r"^(see also|read also|read more|related|featured image|image|photo|credit|share|share this|"
    r"advertisement|subscribe|follow us|sign up)\b[:\s]?.*$|^(share|tweet|email|print)$",
    re.I,
)
HASHTAGS = re.compile(r"^(#[\w-]+\s*)+$")
_HASHTAG = re.compile(r"#([\w-]+)")
_BLANKS = re.compile(r"\n\s*\n+")
_CLOSING = ".?!:;\"”’)»…"
MAX_HEADING_WORDS = 14
MAX_LEFTOVER_WORDS = 12  # "Share prices rose ..." is text, not a leftover
MAX_LABELLED_LEFTOVER_WORDS = 40  # "Featured Image: ...": a caption, not one run into the whole article
_LABEL = re.compile(r"^[^:]{1,20}:")


def is_heading(line: str) -> bool:
    """A short line that does not end like a sentence."""
    line = line.strip()
    return bool(line) and len(line.split()) <= MAX_HEADING_WORDS and line[-1] not in _CLOSING


def split_hashtags(text: str) -> tuple[str, list[str]]:
    """Remove a trailing line of hashtags (`#crime #news`) and return them as tags."""
    lines = text.rstrip().split("\n")
    tags: list[str] = []
    while lines and HASHTAGS.match(lines[-1].strip().replace("##", "# #")):
        tags = [t.lower() for t in _HASHTAG.findall(lines.pop())] + tags
    return "\n".join(lines), tags


def clean_paragraphs(text: str) -> list[str]:
    """The body as paragraphs: one line each, leftovers dropped, whitespace collapsed.

    With blank lines, each block is a paragraph. Without them (scraped archives split lines wherever a
    link was), lines are re-joined into paragraphs: see `_merge_lines`.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    if _BLANKS.search(text):
        blocks = [" ".join(b.split()) for b in _BLANKS.split(text)]
        return [b for b in blocks if b and not is_leftover(b)]
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return _merge_lines([ln for ln in lines if ln and not is_leftover(ln)])


def is_leftover(line: str) -> bool:
    """A short line of page furniture ("SEE ALSO: ...", "SHARE"), never a paragraph that opens like one."""
    words = len(line.split())
    short = words <= MAX_LEFTOVER_WORDS or (words <= MAX_LABELLED_LEFTOVER_WORDS and bool(_LABEL.match(line)))
    return short and bool(LEFTOVER.match(line))


def _merge_lines(lines: list[str]) -> list[str]:
    """Join link-split fragments; break after a finished sentence or a heading-like single line."""
    paragraphs: list[str] = []
    buffer, pieces = "", 0
    for line in lines:
        starts_new = line[0].isupper() or line[0] in "“\"‘'"
        if buffer and starts_new and (buffer[-1] in _CLOSING or (pieces == 1 and is_heading(buffer))):
            paragraphs.append(buffer)
            buffer, pieces = "", 0
        buffer = f"{buffer} {line}" if buffer else line
        pieces += 1
    if buffer:
        paragraphs.append(buffer)
    return paragraphs


def clean_body(text: str) -> str:
    """The body text as stored: paragraphs separated by blank lines."""
    return "\n\n".join(clean_paragraphs(text))
