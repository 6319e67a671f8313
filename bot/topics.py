"""The topic lexicon (seeds/topics.toml): which sentences are about what, and what a topic word means.

Matching is a single compiled regex per topic over accent-folded, lower-cased text, cheap enough to run
on every sentence at ingest.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bot.extract.names import fold
from bot.seeds import seeds_dir


@dataclass
class Topic:
    name: str  # "illegal mining"
    terms: list[str]
    aliases: list[str] = field(default_factory=list)
    includes: list[str] = field(default_factory=list)
    pattern: re.Pattern[str] | None = None
    spanish: re.Pattern[str] | None = None  # `terms` and `terms_es`: what a Spanish article is matched by
    context: list[str] = field(default_factory=list)  # words of the topic's field ("flu", "virus"): bot/subjects.py
    members: list[str] = field(default_factory=list)  # names of its parts, as written ("Arsenal"): bot/subjects.py
    peers: list[str] = field(default_factory=list)  # head words of other events of its kind ("Cup"): bot/subjects.py

    def matches(self, folded_text: str) -> int:
        return len(self.pattern.findall(folded_text)) if self.pattern else 0

    def pattern_for(self, language: str | None) -> re.Pattern[str] | None:
        """The pattern for an article's language: a Spanish article by the English and Spanish terms, an
        English one by the English terms only (an English article's "Guardia Nacional Bolivariana" is a name,
        and English coverage is matched as it always was)."""
        return self.spanish if language == "es" else self.pattern


def term_regex(term: str) -> str:
    """A lexicon term as a regex: `*` is any word ending, `?` one letter, spaces any whitespace."""
    escaped = re.escape(fold(term)).replace(r"\*", r"\w*").replace(r"\?", r"\w").replace(r"\ ", r"\s+")
    return escaped


class Lexicon:
    """All topics, with look-up by any name or alias a reporter may type."""

    def __init__(self, topics: dict[str, Topic]) -> None:
        self.topics = topics
        self.names: dict[str, str] = {}
        for topic in topics.values():
            for word in [topic.name, *topic.aliases]:
                self.names.setdefault(fold(word), topic.name)

    def find(self, words: str) -> Topic | None:
        """A topic by its name or an alias; a narrower word ("fentanyl") is searched as itself."""
        name = self.names.get(fold(words))
        return self.topics[name] if name else None

    def expand(self, topic: Topic) -> list[Topic]:
        """The topic and everything it includes, transitively, without repeats."""
        seen: dict[str, Topic] = {}
        stack = [topic]
        while stack:
            current = stack.pop()
            if current.name in seen:
                continue
            seen[current.name] = current
            stack.extend(t for t in (self.find(i) for i in current.includes) if t)
        return list(seen.values())

    def sentence_topics(self, text: str, language: str | None = None) -> list[str]:
        folded = fold(text)
        return [t.name for t in self.topics.values() if (p := t.pattern_for(language)) and p.search(folded)]

    def rollup(self, counts: dict[str, int]) -> dict[str, int]:
        """Article topic scores: a topic also counts the matches of the topics it includes."""
        return {
            t.name: total
            for t in self.topics.values()
            if (total := sum(counts.get(sub.name, 0) for sub in self.expand(t))) > 0
        }


def terms_pattern(terms: list[str]) -> re.Pattern[str] | None:
    """One regex for a topic's terms, longest first, as whole words (None when it has none)."""
    alternatives = "|".join(term_regex(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if terms else None


def load_lexicon(path: Path) -> Lexicon:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    topics = {}
    for key, spec in data.items():
        name = key.replace("-", " ")
        terms = list(spec.get("terms", []))
        aliases = list(spec.get("aliases", [])) + list(spec.get("aliases_es", []))  # a reporter types either
        topics[name] = Topic(name, terms, aliases, list(spec.get("includes", [])), terms_pattern(terms),
                             terms_pattern(terms + list(spec.get("terms_es", []))), list(spec.get("context", [])),
                             list(spec.get("members", [])), list(spec.get("peers", [])))
    return Lexicon(topics)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return load_lexicon(seeds_dir() / "topics.toml")
