"""Which sentences may be a digest's line of what is new: not a headline again, not a word to the reader.

A story's summary line is read right under its headlines: a sentence that says the headline again (wire
copy and Timeline17 open with it) wastes the line, and a call-out ("Share your thoughts by sending us a
response …", "If you have been to Mexico, what was the reaction?") or a note on reader comments is no
news at all. The rules are a table, one pattern a kind of line.
"""

from __future__ import annotations

import re

from bot.extract.names import fold

REPEAT_SHARE = 0.8  # of the shorter one's words: a sentence sharing this many with a headline repeats it
REPEAT_RUN = 6  # or this many of the headline's words in a row (a headline cut from the lead, a dateline before)
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")
_WORD = re.compile(r"\w+")
TO_THE_READER = (  # (pattern over the sentence outside its quotes, what it is)
    (re.compile(r"\?\s*$"), "a question (to the reader, or rhetorical)"),
    (re.compile(r"\b(share|send|tell|email|e-mail|post|upload|join|follow|comment|contact|click|sign up|log(ging)? "
                r"on|let us know|get in touch)\b.*\b(you|your|us)\b|\b(you|your)\b.*\b(share|send|tell|email|"
                r"e-mail|post|upload|comment|contact|click|sign up|log(ging)? on|let us know|get in touch)\b",
                re.I), "a call-out to readers"),
    (re.compile(r"\b(have your say|your (comments|views|thoughts|experiences?|pictures|photos)|readers'? "
                r"(comments|views)|comment on this (blog|article|story|post))\b", re.I), "reader comments"),
)


def to_the_reader(sentence: str) -> str | None:
    """What kind of word to the reader the sentence is, or None for a sentence of news."""
    said = _QUOTED.sub(" ", sentence).strip()
    return next((kind for pattern, kind in TO_THE_READER if pattern.search(said)), None)


def repeats(sentence: str, headline: str) -> bool:
    """Whether the sentence says the headline again: most of the shorter one's words are the other's, or
    REPEAT_RUN of the headline's words stand in a row in the sentence."""
    said, head = _WORD.findall(fold(sentence)), _WORD.findall(fold(headline))
    a, b = set(said), set(head)
    if a and b and len(a & b) >= REPEAT_SHARE * min(len(a), len(b)):
        return True
    runs = {tuple(head[i:i + REPEAT_RUN]) for i in range(len(head) - REPEAT_RUN + 1)}
    return any(tuple(said[i:i + REPEAT_RUN]) in runs for i in range(len(said) - REPEAT_RUN + 1))


def newsworthy(sentence: str, headlines: list[str]) -> bool:
    """A line worth showing under these headlines: no repeat of one, no word to the reader."""
    return to_the_reader(sentence) is None and not any(repeats(sentence, h) for h in headlines if h)
