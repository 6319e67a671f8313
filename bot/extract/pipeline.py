"""The extraction pipeline: RawArticles in, Analyses out, spaCy's `nlp.pipe` in batches.

Everything after the parse is single passes over the Doc and regexes, so the project's own work stays
a small fraction of spaCy's (budget: ingest throughput >= 0.8 of bare `nlp.pipe`).

One article never stops the others: each extractor of EXTRACTORS runs guarded, and one that raises
leaves its part of the Analysis empty and an ExtractError in `errors` (the traceback goes to the log);
a batch whose parse fails is parsed again one text at a time. Page furniture (`is_furniture`) is kept
out of the parse when it is a whole paragraph, and marked kind="furniture" when it is a sentence, so
no extractor, summary or answer uses it.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Any, NamedTuple

from spacy.tokens import Doc

from bot.desks import desk_passages
from bot.extract.entities import extract_entities
from bot.extract.es.dates import spanish_dates
from bot.extract.es.entities import spanish_entities
from bot.extract.es.figures import spanish_figures
from bot.extract.es.quotes import spanish_quotes
from bot.extract.es.roles import spanish_roles
from bot.extract.es.standalone import mark_spanish_standalone
from bot.extract.events import extract_events
from bot.extract.facts_common import text_of
from bot.extract.quotes import extract_quotes
from bot.extract.roles import extract_roles
from bot.extract.run_ins import run_in_joins
from bot.extract.standalone import mark_standalone, timeline_entry
from bot.extract.stats import extract_statistics
from bot.extract.summary import summarize
from bot.extract.types import ArticleContext, EntityCluster, Event, Quote, Role, Sentence, Statistic
from bot.ingest.clean import caption_run_ins, is_heading, run_in_heading
from bot.ingest.furniture import ABBREVIATION as _ABBREVIATION
from bot.ingest.furniture import builtin_furniture, page_tail, strip_run_ins
from bot.ingest.model import RawArticle
from bot.language import DEFAULT as DEFAULT_LANGUAGE
from bot.language import detect as detect_language
from bot.language import is_analysed
from bot.nlp import BATCH_SIZE, get_nlp
from bot.topics import lexicon
from bot.turns import heavy_step

MAX_ANALYSED_CHARS = 100_000  # ~15,000 words: far beyond a news article; the rest is stored, not parsed
PARSE_CHARS = 10_000  # characters spaCy parses together at most (`parse_groups`): about two news articles
SUMMARY_SENTENCES = 3
PLACE_LABELS = {"GPE", "LOC", "NORP"}
MAX_ERROR_CHARS = 200
log = logging.getLogger(__name__)

FurnitureCheck = Callable[[RawArticle, str], bool]  # (article, paragraph or sentence) -> is it furniture?


@dataclass
class ExtractError:
    """One extractor that failed on one article: which, and a one-line reason (the traceback is logged)."""

    extractor: str
    message: str
MIN_SECTIONS = 3  # headings from which an article is read as sections (a roundup), not paragraphs


@dataclass
class Analysis:
    raw: RawArticle
    text: str  # what was parsed: title, blank line, paragraphs separated by blank lines
    sentences: list[Sentence]
    entities: list[EntityCluster]
    topics: dict[str, int]
    summary: list[int]
    desks: list[str]
    passages: dict[str, list[int]] = field(default_factory=dict)  # desk -> its sentences, when not whole
    statistics: list[Statistic] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    truncated: bool = False
    body: str | None = None  # the text to store: the raw body without its furniture (None: the raw body)
    errors: list[ExtractError] = field(default_factory=list)


class Prepared(NamedTuple):
    text: str  # what is parsed
    paragraphs: list[tuple[int, str]]  # each parsed paragraph's start offset and kind
    truncated: bool
    rest: list[str]  # paragraphs past MAX_ANALYSED_CHARS: stored, not parsed
    sources: list[str] = []  # the body's paragraphs as written (less furniture), which the parts were cut from
    origins: list[int] = []  # for each parsed paragraph, the index of its source paragraph (-1: the title)


def doc_text(raw: RawArticle, is_furniture: FurnitureCheck = builtin_furniture) -> Prepared:
    """The text to parse, each paragraph's start offset and kind, and whether it was cut.

    A paragraph that is furniture is left out, and so is a page header or credit run into one, and what the
    page prints after the article's end (comments, blurbs): it is nobody's statement and no answer may show it."""
    article = page_tail([strip_run_ins(p).strip() for p in raw.text.split("\n\n")])
    kept = [p for p in article if p and not is_furniture(raw, p)]
    paragraphs = [(raw.title, "title", -1)] + [(*part, j) for j, p in enumerate(kept) for part in _kinds(p)]
    parts, starts, origins, offset, rest = [], [], [], 0, []
    for text, kind, origin in paragraphs:
        if rest or (offset + len(text) > MAX_ANALYSED_CHARS and parts):
            rest.append(text)
            continue
        parts.append(text)
        starts.append((offset, kind))
        origins.append(origin)
        offset += len(text) + 2
    return Prepared("\n\n".join(parts), starts, bool(rest), rest, kept, origins)


def _kinds(paragraph: str) -> list[tuple[str, str]]:
    """A paragraph as (text, kind) parts: a headline in capitals run into its first sentence, and a headline,
    caption or subhead run into the sentence after it, are headings of their own, never part of a line an
    answer shows (plain-text archives and feeds lose the break between them)."""
    split = run_in_heading(paragraph)
    heads, paragraph = ([(split[0], "heading")], split[1]) if split is not None else ([], paragraph)
    parts = caption_run_ins(paragraph)  # a caption or headline in ordinary case run into the next sentence
    return heads + [(text, "heading" if caption or is_heading(text) else "body") for text, caption in parts]


def split_sentences(doc: Doc, paragraphs: list[tuple[int, str]]) -> list[Sentence]:
    """spaCy's sentences, stripped, each with the kind of the paragraph it lies in; one that holds a full stop
    and a capital after it, not after an abbreviation, is two ("… events in Aleppo. UN Secretary General …":
    the parser missed the end)."""
    starts = [p[0] for p in paragraphs]
    parsed = doc.has_annotation("DEP")
    sentences = []
    doc_chars = text_of(doc)  # spaCy rebuilds doc.text from every token on each access
    for sent in doc.sents:
        raw = sent.text
        text = raw.strip()
        if not text:
            continue
        first = sent.start_char + (len(raw) - len(raw.lstrip()))
        joins = [doc[i].idx for i in run_in_joins(sent)] if parsed else []
        for start, end, caption in _run_in_pieces(_missed_ends(text, first), joins):
            kind = paragraphs[max(0, bisect.bisect_right(starts, start) - 1)][1]
            piece = doc_chars[start:end].rstrip()
            kind = "heading" if caption and kind == "body" else kind
            sentences.append(Sentence(len(sentences), piece, start, start + len(piece), kind))
    return sentences


def _run_in_pieces(pieces: list[tuple[int, int]], joins: list[int]) -> list[tuple[int, int, bool]]:
    """The (start, end) pieces cut again at each join the parse found (`bot.extract.run_ins`), each marked True
    when it is a headline, caption or factbox line that ends at a join: a heading, never a line of an answer."""
    out = []
    for start, end in pieces:
        cuts = [j for j in joins if start < j < end]
        for a, b in zip([start, *cuts], [*cuts, end], strict=True):
            out.append((a, b, b != end))
    return out


# one full stop after a word or a unit on a figure ("$82m."; not "...", "etc..", "1.", a ticker's "RCL. N"), then a
# capitalised word
_FULL_STOP = re.compile(r"(?<=[A-Za-z0-9][a-z])\.(?!\.)[\"”’)]*(\s+)(?=[A-Z“\"‘][A-Za-z“\"‘])")


def _missed_ends(text: str, offset: int) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in one of spaCy's: split where a full stop after a word is followed
    by a capitalised word, unless it closes an abbreviation ("Mr.", "Inc.", "p.m.")."""
    pieces, at = [], 0
    for m in _FULL_STOP.finditer(text):
        if _ABBREVIATION.search(text[:m.start(1)].rstrip("\"”’)")):
            continue
        pieces.append((offset + at, offset + m.start(1)))
        at = m.end(1)
    return [*pieces, (offset + at, offset + len(text))]


