"""Roles: who a person is, from appositions and titles ("Sebastián Flores, general manager of ...").

`/peru who Zevallos` has to say what the person does, in the article's own words, so roles come only
from the two places news text states them: an apposition right after the name ("X, Peru's former
public security vice minister and director of ...", "José Jerí, of the Somos Perú party") and a title
written before the name ("Former President Manuel Merino"). Ordinals and time qualifiers are dropped
("Peru's sixth president since 2020" → "president"): the figure is a statistic, the role is the job.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.extract.entities import PLACE_NOUNS
from bot.extract.facts_common import TITLE_WORDS, chain_text, drop_titles, name_chain, sentence_index
from bot.extract.titles import ROLE_NOUNS
from bot.extract.types import ArticleContext, EntityCluster, Role

_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lady", "lord", "baroness", "baron", "former", "ex",
               "new", "the"}
_POSSESSIVE_WORDS = frozenset({"his", "her", "their", "its", "whose", "my", "our", "your"})
_OFFICE_WORDS = TITLE_WORDS - _HONORIFICS - {"leader"}
_ORDINAL_WORDS = {
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "new",
    "current",
    "then",
    "now",
    "latest",
}


def extract_roles(doc: Doc, ctx: ArticleContext) -> list[Role]:
    """Every (person, role) the article states, first statement first, without repeats."""
    body = [(s.start, s.end) for s in ctx.sentences]
    roles: list[Role] = []
    seen: set[tuple[str, str]] = set()
    for name, role, char in [*_appositions(doc, ctx), *_titles(doc, ctx), *_roles_before(doc, ctx)]:
        if not role or not any(a <= char < b for a, b in body):
            continue
        key = (name, role.lower())
        if key not in seen:
            seen.add(key)
            roles.append(Role(name, role, sentence_index(ctx, char)))
    roles.sort(key=lambda r: r.sent)
    return roles


def _person(ctx: ArticleContext, head: Token, span: Span | None = None) -> str | None:
    """The canonical person a name's head token (or the whole entity span, when the parse cut the name at
    a hyphen: "al-Assad") refers to, or None for places and organisations."""
    text = (drop_titles(span.text) or span.text) if span is not None else chain_text(name_chain(head))
    cluster = ctx.resolve(text) or _by_surname(ctx, text) if text else None
    if cluster is not None:
        return cluster.name if cluster.type == "PERSON" else None
    return text if head.ent_type_ == "PERSON" else None


def _by_surname(ctx: ArticleContext, text: str) -> EntityCluster | None:
    """The person a name's last word names ("President Assad" is Assad); a full name only when that person
    is named in full with the same first name: "Col Riyad al-Assad" is not the article's "Assad"."""
    cluster = ctx.resolve(text.split()[-1])
    words = (drop_titles(text) or text).split()
    if cluster is None or len(words) == 1:
        return cluster
    full = [a.split() for a in cluster.aliases if len(a.split()) > 1]
    return cluster if any(a[0].lower() == words[0].lower() for a in full) else None


