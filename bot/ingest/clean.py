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


# A headline, caption or subhead in ordinary case run into the next sentence ("… drug flights leaving the country
# Clandestine airstrips found …", "… closed as a precaution Two new cases …"): no full stop between them, so the
# join shows as a word that ends a phrase followed by a word that opens sentences and is never capitalised inside
# one ("The", "Two", "However", "He"), itself followed by lower case or a number. Function words before it ("of
# The") and nouns that announce a title ("the film The Aviator", "the newspaper The Guardian") are no join.
_OPENERS = (
    "The|An|This|These|Those|It|Its|He|She|His|Her|They|Their|We|There|However|Meanwhile|But|Many|Some|Most|"
    "Several|Both|All|Each|Hundreds|Thousands|Dozens|Millions|Nearly|Almost|About|Around|Only|Since|Despite|After|"
    "Before|During|When|While|Although|Earlier|Later|Last|In|On|For|At|From|With|As|Two|Three|Four|Five|Six|Seven|"
    "Eight|Nine|Ten|Eleven|Twelve|Thirteen|Fourteen|Fifteen|Sixteen|Seventeen|Eighteen|Nineteen|Twenty|Thirty|"
    "Forty|Fifty|A"
)
_CAPTION_JOIN = re.compile(
    rf"(?P<last>\b[A-Za-z][\w'’-]*|\b\d(?:[\d,.]*\d)?%?)\s+(?P<opener>{_OPENERS})(?:\s+[a-z0-9]|,)"
    rf"|(?P<last_the>\b[a-z][\w'’-]*)\s+The\s+[A-Z]"
)
_NO_JOIN_BEFORE = frozenset(
    """a an the of to in on at for by with from into onto and or nor but that which who whom whose as is are was
    were be been being than its his her their our my your this these those said says say told if so not no
    per via over under about after before between among against during""".split()
)
_TITLE_NOUNS = frozenset(  # "the film The …": a title follows, not a new sentence
    """film movie album book novel song single show series sitcom drama play musical opera programme program
    newspaper paper magazine band group title track record story poem painting documentary channel""".split()
)
_LABEL_LETTER = frozenset(  # "influenza A virus", "class A drugs", "plan A would …": a letter, not an article
    "influenza flu type class plan vitamin grade group category hepatitis strain level section part division tier"
    .split()
)
_SENTENCE_END = re.compile(r"[.!?…][\"”’)]*\s+")
MIN_CAPTION_WORDS = 4  # a caption or headline says something; fewer words before the join are a name's tail


# A headline in the form 'Name: "quote"' run into the next sentence ('Ana Ruiz: "We will rebuild every school" The
# mayor of …'): a paragraph's or sentence's start, one to four capitalised words and a colon, a quotation that closes
# on a word (a headline's quote has no full stop), then a capital. In prose a colon after a name opens the quote
# of the sentence it ends ('… the mayor said: "We will …".'), never a sentence of its own.
_QUOTE_HEADLINE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"”’]\s))"
    r"(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*:\s*[\"“](?=[A-Z])[^\"“”]{8,}?[\w%)][\"”](?=\s+[A-Z“\"])"
)


def caption_run_ins(paragraph: str) -> list[tuple[str, bool]]:
    """The paragraph as (text, is_caption) parts: each headline, caption or subhead run into the sentence after
    it (from the previous sentence's end up to the join) is a part of its own, marked True."""
    parts: list[tuple[str, bool]] = []
    at = 0
    for m in _QUOTE_HEADLINE.finditer(paragraph):
        if paragraph[at : m.start()].strip():
            parts += _caption_parts(paragraph[at : m.start()].strip())
        parts.append((m.group(0), True))
        at = m.end()
    rest = paragraph[at:].strip()
    return [*parts, *_caption_parts(rest)] if rest else parts


def _caption_parts(paragraph: str) -> list[tuple[str, bool]]:
    """`caption_run_ins` for a paragraph without a quote headline: the joins before an opener word."""
    parts: list[tuple[str, bool]] = []
    at = 0
    for m in _CAPTION_JOIN.finditer(paragraph):
        if not _joins(m.group("last") or m.group("last_the"), m.group("opener")):
            continue
        join = m.end("last") if m.group("last") else m.end("last_the")
        ends = [e.end() for e in _SENTENCE_END.finditer(paragraph, at, join)]
        start = ends[-1] if ends else at
        caption = paragraph[start:join].strip()
        if len(caption.split()) < MIN_CAPTION_WORDS:
            continue
        if paragraph[at:start].strip():
            parts.append((paragraph[at:start].strip(), False))
        parts.append((caption, True))
        at = join
    rest = paragraph[at:].strip()
    return [*parts, (rest, False)] if rest else parts


def _joins(last: str, opener: str | None) -> bool:
    """Whether `last` may end a caption run into a sentence opening on `opener` (None: "The" and a capital).
    After a capitalised word only a word opener joins: "Channel Four news", "Radio Five" and "Plan A" are names."""
    word = last.lower()
    if word in _NO_JOIN_BEFORE or word in _TITLE_NOUNS or (opener == "A" and word in _LABEL_LETTER):
        return False
    return not last[0].isupper() or (opener is not None and opener != "A" and opener not in _NUMBER_OPENERS)


_NUMBER_OPENERS = frozenset(_OPENERS.split("|")[_OPENERS.split("|").index("Two"):-1])


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