def paragraph_sentences(text: str, paragraphs: list[tuple[int, str]]) -> list[Sentence]:
    """Each paragraph as one sentence: what an article whose parse failed can still be searched by."""
    out = []
    for i, (start, kind) in enumerate(paragraphs):
        end = paragraphs[i + 1][0] - 2 if i + 1 < len(paragraphs) else len(text)
        out.append(Sentence(i, text[start:end], start, end, kind))
    return out


def published_date(iso: str | None) -> date | None:
    """The reference date for relative dates; a month-precision date counts as that month's last day."""
    if not iso:
        return None
    try:
        parts = [int(p) for p in iso[:10].split("-")]
        if len(parts) == 3:
            return date(*parts)
        year, month = parts[0], parts[1] if len(parts) > 1 else 12
        next_month = date(year + (month == 12), month % 12 + 1, 1)
    except (ValueError, IndexError):
        return None  # a date no reader normalised: relative dates stay unresolved rather than wrong
    return date.fromordinal(next_month.toordinal() - 1)


def place_units(
    mentions: list[tuple[int, str]], sentences: list[Sentence], paragraphs: list[tuple[int, str]]
) -> tuple[list[list[str]], list[list[int]]]:
    """The article's passages with their place mentions (each its start offset and text) and sentences, for
    desk scoping: the sections under its headings when it has several (a roundup: "Lima, Peru: 8 per
    100,000"), else its paragraphs."""
    headings = sum(1 for s in sentences if s.kind == "heading")
    starts = [p[0] for p in paragraphs]
    unit_of: list[int] = []
    unit, last_para = -1, -1
    for s in sentences:
        para = max(0, bisect.bisect_right(starts, s.start) - 1)
        new = s.kind == "heading" if headings >= MIN_SECTIONS else (not unit_of or para != last_para)
        if new or unit < 0:
            unit += 1
        unit_of.append(unit)
        last_para = para
    places: list[list[str]] = [[] for _ in range(unit + 1)]
    members: list[list[int]] = [[] for _ in range(unit + 1)]
    for s, u in zip(sentences, unit_of, strict=True):
        members[u].append(s.idx)
    sentence_starts = [s.start for s in sentences]
    for start, text in mentions:
        if sentences:
            places[unit_of[max(0, bisect.bisect_right(sentence_starts, start) - 1)]].append(text)
    return places, members


