"""Background jobs: a small list of named jobs, each run every so many seconds by APScheduler 3.x.

A job is `func(db, client, now)`: `db` an archive connection of the job's own thread, `client` a Slack
WebClient (None when SLACK_BOT_TOKEN is not set: the job then posts nothing), `now` an aware UTC datetime.
The job decides what is due itself (feeds keep their next poll time in the archive), so running it more
often than needed is harmless, and `newsbot worker --once` runs exactly one round of every job.

Adding a job is one call, as bot/subscriptions/jobs.py does for the digests:

    from bot.scheduler import register_job
    register_job("digests", digest_job, every_seconds=20)   # digest_job(db, client, now)

placed in the module that defines it and imported by `_load_jobs` below, so `serve`, `worker` and
`worker --once` all run it. Jobs that must not run twice at once across processes take a lease
(storage/leases.py), as the feed poll does per feed.

`newsbot serve` runs the jobs in a child process of its own (bot/answer_processes.py, `jobs=True`: the
process that also reads links), so a digest run never holds the GIL the Slack listener needs for its acks;
`newsbot worker` runs them on a BlockingScheduler, without Slack; every job's first run is at start.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

from bot.config import configure_logging
from bot.turns import release_memory
from storage.db import open_db

log = logging.getLogger("newsbot.scheduler")
JobFunc = Callable[[Any, Any, datetime], Any]


@dataclass
class Job:
    name: str
    func: JobFunc
    every_seconds: float


JOBS: dict[str, Job] = {}


def register_job(name: str, func: JobFunc, every_seconds: float) -> None:
    """Add (or replace) the job `name`, run every `every_seconds`."""
    JOBS[name] = Job(name, func, every_seconds)


def _load_jobs() -> list[Job]:
    """Import the modules that register jobs; the jobs, in registration order."""
    import bot.feeds.jobs  # noqa: F401 (registers "feeds")
    import bot.subscriptions.jobs  # noqa: F401 (registers "digests", after the poll that stores new articles)

    return list(JOBS.values())


def slack_client() -> Any:
    """A WebClient for SLACK_BOT_TOKEN (through SLACK_API_URL), or None when there is no token."""
    token = (os.environ.get("SLACK_BOT_TOKEN") or "").strip()
    if not token:
        return None
    from bot.slack_client import web_client

    return web_client(token)


def run_job(job: Job, db_path: str, client: Any, now: datetime | None = None) -> Any:
    """One run of one job on its own connection; a crash is logged and returned, never raised. The memory
    the run freed (a poll's extraction and stores, outside its parse) goes back to the system after it
    (bot/turns.py)."""
    db = open_db(db_path)
    try:
        return job.func(db, client, now or datetime.now(UTC))
    except Exception as exc:
        log.exception("job %s failed", job.name)
        return exc
    finally:
        db.conn.close()
        release_memory()


def run_once(db_path: str, client: Any = None, now: datetime | None = None) -> dict[str, Any]:
    """One round of every job, in order: name → what the job returned (an exception if it crashed)."""
    return {job.name: run_job(job, db_path, client, now) for job in _load_jobs()}


def add_jobs(scheduler: BaseScheduler, db_path: str, client: Any) -> BaseScheduler:
    for job in _load_jobs():
        scheduler.add_job(run_job, "interval", seconds=job.every_seconds, args=[job, db_path, client],
                          id=job.name, name=job.name, next_run_time=datetime.now(UTC), max_instances=1,
                          coalesce=True, misfire_grace_time=int(job.every_seconds))
    return scheduler


def start_background(db_path: str, client: Any) -> BackgroundScheduler:
    """The jobs on a background thread of this process; call .shutdown() to stop."""
    scheduler = add_jobs(BackgroundScheduler(timezone=UTC, daemon=True), db_path, client)
    scheduler.start()
    return scheduler


def run_worker(db_path: str, once: bool = False) -> int:
    """`newsbot worker`: the jobs without the Slack listener; `--once` runs one round and exits."""
    configure_logging()
    client = slack_client()
    if once:
        results = run_once(db_path, client)
        for name, result in results.items():
            for line in _report_lines(name, result):
                print(line)
        return 1 if any(isinstance(r, Exception) for r in results.values()) else 0
    scheduler = add_jobs(BlockingScheduler(timezone=UTC), db_path, client)
    signal.signal(signal.SIGTERM, lambda *_: scheduler.shutdown(wait=False))
    names = ", ".join(f"{j.name} every {j.every_seconds:g} s" for j in JOBS.values())
    print(f"newsbot worker: running {names}" + ("" if client else " (no SLACK_BOT_TOKEN: nothing is posted)"),
          flush=True)
    try:
        scheduler.start()
    except KeyboardInterrupt:
        pass
    print("newsbot worker: stopped", file=sys.stderr, flush=True)
    return 0


def _report_lines(name: str, result: Any) -> list[str]:
    if isinstance(result, Exception):
        return [f"{name}: crashed ({type(result).__name__}); see the log"]
    if isinstance(result, list) and result and hasattr(result[0], "subscription_id"):
        from bot.subscriptions.jobs import describe

        return describe(result)
    if isinstance(result, list) and result and hasattr(result[0], "line"):
        return [f"{name}: feed {r.feed_id}{' ' + r.url if r.url else ''}: {r.line()}" for r in result]
    if isinstance(result, list) and not result:
        return [f"{name}: nothing due"]
    return [f"{name}: {result}"] if result is not None else [f"{name}: done"]
