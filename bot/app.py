"""The Bolt App factory: one App per process, wired to the archive and to Slack's Web API.

HTTP mode runs with `process_before_response=True`: each listener only acks (fast, no database),
and the real work (answering, ingesting, posting) runs in a lazy listener on a bounded thread pool.
That keeps the ack well inside Slack's 3 s whatever the archive size, and gives every worker thread
its own SQLite connection (sqlite3 connections must stay on the thread that opened them).
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import ThreadPoolExecutor

from bot.newsroom import NewsbotApp, Newsroom
from bot.slack_client import web_client

# Lazy-listener threads. Under `newsbot serve` they wait on the answer processes, so they cost the GIL
# little; computing answers themselves (tests, answer_processes=0) more threads would only add rivals for
# the GIL each ack must win back (bench/README.md: 8 threads gave ack p99 125-325 ms, 4 gave 127-164 ms).
WORKERS = int(os.environ.get("NEWSBOT_WORKERS", "4"))


class _ClientOverToken(logging.Filter):
    """Bolt warns that SLACK_BOT_TOKEN is unused when a client is given; ours carries that very token."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


class _OneLineUnhandled(logging.Filter):
    """Bolt follows "Unhandled request (...)" with a multi-line code suggestion for the developer; the
    server answers such a request 200 and does nothing (bot/serve.py), and the log keeps one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith("Unhandled request"):
            record.msg, record.args = message.split("\n", 1)[0][:300], ()
        return True


logging.getLogger("slack_bolt.App").addFilter(_ClientOverToken())
logging.getLogger("slack_bolt.App").addFilter(_OneLineUnhandled())


def create_app(
    *,
    db_path: str,
    token: str,
    signing_secret: str,
    socket_mode: bool = False,
    base_url: str | None = None,
    token_verification: bool = True,
    answer_processes: int = 0,
) -> NewsbotApp:
    """Build the App and register every handler group.

    `token_verification` calls auth.test at start-up, so a wrong SLACK_BOT_TOKEN fails here with
    Slack's reason instead of on the first slash command. `answer_processes` > 0 computes answers in
    that many worker processes (bot/answer_processes.py); 0 computes them on the listener's threads.
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
    if answer_processes > 0:
        from bot.answer_processes import AnswerProcesses

        app.newsroom.answers = AnswerProcesses(db_path, answer_processes)
    app.executor = executor
    from handlers import actions, commands, events, shortcuts, views

    for group in (commands, actions, shortcuts, events, views):
        group.register(app)
    return app
