"""The answers drawn from sentences and facts: summary, facts, timeline, quotes."""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import Any

import sqlite_utils

from bot.answer.format import fact_line, human_date, quote_line
from bot.answer.model import Answer
from bot.answer.query import Query
from bot.answer.rank import Candidate, select
from bot.answer.sources import SourceBook
from bot.subscriptions.lines import Headlines, newsworthy
from storage import queries

QUOTE_POOL = 120  # the newest matching quotes, grouped by speaker before paging
FACT_POOL = 60  # the newest matching figures, spread over articles before paging
PAGE_SIZE = 5  # a page as Slack shows it (handlers' PAGE)
PAGE_SHARE = 2  # items of one speaker or one article on a page while others have some
RECENT_ARTICLES = 12  # a bare "/peru summary" summarises the desk's newest coverage
SUMMARY_SENTENCES = 5  # a summary is a short read (4–6 sentences), not a ranked list of every sentence
_WORDS = re.compile(r"\w+")


def page(items: list[Any], offset: int, limit: int) -> list[Any]:
    return items[offset:offset + limit]


def candidates(db: sqlite_utils.Database, query: Query, desk: str | None) -> list[dict[str, Any]]:
    """Matching sentences; with no topic or words, the desk's newest articles."""
    if query.match:
        return queries.matching_sentences(db, query.match, desk)
    return queries.body_sentences(db, queries.recent_article_ids(db, desk, RECENT_ARTICLES), desk)


def summary(db: sqlite_utils.Database, answer: Answer, query: Query, desk: str | None) -> Answer:
    """Query-focused extractive summary across articles, each sentence citing its source. A sentence that says
    its article's headline again (wire copy and plain-text archives open with it) or speaks to the reader
    (a call-out, a question) is no line of it: the digest's rule (bot/subscriptions/lines.py)."""
    rows = candidates(db, query, desk)
    titles = queries.articles_by_id(db, sorted({r["article_id"] for r in rows}))
    headlines = {i: Headlines([a["title"] or ""]) for i, a in titles.items()}
    found = [
        Candidate(r["id"], r["article_id"], r["text"], r["idx"], r["published"], float(r["relevance"]))
        for r in rows if newsworthy(r["text"], headlines[r["article_id"]])
    ]
    chosen = select(found, query.terms, n=SUMMARY_SENTENCES)
    items = [{"text": c.text, "source_id": c.article_id, "sentence": c.position} for c in chosen]
    return _finish(db, answer, items, lambda it: it["text"], len(items), paged=False)


def spread(items: list[dict[str, Any]], caps: dict[str, int], size: int = PAGE_SIZE) -> list[dict[str, Any]]:
    """The items reordered so that a page of `size` holds at most `caps[key]` items sharing that key's value
    (a speaker, an article, a sentence) while other items remain: five quotes of the most quoted speaker,
    or five figures of the newest article, are one voice or one article's page, not the desk's. Order is
    kept otherwise, and the result depends only on `items` (a fixed pool), so pages are stable across More
    and Previous."""
    out: list[dict[str, Any]] = []
    rest = list(items)
    while rest:
        page_items = out[len(out) - len(out) % size:]
        fits = next((it for it in rest if all(sum(p.get(k) == it.get(k) for p in page_items) < cap
                                              for k, cap in caps.items() if it.get(k) is not None)), rest[0])
        out.append(fits)
        rest.remove(fits)
    return out


def facts(db: sqlite_utils.Database, answer: Answer, query: Query, desk: str | None) -> Answer:
    """The statistics for the query, newest article first, each with its period and source; a page keeps
    to a few figures of one article while other articles have some."""
    total, answer.total_capped, found = queries.facts(
        db, "statistic", desk, query.match, max(FACT_POOL, answer.offset + answer.limit), 0)
    items = [
        {
            "text": f["sentence"],
            "source_id": f["article_id"],
            "value": f["data"].get("value"),
            "low": f["data"].get("low"),
            "unit": f["data"].get("unit"),
            "measure": f["data"].get("measure"),
            "period": f["data"].get("period"),
            "qualifier": f["data"].get("qualifier"),
            "figure": f["text"],
            "fact_id": f["id"],
        }
        for f in found
    ]
    # "40 homes, 12 schools, 9 clinics" are three figures of one sentence: a page shows other sentences first
    return _finish(db, answer, spread(items, {"source_id": PAGE_SHARE, "text": 1}), fact_line, total, paged=False)


