"""The `related` answer: the coverage an article belongs with — the earlier articles it follows and the
later ones that follow it, best first, each with why (the names they share, how alike their words are)."""

from __future__ import annotations

import re

import sqlite_utils

from bot.answer.model import Answer
from bot.answer.sources import SourceBook, human_date
from bot.ingest.canonical import url_key
from bot.words import say
from storage import queries, stories

_ID = re.compile(r"^#?(\d{1,12})$")


def find(db: sqlite_utils.Database, reference: str) -> int | None:
    """The stored article a reader means: an id ("42", "#42") or a link (its own or a copy's)."""
    number = _ID.match(reference)
    if number:
        return stories.find_article(db, int(number[1]), None)
    if not reference.lower().startswith(("http://", "https://")):
        return None
    return stories.find_article(db, None, url_key(reference))


def related(db: sqlite_utils.Database, answer: Answer, argument: str) -> Answer:
    reference = re.sub(r"^(to|of)\s+", "", argument.strip(), flags=re.I).strip().strip("<>")
    lang = answer.language
    if not reference:
        answer.text = say("related_what", lang)
        return answer
    article_id = find(db, reference)
    if article_id is None:
        answer.text = say("no_such_article", lang, reference=reference)
        return answer
    found = stories.related(db, article_id)
    meta = queries.articles_by_id(db, [article_id, *(r["id"] for r in found)])
    book = SourceBook(db)
    own = book.cite(article_id)
    items = [_item(r, meta[r["id"]]) for r in found if r["id"] in meta]
    answer.total = len(items)
    answer.items = items[answer.offset:answer.offset + answer.limit]
    title = meta[article_id]["title"]
    story = stories.story_of(db, article_id)
    if not items:
        lines = [say("first_of_story", lang, title=title, cite=f"[{own}]")]
    else:
        count = story["articles"] if story else 0
        alone = say("story_alone", lang) if story else ""
        size = say("story_size", lang, count=count) if count > 1 else alone
        lines = [say("related_to", lang, title=title, cite=f"[{own}]", size=size)]
        lines += [_line(it, book.cite(it["source_id"]), lang) for it in answer.items]
    answer.text = "\n".join(lines)
    answer.sources, answer.context = book.sources(), book.context(answer.language)
    return answer


def _item(row: dict, meta: dict) -> dict:
    reasons = row["reasons"]
    return {
        "text": meta["title"], "source_id": row["id"], "title": meta["title"], "published": meta["published"],
        "score": round(row["score"], 3), "shared": reasons.get("shared", []),
        "similarity": reasons.get("similarity"), "direction": row["direction"],
    }


def why_related(item: dict, language: str) -> list[str]:
    """Why two articles are linked, in the desk's language: the names both share, how alike their words are."""
    why = [say("shares", language, names=", ".join(str(n) for n in item["shared"]))] if item.get("shared") else []
    if isinstance(item.get("similarity"), int | float):
        why.append(say("similarity", language, value=f"{item['similarity']:.2f}"))
    return why


def direction(item: dict, language: str) -> str:
    """'earlier' or 'later' (the stored direction) as the desk says it."""
    known = item.get("direction") in ("earlier", "later")
    return say(item["direction"], language) if known else str(item.get("direction") or "")


def _line(item: dict, cite: int, language: str) -> str:
    return (f"- {item['title']} ({human_date(item['published'], language)}, {direction(item, language)}) [{cite}]"
            f" — {'; '.join(why_related(item, language))}")
