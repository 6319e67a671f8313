"""Page furniture: text a site prints around its articles, never part of what an article says.

Built-in patterns catch what is furniture on first sight, on any site ("Click here to ...", "Sign up for
our newsletter", "All rights reserved"), and page headers or photo credits run into the text
("Photograph: Gerald Herbert/AP"). The rest is learned per source: a paragraph or sentence that turns up
in many distinct articles of one source ("What are your thoughts? Click here to send us your comments.",
a licence line, a newsletter pitch) is that source's furniture (RULE: in 10 of its articles, or in 5 that
are 30 % of them; a candidate not seen again within 1,000 articles of its source is forgotten). A text
learned now is marked furniture in the source's articles stored before (`reach_back`), without re-analysing
them. Texts are compared normalised (case, punctuation, digits, month and day names), so
"Page last updated at 07:39 GMT, Wednesday, 27 January 2010" is one text across a source's pages.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

import sqlite_utils

from bot.ingest.model import RawArticle
from storage.fts import all_of, quote_term
from storage.furniture import Rule, count_texts, learned_hashes, mark_furniture, sentences_with

# Chosen on the corpora (InSight Crime, BBC, PolNeAR, Timeline17). The furniture of a large source is in 10
# articles and more (BBC's comment form 13-28, its blogs' lines 10-16, Reuters' 48-234, the Guardian's print
# line 12); sentences of its reporting repeat in at most 7 (the Syrian death toll, Reuters' timeline lines),
# bar one in 10 (BBC on Haiti: "Many more remain uncollected in the streets."). What repeats more is a box
# pasted into many articles of one story (BBC's bpoil graphic, 14; the Syria six-point plan, 18): furniture
# by this rule too. In a small source, furniture is in most articles (InSight Crime's comment pitch and
# licence, 38 of 38; HuffPost's editor's note, 9 of 24), its reporting in a few (3 of 38).
# A candidate not seen again in its source's next 1,000 articles is forgotten: furniture turns up far more
# often than that (BBC's comment form, the rarest above, in 13 of 2,127 BBC pages: every ~160 on average),
# and the table then holds ~1,000 articles' lines per source instead of every line ever ingested.
RULE = Rule(least=10, small=5, share=30, window=1000)
FURNITURE_ARTICLES = RULE.least
MAX_FURNITURE_WORDS = 45  # longer texts repeated across articles are reprinted reporting, not furniture
MIN_FURNITURE_WORDS = 1  # a form label ("Name") repeated on every page is furniture too
# a media player's notice where the video was: "Sorry, this media is not available in your territory.", "This video
# has not been independently verified"
# a player's label; a reporter writes "The footage could not be independently verified" in a sentence, which stays
_CLIP_LABEL = r"^this (video|footage|clip) has not been independently verified\b"
_MEDIA_NOTICE = (
    r"\bthis (media|video|clip|content) is (?:(?:not|no longer|currently not) (?:available|playable)|unavailable)\b"
    r"|\bmedia playback is (not supported|unsupported)\b|" + _CLIP_LABEL
)
_BUILTIN = re.compile(
    r"\bclick here\b|\bsign up (for|to) (our|the|my)\b.*\b(newsletters?|alerts?|emails?)\b|"
    r"\ball rights reserved\b|\bthis (article|story|piece) (was|is|has been|first) (originally |first )?"
    r"(published|appeared)\b|\bfollow (us|@\w+) on (twitter|facebook|instagram|x|linkedin|tiktok)\b|"
    r"^(subscribe|sign up) (to|for) (our|the)\b|^(copyright|©)\s|\bpage last updated at \d|"
    r"\bjavascript (must|needs to) be (turned on|enabled)\b|\bjavascript enabled\b|"
    r"\bnot responsible for the content of external\b|\b(in|using|filling in) the form below\b|"
    r"\byour comments (may|will) be published\b|\bsend us your (comments|experiences|pictures|photos|views)\b|"
    r"^\(?(additional )?(reporting|writing|editing|compiled|compiling|produced) by\b|"  # a wire's credit line
    r"\bwe welcome comments\b|\bshare your (thoughts|views|experiences|stories|pictures)\b|"
    r"\bbbc monitoring (selects|reports|translates)\b|"
    + _MEDIA_NOTICE + r"|\bplease (turn on|enable) javascript\b",
    re.I,
)
# the label a clip carries under its caption: the line above it is the caption. A player's notice ("Media playback is
# unsupported") opens the media block, above its caption: the line above it is the story's.
CLIP_LABEL = re.compile(_CLIP_LABEL, re.I)
# Paragraphs that are furniture by how they open, whatever follows: a reader's comment under the article ("At
# 13:31 30th Jul 2012, BluesBerry wrote: …"), a page's pull quote ("Start Quote … End Quote", repeating the
# text), a broadcast script's shot list ("B-ROLL INCLUDES:", "SOUNDBITE (English) …"), a PRO/CON box's entries.
_READER_COMMENT = r"At \d{1,2}:\d{2}(?: ?[ap]m)?(?: on)? \d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+ \d{4},? [^.]{1,60}? wrote:"
_WHOLE_PARAGRAPH = re.compile(
    rf"^(?:{_READER_COMMENT}"
    r"|Start Quote\b|SOUND ?BITE\b|CONS?: |PROS?: |(?:B-ROLL|SHOT ?LIST|VIDEO SHOWS|NATS)\b[^a-z]{0,40}:)"
)
_BUILTIN_ES = re.compile(  # the same furniture on Spanish-language sites
    r"^(te recomendamos|te puede interesar|lee tambi[eé]n|lea tambi[eé]n|no te pierdas|mira tambi[eé]n)\b|"
    r"\b(haz|da|dar|haga) clic aqu[ií]\b|\bs[ií]guenos en (twitter|facebook|instagram|x|linkedin|tiktok)\b|"
    r"\btodos los derechos reservados\b|^(suscr[ií]bete|suscr[ií]base|[uú]nete) (a|al|gratis)\b|"
    r"\beste (art[ií]culo|texto|contenido) (fue|se) publicad[oa] (originalmente|por primera vez)\b",
    re.I,
)
_DATELINE = (r"(?:[A-Z][A-Z.'’/ -]{1,40}(?:, ?[A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,2})? ?)?"
             r"(?:,? ?[A-Z][a-z]{2,8}\.? \d{1,2} ?)?\([A-Z][\w.&'’]*(?: [A-Z][\w.&'’]*){0,3}\) ?[-–—]+\s*")
_NAME = r"[A-Z][\w.'’-]+(?: [A-Z][a-z][\w.'’-]*){1,3}"  # a byline's name: "Ann Lee", "Noel Randewich"
_RUN_INS = (  # page headers and photo credits run into an article's text, on any site
    re.compile(r"^.{0,400}?\b[A-Z][A-Z .'/-]*(?:, [A-Z][a-z]+)* \| (Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} "
               r"\d{1,2}, \d{4} \d{1,2}:\d{2} ?[ap]m [A-Z]{2,4}\s+"),  # Reuters: "TRIPOLI | Mon Feb 21, 2011 6:51 pm"
    re.compile(r"^Page last updated at \d{1,2}:\d{2} GMT,? \w+,? \d{1,2} \w+ \d{4}\s+"),  # BBC
    # a wire dateline: "TRIPOLI, Libya (Reuters) - ", "Feb 21 (Reuters) - ", "WASHINGTON (AP) — ",
    # "BANI WALID/SIRTE, Libya (Reuters) - ": where and who
    # filed, not a sentence of the story (alone it came out as the sentence "RABAT (Reuters) -")
    re.compile(rf"^{_DATELINE}"),
    # a wire's headline, summary bullets and byline before the dateline, when the page lost their breaks:
    # "Oil terminals' state still unclear \* Pipes may delay output By Ann Lee and Bo Kim LONDON, Aug 23 (Reuters) - "
    re.compile(rf"^.{{0,600}}?\bBy {_NAME}(?:(?:,| and) {_NAME})* {_DATELINE}"),
    re.compile(r"\b(Photograph|Photo|Picture|Image|Illustration|Credit) ?: [^.|]{0,80}?/(AP|AFP|Reuters|Getty Images"
               r"|Getty|EPA|PA|Rex Features|Rex|Corbis|Bloomberg|Alamy|Handout)\b(?! [a-z])\s*"),  # "Photograph: X/AP"
    re.compile(r"\bStart Quote\b.{0,600}?\bEnd Quote\s*"),  # a pull quote inside a paragraph whose breaks were lost
    # a schools page's glossary entry in brackets after the word it explains: "… few flood defences (flood defences:
    # Walls or barriers which keep water out.), the damage …": a definition for pupils, not the story's sentence
    re.compile(r"\s*\((?:[a-z][\w'’-]*\s){0,4}[a-z][\w'’-]*\s?: [A-Z][^()]{5,300}?\.\)(?=[\s,;.])"),
    # the web server's own error printed where an include failed (Apache SSI), anywhere in the text
    re.compile(r"[\[(]an error occurred while processing this directive[\])]\s*", re.I),
)
_SENTENCE_END = re.compile(r"(?<=[.!?…”\"])\s+(?=[A-Z“\"‘'])")
ABBREVIATION = re.compile(  # a full stop that ends no sentence: "U.S.", "p.m.", "Mr.", "Inc."
    r"(\b[A-Za-z]\.|\b(Mr|Mrs|Ms|Dr|St|Gen|Gov|Sen|Rep|Lt|Col|Sgt|Capt|Prof|Jr|Sr|No|Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|"
    r"Nov|Dec|Inc|Co|Corp|Ltd|vs|etc|Fig|Mt|Ft|Rev|Hon|Gov|Maj|Adm|Cmdr|Sgt|Supt|Insp|Det|Cpl|Pvt)\.)$"
)
_MONTHS_DAYS = re.compile(
    r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|"
    r"nov(ember)?|dec(ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
)
_NON_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"[^\W\d_]{2,}")  # a word that is neither a number nor a date name, once normalised
_DIGITS = re.compile(r"\d+")


def normalise(text: str) -> str:
    """The text as compared across articles: lower case, words only, every number and date name alike."""
    text = _DIGITS.sub("0", text.lower())
    return " ".join(_NON_WORD.sub(" ", _MONTHS_DAYS.sub("d", text)).split())


def has_words(text: str) -> bool:
    """Whether a text says more than numbers and dates ("78,000" and "February 24" are not furniture)."""
    return bool(_WORD.search(normalise(text)))


def text_key(text: str) -> str:
    return hashlib.sha1(normalise(text).encode()).hexdigest()[:16]


def source_key(raw: RawArticle) -> str | None:
    """Whose furniture an article carries: its source's name, else its site; None when neither is known."""
    return source_of(raw.source, raw.url)


