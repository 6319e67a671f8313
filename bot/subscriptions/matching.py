"""Which new articles a subscription wants: its desk, its topic words, its person or organisation.

Only articles stored after the subscription's last pass are looked at (an id range), so an `instant`
subscription checked every 20 seconds costs a few index look-ups, however large the archive. Topic words
become subjects (bot/subjects.py: lexicon topics with their aliases and includes, places with their
demonyms and spellings, phrases by lemma) and an article is wanted when it is about each of them (title,
lead or several mentions), not when it mentions one in passing. `who` is the entity lookup of `/peru who`
(bot/answer/lookup.py) widened to the entities whose names hold the whole name, and the name as a phrase;
a person is followed wherever named.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import sqlite_utils
from rapidfuzz import fuzz

from bot.answer.grammar import parse
from bot.desks import get_desk
from bot.entities import NAME_TYPES, PLACE_TYPES
from bot.extract.names import fold, name_key
from bot.subjects import Subject, Verdict, fold_article, folded_already, judge, names_subject, subjects
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


def subjects_of(db: sqlite_utils.Database, sub: dict[str, Any]) -> list[Subject]:
    """The subscription's topic words as subjects (bot/subjects.py); a word is a place if pycountry, the
    places table or the archive's place entities know it."""
    if not sub.get("topics"):
        return []
    return subjects(parse(sub["topics"]), lambda words: store.knows_name(db, name_key(words), PLACE_TYPES),
                    lambda words: store.knows_name(db, name_key(words), NAME_TYPES))


# Another spelling of a whole name ("Muammar Qaddafi" for "Muammar Gaddafi"): same number of words, a
# letter or two apart (rapidfuzz ratio, 0-100). "Mohammed Al-Gaddafi" (ratio 71) is someone else.
SPELLING_SIMILARITY = 88


@dataclass
class Person:
    """A who subscription's person: the entities that are him, and the names articles write him by."""

    entity_ids: list[int]
    names: list[str]


def person_of(db: sqlite_utils.Database, sub: dict[str, Any]) -> Person:
    """The who subscription's entity and its variants: every entity of its type whose name holds the whole
    name typed ("Briton Tony Hayward" for "Tony Hayward"), or spells it another way ("Muammar Qaddafi").
    A one-word name ("Obama") follows only the entity it resolved to: holding it would take in the family."""
    entity_id = entity_of(db, sub)
    if entity_id is None:
        return Person([], [sub["who"]])
    key, kind = name_key(sub["who"]), store.entity_type(db, entity_id)
    if not kind or len(key.split()) < 2:
        return Person([entity_id], [sub["who"]])
    spelled = [(i, alias) for i, other, alias in store.names_near(db, kind, len(key), 3)
               if len(other.split()) == len(key.split()) and fuzz.ratio(key, other) >= SPELLING_SIMILARITY]
    ids = {entity_id, *store.entities_named(db, key, kind), *(i for i, _ in spelled)}
    names = {sub["who"], *(alias for _, alias in spelled)}
    return Person(sorted(ids), sorted(names))


def judged(db: sqlite_utils.Database, sub: dict[str, Any], after: int, upto: int, ids: list[int]
           ) -> dict[int, list[Verdict]]:
    """Each candidate article's verdict on every subject of the subscription (topic words, then the person).

    Candidates are the articles the FTS index finds for every subject (or that mention the person's
    entity), so only those texts are read; an article not among them is about none of the subjects."""
    chosen = set(ids)
    topics = subjects_of(db, sub)
    for subject in topics:
        chosen &= store.containing_text(db, subject.fts, after, upto) if subject.fts else set()
    person = None
    entities: set[int] = set()
    if sub.get("who"):
        who = person_of(db, sub)
        person = replace(names_subject(sub["who"], {fold(n) for n in who.names}), anywhere=True)  # as written
        entities = store.mentioning(db, who.entity_ids, after, upto) if who.entity_ids else set()
        by_name = store.containing_text(db, person.fts, after, upto) if len(name_key(sub["who"]).split()) > 1 else set()
        chosen &= entities | by_name  # a one-word name in the text may be a namesake ("Michelle Obama")
    hashes = store.text_hashes(db, sorted(chosen)) if chosen else {}
    articles = {i: folded_already(i, h) for i, h in hashes.items()}
    unread = [i for i, a in articles.items() if a is None]
    for article_id, (title, text) in (store.titles_and_texts(db, unread) if unread else {}).items():
        articles[article_id] = fold_article(article_id, hashes[article_id], title, text)
    verdicts: dict[int, list[Verdict]] = {}
    for article_id, article in articles.items():
        if article is None:  # deleted between the two reads
            continue
        found = [judge(s, article) for s in topics]
        if person is not None:
            named = judge(person, article)
            found.append(named if named.mentions or article_id not in entities else
                         Verdict(person.label, mentions=1, example="by a variant of the name", anywhere=True))
        verdicts[article_id] = found
    return verdicts


def off_topic_reason(sub: dict[str, Any], verdicts: list[Verdict] | None) -> str:
    """Why an article was not wanted: the first subject it is not about, and what it did say."""
    if verdicts:
        missed = [v for v in verdicts if not v.about]
        if missed:
            return f"off-topic ({missed[0].reason()})"
    if sub.get("topics") and sub.get("who"):
        return f"off-topic (not about {sub['topics']} with {sub['who']})"
    if sub.get("who"):
        return f"off-topic (does not mention {sub['who']})"
    return f"off-topic (never mentions {sub['topics']})"


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
    candidates = [i for i in ids if i in in_scope]
    verdicts = judged(db, sub, after, upto, candidates) if sub.get("topics") or sub.get("who") else {
        i: [] for i in candidates}
    for article_id in ids:
        found = verdicts.get(article_id)
        if article_id not in in_scope:
            result.skipped.append((article_id, OUTSIDE))
        elif found is None or not all(v.about for v in found):
            result.skipped.append((article_id, off_topic_reason(sub, found)))
        else:
            result.matched.append(article_id)
    return result


@dataclass
class Judgement:
    """One article against one subscription, for `newsbot log`: in the desk or not, wanted or not, and
    each subject's verdict (what the article said of it, and where)."""

    wanted: bool
    scope: str  # OUTSIDE, or what the subscription takes ("everything on the desk")
    verdicts: list[Verdict] = field(default_factory=list)


def judge_one(db: sqlite_utils.Database, sub: dict[str, Any], article_id: int) -> Judgement:
    """Judge one article as a matching pass would, now (the entity a name resolves to may be new)."""
    if get_desk(sub["desk"]) is None:
        return Judgement(False, OUTSIDE)
    scope = desk_scope(sub)
    if scope and article_id not in store.in_desk(db, scope, article_id - 1, article_id):
        return Judgement(False, OUTSIDE)
    if not (sub.get("topics") or sub.get("who")):
        return Judgement(True, "everything on the desk")
    found = judged(db, sub, article_id - 1, article_id, [article_id]).get(article_id)
    if found is None:  # no candidate: the index finds none of the words
        names = [sub["topics"]] if sub.get("topics") else []
        names += [sub["who"]] if sub.get("who") else []
        return Judgement(False, "", [Verdict(n) for n in names])
    return Judgement(all(v.about for v in found), "", found)