def _same_event(a: str, b: str) -> bool:
    wa, wb = set(_WORDS.findall(a.lower())), set(_WORDS.findall(b.lower()))
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.6


def timeline(db: sqlite_utils.Database, answer: Answer, query: Query, desk: str | None) -> Answer:
    """Dated events in date order across articles; the same day told twice is one entry."""
    wanted = answer.offset + answer.limit
    total, answer.total_capped, found = queries.facts(
        db, "event", desk, query.match, limit=wanted * 3 + 10, order="date")
    items: list[dict[str, Any]] = []
    for f in found:
        same = [it for it in items if it["date"] == f["date"] and _same_event(it["text"], f["sentence"])]
        if same:
            same[0].setdefault("also_in", []).append(f["article_id"])
            if not answer.total_capped:
                total -= 1  # an exact count included the merged duplicate
            continue
        items.append({"date": f["date"], "text": f["sentence"], "source_id": f["article_id"],
                      "when": f["data"].get("text"), "fact_id": f["id"]})
    return _finish(db, answer, items, lambda it: f"{human_date(it['date'], answer.language)}: {it['text']}", total,
                   paged=False)


def quotes(db: sqlite_utils.Database, answer: Answer, query: Query, desk: str | None) -> Answer:
    """Who said what on the query, the most quoted speakers first and unattributed quotes last, a page
    holding several voices and articles while there are."""
    total, answer.total_capped, found = queries.facts(
        db, "quote", desk, query.match, limit=max(QUOTE_POOL, answer.offset + answer.limit))
    roles = queries.latest_roles(db, list({f["entity_id"] for f in found if f["entity_id"]}))
    groups: OrderedDict[str, list[dict]] = OrderedDict()
    for f in found:
        speaker = f["entity"] or f["data"].get("speaker")
        groups.setdefault(speaker or "", []).append(f)
    order = sorted(groups, key=lambda s: (s == "", -len(groups[s])))
    items = [
        {
            "text": f["sentence"],
            "source_id": f["article_id"],
            "speaker": speaker or None,
            "speaker_role": ", ".join(roles.get(f["entity_id"], [])[:2]) or None,
            "quote": f["data"].get("quote"),
            "verb_lemma": f["data"].get("cue_lemma"),
            "kind": f["data"].get("kind", "direct"),
            "verb": f["data"].get("verb") or f["data"].get("cue"),
            "language": f["data"].get("language"),
            "fact_id": f["id"],
        }
        for speaker in order
        for f in groups[speaker]
    ]
    return _finish(db, answer, spread(items, {"speaker": PAGE_SHARE, "source_id": PAGE_SHARE}), quote_line, total,
                   paged=False)


def _finish(
    db: sqlite_utils.Database, answer: Answer, items: list[dict], line, total: int, paged: bool = True
) -> Answer:
    """Number the sources and write the text a person reads for one page. `items` is the whole answer up
    to the end of the page (paged=False) so that the articles of earlier pages keep their numbers: [2] is
    the same article on every page."""
    book = SourceBook(db)
    if not paged:
        for item in items[: answer.offset]:
            book.cite(item["source_id"])
        items = page(items, answer.offset, answer.limit)
    answer.total = total
    answer.items = items
    answer.text = "\n".join(f"{line(it)} [{book.cite(it['source_id'])}]" for it in answer.items)
    answer.sources, answer.context = book.sources(), book.context(answer.language)
    return answer

