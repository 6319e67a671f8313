"""Which sentences may be a digest's line of what is new: not a headline again, not a word to the reader.

A story's summary line is read right under its headlines: a sentence that says the headline again (wire
copy and Timeline17 open with it) wastes the line, and a call-out ("Share your thoughts by sending us a
response …", "If you have been to Mexico, what was the reaction?") or a note on reader comments is no
news at all. Nor is a reader's reply under a page that asked for them ("What are your concerns about the
virus?" and, below it, "The reality is around 10,000 die each year …"), nor two texts run together where a
plain-text page lost the break between them (a pull quote or caption before a sentence: "… come in with
traumatic injuries The procedure is considered …"). The rules are a table, one pattern a kind of line.
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


# A page that asks its readers for their views, by a question or a request (outside quotes: a minister who
# "shares your concerns" asks nobody): what follows it on the page is their replies.
ASKS_READERS = re.compile(r"^(?:(?:send|tell|share|email|e-mail|post|let us know|give)\b.*|.*\?\s*)$", re.I | re.S)
YOUR_VIEWS = re.compile(r"\byour (concerns|views|thoughts|experiences?|comments|stories|reactions?|opinions?)\b|"
                        r"\bhave your say\b", re.I)
# Two texts run together: a lower-case word, no stop, then a capitalised word that opens sentences, never
# follows a word mid-sentence ("injuries The procedure", "amputations A lack of"), then a lower-case word.
RUN_TOGETHER = re.compile(r"\b[a-z]{2,}[a-z']* (?:(?:The|This|These|Those|It|He|She|They|We|There|But|His|Her|Their) "
                          r"[a-z]|A [a-z]{4,})")


def to_the_reader(sentence: str) -> str | None:
    """What kind of word to the reader the sentence is, or None for a sentence of news."""
    said = _QUOTED.sub(" ", sentence).strip()
    found = next((kind for pattern, kind in TO_THE_READER if pattern.search(said)), None)
    if found is None and RUN_TOGETHER.search(said):
        return "two texts run together (a pull quote or caption before the sentence)"
    return found


def replies_after(sentences: dict[int, str]) -> int | None:
    """Where readers' replies begin on a page: the position of its first sentence asking readers for their
    views (every later sentence may be a reply), or None for a page that asks for none."""
    for i, text in sorted(sentences.items()):
        said = _QUOTED.sub(" ", text).strip()
        if YOUR_VIEWS.search(said) and ASKS_READERS.match(said):
            return i
    return None


class Headlines:
    """A story's headlines, split into words once: each candidate line is checked against all of them."""

    def __init__(self, titles: list[str]) -> None:
        heads = [_WORD.findall(fold(t)) for t in titles if t]
        self.sets = [set(h) for h in heads if h]
        self.runs = {tuple(h[i:i + REPEAT_RUN]) for h in heads for i in range(len(h) - REPEAT_RUN + 1)}

    def repeated_by(self, sentence: str) -> bool:
        """Whether the sentence says a headline again: most of the shorter one's words are the other's, or
        REPEAT_RUN of a headline's words stand in a row in the sentence."""
        said = _WORD.findall(fold(sentence))
        words = set(said)
        if any(words and len(words & h) >= REPEAT_SHARE * min(len(words), len(h)) for h in self.sets):
            return True
        return any(tuple(said[i:i + REPEAT_RUN]) in self.runs for i in range(len(said) - REPEAT_RUN + 1))


def newsworthy(sentence: str, headlines: Headlines) -> bool:
    """A line worth showing under these headlines: no repeat of one, no word to the reader."""
    return to_the_reader(sentence) is None and not headlines.repeated_by(sentence)
