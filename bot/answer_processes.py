"""Answers computed in worker processes, so `newsbot serve`'s own process only reads, acks and posts.

An answer is 10-100 ms of CPU-bound Python. Computed on the listener's threads it holds the one GIL that
the HTTP server needs to ack the next command: under bench/slack.py's load (50 commands at once beside an
ingest and a digest run) ack p99 wandered from 90 to 260 ms over runs that way, past Slack's budget of
200 ms, whatever the number of threads. In worker processes the answers have their own GILs (and every
core), and the listener's thread waits on a pipe, which holds no GIL at all.

Workers are started as bot/child_process.py says (spawned, and ending with the server). Each opens its own
connection to the archive once, and loads the answer engine before the first command arrives.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from bot.answer.model import Answer
from bot.child_process import exit_with_parent, spawn_context

log = logging.getLogger("newsbot.answers")
ANSWER_TIMEOUT_S = 600.0  # far past any answer or a 5 MB article's analysis; only a stuck worker hits it
_db: Any = None  # the worker process's own archive connection


def _start_worker(db_path: str) -> None:
    """In each worker, once: open the archive and load the engine and the desks."""
    global _db
    exit_with_parent()
    from bot.answer.engine import ask  # noqa: F401 (imported now, not on the first command)
    from bot.desks import load_desks
    from storage.db import open_db

    _db = open_db(db_path)
    load_desks()


def _ask(text: str, desk: str, limit: int, offset: int) -> Answer:
    from bot.answer.engine import ask

    return ask(_db, text, desk=desk, limit=limit, offset=offset)


def _add_url(url: str) -> Any:
    from bot.ingest.service import add_url

    return add_url(_db, url)


def _ready() -> bool:
    return _db is not None


class AnswerProcesses:
    """A pool of `processes` worker processes that answer questions on the archive at `db_path`."""

    def __init__(self, db_path: str, processes: int, *, warm: bool = True) -> None:
        self.db_path, self.processes, self.warm = db_path, max(1, processes), warm
        self._lock = threading.Lock()
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        """The workers; with `warm`, started now, so the first burst of commands does not wait for a
        second's imports (else the pool starts them as work arrives: the lane that reads links, which a
        quiet desk may never use, costs no memory until then)."""
        pool = ProcessPoolExecutor(max_workers=self.processes, mp_context=spawn_context(),
                                   initializer=_start_worker, initargs=(self.db_path,))
        if self.warm:
            for ready in [pool.submit(_ready) for _ in range(self.processes)]:
                ready.result(timeout=ANSWER_TIMEOUT_S)
        return pool

    def ask(self, text: str, desk: str, *, limit: int, offset: int) -> Answer:
        """The engine's answer, computed in a worker."""
        return self._run(_ask, text, desk, limit, offset)

    def add_url(self, url: str) -> Any:
        """ingest.service.add_url in a worker (the first one loads spaCy there, not in the server)."""
        return self._run(_add_url, url)

    def _run(self, func: Callable[..., Any], *args: Any) -> Any:
        """`func(*args)` in a worker. A worker that died (killed, out of memory) breaks the pool: it is
        replaced and the call made once more, so one crash costs no answer."""
        pool = self._pool
        try:
            return pool.submit(func, *args).result(timeout=ANSWER_TIMEOUT_S)
        except BrokenProcessPool:
            log.warning("an answer process died; starting new ones")
            return self._replace(pool).submit(func, *args).result(timeout=ANSWER_TIMEOUT_S)

    def _replace(self, broken: ProcessPoolExecutor) -> ProcessPoolExecutor:
        """A fresh pool in place of `broken` (once, however many threads saw it break)."""
        with self._lock:
            if self._pool is broken:
                broken.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()
            return self._pool

    def pids(self) -> list[int]:
        """The workers' process ids (tests kill one to check that the pool recovers)."""
        return [p.pid for p in list(getattr(self._pool, "_processes", {}).values()) if p.pid]

    def shutdown(self) -> None:
        """Let answers in flight finish, then stop the workers."""
        self._pool.shutdown(wait=True)
