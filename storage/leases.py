"""Leases: a named job (a feed's poll, a subscription's digest) held by one process at a time.

A lease is a row with an expiry, taken in one statement, so two processes racing for it cannot both win,
and a holder that dies (kill -9) frees it when the expiry passes instead of blocking the job for ever.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils

_HOLDER = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def holder_id() -> str:
    """This process and thread, as a lease holder (threads of one process must not share a lease)."""
    return f"{_HOLDER}:{threading.get_ident()}"


def acquire(db: sqlite_utils.Database, name: str, seconds: float, holder: str | None = None) -> bool:
    """Take the lease `name` for `seconds` unless someone else holds an unexpired one; True if taken."""
    holder = holder or holder_id()
    now = time.time()
    with db.conn:
        cursor = db.execute(
            "INSERT INTO leases (name, holder, until) VALUES (?, ?, ?)"
            " ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, until = excluded.until"
            " WHERE leases.until < ? OR leases.holder = excluded.holder",
            [name, holder, now + seconds, now],
        )
    return cursor.rowcount == 1


def release(db: sqlite_utils.Database, name: str, holder: str | None = None) -> None:
    """Give the lease back (only if we still hold it)."""
    with db.conn:
        db.execute("DELETE FROM leases WHERE name = ? AND holder = ?", [name, holder or holder_id()])


@contextmanager
def leased(db: sqlite_utils.Database, name: str, seconds: float) -> Iterator[bool]:
    """`with leased(db, "feed:3", 300) as mine:` — mine is False when another process holds it."""
    holder = holder_id()
    mine = acquire(db, name, seconds, holder)
    try:
        yield mine
    finally:
        if mine:
            release(db, name, holder)
