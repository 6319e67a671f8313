"""The command grammar: `[/desk] [topic words] [action] [argument]`, in any order a person would type.

"crime summary", "summary crime", "who is Jeri", `search "gota a gota"`. No action means summary; words
that are not an action are topic words or free text, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ACTIONS = {
    "summary": "summary", "summarize": "summary", "summarise": "summary", "overview": "summary",
    "brief": "summary", "facts": "facts", "figures": "facts", "numbers": "facts", "stats": "facts",
    "statistics": "facts", "timeline": "timeline", "dates": "timeline", "chronology": "timeline",
    "events": "timeline", "quotes": "quotes", "quote": "quotes", "said": "quotes", "who": "who",
    "search": "search", "find": "search", "latest": "latest", "new": "latest", "recent": "latest",
    "help": "help", "add": "add", "subscribe": "subscribe", "unsubscribe": "unsubscribe",
    "subscriptions": "subscriptions", "feeds": "feeds", "related": "related",
}
REST_IS_ARGUMENT = {"who", "search", "add", "subscribe", "unsubscribe", "feeds", "related"}
FILLER = {"is", "was", "are", "the", "about", "on", "for", "me", "show", "give", "what", "of", "in"}
_TOKEN = re.compile(r'"([^"]*)"?|“([^”]*)”?|(\S+)')


@dataclass
class Command:
    desk: str | None  # a desk name from the text ("/peru ..."), or None for the caller's default
    action: str
    words: list[str] = field(default_factory=list)  # topic words and free text, as typed
    phrases: list[str] = field(default_factory=list)  # quoted phrases, kept whole
    argument: str = ""  # for who / search / add: everything after the action word

    @property
    def query(self) -> str:
        return " ".join([*self.words, *(f'"{p}"' for p in self.phrases)]) or self.argument


def tokenize(text: str) -> list[tuple[str, bool]]:
    """Words and quoted phrases (straight or curly quotes; an unclosed quote runs to the end)."""
    tokens = []
    for match in _TOKEN.finditer(text.strip()):
        phrase = match.group(1) if match.group(1) is not None else match.group(2)
        if phrase is not None:
            if phrase.strip():
                tokens.append((" ".join(phrase.split()), True))
        else:
            tokens.append((match.group(3), False))
    return tokens


def parse(text: str) -> Command:
    tokens = tokenize(text)
    desk = None
    if tokens and not tokens[0][1] and tokens[0][0].startswith("/"):
        desk = tokens.pop(0)[0][1:].lower() or None
    for position, (token, quoted) in enumerate(tokens):
        action = None if quoted else ACTIONS.get(token.lower())
        if action in REST_IS_ARGUMENT:
            rest = tokens[position + 1:]
            keep_all = action in ("add", "feeds", "related")
            words = [t for t, q in rest if not q and (keep_all or t.lower() not in FILLER)]
            phrases = [t for t, q in rest if q]
            before = [t for t, q in tokens[:position] if not q]
            argument = " ".join(t for t, q in rest if q or keep_all or t.lower() not in FILLER)
            if action == "who":  # "who is the Cartel of the Suns": fillers go only before the name
                while rest and not rest[0][1] and rest[0][0].lower() in FILLER:
                    rest = rest[1:]
                argument = " ".join(t for t, _ in rest)
            return Command(desk, action, before + words, phrases, argument)
        if action:
            others = tokens[:position] + tokens[position + 1:]
            return _with_words(Command(desk, action), others)
    return _with_words(Command(desk, "summary"), tokens)


def _with_words(command: Command, tokens: list[tuple[str, bool]]) -> Command:
    command.words = [t for t, q in tokens if not q and t.lower() not in FILLER and ACTIONS.get(t.lower()) is None]
    command.phrases = [t for t, q in tokens if q]
    return command
