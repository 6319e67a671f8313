"""The `related` answer: the coverage an article belongs with — the earlier articles it follows and the
later ones that follow it, best first, each with why (the names they share, how alike their words are)."""

from __future__ import annotations

import re

import sqlite_utils

from bot.answer.model import Answer
from bot.answer.sources import SourceBook, human_date
from bot.ingest.canonical import url_key
from storage import queries, stories

_ID = re.compile(r"^#?(\d{1,12})$")
USAGE = "Related to what? Give an article's link or id, e.g. `related 42` or `related https://...`"


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
    if not reference:
        answer.text = USAGE
        return answer
    article_id = find(db, reference)
    if article_id is None:
        answer.text = f"No article “{reference}” in the archive: give a stored article's id or its link."
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
        lines = [f"Nothing in the archive follows or precedes “{title}” [{own}]: it is the first article of"
                 " its story so far."]
    else:
        count = story["articles"] if story else 0
        alone = "; no other article is in its story" if story else ""
        size = f"; its story has {count} articles" if count > 1 else alone
        lines = [f"Coverage related to “{title}” [{own}]{size}:"]
        lines += [_line(it, book.cite(it["source_id"])) for it in answer.items]
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


def _line(item: dict, cite: int) -> str:
    why = [f"shares {', '.join(item['shared'])}"] if item["shared"] else []
    if item["similarity"] is not None:
        why.append(f"similarity {item['similarity']:.2f}")
    return (f"- {item['title']} ({human_date(item['published'])}, {item['direction']}) [{cite}]"
            f" — {'; '.join(why)}")
