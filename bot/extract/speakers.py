"""Who a quote's attribution names: subjects, names beside roles, and what "he", "she" and "it" refer to.

A misattributed quote is worse than none: a pronoun resolves only to the one person (or organisation,
for "it") the nearby text makes its referent, never to a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from bot.extract.entities import PERSON_TITLES
from bot.extract.facts_common import (
    TITLE_WORDS,
    canonical,
    chain_text,
    drop_titles,
    name_chain,
    sentence_index,
    text_of,
    tokens_in,
)
from bot.extract.given_names import gender, pronoun_fits
from bot.extract.names import fold
from bot.extract.speech_verbs import SPEECH_LEMMAS
from bot.extract.types import ArticleContext, EntityCluster, Sentence
from bot.nlp import english_words
from bot.places import places

_POSSESSIVE_END = re.compile(r"['’]s?$")
_MARKUP_CHARS = set('<>="“”{}|')  # a "speaker" with these is a parse of markup
_PRONOUNS = {"he", "she"}
_ARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|az)-", re.IGNORECASE)  # "al-Assad" is also written "Assad"
_OBJECT_FORMS = {"him": "he", "her": "she"}
_POSSESSIVE_FORMS = {"his": "he", "her": "she"}
_WRITER = frozenset("i we".split())  # the reporter's own voice in a first-person piece
_COPULAS = frozenset("be seem appear remain become".split())
_SUBJ_DEPS = ("nsubj", "nsubjpass")
_CHAIN_HOPS = 3  # sentences: how far "he said" may follow a chain of "he ..." sentences back to a name
_ADDRESSING = SPEECH_LEMMAS | {"speak", "talk"}  # "spoke to X": X listens
_LISTENERS = frozenset("tell ask question inform brief advise warn urge".split())  # passive subject listens
_ORG_WORDS = frozenset(
    "power police aid bank news group tech airlines airways energy health motors media foundation trust fund "
    "partners capital securities holdings insurance pharma council party union club university college".split()
)  # "Georgia Power", "Christian Aid": a given name heading an organisation's name
_DISOWNING = frozenset("falsely wrongly incorrectly mistakenly erroneously misleadingly never".split())
DENYING = frozenset("deny dispute reject refute".split())
_DENYING = DENYING
_PLATFORMS = frozenset("twitter facebook instagram youtube tiktok linkedin weibo telegram x".split())
_PARTICLES = frozenset("de del della der di da dos du la le van von bin ibn al el y".split())
DOCUMENTS = frozenset("letter statement email message note memo post tweet report release".split())

NAME_WORD = r"[A-ZÁÉÍÓÚÑÜ][\w'’.-]+"  # a capitalised word of a name, in a pattern
_TITLE_ONLY = re.compile(r"^[Tt]he\s+((?:[a-z-]+\s+){0,2}[a-z-]+)$")  # "The prime minister", "the actor"
_TITLE_NAME_WORDS = 4  # words: longest name read after a title ("Prime Minister Lawrence Gonzi")


def titled_person(speaker: str, ctx: ArticleContext, text: str) -> str:
    """ "The prime minister told a news conference …" in an article that names "Maltese Prime Minister
    Lawrence Gonzi" or "Tom Harper, the actor,": a title alone is the one person the article gives that
    title, written before the name or set after it; with no such person, or two, the title stays as it
    is."""
    title = _TITLE_ONLY.match(speaker)
    if title is None or re.search(r"[^s]s$", title.group(1)):
        return speaker  # "the senators": several people, whoever the article names first
    role = r"\s+".join(re.escape(w) for w in title.group(1).split())
    name = rf"((?:{NAME_WORD}\s+){{0,{_TITLE_NAME_WORDS - 1}}}{NAME_WORD})"
    found = {_person_of(hit.group(1), ctx) for hit in re.finditer(rf"(?<![\w-])(?i:{role})\s+{name}", text)
             if not _another_office(text, hit.start())}
    for hit in re.finditer(rf"{name},\s+(?:the|an?)\s+{role}\b", text):  # "Tom Harper, the actor,"
        words = hit.group(1).split()  # "Friday. Tom Harper": the longest closing run that is a person
        found.add(next((p for k in range(len(words)) if (p := _person_of(" ".join(words[k:]), ctx))), None))
    found.discard(None)
    return found.pop() if len(found) == 1 else speaker


# words that make another office of a title: a "prime minister" or "vice president" is not "the minister" or
# "the president" the article then names alone
_TITLE_MODIFIERS = frozenset("prime vice deputy assistant acting junior under associate".split())


def _another_office(text: str, at: int) -> bool:
    """The title found at `at` is part of another office: "Prime Minister Lawrence Gonzi" for "the minister"."""
    before = text[max(0, at - 20):at].split()
    return bool(before) and before[-1].lower() in _TITLE_MODIFIERS


def _person_of(words: str, ctx: ArticleContext) -> str | None:
    """The article's person the longest opening run of these words names ("Lawrence Gonzi said"), or None
    when that run names something else or nothing."""
    parts = words.split()
    for n in range(len(parts), 0, -1):
        cluster = ctx.resolve(" ".join(parts[:n]))
        if cluster is not None:
            return cluster.name if cluster.type == "PERSON" else None
    return None


class SpeakerResolver:
    """Turns an attribution's subject into a speaker name; resolves he/she to a named person."""

    def __init__(self, doc: Doc, ctx: ArticleContext, inside: list[tuple[int, int]]) -> None:
        """Index the article's person mentions outside quotes once, for every pronoun look-up."""
        self.doc, self.ctx, self.inside = doc, ctx, inside
        self.speakers: list[tuple[int, str | None]] = []
        self.attributions: dict[int, str | None] = {}  # an attribution's first token: the speaker it gave
        people = [c for c in ctx.entities if c.type == "PERSON" and not _has_digit(c.name)]
        self.surnames = {c.name.split()[-1] for c in people if " " in c.name}
        mentions = [(m.start, m.end, c.name) for c in people for m in c.mentions]
        self.persons = sorted(
            (start, end, name)
            for start, end, name in mentions + self._untagged_surnames(people)
            if not within(start, inside) and not self._modifier(start, end)
        )
        self._all_text: str | None = None
        self.sayers: list[tuple[int, int, str]] = []  # `pronoun` reads it while `_sayers` runs ("He (Steve) said")
        self.sayers = self._sayers()

    def _untagged_surnames(self, people: list[EntityCluster]) -> list[tuple[int, int, str]]:
        """Surnames of the article's people where the model tagged nothing, as long as it parsed them as
        proper nouns: still a mention "she" can refer to. A surname two people share, or one read as
        an ordinary word ("Long queues formed"), is left alone."""
        owners: dict[str, set[str]] = {}
        for c in people:
            words = c.name.split()
            if len(words) > 1:
                owners.setdefault(words[-1], set()).add(c.name)
        tagged = {m.start for c in self.ctx.entities for m in c.mentions}
        found = []
        for tok in self.doc:
            names = owners.get(tok.text)
            if names and len(names) == 1 and tok.pos_ == "PROPN" and not tok.ent_type_ and tok.idx not in tagged:
                found.append((tok.idx, tok.idx + len(tok), next(iter(names))))
        return found

    def _modifier(self, start: int, end: int) -> bool:
        """A name used as a modifier ("an Oscar nomination", "the Trump campaign") or a family ("the
        Berlusconis") is no one "he" or "she" can refer to."""
        words = tokens_in(self.doc, start, end)
        if not len(words):
            return False
        last = words[-1]
        return self._family(words) or (
            last.dep_ == "compound" and last.head.pos_ == "NOUN" and last.head.i >= words.end
        )

    def _family(self, words: Span) -> bool:
        """ "the Berlusconis", "the Clintons": the plural of a surname the article gives a person."""
        text = words.text
        if len(words) != 1 or words.start == 0 or self.doc[words.start - 1].lower_ != "the" or text[-1:] != "s":
            return False
        return text[:-1] in self.surnames or (text.endswith("es") and text[:-2] in self.surnames)

    def speaker(self, subj: list[Token], at: int, said: tuple[int, int] | None = None) -> str | None:
        """Canonical speaker name for an attribution subject found near char `at`; `said` is where the
        words attributed stand (the quote, or the reported clause), which a pronoun's person never is
        named in (see `names_within`)."""
        if len(subj) == 1 and subj[0].pos_ == "PRON":  # resolved where the pronoun stands, not at the quote
            word, at = _OBJECT_FORMS.get(subj[0].lower_, subj[0].lower_), min(at, subj[0].idx)  # "quoted him"
            if word == "it":
                return self.organisation(at)
            reported = self._reported_span(said, subj[0].idx)
            person = self.pronoun(at, word, skip=reported) if word in _PRONOUNS else None
            return None if reported is not None and self.names_within(person, *reported) else person
        if _labelled(subj):
            return None
        whole = whole_name(subj)
        text = chain_text(whole)
        if not text or text.lower() in ("i", "we", "you", "it", "they") or _MARKUP_CHARS & set(text):
            return None
        name = _POSSESSIVE_END.sub("", canonical(self.ctx, text))  # an entity named "DuVernay’s"
        if whole[0].i < subj[0].i and len(name) < len(text) and text.endswith(name):
            return text  # "Amazonia Socio Ambiental": not the "Socio Ambiental" the tagger cut from it
        subj = whole
        mention = self._entity_at(subj[-1].idx) if all(t.pos_ == "PROPN" for t in subj) else None
        if mention is not None and len(mention) > len(name) and name in mention:
            return mention  # "Lima Chamber" of "the Lima Chamber of Commerce said", "Strathaus" of "Schulte-Strathaus"
        return name

    def _reported_span(self, said: tuple[int, int] | None, pronoun: int) -> tuple[int, int] | None:
        """Where the words a pronoun's attribution reports stand: the quote or clause, and when the
        attribution comes after them ("Libya, where Gaddafi is trying to crush a revolt, was an example
        of how to “protect our values,” she told the lawmakers") the whole sentence before it, since a
        name in what someone is reported saying is never who "she" is. Not so when words stand between
        the quote and the pronoun, or a colon lead opens the sentence."""
        if said is None or pronoun < said[1]:
            return said
        text = text_of(self.doc)
        start = self.ctx.sentences[sentence_index(self.ctx, said[0])].start
        if re.search(r"\w", text[said[1] : pronoun]) or ":" in text[start : said[0]]:
            return said  # "“…,” but he said": another attribution; "X scolded him: “…,” she said": X's lead
        return (min(start, said[0]), said[1])

    def names_within(self, name: str | None, start: int, end: int) -> bool:
        """Whether the text from `start` to `end` names this person (a mention of the article's entity, or
        a surname of any of its names as a word, with or without its article: "al-Assad", "Assad"):
        "“It could take years, as Badran held the area,” he said" and "a pistol he said he had taken from
        Badran" are not Badran's words, whoever the sentences before name."""
        if not name:
            return False
        cluster = self.ctx.resolve(name)
        if cluster is not None and any(start <= m.start < end for m in cluster.mentions):
            return True
        surnames = {n.split()[-1] for n in {name, *(cluster.aliases if cluster is not None else ())} if n.split()}
        surnames |= {_ARTICLE.sub("", n) for n in surnames}
        text = text_of(self.doc)[start:end]  # doc.text rebuilds the whole text from its tokens
        return any(len(n) > 2 and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text) for n in surnames)

    def _entity_at(self, char: int) -> str | None:
        """The name of the entity whose mention covers `char`, without a title the tagger left on a
        non-person ("Dr Houck" tagged ORG)."""
        cluster = self._cluster_at(char)
        return drop_titles(cluster.name) if cluster is not None else None

    def _cluster_at(self, char: int) -> EntityCluster | None:
        """The entity whose mention covers `char`, by the article's own resolution."""
        return next((c for c in self.ctx.entities if any(m.start <= char < m.end for m in c.mentions)), None)

    def pronoun(self, at: int, word: str, hops: int = 0, skip: tuple[int, int] | None = None) -> str | None:
        """The person "he"/"she" at `at` refers to, looking back sentence by sentence (see
        `_recent_sentences`): the only person, previous speaker or subject of the nearest sentence that
        names any. Two stops: a sentence whose subject is the same pronoun hands over to that pronoun, a
        few times at most ("He also believes ... “...,” he said"), and a sentence whose speaker is unnamed
        ("One dealer told Reuters ...") means the text does not say who speaks. A sentence whose subject
        is the other pronoun ("She criticised him.") names someone "he" is not: the search goes on
        past it, without that person, when it names nobody else, and stops when it cannot tell who
        that is. People named inside `skip` (the words reported) are no candidates."""
        said = [(pos, pos, name) for pos, name in self.speakers
                if name and _name_like(name) and pos < at and not self._not_person(name)]
        said = sorted(said + [s for s in self.sayers if s[0] < at])
        earlier = [p for p in self.persons if p[0] < at] + said  # people the parser missed but who spoke
        if skip is not None:
            earlier = [p for p in earlier if not skip[0] <= p[0] < skip[1]]
        excluded: set[str] = set()
        for sent in self._recent_sentences(at):
            subj = self._main_subject(sent, at)
            if subj is not None and skip is not None and skip[0] <= subj.idx < skip[1]:
                subj = None  # "The Does, he says, …": the subject of the words he reports
            asked = self._addressed(sent, at, word) if subj is not None and subj.lower_ in _WRITER else None
            asked = asked or _owner(subj, word)  # "His words echo …": the sentence is about him
            if asked is not None:  # "Is it true, I ask him. “…,” he replies.": whom the writer asks answers
                return self.pronoun(asked.idx, word, hops + 1) if hops < _CHAIN_HOPS else None
            if subj is not None and subj.lower_ in _PRONOUNS:
                if hops >= _CHAIN_HOPS:
                    return None
                quoted = [n for pos, n in self.speakers if n and sent.start <= pos < sent.end and pos < at]
                if subj.lower_ == word and quoted and pronoun_fits(word, quoted[-1]):
                    return quoted[-1]  # "“…,” he tells me. He accuses …": whom his quote went to
                if subj.lower_ == word:
                    return self.pronoun(subj.idx, word, hops + 1, skip=_reported_before(subj, sent))
                other = self.pronoun(subj.idx, subj.lower_, hops + 1)
                named = any(sent.start <= p[0] < sent.end and p[2] != other for p in earlier)
                if other is None or named or self._someone_unnamed(sent, at):
                    return None  # "She praised X", "She fired the manager": "he" may be X or the manager
                excluded.add(other)
                continue
            here = self._people_of(sent, subj, earlier)
            if here is None:
                return None
            here = [p for p in here if p[2] not in excluded]
            if here:
                return self._choose(word, here, [p for p in said if p[2] not in excluded], sent)
        return None

    def _addressed(self, sent: Sentence, at: int, word: str) -> Token | None:
        """The "him"/"her" a first-person sentence speaks to or asks ("I ask him", "I pressed her
        further"), when that is the pronoun looked up: the interviewee, who is who "he replies"."""
        for tok in tokens_in(self.doc, sent.start, min(sent.end, at)):
            if _OBJECT_FORMS.get(tok.lower_) == word and tok.dep_ in ("dobj", "dative") \
                    and not within(tok.idx, self.inside):
                return tok
        return None

    def _not_person(self, name: str) -> bool:
        """A speaker the article types as a place and that is one word, a known place or an English word
        ("the West had told Russia …"): never "he". (The tagger types many people as bodies or places.)"""
        cluster = self.ctx.resolve(name)
        if cluster is None or cluster.type not in ("GPE", "LOC", "NORP", "FAC") or " " in name:
            return False  # "Rene Preval" typed GPE is still a person
        return fold(name) in places() or name.lower() in english_words()

    def _someone_unnamed(self, sent: Sentence, at: int) -> bool:
        """The sentence has a common noun as a subject or object ("the manager"), who may be a person."""
        words = tokens_in(self.doc, sent.start, min(sent.end, at))
        deps = ("nsubj", "nsubjpass", "dobj", "dative")
        return any(t.pos_ == "NOUN" and t.dep_ in deps and not within(t.idx, self.inside) for t in words)

    def _people_of(
        self, sent: Sentence, subj: Token | None, earlier: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]] | None:
        """The people a sentence names, with its subject when the model missed it ("Trump went
        further.", "frontwoman Ana Matronic won"); None when its speaker is unnamed ("One dealer
        told Reuters ..."), though not "Matthews said ..." read as a common noun."""
        here = [p for p in earlier if sent.start <= p[0] < sent.end]
        if subj is None or any(p[0] <= subj.idx < p[1] for p in here):
            return here
        titled = self._titled(subj)
        if titled is not None:
            return here + [titled]
        if _unnamed_speaker(subj):
            return None
        return here + self._as_person(subj)

    def _titled(self, subj: Token) -> tuple[int, int, str] | None:
        """ "The director said …" where the article names "Director Maria Lenz" (see `titled_person`): the
        subject is that person, whom a "she added" after it goes on quoting."""
        words = subject_words(subj)
        if subj.pos_ != "NOUN" or not words or words[0].lower_ != "the":
            return None
        said = chain_text(words)
        if self._all_text is None:
            self._all_text = " ".join(s.text for s in self.ctx.sentences)  # a name given in any line
        person = titled_person(said, self.ctx, self._all_text)
        return (words[0].idx, words[-1].idx + len(words[-1]), person) if person != said else None

    def _choose(self, word: str, here: list[tuple[int, int, str]], said: list[tuple[int, int, str]],
                sent: Sentence) -> str | None:
        """The person of one sentence "he"/"she" refers to: the one the grammar picks (see
        `_disambiguate`), unless a given name rules them out; a given name decides alone only when
        the grammar picks nobody ("she" after "the award went to Janet Quispe and Richard Mendoza")
        and the sentence has no other named subject the model did not take for a person ("as Trump
        went on", Trump tagged as an organisation). The census lists misjudge many names (Hilary
        Benn, Andrea Pirlo), so a name ruled out gives nobody, never someone further back."""
        names = {p[2] for p in here}
        last = _fitting(word, said)
        picked = names.pop() if len(names) == 1 else self._disambiguate(here, last[-1][2] if last else None)
        if picked is not None:
            return picked if pronoun_fits(word, picked) else None
        fit = {p[2] for p in _fitting(word, here)}
        return fit.pop() if len(fit) == 1 and not self._other_named_subject(sent, here) else None

    def _other_named_subject(self, sent: Sentence, here: list[tuple[int, int, str]]) -> bool:
        """A proper-noun subject in the sentence that is none of the people found there."""
        words = tokens_in(self.doc, sent.start, sent.end)
        return any(
            t.dep_ in _SUBJ_DEPS and t.pos_ == "PROPN" and not within(t.idx, self.inside)
            and not any(p[0] <= t.idx < p[1] for p in here)
            for t in words
        )

    def organisation(self, at: int, hops: int = 0) -> str | None:
        """What "it" speaks for ("The Chambers of Commerce welcomed the plan. “...,” it said."): the
        name that is the main subject of the nearest sentence that has one, unless it names a person.
        A common noun there ("The plan was ...") may be what "it" is, and a reporting clause at the end
        ("The Chamber welcomed the law, Reuters reported.") leaves two candidates: nobody."""
        for sent in self._recent_sentences(at):
            quoted = [name for pos, name in self.speakers if name and sent.start <= pos < min(sent.end, at)]
            if quoted:  # "“...,” the White House said. “...,” it said.": the organisation just quoted
                cluster = self.ctx.resolve(quoted[-1])
                return quoted[-1] if cluster is not None and cluster.type not in ("PERSON", "GPE") else None
            words = tokens_in(self.doc, sent.start, min(sent.end, at))
            root = next((t for t in words if t.dep_ == "ROOT" and not within(t.idx, self.inside)), None)
            subj = next((c for c in root.children if c.dep_ in _SUBJ_DEPS), None) if root is not None else None
            if subj is None or subj.idx >= at or within(subj.idx, self.inside):
                continue
            if subj.lower_ == "it" and hops < _CHAIN_HOPS and root.pos_ == "VERB" and root.lemma_ not in _COPULAS:
                # "Last week, it denied ... “...,” it said.", not "It was the largest fine ..."
                return self.organisation(subj.idx, hops + 1)
            reported = root.lemma_ in SPEECH_LEMMAS and any(c.dep_ == "ccomp" and c.i < root.i for c in root.children)
            if subj.pos_ != "PROPN" or reported:
                return None
            named = self._cluster_at(subj.idx)
            if named is None:
                return self.speaker(subject_words(subj), subj.idx)
            return named.name if named.type != "PERSON" else None
        return None

    def _as_person(self, subj: Token) -> list[tuple[int, int, str]]:
        """A sentence's subject as a person mention the model missed: a name, if nothing in the article
        says it is something else, or the name set beside a role noun ("frontwoman Ana Matronic")."""
        if subj.pos_ == "PROPN":
            words = subject_words(subj)
            if self._family(tokens_in(self.doc, words[-1].idx, words[-1].idx + len(words[-1]))):
                return []  # "The Nasrallahs will never leave": a family, no one "he" refers to
            name = self.speaker(words, subj.idx)
            if not name or not self._person_like(name, words, spoke=False):
                return []
        elif subj.pos_ == "NOUN" and named_apposition(subj) is not None:
            words = person_part(name_chain(named_apposition(subj)))
            name = self.speaker(words, subj.idx)
        else:
            return []
        return [(words[0].idx, words[-1].idx + len(words[-1]), name)] if name else []

    def _main_subject(self, sent: Sentence, at: int) -> Token | None:
        """The subject of the sentence's main verb, when it stands outside quotes and before `at`. A
        sentence that opens with "he"/"she" as a subject is about that person, however the parser
        hangs the rest ("He added a note of caution, should Clinton attempt a return"), unless it
        opens words someone else reports ("He was never a leader, Mendoza told reporters")."""
        words = tokens_in(self.doc, sent.start, min(sent.end, at))
        first = next((t for t in words if t.is_alpha), None)
        opening = first is not None and first.lower_ in _PRONOUNS and first.dep_ in _SUBJ_DEPS
        if opening and not within(first.idx, self.inside) and not _reported_clause(first.head):
            return first
        for tok in words:
            if tok.dep_ == "ROOT" and not within(tok.idx, self.inside):
                aside = _parenthetical_speaker(tok)
                if aside is not None and aside.idx < at:
                    return aside  # "The Does, he says, will never leave": the sentence is his words
                subj = next((c for c in tok.children if c.dep_ in _SUBJ_DEPS), None)
                if subj is not None and subj.idx < at and not within(subj.idx, self.inside):
                    return subj
        return None

    def _recent_sentences(self, at: int, count: int = 3, reach: int = 5) -> Iterator[Sentence]:
        """The sentence holding `at`, then up to `count - 1` before it within `reach` sentences, not
        counting sentences that are wholly quoted: a speaker's three-sentence quote does not push the
        speaker out of reach, but a long quoted excerpt does."""
        here = sentence_index(self.ctx, at)
        seen = 0
        for back in range(here, max(here - reach, -1), -1):
            sent = self.ctx.sentences[back]
            words = tokens_in(self.doc, sent.start, sent.end)
            if back != here and all(within(t.idx, self.inside) for t in words if t.is_alpha):
                continue
            if back != here and not any(t.pos_ in ("VERB", "AUX") for t in words):
                continue  # "Shall We Dance? and her new album.": a split-off fragment, not a sentence
            seen += 1
            yield sent
            if seen == count:
                return

    def _sayers(self) -> list[tuple[int, int, str]]:
        """People reported speaking outside quote marks ("Parul Jain, an economist, said ..."), also when
        the model did not tag them as people: the likeliest referents of a later "he said"."""
        found = []
        for tok in self.doc:
            if tok.lemma_ not in SPEECH_LEMMAS or tok.pos_ != "VERB" or within(tok.idx, self.inside):
                continue
            subj = subject_of(tok)
            if subj is None or subj.i > tok.i or within(subj.idx, self.inside) or said_second_hand(tok):
                continue
            if subj.pos_ != "PROPN" and not any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in subj.children):
                continue
            words = subject_words(subj)
            name = self.speaker(words, tok.idx)
            if name and self._person_like(name, words, spoke=True):
                found.append((tok.idx, tok.idx, name))
        return found

    def _person_like(self, name: str, words: list[Token], spoke: bool) -> bool:
        """A name the article treats as a person's, one after a title ("Mr"), or one it does not type:
        a full name, or a single word when it is the subject of a speech verb (not "the Night")."""
        if _has_digit(name) or not _name_like(name):
            return False  # "H1N1", "G7", "swine flu responds": not people
        cluster = self.ctx.resolve(name)
        if cluster is not None and cluster.type == "PERSON":
            return True
        if len(name.split()) in (2, 3) and gender(name) is not None and not _ORG_WORDS & set(name.lower().split()):
            return True  # "Nicola Sturgeon said", tagged ORG: a given name makes a speaker a person
        before = words[0].doc[words[0].i - 1] if words[0].i > 0 else None
        if before is not None and before.lower_.rstrip(".") in TITLE_WORDS:
            return True
        one_word_ok = spoke and (before is None or before.pos_ != "DET")
        return cluster is None and (len(words) > 1 or one_word_ok)

    def _disambiguate(self, mentions: list[tuple[int, int, str]], last: str | None) -> str | None:
        """Of several people in one sentence, the previous speaker or the only grammatical subject.

        A person introduced with a role ("Henry Ruiz, president of the caucus") is who a writer
        sets up to speak next; when that person is not the subject, the pronoun is ambiguous, unless
        the only subject is background in a "while"/"because" clause.
        """
        names = {m[2] for m in mentions}
        if last in names:
            return last
        subjects, background, introduced = set(), set(), set()
        for start, end, name in mentions:
            if start == end:
                continue  # a previous speaker, not a mention with a parse
            root = tokens_in(self.doc, start, end).root
            role = _subject_role(root)
            if role is not None:
                subjects.add(name)
            if role == "background":
                background.add(name)
            if any(c.dep_ == "appos" for c in root.children):
                introduced.add(name)
        if len(introduced) == 1 and not introduced <= subjects:
            return introduced.pop() if subjects <= background else None
        return subjects.pop() if len(subjects) == 1 else None


