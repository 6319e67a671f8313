"""Ingesting sources into the archive: read → skip what is already stored → analyse → store.

Used by the CLI (`newsbot ingest`, the embedded default's seeding) and the Slack app (`/peru add`);
`store_articles` takes RawArticles from any reader (a feed poller). A bad file, row or URL is reported and
skipped; an extractor that fails on an article is reported too, and the article is stored with the rest of
its analysis. Neither stops the others. Each source's furniture is learned from its new articles before
they are analysed, so a bulk ingest keeps it out of every article, not only the later ones.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils
from tqdm import tqdm

from bot.extract.pipeline import Analysis, analyse
from bot.ingest.canonical import text_hash, url_key
from bot.ingest.dedup import Deduper
from bot.ingest.files import read_path
from bot.ingest.furniture import Furniture
from bot.ingest.links import NO_ARTICLE, ONLY_WEB_LINKS, web_link
from bot.ingest.model import AddResult, Problem, RawArticle
from bot.ingest.rows import to_rows
from bot.ingest.web import read_url
from bot.language import is_analysed
from bot.seeds import seeds_dir
from bot.stories.link import link_article
from storage.articles import save_article, stored_articles
from storage.extract_errors import replace_errors


@dataclass
class ExtractFailure:
    """An article stored without one extractor's part, because that extractor raised on it."""

    origin: str
    article_id: int
    extractor: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin} (article {self.article_id}): {self.extractor} failed: {self.message}"


@dataclass
class IngestReport:
    added: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    copies: list[int] = field(default_factory=list)  # the stored article each copy is one with
    problems: list[Problem] = field(default_factory=list)
    truncated: list[str] = field(default_factory=list)
    failures: list[ExtractFailure] = field(default_factory=list)
    article_ids: dict[str, int] = field(default_factory=dict)  # each stored item's origin → its article id
    copy_origins: set[str] = field(default_factory=set)  # the items that were copies of another article
    not_analysed: dict[int, str] = field(default_factory=dict)  # article id → its language, one not analysed

    @property
    def ok(self) -> bool:
        return not self.problems and not self.failures

    def summary(self) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.updated)} updated", f"{len(self.unchanged)} unchanged",
                 f"{len(self.copies)} copies of stored articles"]
        if self.problems:
            parts.append(f"{len(self.problems)} failed")
        if self.failures:
            parts.append(f"{len({f.article_id for f in self.failures})} stored with extractor errors")
        if self.not_analysed:
            languages = ", ".join(sorted(set(self.not_analysed.values())))
            parts.append(f"{len(self.not_analysed)} stored but not analysed (language {languages})")
        return ", ".join(parts)


def read_targets(targets: Iterable[str]) -> Iterator[RawArticle | Problem]:
    for target in targets:
        if target.startswith(("http://", "https://")) or "://" in target:
            yield from read_url(target)
        else:
            yield from read_path(Path(target))


def ingest(
    db: sqlite_utils.Database, targets: Iterable[str], progress: bool = False, reanalyse: bool = False,
    language: str | None = None,
) -> IngestReport:
    """Ingest every article the targets hold; report what was added, updated, unchanged or failed.
    `language` (`newsbot ingest PATH --language es`) is every article's, whatever the source or text says."""
    return ingest_items(db, in_language(read_targets(targets), language), progress, reanalyse)


def in_language(items: Iterable[RawArticle | Problem], language: str | None) -> Iterator[RawArticle | Problem]:
    """The items with `language` set on every article (an operator's or a feed's override); as they are
    when it is None."""
    for item in items:
        if language and isinstance(item, RawArticle):
            item.language = language
        yield item


def ingest_items(
    db: sqlite_utils.Database, items: Iterable[RawArticle | Problem], progress: bool = False,
    reanalyse: bool = False,
) -> IngestReport:
    """Ingest articles already read (a feed's entries); `article_ids` maps each item's origin to its id."""
    report = IngestReport()
    articles = []
    for item in items:
        if isinstance(item, Problem):
            report.problems.append(item)
        else:
            articles.append(item)
    return store_articles(db, articles, progress, reanalyse, report)


def store_articles(
    db: sqlite_utils.Database, items: Iterable[RawArticle], progress: bool = False, reanalyse: bool = False,
    report: IngestReport | None = None, known: dict[int, tuple[int, str]] | None = None,
) -> IngestReport:
    """Analyse and store articles (skipping those stored unchanged, unless `reanalyse`); report each outcome.

    Copies of stored articles (same GUID, link or text, or near-duplicate text) are recognised before the
    parse and cost no spaCy time. `known` (id(raw) -> (article id, stored text hash)) names the articles
    re-analysed from the archive, which keep their id and identity."""
    report = report or IngestReport()
    latest: dict[str, RawArticle] = {}  # by identity: the same article twice in one run, the later wins
    seen: dict[str, str] = {}
    origins: dict[str, list[str]] = {}  # slot → the origins of every item it stands for
    for item in items:
        keys = [k for k in (item.guid and f"guid:{item.guid}", url_key(item.url)) if k]
        keys = keys or [text_hash(item.title, item.text)]  # the same text under two links: a copy, judged below
        slot = next((seen[k] for k in keys if k in seen), keys[0])
        latest[slot] = item
        seen.update({k: slot for k in keys})
        origins.setdefault(slot, []).append(item.origin)
    merged = {item.origin: origins[slot] for slot, item in latest.items()}  # the kept item's origin → all
    pending = []
    furniture = Furniture(db)
    dedup = Deduper(db, reanalyse)
    for item in latest.values():
        if known is not None:  # re-analysed from the archive: it is the stored article it came from
            pending.append(item)
            continue
        verdict = dedup.judge(item)
        if verdict.kind == "copy" or verdict.unchanged:
            (report.copies if verdict.kind == "copy" else report.unchanged).extend(
                [verdict.article_id] if verdict.article_id else [])
            if verdict.article_id:
                report.article_ids[item.origin] = verdict.article_id
                if verdict.kind == "copy":
                    report.copy_origins.add(item.origin)
            continue
        pending.append(item)
        if verdict.kind == "new":
            furniture.learn(item)  # counted once per distinct article: new ones only
    pending.sort(key=lambda raw: raw.published or "~")  # oldest first, undated last: stories link in date order
    bar = tqdm(total=len(pending), unit="article", disable=not progress, file=sys.stderr)
    for analysis in analyse(pending, is_furniture=furniture):
        stored_as = (known or {}).get(id(analysis.raw))
        article_id = store_analysis(db, analysis, report, dedup, stored_as)
        if article_id is not None:
            report.article_ids[analysis.raw.origin] = article_id
        bar.update(1)
    bar.close()
    _merged_outcomes(report, merged)
    return report


