"""A source's article before analysis: what every reader (file, archive row, URL, feed) produces; and
what adding one link came to."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawArticle:
    title: str
    text: str  # body: paragraphs and headings separated by blank lines, title excluded
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD, YYYY-MM or YYYY) or None when unknown
    language: str | None = None  # ISO 639-1 as the source states it; None: detected at analysis (bot/language.py)
    tags: list[str] = field(default_factory=list)
    origin: str = ""  # where it came from: a path, "file.csv row 12", a URL
    guid: str | None = None


@dataclass
class Problem:
    """A source that could not become an article: which one, and why, in one short line."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass
class AddResult:
    """What `add` of one link stored, or why not. Here, beside the other plain records, because it crosses
    from the process that reads links to the listener, which unpickles it: in bot.ingest.service it
    made the listener import spaCy and the whole ingest (+100 MB RSS) on the first `add`."""

    ok: bool
    article_id: int | None = None
    title: str | None = None
    people: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    error: str | None = None
    created: bool = False
