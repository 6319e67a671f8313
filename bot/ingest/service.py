"""Ingesting sources into the archive: read → skip what is already stored → analyse → store.

Used by the CLI (`newsbot ingest`, the embedded default's seeding) and the Slack app (`/peru add`).
A bad file, row or URL is reported and skipped; it never stops the others.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils
from tqdm import tqdm

from bot.extract.pipeline import analyse
from bot.ingest.canonical import text_hash, url_key
from bot.ingest.files import read_path
from bot.ingest.model import Problem, RawArticle
from bot.ingest.rows import to_rows
from bot.ingest.web import read_url
from bot.seeds import seeds_dir
from bot.stories.link import link_article
from storage.articles import find_existing, save_article


@dataclass
class IngestReport:
    added: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    truncated: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.updated)} updated", f"{len(self.unchanged)} unchanged"]
        if self.problems:
            parts.append(f"{len(self.problems)} failed")
        return ", ".join(parts)


@dataclass
class AddResult:
    ok: bool
    article_id: int | None = None
    title: str | None = None
    people: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    error: str | None = None
    created: bool = False


def read_targets(targets: Iterable[str]) -> Iterator[RawArticle | Problem]:
    for target in targets:
        if target.startswith(("http://", "https://")) or "://" in target:
            yield from read_url(target)
        else:
            yield from read_path(Path(target))


def is_unchanged(db: sqlite_utils.Database, raw: RawArticle) -> int | None:
    """The id of a stored article with the same identity and the same text and metadata."""
    digest = text_hash(raw.title, raw.text)
    existing = find_existing(db, url_key(raw.url), digest)
    if existing and existing["text_hash"] == digest and (
        existing["published"] == raw.published and existing["title"] == raw.title
    ):
        return existing["id"]
    return None


def ingest(
    db: sqlite_utils.Database, targets: Iterable[str], progress: bool = False, reanalyse: bool = False
) -> IngestReport:
    """Ingest every article the targets hold; report what was added, updated, unchanged or failed."""
    report = IngestReport()
    latest: dict[str, RawArticle] = {}  # by identity: the same article twice in one run, the later wins
    seen: dict[str, str] = {}
    for item in read_targets(targets):
        if isinstance(item, Problem):
            report.problems.append(item)
            continue
        keys = [k for k in (url_key(item.url), text_hash(item.title, item.text)) if k]
        slot = next((seen[k] for k in keys if k in seen), keys[0])
        latest[slot] = item
        seen.update({k: slot for k in keys})
    pending = []
    for item in latest.values():
        if not reanalyse and (same := is_unchanged(db, item)) is not None:
            report.unchanged.append(same)
        else:
            pending.append(item)
    pending.sort(key=lambda raw: raw.published or "~")  # oldest first, undated last: stories link in date order
    bar = tqdm(total=len(pending), unit="article", disable=not progress, file=sys.stderr)
    for analysis in analyse(pending):
        try:
            article_id, created = save_article(db, to_rows(analysis))
        except Exception as exc:  # one article's storage failure must not stop the others
            report.problems.append(Problem(analysis.raw.origin, f"could not store: {exc}"))
        else:
            (report.added if created else report.updated).append(article_id)
            try:
                link_article(db, article_id)  # its story, and the earlier coverage it follows
            except Exception as exc:  # stored all the same; only its story links are missing
                report.problems.append(Problem(analysis.raw.origin, f"stored, but not linked to its story: {exc}"))
            if analysis.truncated:
                report.truncated.append(analysis.raw.origin)
        bar.update(1)
    bar.close()
    return report


def ensure_seeded(db: sqlite_utils.Database) -> IngestReport | None:
    """On an empty archive, ingest seeds/ (the embedded default); None if there was no need."""
    if db.execute("SELECT 1 FROM articles LIMIT 1").fetchone():
        return None
    return ingest(db, [str(seeds_dir())])


def add_url(db: sqlite_utils.Database, url: str) -> AddResult:
    """Fetch and store one article from a link (under the URL rule); say what was stored or why not."""
    report = ingest(db, [url.strip().strip("<>")])
    stored = report.added or report.updated or report.unchanged
    if not stored:
        reason = report.problems[0].reason if report.problems else "no article found at that link"
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
