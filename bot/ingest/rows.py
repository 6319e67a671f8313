"""An Analysis as storage rows: the only place that knows both the NLP side and the table side."""

from __future__ import annotations

import hashlib
from dataclasses import asdict

from bot.entities import find_entity, settle_type
from bot.extract.names import name_key
from bot.extract.pipeline import Analysis
from bot.ingest.canonical import text_hash, url_key
from storage.articles import ArticleRows


def fact_key(identity: str, kind: str, sentence: str, detail: str) -> str:
    """Stable across re-ingestion of the same article, so an editor's correction stays attached."""
    return hashlib.sha1(f"{identity}|{kind}|{sentence}|{detail}".encode()).hexdigest()[:20]


def _facts(analysis: Analysis, identity: str) -> list[dict]:
    sentences = analysis.sentences
    facts: list[dict] = []

    def add(kind: str, sent: int, detail: str, text: str, data: dict, **extra) -> None:
        sentence = sentences[sent].text if 0 <= sent < len(sentences) else ""
        key = fact_key(identity, kind, sentence, detail)
        facts.append({"key": key, "sentence_idx": sent, "kind": kind, "text": text, "data": data, **extra})

    for s in analysis.statistics:
        add("statistic", s.sent, f"{s.value}|{s.unit}|{s.text}", s.text, asdict(s), value=s.value, date=s.period)
    for e in analysis.events:
        add("event", e.sent, f"{e.date}|{e.text}", e.text, asdict(e), value=e.rank, date=e.date)
    for q in analysis.quotes:
        add("quote", q.sent, q.quote[:200], q.quote, asdict(q), entity=q.speaker)
    for r in analysis.roles:
        add("role", r.sent, f"{r.name}|{r.role}", r.role, asdict(r), entity=r.name)
    unique = {f["key"]: f for f in facts}
    return list(unique.values())


def to_rows(analysis: Analysis, stored_hash: str | None = None) -> ArticleRows:
    """The article's rows; `stored_hash` keeps the identity of an article re-analysed from its stored text."""
    raw = analysis.raw
    digest = stored_hash or text_hash(raw.title, raw.text)
    identity = url_key(raw.url) or digest
    article = {
        "url": raw.url,
        "url_key": url_key(raw.url),
        "text_hash": digest,
        "title": raw.title,
        "source": raw.source,
        "author": raw.author,
        "published": raw.published,
        "language": raw.language,
        "tags": raw.tags,
        "text": raw.text if analysis.body is None else analysis.body,  # without the source's furniture
        "summary": analysis.summary,
        "origin": raw.origin,
    }
    sentences = [
        {"idx": s.idx, "kind": s.kind, "text": s.text, "start": s.start, "end": s.end, "topics": s.topics,
         "alone": s.alone, "shown": s.shown}
        for s in analysis.sentences
    ]
    entities = [
        {
            "name": e.name,
            "key": name_key(e.name),
            "type": e.type,
            "aliases": sorted({(a, name_key(a)) for a in e.aliases}),
            "mentions": [(m.sent, m.text) for m in e.mentions],
        }
        for e in analysis.entities
    ]
    return ArticleRows(article, sentences, entities, _facts(analysis, identity), analysis.topics, analysis.desks,
                      analysis.passages, find_entity, settle_type)
