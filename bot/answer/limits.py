"""Bounds on what a command may be, on what of it is said back, and on what answering it may cost.

A command is a line a person types: past MAX_COMMAND_CHARS it is cut (at a word boundary) before anything
reads it, and the answer says so. Whatever of the user's text an answer repeats (the query in "Nothing
in … for “…”", an unknown desk, a link that could not be added) is cut to ECHO_CHARS, so a 100,000-
character question is never printed back whole, in Slack, the terminal or JSON.

A question's cost is bounded too: at most MAX_TERMS different words and MAX_PREFIX_TERMS words ending in `*`
(each one a scan of the index: `search a* a* …` with 333 of them once took 116 s of CPU, about 4x per
doubling), and at most NEWSBOT_ANSWER_SECONDS of SQLite work per answer (`time_limit`). Each limit is
answered with one short sentence that says which, never with a wait.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

from bot.words import DEFAULT, say

MAX_COMMAND_CHARS = 1000
ECHO_CHARS = 120


def cap_command(text: str | None) -> tuple[str, bool]:
    """(the command, cut?): at most MAX_COMMAND_CHARS, cut at the last space when there is one nearby."""
    text = (text or "").replace("\x00", " ")
    if len(text) <= MAX_COMMAND_CHARS:
        return text, False
    cut = text[:MAX_COMMAND_CHARS]
    space = cut.rfind(" ")
    return (cut[:space] if space > MAX_COMMAND_CHARS * 0.8 else cut).rstrip(), True


def echo(text: str | None, limit: int = ECHO_CHARS) -> str:
    """The user's text as an answer repeats it: whole when short, else its start and an ellipsis."""
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


MAX_TERMS = 24
MAX_PREFIX_TERMS = 4
PROGRESS_STEPS = 1000  # SQLite VM instructions between looks at the clock


def cut_note(language: str = DEFAULT) -> str:
    """The context line of an answer to a command cut at MAX_COMMAND_CHARS."""
    return say("cut_note", language, chars=f"{MAX_COMMAND_CHARS:,}")


def too_costly(terms: list[str], language: str = DEFAULT) -> str | None:
    """Why a question with these words (and quoted phrases) is not run, or None: at most MAX_PREFIX_TERMS
    ending in `*`, each counted (333 times `a*` took 46 s inside one FTS5 call, where no clock can stop it),
    and at most MAX_TERMS different ones (a plain word typed again costs next to nothing)."""
    distinct = {t.lower() for t in terms}
    prefixes = sum(1 for t in terms if t.endswith("*"))
    if prefixes > MAX_PREFIX_TERMS:
        return say("too_many_prefixes", language, count=prefixes, most=MAX_PREFIX_TERMS)
    if len(distinct) > MAX_TERMS:
        return say("too_many_words", language, count=len(distinct), most=MAX_TERMS)
    return None


def answer_seconds() -> float:
    """The most SQLite work one answer may take: NEWSBOT_ANSWER_SECONDS, 10 s."""
    return float(os.environ.get("NEWSBOT_ANSWER_SECONDS") or 10.0)


class TooSlow(Exception):
    """An answer's SQLite work ran past answer_seconds() and was interrupted."""


@contextmanager
def time_limit(conn: sqlite3.Connection, seconds: float) -> Iterator[None]:
    """Interrupt SQLite work on `conn` that runs past `seconds` (its progress handler), as TooSlow."""
    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), PROGRESS_STEPS)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc) and time.monotonic() > deadline:
            raise TooSlow(str(exc)) from exc
        raise
    finally:
        conn.set_progress_handler(None, 0)


def too_slow(seconds: float, language: str = DEFAULT) -> str:
    """The answer when time_limit cut a question short."""
    return say("too_slow", language, seconds=f"{seconds:g}")
