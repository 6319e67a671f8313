"""Within-article entity resolution: spaCy's entity spans become people, organisations and places.

The small English model tags "Jerí" as ORG in some sentences and PERSON in others, tags section headings
("Hamper Anti-Crime Efforts") as people, and cannot know that "Zeballos Trigoso" is a misspelling of
"Nicolás Zevallos Trigoso". So: headings contribute no entities of their own; a short form that is the
surname of a person named in full joins that person (fuzzily, for misspellings), unless two people named
in full share it ("Clinton" beside Bill and Hillary Clinton is neither, unless "Mr"/"Mrs" says which);
the type is a vote in which full names count double and short forms attached to a person do not vote.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import lru_cache

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span

from bot.extract.body_words import GROUP_NAME_WORDS, ORG_HEADS, STANDALONE_BODIES
from bot.extract.facts_common import TITLE_WORDS, drop_titles, text_of
from bot.extract.given_names import drop_name_prefix, gender, is_given_name, is_surname
from bot.extract.names import acronym_of, given_names_of, name_key, same_person
from bot.extract.types import EntityCluster, Mention, Sentence
from bot.nlp import english_words
from bot.places import is_known_place

LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ATTACH_ONLY = {"PRODUCT", "NORP", "WORK_OF_ART"}  # only ever a mis-tagged surname of a known person
SURNAME_SIMILARITY = 85
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_POSSESSOR = re.compile(r"^.+?['’]s\s+(?=[A-Z])")
# Honorifics the model often takes into a person's span ("Mr Seller", "Dr. Oz"): not part of the name,
# and kept they would split "Mr Seller" from "James Seller".
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+(?=[A-Z])")  # whatever the label ("Mr Camus" as ORG)
_HONORIFIC_GENDER = {"Mr": "m", "Mrs": "f", "Ms": "f", "Miss": "f"}


def sentence_index(sentences: list[Sentence]) -> list[int]:
    """Start offsets, for bisecting a character offset to its sentence."""
    return [s.start for s in sentences]


def sent_of(starts: list[int], offset: int) -> int:
    return max(0, bisect.bisect_right(starts, offset) - 1)


def clean_name(span: Span) -> tuple[str, str | None]:
    """The name as it should be stored, and a parenthetical alias if the span carried one."""
    text = span.text.replace("\n", " ")
    alias = None
    if "(" in text:
        text, _, alias = text.partition("(")
        alias = _EDGE.sub("", alias) or None
    if span.label_ == "ORG":
        text = drop_possessor(text)
    text = re.sub(r"['’]s$", "", text.strip())
    if text.lower().startswith("the "):
        text = text[4:]
    text = _HONORIFIC.sub("", text)
    if span.label_ == "PERSON":
        # "Dr Oz", "Mayor Ana Quispe", "Briton Tony Hayward"; an ORG keeps "Dr Pepper"
        text = drop_name_prefix(drop_titles(text), english_words())
    return _EDGE.sub("", text), alias


def drop_possessor(name: str) -> str:
    """ "Peru’s Congress" is Congress, but "the Attorney’s Office" is not just "Office"."""
    rest = _POSSESSOR.sub("", name)
    if rest != name and (len(rest.split()) > 1 or rest.lower() in STANDALONE_BODIES):
        return rest
    return name


def is_common_word(name: str, lowercase_words: set[str]) -> bool:
    """A one-word name the article also uses in lower case ("Corruption has tainted ...")."""
    return " " not in name and name.lower() in lowercase_words


def _honorific_gender(ent: Span) -> str | None:
    """ "m" for "Mr. Clinton", "f" for "Mrs."/"Ms."/"Miss", whether or not the model took the
    honorific into the span; None otherwise (and for the verb: "voters will miss Clinton")."""
    first = ent[0].text.rstrip(".")
    before = ent.doc[ent.start - 1].text.rstrip(".") if ent.start > 0 else ""
    word = first if first in _HONORIFIC_GENDER else before
    return _HONORIFIC_GENDER.get(word)


NAME_PARTICLES = frozenset("van von den der de del della di da dos das du la le".split())


def _with_group_head(doc: Doc, ent: Span, free_from: int) -> Span:
    """ "the Cartel of the Suns" tagged as "Suns" (or as a work of art): the group's whole name, an ORG."""
    i = ent.start
    if i >= 3 and i - 3 >= free_from and doc[i - 1].lower_ == "the" and doc[i - 2].lower_ == "of" \
            and doc[i - 3].lower_ in GROUP_NAME_WORDS and doc[i - 3].is_title:
        return Span(doc, i - 3, ent.end, label="ORG")
    if ent.label_ == "WORK_OF_ART" and ent[0].lower_ in GROUP_NAME_WORDS and ent[0].is_title:
        return Span(doc, ent.start, ent.end, label="ORG")
    return ent


