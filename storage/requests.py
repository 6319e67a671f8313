"""Signed Slack requests already handled: a replayed request (the same signature) must not run again.

A small SQLite file of its own beside the archive (`newsbot.db` → `newsbot.db.requests`): the check is a
write in every ack, and in the archive it would wait behind an ingest's transaction; in a file it is a few
microseconds, and every process serving the port (NEWSBOT_REUSE_PORT) shares it, so a replay sent to
another process is caught too. Rows expire: a signature is only valid for Slack's five minutes anyway.
(Deliveries and clicks the listeners act on once are the archive's `handled` table: handlers/reply.SeenOnce.)
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, expires REAL NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS seen_expires ON seen(expires);
"""


def ledger_path(db_path: str | Path) -> str:
    """Where the ledger of an archive lives; in memory for an in-memory archive."""
    return ":memory:" if str(db_path) == ":memory:" else f"{db_path}.requests"


class Ledger:
    """`first_time(key, seconds)`: True the first time a key is seen within its lifetime, False after."""

    def __init__(self, path: str) -> None:
        self._conn = sqlite3.connect(path, check_same_thread=False, timeout=5, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(SCHEMA)
        self._lock = threading.Lock()

    def first_time(self, key: str, seconds: float) -> bool:
        """Record `key` for `seconds`; whether it was new. Expired rows go in the same transaction."""
        now = time.time()
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.execute("DELETE FROM seen WHERE expires < ?", [now])
                added = self._conn.execute("INSERT OR IGNORE INTO seen (key, expires) VALUES (?, ?)",
                                           [key, now + seconds]).rowcount
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
        return added == 1

    def close(self) -> None:
        self._conn.close()
