"""Leases: a named job (a feed's poll, a subscription's digest) held by one process at a time.

A lease is a row with an expiry, taken in one statement, so two processes racing for it cannot both win,
and a holder that dies (kill -9) frees it when the expiry passes instead of blocking the job for ever — or
at once, when the holder was a process on this machine that no longer exists (a rerun after a crash
must not wait out the lease of the process it replaces).
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

from storage.db import transaction

_HOLDER = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def holder_id() -> str:
    """This process and thread, as a lease holder (threads of one process must not share a lease)."""
    return f"{_HOLDER}:{threading.get_ident()}"


def acquire(db: sqlite_utils.Database, name: str, seconds: float, holder: str | None = None) -> bool:
    """Take the lease `name` for `seconds` unless someone else holds an unexpired one; True if taken."""
    holder = holder or holder_id()
    now = time.time()
    with transaction(db):
        cursor = db.execute(
            "INSERT INTO leases (name, holder, until) VALUES (?, ?, ?)"
            " ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, until = excluded.until"
            " WHERE leases.until < ? OR leases.holder = excluded.holder OR leases.holder = ?",
            [name, holder, now + seconds, now, _dead_holder(db, name) or ""],
        )
    return cursor.rowcount == 1


def _dead_holder(db: sqlite_utils.Database, name: str) -> str | None:
    """The lease's holder when it was a process on this host that has gone (its pid is not running)."""
    row = db.execute("SELECT holder FROM leases WHERE name = ?", [name]).fetchone()
    if not row:
        return None
    host, _, rest = str(row[0]).partition(":")
    pid = rest.split(":")[0]
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return str(row[0])
    except OSError:  # alive, but not ours to signal
        return None
    return None


def release(db: sqlite_utils.Database, name: str, holder: str | None = None) -> None:
    """Give the lease back (only if we still hold it)."""
    with transaction(db):
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