def _with_name_start(doc: Doc, ent: Span, free_from: int) -> Span:
    """ "General’s Office" tagged in "the Attorney General’s Office", "Socio Ambiental" in "Amazonia Socio
    Ambiental": the model left the name's first words out. Untagged capitalised proper nouns right before
    the span that the parse hangs inside it join it; a person's title ("Minister") does not. A bracketed
    gloss ("(Primeiro Comando da Capital – PCC)") is left as tagged: it only adds an alias."""
    if ent.label_ not in ("ORG", "PERSON", "FAC") or (ent.start >= 2 and doc[ent.start - 2].text == "("):
        return ent  # a gloss in brackets is another name's alias, whichever words the model took
    if ent.label_ == "PERSON" and is_given_name(ent[0].text):
        return ent  # "Tony Hayward" is whole: "Executive" before it is not his name
    i = ent.start
    while i - 1 >= free_from:
        prev = doc[i - 1]
        inside = i - 1 < prev.head.i < ent.end
        titled = prev.lower_.rstrip(".") in PERSON_TITLES | TITLE_WORDS
        if prev.pos_ != "PROPN" or not prev.is_title or prev.ent_iob_ != "O" or not inside \
                or (titled and ent.label_ == "PERSON"):
            break
        i -= 1
    return ent if i == ent.start else Span(doc, i, ent.end, label=ent.label_)


def mend_particle_names(doc: Doc) -> None:
    """ "Bob van den Berghe" comes out of the model as "Bob van" and "Berghe": one person, whose name
    keeps its particles. Adjacent PERSON spans joined only by particles become one span (on the doc, so
    every extractor after this sees the same name)."""
    ents = list(doc.ents)
    mended: list[Span] = []
    for ent in ents:
        ent = _with_group_head(doc, ent, mended[-1].end if mended else 0)
        ent = _with_name_start(doc, ent, mended[-1].end if mended else 0)
        prev = mended[-1] if mended else None
        if prev is not None and prev[-1].lower_ in GROUP_NAME_WORDS and [t.lower_ for t in doc[prev.end : ent.start]] \
                in (["of"], ["of", "the"]):  # "Cartel" + "of the" + "Suns": the Cartel of the Suns
            start = next((t.i + 1 for t in reversed(prev) if t.text in ("’s", "'s")), prev.start)
            mended[-1] = Span(doc, start, ent.end, label="ORG")
            continue
        if prev is not None and prev.label_ == ent.label_ == "PERSON":
            gap = doc[prev.end : ent.start]
            joins = [t for t in [*gap, prev[-1]] if t.lower_ in NAME_PARTICLES]
            if all(t.lower_ in NAME_PARTICLES for t in gap) and joins and ent.start - prev.end <= 2:
                mended[-1] = Span(doc, prev.start, ent.end, label="PERSON")
                continue
        mended.append(ent)
    if [(e.start, e.end, e.label_) for e in mended] != [(e.start, e.end, e.label_) for e in ents]:
        doc.ents = mended


def extract_entities(doc: Doc, sentences: list[Sentence]) -> list[EntityCluster]:
    """Resolve the doc's entity spans into clusters, ordered by first mention."""
    mend_particle_names(doc)
    starts = sentence_index(sentences)
    lowercase_words = {t.text for t in doc if t.is_lower and t.is_alpha}
    held: list[tuple[Span, str, int]] = []  # heading mentions: kept only if they name a body entity
    spans: list[tuple[Span, str, int]] = []
    previous: Span | None = None
    for ent in doc.ents:
        if ent.label_ not in LABELS | ATTACH_ONLY:
            continue
        name, alias = clean_name(ent)
        if previous is not None and ent.start >= 2 and _another_name(doc, previous, ent):
            name, alias = "", name  # "Consultancy (Consultora ...)", "Mendoza, alias “El Porky”": the one before
        previous = ent
        sent = sent_of(starts, ent.start_char)
        target = held if sentences and sentences[sent].kind != "body" else spans
        if name and not name.islower() and not is_common_word(name, lowercase_words):
            target.append((ent, name, sent))
        if alias:
            target.append((ent, f"\x00{alias}", sent))
        for other in acronyms(doc, ent) if name else []:
            target.append((ent, f"\x00{other}", sent))
    resolver = _Resolver()
    for ent, name, sent in spans:
        resolver.add(ent, name, sent, create=True)
    for ent, name, sent in held:
        resolver.add(ent, name, sent, create=False)
    return resolver.clusters()


