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
from functools import cached_property, lru_cache

from bot.answer.grammar import Command
from bot.answer.query import find_topics, topic_words
from bot.extract.names import fold, unaccented
from bot.places import cities_of, country_names, place_names, places
from bot.topics import lexicon, not_the_topic, term_regex
from storage.fts import quote_term

ROUNDUP = 4  # countries a lead names, with none in the title, that make a report a roundup (Verdict.roundup)
MENTIONS = 3  # mentions anywhere that make an article about a subject not in its title or lead
LEAD_BACKED = 2  # mentions of a phrase (the lead's among them) that make a lead's mention the story's
CONTEXT = 2  # words of a topic's field, away from its mentions, that make the article about the topic
CONTEXT_AWAY = 300  # characters from a mention: a field word nearer is the same passing remark ("swine flu pandemic")
LEAD_SENTENCES = 2
TOP_SENTENCES = 2  # sentences after the lead whose "the Japanese carmaker" still points at the lead's subject
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_VOWELS = set("aeiou")


def inflections(word: str) -> set[str]:
    """A word and its regular inflections (plural, past, -ing): the forms its lemma takes in English
    text. Over-generating is harmless: a form that is no word never matches."""
    w = fold(word)
    if len(w) < 3 or not w.isalpha():
        return {w, w + "s"}
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    named = word[:1].isupper() and not word.isupper()  # "Oscars", not "AIDS" or "news"
    if named and len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        forms |= {w[:-1], w[:-3] + "y"} if w.endswith("ies") else {w[:-1]}  # typed "Oscars": "Oscar" is its lemma
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
    words = re.findall(r"[\w'/.-]+", unaccented(phrase))  # as typed: `forms` folds each, and may read its case
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
    context: re.Pattern[str] | None = None  # a topic's field ("flu", "virus"), over folded text; group fN: the Nth word
    country: int | None = None  # a country: its index in countries(), to weigh it against the others
    common: bool = False  # typed in lower case ("gold"): a capitalised use inside a name ("Highland Gold") is not it
    settled: bool = False  # a topic, a city or region: one mention in the lead says the story is its (lead_decides)
    members: re.Pattern[str] | None = None  # a topic's parts by name ("Arsenal"), over the text with its case
    peers: re.Pattern[str] | None = None  # other events of a topic's kind ("Champions League"), with its case
    names_read: bool = False  # a lexicon topic: a term read as a given name or a month is not it (not_the_topic)


def topic_subject(name: str) -> Subject:
    """A lexicon topic: its terms, and those of every topic it includes; its members by name (an article about
    one is the topic's) and the head words of its peers (seeds/topics.toml)."""
    lex = lexicon()
    topics = lex.expand(lex.topics[name])
    terms = [t for topic in topics for t in topic.terms]
    members = [m for topic in topics for m in topic.members]
    peers = [w for topic in topics for w in topic.peers]  # an event of a kind: named in passing as a date or a
    # comparison ("ahead of Sunday's Oscars"), so once in the lead does not settle it (Verdict.lead_decides)
    field_words = sorted({t for topic in topics for t in topic.context}, key=len, reverse=True)
    context = _compile([f"(?P<f{i}>{term_regex(t)})" for i, t in enumerate(field_words)]) if field_words else None
    return Subject(name, _compile([term_regex(t) for t in sorted(terms, key=len, reverse=True)]),
                   _any_of(terms + members), context=context, settled=not peers, members=_as_written(members),
                   peers=_peers(peers), names_read=True)


def _as_written(names: list[str]) -> re.Pattern[str] | None:
    """Names as whole words over the unaccented text with its case ("Arsenal", not an arsenal of weapons)."""
    if not names:
        return None
    alternatives = [r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", unaccented(n)))
                    for n in sorted(names, key=len, reverse=True)]
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)")


_NAME = r"[A-Z][\w'’.&-]*"
_FUNCTION_CAPITALS = {"The", "This", "These", "That", "Its", "Their", "His", "Her", "Our", "A", "An", "Other", "Both",
                      "All", "Some", "Many", "Such", "Last", "Next", "Every", "Each", "In", "At", "For"}


