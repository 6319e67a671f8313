"""Sources of an answer: the articles its lines come from, numbered in order of first citation."""

from __future__ import annotations

import sqlite_utils

from bot.answer.format import date_span, human_date  # noqa: F401 (human_date: re-exported)
from bot.answer.model import Source
from bot.words import DEFAULT, plural, say
from storage import queries


class SourceBook:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.order: list[int] = []

    def cite(self, article_id: int) -> int:
        """The citation number ([1], [2] ...) of an article, adding it on first use."""
        if article_id not in self.order:
            self.order.append(article_id)
        return self.order.index(article_id) + 1

    def sources(self) -> list[Source]:
        found = queries.articles_by_id(self.db, self.order)
        return [
            Source(i, found[i]["title"], found[i]["url"], found[i]["source"], found[i]["published"])
            for i in self.order
            if i in found
        ]

    def context(self, language: str = DEFAULT) -> str:
        """'Based on 3 articles, 12–27 Oct 2025' (or 'no known date'), in the desk's language."""
        count = len(self.order)
        if not count:
            return ""
        first, last = queries.date_range(self.db, self.order)
        span = date_span(first, last, language)
        return say("based_on", language, count=count, noun=plural(count, language), span=span)
