"""What a Slack listener needs from the process: the archive, one connection per thread, and the desks.

Its own module so that handlers/ never import bot/app.py (which imports handlers/ to register them), as
the Bolt starter template keeps listeners free of app.py.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App

# Threads that wait on reads of links (`add`, the shortcut, `feeds add`): their own, so that pages which
# answer a byte a second hold these and never the lazy listeners' threads that answer questions.
LINK_THREADS = 2


class Newsroom:
    """What the handlers need from the process: the archive (one connection per thread) and desks.

    Two lanes: questions, and reads of links. A link is fetched (up to the fetcher's deadline) and analysed
    by spaCy; a question takes milliseconds. Sharing one lane, four adds of a page that drips a byte a
    second kept another member's `crime summary` waiting 118 s. Reads of links run on their own threads
    (`read_links`) and, under `newsbot serve`, in the jobs process (`links`: it has spaCy loaded for the
    feeds already), never in the answer processes, so neither waits on the other.
    """

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self._local = threading.local()
        self._desks: dict[str, Any] | None = None
        self._lock = threading.Lock()
        self.answers: Any = None  # bot.answer_processes.AnswerProcesses under `newsbot serve`
        self.links: Any = None  # the same, the jobs process, which reads links, under `newsbot serve`
        self._link_threads = ThreadPoolExecutor(max_workers=LINK_THREADS, thread_name_prefix="newsbot-links")

    def read_links(self, job: Callable[[], None]) -> None:
        """Run `job` (a handler's whole work for a command that reads a link) in the links' lane."""
        self._link_threads.submit(job)

    def ask(self, text: str, desk: str, *, limit: int, offset: int = 0) -> Any:
        """The engine's Answer: from the answer processes when the server has them (the links' process for
        a command that reads a link: `add`, `feeds add`), else on this thread."""
        from bot.intent import intent_of

        pool = self.links if self.links is not None and intent_of(text).reads_link else self.answers
        if pool is not None:
            return pool.ask(text, desk, limit=limit, offset=offset)
        from bot.answer.engine import ask

        return ask(self.db(), text, desk=desk, limit=limit, offset=offset)

    def add_url(self, url: str) -> Any:
        """Fetch, analyse and store one link (an ingest.service AddResult) in the jobs process: the
        analysis is CPU-bound spaCy work that would otherwise hold the GIL the acks need, and the fetch may
        take the fetcher's whole deadline, which no question should wait behind."""
        pool = self.links if self.links is not None else self.answers
        if pool is not None:
            return pool.add_url(url)
        from bot.ingest.service import add_url

        return add_url(self.db(), url)

    def shutdown(self) -> None:
        """Let reads of links and answers in flight finish, then stop their processes."""
        self._link_threads.shutdown(wait=True)
        for pool in (self.links, self.answers):
            if pool is not None:
                pool.shutdown()

    def db(self) -> Any:
        """This thread's connection to the archive, opened (and migrated) on first use."""
        db = getattr(self._local, "db", None)
        if db is None:
            from storage.db import open_db

            db = self._local.db = open_db(self.db_path)
        return db

    def desks(self) -> dict[str, Any]:
        """The desks from seeds/ (name → Desk), loaded once."""
        with self._lock:
            if self._desks is None:
                from bot.desks import load_desks

                self._desks = dict(load_desks())
            return self._desks

    def desk_title(self, name: str) -> str:
        desk = self.desks().get(name)
        return str(getattr(desk, "title", None) or name.capitalize())

    def language(self, name: str | None) -> str:
        """The language of the bot's words on a desk (by name or command): seeds/desks.toml's `language`."""
        desk = self.desks().get((name or self.default_desk()).lstrip("/").lower())
        return str(getattr(desk, "language", None) or "en")

    def default_desk(self) -> str:
        """The desk for an @mention or the App Home help: the one seeds/desks.toml marks default."""
        desks = self.desks()
        marked = [name for name, desk in desks.items() if getattr(desk, "default", False)]
        return (marked or list(desks) or ["news"])[0]


class NewsbotApp(App):
    """A Bolt App that carries its Newsroom, so listeners (and their lazy halves) can reach it."""

    newsroom: Newsroom
    executor: ThreadPoolExecutor  # the lazy listeners' pool, drained on shutdown so no answer is lost