def _another_name(doc: Doc, previous: Span, ent: Span) -> bool:
    """The entity is another name of the one just before it: inside the brackets that follow it
    ("First Capital Command (Primeiro Comando da Capital – PCC)"), or its alias ("Mendoza, alias “El Porky”").
    Brackets after a place name another kind of thing are not its name: "TRIPOLI, Libya (Reuters) -" is a
    dateline, and taken as an alias it made Reuters a name of Libya."""
    between = doc[previous.end : ent.start]
    after = [t.text for t in doc[ent.end : ent.end + 2]]
    if after[:1] == [")"] and after[1:] and after[1] in DASHES:
        return False  # "BEIRUT (Reuters) -", "DUBAI (AP) —": a dateline's credit, whatever the model typed
    if len(between) and between[0].text == "(" and not any(t.text == ")" for t in between):
        return len(between) <= 4 and (ent.label_ in PLACE_LABELS) == (previous.label_ in PLACE_LABELS)
    words = [t.lower_ for t in between if not t.is_punct]
    return words == ["alias"] and len(between) <= 4


DASHES = frozenset({"-", "--", "–", "—"})
_ACRONYM_AFTER = re.compile(r"^\s*\(\s*(?:[^()]{0,80}?\s[–—-]\s*)?([A-Z][A-Za-z0-9-]{1,9}[A-Z0-9])\s*\)")


def acronyms(doc: Doc, ent: Span) -> list[str]:
    """The acronym the text gives an entity in brackets after it ("First Capital Command (Primeiro Comando
    da Capital – PCC)", "Mara Salvatrucha (MS13)"). Initials a text never writes ("AMLO") are matched at
    look-up time instead (bot/answer/lookup.py): as aliases they would join unrelated names across articles."""
    m = _ACRONYM_AFTER.match(text_of(doc)[ent.end_char : ent.end_char + 120])  # doc.text is rebuilt per access
    if not m or sum(c.isupper() for c in m.group(1)) < 2:
        return []
    letters = "".join(c for c in m.group(1).lower() if c.isalpha())
    gloss = m.group(0).split("(", 1)[1].rsplit(m.group(1), 1)[0].strip(" –—-")
    # the acronym of the name or of its gloss: "UN Supervision Mission in Syria (UNSMIS)" gives "Syria" nothing
    return [m.group(1)] if any(acronym_of(n) == letters for n in (ent.text, gloss) if n) else []


GROUP_WORDS = frozenset(
    "gang gangs group groups cartel cartels mafia militia faction factions organization organisation network"
    " clan army guerrilla guerrillas rivals party command".split()
)
PERSON_TITLES = frozenset(
    "president governor minister secretary senator mayor general judge prosecutor attorney commissioner chief"
    " director leader alias congressman congresswoman deputy lawmaker ambassador sheriff colonel captain"
    " commander founder head spokesman spokeswoman analyst researcher journalist".split()
)
PLATFORMS = frozenset("twitter facebook instagram youtube tiktok whatsapp telegram".split())


PLACE_NOUNS = frozenset(
    "state department province region municipality city town village district county country".split())


def _place_context(ent: Span) -> bool:
    """The words around a name make it a place: "the state of Guerrero", "in the department of Cauca",
    "southwest Guerrero state" (a lower-case place noun right after it), not "the State of the Union"."""
    doc = ent.doc
    if ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].lower_ in PLACE_NOUNS \
            and doc[ent.start - 2].is_lower:
        return True
    nxt = doc[ent.end] if ent.end < len(doc) else None
    return nxt is not None and nxt.is_lower and nxt.lower_ in PLACE_NOUNS and nxt.dep_ != "poss" \
        and ent.root.dep_ == "compound"


