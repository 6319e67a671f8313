"""What the user asked for, as a Match: topic words expanded through the lexicon, the rest as text."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.answer.grammar import Command
from bot.topics import Lexicon, Topic, lexicon
from storage.fts import all_of, quote_term
from storage.queries import Match


@dataclass
class Query:
    topics: list[Topic] = field(default_factory=list)  # the topics the user named (before expansion)
    free: list[str] = field(default_factory=list)  # other words and phrases, searched as text
    match: Match = field(default_factory=Match)  # empty: everything in the desk

    @property
    def terms(self) -> list[str]:
        """Plain words for relevance scoring (topic terms without wildcards, free words)."""
        words = [t.rstrip("*") for topic in self.topics for t in topic.terms if "?" not in t]
        return [w.lower() for w in [*words, *self.free]]


def find_topics(words: list[str], lex: Lexicon) -> tuple[list[Topic], list[str]]:
    """Longest-first matching of word runs to topics ("illegal mining" before "mining")."""
    topics, free, i = [], [], 0
    while i < len(words):
        for size in (3, 2, 1):
            topic = lex.find(" ".join(words[i:i + size])) if i + size <= len(words) else None
            if topic:
                topics.append(topic)
                i += size
                break
        else:
            free.append(words[i])
            i += 1
    return topics, free


def text_expression(words: list[str]) -> str | None:
    """Every word and phrase must appear: a safe FTS5 AND of quoted terms."""
    return all_of([quote_term(w) for w in words])


# Words that join a question's topic words rather than name a topic: "gang related killings", "killings
# linked to gangs", "news about extortion in Lima". Required as text they only hide the sentences that say
# "gang killings" (the grammar's FILLER already drops "about", "on", "the" ...; these survive it).
QUESTION_FILLER = frozenset(
    "related relating relate linked link links tied ties connected connection connections regarding concerning "
    "involving involved re about on to with and or a an any at by from into around over across news story "
    "stories article articles coverage reports report".split())


def topic_words(words: list[str]) -> list[str]:
    """The words a question's answer must contain: filler joining topic words is left out, unless the
    question is nothing but such words."""
    kept = [w for w in words if w.lower() not in QUESTION_FILLER]
    return kept or words


def build_query(command: Command) -> Query:
    lex = lexicon()
    topics, free = find_topics(topic_words(command.words), lex)
    free = [w for w in free if quote_term(w)] + list(command.phrases)
    groups = [[t.name for t in lex.expand(topic)] for topic in topics]
    return Query(topics, free, Match(groups, text_expression(free)))


def literal_query(command: Command) -> Query:
    """For `search`: every typed word is text (no topic expansion); quoted phrases stay phrases."""
    words = [w for w in command.words if quote_term(w)] + list(command.phrases)
    return Query([], words, Match([], text_expression(words)))
