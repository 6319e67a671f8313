"""Opening the archive: a SQLite file in WAL mode with foreign keys, migrated to the current schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from storage.schema import MIGRATIONS


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the archive at `path` and bring its schema up to date."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
    db = sqlite_utils.Database(conn)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    migrate(db)
    return db


def migrate(db: sqlite_utils.Database) -> int:
    """Apply every migration the file has not seen; return the schema version."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        with db.conn:
            db.conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
    return len(MIGRATIONS)