def said_type(ent: Span, name: str) -> str | None:
    """The type the text itself gives a name: "a gang known as Los Ardillos", "Los Ardillos, a criminal
    group", "Mara Salvatrucha" (a gang's name), "Governor Wilson Witzel", "alias “El Porky”", "Twitter"."""
    doc = ent.doc
    words = {w.lower() for w in name.split()}
    if words & PLATFORMS:
        return "ORG"
    if words & GROUP_NAME_WORDS and ent.label_ != "GPE":
        return "ORG"
    before = [t for t in doc[max(ent.sent.start, ent.start - 4) : ent.start] if not t.is_punct]
    if before and before[-1].lower_ in PERSON_TITLES:
        return "PERSON"  # "Governor Wilson Witzel", "alias El Porky"
    if len(before) >= 2 and before[-1].lemma_.lower() in GROUP_WORDS and before[-1].pos_ == "NOUN" \
            and before[-2].lower_ in ("the", "a", "an"):
        return "ORG"  # "the founder of the group Gente del Orden": the noun before the name says what it is
    if [t.lower_ for t in doc[ent.end : min(ent.sent.end, ent.end + 2)]] == [",", "alias"]:
        return "PERSON"  # "Yeison Segura Mina, alias “Don Y,”": a nickname is a person's
    if _place_context(ent):
        return ent.label_ if ent.label_ in ("GPE", "LOC") else "GPE"  # "the state of Guerrero", "Guerrero state"
    if len(before) >= 3 and [t.lower_ for t in before[-2:]] == ["known", "as"]:
        if before[-3].lemma_.lower() in GROUP_WORDS:
            return "ORG"  # "a local criminal gang known as Los Ardillos"
    after = doc[ent.end : min(ent.sent.end, ent.end + 5)]
    if len(after) >= 3 and after[0].text == "," and after[1].lower_ in ("a", "an", "the"):
        nouns = [t for t in after[2:] if t.pos_ == "NOUN"]
        # the phrase's head, not a word that describes it: "Nariño, a coca-rich department" is a department
        noun = next((t for t in nouns if t.dep_ not in ("compound", "nmod", "npadvmod", "amod")), None) \
            or (nouns[0] if nouns else None)
        if noun is not None and noun.lemma_.lower() in GROUP_WORDS:
            return "ORG"  # "Los Ardillos, a criminal group"
        if noun is not None and noun.lemma_.lower() in PERSON_TITLES:
            return "PERSON"  # "Witzel, the governor of Rio"
        if noun is not None and noun.lemma_.lower() in PLACE_NOUNS:
            return "GPE"  # "Nariño, a coca-rich department", "Pataz, a mining province"
    return None


def _a_place(name: str) -> bool:
    """A name the gazetteer knows as a place and no one bears alone: "Nariño", "Valle del Cauca", not
    "Flores" or "Guerrero" (surnames as well as a department and a state: "Flores said" is a person)."""
    return is_known_place(name) and not (" " not in name.strip() and is_surname(name))


@lru_cache(maxsize=16384)
def _key_words(name: str) -> tuple[str, ...]:
    """The words of a name's key; cached, as the resolver splits every person's aliases again for each mention."""
    return tuple(name_key(name).split())


