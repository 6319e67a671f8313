"""Answers computed in worker processes, so `newsbot serve`'s own process only reads, acks and posts.

An answer is 10-100 ms of CPU-bound Python. Computed on the listener's threads it holds the one GIL that
the HTTP server needs to ack the next command: under bench/slack.py's load (50 commands at once beside an
ingest and a digest run) ack p99 wandered from 90 to 260 ms over runs that way, past Slack's budget of
200 ms, whatever the number of threads. In worker processes the answers have their own GILs (and every
core), and the listener's thread waits on a pipe, which holds no GIL at all.

Workers are started as bot/child_process.py says (spawned, and ending with the server). Each opens its own
connection to the archive once, and loads the answer engine before the first command arrives.

The lane that reads links (`/peru add`: fetch, then spaCy) is the jobs process (`jobs=True`): one worker that
also runs the scheduler (feed polls, digests) on its threads. Both parse articles, so they share one spaCy
pipeline: a lane of its own loaded a second copy of it, +217 MB for as long as it lived (bench/README.md).
A link is read on the worker's main thread while a poll runs on the scheduler's: neither waits for the other's
fetches, and their parses take turns, with each other and with the digests (bot/turns.py).
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
JOBS_STOP_S = 10.0  # how long a stopping server waits for the jobs process, which may be mid-poll
_db: Any = None  # the worker process's own archive connection


def _start_worker(db_path: str, jobs: bool = False) -> None:
    """In each worker, once: open the archive and load the engine and the desks; with `jobs`, start the
    scheduler's jobs on this process's threads (bot/scheduler.py)."""
    global _db
    exit_with_parent()
    from bot.answer.engine import ask  # noqa: F401 (imported now, not on the first command)
    from bot.desks import load_desks
    from storage.db import open_db

    _db = open_db(db_path)
    load_desks()
    if jobs:
        from bot.config import configure_logging
        from bot.scheduler import slack_client, start_background

        configure_logging()
        start_background(db_path, slack_client())


def _ask(text: str, desk: str, limit: int, offset: int) -> Answer:
    from bot.answer.engine import ask

    return ask(_db, text, desk=desk, limit=limit, offset=offset)


def _add_url(url: str) -> Any:
    from bot.ingest.service import add_url

    return add_url(_db, url)


def _ready() -> bool:
    return _db is not None


class AnswerProcesses:
    """A pool of `processes` worker processes that answer questions on the archive at `db_path`; with
    `jobs`, the one process that also runs the scheduler's jobs and reads links."""

    def __init__(self, db_path: str, processes: int, *, jobs: bool = False) -> None:
        self.db_path, self.processes, self.jobs = db_path, 1 if jobs else max(1, processes), jobs
        self._lock = threading.Lock()
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        """The workers, started now: the first burst of commands does not wait for a second's imports, and
        the jobs' first round runs at start, so "listening" means the whole server is up. A jobs process
        that died is replaced here too (on the next link read), its scheduler with it."""
        pool = ProcessPoolExecutor(max_workers=self.processes, mp_context=spawn_context(),
                                   initializer=_start_worker, initargs=(self.db_path, self.jobs))
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
        """Let answers in flight finish, then stop the workers. The jobs process may be in the middle of a
        poll, which it finishes on its way out (nothing is lost either way: a poll is idempotent); the server
        waits JOBS_STOP_S for it, then stops it."""
        if not self.jobs:
            self._pool.shutdown(wait=True)
            return
        processes = list(getattr(self._pool, "_processes", {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(timeout=JOBS_STOP_S)
            if process.is_alive():
                process.terminate()
