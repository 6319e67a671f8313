"""A digest an editor reads in a minute: what goes in the channel message, and what waits in its thread.

A busy day's digest runs to a thousand words. The message a channel sees keeps to WORD_BUDGET words: the
most important stories first (more outlets, more articles, the subscription's own subjects in the
headline), each as its newest headline with one line of what it says, then one headline a story while
room lasts; the rest are counted ("12 more stories folded"). Nothing is lost: the full digest goes in the
message's thread (bot/subscriptions/deliver.py), and every article is in the ledger with the message.
This module chooses; bot/subscriptions/blocks.py renders, and its rendering is what is counted.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import sqlite_utils

from bot.extract.names import fold
from bot.subjects import Subject, names_subject
from bot.subscriptions.blocks import story_lines
from bot.subscriptions.digest import Digest, Story
from bot.subscriptions.matching import person_of, subjects_of
from bot.words import count, say

WORD_BUDGET = 250  # about a minute of reading
FRAME_WORDS = 36  # the header, the "N new articles in M stories" line and the "N more stories folded" line
LEADS = 2  # stories shown with a line of what they say; the rest are a headline each
_LINK = re.compile(r"<[^|>]*\|([^>]*)>")


def words(lines: list[str]) -> int:
    """Words a reader sees in mrkdwn lines: a link counts as its text, markup as nothing."""
    return len(_LINK.sub(r"\1", " ".join(lines)).replace("*", " ").replace("_", " ").split())


def importance(story: Story, subjects: list[Subject]) -> tuple[int, int, int, int]:
    """More outlets first (corroboration), then the subscription's subjects in a headline, then more
    articles, then the newest."""
    outlets = len({a.source for a in story.articles if a.source})
    titles = fold(" ".join(a.title or "" for a in story.articles))
    named = sum(1 for s in subjects if s.pattern.search(titles))
    return (outlets, named, len(story.articles), max(story.article_ids))


def headline(story: Story) -> Story:
    """The development as one line: its newest article's headline (with its outlets and date)."""
    return Story(story.story_id, [story.articles[-1]], outlets=story.outlets)


def lead(story: Story) -> Story:
    """The story as its newest headline and one line of what it says: the first summary line, or the
    first quote when there is none (a who subscription's person's line comes first already)."""
    return replace(headline(story), summary=story.summary[:1], quotes=[] if story.summary else story.quotes[:1],
                   conflicts=story.conflicts[:1])


def one_minute(digest: Digest, subjects: list[Subject]) -> Digest | None:
    """The digest cut to WORD_BUDGET words, or None when the whole digest already fits (post it as is)."""
    lang = digest.language
    if FRAME_WORDS + sum(words(story_lines(s, lang)) for s in digest.stories) <= WORD_BUDGET:
        return None
    ranked = sorted(digest.stories, key=lambda s: importance(s, subjects), reverse=True)
    used, shown, kept = FRAME_WORDS, [], set()
    for story in ranked:
        for version in (lead(story), headline(story)) if len(shown) < LEADS else (headline(story),):
            cost = words(story_lines(version, lang))
            if used + cost <= WORD_BUDGET:
                shown.append(version)
                kept.add(id(story))
                used += cost
                break
    folded = [s for s in ranked if id(s) not in kept]
    articles = sum(len(s.articles) for s in folded)
    note = (say("folded", lang, stories=count(len(folded), "more_story", lang),
                articles=count(articles, "article", lang)) if folded else "") + say("in_thread", lang)
    return replace(digest, stories=shown, note=note, of=digest.counts)


def subjects_for(db: sqlite_utils.Database, sub: dict[str, Any]) -> list[Subject]:
    """What the subscription names (topic words, places, its person): a story that names them ranks higher."""
    found = subjects_of(db, sub)
    if sub.get("who"):
        found.append(names_subject(sub["who"], {fold(n) for n in person_of(db, sub).names}))
    return found