@dataclass
class Parsed:
    """What an extractor may read: the article, its Doc, and the context the earlier extractors built."""

    raw: RawArticle
    doc: Doc
    ctx: ArticleContext
    paragraphs: list[tuple[int, str]]

    @property
    def body_sentences(self) -> list[Sentence]:
        return [s for s in self.ctx.sentences if s.kind != "furniture"]


@dataclass(frozen=True)
class Step:
    """One named extractor: the Analysis field it fills, how, and what the field holds if it fails."""

    field: str
    run: Callable[[Parsed], Any]
    empty: Callable[[], Any]


def _entities(p: Parsed) -> list[EntityCluster]:
    p.ctx.entities = extract_entities(p.doc, p.ctx.sentences)  # the later extractors resolve names with them
    mark_standalone(p.doc, p.ctx.sentences, p.ctx.entities)  # which sentences an answer may show alone
    return p.ctx.entities


def _topics(p: Parsed) -> dict[str, int]:
    lex = lexicon()
    counts: Counter[str] = Counter()
    for sentence in p.body_sentences:
        sentence.topics = lex.sentence_topics(sentence.text, p.raw.language)
        counts.update(sentence.topics)
    return lex.rollup(counts)


def _desks(p: Parsed) -> dict[str, list[int] | None]:
    """Each desk of the article → the sentences of its passages (None: the whole article is the desk's)."""
    mentions = [(e.start_char, e.text) for e in p.doc.ents if e.label_ in PLACE_LABELS]
    return desk_passages(p.raw.title, p.raw.tags, *place_units(mentions, p.ctx.sentences, p.paragraphs))


def _standing(p: Parsed, facts: list) -> list:
    """Figures and events only from sentences that stand alone: an answer shows their sentence."""
    return [f for f in facts if p.ctx.sentences[f.sent].alone]


