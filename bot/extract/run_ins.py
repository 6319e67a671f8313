"""Headlines, captions and factbox lines run into a sentence with no punctuation, found in the parse.

Plain-text archives and feeds lose the break between a caption and the sentence after it. `bot.ingest.clean`
finds the joins a regex can see (capitals, "… the country Clandestine airstrips …": an opener word that is
never capitalised inside a sentence). The rest open on a name or a figure ("… after the earthquake Haitian
police have arrested …", "… hospitalised 60% of all cases are …", "… in Istanbul US Secretary of State Hillary
Clinton has said …"), which only the parse tells from a name inside a sentence: there, a complete clause (a
finite verb with its subject) ends on a word, and a second complete clause starts, its subject (or an opener
set off by a comma: "Since Saturday, …") on the next word, with no punctuation, conjunction or "that" between.
A reporting verb just before ("told reporters US troops would …") takes the second clause as its complement,
so it is no join; a relative clause without "that" ("the weapons rebels seized") lacks its object, so neither.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.extract.speech_verbs import SPEECH_LEMMAS
from bot.nlp import get_nlp

MAX_NAME_WORDS = 4  # "John Taylor", "Ana María López Ruiz": a subject the parse took for the head's object
MIN_HEAD_WORDS = 4  # words of a caption or headline before the join ("Haitian police arrest 10 Americans")
_FINITE = frozenset("VBD VBZ VBP MD".split())
_SUBJECTS = frozenset("nsubj nsubjpass expl".split())
# verbs whose clause may follow them without "that": "said US troops …", "believes Syrian forces …"
_COMPLEMENT_LEMMAS = SPEECH_LEMMAS | frozenset(
    """think believe know fear hope expect feel show find mean suspect realise realize learn understand assume
    guess reckon doubt decide ensure indicate prove see hear watch let make help appear seem""".split()
)
# "the first time President Assad has offered …", "the day Haitian officials …": a relative clause without "when"
_RELATIVE_NOUNS = frozenset("time times day moment year week month way reason place".split())
_NAME_PARTICLES = frozenset("van von den der de del la le du da dos al el bin ibn".split())  # "Bob van den Berghe"
_NOMINAL_DEPS = frozenset("nmod compound amod nummod poss appos".split())  # a noun's modifiers
_CLAUSE_DEPS = frozenset("ROOT ccomp advcl conj parataxis dep relcl acl xcomp".split())
_COMPLETE = frozenset("dobj attr acomp ccomp oprd nsubjpass agent".split())  # a clause that has its object
_COMPLETE_OR_PREP = _COMPLETE | {"prep", "xcomp"}  # "… has died in Madrid"
_OPENING_POS = frozenset("ADP SCONJ ADV DET PRON CCONJ".split())  # "In a statement on Monday US officials …"
_CLOSING_QUOTES = frozenset('”"’\'')  # a quote mark before the join closes the head's quote ('`', '‘', '“' open one)


def run_in_joins(sent: Span) -> list[int]:
    """Token indices (in the Doc) where a headline, caption or factbox line ends and the next statement starts
    inside one parsed sentence, in order; empty for a sentence that is one statement."""
    joins: list[int] = []
    start = sent.start
    for tok in sent[1:]:
        if tok.i - start < MIN_HEAD_WORDS:
            continue
        head = sent.doc[start : tok.i]
        if (_opens(tok) and _joined_at(head, tok, sent.end)) or _quote_run_in(head, tok, sent.end):
            joins.append(tok.i)
            start = tok.i
    return joins


def _quote_run_in(head: Span, mark: Token, end: int) -> bool:
    """A caption run into a quotation that opens a new statement ('… overwhelmed by the flood "We have never seen
    water like this," says …'): a complete clause, no colon or reporting verb before the quote mark, and the
    quote opening on a capital with a clause of its own."""
    doc = mark.doc
    if mark.tag_ != "``" or mark.i + 1 >= end or not doc[mark.i + 1].text[:1].isupper():
        return False
    before = doc[mark.i - 1]
    if not before.whitespace_ or "\n" in before.whitespace_ or not _ends_phrase(before, doc[mark.i + 1]):
        return False
    return _new_clause(doc[mark.i + 1], end) and _apart(head, doc[mark.i : end]) \
        and _complete_head(head, doc[mark.i + 1]) and _quotes_closed(head)


def _joined_at(head: Span, tok: Token, end: int) -> bool:
    """Whether the statement before `tok` is complete and a new one opens on `tok` with nothing joining them."""
    before = tok.doc[tok.i - 1]
    if "\n" in before.whitespace_ or not before.whitespace_:
        return False
    if before.text in _CLOSING_QUOTES:
        if not _word_ends_quote(before):
            return False
    elif not _ends_phrase(before, tok):
        return False
    # the clause tests last, the most selective first: "Defense || Secretary Leon Panetta", "had entered || Ajdabiyah"
    if not (_complete_head(head, tok) and _quotes_closed(head)):
        return False
    rest = tok.doc[tok.i : end]
    if _new_clause(tok, end):
        return _apart(head, rest) or reads_apart(head, rest)  # the parse hung a caption's noun on the subject
    return _subject_taken(tok, end) and reads_apart(head, rest)


def _ends_phrase(before: Token, tok: Token) -> bool:
    """`before` may end a caption: a word or a figure, not a function word or a name's first part ("the United ||
    Nations", "Bob van den || Berghe"); a comma, a dash or an opening quote mark carries the sentence on."""
    if not (before.text[-1].isalnum() or before.text[-1] in "%)"):
        return False
    return not (before.pos_ in ("ADP", "DET", "CCONJ", "SCONJ", "AUX", "PART", "PRON") or before.lower_ == "that"
                or before.lower_ in _RELATIVE_NOUNS or before.lower_ in _NAME_PARTICLES or tok.ent_iob_ == "I")


def _subject_taken(tok: Token, end: int) -> bool:
    """The parse gave the head the next clause's subject ("… estimated at 150,000 John Taylor was part of …": "John
    Taylor" read as the object of "at"): a name of capitalised words from `tok`, then a finite verb with no
    subject of its own."""
    i = tok.i
    while i < end and i - tok.i < MAX_NAME_WORDS and tok.doc[i].pos_ == "PROPN" and tok.doc[i].text[:1].isupper():
        i += 1
    if i == tok.i or i >= end:
        return False
    verb = tok.doc[i]
    verb = verb.head if verb.dep_ in ("aux", "auxpass") else verb
    return _finite(verb) and verb.dep_ not in ("conj", "ROOT") and not any(c.dep_ in _SUBJECTS for c in verb.children)


def reads_apart(head: Span, rest: Span) -> bool:
    """Parsed alone, the head is a complete statement and the rest a clause whose subject opens it, its verb a finite
    verb of the whole sentence too: the joint parse hung a noun of one on the other, as it does for two texts run
    together ("… 49 were children Syrian troops were …", "… at 150,000 John Taylor was …"). The head ends on a
    noun in lower case or a figure, not a number before its noun ("the 1918 || H1N1 strain"). English only;
    parses two short texts."""
    if head.doc.lang_ != "en" or not _ends_on_a_noun(head) or not _nominal_links(head, rest):
        return False
    nlp = get_nlp("en")
    alone, after = nlp(head.text), nlp(rest.text)
    root = next(iter(alone.sents)).root
    if not _finite(root) or not any(c.dep_ in _SUBJECTS for c in root.children) or _waits_for_clause(root) \
            or not {c.dep_ for c in root.children} & _COMPLETE_OR_PREP or len(list(alone.sents)) > 1:
        return False
    verb = _opening_verb(after[0], len(after))
    joint = rest[verb.i] if verb is not None and verb.i < len(rest) else None
    if joint is None or joint.text != verb.text or not _finite(joint) or joint.dep_ in ("relcl", "acl"):
        return False
    # "the king || Colonel Gaddafi overthrew in 1969": a relative clause, its verb without its object
    return bool({c.dep_ for c in verb.children} & _COMPLETE) or verb.lemma_ == "be"


def _ends_on_a_noun(head: Span) -> bool:
    """A noun in lower case or a figure, not a number before its noun ("the 1918 || H1N1 strain"), a name's word
    ("It's a Wonderful || Life was …", a title) or a verb ("… allow || Syrians in …")."""
    last = head[-1]
    if last.pos_ == "NUM":
        return head[-2].pos_ != "DET"
    return last.pos_ == "NOUN" and last.text[:1].islower()


def _nominal_links(head: Span, rest: Span) -> bool:
    """The head's words hang on the rest only as a noun's modifier ("children" read as a modifier of "troops") or
    as the subject the parse took it for ("12 were students || Peruvian police were …"), or as a clause on a
    clause, never as an adverb ("how long || Gaddafi … might hold out")."""
    linked = [t for t in head if t.head.i >= rest.start]
    return all(t.dep_ in _NOMINAL_DEPS or t.dep_ == "nsubj" or (t.pos_ in ("VERB", "AUX") and t.dep_ in _CLAUSE_DEPS)
               or t.dep_ in ("punct", "cc") for t in linked)


def _apart(head: Span, rest: Span) -> bool:
    """No word of one side hangs on a word of the other, but for the verbs that join two clauses (and a
    subordinator the parser gave the second): a name or an object split across the join is one statement."""
    linked = [t for t in head if t.head.i >= rest.start] + [t for t in rest if t.head.i < rest.start]
    return all((t.pos_ in ("VERB", "AUX") and t.dep_ in _CLAUSE_DEPS) or t.dep_ in ("mark", "cc", "punct")
               for t in linked)


def _opens(tok: Token) -> bool:
    """A capitalised word or a figure: what a new line of a page starts with."""
    first = tok.text[:1]
    return first.isupper() or first.isdigit()


def _quotes_closed(head: Span) -> bool:
    """The head's quotation marks are all closed (the quote mark before the join ends a quote, not opens one)."""
    text = head.text
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


def _word_ends_quote(mark: Token) -> bool:
    """The quote closes on a word, not on a comma or a question ("…,” Mr Annan said": an attribution follows)."""
    return mark.i > 0 and not mark.doc[mark.i - 1].is_punct


def _complete_head(head: Span, nxt: Token) -> bool:
    """A statement (a finite verb with its subject, not a reporting verb waiting for its clause) or a verbless
    headline ("First swine flu fatality in Spain"), not an opening phrase ("In a statement on Monday")."""
    finite = [t for t in head if _finite(t) and any(c.dep_ in _SUBJECTS for c in t.children)]
    if finite:
        last_verb = [t for t in head if t.pos_ in ("VERB", "AUX")][-1]
        unfinished = last_verb.dep_ == "relcl" and not any(c.dep_ in _COMPLETE for c in last_verb.children)
        return not _subordinate(head[0]) and not _waits_for_clause(last_verb) and not unfinished
    if any(t.pos_ in ("VERB", "AUX") for t in head) or head[0].pos_ in _OPENING_POS or nxt.pos_ == "PROPN":
        return False  # a verbless head before a name is the name's title: "US Secretary of State || Hillary Clinton"
    return not any(t.ent_type_ in ("DATE", "TIME") for t in head)


def _subordinate(first: Token) -> bool:
    """The head opens a subordinate clause that waits for its main clause: "If …", "As …" (a mark) or "When the
    earthquake hit Haiti …" ("when" is the adverb of the clause's verb, which the parse hangs on the main one)."""
    return first.dep_ == "mark" or (first.tag_ == "WRB" and first.head.dep_ == "advcl")


def _waits_for_clause(verb: Token) -> bool:
    """The verb may take the next clause as its complement ("said he hoped …"), unless it is a passive whose subject
    is a noun ("The death toll is estimated at 150,000"; with "it", "It is believed troops …", it does)."""
    passive = any(c.dep_ == "nsubjpass" and c.pos_ in ("NOUN", "PROPN", "NUM") for c in verb.children)
    return _takes_a_clause(verb) and not passive


def _takes_a_clause(verb: Token) -> bool:
    """A verb that may take the next clause without "that" ("said he hoped Libyans would …"), by its lemma or, where
    the lemmatizer missed ("hoped" read as "hop"), by its inflected form less its ending."""
    word = verb.lower_
    forms = {verb.lemma_.lower(), word, word[:-1], word[:-2], word[:-3] + "y" if word.endswith("ied") else word}
    return bool(forms & _COMPLEMENT_LEMMAS)


def _new_clause(tok: Token, end: int) -> bool:
    """A finite verb after `tok` whose subject starts at `tok`, or after an opener set off by a comma that starts
    at `tok`; the clause is complete (a relative clause without "that" lacks its object)."""
    verb = _opening_verb(tok, end)
    if verb is None:
        return False
    deps = {c.dep_ for c in verb.children}
    return bool(deps & _COMPLETE) if verb.dep_ in ("relcl", "acl") else bool(deps & _COMPLETE_OR_PREP)


def _opening_verb(tok: Token, end: int) -> Token | None:
    """The first finite verb after `tok` whose subject starts at `tok` (or after an opener and a comma from it)."""
    for verb in tok.doc[tok.i : end]:
        if not _finite(verb):
            continue
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS and c.i >= tok.i), None)
        if subject is None or subject.i > verb.i:
            continue
        first = subject.left_edge.i
        if first == tok.i or (first > tok.i and tok.doc[first - 1].text == "," and not tok.is_sent_start):
            return verb
    return None


def _finite(verb: Token) -> bool:
    """A verb with a tense: its own ("arrested", "says") or its auxiliary's ("have arrested", "will be set")."""
    return verb.tag_ in _FINITE or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in verb.children)
