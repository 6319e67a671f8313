"""What a subscription's words mean in an article, and whether an article is about them.

A subscription's words become subjects: a lexicon topic (seeds/topics.toml: its terms and those of the
topics it includes, "H1N1" for swine flu), a place (bot/places.py: "Libyan" for Libya), or a phrase
(the other words in a run, matched as a phrase, each word with its inflections: "oil spill" matches
"oil spills" but never "spilled blood"). An article is about a subject when the subject is in its title
or its lead, or is mentioned MENTIONS times: a boxing preview that mentions the flu once is not a
swine-flu article. A subject named at least once also counts what stands for it: a country its cities
(bot/places.py: the Port-au-Prince report that names Haiti once is about Haiti), a topic the words of its
field away from that mention (seeds/topics.toml's `context`: "H1N1" once in a report about a flu virus; not
a reader's comment on a blog that says "swine flu pandemic" in one breath). Matching runs on
accent-folded, lower-cased text (city names on the text with its case, so "Police" the Polish town is not
the police), without spaCy (the digest process never loads it).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from bot.answer.grammar import Command
from bot.answer.query import find_topics, topic_words
from bot.extract.names import fold, unaccented
from bot.places import cities_of, place_names
from bot.topics import lexicon, term_regex
from storage.fts import quote_term

MENTIONS = 3  # mentions anywhere that make an article about a subject not in its title or lead
CONTEXT = 2  # words of a topic's field, away from its mentions, that make the article about the topic
CONTEXT_AWAY = 300  # characters from a mention: a field word nearer is the same passing remark ("swine flu pandemic")
LEAD_SENTENCES = 2
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_VOWELS = set("aeiou")


def inflections(word: str) -> set[str]:
    """A word and its regular inflections (plural, past, -ing): the forms its lemma takes in English
    text. Over-generating is harmless: a form that is no word never matches."""
    w = fold(word)
    if len(w) < 3 or not w.isalpha():
        return {w, w + "s"}
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if w.endswith("y") and w[-2] not in _VOWELS:
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if w.endswith("e"):
        forms.add(w[:-1] + "ing")
    if w[-1] not in _VOWELS | {"w", "x", "y"} and w[-2] in _VOWELS and w[-3] not in _VOWELS:
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}  # stop → stopped, stopping
    return forms


def plural(word: str) -> set[str]:
    """A name's forms: itself and its plural ("Libyans")."""
    w = fold(word)
    return {w, w + "s"}


def phrase_regex(phrase: str, forms: Callable[[str], set[str]] = inflections) -> str:
    """A phrase as a regex: its words in order, each in any of its `forms`, spaces or hyphens between."""
    words = re.findall(r"[\w'/.-]+", fold(phrase))
    parts = ["(?:" + "|".join(re.escape(f) for f in sorted(forms(w), key=len, reverse=True)) + ")"
             for w in words]
    return r"[\s-]+".join(parts)


def _compile(alternatives: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)")


def _any_of(terms: list[str]) -> str:
    """A safe FTS5 OR of terms ("hitm?n" becomes the prefix "hitm*"): the cheap superset of the regex."""
    quoted = {q for t in terms if (q := quote_term(t.split("?")[0] + "*" if "?" in t else t))}
    return " OR ".join(sorted(quoted))


@dataclass
class Subject:
    """One thing a subscription asks for, and every way an article may say it."""

    label: str  # "swine flu", "Libya", "oil spill"
    pattern: re.Pattern[str]  # over folded text
    fts: str  # a safe FTS5 expression that every article matching `pattern` also matches
    anywhere: bool = False  # a person: followed wherever named, not only where the article is about him
    near: re.Pattern[str] | None = None  # a country's cities, over the text with its case (unaccented)
    context: re.Pattern[str] | None = None  # a topic's field ("flu", "virus"), over folded text


