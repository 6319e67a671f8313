"""The Bolt App factory: one App per process, wired to the archive and to Slack's Web API.

HTTP mode runs with `process_before_response=True`: each listener only acks (fast, no database),
and the real work (answering, ingesting, posting) runs in a lazy listener on a bounded thread pool.
That keeps the ack well inside Slack's 3 s whatever the archive size, and gives every worker thread
its own SQLite connection (sqlite3 connections must stay on the thread that opened them).
"""

from __future__ import annotations

import logging
import os
import ssl
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import Any

from slack_bolt import App
from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.web import WebClient

DEFAULT_API_URL = "https://slack.com/api/"
WORKERS = int(os.environ.get("NEWSBOT_WORKERS", "8"))  # lazy-listener threads; more only fight over the GIL


def api_url() -> str:
    """SLACK_API_URL, or Slack's own; always with the trailing slash WebClient expects."""
    url = os.environ.get("SLACK_API_URL") or DEFAULT_API_URL
    return url if url.endswith("/") else url + "/"


def retry_handlers() -> list[RetryHandler]:
    """429 (honouring Retry-After), 500/503 and dropped connections are retried; nothing else is."""
    return [
        ConnectionErrorRetryHandler(max_retry_count=2),
        RateLimitErrorRetryHandler(max_retry_count=3),
        ServerErrorRetryHandler(max_retry_count=2),
    ]


@lru_cache(maxsize=1)
def tls_context() -> ssl.SSLContext:
    """One TLS context for the response_url posts: without it urllib builds one per HTTPS request,
    loading the CA store each time (tens of ms of CPU per answer posted to hooks.slack.com).
    (Not on the WebClient: Bolt deep-copies the per-request client, and an SSLContext cannot be.)"""
    return ssl.create_default_context()


def web_client(token: str | None, base_url: str | None = None) -> WebClient:
    """A WebClient pointed at SLACK_API_URL with the retry handlers installed."""
    return WebClient(token=token, base_url=base_url or api_url(), timeout=10, retry_handlers=retry_handlers())


class Newsroom:
    """What the handlers need from the process: the archive (one connection per thread) and desks."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self._local = threading.local()
        self._desks: dict[str, Any] | None = None
        self._lock = threading.Lock()

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

    def default_desk(self) -> str:
        """The desk for an @mention or the App Home help: the one seeds/desks.toml marks default."""
        desks = self.desks()
        marked = [name for name, desk in desks.items() if getattr(desk, "default", False)]
        return (marked or list(desks) or ["news"])[0]


class _ClientOverToken(logging.Filter):
    """Bolt warns that SLACK_BOT_TOKEN is unused when a client is given; ours carries that very token."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


logging.getLogger("slack_bolt.App").addFilter(_ClientOverToken())


class NewsbotApp(App):
    """A Bolt App that carries its Newsroom, so listeners (and their lazy halves) can reach it."""

    newsroom: Newsroom
    executor: ThreadPoolExecutor  # the lazy listeners' pool, drained on shutdown so no answer is lost


def create_app(
    *,
    db_path: str,
    token: str,
    signing_secret: str,
    socket_mode: bool = False,
    base_url: str | None = None,
    token_verification: bool = True,
) -> NewsbotApp:
    """Build the App and register every handler group.

    `token_verification` calls auth.test at start-up, so a wrong SLACK_BOT_TOKEN fails here with
    Slack's reason instead of on the first slash command.
    """
    executor = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="newsbot")
    app = NewsbotApp(
        client=web_client(token, base_url),
        signing_secret=signing_secret or None,
        process_before_response=not socket_mode,
        request_verification_enabled=not socket_mode,
        token_verification_enabled=token_verification,
        listener_executor=executor,
    )
    app.newsroom = Newsroom(db_path)
    app.executor = executor
    from handlers import actions, commands, events, shortcuts, views

    for group in (commands, actions, shortcuts, events, views):
        group.register(app)
    return app