def _subject_role(root: Token) -> str | None:
    """How a person's mention stands in its sentence: "subject"; "background", the subject of a
    "while"/"because" clause; or None, not a subject."""
    if root.dep_ in _SUBJ_DEPS:
        return "background" if _subordinate(root.head) else "subject"
    named = root.dep_ == "appos" and root.head.dep_ in _SUBJ_DEPS  # "frontwoman Ana Matronic"
    named |= root.dep_ == "attr" and root.head.lemma_ == "be"  # "The director is Matthew Warchus"
    to = root.dep_ == "pobj" and root.head.lower_ == "to"  # "the prize went to X", not "spoke to X": a listener
    named |= to and root.head.head.lemma_ not in _ADDRESSING
    return "subject" if named else None


def _owner(subj: Token | None, word: str) -> Token | None:
    """The "his"/"her" that owns a sentence's subject ("His words echo …"), when it is the pronoun looked up."""
    if subj is None:
        return None
    return next((c for c in subj.children if c.dep_ == "poss" and _POSSESSIVE_FORMS.get(c.lower_) == word), None)


def said_second_hand(verb: Token) -> bool:
    """A speech verb in the clause another speech verb reports ("Lavrov said the West had told Russia …"):
    the West is what Lavrov says, not one of the article's speakers a later "he said" goes back to."""
    child = verb
    for head in verb.ancestors:
        if child.dep_ == "ccomp" and head.lemma_ in SPEECH_LEMMAS and head.pos_ == "VERB":
            return True
        child = head
    return False