def _peers(heads: list[str]) -> re.Pattern[str] | None:
    """A name ending in one of a kind's head words, in any case after capitalised words ("the Independent Spirit
    Awards", "the Directors Guild of Great Britain awards", "the Champions League")."""
    if not heads:
        return None
    kinds = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’-]){_NAME}(?:\s+(?:(?:of|the|for|de)\s+)?{_NAME})*\s+(?i:{kinds})(?!\w)")


def names_subject(label: str, names: set[str]) -> Subject:
    """A place or a person: any of the names articles write it by, each also in the plural ("Libyans")."""
    alternatives = [phrase_regex(n, plural) for n in sorted(names, key=len, reverse=True)]
    return Subject(label, _compile(alternatives), _any_of(sorted(names)))


def place_subject(label: str, names: set[str]) -> Subject:
    """A place by its names; a country also by its cities' names, as written (capitalised), and by the names
    other countries are weighed against (country_counts)."""
    cities = cities_of(names)
    near = None
    if cities:
        alternatives = [r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", c))
                        for c in sorted(cities, key=len, reverse=True)]
        near = re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)")
    index = _country_index()
    country = next((index[n] for n in sorted(names) if n in index), None)
    return replace(names_subject(label, names), near=near, country=country, settled=country is None)


def phrase_subject(phrase: str, is_name: Callable[[str], bool] = lambda words: False) -> Subject:
    """Free words as a phrase. Typed in lower case they are a common word ("gold": "Highland Gold" is not it),
    unless they are several words the archive knows as a person's or body's name: Slack is typed in lower case,
    and "keiko fujimori" means the name. One word stays common even if someone bears it ("Mr Gold")."""
    common = phrase == phrase.lower() and not (len(phrase.split()) > 1 and is_name(phrase))
    return Subject(phrase, _compile([phrase_regex(phrase)]), _any_of([phrase]), common=common)


@lru_cache(maxsize=1)
def countries() -> tuple[frozenset[str], ...]:
    """Each country's names as articles write them (pycountry's, its people's, its spellings: bot/places.py)."""
    groups = {group for group in places().values() if group & _country_name_set()}
    return tuple(sorted(groups, key=lambda g: sorted(g)))


@lru_cache(maxsize=1)
def _country_index() -> dict[str, int]:
    """A country's folded name → its index in countries()."""
    return {fold(name): i for i, group in enumerate(countries()) for name in group}


@lru_cache(maxsize=1)
def _country_name_set() -> frozenset[str]:
    """pycountry's names of every country, as written."""
    return frozenset(n for group in country_names() for n in group)


@lru_cache(maxsize=1)
def _country_starts() -> dict[str, list[tuple[str, int]]]:
    """A country name's first word → (the name, its country's index), longest first ("United" → "United States
    of America", "United States", "United Kingdom", ...): names are found by their capitalised first word."""
    starts: dict[str, list[tuple[str, int]]] = {}
    for i, group in enumerate(countries()):
        for name in map(unaccented, group):  # the text is read unaccented ("Cote d'Ivoire")
            first = _LETTERS.match(name)
            if first:
                starts.setdefault(first.group(0), []).append((name, i))
    return {w: sorted(names, key=lambda n: -len(n[0])) for w, names in starts.items()}


_LETTERS = re.compile(r"[A-Za-z]+")
_CAPITALISED = re.compile(r"[A-Z][a-zA-Z]*")  # a name's first letters ("Guinea" of "Guinea-Bissau"): cheap to find


def country_counts(cased: str, first: int = 0) -> tuple[dict[int, int], set[int]]:
    """How often the text names each country (by index in countries()), as written ("US" is not "us"), its
    people included ("Libyans"), not where the name describes something else ("Egyptian-born"); and the
    countries named before `first` (the title and lead)."""
    starts, counts, past, early = _country_starts(), {}, 0, set()
    for word in _CAPITALISED.finditer(cased):
        if word.start() < past or (word.start() and (cased[word.start() - 1].isalnum()
                                                     or cased[word.start() - 1] == "-")):
            continue  # "America" inside "United States of America"; "McJapan", "Afro-Cuban"
        key = word.group(0)
        names = starts.get(key) or starts.get(key[:-1] if key.endswith("s") else key) or []
        for name, i in names:
            end = word.start() + len(name)
            if not cased.startswith(name, word.start()):
                continue
            end += cased[end:end + 1] == "s"
            if cased[end:end + 1].isalnum() or _describes(cased, end):
                continue
            counts[i] = counts.get(i, 0) + 1
            if word.start() < first:
                early.add(i)
            past = end
            break
    return counts, early


