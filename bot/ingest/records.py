"""Turning loosely named fields (a CSV row, a JSON line, front matter, a sidecar) into a RawArticle.

Archives name their columns differently (date / published / pubDate, content / text / body), so every
reader goes through this one mapping.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from dateutil import parser as dateparser

from bot.ingest.clean import clean_body, split_hashtags
from bot.ingest.model import RawArticle
from bot.language import normalise

FIELDS = {
    "title": ("title", "headline", "name"),
    "text": ("content", "text", "body", "article", "story"),
    "url": ("url", "link", "href"),
    "published": ("published", "date", "pubdate", "published_at", "datetime", "time"),
    "author": ("author", "authors", "byline"),
    "source": ("source", "publisher", "site"),
    "tags": ("tags", "keywords", "categories"),
    "language": ("language", "lang"),
    "guid": ("guid",),  # a feed entry's own id, kept by archives exported from feed readers
}
_PARTIAL = re.compile(r"^\d{4}(-\d{2})?$")


def pick(record: Mapping[str, Any], field: str) -> Any:
    """The first non-empty value among the names a field goes by (case-insensitive)."""
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in FIELDS[field]:
        value = lowered.get(name)
        if value not in (None, "", []):
            return value
    return None


def iso_date(value: Any) -> str | None:
    """An ISO date (day, or month/year precision when that is all it says), or None if unparseable."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if _PARTIAL.match(text):
        return text
    try:
        return dateparser.parse(text, fuzzy=True).date().isoformat()
    except (ValueError, OverflowError):
        return None


def parse_tags(value: Any) -> list[str]:
    """Tags from a list, a JSON list or a comma/semicolon separated string; lower-case, unique."""
    if value is None:
        return []
    if isinstance(value, str):
        value = value.strip()
        if value.startswith("["):
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                value = value.strip("[]")
        if isinstance(value, str):
            value = re.split(r"[,;|]", value)
    if not isinstance(value, (list, tuple)):  # a number, a true, an object: one tag, never a crash
        value = [value] if not isinstance(value, (dict, bool)) else []
    tags = [str(t).strip().lstrip("#").lower() for t in value if not isinstance(t, (dict, list))]
    return list(dict.fromkeys(t for t in tags if t))


def from_record(record: Mapping[str, Any], origin: str, defaults: Mapping[str, Any] | None = None) -> RawArticle:
    """Build a RawArticle from a record; raise ValueError with a short reason if it has no text."""
    merged = {**(defaults or {}), **{k: v for k, v in record.items() if v not in (None, "")}}
    body = pick(merged, "text")
    if not body or not str(body).strip():
        raise ValueError("no article text (expected a content/text/body field)")
    body, hashtags = split_hashtags(str(body))
    text = clean_body(body)
    if not text:
        raise ValueError("no article text left after cleaning")
    title = str(pick(merged, "title") or "").strip() or text.split("\n")[0][:120]
    author = pick(merged, "author")
    return RawArticle(
        title=" ".join(title.split()),
        text=text,
        url=(str(pick(merged, "url")).strip() or None) if pick(merged, "url") else None,
        source=pick(merged, "source"),
        author=", ".join(author) if isinstance(author, list) else author,
        published=iso_date(pick(merged, "published")),
        language=normalise(pick(merged, "language")),
        tags=list(dict.fromkeys(parse_tags(pick(merged, "tags")) + hashtags)),
        origin=origin,
        guid=(str(guid).strip() or None) if (guid := pick(merged, "guid")) else None,
    )