def _reported_before(subj: Token, sent: Sentence) -> tuple[int, int] | None:
    """The words a pronoun speaker reports ahead of it in its sentence ("Troops loyal to Doe held the
    city, he said"; "The Does, he says, will never leave"): who they name is not who "he" is."""
    verb = subj.head
    if verb.lemma_ not in SPEECH_LEMMAS or not any(t.is_alpha for t in tokens_in(subj.doc, sent.start, subj.idx)):
        return None
    before = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i < verb.i]
    if any(c.lemma_ in SPEECH_LEMMAS and subject_of(c) is not None for c in before):
        return None  # "The team told AP that …, and to their surprise, he responded": an attribution, misparsed
    return (sent.start, subj.idx) if before or verb.dep_ == "parataxis" else None


def _reported_clause(verb: Token) -> bool:
    """The verb heads what someone else reports ("He was never a leader, Mendoza said"), not what the
    same "he" goes on to say ("He hoped Jay-Z would ..., he added")."""
    if verb.dep_ != "ccomp" or verb.head.dep_ != "ROOT" or verb.head.lemma_ not in SPEECH_LEMMAS:
        return False
    reporter = subject_of(verb.head)
    return reporter is not None and reporter.lower_ not in _PRONOUNS


def _parenthetical_speaker(root: Token) -> Token | None:
    """The pronoun subject of a speech verb set inside the words it reports ("The Does, he says, will
    never leave"; "Prices, she added, would rise"): the sentence's speaker, not its grammatical subject."""
    for child in root.children:
        if child.dep_ == "parataxis" and child.lemma_ in SPEECH_LEMMAS:
            subj = subject_of(child)
            if subj is not None and subj.lower_ in _PRONOUNS:
                return subj
    return None


