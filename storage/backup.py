"""A consistent copy of a live archive (`newsbot backup PATH`), with SQLite's online backup API.

The copy is read in one backup step: one read transaction, so in WAL mode it is the archive as of one
moment while `serve`, `worker` and `ingest` go on writing (a stepped backup restarts whenever another
connection writes between steps, and on a busy archive may never finish). It is written to PATH.partial,
checked (`PRAGMA quick_check`, and the FTS indexes against their tables), flushed to disk, and only then
renamed to PATH, atomically: a backup killed at any point leaves PATH as it was (absent, or the previous
complete backup) and at most a PATH.partial, which the next backup replaces. Nothing is migrated: the copy
has the schema the archive had, so a backup taken before an upgrade is the archive before it.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

BUSY_MS = 30_000


@dataclass
class BackupResult:
    path: Path
    articles: int
    bytes: int
    schema_version: int


class BackupError(Exception):
    """The copy could not be made or failed its check; PATH was not touched."""


def partial_path(target: Path) -> Path:
    return target.with_name(target.name + ".partial")


def backup(source: str | Path, target: str | Path) -> BackupResult:
    """Copy the archive at `source` to `target` consistently; the target appears only once complete."""
    source, target = Path(source), Path(target)
    if not source.exists():
        raise BackupError(f"no archive at {source}")
    if target.resolve() == source.resolve():
        raise BackupError("the backup must go to another file than the archive")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_path(target)
    _remove(partial)  # a copy left by a backup that was killed
    try:
        version = _copy(source, partial)
        articles = _check(partial)
        _flush(partial)
        os.replace(partial, target)
        _flush_dir(target.parent)
    except (sqlite3.Error, OSError) as exc:
        _remove(partial)
        raise BackupError(f"backup failed, {target} not written: {exc}") from exc
    return BackupResult(target, articles, target.stat().st_size, version)


def _copy(source: Path, partial: Path) -> int:
    """The whole archive into `partial` in one backup step; its schema version."""
    src = sqlite3.connect(source, timeout=BUSY_MS / 1000)
    dst = sqlite3.connect(partial)
    try:
        src.execute(f"PRAGMA busy_timeout={BUSY_MS}")
        src.backup(dst, pages=-1)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        return dst.execute("PRAGMA user_version").fetchone()[0]
    finally:
        dst.close()
        src.close()


def _check(path: Path) -> int:
    """Refuse a copy that is not sound: page structure, and each FTS index against its table; its articles."""
    conn = sqlite3.connect(path)
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise BackupError(f"the copy failed its check: {result}")
        fts = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'")]
        for name in fts:
            conn.execute(f"INSERT INTO {name}({name}) VALUES ('integrity-check')")
        has_articles = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone()
        return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] if has_articles else 0
    finally:
        conn.close()


def _flush(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _flush_dir(path: Path) -> None:
    """The rename itself on disk (a directory's entry), where the platform allows it."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove(partial: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