def subjects(command: Command, is_place: Callable[[str], bool],
             is_name: Callable[[str], bool] = lambda words: False) -> list[Subject]:
    """The subjects of a subscription's words: topics by name or alias, places (the longest run of words
    that names one), and each run of the other words as a phrase; quoted phrases stay phrases.
    `is_place`: whether the archive knows a place by that name (a city pycountry does not list); `is_name`:
    whether it knows a person or a body by it (phrase_subject)."""
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
                    found.append(phrase_subject(" ".join(run), is_name))
                    run = []
                found.append(place_subject(words, names))
                i += size
                break
        else:
            run.append(free[i])
            i += 1
    if run:
        found.append(phrase_subject(" ".join(run), is_name))
    return found + [phrase_subject(p, is_name) for p in command.phrases]


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
    settled: bool = False  # a topic, a city or region: one mention in the lead says it (Subject.settled)
    context: int = 0  # words of the topic's field outside its mentions
    named: int = -1  # a country: how often the text names it and its cities (-1: not a country)
    rival: str = ""  # the other country the text names most, and how often
    rival_named: int = 0
    rival_titled: bool = False  # the rival is named in the title: the title says whose story it is
    short: bool = False  # the lead is the whole text (a brief, a feed summary): there is no "after" to say it again
    members: list[str] = field(default_factory=list)  # a topic's members named, as written (Subject.members)
    members_first: bool = False  # one of them in the title or the lead
    field_words: int = 0  # distinct words of the topic's field anywhere: what makes a member's name the member
    peer: str = ""  # another event of the topic's kind that the top names first: the story's own (Subject.peers)
    own: str = ""  # a country: "the Japanese carmaker" near the top, the story's own company (_refers_back)
    roundup: int = 0  # a country: how many countries the lead names, when it is a roundup: ROUNDUP or more, none in
    # the title, and the subject named no more often than another ("Shares in Germany's ThyssenKrupp, the UK's
    # Corus and France's Arcelor fell while Japan's Nippon Steel slid": a report on steel firms, nobody's own)
    listed: bool = False  # a country named only in lists of countries ("Tunisia and Egypt"): _only_listed
    described: str = ""  # the title names the subject only as its own's honour ("Oscar nominee Dan O'Herlihy dies"):
    # an origin ("Haitian-born musician …") describes a person whose story may still be the place's

    @property
    def overshadowed(self) -> bool:
        """A country named less than half as often as another that the title or lead names is a passing remark
        in that country's story (a Libya report's "the revolts in Tunisia and Egypt"), when the rival's place at
        the top is the stronger: the subject is not in the lead, or the title names the rival. A country the lead
        names beside a rival the title does not name is still the story's own, however often the report names
        the others (a missing Malaysian airliner searched for by Australian and Chinese ships)."""
        return self.named >= 0 and 2 * self.named < self.rival_named and (not self.lead or self.rival_titled)

    @property
    def lead_decides(self) -> bool:
        """A lead's mention of a phrase or a country makes the article the subject's when the article says it again
        (a country: or names one of its cities): said once, in the lead and never after, the name is a comparison
        or a date ("the art-house version of the Oscars", "ahead of Sunday's Oscars") or the word another sense
        ("an 800m gold medal victory", "his album Egypt") in a story about something else. A city or region in
        the lead is where the news happens ("rebels at Zawiya"), and a lexicon topic's term names its topic in one
        sense ("the new flu"): for those, once in the lead is enough (Subject.settled)."""
        return bool(self.lead) and (self.settled or self.short or self.mentions >= LEAD_BACKED or bool(self.near))

    @property
    def by_members(self) -> bool:
        """A topic whose articles name its members, not the topic (club news never names the league): a member in
        the title or the lead, or named MENTIONS times, in a report on the topic's field (CONTEXT distinct words of
        it: "Liverpool" is a club in a report on a striker's penalty, a city in one on its council's manager and
        budget season); a topic with no field words has no way to tell, and its members never decide."""
        return (self.members_first or len(self.members) >= MENTIONS) and self.field_words >= CONTEXT

    @property
    def about(self) -> bool:
        if self.anywhere:
            return self.mentions > 0
        if self.title:
            return True
        if self.overshadowed or self.peer or self.described or self.roundup or self.listed:
            return False
        if self.lead_decides or self.mentions >= MENTIONS or self.own:
            return True
        if self.by_members:
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
        if self.overshadowed:
            return (f"{self.subject}: named {self.named} times, {self.rival} {self.rival_named}: a passing remark in "
                    "another country's story")
        if self.peer:
            return (f"{self.subject}: the title or lead names “{self.peer}” first: that event's story, "
                    f"{self.subject} a comparison")
        if self.described:
            return f"{self.subject}: the title names it to describe its subject (“{self.described}”): that one's story"
        if self.roundup:
            return (f"{self.subject}: one of {self.roundup} countries the lead names, named {self.named} times and no "
                    "more than another: a roundup")
        if self.listed:
            return f"{self.subject}: named only in lists of countries (“{self.example}”): a comparison, not the story"
        if self.lead_decides:
            return f"{self.subject}: “{self.lead[0]}” in the lead"
        if self.own and self.mentions < MENTIONS:
            return f"{self.subject}: “{self.own}” after the lead: the country of the story's own company"
        if self.lead:
            return f"{self.subject}: “{self.lead[0]}” once, in the lead, and never again: a word in passing"
        if self.mentions >= MENTIONS:
            return f"{self.subject}: mentioned {MENTIONS} times or more (“{self.example}”)"
        if self.by_members and not self.mentions:
            where = " in the title or lead" if self.members_first else f" {len(self.members)} times"
            return (f"{self.subject}: its member “{self.members[0]}”{where}, in a report on its field "
                    f"({self.field_words} words of it)")
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
    top_end: int = 0  # where the lead and the TOP_SENTENCES after it end: what a definite description refers to

    @cached_property
    def countries(self) -> tuple[dict[int, int], set[int]]:
        """How often title and text name each country, and those the title or the lead names (whose story it
        may be): country_counts, read once per article and run."""
        return country_counts(f"{self.cased_title}\n{self.cased}", len(self.cased_title) + 1 + self.lead_end)

    @cached_property
    def title_countries(self) -> set[int]:
        """The countries the title names (Verdict.rival_titled)."""
        return country_counts(self.cased_title, len(self.cased_title) + 1)[1]


