"""A source's article before analysis: what every reader (file, archive row, URL, feed) produces."""

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
    language: str = "en"
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