def topic_subject(name: str) -> Subject:
    """A lexicon topic: its terms, and those of every topic it includes."""
    lex = lexicon()
    topics = lex.expand(lex.topics[name])
    terms = [t for topic in topics for t in topic.terms]
    field_words = [t for topic in topics for t in topic.context]
    context = _compile([term_regex(t) for t in sorted(field_words, key=len, reverse=True)]) if field_words else None
    return Subject(name, _compile([term_regex(t) for t in sorted(terms, key=len, reverse=True)]), _any_of(terms),
                   context=context)


def names_subject(label: str, names: set[str]) -> Subject:
    """A place or a person: any of the names articles write it by, each also in the plural ("Libyans")."""
    alternatives = [phrase_regex(n, plural) for n in sorted(names, key=len, reverse=True)]
    return Subject(label, _compile(alternatives), _any_of(sorted(names)))


def place_subject(label: str, names: set[str]) -> Subject:
    """A place by its names; a country also by its cities' names, as written (capitalised)."""
    cities = cities_of(names)
    near = None
    if cities:
        alternatives = [r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", c))
                        for c in sorted(cities, key=len, reverse=True)]
        near = re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)")
    return replace(names_subject(label, names), near=near)


def phrase_subject(phrase: str) -> Subject:
    return Subject(phrase, _compile([phrase_regex(phrase)]), _any_of([phrase]))


def subjects(command: Command, is_place: Callable[[str], bool]) -> list[Subject]:
    """The subjects of a subscription's words: topics by name or alias, places (the longest run of words
    that names one), and each run of the other words as a phrase; quoted phrases stay phrases.
    `is_place`: whether the archive knows a place by that name (a city pycountry does not list)."""
    topics, free = find_topics(topic_words(command.words), lexicon())
    found = [topic_subject(t.name) for t in topics]
    run: list[str] = []
    i = 0
    while i < len(free):
        for size in (3, 2, 1):
            words = " ".join(free[i:i + size])
            names = place_names(words, is_place) if i + size <= len(free) else None
            if names:
                if run:
                    found.append(phrase_subject(" ".join(run)))
                    run = []
                found.append(place_subject(words, names))
                i += size
                break
        else:
            run.append(free[i])
            i += 1
    if run:
        found.append(phrase_subject(" ".join(run)))
    return found + [phrase_subject(p) for p in command.phrases]


def lead_of(text: str, sentences: int = LEAD_SENTENCES) -> str:
    """The first sentences of an article's text: where a news article says what it is about."""
    parts = _SENTENCE_END.split(text.strip(), maxsplit=sentences)
    return " ".join(parts[:sentences])


@dataclass
class Verdict:
    """Whether an article is about a subject, and what it said where: the reason `newsbot log` gives."""

    subject: str
    title: list[str] = field(default_factory=list)  # the words as the title wrote them
    lead: list[str] = field(default_factory=list)
    mentions: int = 0  # in title and text, counted only as far as the verdict needs (see judge)
    example: str = ""  # the first thing the text said, for "only once: “flu”"
    anywhere: bool = False  # the subject is a person: one mention is enough
    near: list[str] = field(default_factory=list)  # the country's cities named, as written
    near_first: bool = False  # one of them in the title or the lead
    context: int = 0  # words of the topic's field outside its mentions

    @property
    def about(self) -> bool:
        if self.anywhere:
            return self.mentions > 0
        if self.title or self.lead or self.mentions >= MENTIONS:
            return True
        return self.mentions > 0 and (self.near_first or self.mentions + len(self.near) >= MENTIONS
                                      or self.context >= CONTEXT)

    def reason(self) -> str:
        """`swine flu: “H1N1” in the title` / `Libya: 1 passing mention (“Libyan”) …` / `Libya: never mentioned`."""
        if self.anywhere:
            where = " in the title" if self.title else ""
            return f"{self.subject}: named{where} (“{self.example}”)" if self.mentions else (
                f"{self.subject}: never named")
        if self.title:
            return f"{self.subject}: “{self.title[0]}” in the title"
        if self.lead:
            return f"{self.subject}: “{self.lead[0]}” in the lead"
        if self.mentions >= MENTIONS:
            return f"{self.subject}: mentioned {MENTIONS} times or more (“{self.example}”)"
        named = "named once" if self.mentions == 1 else f"named {self.mentions} times"
        if self.about and self.near:
            where = " in the title or lead" if self.near_first else ""
            return f"{self.subject}: {named} (“{self.example}”), and its cities{where}: “{self.near[0]}”"
        if self.about:
            return f"{self.subject}: {named} (“{self.example}”) in a report on its field ({self.context} words of it)"
        if self.mentions:
            passing = "1 passing mention" if self.mentions == 1 else f"only {self.mentions} passing mentions"
            return f"{self.subject}: {passing} (“{self.example}”), not in the title or lead"
        return f"{self.subject}: never mentioned"