FOLDED_KEPT = 2048  # articles kept folded between subscriptions (a run judges the same new ones for each): ~10 MB
_folded: OrderedDict[tuple[int, str], Folded] = OrderedDict()


def folded_already(article_id: int, text_hash: str) -> Folded | None:
    """The article as folded for an earlier subscription of the run (folding and reading its text are most
    of a match's cost); keyed by its text hash, so a re-analysed article is folded again."""
    return _folded.get((article_id, text_hash))


def forget_folded() -> None:
    """End of a digest run: the folded texts served its subscriptions; kept between runs they only hold the
    jobs process's memory up (up to FOLDED_KEPT articles in four cases each), and the next run folds its
    own new articles."""
    _folded.clear()


def fold_article(article_id: int, text_hash: str, title: str, text: str) -> Folded:
    """Fold the article for the matcher and keep it for the next subscriptions of the run."""
    cased_title, cased = unaccented(title or ""), unaccented(text or "")
    found = Folded(cased_title.lower(), cased.lower(), len(fold(lead_of(text or ""))), cased_title, cased,
                   len(fold(lead_of(text or "", LEAD_SENTENCES + TOP_SENTENCES))))
    _folded[(article_id, text_hash)] = found
    if len(_folded) > FOLDED_KEPT:
        _folded.popitem(last=False)
    return found


