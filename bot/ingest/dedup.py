"""One article however many copies: is an incoming article already stored, a copy of a stored one, or new?

Exact identities first (bot/ingest/canonical.py): the entry's GUID, the canonical URL, the text hash, each
either the stored article's own or one of its recorded copies'. A GUID or URL the article already has means
the same article: unchanged, or a revised text updated in place under the same id. The same text or a near
duplicate (word 5-shingles, MinHash LSH candidates from the archive's index, exact Jaccard >= THRESHOLD, see
bench/dedup.py) under another link is a copy: it is recorded in article_copies and creates no article.
All of this runs before spaCy, so a copy costs no parse.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

import sqlite_utils

from bot.ingest.canonical import text_hash, url_key
from bot.ingest.model import RawArticle
from bot.ingest.similarity import band_keys, jaccard, shingles, signature
from storage import dedup as store

THRESHOLD = 0.6  # exact Jaccard of the body's 5-shingles; chosen with bench/dedup.py on the dev splits
MIN_SHINGLES = 20  # a text of fewer than ~25 words is too short to call a near copy; exact identities only


@dataclass
class Fingerprint:
    """A body text's shingles and LSH band keys."""

    shingles: set[int]
    keys: list[int]

    @classmethod
    def of(cls, text: str) -> Fingerprint:
        found = shingles(text)
        return cls(found, band_keys(signature(found)) if found else [])


def similarity(a: set[int], b: set[int]) -> float:
    """Exact Jaccard of two bodies' shingles; 0 when either is too short to call a near copy."""
    if min(len(a), len(b)) < MIN_SHINGLES:
        return 0.0
    return jaccard(a, b)


def pair_similarity(a: Fingerprint, b: Fingerprint) -> float:
    """A pair alone, with no archive around it: 0 unless the LSH makes them candidates (a shared band key)."""
    return similarity(a.shingles, b.shingles) if set(a.keys) & set(b.keys) else 0.0


@dataclass
class Verdict:
    """What to do with one incoming article."""

    kind: str  # "new", "same" (a stored article: unchanged or to update in place) or "copy"
    article_id: int | None = None  # the stored article (same, copy); None for new or a copy of a new one
    unchanged: bool = False
    similarity: float = 1.0
    fingerprint: Fingerprint | None = None


@dataclass
class Deduper:
    """One ingest run's decisions: against the archive, and against the run's own earlier new articles."""

    db: sqlite_utils.Database
    reanalyse: bool = False
    _fresh: list[tuple[RawArticle, Fingerprint]] = field(default_factory=list)  # new in this run, unsaved
    _fresh_by_key: dict[int | str, list[int]] = field(default_factory=dict)  # band key or text hash -> _fresh
    _waiting: dict[int, list[tuple[RawArticle, float]]] = field(default_factory=dict)  # id(new raw) -> copies
    _verdicts: dict[int, Verdict] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for article_id, text, digest in store.unindexed(self.db):  # articles stored before this index existed
            store.index_article(self.db, article_id, digest, Fingerprint.of(text).keys)

    def judge(self, raw: RawArticle) -> Verdict:
        """Decide for one article; record it at once when it is a copy of a stored article."""
        verdict = self._judge(raw)
        self._verdicts[id(raw)] = verdict
        if verdict.kind == "copy" and verdict.article_id is not None:
            store.add_copy(self.db, verdict.article_id, _copy_row(raw, verdict.similarity))
        if verdict.kind == "same":
            store.remember_guid(self.db, verdict.article_id, raw.guid)
        if verdict.kind == "new":
            for key in [*verdict.fingerprint.keys, text_hash(raw.title, raw.text)]:
                self._fresh_by_key.setdefault(key, []).append(len(self._fresh))
            self._fresh.append((raw, verdict.fingerprint))
        return verdict

    def target(self, raw: RawArticle) -> int | None:
        """The stored article a pending article updates in place (None: a new article)."""
        verdict = self._verdicts.get(id(raw))
        return verdict.article_id if verdict and verdict.kind == "same" else None

    def stored(self, raw: RawArticle, article_id: int) -> list[RawArticle]:
        """After saving: index the article, keep its GUID, record the run's copies of it (returned)."""
        verdict = self._verdicts.get(id(raw))
        fingerprint = verdict.fingerprint if verdict and verdict.fingerprint else Fingerprint.of(raw.text)
        store.index_article(self.db, article_id, text_hash(raw.title, raw.text), fingerprint.keys)
        store.remember_guid(self.db, article_id, raw.guid)
        waiting = self._waiting.pop(id(raw), [])
        for copy, similarity in waiting:
            store.add_copy(self.db, article_id, _copy_row(copy, similarity))
        return [copy for copy, _ in waiting]

    def _judge(self, raw: RawArticle) -> Verdict:
        digest, key = text_hash(raw.title, raw.text), url_key(raw.url)
        found = store.known(self.db, raw.guid, key, digest)
        if found and found.via == "text" and (raw.guid or key) and found.url_key and found.url_key != key:
            return Verdict("copy", found.article_id)  # the same words under another link
        if found and found.via == "copy":  # a link, GUID or text already recorded as a copy
            return Verdict("copy", found.article_id, similarity=found.similarity or 1.0)
        if found:
            if found.via == "guid" and key and found.url_key and key != found.url_key:
                store.add_copy(self.db, found.article_id, _copy_row(raw, 1.0))
                raw.url = found.url  # the article keeps its link; the entry's new link is kept as a copy
            same = found.text_hash == digest and found.title == raw.title and found.published == raw.published
            return Verdict("same", found.article_id, unchanged=same and not self.reanalyse)
        fingerprint = Fingerprint.of(raw.text)
        return self._near(raw, fingerprint) or Verdict("new", fingerprint=fingerprint)

    def _near(self, raw: RawArticle, fingerprint: Fingerprint) -> Verdict | None:
        """A copy of a stored article, or of one new earlier in this run, by its text alone."""
        score, article_id, earlier = self.best_match(fingerprint, text_hash(raw.title, raw.text))
        if score < THRESHOLD:
            return None
        if earlier is not None:
            self._waiting.setdefault(id(earlier), []).append((raw, score))
        return Verdict("copy", article_id, similarity=score)

    def best_match(
        self, fingerprint: Fingerprint, digest: str = "", exclude: Collection[int] = ()
    ) -> tuple[float, int | None, RawArticle | None]:
        """The most similar candidate, stored (its id) or new in this run (its RawArticle), and its similarity.
        `exclude`: stored ids not to consider."""
        if digest in self._fresh_by_key:
            return 1.0, None, self._fresh[self._fresh_by_key[digest][0]][0]
        found: list[tuple[int | None, RawArticle | None, set[int]]] = [
            (article_id, None, shingles(text))
            for article_id, text in store.candidates(self.db, fingerprint.keys) if article_id not in exclude]
        sharing = {i for key in fingerprint.keys for i in self._fresh_by_key.get(key, ())}
        found += [(None, self._fresh[i][0], self._fresh[i][1].shingles) for i in sorted(sharing)]
        best: tuple[float, int | None, RawArticle | None] = (0.0, None, None)
        for article_id, earlier, theirs in found:
            score = similarity(fingerprint.shingles, theirs)
            if score > best[0]:
                best = (score, article_id, earlier)
        return best


def _copy_row(raw: RawArticle, similarity: float) -> dict:
    return {"url": raw.url, "url_key": url_key(raw.url), "guid": raw.guid, "title": raw.title,
            "source": raw.source, "text_hash": text_hash(raw.title, raw.text), "similarity": round(similarity, 4)}
