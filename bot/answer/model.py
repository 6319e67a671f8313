"""The structured answer every front end renders: the JSON contract of DESIGN.md.

The CLI prints `text` or `to_json()`; the Slack handlers render `items`, `sources` and `context`
as Block Kit. Nothing here knows about Slack or the terminal.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Source:
    id: int
    title: str
    url: str | None
    source: str | None
    published: str | None  # ISO date, or None when the article has no known date


@dataclass
class Answer:
    action: str  # summary | facts | timeline | quotes | who | search | latest | help | add | related | error
    desk: str
    query: str
    items: list[dict[str, Any]] = field(default_factory=list)  # each has "text" and "source_id"
    sources: list[Source] = field(default_factory=list)
    text: str = ""  # the answer as a person reads it
    context: str = ""  # "Based on 3 articles, 12–27 Oct 2025"
    total: int = 0  # items available before paging
    total_capped: bool = False  # counting stopped at `total`: there are at least that many
    offset: int = 0
    limit: int = 0
    language: str = "en"  # the desk's language: the bot's own words when rendered (bot/words.py)

    @property
    def total_label(self) -> str:
        """'23', or '1000+' when counting stopped early."""
        return f"{self.total}+" if self.total_capped else str(self.total)

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.items) < self.total

    def to_json(self) -> dict[str, Any]:
        """The contract: action, desk, query, items, sources, text (plus paging and context)."""
        return {
            "action": self.action,
            "desk": self.desk,
            "query": self.query,
            "items": self.items,
            "sources": [asdict(s) for s in self.sources],
            "text": self.text,
            "context": self.context,
            "total": self.total,
            "total_capped": self.total_capped,
            "offset": self.offset,
            "limit": self.limit,
        }