def _subordinate(verb: Token) -> bool:
    """A verb of a clause set off by "while", "because", "if" ...: its subject is background, not whom
    the sentence is about ("While Obama had artists writing songs, ... concerns Henry Crespo")."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children)


def _fitting(word: str, people: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The people whose given name does not rule out "he"/"she": "she" after Janet Napolitano and
    Richard Besser is Napolitano, and "he" after "his daughter Naomi" looks further back."""
    return [p for p in people if pronoun_fits(word, p[2])]


def _name_like(name: str) -> bool:
    """Every word capitalised but name particles ("Rodrigo de Rato"): not "Leslie's suggestion"."""
    return all(w[:1].isupper() or w in _PARTICLES for w in name.split())


def _has_digit(name: str) -> bool:
    """A name with a digit in it ("H1N1")."""
    return any(ch.isdigit() for ch in name)


def _unnamed_speaker(subj: Token) -> bool:
    """A speech verb's subject that is a common noun with no name beside it ("one dealer told ..."),
    unlike "ITV's controller, Claudia Rosencrantz, said" or "his daughter Emily said"."""
    if subj.pos_ != "NOUN" or subj.head.lemma_ not in SPEECH_LEMMAS or named_apposition(subj) is not None:
        return False
    return not any(c.pos_ == "PROPN" and c.dep_ in ("compound", "flat") and c.i > subj.i for c in subj.children)