def source_of(source: str | None, url: str | None) -> str | None:
    """`source_key` of an article by its source's name and its link (as stored)."""
    if source and source.strip():
        return " ".join(source.lower().split())
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


_LEAD_IN_ES = re.compile(r"^(te recomendamos|te puede interesar|lee tambi[eé]n|lea tambi[eé]n|no te pierdas)\s*:", re.I)


def builtin_furniture(raw: RawArticle | None, text: str) -> bool:
    """Furniture on first sight, on any site: one short sentence with a tell-tale phrase (in a paragraph of
    several, only that sentence is furniture), or a paragraph that is by its opening words a reader's comment,
    a pull quote, a broadcast shot list or a Spanish site's "Te recomendamos:" (its linked headline runs into
    the next sentence with no full stop between them), however long."""
    if _WHOLE_PARAGRAPH.match(text) or _LEAD_IN_ES.match(text):
        return True
    return (
        len(text.split()) <= MAX_FURNITURE_WORDS and bool(_BUILTIN.search(text) or _BUILTIN_ES.search(text))
        and len(rough_sentences(text)) == 1
    )


# Where the article ends and the page goes on: a wire's sign-off ("(Reporting by …; Editing by …)", always its
# last line) or the opening of the comments ("We welcome comments that advance the story …", "At 13:31 30th Jul
# 2012, BluesBerry wrote:", a debate page's "Added: Tuesday, 19 January, 2010, 18:32 GMT"). What follows is
# readers' comments and the site's product blurbs, never the story; plain-text archives run it into the
# article's last paragraph.
_SIGN_OFF = re.compile(r"\((?:[^()]{0,200}?;\s*)?editing by [^()]{1,100}\)", re.I)
# A debate page's stamp over each reader's comment: "Added: Tuesday, 19 January, 2010, 18:32 GMT 18:32 UK".
_COMMENT_STAMP = (r"Added ?: ?(?:[A-Z][a-z]+day ?, ?)?\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+ ?,? \d{4} ?, ?\d{1,2}:\d{2}"
                  r" ?(?:GMT|UTC|BST|ET|EST|EDT|[ap]\.?m\b)")