def _summary(p: Parsed) -> list[int]:
    """The article's summary sentences, among those that stand alone and are no entry of a printed chronology:
    digests and `latest` show them as lines."""
    sentences = p.ctx.sentences
    kinds = [s.kind if s.kind != "body" or (s.alone and not timeline_entry(s.text)) else "leaning" for s in sentences]
    return summarize([s.text for s in sentences], SUMMARY_SENTENCES, kinds)


# In order: "entities" comes first, the fact extractors resolve names against it. Lambdas look the functions
# up when called, so a profiler can wrap the module's names.
EXTRACTORS: dict[str, Step] = {
    "entities": Step("entities", _entities, list),
    "topics": Step("topics", _topics, dict),
    "summary": Step("summary", _summary, list),
    "desks": Step("desks", _desks, dict),
    "statistics": Step("statistics", lambda p: _standing(p, extract_statistics(p.doc, p.ctx)), list),
    "events": Step("events", lambda p: _standing(p, extract_events(p.doc, p.ctx)), list),
    "quotes": Step("quotes", lambda p: extract_quotes(p.doc, p.ctx), list),
    "roles": Step("roles", lambda p: extract_roles(p.doc, p.ctx), list),
}


def _spanish_entities(p: Parsed) -> list[EntityCluster]:
    p.ctx.entities = spanish_entities(p.ctx.sentences)  # no tagger: capitalised runs typed by gazetteer
    mark_spanish_standalone(p.ctx.sentences)  # which sentences an answer may show alone, from the opening words
    return p.ctx.entities


def _spanish_desks(p: Parsed) -> dict[str, list[int] | None]:
    """As `_desks`, with the places the gazetteer found (a blank pipeline has no doc.ents)."""
    mentions = [(m.start, m.text) for c in p.ctx.entities if c.type in PLACE_LABELS for m in c.mentions]
    return desk_passages(p.raw.title, p.raw.tags, *place_units(mentions, p.ctx.sentences, p.paragraphs))


# Spanish: the same fields from rule tables over the text (bot/extract/es/); no parser, so nothing of the
# English extractors runs on it. Which sentences stand alone is bot/extract/es/standalone.py's; figures and
# events keep to those, as English ones do.
SPANISH_EXTRACTORS: dict[str, Step] = {
    "entities": Step("entities", _spanish_entities, list),
    "topics": EXTRACTORS["topics"],
    "summary": EXTRACTORS["summary"],
    "desks": Step("desks", _spanish_desks, dict),
    "statistics": Step("statistics", lambda p: _standing(p, spanish_figures(p.ctx)), list),
    "events": Step("events", lambda p: _standing(p, spanish_dates(p.ctx)), list),
    "quotes": Step("quotes", lambda p: spanish_quotes(p.ctx), list),
    "roles": Step("roles", lambda p: spanish_roles(p.ctx), list),
}


def extractors_for(language: str | None) -> dict[str, Step]:
    """The extractor table of an article's language (English by default)."""
    return SPANISH_EXTRACTORS if language == "es" else EXTRACTORS


def short_error(exc: BaseException) -> str:
    """The exception as one short line: its type and the first line of its message."""
    text = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}".rstrip(": ")
    return text if len(text) <= MAX_ERROR_CHARS else text[: MAX_ERROR_CHARS - 1] + "…"


def _fail(raw: RawArticle, name: str, exc: BaseException, errors: list[ExtractError]) -> None:
    log.error("extractor %s failed on %s", name, raw.origin or raw.url or raw.title, exc_info=exc)
    errors.append(ExtractError(name, short_error(exc)))


