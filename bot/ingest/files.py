"""Reading articles from the file system: text/markdown, HTML, CSV and JSON Lines archives, folders.

Each reader yields RawArticle or Problem, never raises for one bad file or row, so a bulk ingest reports
what failed (which file, which row, why) and goes on.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from html import escape as escape_html
from pathlib import Path
from typing import Any

import lxml.html
import trafilatura
from trafilatura.utils import load_html

from bot.ingest.model import Problem, RawArticle
from bot.ingest.records import from_record
from bot.language import normalise
from bot.words import say

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
ARCHIVE_SUFFIXES = {".csv", ".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | ARCHIVE_SUFFIXES
NOT_ARTICLES = re.compile(r"(?i)^(readme|source|license|licence|changelog|contributing|notes?)\b")  # in folders
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
MIN_ARTICLE_WORDS = 25  # less than this is navigation or a teaser, not an article
Item = RawArticle | Problem

csv.field_size_limit(50_000_000)


def read_path(path: Path) -> Iterator[Item]:
    """Every article under a path: a file, or a folder read recursively in name order."""
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if child.suffix.lower() in SUFFIXES and not NOT_ARTICLES.match(child.name):
                yield from read_path(child)
        return
    if not path.exists():
        yield Problem(str(path), "no such file or folder")
        return
    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_SUFFIXES:
            yield from _guard(path, lambda: [read_text_file(path)])
        elif suffix in HTML_SUFFIXES:
            yield from _guard(path, lambda: [read_html_file(path)])
        elif suffix == ".csv":
            yield from read_csv(path)
        elif suffix in (".jsonl", ".ndjson"):
            yield from read_jsonl(path)
        else:
            yield Problem(str(path), f"unsupported file type {suffix or '(none)'}")
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        yield Problem(str(path), f"cannot read: {exc}")


def _guard(path: Path, make) -> Iterator[Item]:
    try:
        yield from make()
    except ValueError as exc:
        yield Problem(str(path), str(exc))


def sidecar(path: Path) -> dict[str, Any]:
    """Metadata for a file that carries none: NAME.meta.json beside it (e.g. the seed's source and date)."""
    meta = path.with_name(path.stem + ".meta.json")
    if meta.exists():
        data = json.loads(meta.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError(f"{meta.name} is not a JSON object")
        return data
    return {}


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """`key: value` lines between --- fences at the top of a text or markdown file."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[match.end():]


def read_text(path: Path) -> str:
    """UTF-8, or Windows-1252 for the older files that are not (BBC's archive has such pages)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_text_file(path: Path) -> RawArticle:
    """Title on the first line, the body after it; front matter and a sidecar may add metadata."""
    fields, text = front_matter(read_text(path))
    lines = text.strip().split("\n", 1)
    title = lines[0].lstrip("#").strip()
    body = lines[1] if len(lines) > 1 else ""
    record = {"title": title, "text": body, **fields}
    return from_record(record, str(path), defaults={"source": None, **sidecar(path)})


def read_html_file(path: Path) -> RawArticle:
    """Main text through trafilatura; the page's own metadata, then the sidecar, fill the fields."""
    return article_from_html(path.read_text(encoding="utf-8", errors="replace"), str(path), None, sidecar(path))


def article_from_html(
    html: str, origin: str, url: str | None, defaults: dict | None = None, overrides: dict | None = None
) -> RawArticle:
    """Extract an article from an HTML page; a page with no article text is a ValueError.

    `defaults` fill what the page does not say (a sidecar); `overrides` win over the page (a feed's
    own title, date and name are more reliable than what a scraper finds in the page).
    """
    tree = decoded_once(html)
    doc = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True,
    )
    if doc is None or len((doc.text or "").split()) < MIN_ARTICLE_WORDS:
        raise ValueError(say("why_no_text"))
    record = {
        "title": doc.title,
        "text": doc.text,
        "url": url or doc.url,
        "published": doc.date,
        "author": doc.author,
        "source": doc.sitename,
        "tags": (doc.tags or []) + (doc.categories or []),
        "language": page_language(tree) or doc.language,
    }
    record.update({k: v for k, v in (overrides or {}).items() if v})
    return from_record(record, origin, defaults=defaults)


def page_language(tree: Any) -> str | None:
    """The language a page declares: `<html lang>`, else its Content-Language or og:locale meta (None: it
    says none, and the text decides)."""
    if isinstance(tree, str):
        return None
    root = tree.getroottree().getroot()
    declared = [root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for meta in root.iter("meta"):
        if (meta.get("http-equiv") or "").lower() == "content-language" or meta.get("property") == "og:locale":
            declared.append(meta.get("content"))
    return next((code for code in map(normalise, declared) if code), None)


_NOT_TEXT = ("script", "style")  # raw text: lxml decodes no entity in it, so there is none to guard


def decoded_once(html: str) -> Any:
    """The page as an lxml tree whose text trafilatura will decode exactly once.

    lxml decodes the page's entities while parsing; trafilatura then runs `html.unescape` over every field
    it returns (title, text, author, site name) a second time, so a page that shows "&lt;!channel&gt;"
    came out as "<!channel>", and "AT&amp;amp;T" as "AT&T". Writing each `&` of the parsed text back as
    `&amp;` (text, tails and meta values, where the metadata comes from) makes that second pass give back
    what the page shows. A page trafilatura cannot parse is handed on as it came (it says why).
    """
    tree = load_html(html)
    if tree is None:
        return html
    for node in tree.iter():
        if isinstance(node.tag, str) and node.tag not in _NOT_TEXT and node.text:
            node.text = node.text.replace("&", "&amp;")
        if node.tail:
            node.tail = node.tail.replace("&", "&amp;")
        if node.tag == "meta" and node.get("content"):
            node.set("content", node.get("content").replace("&", "&amp;"))
    return tree


_BLOCK_END = re.compile(r"(?i)</(p|div|h[1-6]|li|blockquote)>|<br\s*/?>")


def html_to_text(fragment: str) -> str:
    """Plain text of a small HTML fragment (a feed entry's content), paragraphs kept apart, its entities
    decoded once (also in a fragment with no tag: "5 &amp;lt; 6" is the text "5 &lt; 6")."""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    marked = _BLOCK_END.sub(lambda m: m.group(0) + "\n\n", fragment)
    return lxml.html.fromstring(f"<div>{marked}</div>").text_content()


def feed_text(entry: Any, name: str) -> str:
    """A feedparser field (`title`, `author`) as plain text, on one line: feedparser hands over a field it
    reads as HTML still encoded ("AT&amp;T", "&lt;!channel&gt;"), and one it reads as text decoded."""
    value = str(entry.get(name) or "")
    kind = str((entry.get(f"{name}_detail") or {}).get("type") or "")
    return " ".join((html_to_text(value) if "html" in kind else value).split())


def feed_html(entry: Any) -> str:
    """A feed entry's content, else its summary, as HTML for `html_to_text` (which decodes once): content
    feedparser typed as plain text is escaped first, so its `&lt;` stays the text "&lt;"."""
    parts = entry.get("content") or ([entry.get("summary_detail")] if entry.get("summary_detail") else [])
    if not parts:
        return str(entry.get("summary") or "")
    return " ".join(p.get("value", "") if "html" in str(p.get("type") or "html") else escape_html(p.get("value", ""))
                    for p in parts)


def read_csv(path: Path) -> Iterator[Item]:
    """One article per row; a bad row is a Problem naming its row number."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            try:
                yield from_record(row, f"{path} row {number}")
            except ValueError as exc:
                yield Problem(f"{path} row {number}", str(exc))


def read_jsonl(path: Path) -> Iterator[Item]:
    """One article per JSON line; a bad line is a Problem naming its line number."""
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("not a JSON object")
                yield from_record(record, f"{path} line {number}")
            except ValueError as exc:
                yield Problem(f"{path} line {number}", str(exc).split("\n")[0])