_COMMENTS_OPEN = re.compile(
    r"\bWe welcome comments\b|\bViews expressed in the comments\b|\bThis discussion is (?:now )?closed\b|"
    rf"(?:^|\s)Comments \(\d+\)|\b{_READER_COMMENT}|\b{_COMMENT_STAMP}"
)


# Words shouted in capitals inside a sentence in ordinary case ("… is only a STAGING POST in its plan …", "… on SEVERAL
# OCCASIONS there have been …"): readers' comments under a blog or story write so, a newsroom's text never does (its
# capitals are headings, labels and acronyms, which stand at a line's start or alone). Acronyms run together in a
# sentence ("the NATO ISAF mission") are names: a shouted run is ordinary words only (`_ordinary_words`).
_SHOUTING = re.compile(r"(?<=\s)[a-z][a-z,'’]*\s+(?:[A-Z][A-Z'’-]{3,}\s+)+[A-Z][A-Z'’-]{3,}\s+[a-z]")
_CAPITALS = re.compile(r"[A-Z][A-Z'’-]{3,}")
_ENDINGS = ("", "s", "es", "ed", "d", "ing")  # "STORMS", "WARNED", "HOLDING": the word the lexicon knows


def page_tail(paragraphs: list[str]) -> list[str]:
    """The paragraphs up to where the article ends: cut after a wire's sign-off or before the comments open
    (announced, or a sentence shouting in capitals), in whichever paragraph that is, and without the paragraphs
    after it."""
    for i, paragraph in enumerate(paragraphs):
        sign_off, comments = _SIGN_OFF.search(paragraph), _COMMENTS_OPEN.search(paragraph)
        ends = [m.end() for m in (sign_off,) if m] + [m.start() for m in (comments,) if m]
        ends += [at for at in (_shouting_start(paragraph),) if at is not None]
        if ends:
            kept = paragraph[:min(ends)].strip()
            return [*paragraphs[:i], *([kept] if kept else [])]
    return paragraphs


