"""The topic lexicon (seeds/topics.toml): which sentences are about what, and what a topic word means.

Matching is a single compiled regex per topic over accent-folded, lower-cased text, cheap enough to run
on every sentence at ingest. A one-word term that starts a person's name is not the topic ("Oscar Pistorius",
"Óscar Ruiz dijo"), nor one that is the name of a month ("in March 2011" is no protest march): only a match's own
neighbourhood in the text with its case is read to tell (not_the_topic).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bot.extract.given_names import is_given_name
from bot.extract.months import MONTH_NAMES
from bot.extract.names import fold, unaccented
from bot.extract.titles import TITLE_WORDS
from bot.seeds import seeds_dir

# A word that starts a name: capitalised, then lower-case letters (not "AIDS", not "H1N1")
_NAME_WORD = re.compile(r"[A-Z][a-z'’]*[a-z]")
_NEXT_WORD = re.compile(r" ([A-Za-z][\w'’-]*)")  # the word right after a match, one space on
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
# The words a month's name follows in a date ("in March", "since May", "mid-March", "last March", "4 March")
_DATE_LEAD = re.compile(r"(?:\b(?:in|on|of|since|until|till|by|from|to|through|during|before|after|early|late|mid|"
                        r"last|next|this|that|each|every|and|or|between|throughout)|\d)[\s-]+$", re.I)
LINE = 200  # characters either side of a match read for a title-case line
HEADLINE = 0.8  # share of a sentence's longer words capitalised from which it is a title-case headline


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
        """The topics a sentence mentions: any match of a term that is not a given name or a month (not_the_topic)."""
        cased = unaccented(text)
        folded = cased.lower()
        if len(folded) != len(cased):  # a letter whose lower case is longer: positions differ, read no case
            cased = folded
        found = []
        for topic in self.topics.values():
            pattern = topic.pattern_for(language)
            if pattern and any(not not_the_topic(cased, m.start(), m.end(), self, language)
                               for m in pattern.finditer(folded)):
                found.append(topic.name)
        return found

    def rollup(self, counts: dict[str, int]) -> dict[str, int]:
        """Article topic scores: a topic also counts the matches of the topics it includes."""
        return {
            t.name: total
            for t in self.topics.values()
            if (total := sum(counts.get(sub.name, 0) for sub in self.expand(t))) > 0
        }


def not_the_topic(cased: str, start: int, end: int, lex: Lexicon, language: str | None = None) -> bool:
    """Whether the match cased[start:end] of a term names something else: a person's given name (given_name_at)
    or a month (month_at)."""
    return month_at(cased, start, end) or given_name_at(cased, start, end, lex, language)


def month_at(cased: str, start: int, end: int) -> bool:
    """Whether the match cased[start:end] is a month's name in a date: capitalised, and next to a number ("4 March",
    "March 2011") or after a word a date follows ("in March", "since May", "mid-March"). A term that is also a
    month ("march*") would otherwise file every article dated in March under protests."""
    word = cased[start:end]
    if word not in MONTH_NAMES:
        return False
    if cased[end:end + 2].strip()[:1].isdigit():
        return True
    lead = _DATE_LEAD.search(cased, max(0, start - 16), start)
    return bool(lead) and not (lead.group(0).split()[0] in _HEADLINE_JOINS and _WHERE_TO.match(cased, end))


# A title-case headline's verb, not a date: the word before it capitalised too, a preposition of where or against
# what after ("Nurses Vow To March On Ministry", "Rally And March Against Fees"); prose's "postponed to March on
# Friday" keeps its lower-case "to", and is a date
_HEADLINE_JOINS = {"To", "And", "Or"}
_WHERE_TO = re.compile(r" (?:On|Against|Through|Across|Into|Past|Outside|Towards?|Along|Around|Upon)\b")


def given_name_at(cased: str, start: int, end: int, lex: Lexicon, language: str | None = None) -> bool:
    """Whether the match cased[start:end] of a one-word term is a person's given name, not the topic: a word the
    census lists as one, written capitalised and directly followed by a capitalised word that is neither a topic
    term nor a title (a surname: "Oscar Pistorius", "Óscar Ruiz", "Minerva Hernández"), outside a title-case
    headline ("Oscar Nominations Favour Small Films"). Only given names are read so: "President Obama" is
    politics, "Gold Fields" mining, "Drug Enforcement Administration" drugs; a multi-word term's match
    ("Premier League") is the term however it is written. Reads only the text around the match: it runs on
    every match at ingest and in routing."""
    word = cased[start:end]
    if not _NAME_WORD.fullmatch(word) or not is_given_name(word):
        return False
    after = _NEXT_WORD.match(cased, end)
    if not after or not _NAME_WORD.fullmatch(after.group(1)) or after.group(1).lower() in TITLE_WORDS:
        return False
    following = after.group(1).lower()
    if any((p := t.pattern_for(language)) and p.fullmatch(following) for t in lex.topics.values()):
        return False
    return not _title_case(_line_around(cased, start, end))


def _line_around(cased: str, start: int, end: int) -> str:
    """The line a match is on, at most LINE characters either side (a title, a sentence, a paragraph's part)."""
    left = cased.rfind("\n", max(0, start - LINE), start) + 1 or max(0, start - LINE)
    right = cased.find("\n", end, end + LINE)
    return cased[left:right if right >= 0 else end + LINE]


def _title_case(cased: str) -> bool:
    """Whether a sentence is a title-case headline ("Fentanyl Seizures Rise In Zacatecas"): there, a capital
    says nothing about a name. Words of four letters or more are counted, so "of" and "in" do not decide."""
    words = [w for w in _WORD.findall(cased) if len(w) >= 4]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= HEADLINE * len(words)


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
