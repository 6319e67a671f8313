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


def migrate(db: sqlite_utils.Database) -> int:
    """Apply every migration the file has not seen; return the schema version."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        with db.conn:
            db.conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
    return len(MIGRATIONS)
