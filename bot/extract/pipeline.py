"""The extraction pipeline: RawArticles in, Analyses out, spaCy's `nlp.pipe` in batches.

Everything after the parse is single passes over the Doc and regexes, so the project's own work stays
a small fraction of spaCy's (budget: ingest throughput >= 0.8 of bare `nlp.pipe`).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from bot.desks import desk_passages
from bot.extract.entities import extract_entities
from bot.extract.events import extract_events
from bot.extract.quotes import extract_quotes
from bot.extract.roles import extract_roles
from bot.extract.standalone import mark_standalone
from bot.extract.stats import extract_statistics
from bot.extract.summary import summarize
from bot.extract.types import ArticleContext, EntityCluster, Event, Quote, Role, Sentence, Statistic
from bot.ingest.clean import is_heading
from bot.ingest.model import RawArticle
from bot.nlp import BATCH_SIZE, get_nlp
from bot.topics import lexicon

MAX_ANALYSED_CHARS = 100_000  # ~15,000 words: far beyond a news article; the rest is stored, not parsed
SUMMARY_SENTENCES = 3
PLACE_LABELS = {"GPE", "LOC", "NORP"}
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


def doc_text(raw: RawArticle) -> tuple[str, list[tuple[int, str]], bool]:
    """The text to parse, each paragraph's start offset and kind, and whether it was cut."""
    paragraphs = [(raw.title, "title")] + [
        (p, "heading" if is_heading(p) else "body") for p in raw.text.split("\n\n") if p.strip()
    ]
    parts, starts, offset, truncated = [], [], 0, False
    for text, kind in paragraphs:
        if offset + len(text) > MAX_ANALYSED_CHARS and parts:
            truncated = True
            break
        parts.append(text)
        starts.append((offset, kind))
        offset += len(text) + 2
    return "\n\n".join(parts), starts, truncated


def split_sentences(doc: Doc, paragraphs: list[tuple[int, str]]) -> list[Sentence]:
    """spaCy's sentences, stripped, each with the kind of the paragraph it lies in."""
    starts = [p[0] for p in paragraphs]
    sentences = []
    for sent in doc.sents:
        raw = sent.text
        text = raw.strip()
        if not text:
            continue
        start = sent.start_char + (len(raw) - len(raw.lstrip()))
        kind = paragraphs[max(0, bisect.bisect_right(starts, start) - 1)][1]
        sentences.append(Sentence(len(sentences), text, start, start + len(text), kind))
    return sentences


def published_date(iso: str | None) -> date | None:
    """The reference date for relative dates; a month-precision date counts as that month's last day."""
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return date(*parts)
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(next_month.toordinal() - 1)


def place_units(
    doc: Doc, sentences: list[Sentence], paragraphs: list[tuple[int, str]]
) -> tuple[list[list[str]], list[list[int]]]:
    """The article's passages with their place mentions and sentences, for desk scoping: the sections
    under its headings when it has several (a roundup: "Lima, Peru: 8 per 100,000"), else its paragraphs."""
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
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS and sentences:
            places[unit_of[max(0, bisect.bisect_right(sentence_starts, ent.start_char) - 1)]].append(ent.text)
    return places, members


def analyse_doc(raw: RawArticle, doc: Doc, paragraphs: list[tuple[int, str]], truncated: bool) -> Analysis:
    sentences = split_sentences(doc, paragraphs)
    lex = lexicon()
    counts: Counter[str] = Counter()
    for sentence in sentences:
        sentence.topics = lex.sentence_topics(sentence.text)
        counts.update(sentence.topics)
    entities = extract_entities(doc, sentences)
    mark_standalone(doc, sentences, entities)
    ctx = ArticleContext(published_date(raw.published), sentences, entities)
    desks = desk_passages(raw.title, raw.tags, *place_units(doc, sentences, paragraphs))
    return Analysis(
        raw=raw,
        text=doc.text,
        sentences=sentences,
        entities=entities,
        topics=lex.rollup(counts),
        summary=summarize([s.text for s in sentences], SUMMARY_SENTENCES, [s.kind for s in sentences]),
        desks=list(desks),
        passages={d: idxs for d, idxs in desks.items() if idxs is not None},
        statistics=[s for s in extract_statistics(doc, ctx) if sentences[s.sent].alone],
        events=[e for e in extract_events(doc, ctx) if sentences[e.sent].alone],
        quotes=extract_quotes(doc, ctx),
        roles=extract_roles(doc, ctx),
        truncated=truncated,
    )


def analyse(raws: Iterable[RawArticle], batch_size: int = BATCH_SIZE) -> Iterator[Analysis]:
    """Analyse articles in order, parsing them with `nlp.pipe` in batches."""
    prepared = ((raw, *doc_text(raw)) for raw in raws)
    staged: list[tuple[RawArticle, list[tuple[int, str]], bool]] = []

    def texts() -> Iterator[str]:
        for raw, text, paragraphs, truncated in prepared:
            staged.append((raw, paragraphs, truncated))
            yield text

    for doc in get_nlp().pipe(texts(), batch_size=batch_size):
        raw, paragraphs, truncated = staged.pop(0)
        yield analyse_doc(raw, doc, paragraphs, truncated)