class _Resolver:
    """Accumulates mentions into clusters: full person names first, then short forms by surname."""

    def __init__(self) -> None:
        self.by_key: dict[str, int] = {}
        self.members: list[dict] = []
        self.last: int | None = None  # the cluster of the latest mention, for a parenthetical alias

    def add(self, ent: Span, name: str, sent: int, create: bool) -> None:
        if name.startswith("\x00"):  # parenthetical alias of the previous mention
            self._attach_alias(name[1:])
            return
        key = name_key(name)
        idx, by_title = self._find(key, _honorific_gender(ent))
        if idx is None:
            if not create or ent.label_ in ATTACH_ONLY:
                # a bracketed name after this one ("CARACAS (Reuters)" in a heading) is this one's alias:
                # with this one dropped, it is nobody's, not the alias of whoever was named last
                self.last = None
                return
            idx = len(self.members)
            self.members.append({"aliases": Counter(), "votes": Counter(), "mentions": [], "first": sent,
                                 "said": set()})
        member = self.members[idx]
        if not by_title:  # "Mrs. Clinton" chose her; a bare "Clinton" later has not
            self.by_key.setdefault(key, idx)
            member["aliases"][name] += 1
        member["mentions"].append(Mention(name, ent.start_char, ent.end_char, sent))
        self._vote(member, ent, name)
        self.last = idx

    def _find(self, key: str, honorific: str | None) -> tuple[int | None, bool]:
        """The cluster a name joins, and whether a title chose it among namesakes: "Mrs. Clinton" is
        the one Clinton named in full whose given name is a woman's, whatever "Clinton" alone has
        joined so far."""
        if key in self.by_key and (honorific is None or " " in key):
            return self.by_key[key], False
        people = self._people_by_surname(key)
        one = bool(people) and all(same_person(people[0][1], full) for _, full in people[1:])
        if honorific is not None and people:
            fitting = [idx for idx, full in people if gender(full) in (honorific, None)]
            return (fitting[0], not one) if len(fitting) == 1 else (None, False)
        if key in self.by_key:
            return self.by_key[key], False
        if not people:  # "Saif al-Islam" after "Saif al-Islam Gaddafi": the one person this article names so
            people = self._people_by_given_names(key)
            one = len(people) == 1
        return (people[0][0] if one else None), False

    def _people_by_given_names(self, key: str) -> list[tuple[int, str]]:
        """People named in full earlier in the article whose full name opens with this short one ("Saif
        al-Islam" of "Saif al-Islam Gaddafi"); see `given_names_of`. A one-word name is nobody's given names, and
        only people's aliases are read: this runs for every mention no one was found for yet (each place and
        organisation named), and read every alias of every cluster (1.07 million `given_names_of` calls for
        200 articles of a feed burst)."""
        if len(name_key(key).split()) < 2:
            return []
        found = []
        for idx, member in enumerate(self.members):
            if member["votes"]["PERSON"] <= 0:
                continue
            fuller = [a for a in member["aliases"] if given_names_of(key, a)]
            if fuller:
                found.append((idx, fuller[0]))
        return found

    def _people_by_surname(self, key: str) -> list[tuple[int, str]]:
        """People named in full whose surname a short form ("Jerí", "Zeballos Trigoso") is, with the
        full name: exact surnames, or close ones (misspellings) when none is exact. Two people there
        ("Bill Clinton" and "Hillary Clinton") leave a bare "Clinton" ambiguous: it is neither.
        Nearest first, as the article last named them."""
        size = len(key.split())
        tails = [(idx, alias, " ".join(parts[-size:]))
                 for idx in sorted(range(len(self.members)), key=lambda i: -self._recency(i))
                 if self.members[idx]["votes"]["PERSON"] > 0
                 for alias in self.members[idx]["aliases"] if len(parts := _key_words(alias)) > size]
        exact: dict[int, str] = {}
        for idx, alias, tail in tails:
            if tail == key:
                exact.setdefault(idx, alias)
        if exact or len(key) < 6:  # close surnames only count when no surname is exact
            return list(exact.items())
        close: dict[int, str] = {}
        for idx, alias, tail in tails:
            if fuzz.ratio(tail, key) >= SURNAME_SIMILARITY:
                close.setdefault(idx, alias)
        return list(close.items())

    def _recency(self, idx: int) -> int:
        mentions = self.members[idx]["mentions"]
        return mentions[-1].start if mentions else -1

    def _vote(self, member: dict, ent: Span, name: str) -> None:
        label = ent.label_
        full = len(name.split()) > 1
        if member["votes"]["PERSON"] > 0 and not full:
            return  # a surname attached to a person does not outvote the full name
        nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if nxt is not None and nxt.lower_ in ORG_HEADS:
            label = "ORG"  # "Somos Perú party" is a party, whatever the tagger says
        said = said_type(ent, name)
        if said is not None:
            member["said"].add(said)
            member["votes"][said] += 3  # the text's own words outvote the tagger
            return
        member["votes"][label] += 2 if full else 1

    def _attach_alias(self, alias: str) -> None:
        if self.last is not None:
            self.members[self.last]["aliases"][alias] += 0
            self.by_key.setdefault(name_key(alias), self.last)

    def clusters(self) -> list[EntityCluster]:
        out = []
        for member in sorted(self.members, key=lambda m: m["first"]):
            votes = member["votes"]
            etype = max(sorted(votes), key=lambda label: votes[label]) if votes else "ORG"
            if etype in ATTACH_ONLY:
                continue
            aliases = member["aliases"]
            if etype == "PERSON" and "PERSON" not in member["said"] and aliases and all(map(_a_place, aliases)):
                etype = "GPE"  # "São Paulo", "Nariño": the small model's person is a region the gazetteer knows
            name = max(aliases, key=lambda a: (len(a.split()), aliases[a], len(a)))
            out.append(EntityCluster(name, etype, set(aliases), member["mentions"]))
        return out