def _appositions(doc: Doc, ctx: ArticleContext) -> list[tuple[str, str, int]]:
    """(person, role, char) from "Name, role [and role], ..." and "Name, of the X party, ..."."""
    found = []
    people = {t.i: ent for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.dep_ in ("compound", "flat"):
            continue
        children = [c for c in tok.children if c.i > tok.i]
        if not any(c.dep_ in ("appos", "prep") for c in children):
            continue
        # the whole name the tagger found: the parse cuts "Othman Abdel-Karim" at its hyphen, and "Karim"
        # alone is the article's other man, Mustafa Abdel Karim
        name = _person(ctx, tok, people.get(tok.i))
        if name is None:
            continue
        for child in children:
            if child.dep_ == "appos" and child.pos_ == "NOUN" and _own_role(child) and not _a_list(child):
                for noun in [child, *(c for c in child.children if c.dep_ == "conj" and c.pos_ == "NOUN")]:
                    if _own_role(noun):
                        found.append((name, _office(noun), noun.idx))
            elif child.dep_ == "prep" and child.lower_ == "of" and doc[child.i - 1].text == ",":
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    found.append((name, _party(obj), obj.idx))
    return found


def _a_list(noun: Token) -> bool:
    """An apposition joined to a plural ("appointed by President X, the UN secretary general and donors"):
    the parties of a list, not what X is ("X, president and chief executive" is)."""
    return any(c.dep_ == "conj" and c.tag_ in ("NNS", "NNPS") for c in noun.children)


def _own_role(noun: Token) -> bool:
    """Whether a noun the parser put in apposition to a name is that person's role. Not when it names a
    kind of place, or is plural ("Gaddafi, the rebels and Nato": a list), belongs to someone by a pronoun
    or has a name of its own ("Gaddafi, his son Saif al-Islam and ...": another person), or is the subject
    of a verb that follows it ("how to deal with Gaddafi, the prime minister of Qatar said ...": a new clause)."""
    if noun.tag_ in ("NNS", "NNPS") or not person_noun(noun.lemma_.lower()):
        return False  # "Nariño, a coca-rich department", "a ceasefire which …": not what a person is
    if any(t.lower_ in _POSSESSIVE_WORDS for t in noun.subtree) or noun.doc[noun.left_edge.i - 1].text == "(":
        return False  # "whose 41-year rule", "a spokesman for his son", "(top left, in red)": not the role
    if any(c.i > noun.i and c.pos_ == "PROPN" and c.dep_ in ("appos", "compound", "flat") for c in noun.children):
        return False
    after = noun.right_edge.i + 1
    return not (after < len(noun.doc) and noun.doc[after].tag_ in ("VBD", "VBZ", "VBP", "MD"))


# Nouns that say what a person is without a person's ending; and endings that say it ("-er", "-ist" …)
PERSON_NOUNS = frozenset(
    """chief head envoy ally survivor aide adviser advisor veteran hero heir king queen prince princess emir
    sheikh monarch father mother son daughter wife husband brother sister cousin uncle nephew colonel general
    captain major sergeant lieutenant admiral marshal chairman chairwoman spokesman spokeswoman businessman
    cleric imam priest bishop pope autocrat democrat technocrat bureaucrat diplomat envoy magnate tycoon guru
    expert official delegate candidate nominee graduate militant rebel defector dissident critic figure
    deputy secretary president resident native citizen mayor judge chef pilot poet author hostage victim
    """.split())
_PERSON_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "ee", "crat", "ive", "arch", "ary",
                   "eer", "ier", "ess", "ster")
_THING_ENDINGS = ("ment", "ence", "ance", "ency", "ancy")


def person_noun(lemma: str) -> bool:
    """A noun that can say what a person is: a known one ("envoy", "autocrat"), or one with a person's
    ending ("negotiator", "economist", "spokesman"), not a thing's ("government", "ceasefire", "rule")."""
    if lemma in PERSON_NOUNS or lemma in ROLE_NOUNS:
        return True
    if lemma in PLACE_NOUNS or lemma.endswith(_THING_ENDINGS):
        return False
    return lemma.endswith(_PERSON_ENDINGS)


