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


# Three or more words in capitals at a paragraph's start, then a capitalised word in lower case or a quote
# mark: a headline, subhead or factbox label the page ran into the sentence after it (plain-text archives and
# feeds lose the break): "GADDAFI FIGHTS BACK, A STANDOFF WITH THE REBELS ENSUES With several thousand ...".
_CAPS_RUN_IN = re.compile(
    r"^((?:[A-Z0-9](?:[A-Z0-9'’.,:;&/()-]*[A-Z0-9.,:;)'’])?\s+){2,}[A-Z0-9][A-Z0-9'’.,:;&/()!?-]*[A-Z0-9.,:;)!?'’])"
    r"\s+(?=[A-Z][a-z]|[“\"‘'])"
)


def run_in_heading(paragraph: str) -> tuple[str, str] | None:
    """(heading, rest) when a paragraph opens with a headline in capitals run into its first sentence."""
    m = _CAPS_RUN_IN.match(paragraph)
    if not m or sum(c.isalpha() for c in m.group(1)) < 8:
        return None
    return m.group(1).strip(), paragraph[m.end():]


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
    lines = [ln for ln in lines if ln and not is_leftover(ln)]
    if len(lines) > 1 and _caption(lines[0], lines[1]):
        lines = lines[1:]
    return _merge_lines(lines)


def is_leftover(line: str) -> bool:
    """A short line of page furniture ("SEE ALSO: ...", "SHARE"), never a paragraph that opens like one."""
    words = len(line.split())
    short = words <= MAX_LEFTOVER_WORDS or (words <= MAX_LABELLED_LEFTOVER_WORDS and bool(_LABEL.match(line)))
    return short and bool(LEFTOVER.match(line))


def _caption(first: str, second: str) -> bool:
    """A scraped body that opens on its photo caption: a line of several words with no closing punctuation
    followed by a line that starts a sentence ("… in Mexico City" / "Contacts in China provide …")."""
    words = first.split()
    if len(words) < 6 or first[-1] in _CLOSING or first[-1] == "," or not second[:1].isupper():
        return False
    starts_sentence = second.split()[0] in ("A", "An", "The")  # a link never splits a sentence before "The"
    return not words[-1][:1].islower() or first[-1].isdigit() or starts_sentence


def _merge_lines(lines: list[str]) -> list[str]:
    """Join link-split fragments; break after a finished sentence or a heading-like single line.

    Not finished: a quote closed on a comma ("…Panamanians,” / Cortizo said), a line ending on a small
    word ("According to the" / National Police …: a link cut it, it is no heading). A word the link cut
    in two ("Uruguay's m" / "inistry of the interior") is mended."""
    paragraphs: list[str] = []
    buffer, pieces = "", 0
    for line in lines:
        starts_new = line[0].isupper() or line[0] in "“\"‘'"
        if buffer and starts_new and (_finished(buffer) or (pieces == 1 and _heading_line(buffer))):
            paragraphs.append(buffer)
            buffer, pieces = "", 0
        if buffer and _CUT_WORD.search(buffer) and line[0].islower():
            buffer += line  # "m" + "inistry"
        else:
            buffer = f"{buffer} {line}" if buffer else line
        pieces += 1
    if buffer:
        paragraphs.append(buffer)
    return paragraphs


_CUT_WORD = re.compile(r"(?:^|\s)[b-hj-z]$")  # a lone lower-case letter other than "a" and "i" ends the line


def _finished(text: str) -> bool:
    """The line ends a sentence (not a quote that closes on a comma: the attribution follows)."""
    return text[-1] in _CLOSING and not text.endswith((",”", ',"', ",’"))


def _heading_line(text: str) -> bool:
    """A heading, not a sentence a link cut short: it does not end on a lower-case word unless it has a colon
    ("Putumayo: Silent Violence", "Lima, Peru: 8 per 100,000*", but not "According to the")."""
    last = text.split()[-1]
    return is_heading(text) and (":" in text or not last[:1].islower())


def clean_body(text: str) -> str:
    """The body text as stored: paragraphs separated by blank lines."""
    return "\n\n".join(clean_paragraphs(text))