def judge(subject: Subject, article: Folded) -> Verdict:
    """Where the article says the subject, read only as far as it takes to know: a headline match ends
    it, then the first match in the lead (or anywhere, for a person), else MENTIONS matches (a match in
    the lead is one that starts within the folded lead's length)."""
    in_title = list(subject.pattern.finditer(article.title))
    titled = [m.group(0) for m in in_title if _counts(subject, article.cased_title, m)]
    verdict = Verdict(subject.label, titled, anywhere=subject.anywhere, settled=subject.settled,
                      short=len(article.text.strip()) - article.lead_end <= 3)
    if verdict.title:
        verdict.mentions, verdict.example = len(verdict.title), verdict.title[0]
        return verdict
    honour = [m for m in in_title if DESCRIBED.match(article.cased_title, m.end())]
    if honour and not subject.anywhere:  # the title names a prize only as its subject's honour ("Oscar nominee X dies")
        verdict.described = article.cased_title[honour[0].start():].split(",")[0][:60]
    for match in subject.pattern.finditer(article.text):
        if not _counts(subject, article.cased, match) or (subject.peers is not None and
                                                          _honour(article.cased, match)):
            continue
        verdict.mentions += 1
        verdict.example = verdict.example or match.group(0)
        if match.start() < article.lead_end and not verdict.lead:
            verdict.lead.append(match.group(0))
        if verdict.lead and (verdict.mentions >= LEAD_BACKED or subject.settled):
            break
        if subject.anywhere:
            break
        if verdict.mentions >= MENTIONS:
            break
    if verdict.mentions and not verdict.about and subject.country is not None:
        verdict.own = _refers_back(subject, article)
    if verdict.mentions and not verdict.about:
        _what_stands_for_it(subject, article, verdict)
    if subject.members is not None and not verdict.about:
        _members_named(subject, article, verdict)
    if subject.peers is not None and verdict.about:
        verdict.peer = _peer_first(subject, article)
    if verdict.about and subject.country is not None:  # weighed only when it would decide
        _weigh_countries(subject, article, verdict)
    if verdict.about and subject.country is not None and not verdict.own:
        verdict.listed = _only_listed(subject, article)
    return verdict


_COUNTRY_BEFORE = re.compile(r"((?:[A-Z][a-z]+\s+)*[A-Z][a-z]+)(?:'s)?\s*(?:,|\band|\bor)\s+(?:the\s+)?$")
_COUNTRY_AFTER = re.compile(r"(?:'s)?\s*(?:,|and\b|or\b)\s+(?:the\s+)?([A-Z][a-z]+)")


LISTED = 3  # countries in a list that make it a roundup even when the lead names the country in it


def _only_listed(subject: Subject, article: Folded) -> bool:
    """Whether every mention of the country is one of a list of countries ("the revolutions seen in Tunisia and
    Egypt", "protests like those in Egypt and Tunisia"): named only beside others, it is a comparison or a
    region, never the one the story is about. A pair the lead names before any other country is the story's
    own ("Peru and Chile signed a trade deal"): only a list of LISTED or more is a roundup there; a pair after
    another country ("fighting in Yemen …, unlike the changes seen in Tunisia and Egypt") is a comparison."""
    mentions = [m for m in subject.pattern.finditer(article.text) if _counts(subject, article.cased, m)]
    for match in mentions:
        size, start = _list_of(article.cased, match)
        leads = match.start() < article.lead_end and not country_counts(article.cased[:start])[0]
        if size < (LISTED if leads else 2):
            return False
    return bool(mentions)


def _list_of(cased: str, match: re.Match[str]) -> tuple[int, int]:
    """How many countries the list around a mention names, the mention included ("Tunisia, Libya and Egypt": 3;
    a country with no other beside it: 1), walking from it over commas, "and" and "or"; and where the list
    starts."""
    starts, size, start, end = _country_starts(), 1, match.start(), match.end()
    while (before := _country_before(cased, start)) is not None:
        size, start = size + 1, before
    while (after := _COUNTRY_AFTER.match(cased, end)) and after.group(1) in starts:
        size, end = size + 1, _name_end(cased, after.end(1))
    return size, start


def _country_before(cased: str, start: int) -> int | None:
    """Where the country named just before a list's comma, "and" or "or" at `start` begins: a name of one word
    ("Tunisia and") or of several ("Saudi Arabia and", "the United States and"), the last words of the
    capitalised run before the joiner; None when the run ends in no country's name."""
    before = _COUNTRY_BEFORE.search(cased, max(0, start - 40), start)
    if not before:
        return None
    run = before.group(1)
    for word in re.finditer(r"[A-Z][a-z]+", run):  # the longest name first
        name = " ".join(run[word.start():].split())
        known = _country_starts().get(word.group(0), [])
        if (" " in name and any(n == name for n, _ in known)) or (" " not in name and known):
            return before.start(1) + word.start()
    return None