def _office(noun: Token) -> str:
    """ "former public security vice minister", "general manager of the National ... Consultancy"."""
    possessed = {t.i for c in noun.lefts if c.dep_ in ("poss", "det") for t in c.subtree}
    mods = [t for t in noun.subtree if t.i < noun.i and t.i not in possessed and t.dep_ != "punct"]
    mods = [t for t in mods if t.lower_ not in _ORDINAL_WORDS and not t.like_num
            and t.ent_type_ not in ("DATE", "TIME")]  # "Sept. 13 - Interim government chief, X": no "Sept."
    tail = [noun, *_postposed(noun)]
    words = [t.text for t in mods] + [noun.doc[noun.i : tail[-1].i + 1].text]
    of = next((c for t in tail for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None:
        org = _org_after(of)
        if org:
            words += ["of", org]
    return " ".join(words)


# words an office takes after its noun ("director general", "secretary general", "attorney general")
_POSTPOSED = frozenset({"general"})


def _postposed(noun: Token) -> list[Token]:
    """The word the office's name goes on with after its noun, spaced or hyphenated: "The director general of X,
    Lena Voss" and "Lena Voss, the WHO's director-general" are a director general (read as "director" alone,
    it was half the office)."""
    doc, at = noun.doc, noun.i + 1
    if at + 1 < len(doc) and doc[at].text == "-" and not noun.whitespace_ and not doc[at].whitespace_:
        at += 1  # "the WHO's director-general"
    nxt = doc[at] if at < len(doc) else None
    if nxt is not None and nxt.head == noun and nxt.dep_ == "amod" and nxt.lower_ in _POSTPOSED:
        return [nxt]
    return []


def _org_after(of: Token) -> str | None:
    """The organisation named after "of": an ORG entity starting within a few words, else the object. An
    entity that only qualifies the object is not the whole of it: "director-general of the United Nations
    agency" heads the agency, not the United Nations."""
    doc = of.doc
    obj = next((c for c in of.children if c.dep_ == "pobj"), None)
    for ent in doc.ents:
        if ent.label_ == "ORG" and of.i < ent.start <= of.i + 6:
            if obj is not None and obj.pos_ == "NOUN" and ent.start >= obj.left_edge.i and ent.end <= obj.i:
                return doc[obj.left_edge.i : obj.i + 1].text
            return _trim(ent)
    if obj is None:
        return None
    return doc[obj.left_edge.i : obj.i + 1].text


def _trim(ent: Span) -> str:
    """An entity's text without a trailing parenthesis ("the Institute of Criminology (Instituto ...")."""
    return ent.text.split(" (")[0].strip()


def _party(obj: Token) -> str:
    """ "of the conservative Somos Perú party" → "Somos Perú party" (descriptive adjectives dropped)."""
    words = [t for t in obj.subtree if t.i <= obj.i and t.dep_ not in ("det", "punct")]
    words = [t for t in words if not (t.dep_ == "amod" and t.is_lower)]
    return " ".join(t.text for t in words)


def _titles(doc: Doc, ctx: ArticleContext) -> list[tuple[str, str, int]]:
    """(person, title, char) from "Former President Manuel Merino", "Peru's President José Jerí"."""
    found = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        words: list[Token] = []
        i = ent.start - 1
        while i >= 0 and (doc[i].is_title or _body_acronym(doc[i])) and _may_title(doc[i]) \
                and (doc[i].lower_.rstrip(".") in TITLE_WORDS or _before_office(doc, i)):
            words.insert(0, doc[i])
            i -= 1
        if not any(w.lower_.rstrip(".") in _OFFICE_WORDS for w in words):
            continue
        if _hyphen_before(doc, words[0].i):  # "Director-General Margaret Chan": not "general"
            words = [doc[words[0].i - 2], doc[words[0].i - 1], *words]
        words = [*doc[_past_before(doc, words[0].i):words[0].i], *words]  # "by former UN Secretary General X"
        title = " ".join(_title_word(w) for w in words if w.lower_.rstrip(".") not in ("new", "mr", "mrs", "ms", "dr"))
        title = title.replace(" - ", "-")
        name = _person(ctx, ent.root, ent)
        if name is not None:
            found.append((name, title, words[0].idx))
    return found


# words that put an office in the past: "former UN chief Kofi Annan" no longer heads the UN
_PAST = frozenset({"former", "ex", "onetime", "one-time"})


def _past_before(doc: Doc, start: int) -> int:
    """Where a role starts once the word that puts it in the past is taken in ("former UN chief X",
    "ex-president X"): the role is the office he held, and read without it, the office he holds."""
    if start >= 1 and doc[start - 1].lower_ in _PAST:
        return start - 1
    if start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ \
            and not doc[start - 1].whitespace_ and doc[start - 2].lower_ in _PAST:
        return start - 2
    return start


def _body_acronym(word: Token) -> bool:
    """A body's acronym inside a title ("Former UN Secretary General X", "WHO Director-General X"): whose
    office it is, part of the title."""
    return word.is_upper and len(word.text) > 1 and word.is_alpha and word.ent_type_ in ("ORG", "GPE", "NORP")


def _hyphen_before(doc: Doc, i: int) -> bool:
    """A title word joined by a hyphen to the capitalised word before it ("Director-General")."""
    return i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_ \
        and doc[i - 2].is_title


def _may_title(word: Token) -> bool:
    """A word of a title, not of a name before it: another person's ("…al-Assad President Assad" in a
    run-on heading) or the inside of a longer name ("BBC Monitoring President Assad")."""
    return word.ent_type_ != "PERSON" and not (word.ent_iob_ == "I" and word.ent_type_ in ("ORG", "FAC"))


def _title_word(word: Token) -> str:
    """A word of a title written before a name as a role reads in running text: offices in lower case
    ("Interior Minister" → "interior minister", "Col." → "colonel"), names of places, peoples and bodies
    as written ("Honduras President" → "Honduras president", not "honduras president")."""
    if word.ent_type_ in ("GPE", "NORP", "ORG", "LOC") and word.lower_.rstrip(".") not in TITLE_WORDS:
        return word.text
    return _ABBREVIATED.get(word.lower_.rstrip("."), word.lower_)


# A title as a reader reads it, not as a wire abbreviates it ("Col. Muammar Gaddafi" is a colonel).
_ABBREVIATED = {
    "col": "colonel", "gen": "general", "lt": "lieutenant", "sen": "senator", "rep": "representative",
    "gov": "governor", "sgt": "sergeant", "capt": "captain", "maj": "major", "adm": "admiral", "prof": "professor",
    "rev": "reverend", "dr": "doctor", "pres": "president", "supt": "superintendent", "insp": "inspector",
}


def _roles_before(doc: Doc, ctx: ArticleContext) -> list[tuple[str, str, int]]:
    """(person, role, char) from a role in lower case right before the name ("police chief Carlos Ruiz",
    "CCP director Bob van den Berghe", "new president José Jerí") and from a role the name stands in
    apposition to ("Rio de Janeiro's ultra-conservative governor, Wilson Witzel,")."""
    found = []
    starts = {s.start for s in ctx.sentences}
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG"):  # the tagger's ORG may be a person the article names
            continue
        name = _person(ctx, ent.root, ent)
        if name is None:
            continue
        i = ent.start - 1
        if i >= 0 and doc[i].lemma_.lower() in ROLE_NOUNS and not doc[i].is_title and doc[i].tag_ != "NNS":
            start = i
            while start - 1 >= 0 and ent.start - start < 4 and (
                doc[start - 1].dep_ in ("compound", "amod", "nmod") or doc[start - 1].is_upper
            ) and not doc[start - 1].is_punct and doc[start - 1].lower_ not in _HONORIFICS \
                    and doc[start - 1].ent_type_ not in ("DATE", "TIME", "PERSON") \
                    and not _left_of_a_name(doc, start):  # "said Monday Libyan leader X"
                start -= 1
            start = _past_before(doc, start)
            words = [_sentence_case(t, starts) for t in doc[start : i + 1] if t.lower_ not in _ORDINAL_WORDS]
            found.append((name, " ".join(words).replace(" - ", "-"), doc[start].idx))
        head = ent.root.head
        # "former presidents Bill Clinton and George W Bush": a list's heading, not what one of them is called
        role_head = head.pos_ == "NOUN" and head.lemma_.lower() in ROLE_NOUNS and head.tag_ not in ("NNS", "NNPS")
        if ent.root.dep_ == "appos" and role_head and head.i < ent.start:
            found.append((name, _role_of_place(head), head.idx))
    return found


def _sentence_case(word: Token, starts: set[int]) -> str:
    """A word as it reads inside a sentence (`starts`: where the article's sentences start): "Rebel leader X
    said" opens with "Rebel" only because the sentence does; a name ("Libyan", "UN") keeps its capital."""
    if word.idx in starts and word.pos_ in ("ADJ", "NOUN", "PROPN") and not word.ent_type_ and word.text[1:].islower():
        return word.text[:1].lower() + word.text[1:]
    return word.text


def _left_of_a_name(doc: Doc, start: int) -> bool:
    """The role's words reach a name already ("UN aid chief"): a word before that name belongs to
    something else ("in the city UN aid chief Valerie Amos", "Homs UN humanitarian chief")."""
    return doc[start].ent_iob_ == "B"


def _role_of_place(noun: Token) -> str:
    """ "Rio de Janeiro's ultra-conservative governor" → "governor of Rio de Janeiro" (opinions dropped)."""
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    if owner is None:
        return _office(noun)
    place = " ".join(t.text for t in owner.subtree if t.dep_ != "case" and t.text not in ("’s", "'s"))
    return f"{noun.text} of {place}"


def _before_office(doc: Doc, i: int) -> bool:
    """A capitalised word directly before an office word ("Interior" in "Interior Minister")."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return nxt is not None and nxt.lower_.rstrip(".") in _OFFICE_WORDS and doc[i].pos_ in ("ADJ", "PROPN", "NOUN")