def analyse_doc(
    raw: RawArticle, doc: Doc | None, prepared: Prepared, is_furniture: FurnitureCheck = builtin_furniture,
    errors: list[ExtractError] | None = None,
) -> Analysis:
    """Every extractor over one parsed article, each guarded; `doc` None when the parse itself failed."""
    errors = list(errors or [])
    sentences: list[Sentence] = []
    if doc is not None:
        try:
            sentences = split_sentences(doc, prepared.paragraphs)
        except Exception as exc:
            _fail(raw, "sentences", exc, errors)
    if not sentences:  # no parse: paragraphs still make the article findable
        sentences = paragraph_sentences(prepared.text, prepared.paragraphs)
    for s in sentences:
        if s.kind in ("body", "heading") and is_furniture(raw, s.text):
            s.kind = "furniture"
    parsed = Parsed(raw, doc, ArticleContext(published_date(raw.published), sentences, []), prepared.paragraphs)
    results: dict[str, Any] = {}
    for name, step in extractors_for(raw.language).items():
        if doc is None:
            results[step.field] = step.empty()
            continue
        try:
            results[step.field] = step.run(parsed)
        except Exception as exc:  # one extractor's bug must not cost the article the rest of its analysis
            _fail(raw, name, exc, errors)
            results[step.field] = step.empty()
    analysis = Analysis(
        raw=raw, text=prepared.text, sentences=sentences,
        **{f: results.get(f, []) for f in ("entities", "summary", "statistics", "events", "quotes", "roles")},
        desks=list(results.get("desks") or {}),
        passages={d: idxs for d, idxs in (results.get("desks") or {}).items() if idxs is not None},
        topics=results.get("topics", {}), truncated=prepared.truncated, errors=errors,
    )
    _drop_furniture(analysis, prepared)
    return analysis


def _drop_furniture(analysis: Analysis, prepared: Prepared) -> None:
    """Facts and mentions from furniture sentences go; the stored body loses furniture paragraphs and sentences."""
    furniture = {s.idx for s in analysis.sentences if s.kind == "furniture"}
    for name in ("statistics", "events", "quotes", "roles"):
        setattr(analysis, name, [f for f in getattr(analysis, name) if f.sent not in furniture])
    for cluster in analysis.entities:
        cluster.mentions = [m for m in cluster.mentions if m.sent not in furniture]
    analysis.entities = [c for c in analysis.entities if c.mentions]
    analysis.body = stored_body(analysis.raw, prepared, analysis.sentences)


def stored_body(raw: RawArticle, prepared: Prepared, sentences: list[Sentence]) -> str:
    """The body as stored and searched: each paragraph as the source wrote it, less furniture paragraphs and
    sentences. Its spacing, line breaks and the headings split from it stay as they were, so that analysing
    the stored body again (`ingest --reanalyse`) parses what a fresh ingest parsed: a paragraph stored with its
    whitespace collapsed, or cut at its headings, split into other sentences and kinds the second time."""
    cuts = [(s.start, s.end) for s in sentences if s.kind == "furniture"]
    removed: list[list[tuple[int, int]]] = [[] for _ in prepared.sources]
    cursors = [0] * len(prepared.sources)
    text = prepared.text
    for i, ((start, _kind), origin) in enumerate(zip(prepared.paragraphs, prepared.origins, strict=True)):
        if origin < 0:
            continue
        end = prepared.paragraphs[i + 1][0] - 2 if i + 1 < len(prepared.paragraphs) else len(text)
        at = prepared.sources[origin].find(text[start:end], cursors[origin])
        if at < 0:  # a part always lies in its paragraph; were it not, its cuts are not ours to place
            continue
        cursors[origin] = at + end - start
        removed[origin] += [(at + max(a, start) - start, at + min(b, end) - start) for a, b in cuts
                            if a < end and b > start]
    kept = [_without(source, spans) for source, spans in zip(prepared.sources, removed, strict=True)]
    return "\n\n".join(p for p in kept if p)


def _without(paragraph: str, spans: list[tuple[int, int]]) -> str:
    """The paragraph less the spans (furniture sentences), each cut closed with one space."""
    if not spans:
        return paragraph.strip()
    pieces, at = [], 0
    for a, b in sorted(spans):
        pieces.append(paragraph[at:max(a, at)].strip())
        at = max(at, b)
    pieces.append(paragraph[at:].strip())
    return " ".join(p for p in pieces if p)