def _name_end(cased: str, end: int) -> int:
    """The end of a capitalised name whose first word ends at `end` ("South" → "South Korea")."""
    return _MORE_NAME.match(cased, end).end()  # type: ignore[union-attr]  # matches the empty string at worst


_MORE_NAME = re.compile(r"(?:\s+[A-Z][a-z]+)*")


# Nouns that, before a name, make the name before them a description of someone: "Oscar nominee Alan Alda",
# "Nobel laureate Toni Morrison", "Oscar hopefuls Mike Leigh and Imelda Staunton", also with one word of the
# compound between ("gold medal winner Kelly Holmes", "Oscar best-picture nominee Sideways"); one such person
# is described with no name after too ("The Oscar winner said …"); "Oscar nominees lack pulling power" is
# about the nominees
DESCRIBED = re.compile(r"(?:\s+[a-z][\w-]*)?\s+(?:(?:winners?|nominees?|hopefuls?|contenders?|laureates?)\s+[A-Z]"
                       r"|(?:winner|nominee|hopeful|contender|laureate)(?![\w-]))")


# An event's name before what someone has or hopes for from it ("six Oscar categories", "his Oscar nomination",
# "their Oscar hopes"), in the body: the noun form of "Oscar-nominated", a description of the film or person whose
# story it is (a title that says "Oscar nominations" still names the event: judge reads this in the body only)
HONOUR = re.compile(r"s?\s+(?:nominations?|nods?|categories|category|hopes|hopefuls?|glory|success)(?![\w-])")
# What makes the event's name someone's honour: an owner or a count before it ("his", "the actor's", "six"); after
# "the" or at a sentence's start it is the event's own business ("The film led the Oscar nominations")
HONOUR_OWNER = re.compile(r"(?:\w['’]s?|\b\d+|\b(?i:his|her|their|its|our|my|your|two|three|four|five|six|seven|"
                          r"eight|nine|ten|eleven|twelve|thirteen|fourteen|many|several))\s+$")


def _honour(cased: str, match: re.Match[str]) -> bool:
    """Whether the event's name, in the body, is what someone has or hopes for from it (HONOUR after an owner or
    a count: "his Oscar nomination", "six Oscar categories"), not the event's own nominations."""
    return bool(HONOUR.match(cased, match.end()) and HONOUR_OWNER.search(cased, max(0, match.start() - 30),
                                                                          match.start()))


# Nouns for a private person's trade: a country's name before one and a name describes that person ("Japanese
# pianist Chieko Hara", "German composer Johann Sebastian Bach"): the article is about the person, not the
# country. A country's office or company is the country's ("Japanese minister …", "Japanese carmaker Nissan").
PERSON_NOUNS = ("actor actress artist author architect banker billionaire boxer chef comedian composer conductor "
                "cyclist dancer designer director economist film-maker filmmaker footballer golfer guitarist "
                "journalist model musician novelist painter photographer pianist player poet producer rapper runner "
                "scientist sculptor singer songwriter sprinter star swimmer tenor soprano violinist writer").split()
PERSON_DESCRIBED = re.compile(r"(?:\s+[a-z][\w-]*)?\s+(?:" + "|".join(PERSON_NOUNS) + r")\s+[A-Z]")
# "the (two) Japanese companies": a definite description of a company, with no name after it, points back at one
# the title or lead introduced (_refers_back). Only a company's nouns: "the Chinese government", "the Chinese
# economy", "the Chinese group" or "bank" (a central bank, a group of states) are other parties to the story
COMPANY_NOUNS = (r"company|companies|firm|firms|carmaker|carmakers|car\s+maker|maker|makers|lender|lenders|airline|"
                 r"airlines|conglomerate|manufacturer|manufacturers|retailer|retailers|insurer|insurers|broadcaster|"
                 r"operator|producer|producers|chipmaker|chipmakers|supplier|suppliers")
