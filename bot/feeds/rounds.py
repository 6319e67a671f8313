"""A round of polls: every due feed (the scheduler's job) or the feeds named on the command line.

Feeds are fetched by a few threads (NEWSBOT_POLL_THREADS), ordered so consecutive feeds are on different
hosts: the per-host gate then keeps each site to one request at a time while other sites proceed. Each
thread has its own connection to the archive (sqlite3 connections stay on their thread).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from bot.feeds.politeness import host_of
from bot.feeds.poll import PollResult, iso, poll_feed
from bot.feeds.settings import poll_threads
from storage import feeds as store
from storage.db import open_db


def interleave_by_host(feeds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """a1 b1 c1 a2 b2 a3 ...: round-robin over hosts, each host's feeds in their order."""
    by_host: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for feed in feeds:
        by_host[host_of(feed["url"])].append(feed)
    queues = list(by_host.values())
    ordered = []
    for depth in range(max((len(q) for q in queues), default=0)):
        ordered += [q[depth] for q in queues if depth < len(q)]
    return ordered


def db_file(db: sqlite_utils.Database) -> str | None:
    """The archive's file, for opening one connection per thread; None for an in-memory archive."""
    row = db.execute("PRAGMA database_list").fetchone()
    return row[2] or None


def poll_feeds(
    db: sqlite_utils.Database, feed_ids: Iterable[int], client: Any = None, now: datetime | None = None
) -> list[PollResult]:
    """Poll the given feeds now, in the given order's host interleaving; results in the given order."""
    ids = list(dict.fromkeys(feed_ids))
    feeds = [f for f in (store.get_feed(db, i) for i in ids) if f]
    order = [f["id"] for f in interleave_by_host(feeds)] + [i for i in ids if i not in {f["id"] for f in feeds}]
    path, threads = db_file(db), min(poll_threads(), len(order))
    if threads <= 1 or path is None:
        results = {i: poll_feed(db, i, now, client) for i in order}
    else:
        local = threading.local()

        def one(feed_id: int) -> PollResult:
            if getattr(local, "db", None) is None:
                local.db = open_db(path)
            return poll_feed(local.db, feed_id, now, client)

        with ThreadPoolExecutor(threads, thread_name_prefix="newsbot-poll") as pool:
            results = dict(zip(order, pool.map(one, order), strict=True))
    return [results[i] for i in ids]


def poll_due(db: sqlite_utils.Database, client: Any = None, now: datetime | None = None) -> list[PollResult]:
    """The scheduler's feed job: poll every active feed whose next poll time has come."""
    now = now or datetime.now(UTC)
    return poll_feeds(db, [f["id"] for f in store.due_feeds(db, iso(now))], client, now)
