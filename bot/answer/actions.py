"""The answers drawn from sentences and facts: summary, facts, timeline, quotes."""

from __future__ import annotations

import re
from collections import OrderedDict
from functools import lru_cache
from typing import Any

import sqlite_utils
from rapidfuzz import fuzz

from bot.answer.format import fact_line, human_date, quote_line
from bot.answer.model import Answer
from bot.answer.query import Query
from bot.answer.rank import Candidate, select
from bot.answer.sources import SourceBook
from bot.extract.names import fold
from bot.subscriptions.lines import Headlines, newsworthy
from storage import queries

QUOTE_POOL = 120  # the newest matching quotes, grouped by speaker before paging
FACT_POOL = 60  # the newest matching figures, spread over articles before paging
PAGE_SIZE = 5  # a page as Slack shows it (handlers' PAGE)
PAGE_SHARE = 2  # items of one speaker or one article on a page while others have some
RECENT_ARTICLES = 12  # a bare "/peru summary" summarises the desk's newest coverage
SUMMARY_SENTENCES = 5  # a summary is a short read (4–6 sentences), not a ranked list of every sentence
SAME_WORDS = 90  # rapidfuzz token-set score from which two sentences or quotes say the same thing
SAME_MIN_WORDS = 6  # shorter texts are the same only when equal: "we will" is in every quote
_WORDS = re.compile(r"\w+")
_NUMBERS = re.compile(r"\d+(?:[.,]\d+)*")


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
    chosen = select(found, query.terms, n=SUMMARY_SENTENCES * 3)
    items = [{"text": c.text, "source_id": c.article_id, "sentence": c.position} for c in chosen]
    # the best sentences, a few of one article while other articles have some
    items = spread(repeats_dropped(items, "text"), {"source_id": PAGE_SHARE})[:SUMMARY_SENTENCES]
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


def same_words(a: str, b: str) -> bool:
    """Two texts say the same thing: the same sentence carried by two articles ("The UN refugee agency
    (UNHCR) said …" / "… has said …"), a quote and its repetition. Their words nearly all shared, and
    their numbers all the same ("bridge number 1" is not "bridge number 2")."""
    (ka, numbers_a, words_a), (kb, numbers_b, words_b) = _compared(a), _compared(b)
    if ka == kb:
        return True
    if numbers_a != numbers_b or min(words_a, words_b) < SAME_MIN_WORDS:
        return False
    return fuzz.token_set_ratio(ka, kb, score_cutoff=SAME_WORDS) >= SAME_WORDS  # the cutoff lets it stop early


@lru_cache(maxsize=4096)
def _compared(text: str) -> tuple[str, tuple[str, ...], int]:
    """What `same_words` compares of a text (folded, its numbers, its word count), made once per text: a page
    of 120 quotes compares each with every one kept before it."""
    key = fold(text)
    return key, tuple(_NUMBERS.findall(key)), len(key.split())


def repeats_dropped(items: list[dict[str, Any]], field: str) -> list[dict[str, Any]]:
    """The items without those whose `field` says what an earlier one says (`same_words`): wire copy
    repeats a sentence in every update, and a page of one sentence five times is one item."""
    kept: list[dict[str, Any]] = []
    for item in items:
        text = str(item.get(field) or "")
        if not any(same_words(text, str(k.get(field) or "")) for k in kept):
            kept.append(item)
    return kept


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
            "previous": f["data"].get("previous"),  # a change's starting value, and its way ("up", "down")
            "direction": f["data"].get("direction"),
            "unit": f["data"].get("unit"),
            "measure": f["data"].get("measure"),
            "period": f["data"].get("period"),
            "qualifier": f["data"].get("qualifier"),
            "figure": f["text"],
            "fact_id": f["id"],
        }
        for f in found
    ]
    items = _repeated_figures_dropped(items)
    # "40 homes, 12 schools, 9 clinics" are three figures of one sentence: a page shows other sentences first
    return _finish(db, answer, spread(items, {"source_id": PAGE_SHARE, "text": 1}), fact_line,
                   _counted(answer, total, found, items), paged=False)


def _repeated_figures_dropped(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A figure once: the same value stated by the same sentence in another article (a wire update's
    copy) is dropped; other figures of one sentence stay ("40 homes, 12 schools")."""
    kept: list[dict[str, Any]] = []
    for item in items:
        if not any(k["value"] == item["value"] and k["source_id"] != item["source_id"]
                   and same_words(str(k["text"]), str(item["text"])) for k in kept):
            kept.append(item)
    return kept


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
        if any(it["text"] == f["sentence"] and it["source_id"] == f["article_id"] for it in items):
            if not answer.total_capped:
                total -= 1
            continue  # one sentence of two dates is one line of the page: its first date
        items.append({"date": f["date"], "text": f["sentence"], "source_id": f["article_id"],
                      "when": f["data"].get("text"), "fact_id": f["id"]})
    share = max(PAGE_SHARE, answer.limit * PAGE_SHARE // PAGE_SIZE)
    items = dated_pages(spread(items, {"source_id": share}, answer.limit), answer.limit)
    return _finish(db, answer, items, lambda it: f"{human_date(it['date'], answer.language)}: {it['text']}", total,
                   paged=False)


def dated_pages(items: list[dict[str, Any]], size: int) -> list[dict[str, Any]]:
    """Each page of `size` items in date order: `spread` brought an event of another article forward so
    that a chronology article does not fill the page, and the page still reads as a timeline."""
    return [it for start in range(0, len(items), size)
            for it in sorted(items[start:start + size], key=lambda it: str(it["date"]))]


def quotes(db: sqlite_utils.Database, answer: Answer, query: Query, desk: str | None) -> Answer:
    """Who said what on the query, the most quoted speakers first and unattributed quotes last, a page
    holding several voices and articles while there are."""
    total, answer.total_capped, found = queries.facts(
        db, "quote", desk, query.match, limit=max(QUOTE_POOL, answer.offset + answer.limit))
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
            "speaker_role": None,
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
    items = spread(repeats_dropped(items, "quote"), {"speaker": PAGE_SHARE, "source_id": PAGE_SHARE, "text": 1})
    _speaker_roles(db, page(items, answer.offset, answer.limit), {f["id"]: f["entity_id"] for f in found})
    return _finish(db, answer, items, quote_line, _counted(answer, total, found, items), paged=False)


def _speaker_roles(db: sqlite_utils.Database, shown: list[dict[str, Any]], entities: dict[int, int | None]) -> None:
    """Each shown quote's speaker role (two of the speaker's newest stated roles). Read for the page only:
    the pool's 120 quotes name dozens of speakers, each with up to ROLE_FACTS role facts to read."""
    roles = queries.latest_roles(db, list({entities[it["fact_id"]] for it in shown if entities[it["fact_id"]]}))
    for item in shown:
        item["speaker_role"] = ", ".join(roles.get(entities[item["fact_id"]], [])[:2]) or None


def _counted(answer: Answer, total: int, found: list, items: list) -> int:
    """The answer's total once repeats are dropped: exact when the pool held every match."""
    return len(items) if not answer.total_capped and len(found) >= total else total


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