_REPORTED_QUOTE = re.compile(r"[:,]\s*[\"“][^\"“”]*$")  # 'said: "Tonight COSMIC RAYS …': someone's words, quoted


def _shouting_start(paragraph: str) -> int | None:
    """Where the first sentence shouting in capitals outside a quotation starts (a reader's comment), or None."""
    for m in _SHOUTING.finditer(paragraph):
        ends = list(_SENTENCE_END.finditer(paragraph, 0, m.start()))
        start = ends[-1].end() if ends else 0
        if not _REPORTED_QUOTE.search(paragraph[start : m.start()]) and _ordinary_words(_CAPITALS.findall(m.group(0))):
            return start
    return None


def _ordinary_words(words: list[str]) -> bool:
    """Every word is an English word, as a reader shouts ("STAGING POST"), not an acronym ("ISAF", "AWACS"): the
    English lexicon loads only when a sentence holds such a run (extraction has it loaded already)."""
    from bot.nlp import english_words  # spaCy: not for a process that only reads furniture rules

    known = english_words()
    return all(any(w.lower().strip("'’-").removesuffix(end) in known for end in _ENDINGS if w.lower().endswith(end))
               for w in words)


def strip_run_ins(paragraph: str) -> str:
    """A paragraph without a page header or photo credit run into its text (built-in, any site)."""
    for pattern in _RUN_INS:
        paragraph = pattern.sub("", paragraph)
    return paragraph


def rough_sentences(paragraph: str) -> list[str]:
    """Sentences by punctuation, without the parser: enough to count repeats ("U.S." and "Mr." end none)."""
    out: list[str] = []
    for piece in _SENTENCE_END.split(paragraph):
        if out and ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def units(raw: RawArticle) -> dict[str, str]:
    """What may be furniture in an article, by key: its short paragraphs and their sentences."""
    found: dict[str, str] = {}
    for paragraph in raw.text.split("\n\n"):
        paragraph = strip_run_ins(paragraph)
        for text in [paragraph, *rough_sentences(paragraph)]:
            text = text.strip()
            if MIN_FURNITURE_WORDS <= len(text.split()) <= MAX_FURNITURE_WORDS and has_words(text):
                found.setdefault(text_key(text), text)
    return found


SEARCH_WORDS = 8  # the longest words of a learned text that find its earlier copies in the archive


def reach_back(db: sqlite_utils.Database, source: str, key: str, text: str) -> int:
    """Mark a text just learned as the source's furniture in the articles stored before it was learned (they
    were analysed with the text as a sentence of theirs): found by its words, kept when it is the same text
    once normalised and of the same source. How many stored sentences it marked."""
    words = sorted(set(_WORD.findall(normalise(text))), key=lambda w: (-len(w), w))
    match = all_of([quote_term(w) for w in words[:SEARCH_WORDS]])
    if match is None:
        return 0
    same = [r["id"] for r in sentences_with(db, match)
            if text_key(r["text"]) == key and source_of(r["source"], r["url"]) == source]
    return mark_furniture(db, same)


class Furniture:
    """An ingest run's view of the archive's furniture: what is known, and learning from new articles."""

    def __init__(self, db: sqlite_utils.Database, rule: Rule = RULE) -> None:
        self.db, self.rule = db, rule
        self.known: dict[str, set[str]] = learned_hashes(db, rule)

    def learn(self, raw: RawArticle) -> None:
        """Count a new article's paragraphs and sentences for its source (call once per distinct article)."""
        source = source_key(raw)
        if source is None:
            return
        texts = units(raw)
        if texts:
            reached = count_texts(self.db, source, texts, self.rule)
            known = self.known.setdefault(source, set())
            for key in sorted(reached - known):
                reach_back(self.db, source, key, texts[key])
            known.update(reached)

    def __call__(self, raw: RawArticle, text: str) -> bool:
        """Whether a paragraph or sentence of this article is furniture, built-in or learned for its source."""
        if builtin_furniture(raw, text):
            return True
        known = self.known.get(source_key(raw) or "")
        return bool(known) and len(text.split()) <= MAX_FURNITURE_WORDS and has_words(text) and text_key(text) in known