def subject_of(verb: Token) -> Token | None:
    """The verb's nominal subject, or that of the verb it is conjoined to; not the listener of a
    passive "was told" or "was asked" ("Doe was quoted as saying" keeps Doe)."""
    for child in verb.children:
        if child.dep_ == "nsubjpass" and verb.lemma_ in _LISTENERS:
            return None
        if child.dep_ in _SUBJ_DEPS:
            return child
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lemma_ == "quote":
        return quoted_source(verb.head.head)  # "Michel was quoted as saying", "the paper quoted Michel as saying"
    if verb.tag_ == "VBD":  # no modal comes before a past tense: "May said:" is the guitarist
        named_aux = [c for c in verb.children if c.dep_ == "aux" and c.is_title and c.i == verb.i - 1]
        if named_aux:
            return named_aux[0]
    if verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.i - 1].pos_ == "PROPN":
        return verb.doc[verb.i - 1]  # "footage of Hillary Clinton asking, “...”"
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        for child in verb.head.children:
            if child.dep_ in _SUBJ_DEPS:
                return child
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("PROPN", "NOUN"):
        return verb.head  # "footage of Trump saying, “...”"
    return None


def quoted_source(quote: Token) -> Token | None:
    """Whom a "quote ... as saying" names: the object ("the paper quoted Michel as saying") or the
    passive subject ("Michel was quoted as saying"); nobody when the text disowns the words. The object
    follows the verb: a quote before it that the parser hung on it as an object ("“Our profits fell,” RIA
    quoted Chemezov as saying") is what was said, and the name right after the verb is who said it."""
    if disowned(quote):
        return None
    found = next((c for c in quote.children if c.dep_ == "nsubjpass" or (c.dep_ == "dobj" and c.i > quote.i)), None)
    after = quote.doc[quote.i + 1] if quote.i + 1 < len(quote.doc) else None
    return found if found is not None or after is None or after.pos_ != "PROPN" else after


