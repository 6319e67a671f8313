"""Opening the archive: a SQLite file in WAL mode with foreign keys, migrated to the current schema.

Several processes share one archive (`serve`, `worker`, a bulk `ingest`): every connection waits up to
BUSY_SECONDS for another's write to finish instead of failing with "database is locked", writes are
short (one article, one entry, one row per transaction), and readers never wait in WAL mode. Two
processes opening a new archive at once migrate it once: the migration runs under a file lock and
re-reads the schema version inside it.
"""

from __future__ import annotations

import fcntl
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from storage.schema import MIGRATIONS

BUSY_SECONDS = 30


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the archive at `path` and bring its schema up to date."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=BUSY_SECONDS)
    db = sqlite_utils.Database(conn)
    conn.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    if db.execute("PRAGMA user_version").fetchone()[0] < len(MIGRATIONS):
        if str(path) == ":memory:":
            migrate(db)
        else:
            with open(f"{path}.migrate-lock", "a") as lock:  # one process migrates; the others then see it done
                fcntl.flock(lock, fcntl.LOCK_EX)
                migrate(db)
    return db


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction around several statements: all of them or none, even across a crash.

    `with db.conn:` is not one: sqlite-utils' `db.execute` commits a write at once when no transaction is
    open, so the first statement of such a block (an article's row) was committed apart from the rest (its
    sentences), and a crash or a backup in between saw an article with no sentences. BEGIN IMMEDIATE takes
    the write lock first (waiting up to BUSY_SECONDS for another writer), so what the block reads is what it
    writes on. Inside a transaction already open, the block is part of it."""
    if db.conn.in_transaction:
        yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


def migrate(db: sqlite_utils.Database) -> int:
    """Apply every migration the file has not seen; return the schema version."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        with db.conn:
            db.conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
    return len(MIGRATIONS)