def _merged_outcomes(report: IngestReport, merged: dict[str, list[str]]) -> None:
    """Every item of the run gets the outcome of the item it was merged with (the same GUID or link twice:
    one article); the ones merged away are copies of it, so a caller counting per item (a feed's poll)
    never sees them as failed or as new."""
    for kept, origins in merged.items():
        if kept not in report.article_ids:
            continue
        for origin in origins:
            report.article_ids[origin] = report.article_ids[kept]
            if origin != kept or kept in report.copy_origins:
                report.copy_origins.add(origin)


def store_analysis(
    db: sqlite_utils.Database, analysis: Analysis, report: IngestReport, dedup: Deduper,
    stored_as: tuple[int, str] | None = None,
) -> int | None:
    """Store one analysed article and its extractor errors; its id, or None when storing failed (a storage
    failure is that article's problem only)."""
    try:
        kept_id, kept_hash = stored_as or (dedup.target(analysis.raw), None)
        article_id, created = save_article(db, to_rows(analysis, kept_hash), kept_id)
        replace_errors(db, article_id, [(e.extractor, e.message) for e in analysis.errors])
    except Exception as exc:  # one article's storage failure must not stop the others
        report.problems.append(Problem(analysis.raw.origin, f"could not store: {exc}"))
        return None
    (report.added if created else report.updated).append(article_id)
    if not is_analysed(analysis.raw.language):
        report.not_analysed[article_id] = str(analysis.raw.language)
    if stored_as is None:
        copies = dedup.stored(analysis.raw, article_id)  # the copies of it this run met
        report.copies += [article_id for _ in copies]
        report.article_ids.update({copy.origin: article_id for copy in copies})
        report.copy_origins.update(copy.origin for copy in copies)
    try:
        link_article(db, article_id)  # its story, and the earlier coverage it follows
    except Exception as exc:  # stored all the same; only its story links are missing
        report.problems.append(Problem(analysis.raw.origin, f"stored, but not linked to its story: {exc}"))
    origin = analysis.raw.origin or analysis.raw.url or analysis.raw.title
    report.failures += [ExtractFailure(origin, article_id, e.extractor, e.message) for e in analysis.errors]
    if analysis.truncated:
        report.truncated.append(analysis.raw.origin)
    return article_id


def reanalyse_archive(db: sqlite_utils.Database, progress: bool = False) -> IngestReport:
    """Analyse every stored article again from its stored text (what the source's furniture learned since
    then applies to it); ids, identities and editors' corrections are kept."""
    raws, known = [], {}
    for row in stored_articles(db):
        raw = RawArticle(
            title=row["title"], text=row["text"], url=row["url"], source=row["source"], author=row["author"],
            published=row["published"], language=row["language"], tags=json.loads(row["tags"] or "[]"),
            origin=row["origin"] or f"article {row['id']}",
        )
        raws.append(raw)
        known[id(raw)] = (row["id"], row["text_hash"])
    return store_articles(db, raws, progress, reanalyse=True, known=known)


def ensure_seeded(db: sqlite_utils.Database) -> IngestReport | None:
    """On an empty archive, ingest seeds/ (the embedded default); None if there was no need."""
    if db.execute("SELECT 1 FROM articles LIMIT 1").fetchone():
        return None
    return ingest(db, [str(seeds_dir())])


def add_url(db: sqlite_utils.Database, text: str) -> AddResult:
    """Fetch and store one article from a web link (under the URL rule); say what was stored or why not.
    The entry for everything a member asks from Slack: only an http(s) link is read (bot/ingest/links.py),
    never a path, so nothing of the server's file system is read or named."""
    url = web_link(text)
    if url is None:
        return AddResult(ok=False, error=ONLY_WEB_LINKS)
    report = ingest_items(db, read_url(url))
    stored = report.added or report.updated or report.unchanged or report.copies
    if not stored:
        reason = report.problems[0].reason if report.problems else NO_ARTICLE
        return AddResult(ok=False, error=reason)
    article_id = stored[0]
    title = db.execute("SELECT title FROM articles WHERE id = ?", [article_id]).fetchone()[0]
    people = [r[0] for r in db.execute(
        "SELECT e.name FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ?"
        " AND e.type = 'PERSON' GROUP BY e.id ORDER BY COUNT(*) DESC LIMIT 5", [article_id])]
    figures = [r[0] for r in db.execute(
        "SELECT text FROM facts WHERE article_id = ? AND kind = 'statistic' ORDER BY sentence_idx LIMIT 5",
        [article_id])]
    return AddResult(True, article_id, title, people, figures, created=bool(report.added))
