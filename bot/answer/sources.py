"""Sources of an answer: the articles its lines come from, numbered in order of first citation."""

from __future__ import annotations

from datetime import date

import sqlite_utils

from bot.answer.model import Source
from storage import queries

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


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

    def context(self, noun: str = "article") -> str:
        """'Based on 3 articles, 12–27 Oct 2025' (or 'no known date')."""
        count = len(self.order)
        if not count:
            return ""
        first, last = queries.date_range(self.db, self.order)
        plural = noun if count == 1 else f"{noun}s"
        return f"Based on {count} {plural}, {date_span(first, last)}"


def human_date(iso: str | None) -> str:
    """'27 Oct 2025', 'Oct 2025', '2025', or 'date unknown'."""
    if not iso:
        return "date unknown"
    parts = iso.split("-")
    if len(parts) == 3:
        d = date.fromisoformat(iso)
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def date_span(first: str | None, last: str | None) -> str:
    if not first and not last:
        return "no known date"
    if first == last or not first:
        return human_date(last)
    a, b = first.split("-"), last.split("-")
    if len(a) == len(b) == 3 and a[:2] == b[:2]:
        return f"{int(a[2])}–{human_date(last)}"
    return f"{human_date(first)}–{human_date(last)}"