def disowned(verb: Token) -> bool:
    """The text denies the words are the speaker's: "was falsely quoted as saying", "denied he was
    quoted as saying", "never said", "denied “any wrongdoing”"."""
    if verb.lemma_ in _DENYING or any(c.dep_ == "neg" or c.lower_ in _DISOWNING for c in verb.children):
        return True
    node = verb  # what a denial denies: "denied he was quoted as saying", not "rejected it, saying"
    while node.dep_ in ("ccomp", "xcomp", "pcomp", "pobj", "prep", "dobj") and node.head.i != node.i:
        node = node.head
        if node.lemma_ in _DENYING:
            return True
    return False


def subject_words(subj: Token) -> list[Token]:
    """The words that name the subject: a name chain for names, the noun phrase otherwise; the
    author's name for a document from or of someone ("a letter from Carlos Mendoza", "a BBC
    statement")."""
    if subj.pos_ == "PRON":
        return [subj]
    named = named_apposition(subj)
    if subj.pos_ == "PROPN":
        chain = person_part(name_chain(subj))
        titled = all(t.lower_.rstrip(".") in TITLE_WORDS for t in chain)
        if named is not None and (titled or _role_beside_person(chain, named)):
            return person_part(name_chain(named))  # "The President of the EU, Herman van Rompuy, said"
        return chain
    if named is not None:
        return person_part(name_chain(named))  # "The mayor, Bill de Blasio, said"
    words = [t for t in subj.subtree if t.i <= subj.i and t.dep_ not in ("punct", "case")]
    of = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ in ("of", "from")), None)
    owner = next((c for c in subj.children if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN"), None)
    if of is None and subj.lemma_ in DOCUMENTS and owner is not None and _authors(owner):
        return person_part(name_chain(owner))  # "a BBC statement read", "Lopez's statement said"
    if of is None or of.right_edge.i - subj.i > 8:
        return words or [subj]
    author = next((c for c in of.children if c.dep_ == "pobj" and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON")), None)
    if of.lower_ == "from" and subj.lemma_ in DOCUMENTS and author is not None:
        return person_part(name_chain(author))
    return words + list(subj.doc[subj.i + 1 : of.right_edge.i + 1])  # "the widow of Carlos Mendoza"


def _role_beside_person(chain: list[Token], named: Token) -> bool:
    """A capitalised role ("UN Assistant Secretary General", "the EU's Humanitarian Aid Commissioner")
    set beside a person's name: no person in it, or a title word at its head."""
    role = not any(t.ent_type_ == "PERSON" for t in chain) or chain[-1].lower_ in TITLE_WORDS
    return named.ent_type_ == "PERSON" and role


def _authors(owner: Token) -> bool:
    """A name before a document that can be its author: not a day ("a Friday statement") or the
    platform it appeared on ("a Twitter post")."""
    return owner.ent_type_ not in ("DATE", "TIME") and owner.lower_ not in _PLATFORMS


def named_apposition(subj: Token) -> Token | None:
    """The person's name set beside a role subject: "The mayor, Bill de Blasio," or, as the parser
    often hangs it on the last noun, "The head of the Centers for Disease Control, Richard Besser,"."""
    beside = [c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN" and _follows(c) != ":"]
    if beside:
        return beside[0]  # "GE's chief executive Jeff Immelt", but not "Star Wars: The Phantom Menace"
    for tok in subj.subtree:
        if tok.dep_ == "appos" and tok.pos_ == "PROPN" and tok.ent_type_ in ("PERSON", "") and _follows(tok) == ",":
            return tok
    called = _called(subj)
    if called is not None:
        return called
    if subj.pos_ != "NOUN":
        return None  # "Jerí and director Carlos Mendoza": two speakers
    for conj in (c for c in subj.children if c.dep_ == "conj" and c.ent_type_ == "PERSON"):
        if any(g.dep_ == "compound" and g.pos_ == "NOUN" for g in conj.children):
            return conj  # "BIFA founder and director Elliot Grove": two roles, one person
    return None  # "the spokesman and Carlos Mendoza": two speakers


_NAMING = frozenset({"name", "call", "identify"})


def _called(subj: Token) -> Token | None:
    """The name a role subject is given in a clause of its own: "a rebel at the scene named Hassan Douwa",
    "the doctor, called Nury, who …", "a fighter, who gave his name as Ahmed," (the name, never a thing
    named: the word must be a proper noun)."""
    for tok in subj.subtree:
        if tok.dep_ == "acl" and tok.lemma_.lower() in _NAMING:
            name = next((c for c in tok.children if c.dep_ in ("oprd", "attr", "dobj") and c.pos_ == "PROPN"), None)
            if name is not None:
                return name
        if tok.dep_ == "relcl" and tok.lemma_.lower() == "give":
            named = next((c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() == "name"), None)
            given = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "as"
                          for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"), None)
            if named is not None and given is not None:
                return given
    return None


def _follows(tok: Token) -> str:
    """The text of the token just before the phrase tok heads."""
    first = tok.left_edge.i
    return tok.doc[first - 1].text if first > 0 else ""


def person_part(chain: list[Token]) -> list[Token]:
    """The person's name inside a chain with a role in front ("spokesman Jason Miller", "Rival
    Hillary Clinton"): the tagged PERSON run when there is one, else the chain from its first
    capitalised word after any lowercase role word."""
    person = [t for t in chain if t.ent_type_ == "PERSON"]
    if person and person[-1] == chain[-1] and len(person) == person[-1].i - person[0].i + 1:
        return person
    lower = [k for k, t in enumerate(chain[:-1]) if t.is_lower and t.is_alpha]
    chain = chain[lower[-1] + 1 :] if lower else chain
    while len(chain) > 1 and chain[0].ent_type_ in ("DATE", "TIME"):
        chain = chain[1:]  # "on Tuesday Mr Ebbers denied": the day is not part of the name
    return chain


def within(char: int, inside: list[tuple[int, int]]) -> bool:
    """True when `char` lies inside one of the quote spans."""
    return any(a <= char < b for a, b in inside)


_NAME_JOINERS = frozenset("of for and de del della der di da do dos das du la las los e y el van von den".split())
_POSSESSIVE_MARKS = ("’s", "'s")


def _labelled(words: list[Token]) -> bool:
    """A place followed by a label in brackets, "Niger (escape route)": a factbox's heading, not a speaker.
    (A name glossed in brackets, "the Observatory (OVV)", keeps its capitals.)"""
    doc = words[-1].doc if words else None
    if doc is None or words[-1].i + 2 >= len(doc) or doc[words[-1].i + 1].text != "(":
        return False
    name = " ".join(t.text for t in words)
    if words[-1].ent_type_ not in ("GPE", "LOC", "FAC") and fold(name) not in places():
        return False  # "Smith (pictured) said": a person with a caption's note still speaks
    inside = []
    for tok in doc[words[-1].i + 2 : words[-1].i + 8]:
        if tok.text == ")":
            return bool(inside) and all(t.is_lower for t in inside)
        inside.append(tok)
    return False


def whole_name(words: list[Token]) -> list[Token]:
    """The whole name a proper-noun subject is the tail of: the parser often makes the last words of a
    long or non-English name the subject ("Informática" of "Instituto Nacional de Estadística e
    Informática", "Office" of "the Ombudsman’s Office", "Foundation" of "Peace and Reconciliation
    Foundation"). A name glossed in brackets ("the National Institute for Statistics and Information
    (Instituto Nacional ... – INEI) says") is the name before the brackets. Words that are not all
    proper nouns, and people's names after a title ("Minister Julián Pacheco"), are left as they are."""
    if not words or not all(t.pos_ == "PROPN" or t.lower_ in _NAME_JOINERS or t.text in _POSSESSIVE_MARKS
                            for t in words):
        return words
    if gender(" ".join(t.text for t in words)) is not None:
        return words  # "Secretary of Public Security Ismael Camberos Hernández": a person, after a role
    doc, first = words[0].doc, words[0].i
    after = doc[first + 1 : first + 3]
    continues = len(after) == 2 and after[0].lower_ in ("of", "for") and after[1].pos_ == "PROPN"
    start = _name_start(doc, first, words[0].sent.start, bare=len(words) == 1 and not continues)
    opened = _open_bracket(doc, start, words[0].sent.start)
    if opened is not None:
        before = _name_before_bracket(doc, opened, words[0].sent.start)
        if before:
            return before
    end = _name_end(doc, words[-1].i, words[0].sent.end)
    return list(doc[start : end + 1]) if start < first or end > words[-1].i else words


_JOINERS_WITHIN = frozenset("de del della di da do dos das du y e la las los".split())  # not "and": two speakers


def _name_end(doc: Doc, last: int, ceiling: int) -> int:
    """Where a non-English name the subject opens ends: "Capital Humano" of "Capital Humano y Social
    Alternativo" goes on over its small joining words and the capitalised words after them."""
    end = last
    while end + 2 < ceiling and doc[end + 1].lower_ in _JOINERS_WITHIN and doc[end + 1].is_lower \
            and doc[end + 2].pos_ == "PROPN" and doc[end + 2].is_title:
        end += 2
        while end + 1 < ceiling and doc[end + 1].pos_ == "PROPN" and doc[end + 1].is_title:
            end += 1
    return end


def _name_start(doc: Doc, first: int, floor: int, bare: bool = False) -> int:
    """Where the capitalised run that ends in the subject starts: back over proper nouns and the small
    words inside names ("de", "e", "and", "of"), and, for a bare one-word subject, over a possessive
    whose owner is part of the name ("Attorney General’s Office", where "Office" alone names nothing),
    but not a place that owns it ("Bolivia’s Ombudsman’s Office") nor a person's title. A name of
    its own after a possessive ("the US Treasury’s Office of Foreign Asset Controls") stays as it is."""
    start = i = first
    owned = False  # past a possessive, titles are the owner's name ("Attorney General’s Office")
    while i - 1 >= floor:
        prev = doc[i - 1]
        if prev.text in _POSSESSIVE_MARKS and i - 2 >= floor:
            owner = doc[i - 2]
            if not (bare and start == first) or owner.pos_ != "PROPN" or not owner.is_title \
                    or owner.ent_type_ in ("GPE", "PERSON", "NORP"):
                break
            i -= 2
            start, owned = i, True
            continue
        if prev.lower_ in _NAME_JOINERS and prev.is_lower:
            i -= 1  # kept only if a capitalised word comes before it
            continue
        titled = prev.lower_.rstrip(".") in TITLE_WORDS | PERSON_TITLES
        if prev.pos_ != "PROPN" or not prev.is_title or (titled and not owned):
            break
        if prev.ent_type_ in ("GPE", "NORP") and doc[first].ent_type_ not in ("GPE", "NORP", ""):
            break  # "Peru National Police": the country is not part of the police's name
        i -= 1
        start = i
        if gender(prev.text) is not None:
            break  # "Ismael" of "Ismael Camberos Hernández": a person's name starts at the given name
    return start


def _open_bracket(doc: Doc, start: int, floor: int) -> int | None:
    """The "(" the name stands in, when it is still open where the name starts (same sentence)."""
    for i in range(start - 1, floor - 1, -1):
        if doc[i].text == ")":
            return None
        if doc[i].text == "(":
            return i
    return None


def _name_before_bracket(doc: Doc, opened: int, floor: int) -> list[Token]:
    """The proper name right before an opening bracket, its inner small words kept ("National Institute
    for Statistics and Information"), without a leading article or a place that owns it."""
    end = opened - 1
    if end < floor or doc[end].pos_ != "PROPN":
        return []
    start = _name_start(doc, end, floor)
    return list(doc[start : end + 1])