@dataclass(frozen=True)
class Folded:
    """An article as the matcher reads it: title and text folded, and where the lead ends in the text."""

    title: str
    text: str
    lead_end: int
    cased_title: str = ""  # title and text unaccented, with their case: where city names are looked for
    cased: str = ""


FOLDED_KEPT = 2048  # articles kept folded between subscriptions (a run judges the same new ones for each): ~10 MB
_folded: OrderedDict[tuple[int, str], Folded] = OrderedDict()


def folded_already(article_id: int, text_hash: str) -> Folded | None:
    """The article as folded for an earlier subscription of the run (folding and reading its text are most
    of a match's cost); keyed by its text hash, so a re-analysed article is folded again."""
    return _folded.get((article_id, text_hash))


def fold_article(article_id: int, text_hash: str, title: str, text: str) -> Folded:
    """Fold the article for the matcher and keep it for the next subscriptions of the run."""
    cased_title, cased = unaccented(title or ""), unaccented(text or "")
    found = Folded(cased_title.lower(), cased.lower(), len(fold(lead_of(text or ""))), cased_title, cased)
    _folded[(article_id, text_hash)] = found
    if len(_folded) > FOLDED_KEPT:
        _folded.popitem(last=False)
    return found


def judge(subject: Subject, article: Folded) -> Verdict:
    """Where the article says the subject, read only as far as it takes to know: a headline match ends
    it, then the first match in the lead (or anywhere, for a person), else MENTIONS matches (a match in
    the lead is one that starts within the folded lead's length)."""
    verdict = Verdict(subject.label, subject.pattern.findall(article.title), anywhere=subject.anywhere)
    if verdict.title:
        verdict.mentions, verdict.example = len(verdict.title), verdict.title[0]
        return verdict
    for match in subject.pattern.finditer(article.text):
        verdict.mentions += 1
        verdict.example = verdict.example or match.group(0)
        if match.start() < article.lead_end:
            verdict.lead.append(match.group(0))
            break
        if subject.anywhere:
            break
        if verdict.mentions >= MENTIONS:
            break
    if verdict.mentions and not verdict.about:
        _what_stands_for_it(subject, article, verdict)
    return verdict


def _what_stands_for_it(subject: Subject, article: Folded, verdict: Verdict) -> None:
    """For a subject named, but too few times to be the article's own: its country's cities (any in the title
    or the lead settles it) and its topic's field words, read only when the count alone does not decide."""
    if subject.near is not None:
        in_title = subject.near.findall(article.cased_title)
        verdict.near = in_title + subject.near.findall(article.cased)
        verdict.near_first = bool(in_title) or any(
            m.start() < article.lead_end for m in subject.near.finditer(article.cased))
    if subject.context is not None and not verdict.about:
        spans = [m.span() for m in subject.pattern.finditer(article.text)]
        verdict.context = sum(1 for m in subject.context.finditer(article.text)
                              if not any(a - CONTEXT_AWAY <= m.start() < b + CONTEXT_AWAY for a, b in spans))