OWN_BODIES = re.compile(rf"\s+(?:{COMPANY_NOUNS})(?![\w-])(?!\s+[A-Z])")
# A title or lead that introduces a company: a company's noun ("Electronics makers Kaito and Morimura") or the
# suffix of its name ("Kaito Corp", "Linea plc"); else a name both say (_names_its_subject)
NAMES_COMPANY = re.compile(rf"(?i:\b(?:{COMPANY_NOUNS})\b)|\b(?:Inc|Corp|Co|Ltd|plc|PLC|AG|SA|NV|SpA|Holdings)\b")
_DEFINITE = re.compile(r"(?:^|\W)the\s+(?:(?:two|three|four|both)\s+)?$")


def _refers_back(subject: Subject, article: Folded) -> str:
    """A country named, past the lead but near the top, in a definite description of an organisation ("the
    Japanese carmaker", "The two Japanese companies will collaborate"): the description points back at the
    company the title or lead names, so the country is that of the story's own subject. A title and lead that
    name no company leave nothing for the description to point back at."""
    if not (NAMES_COMPANY.search(article.cased_title) or NAMES_COMPANY.search(article.cased, 0, article.lead_end)
            or _names_its_subject(article)):
        return ""
    for match in subject.pattern.finditer(article.text, article.lead_end, article.top_end):
        before = article.text[max(0, match.start() - 20):match.start()]
        body = OWN_BODIES.match(article.cased, match.end())
        if body and _DEFINITE.search(before):
            return article.cased[match.start():body.end()]
    return ""


def _names_its_subject(article: Folded) -> bool:
    """Whether the title names someone or something by a name the lead writes again inside a sentence ("Nissan
    names successor to Ghosn" / "… will run Nissan on a daily basis"): the story's own subject, which a definite
    description can point back at. A country is not one, nor a word capitalised only to start a sentence."""
    for word in set(_NAME_WORD.findall(article.cased_title)) - _FUNCTION_CAPITALS:
        if fold(word) in _country_index():
            continue
        again = re.compile(rf"[a-z,;]\s+{re.escape(word)}(?![\w'-])")
        if again.search(article.cased, 0, article.lead_end):
            return True
    return False


def _describes(cased: str, end: int, country: bool = True) -> bool:
    """Whether the name ending at `end` describes someone or something else: the first part of a compound
    ("Oscar-winning director", "Egyptian-born analyst", "Japan-based firm"), or before a noun that names a
    person by it, then the person ("Oscar nominee Alan Alda"): the article is about the director, the analyst,
    the actor. A person's trade after a name describes the person only when the name is a country's (`country`:
    "Japanese pianist Chieko Hara"); after a topic's or a phrase's word it says the subject ("Gold producer
    Barrick", "oil producer Rosneft")."""
    if cased[end:end + 1] == "-" and cased[end + 1:end + 2].islower():
        return True
    return bool(DESCRIBED.match(cased, end) or (country and PERSON_DESCRIBED.match(cased, end)))


_NAME_WORD = re.compile(r"[A-Z][\w'-]*")


def _counts(subject: Subject, cased: str, match: re.Match[str]) -> bool:
    """Whether a match says the subject: not the first part of a describing compound (_describes), for a
    lexicon topic not a person's given name or a month ("Oscar Pistorius", "in March": bot/topics.not_the_topic),
    and for a word typed in lower case, not a capitalised word inside a name ("Highland Gold", "Mr Gold", "Gold Dust"):
    capitalised with a capitalised word before it (not after a sentence's end) or after it."""
    start, end = match.span()
    if subject.anywhere:
        return True
    if _describes(cased, end, subject.country is not None) or (
            subject.names_read and not_the_topic(cased, start, end, lexicon())):
        return False
    if not subject.common or not cased[start:start + 1].isupper():
        return True
    before = cased[max(0, start - 40):start].rstrip()
    after = cased[end:end + 40].lstrip()
    prev_word = before.rsplit(None, 1)[-1] if before.split() else ""
    named_before = bool(_NAME_WORD.fullmatch(prev_word.strip("\"“‘(")))
    return not (named_before or bool(_NAME_WORD.match(after)))


