"""Which new articles a subscription wants: its desk, its topic words, its person or organisation.

Only articles stored after the subscription's last pass are looked at (an id range), so an `instant`
subscription checked every 20 seconds costs a few index look-ups, however large the archive. Topic words
mean what they mean in answers (bot/answer/query.py: a topic expands through the lexicon, other words are
text); `who` is the entity lookup of `/peru who` (bot/answer/lookup.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from bot.answer.grammar import parse
from bot.answer.query import build_query
from bot.desks import get_desk
from storage import subscriptions as store

OUTSIDE = "outside the desk"


@dataclass
class Pass:
    """One matching pass over the articles (after, upto]: what to queue and what was skipped and why."""

    upto: int
    matched: list[int] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)


def desk_scope(sub: dict[str, Any]) -> str | None:
    """The desk name to filter on, or None for a desk that covers everything (`/news`)."""
    desk = get_desk(sub["desk"])
    return None if desk is None or desk.all else desk.name


def entity_of(db: sqlite_utils.Database, sub: dict[str, Any]) -> int | None:
    """The subscription's entity; a name unknown when it was made is looked up again (it may be known now)."""
    if not sub.get("who"):
        return None
    if sub.get("entity_id"):
        return int(sub["entity_id"])
    from bot.answer.lookup import find_entity_id

    found = find_entity_id(db, sub["who"])
    if found is not None:
        store.update_subscription(db, sub["id"], entity_id=found)
        sub["entity_id"] = found
    return found


def wanted(db: sqlite_utils.Database, sub: dict[str, Any], after: int, upto: int, ids: list[int]) -> set[int]:
    """The ids (within `ids`) that match the topic words and the entity; all of them if neither is set."""
    chosen = set(ids)
    if sub.get("topics"):
        command = parse(sub["topics"])
        match = build_query(command).match
        for group in match.topic_groups:
            chosen &= store.about_topics(db, group, after, upto)
        if match.fts:
            chosen &= store.containing_text(db, match.fts, after, upto)
    if sub.get("who"):
        entity_id = entity_of(db, sub)
        chosen &= store.mentioning(db, entity_id, after, upto) if entity_id is not None else set()
    return chosen


def off_topic_reason(sub: dict[str, Any]) -> str:
    if sub.get("topics") and sub.get("who"):
        return f"off-topic (not about {sub['topics']} with {sub['who']})"
    if sub.get("who"):
        return f"off-topic (does not mention {sub['who']})"
    return f"off-topic (not about {sub['topics']})"


def match_new(db: sqlite_utils.Database, sub: dict[str, Any], upto: int) -> Pass:
    """Sort the articles stored since the last pass into matched and skipped (outside the desk, off-topic)."""
    after = max(int(sub["checked_through"]), int(sub["start_after"]))
    result = Pass(upto)
    ids = store.article_ids_between(db, after, upto)
    if not ids:
        return result
    if get_desk(sub["desk"]) is None:  # the desk was taken out of seeds/desks.toml: nothing is in it any more
        result.skipped = [(i, f"outside the desk (no desk “{sub['desk']}” any more)") for i in ids]
        return result
    scope = desk_scope(sub)
    in_scope = store.in_desk(db, scope, after, upto) if scope else set(ids)
    chosen = wanted(db, sub, after, upto, [i for i in ids if i in in_scope])
    reason = off_topic_reason(sub)
    for article_id in ids:
        if article_id not in in_scope:
            result.skipped.append((article_id, OUTSIDE))
        elif article_id not in chosen:
            result.skipped.append((article_id, reason))
        else:
            result.matched.append(article_id)
    return result
