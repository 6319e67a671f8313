"""The command grammar: `[/desk] [topic words] [action] [argument]`, in any order a person would type.

"crime summary", "summary crime", "who is Jeri", `search "gota a gota"`. No action means summary; words
that are not an action are topic words or free text, never an error.

Some action words are everyday words too ("new", "events", "brief", "related"). An action's own name
("summary", "timeline") or a word that takes an argument ("who", "search", "find") says what the person
wants more surely than such a word, so it wins wherever it stands: "/peru new minister summary" is a
summary. "related" is the action only where the grammar puts its argument, an article's id or link
("related 42", "related <https://…>"), or alone; in "/peru gang related killings" it is a topic word.
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
_REFERENCE = re.compile(r"^<?(?:#?\d{1,12}|https?://\S+)>?$", re.I)  # what `related` takes: an id or a link


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
    position = _action_position(tokens)
    if position is not None:
        token = tokens[position][0]
        action = ACTIONS[token.lower()]
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
        others = tokens[:position] + tokens[position + 1:]
        return _with_words(Command(desk, action), others)
    return _with_words(Command(desk, "summary"), tokens)


def split_action(text: str) -> tuple[str, str]:
    """(the action `parse` reads, the text without the word that asked for it): for handlers that need the
    rest of a command as typed (a subscription's topic and schedule), read with the same grammar that says
    what the command is, so a quoted "subscribe" is a topic word everywhere, never an action somewhere."""
    tokens = tokenize(text)
    lead = 1 if tokens and not tokens[0][1] and tokens[0][0].startswith("/") else 0
    position = _action_position(tokens[lead:])
    if position is not None:
        del tokens[lead + position]
    return parse(text).action, " ".join(f'"{t}"' if quoted else t for t, quoted in tokens)


def _action_word(tokens: list[tuple[str, bool]], position: int) -> str | None:
    """The action tokens[position] asks for, or None: quoted text never does, nor "related" without an
    article to relate to ("gang related killings")."""
    token, quoted = tokens[position]
    action = None if quoted else ACTIONS.get(token.lower())
    if action == "related":
        rest = [t for t, _ in tokens[position + 1:] if t.lower() not in ("to", "of")]
        alone = len(tokens) == 1
        return action if alone or (len(rest) == 1 and _REFERENCE.match(rest[0])) else None
    return action


def _action_position(tokens: list[tuple[str, bool]]) -> int | None:
    """Where the action word is: the first action's own name or argument-taking word, else the first
    everyday-word synonym ("new", "events"), else None (a summary)."""
    found = [(i, a) for i in range(len(tokens)) if (a := _action_word(tokens, i))]
    strong = [i for i, a in found if a in REST_IS_ARGUMENT or tokens[i][0].lower() == a]
    if strong:
        return strong[0]
    return found[0][0] if found else None


def _with_words(command: Command, tokens: list[tuple[str, bool]]) -> Command:
    command.words = [t for i, (t, q) in enumerate(tokens)
                     if not q and t.lower() not in FILLER and _action_word(tokens, i) is None]
    command.phrases = [t for t, q in tokens if q]
    return command
