"""What a command from Slack is, and who may run it, read once.

The editor check and the handler that acts must read the same command: when the check read
`" subscribe crime " subscriptions` as the harmless list and the handler then found the bare word
`subscribe` in the raw text, a non-editor could subscribe channels. `intent_of` parses once with the
command grammar (bot/answer/grammar.py); handlers route on `Intent.kind` and check `Intent.change`.

`writes` says whether running the command stores or changes anything (an editor's change, or `add`):
a button's value is a page of an answer, never such a command (handlers/actions.py refuses it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answer.grammar import parse, split_action
from bot.editors import FACT_CHANGE
from bot.ingest.links import web_link

FEED_CHANGES = {"add", "remove", "delete", "rm"}
SUBSCRIPTIONS = ("subscribe", "unsubscribe", "subscriptions")
_FACT = re.compile(r"^\s*facts\s+(show|fix|hide)\b(?:\s+#?(\d{1,12})\b)?(.*)$", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Intent:
    kind: str  # "add", "fact" (facts show|fix|hide ID), "subscription", or "ask" (the engine answers)
    action: str  # the grammar's action; for "fact" the verb (show, fix, hide)
    rest: str = ""  # add: what follows `add`; subscription: the text without its action word; fact: after the id
    change: str | None = None  # what an editors-only change it is, in words for the refusal; None: anyone may
    fact_id: int | None = None

    @property
    def link_refused(self) -> bool:
        """It asks to read something that is not a web link (`add /etc/passwd`, `feeds add file:…`): refused
        with bot.ingest.links.ONLY_WEB_LINKS before anything is read."""
        if self.kind == "add":
            return bool(self.rest.strip()) and web_link(self.rest) is None
        words = self.rest.split(maxsplit=1) if self.action == "feeds" else []
        return len(words) == 2 and words[0].lower() == "add" and web_link(words[1]) is None

    @property
    def reads_link(self) -> bool:
        """It fetches a web link (`add https://…`, `feeds add https://…`): slow, so it has its own lane."""
        words = self.rest.split(maxsplit=1) if self.action == "feeds" else []
        following = len(words) == 2 and words[0].lower() == "add"
        return (self.kind == "add" or following) and not self.link_refused and bool(self.rest.strip())

    @property
    def writes(self) -> bool:
        """Running it stores or changes something: an editor's change, or `add` (open to every member)."""
        return self.change is not None or self.kind == "add"


def intent_of(text: str) -> Intent:
    """The one reading of a command that both the editor check and the handlers use."""
    fact = _FACT.match(text or "")
    if fact:
        verb = fact.group(1).lower()
        change = FACT_CHANGE if verb != "show" else None
        number = int(fact.group(2)) if fact.group(2) else None
        if number is None:  # "facts fix crime": read as the facts action's topic words, still an editor's verb
            return Intent("ask", "facts", change=change)
        return Intent("fact", verb, fact.group(3) or "", change, number)
    command = parse(text or "")
    if command.action == "add":
        return Intent("add", "add", command.argument)
    if command.action == "feeds":
        words = command.argument.split()
        change = "change_feeds" if words and words[0].lower() in FEED_CHANGES else None
        return Intent("ask", "feeds", command.argument, change)
    if command.action in SUBSCRIPTIONS:
        action, rest = split_action(text or "")
        change = "change_subscriptions" if action != "subscriptions" else None
        return Intent("subscription", action, " ".join(rest.split()), change)
    return Intent("ask", command.action)