def _weigh_countries(subject: Subject, article: Folded, verdict: Verdict) -> None:
    """A country's weight in the article against the other country it names most among those its title or lead
    names (Verdict.overshadowed: a country named often but never at the top is not the story's either): its
    names and its cities, counted as written."""
    counts, first = article.countries
    own = subject.country
    cities = len(verdict.near) if verdict.near or subject.near is None else \
        len(subject.near.findall(article.cased_title)) + len(subject.near.findall(article.cased))
    verdict.named = counts.get(own, 0) + cities
    others = [(n, i) for i, n in counts.items() if i != own and i in first]
    if others:
        n, i = max(others)
        verdict.rival, verdict.rival_named = _short_name(countries()[i]), n
        verdict.rival_titled = i in article.title_countries
    verdict.roundup = len(first) if len(first) >= ROUNDUP and not article.title_countries and \
        verdict.named <= max(n for i, n in counts.items() if i != own) else 0


def _short_name(names: frozenset[str]) -> str:
    """The name a reader knows a country by: pycountry's when short ("United Kingdom", "Libya"), else the
    shortest past abbreviations and inverted forms ("Venezuela", "South Korea", not "Korea, Republic of")."""
    plain = [n for n in names if len(n) > 3 and "," not in n]
    official = [n for n in plain if n in _country_name_set() and len(n) <= 15]
    return min(official or plain or sorted(names), key=lambda n: (len(n), n))


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


def _members_named(subject: Subject, article: Folded, verdict: Verdict) -> None:
    """A topic's members named in the article, as written, not inside a longer name (_in_longer_name), and how many
    distinct words of its field it uses anywhere (Verdict.by_members): "match" said five times in a council
    report is one word, not a football report."""
    assert subject.members is not None
    in_title = [m.group(0) for m in subject.members.finditer(article.cased_title)
                if not _in_longer_name(article.cased_title, m.start())]
    in_text = [m for m in subject.members.finditer(article.cased) if not _in_longer_name(article.cased, m.start())]
    verdict.members = in_title + [m.group(0) for m in in_text]
    if not verdict.members:
        return
    verdict.members_first = bool(in_title) or any(m.start() < article.lead_end for m in in_text)
    if subject.context is not None:  # a topic with no field has nothing to tell its clubs from their towns
        verdict.field_words = len({m.lastgroup for text in (article.title, article.text)
                                   for m in subject.context.finditer(text)})


_LONGER_NAME = re.compile(r"[A-Z][\w'-]*\s+(?:of|de|del|la|do|da)\s+$")


def _in_longer_name(cased: str, start: int) -> bool:
    """Whether a member's name at `start` ends a longer name joined by a particle ("San Juan de Lurigancho" is a
    Lima district, "the University of Leeds" no club): the longer name is another thing."""
    return bool(_LONGER_NAME.search(cased, max(0, start - 40), start))


def _peer_first(subject: Subject, article: Folded) -> str:
    """Another event of the topic's kind that the title names, or the lead names before the topic (the Spirit
    Awards report that calls them "the art-house version of the Oscars", the SAG winners "boosting their Oscar
    hopes"): the article is that event's story. Named after the topic or one of its members, the peer is the
    member's other business or a comparison ("Chelsea's hopes of a Champions League place"). A peer the topic's
    own terms match is the topic ("Academy Awards"); a name of function words is none ("The awards")."""
    assert subject.peers is not None
    own = subject.pattern.search(article.text, 0, article.lead_end)
    firsts = [_first_member(subject, article.cased_title, len(article.cased_title)),
              min(own.start() if own else article.lead_end, _first_member(subject, article.cased, article.lead_end))]
    for text, end in zip((article.cased_title, article.cased), firsts, strict=True):
        for match in subject.peers.finditer(text, 0, end):
            words = match.group(0).split()
            while words and words[0] in _FUNCTION_CAPITALS:
                words.pop(0)
            name = " ".join(words)
            if len(words) > 1 and not subject.pattern.search(name.lower()):
                return name
    return ""


def _first_member(subject: Subject, cased: str, end: int) -> int:
    """Where the text names the first of the topic's members before `end` (`end` when none)."""
    found = subject.members.search(cased, 0, end) if subject.members is not None else None
    return found.start() if found else end
