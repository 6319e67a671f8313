"""What extraction produces, independent of storage: plain dataclasses, one per kind of fact.

Every fact keeps the index of the sentence it came from (`sent`, an index into the article's
sentence list) so an answer can link the line back to its article and sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Sentence:
    idx: int
    text: str
    start: int  # char offset in the article text
    end: int
    kind: str = "body"  # "title" | "heading" | "body"
    topics: list[str] = field(default_factory=list)
    alone: bool = True  # may be shown on its own in an answer (bot/extract/standalone.py)
    shown: str | None = None  # how to show it, when a pronoun got its name in brackets


@dataclass
class Mention:
    text: str
    start: int
    end: int
    sent: int


@dataclass
class EntityCluster:
    """One person, organisation or place within an article, with every way the article names it."""

    name: str  # canonical (longest full form)
    type: str  # PERSON | ORG | GPE | LOC | NORP ...
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Statistic:
    value: float
    unit: str  # "%", "hectares", "people", "days", "" ...
    measure: str  # what is counted: "homicides (increase)", "coca cultivation"
    period: str | None  # "2024", "2025-10", None
    qualifier: str | None  # "just under", "more than" ...
    text: str  # the span as written
    sent: int
    low: float | None = None  # a range's lower end ("between 18,000 and 20,000": 18,000; value is 20,000)
    event: str = ""  # what happened to what a count noun counts, from the parse: "killed", "died", "left homeless"
    previous: float | None = None  # a change's starting value ("pasó de 4,7 a 6,4": 4,7; value is 6,4)
    direction: str | None = None  # that change's way: "up" or "down"


@dataclass
class Event:
    date: str  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    text: str  # the date expression as written
    sent: int
    rank: float = 0.0  # 0 the sentence's own event's date … 3 a document's date (bot/extract/events.py `_rank`)


@dataclass
class Quote:
    speaker: str | None  # canonical entity name, or None when unattributed
    quote: str
    sent: int
    kind: str = "direct"  # "direct" | "paraphrase"
    cue: str | None = None  # the speech verb or marker as written: "told", "denying", "according to"
    cue_lemma: str | None = None  # its dictionary form when known ("deny"), to say it in the past tense
    language: str | None = None  # the article's, when not English: its verb and clause are shown as written


@dataclass
class Role:
    name: str  # canonical entity name
    role: str  # "president", "general manager of the National Criminology Consultancy"
    sent: int


@dataclass
class ArticleContext:
    """What the fact extractors may know besides the Doc."""

    published: date | None
    sentences: list[Sentence]
    entities: list[EntityCluster]
    _index: tuple[int, dict, dict] | None = field(default=None, init=False, repr=False, compare=False)

    def resolve(self, text: str) -> EntityCluster | None:
        """The article's entity named by `text` (full name, alias or surname), if any."""
        from bot.extract.names import name_key

        names, surnames = self._name_index()
        key = name_key(text)
        if key in names:
            return names[key]
        people = surnames.get(key, []) if " " not in key else []
        return people[0] if len(people) == 1 else None  # a surname, when one person in the article has it

    def _name_index(self) -> tuple[dict[str, EntityCluster], dict[str, list[EntityCluster]]]:
        """Name keys to entities (first entity wins, as the article orders them) and surnames to
        people, built once: extractors resolve names thousands of times in a long article."""
        from bot.extract.names import name_key

        if self._index is None or self._index[0] != len(self.entities):
            names: dict[str, EntityCluster] = {}
            surnames: dict[str, list[EntityCluster]] = {}
            for cluster in self.entities:
                for alias in [*cluster.aliases, cluster.name]:
                    names.setdefault(name_key(alias), cluster)
                if cluster.type == "PERSON" and name_key(cluster.name):
                    surnames.setdefault(name_key(cluster.name).split()[-1], []).append(cluster)
            self._index = (len(self.entities), names, surnames)
        return self._index[1], self._index[2]