def parse_groups(texts: list[str], batch_size: int, chars: int = PARSE_CHARS) -> list[list[str]]:
    """The texts in order, in groups of at most `batch_size` texts and `chars` characters (a longer text alone).

    spaCy works a batch's texts through each layer together, so a batch's peak memory grows with its
    characters: 32 feed articles (150,000 characters) took a process from 174 to 636 MB at the parse, and
    `newsbot serve`'s jobs process parses every feed poll's new articles (bench/slack.py --live-feed). One
    text's parse does not depend on the others of its batch."""
    groups: list[list[str]] = []
    size = 0
    for text in texts:
        if not groups or len(groups[-1]) >= batch_size or size + len(text) > chars:
            groups.append([])
            size = 0
        groups[-1].append(text)
        size += len(text)
    return groups


def parse_batch(texts: list[str], batch_size: int, language: str = DEFAULT_LANGUAGE) -> list[Doc | BaseException]:
    """The Docs of a batch in one language; when the batch fails, each text again on its own, so one bad
    text costs only itself."""
    nlp = get_nlp() if language == DEFAULT_LANGUAGE else get_nlp(language)
    try:
        return [doc for group in parse_groups(texts, batch_size) for doc in _parse_group(nlp, group, batch_size)]
    except Exception:
        log.warning("a parse failed in a batch of %d texts; parsing them one at a time", len(texts))
    docs: list[Doc | BaseException] = []
    for text in texts:
        try:
            docs.extend(_parse_group(nlp, [text], batch_size))
        except Exception as exc:
            docs.append(exc)
    return docs


def _parse_group(nlp: Any, texts: list[str], batch_size: int) -> list[Doc]:
    """One parse group, as a heavy step of its own (bot/turns.py): never beside another parse or a digest
    being built, and its memory handed back after it. A text longer than PARSE_CHARS is parsed a run of
    paragraphs at a time (`parse_long`)."""
    if len(texts) == 1 and len(texts[0]) > PARSE_CHARS:
        return [parse_long(nlp, texts[0])]
    with heavy_step():
        return list(nlp.pipe(texts, batch_size=batch_size))


# Context parsed on each side of a piece of a long text and then dropped: whole paragraphs, at least this
# long. A token's analysis reads a few tokens around it (the tagger's and parser's features; the entity
# recogniser's previous token), and paragraphs are sentence boundaries, so with this much context each
# piece's tokens are analysed as in the whole text (test_parse_groups checks it token by token).
CONTEXT_CHARS = 300
# When the paragraph next to a cut is longer than this, the context is its CONTEXT_CHARS or more nearest the
# piece, cut between words, instead of the whole paragraph: a 27,000-character paragraph beside a cut was
# parsed twice (once as context), and the long texts of a feed burst were parsed 1.8 times over (527,000
# characters for 289,000), a third of the ingest's time over bare nlp.pipe. The context's far edge is
# hundreds of characters from the piece, beyond what any of its tokens reads.
MAX_CONTEXT_CHARS = 2_000


_PARAGRAPH = re.compile(r"\n\n(?!\n)")


def paragraph_starts(text: str) -> list[int]:
    """Where each paragraph of a parsed text begins (after a blank line), from 0, and the text's end."""
    return [0, *(m.end() for m in _PARAGRAPH.finditer(text)), len(text)]


def long_pieces(text: str, chars: int = PARSE_CHARS) -> list[tuple[int, int, int, int]]:
    """A long text as pieces of whole paragraphs of at most `chars` characters (a longer paragraph alone):
    each (context start, start, end, context end), the context whole paragraphs of CONTEXT_CHARS or more (of a
    paragraph longer than MAX_CONTEXT_CHARS, only the words nearest the piece)."""
    starts = paragraph_starts(text)
    cuts, previous = [0], 0
    for at in starts[1:]:
        if at - cuts[-1] > chars and previous > cuts[-1]:
            cuts.append(previous)
        previous = at
    cuts.append(len(text))
    return [(_context_start(text, starts, start), start, end, _context_end(text, starts, end))
            for start, end in zip(cuts, cuts[1:], strict=False)]


def _context_start(text: str, starts: list[int], start: int) -> int:
    """Where the context before a piece starting at `start` begins: at whole paragraphs of CONTEXT_CHARS or more,
    or, when that reaches back past MAX_CONTEXT_CHARS, at the first word of the last CONTEXT_CHARS or more."""
    if not start:
        return 0
    at = starts[max(0, bisect.bisect_right(starts, start - CONTEXT_CHARS) - 1)]
    if start - at <= MAX_CONTEXT_CHARS:
        return at
    space = text.rfind(" ", at, start - CONTEXT_CHARS)
    return space + 1 if space >= 0 else at


