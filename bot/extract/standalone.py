"""Whether a sentence can be shown on its own in an answer, and how.

An answer line is one sentence lifted out of its article, so "He has come out swinging" points at nobody
and "y Pandillas — FNAMP) stormed the courthouse" is a fragment a link split. Newsrooms resolve the
referent in brackets: "[Jerí] has come out swinging". So for each body sentence: a fragment, a correction
note or a sentence whose subject points back ("They", "These", "One", "The two groups") is not shown
alone; a "he"/"she"/"his"/"her" that points at the person last named before it gets that person's name
in brackets; one that points at nobody makes the sentence not shown alone either.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from bot.extract.facts_common import is_boilerplate, text_of
from bot.extract.given_names import gender, pronoun_fits
from bot.extract.months import MONTH_FORMS
from bot.extract.pointing import (
    _ANAPHORIC,
    _EXPLETIVE_IT,
    _FIRST_PERSON,
    _PRONOUNS_BACK,
    _TIME_WORDS,
    opens_pointing_back,
)
from bot.extract.speech_verbs import SPEECH_LEMMAS
from bot.extract.titles import ROLE_NOUNS, TITLE_WORDS
from bot.extract.types import EntityCluster, Sentence
from bot.ingest.furniture import CLIP_LABEL
from bot.places import is_known_place

LOOK_BACK = 3  # sentences: how far back a pronoun's person may be named
_PERSONAL = {"he", "she", "him", "his", "her"}
_PRONOUN_FORM = {"him": "he", "his": "he", "her": "she"}
_DEMONSTRATIVE = frozenset("this these those that".split())  # "that" as a noun's determiner: "that list"
_SUBJECT_POINTING = frozenset("they it this these those".split())
# "And Homs is not Syria.": not "But": "But with the spread of the virus, shipments …" turns, and stands alone
_CONTINUING = frozenset("and or nor".split())
# a timeline's entry ("February 26 - The U.N. Security Council imposes …"): a date, a dash, no year, historic present
_MONTH = "(?:" + "|".join(MONTH_FORMS) + ")"
_DATED_ENTRY = re.compile(rf"^(?:{_MONTH}\.? \d{{1,2}}(?:, \d{{4}})?|\d{{1,2}} {_MONTH}(?: \d{{4}})?) [-–—] ")
# a factbox's "Label - figure" entries ("EU - $604m (420m euros) US - $100m pledged …"), two or more in one line
_FIGURE_ENTRY = re.compile(r"(?:^|\s)[A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,2} [-–] [$£€¥]?\d")
# a label in capitals before the quote it introduces ("BRITISH FOREIGN SECRETARY WILLIAM HAGUE “The UK is …”")
_CAPITALS_LABEL = re.compile(r"^[^A-Za-z]*(?:[A-Z][A-Z.'’-]+ ){3,}[\"“]")
_NAMED = frozenset("PERSON ORG GPE LOC NORP FAC".split())
_OFFICES = ROLE_NOUNS | TITLE_WORDS
STORY_NOUN = 3  # mentions of a noun in the body that make it the story's own ("the army" of a war story)
LOST_LETTERS = 0.3  # share of one-letter words past which a line lost its letters ("Virus c m heo xu t ph t t …")
_SENTENCE_ENDS = frozenset(".!?…")
_CLOSERS = "\"”’')] \n"  # a quote or bracket closed after the full stop
MIN_WORDS = 5  # words (not punctuation) of the shortest line that states something alone
SIGNATURE_WORDS = 9  # words of the names before a reader's place ("Patricio Barrientos and Aranzazu Nuez")
LIST_DASHES = 3  # spaced dashes in one "sentence": list items, not an aside (prose sets off one, twice)
_LABELS = re.compile(r"(?:^|\s)[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}: ")
# "It" that points at nothing said before: "It is unclear whether …", "It was not clear how many …".
# A market data code of a wire's terminal, left in the copy: "PT10YT = TWEB", "US10YT=RR", "EUR=", "<LCOc1>".
_TICKER = re.compile(r"(?<![\w=])[A-Z][A-Za-z0-9.]*[A-Z0-9](?: ?= ?[A-Z]{2,}\b|=(?=[\s,;.)]))"
                     r"|<[.^]?[A-Z][A-Za-z0-9.=^]*>")
# A lead-in to the clip or report a page plays, not a sentence of its own: "… as the BBC's Stephen Gibbs reports from
# Mexico City", "Our correspondent Ana Ruiz reports from Lima.", "Watch: …", "In this video, …".
_OUTLET_REPORTS = re.compile(
    r"\b(?:the )?(?:[A-Z][A-Za-z]*['’]s|[Oo]ur)(?: [a-z]+){0,3}(?: [A-Z][\w'’-]+){1,3} (?:reports|explains|looks at"
    r"|sends this report|has this report|has more|visits|meets|talks to|speaks to)(?= from\b|[.,;]|$)")
_CLIP_OPENER = re.compile(r"^(?:(?:Watch|Listen|Video|Audio|WATCH|VIDEO|AUDIO)\s*[:–—-]|In (?:this|the following|our)"
                          r" (?:video|clip|audio|film|report|slideshow|podcast)\b)")


def mark_standalone(doc: Doc, sentences: list[Sentence], entities: list[EntityCluster]) -> None:
    """Set `alone` and, where a pronoun was resolved, `shown` on each body sentence."""
    people = sorted(
        ((m.sent, m.start, e.name) for e in entities if e.type == "PERSON" for m in e.mentions),
        key=lambda p: (p[0], p[1]),
    )
    short = {e.name: _short_name(e) for e in entities if e.type == "PERSON"}
    weight = {e.name: len(e.mentions) for e in entities if e.type == "PERSON"}
    person_words = {w for e in entities if e.type == "PERSON" for m in e.mentions for w in m.text.split()}
    for sentence in sentences:
        if sentence.kind != "body":
            continue
        if fragment(sentence.text) or is_boilerplate(sentence.text) or _points_back(doc, sentence) \
                or _no_statement(doc, sentence) or _list_line(sentence.text) or _first_person(doc, sentence) \
                or _refers_back(doc, sentence) or _object_points_back(doc, sentence) or _unattributed(sentence.text) \
                or _question(sentence.text) or _continues(sentence.text) or _entry_line(sentence.text) \
                or _letters_lost(sentence.text) or _introduced_before(doc, sentence, sentences) \
                or _ticker_code(sentence.text) or _clip_lead_in(sentence.text) or _signed(doc, sentence, sentences) \
                or _unpunctuated(sentence.text) or _clip_caption(sentence, sentences):
            sentence.alone = False
            continue
        pronoun = _first_pronoun(doc, sentence, person_words)  # None when the sentence names its person
        if pronoun is None:
            continue
        before = [p for p in people if sentence.idx - LOOK_BACK <= p[0] < sentence.idx
                  and pronoun_fits(_PRONOUN_FORM.get(pronoun.lower_, pronoun.lower_), p[2])]
        if not before:
            sentence.alone = False
            continue
        # only when one person named just before can be meant ("He" after "Jerí ... removed Dina Boluarte"),
        # and the name is a person's (a given name, or named more than once): a wrong name is worse than none
        names = {p[2] for p in before}
        person = names.pop() if len(names) == 1 else None
        if person is None or not (gender(person) or weight.get(person, 0) > 1):
            sentence.alone = False
            continue
        sentence.shown = _with_name(sentence, pronoun, short.get(person, person))
        sentence.alone = not _speaker_pronoun(sentence, pronoun)  # a quote card may show the name, no summary


def _short_name(entity: EntityCluster) -> str:
    """The shortest way the article names the person ("Jerí", "Zevallos Trigoso"), without a given name
    ("Boluarte" for "Dina Boluarte"), for the brackets."""
    forms = [re.sub(r"['’]s?$", "", m.text.strip()) for m in entity.mentions] or [entity.name]
    best = min(forms, key=lambda f: (len(f.split()), len(f)))
    words = best.split()
    return " ".join(words[1:]) if len(words) > 1 and gender(words[0]) else best


def fragment(text: str) -> bool:
    """A piece of a sentence: starts in lower case or with closing punctuation, or closes a bracket or a
    quotation it never opened ("y Pandillas — FNAMP) stormed …", "… to guarantee they can work in safety,” said …")."""
    first = text.lstrip("“\"‘'")[:1]
    if not first or first.islower() or first in ")]},;:—–-":
        return True
    head = text[:60]
    if head.find(")") >= 0 and (head.find("(") < 0 or head.find(")") < head.find("(")):
        return True
    close, opening = text.find("”"), text.find("“")
    if close >= 0 and (opening < 0 or close < opening):
        return True  # the end of a quote begun in an earlier sentence
    return _quote_runs_on(text)


def _span(doc: Doc, sentence: Sentence) -> Span | None:
    return doc.char_span(sentence.start, sentence.end, alignment_mode="expand")


def _no_statement(doc: Doc, sentence: Sentence) -> bool:
    """Too short to say anything alone ("Turkey:", "Violence continued.", "Monday's quake was 6.1.": an "'s" is no
    word), or no verb at all (a label, a caption, a list of names): a line of an answer is a sentence that states
    something."""
    span = _span(doc, sentence)
    if span is None:
        return False
    words = [t for t in span if not t.is_punct and not t.is_space and t.tag_ != "POS"]  # "'s" is no word
    return len(words) < MIN_WORDS or not any(t.pos_ in ("VERB", "AUX") for t in words) or _imperative(words)


def _imperative(words: list[Token]) -> bool:
    """An order that opens the line ("Look at the situation in Homs.", "Remember that …"): a piece of a quote whose
    marks were lost, or the page talking to its reader, never a statement of the article."""
    verb = words[0]
    return verb.tag_ == "VB" and verb.dep_ == "ROOT" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in verb.children)


def _refers_back(doc: Doc, sentence: Sentence) -> bool:
    """The subject of the main verb points at something said before, and nothing before it in the sentence can
    be what it points at: a pronoun ("However, over the last decade, they have grown …"), a thing named with
    "this", "these" or "those" ("On Monday this violence spread …"), or "the plan", "the move" ("Within hours,
    the move angered …", "A key decision concerns …"). "While coca fell …, this is still far higher" names it first
    (`_named_before`; an opening phrase with no verb, "After years of unrest, this new hope …", does not); "Those
    who fled …" says who; an "it" that stands for nothing ("it is unclear whether …") and "this year" point at
    nothing."""
    span = _span(doc, sentence)
    root = span.root if span is not None else None
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
    if subject is None or any(c.dep_ in ("relcl", "acl") for c in subject.children):
        return False
    if _named_before(doc[span.start : subject.left_edge.i], subject):
        return False  # what it points at may be named before it
    words = {c.lower_: c for c in subject.children if c.dep_ == "det"}
    if subject.lower_ in _SUBJECT_POINTING:
        return subject.lower_ != "it" or not _EXPLETIVE_IT.match(text_of(doc)[subject.idx:sentence.end])
    if subject.lower_ in _TIME_WORDS:
        return False
    if words.keys() & _DEMONSTRATIVE:
        return True
    # "the move", and "a key decision" that a colon or the next sentence goes on to say: which move, what decision?
    # A passive's "a deal was reached", "a new plan was unveiled" reports the thing made: new here, it points nowhere
    indefinite = bool(words.keys() & {"a", "an"}) and subject.dep_ != "nsubjpass"
    return ("the" in words or indefinite) and subject.lemma_ in _ANAPHORIC and not _says_which(doc, subject)


def _named_before(before: Span, subject: Token) -> bool:
    """Whether the words before the subject may name what it points at: a clause of their own ("While coca fell …,
    this is still far higher") or the subject's own noun ("In the plan, this plan …"). An opening phrase with no
    verb sets the scene and names something else ("After years of unrest, this new hope …", "Together with a second
    tribe, they rebelled …": which hope, who?)."""
    nouns = [t for t in before if t.pos_ in ("NOUN", "PROPN") and t.lower_ not in _TIME_WORDS
             and t.ent_type_ not in ("DATE", "TIME")]
    if not nouns:
        return False
    return any(t.pos_ in ("VERB", "AUX") for t in before) or any(t.lemma_ == subject.lemma_ for t in nouns)


def _says_which(doc: Doc, noun: Token) -> bool:
    """The noun has a modifier after it that says which one ("the plan to build …", "the deal with Chile", "the move
    that angered …"). One set off by a comma is an aside about a thing already known ("the move, which should help
    …"), and so is what the parser hangs on the noun past it ("…, at a meeting on Saturday")."""
    return any(c.dep_ in ("prep", "acl", "relcl") and not any(t.text == "," for t in doc[noun.i + 1 : c.left_edge.i])
               for c in noun.children if c.i > noun.i)


def _object_points_back(doc: Doc, sentence: Sentence) -> bool:
    """An object that names something the article has just described, and nothing else about it: "Brown
    announced the move, which should help …", "Rebels rejected this proposal" (which move, which proposal?), or
    only a pronoun (`_pronoun_object`). "the move to close the border", "the peace plan", "Annan's plan" say
    which; a subject is `_refers_back`'s."""
    span = _span(doc, sentence)
    for tok in span or []:
        if _pronoun_object(doc, span, tok):
            return True
        if tok.dep_ not in ("dobj", "pobj") or tok.lemma_ not in _ANAPHORIC:
            continue
        kinds = {c.dep_ for c in tok.children if c.i < tok.i}
        det = next((c.lower_ for c in tok.children if c.dep_ == "det"), None)
        if (det == "the" or det in _DEMONSTRATIVE) and kinds <= {"det"} and not _says_which(doc, tok):
            return True
    return False


def _pronoun_object(doc: Doc, span: Span, tok: Token) -> bool:
    """An object that is only a pronoun ("The commission is calling it the novel virus", "Troops shelled them"), outside
    a quotation, with nothing before it that it can stand for: its own verb's subject never is ("the commission" is not
    "it"; "Relatives of the miners carried them" names them), "make it clear" stands for nothing and "those of …"
    says what."""
    if tok.dep_ != "dobj" or tok.pos_ != "PRON" or tok.lower_ not in _PRONOUNS_BACK - {"that"} or any(tok.children):
        return False
    if tok.lower_ == "it" and tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ in ("ADJ", "ADV", "PART", "SCONJ"):
        return False
    before = doc[span.start : tok.i]
    if sum(t.text in ("“", "”", '"') for t in before) % 2:
        return False  # inside a quotation: the speaker's "them", which a quote's line answers for
    subject = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    own = {subject.i} | {c.i for c in subject.children if c.dep_ == "compound"} if subject is not None else set()
    return not any(t.pos_ in ("NOUN", "PROPN", "NUM") and t.i not in own for t in before)


def _unattributed(text: str) -> bool:
    """The whole line is one quotation ("“In the U.S., we're still seeing …”"): its speaker is named in another
    sentence, and shown alone it is nobody's words."""
    inner = text.strip()
    if inner[:1] not in ("“", '"') or inner[-1:] not in ("”", '"'):
        return False
    body = inner[1:-1]
    return "”" not in body and '"' not in body


def _question(text: str) -> bool:
    """The writer asks ("What is delaying Haiti's aid?", "What are your thoughts?"): a question states nothing, and
    its answer is in the sentences after it. A question inside a quote that the line attributes ends otherwise,
    and one a statement introduces after a colon is what the statement says ("The question the experts sought to
    answer on March 5 was: how far can the gangs go?")."""
    if not text.rstrip("”\"’' ").endswith("?"):
        return False
    head, colon, _ = text.partition(":")
    return not (colon and len(head.split()) >= 4)


def _list_line(text: str) -> bool:
    """Entries of a list or factbox the page printed one a line, joined into one "sentence" when the breaks were
    lost: several "Label: …" entries ("US: One death, 286 confirmed cases Mexico: 12 deaths …") or items
    separated by spaced dashes ("Ana Ruiz, 24 - found after 11 days Luis Paz, 21 - rescued …")."""
    return len(_LABELS.findall(text)) >= 2 or text.count(" - ") >= LIST_DASHES


def _first_person(doc: Doc, sentence: Sentence) -> bool:
    """A first-person pronoun outside quotation marks ("Outside the hospital, we counted …", "I was told"):
    the reporter (or a speaker whose quote marks were lost) talking, nobody a reader of the line knows."""
    span = _span(doc, sentence)
    opened = 0
    for tok in span or []:
        if tok.text in ("“", "”", '"'):
            opened = opened + 1 if tok.text != "”" else max(0, opened - 1)
        elif not opened % 2 and tok.pos_ == "PRON" and tok.lower_ in _FIRST_PERSON and (tok.text != "US"):
            return True
    return False


def _quote_runs_on(text: str) -> bool:
    """A quotation the sentence opens and does not close ("“There’s widespread fear,” X told InSight Crime,
    “They knock on the door, saying, ‘Hey, you have to pay.’" goes on in the next sentence): shown alone it
    is a quote cut short. Straight double quotes count too: an odd number cannot all be closed."""
    if text.rfind("“") > text.rfind("”"):
        return True
    return text.count('"') % 2 == 1


def _points_back(doc: Doc, sentence: Sentence) -> bool:
    """The sentence opens on a word that refers to something said before it (`opens_pointing_back`)."""
    return opens_pointing_back(sentence.text)


def _first_pronoun(doc: Doc, sentence: Sentence, person_words: set[str]) -> Token | None:
    """The first third-person singular pronoun of the sentence outside quotation marks."""
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None:
        return None
    opened = 0
    for tok in span:
        if tok.text in ("“", "”", '"'):
            opened = opened + 1 if tok.text != "”" else max(0, opened - 1)
            continue
        if opened % 2:
            continue  # a name inside the quote is somebody the speaker talks about, never the speaker
        if tok.ent_type_ == "PERSON" or (
            tok.pos_ == "PROPN" and tok.text in person_words and tok.ent_type_ not in ("ORG", "GPE", "NORP", "DATE")
        ):
            return None  # "Pavón ran his empire": the name before the pronoun is its referent
        if tok.lower_ in _PERSONAL and tok.pos_ == "PRON":
            later = span[tok.i - span.start + 1 :]  # "Prior to running his group, Contador …": named after it
            named_later = any(t.ent_type_ == "PERSON" and t.dep_ in ("nsubj", "nsubjpass") for t in later)
            return None if named_later else tok  # not "… ties to the Morales government": a modifier names nobody
    return None


def _speaker_pronoun(sentence: Sentence, pronoun: Token) -> bool:
    """The quote's speaker is only "he" or "she" ("“…,” he says.", "She said: “…”"): who speaks is named in an
    earlier sentence, and a quotation is a person's words, so the line needs that sentence; a name put in brackets
    from the sentences before may be somebody the last quote talked about, not who speaks now. The bracketed text
    stays for a quote's card, whose speaker the quote rules found."""
    quoted = any(mark in sentence.text for mark in ("“", "”", '"'))
    return quoted and pronoun.dep_ in ("nsubj", "nsubjpass") and pronoun.head.lemma_ in SPEECH_LEMMAS


def _with_name(sentence: Sentence, pronoun: Token, name: str) -> str:
    """The sentence with the pronoun replaced by the bracketed name: "[Jerí] has", "[Boluarte's] government"."""
    possessive = pronoun.lower_ == "his" or (pronoun.lower_ == "her" and pronoun.tag_ == "PRP$")
    label = f"[{name}'s]" if possessive else f"[{name}]"
    at = pronoun.idx - sentence.start
    text = sentence.text
    return text[:at] + label + text[at + len(pronoun.text):]


def _continues(text: str) -> bool:
    """The line opens on "And", "Or" or "Nor": it goes on from the sentence before ("And Homs is not Syria.",
    "And government leaders are not the only ones …"), whose point a reader of the line alone does not have."""
    first = text.lstrip("“\"‘'").split(" ", 1)[0].rstrip(",")
    return first.lower() in _CONTINUING and first[:1].isupper()


def _entry_line(text: str) -> bool:
    """An entry of a factbox or a quote list, not a sentence of reporting: "EU - $604m (…) US - $100m pledged …"
    (one entry or several whose breaks were lost), "BRITISH FOREIGN SECRETARY WILLIAM HAGUE “The UK is …”"."""
    entries = _FIGURE_ENTRY.findall(text)
    return len(entries) >= 2 or (bool(entries) and text.startswith(entries[0])) or bool(_CAPITALS_LABEL.match(text))


def _signed(doc: Doc, sentence: Sentence, sentences: list[Sentence]) -> bool:
    """A reader's account after its signature, as a page of readers' accounts prints them one after another
    ("Patricio Barrientos and Aranzazu Nuez, Mexico City Massive events have been canceled …"): a person's name (or
    two), a comma, a place, and the account opening straight after the place, run into the line or split off
    before it as a heading. The words are a reader's, not the page's reporting. "Ana Ruiz, Lima's mayor, said …"
    and "Ana Ruiz, Lima Police Chief, said …" are a name and who she is (a comma closes it before the verb)."""
    span = _span(doc, sentence)
    if span is None:
        return False
    end = _signature(doc, span)
    if end is not None and end < span.end:
        verb = next((t.i for t in doc[end : span.end] if t.pos_ in ("VERB", "AUX")), None)
        after = doc[end]
        return verb is not None and after.text[:1].isupper() and after.lower_ not in _OFFICES \
            and after.tag_ != "POS" and not any(t.text == "," for t in doc[end:verb])  # "…, Lima Police Chief, said"
    before = next((s for s in sentences if s.idx == sentence.idx - 1 and s.kind == "heading"), None)
    head = _span(doc, before) if before is not None else None
    end = _signature(doc, head) if head is not None else None
    return end is not None and all(t.is_punct for t in doc[end : head.end])


def _signature(doc: Doc, span: Span) -> int | None:
    """Where the place of a signature that opens the span ends ("Ana Ruiz and Luis Paz, Lima"): only people's
    names, a comma, and a place the parser or the gazetteer knows; None for a span that opens otherwise."""
    comma = next((t.i for t in span if t.text == ","), None)
    if comma is None or comma - span.start < 2 or comma - span.start > SIGNATURE_WORDS:
        return None
    named = doc[span.start : comma]
    if not (named[0].ent_type_ == "PERSON" or gender(named[:2].text)) \
            or not all(t.pos_ == "PROPN" or t.lower_ == "and" for t in named):
        return None  # a person's name opens it (the parser takes some for an organisation: "Lucia Quispe")
    for size in (3, 2, 1):
        place = doc[comma + 1 : min(comma + 1 + size, span.end)]
        if len(place) == size and all(t.pos_ == "PROPN" for t in place) and (
                is_known_place(place.text) or all(t.ent_type_ in ("GPE", "LOC") for t in place)):
            return place.end
    return None


def _ticker_code(text: str) -> bool:
    """Market data codes run into the text ("Portuguese 10-year yields PT10YT = TWEB rose to …"): copy written for a
    wire's terminal, whose line a reader of the desk cannot read as it stands."""
    return bool(_TICKER.search(text))


def _clip_lead_in(text: str) -> bool:
    """The line introduces a clip or a correspondent's report the page plays ("… but as the BBC's Stephen Gibbs
    reports from Mexico City there is still a lot of anxiety", "Watch: …", "In this video, …"): what it promises is
    on the page's player, not in the line."""
    return bool(_CLIP_OPENER.match(text) or _OUTLET_REPORTS.search(text))


def _unpunctuated(text: str) -> bool:
    """No full stop, question or exclamation mark ends it ("The 1918 pandemic was caused by an H1N1 strain" before
    the body): a picture caption or subhead split off the text it was run into, not a sentence of the story."""
    return text.rstrip(_CLOSERS)[-1:] not in _SENTENCE_ENDS


def _clip_caption(sentence: Sentence, sentences: list[Sentence]) -> bool:
    """The line just before a clip's label ("… says the ceasefire has collapsed. This video has not been
    independently verified") is the clip's caption, not a sentence of the story. A player's notice ("Media playback
    is unsupported …") comes before its caption: the line before that is the story's."""
    after = sentences[sentence.idx + 1] if sentence.idx + 1 < len(sentences) else None
    return after is not None and bool(CLIP_LABEL.search(after.text))


def timeline_entry(text: str) -> bool:
    """An entry of a chronology the article prints ("February 26 - The U.N. Security Council imposes …"): a timeline
    may show it (it says what happened that day), a summary of the story holds the story's own sentences."""
    return bool(_DATED_ENTRY.match(text))


def _letters_lost(text: str) -> bool:
    """Text whose letters were lost on the way (accented letters dropped: "Virus c m heo xu t ph t t Mexico …"):
    a third of its words are single letters, which no sentence of any language has."""
    words = [w for w in text.split() if w[:1].isalpha()]
    single = [w for w in words if len(w) == 1 and w not in ("a", "A", "I")]
    return len(words) >= MIN_WORDS and len(single) >= LOST_LETTERS * len(words)


def _introduced_before(doc: Doc, sentence: Sentence, sentences: list[Sentence]) -> bool:
    """The main clause's subject is a bare "the" noun an earlier sentence introduced and the story does not keep
    returning to ("The ship is being sent …" after "A Royal Fleet Auxiliary ship …"): alone, the line is about
    "the ship" and never says which. A "the" noun the article has not named before ("Since the storm, the
    government has spent …", "The smuggling rings earn …") is the writer's own reference, shown as it stands.
    Safe: a noun the headline or the lead names (the story's own "the earthquake") or one the
    article names three times or more (its "the army"), one the line says which of ("the ship that carried …",
    "the mayor of Ica", "the Ica mayor", "the 1918 pandemic"), and any after a name the line gives first ("In
    Zacatecas, … the state"), and an office or a speaker ("the mayor …", "the union said …": whose words is a
    quote's question, the line is what they said).
    A subject deeper in the line, or an object, is not what the line is about."""
    span = _span(doc, sentence)
    if span is None or sentence.idx < 2:
        return False
    known = _lemmas(doc, [s for s in sentences if s.kind == "title"][:1] + [_lead(sentences)])
    root, opened = span.root, 0
    for tok in span:
        if tok.text in ("“", "”", '"'):  # a speaker's "the ship" is the speaker's, named with the quote
            opened = opened + 1 if tok.text != "”" else max(0, opened - 1)
        if tok.pos_ == "PROPN" or tok.ent_type_ in _NAMED:
            return False  # what the definite noun after it stands for may be this name
        head = _noun_head(tok)
        if not opened % 2 and head.dep_ in ("nsubj", "nsubjpass") and head.head == root and _definite_only(tok):
            if root.lemma_ in SPEECH_LEMMAS or head.lemma_.lower() in _OFFICES:
                return False
            word = tok.lemma_.lower()
            earlier = [s for s in sentences if s.idx < sentence.idx]
            return (word not in known and word not in _TIME_WORDS and _mentions(doc, earlier, word) > 0
                    and _mentions(doc, sentences, word) < STORY_NOUN)
    return False


def _noun_head(tok: Token) -> Token:
    """The head of the noun's name ("The report findings": findings), which carries its "the" and its role."""
    while tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
        tok = tok.head
    return tok


def _mentions(doc: Doc, sentences: list[Sentence], word: str) -> int:
    """How often the body names the noun (`word`, a lemma)."""
    spans = [_span(doc, s) for s in sentences if s.kind == "body"]
    return sum(1 for span in spans if span is not None for t in span if t.pos_ == "NOUN" and t.lemma_.lower() == word)


def _lead(sentences: list[Sentence]) -> Sentence:
    """The article's first body sentence: the lead, which a line may lean on as the headline does."""
    return next((s for s in sentences if s.kind == "body"), sentences[0])


def _lemmas(doc: Doc, sentences: list[Sentence]) -> set[str]:
    """The nouns of the sentences, as lemmas in lower case."""
    spans = [_span(doc, s) for s in sentences]
    return {t.lemma_.lower() for span in spans if span is not None for t in span if t.pos_ in ("NOUN", "PROPN")}


def _definite_only(tok: Token) -> bool:
    """A common noun with "the" and nothing that says which: no name, owner or capitalised word of its own, no "of …",
    relative clause or apposition after it ("the ship", "the two mayors"; not "the Ica mayor", "the mayor of Ica",
    "Peru's ship")."""
    tok = _noun_head(tok)
    if tok.pos_ != "NOUN":
        return False
    kids = list(tok.children)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in kids):
        return False
    if any(c.dep_ in ("poss", "nmod") or (c.dep_ in ("compound", "amod") and c.text[:1].isupper())
           or (c.like_num and c.text.isdigit()) for c in kids):
        return False  # "Peru's ship", "the CRAC-PF militia", "the Mexican government", "the 1918 pandemic"
    return not any(c.dep_ in ("prep", "acl", "relcl", "appos") and c.i > tok.i for c in kids)
