"""Bounds on what a command may be and on what of it is said back.

A command is a line a person types: past MAX_COMMAND_CHARS it is cut (at a word boundary) before anything
reads it, and the answer says so. Whatever of the user's text an answer repeats (the query in "Nothing
in … for “…”", an unknown desk, a link that could not be added) is cut to ECHO_CHARS, so a 100,000-
character question is never printed back whole, in Slack, the terminal or JSON.
"""

from __future__ import annotations

MAX_COMMAND_CHARS = 1000
ECHO_CHARS = 120
CUT_NOTE = f"(Your command was cut to its first {MAX_COMMAND_CHARS:,} characters.)"


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