def _context_end(text: str, starts: list[int], end: int) -> int:
    """Where the context after a piece ending at `end` ends: after whole paragraphs of CONTEXT_CHARS or more,
    or, when that reaches past MAX_CONTEXT_CHARS, before the first space past CONTEXT_CHARS."""
    at = starts[min(len(starts) - 1, bisect.bisect_left(starts, end + CONTEXT_CHARS))]
    if at - end <= MAX_CONTEXT_CHARS:
        return at
    space = text.find(" ", end + CONTEXT_CHARS, at)
    return space if space >= 0 else at


def parse_long(nlp: Any, text: str, chars: int = PARSE_CHARS) -> Doc:
    """The Doc of a long text, parsed a piece at a time and joined. Each piece is a heavy step: +21 MB at its
    peak for 10,000 characters of BBC business news, +55 MB for 20,000, against +360 MB for a 100,000-character
    text parsed whole. A piece whose edges do not fall between tokens is not cut: the whole text is then
    parsed at once."""
    parts = []
    for before, start, end, after in long_pieces(text, chars):
        with heavy_step():
            doc = nlp(text[before:after])
        span = doc.char_span(start - before, end - before)
        if span is None:
            with heavy_step():
                return nlp(text)
        parts.append(span.as_doc())
    return Doc.from_docs(parts, ensure_whitespace=False) if len(parts) > 1 else parts[0]


def parse_by_language(batch: list[RawArticle], texts: list[str], batch_size: int) -> list[Doc | BaseException | None]:
    """Each text parsed by its article's language's pipeline, one `nlp.pipe` per language, in the batch's
    order; None for a language the archive does not analyse."""
    docs: list[Doc | BaseException | None] = [None] * len(texts)
    by_language: dict[str, list[int]] = {}
    for i, raw in enumerate(batch):
        if is_analysed(raw.language):
            by_language.setdefault(raw.language or DEFAULT_LANGUAGE, []).append(i)
    for language, indexes in by_language.items():
        for i, doc in zip(indexes, parse_batch([texts[i] for i in indexes], batch_size, language), strict=True):
            docs[i] = doc
    return docs


def analyse(
    raws: Iterable[RawArticle], batch_size: int = BATCH_SIZE, is_furniture: FurnitureCheck = builtin_furniture
) -> Iterator[Analysis]:
    """Analyse articles in order, parsing them with `nlp.pipe` in batches.

    `raws` is read lazily, one batch ahead: a caller may learn from each article as it is handed over."""
    items = iter(raws)
    while batch := list(islice(items, batch_size)):
        for raw in batch:
            raw.language = raw.language or detect_language(raw.title, raw.text)
        prepared = [doc_text(raw, is_furniture) for raw in batch]
        docs = parse_by_language(batch, [p.text for p in prepared], batch_size)
        for raw, prep, doc in zip(batch, prepared, docs, strict=True):
            errors: list[ExtractError] = []
            if doc is None:  # a language the archive does not analyse: stored and searchable, no facts
                yield bare_analysis(raw, prep, errors)
                continue
            if isinstance(doc, BaseException):
                _fail(raw, "parse", doc, errors)
                doc = None
            try:
                yield analyse_doc(raw, doc, prep, is_furniture, errors)
            except Exception as exc:  # outside any extractor: the article is still stored, as its paragraphs
                _fail(raw, "analysis", exc, errors)
                yield bare_analysis(raw, prep, errors)


def bare_analysis(raw: RawArticle, prepared: Prepared, errors: list[ExtractError]) -> Analysis:
    """An article with no analysis but its paragraphs, for a language the archive does not analyse or when
    analysing it failed outright. Its desks are those its title and tags give (no place was read in it): a
    French article tagged `peru`, or titled "… Lima", is listed on /peru as not analysed."""
    sentences = paragraph_sentences(prepared.text, prepared.paragraphs)
    desks = list(desk_passages(raw.title, raw.tags, [[]]))
    return Analysis(raw, prepared.text, sentences, [], {}, [], desks, truncated=prepared.truncated, errors=errors)
