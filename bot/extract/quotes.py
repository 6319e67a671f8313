"""Quotes with their speakers: direct quotes (in quote marks) and paraphrases ("X said that ...").

A misattributed quote is worse than none, so the rules prefer leaving a quote unattributed
(speaker None) over guessing. Quote spans come from `quote_marks`; who a subject or pronoun names
comes from `speakers`. The rules here decide which words attribute a quote:
- the subject of the verb right next to the quote (", Name said", ", said Name", ", pleaded Name",
  "Name told X:", "according to Name", "― Name", even on the next line; a role may stand before the
  name: "chairman and chief executive Richard Parsons said"), never a word inside a quote; a bare
  "“...” Name said." counts only when nothing follows the verb;
- a colon hands the floor to whoever its lead names ("Doe was blunt:", "Doe's reply:", "Doe, in a
  statement:"), and a quote closing a paragraph right after "Doe disagreed." is Doe's;
- a quote standing as its own sentence right after a sentence that reports someone's words ("Doe said
  the plan would fail. “It will.”") is theirs; so are quoted words inside that reported speech;
- a quote-only paragraph after one speaker's quote keeps that speaker; a quote running straight into
  an attributed one ("“A.” “B,” X said.") shares its speaker, as does one re-opened after a lost
  paragraph break;
- short fragments without sentence punctuation ("war on crime", "drop-by-drop") are scare quotes or
  titles and are skipped, unless a named subject's verb takes them as its object ("Quispe likened the
  law to “a blank check”"); a short noun phrase a verb other than speech takes ("downgraded to the
  “watch list”") stays a label;
- a sentence closed by ", said Name." or opened by "According to Name," introduces the quote after it;
  a quote with its own "Name said." after it is Name's, not the previous speaker's continued.
Not quotes: headlines and titles (see `quote_marks`), the writer's rhetorical questions, words the
article's own correction retracts. A speaker is a person or a body ("West", "One", "Newspapers", "The
current head" are not), with the full name the article gives; a statement given both as a paraphrase
and as a direct quote of its speaker is listed once.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from bot.extract.entities import PERSON_TITLES
from bot.extract.facts_common import (
    TITLE_WORDS,
    end_before,
    is_boilerplate,
    name_chain,
    sentence_index,
    text_of,
    tokens_in,
)
from bot.extract.given_names import is_given_name, is_surname
from bot.extract.names import GENERATIONS, fold
from bot.extract.quote_marks import MARK, QuoteSpan, find_spans
from bot.extract.speakers import (
    DENYING,
    DOCUMENTS,
    NAME_WORD,
    SpeakerResolver,
    disowned,
    named_apposition,
    person_part,
    quoted_source,
    said_second_hand,
    subject_of,
    subject_words,
    titled_person,
    within,
)
from bot.extract.speech_verbs import NAMING_LEMMAS, SPEECH_LEMMAS
from bot.extract.types import ArticleContext, Quote
from bot.nlp import english_words, get_nlp
from bot.places import places
from bot.stop_words import STOP_WORDS

# A dash before a name: "― Name", "– Name", and in plain text " -- Name" or " - Name" (a hyphen between spaces)
_DASH_NAME = re.compile(r"^(?:[\s,]*[―—–]+|\s*--|\s+-)\s*(?=[A-Z])")
_COORDINATORS = frozenset("but and yet".split())
_SUBORDINATORS = {"when", "while", "because", "as", "after", "before", "if", "although", "since", "until"}
_NEAR = 3  # tokens: how close to the quote an attribution's subject or verb must start
_TAIL_WORDS = 12  # words: longest attribution after a quote that may carry on to the next paragraph
_COLON_WORDS = 8  # words: longest verbless lead before a colon
_SPEECH_NOUNS = frozenset("response reply answer statement message words verdict warning retort".split())
_MODIFIER_DEPS = ("nsubj", "nsubjpass", "compound", "amod", "poss", "nmod")  # a quote naming a thing
_BARE_WORDS = 8  # words: longest bare attribution after a quote that ends its sentence
_ROLE_WORDS = 8  # words: longest role written before a speaker's name ("chief economist at Nomura")
_LIKENING = frozenset("liken compare equate".split())  # a gerund after "to" is the subject's image
# An act whose stated grounds follow "for/of/with" ("OFAC sanctioned Cabello for “drug trafficking …”",
# "prosecutors accused him of “…”", "charged her with “…”"): the quoted grounds are its subject's words.
_GROUNDS = frozenset(
    """accuse charge sanction blame criticize criticise praise fault condemn indict arrest fine punish sue
    suspect thank commend reprimand censure designate denounce investigate""".split()
)
_GROUND_PREPS = frozenset("for of with".split())
_ASKING = frozenset("ask question".split())  # their subject asks; the quote after answers
_NOT_SPEAKERS = frozenset("WORK_OF_ART PRODUCT EVENT LAW DATE TIME MONEY QUANTITY LANGUAGE".split())
_WORKS = frozenset(
    "album film movie song single record book novel show series play musical opera ship vessel storm hurricane "
    "law bill report programme program app website".split()
)  # "the album Exodus": names of things, which say nothing
_READING = frozenset("read recite".split())  # their subject voices a document's words, not their own
_RELAYING = _READING | {"quote", "cite"}  # their subject passes on someone else's words

_Found = tuple[list[Token], str]  # (subject words, a lone pronoun included; cue)


def extract_quotes(doc: Doc, ctx: ArticleContext) -> list[Quote]:
    """Direct quotes with speakers, then paraphrases, each tied to its first sentence."""
    spans, partials = find_spans(text_of(doc), ctx)
    inside = [(s.start, s.end) for s in spans]
    resolver = SpeakerResolver(doc, ctx, inside)
    for i in range(len(spans)):
        _attribute(doc, spans, i, resolver)
    _back_fill(doc, spans)
    spans = sorted(spans + _attribute_partials(doc, partials, resolver), key=lambda s: s.start)
    quotes, clauses, shown = [], [], []
    for span in _merge(spans):
        if span.speaker and within(span.start, shown):
            continue  # “rise of new leaders” or “new groups”: the second fragment is in the first one's clause
        clause = _clause_of_fragment(doc, span, inside)
        if clause is not None:  # shown with its subject, as what the speaker said
            shown.append(clause[:2])
            where = sentence_index(ctx, span.start)
            speaker = _clause_speaker(doc, span, clause, resolver)
            clauses.append(Quote(speaker, clause[2], where, "paraphrase", clause[3]))
            continue
        quotes.append(
            Quote(
                speaker=span.speaker,
                quote=" … ".join(p.rstrip(" ,") for p in span.parts),
                sent=sentence_index(ctx, span.start),
                kind="direct",
                cue=span.cue,
            )
        )
    claimed = [(s.start, s.end) for s in spans if s.speaker]  # a quote nobody was found to say is the clause's
    said = _paraphrases(doc, ctx, inside, resolver, claimed)
    quotes.extend(said + [c for c in clauses if not _reported_already(c, said)])
    quotes.sort(key=lambda q: q.sent)
    return _one_statement(_retracted_dropped(_speakers_only(quotes, ctx), ctx))


_CLAUSE_HOPS = 4  # tokens: how far up from a quoted fragment the clause a speech verb reports may stand


def _clause_of_fragment(
    doc: Doc, span: QuoteSpan, inside: list[tuple[int, int]]
) -> tuple[int, int, str, str] | None:
    """ "Gates said a no-fly zone “also requires more airplanes …”", "Doe told the UN that the resolution
    concealed “blatant support for the armed opposition”": a quote that opens in lower case inside the
    clause a speech verb reports reads as a statement only with the clause's first words, which stand
    outside the marks. The clause from its start through the quote (offsets, text, the verb with its
    listener), or None when the quote is whole."""
    if not span.speaker or len(span.parts) > 1 or not span.content.lstrip(" '‘\"“")[:1].islower():
        return None
    inner = tokens_in(doc, span.start, span.end)
    tok = next((t for t in inner if not inner.start <= t.head.i < inner.end and not t.is_punct), None)
    for _ in range(_CLAUSE_HOPS):
        if tok is None or (tok.dep_ == "ccomp" and tok.head.lemma_ in SPEECH_LEMMAS) or tok.head.i == tok.i:
            break
        tok = tok.head
    if tok is None or tok.dep_ != "ccomp" or tok.head.lemma_ not in SPEECH_LEMMAS or tok.head.idx > span.start:
        return None
    first = doc[_clause_start(tok)]
    text = text_of(doc)
    if first.idx >= span.start or within(first.idx, inside) or MARK.search(text[first.idx : span.start]):
        return None
    last = doc[tok.right_edge.i]
    end = max(span.end, last.idx + len(last))
    end = next((b for a, b in inside if a < end <= b), end)  # a clause ending inside a quote ends with it
    words = text[first.idx : end].strip()
    words = words[5:] if words.lower().startswith("that ") else words
    return first.idx, end, words, _with_listener(tok.head, tok)


def _attribution_speaker(subj: list[Token], span: QuoteSpan, resolver: SpeakerResolver) -> str | None:
    """One attribution, one speaker: "“We never agreed with Kane,” he said. “That's where it starts.”" — when
    the second quote borrows the first one's "he said", it gets the speaker (or the none) that "he" was
    found to be for the first, not a fresh guess that the first quote's words ruled out."""
    if not subj:
        return resolver.speaker(subj, span.start, (span.start, span.end))
    key = subj[0].i
    if key not in resolver.attributions:
        resolver.attributions[key] = resolver.speaker(subj, span.start, (span.start, span.end))
    return resolver.attributions[key]


def _verb_above(tok: Token) -> Token | None:
    """The verb whose subject a name is, through its apposition ("the envoy Tom Hale had told": "told");
    None when the parser did not make the name a subject (a name in a run-in caption's phrase)."""
    for _ in range(4):
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return tok.head
        if tok.dep_ not in ("appos", "compound", "flat") or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _clause_speaker(
    doc: Doc, span: QuoteSpan, clause: tuple[int, int, str, str], resolver: SpeakerResolver
) -> str | None:
    """Who says the clause a fragment is shown with: the fragment's own speaker, unless the clause names
    that speaker ("Varga said the envoy Hale had told Hungary … “refuse …”": the clause is Varga's
    words, Hale's only second-hand), when it is the subject of the speech verb reporting the clause."""
    if not resolver.names_within(span.speaker, clause[0], span.start):
        return span.speaker
    verb = next((t.head for t in tokens_in(doc, clause[0], clause[0] + 1)), None)
    while verb is not None and not (verb.lemma_ in SPEECH_LEMMAS and verb.idx < clause[0]):
        verb = verb.head if verb.head.i != verb.i else None
    subj = subject_of(verb) if verb is not None else None
    return resolver.speaker(subject_words(subj), subj.idx, clause[:2]) if subj is not None else None


def _reported_already(clause: Quote, said: list[Quote]) -> bool:
    """The speaker's paraphrase of the same sentence already holds the clause (with its listener: "told
    the radio that …")."""
    return any(q.speaker == clause.speaker and q.sent == clause.sent and clause.quote in q.quote for q in said)


_SAME_SHARE = 0.6  # of a paraphrase's content words a direct quote of its speaker repeats: one statement


def _content_words(text: str) -> set[str]:
    """The words of a text that carry its meaning (no stop words, no short words)."""
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 2 and w not in STOP_WORDS}


def _one_statement(quotes: list[Quote]) -> list[Quote]:
    """A statement given both as a paraphrase and as a direct quote of the same speaker ("Doe said the
    gangs run the prisons. “The gangs run the prisons,” Doe said.") is listed once, as the direct quote."""
    direct = [(q.speaker, _content_words(q.quote)) for q in quotes if q.kind == "direct" and q.speaker]
    kept = []
    for quote in quotes:
        words = _content_words(quote.quote) if quote.kind == "paraphrase" and quote.speaker else set()
        if words and any(
            who == quote.speaker and len(words & said) >= _SAME_SHARE * len(words) for who, said in direct
        ):
            continue
        kept.append(quote)
    return kept


# A printed correction that takes words back: "an earlier version … wrongly quoted X as saying …",
# "misquoted X", "incorrectly attributed to X a remark that …".
_RETRACTION = re.compile(
    r"\b(?:wrongly|incorrectly|mistakenly|erroneously|falsely)\s+(?:quoted|attributed|reported|said|stated)|\bmisquoted",
    re.I,
)
_RETRACTED_SHARE = 0.5  # of a quote's content words the correction repeats, for it to be the words taken back


def _retracted_dropped(quotes: list[Quote], ctx: ArticleContext) -> list[Quote]:
    """Quotes and claims the article's own correction says it got wrong are not anyone's words: a quote
    goes when a correction note retracting a quote repeats most of its words and names its speaker."""
    notes = [s.text for s in ctx.sentences if is_boilerplate(s.text) and _RETRACTION.search(s.text)]
    if not notes:
        return quotes
    return [q for q in quotes if not any(_retracted(q, note) for note in notes)]


def _retracted(quote: Quote, note: str) -> bool:
    """The correction repeats most of the quote's content words, and names its speaker if it has one."""
    if quote.speaker and quote.speaker.split()[-1] not in note:
        return False
    words = _content_words(quote.quote)
    said = set(re.findall(r"\w+", note.lower()))
    return bool(words) and len(words & said) >= _RETRACTED_SHARE * len(words)


# Common nouns that can speak or publish: "the source said", "investigators argue", "a report revealed".
_VOICES = frozenset(
    """official authority police prosecutor investigator source analyst expert report study government ministry
    group spokesperson spokesman spokeswoman lawyer attorney judge president minister journalist media newspaper
    outlet agency office researcher witness resident leader member commander chief director head secretary
    mayor governor officer soldier observer organization organisation survey document statement complaint
    indictment court committee commission ombudsman activist critic authors author company firm bank army
    department unit council congress senator deputy lawmaker legislator family relative victim neighbor
    neighbour community person people man woman worker manager expert specialist official trader dealer broker
    economist strategist diplomat magazine journal broadcaster website""".split()
)
_DETERMINERS = frozenset("the a an these those this that its their some many several".split())


_NAME_WORD = NAME_WORD
_OF_OUTLET = re.compile(rf"^((?:{_NAME_WORD}\s+){{1,3}}?{_NAME_WORD})\s+of\s+(?:the\s+)?[A-Z0-9]")


def _person_named(speaker: str, text: str) -> str:
    """A person's name as the article gives it: "Blanca López of C9N News" is Blanca López (the rest is
    her employer), and a surname alone ("López") is the one full name the article gives with that surname
    and a given name ("Blanca López"); two such names leave the surname as it is."""
    outlet = _OF_OUTLET.match(speaker)
    if outlet and is_given_name(speaker.split()[0]):
        return outlet.group(1)
    if " " in speaker or not speaker[:1].isupper():
        return speaker
    if not is_surname(speaker) and (speaker.lower() in english_words() or not speaker.isalpha()):
        return speaker  # "Sampó", no census surname, is still no common word: her full name is looked for
    found = set()
    pattern = rf"\b((?:{_NAME_WORD}\s+){{0,2}}{_NAME_WORD})\s+{re.escape(speaker)}\b(?:\s+({_NAME_WORD}))?"
    for m in re.finditer(pattern, text):
        words = _after_stop(m.group(1).split())  # "… her brother Christopher. Now Randy": "Now" alone
        given = next((k for k, w in enumerate(words) if is_given_name(w)), None)  # past "President", "Admiral"
        if given is None and words and _unlisted_given(words[-1]) and all(_title(w) for w in words[:-1]):
            given = len(words) - 1  # "Aiden Cotter", "Dr Ngozi Okafor": a first name the census lists miss
        second = m.group(2) or ""  # a second surname, "Pedro Montenegro Paz", not a capitalised word
        second = [second] if is_surname(second) and second.lower() not in english_words() else []
        if given is not None:
            found.add(" ".join(words[given:] + [speaker] + second))
    return found.pop() if len(found) == 1 else speaker


def _after_stop(words: list[str]) -> list[str]:
    """The words after the last one that ends a sentence ("Christopher." but not "Mr." or "J."): a name
    never runs over a full stop."""
    ends = [k for k, w in enumerate(words) if w.endswith(".") and _word_before_stop(w[:-1])]
    return words[ends[-1] + 1 :] if ends else words


def _word_before_stop(stem: str) -> bool:
    """A word a full stop ends as a sentence's last word, not an initial or an abbreviation."""
    lower = stem.lower()
    return len(stem) > 1 and "." not in stem and lower not in TITLE_WORDS | PERSON_TITLES | GENERATIONS


def _title(word: str) -> bool:
    """A person's title or honorific ("Dr", "Mr.", "President")."""
    return word.rstrip(".").lower() in TITLE_WORDS | PERSON_TITLES


def _unlisted_given(word: str) -> bool:
    """A capitalised word before a surname that can only be a first name: not an English word, a title,
    a place, or an initialism."""
    lower = word.lower()
    return word.isalpha() and word[1:].islower() and lower not in english_words() and lower not in STOP_WORDS \
        and not _title(word) and fold(word) not in places() and not is_surname(word)


def _speakers_only(quotes: list[Quote], ctx: ArticleContext) -> list[Quote]:
    """Keep speakers that can speak: a named person or body, or a common noun for people or a document
    ("investigators", "a report"). "The seizure confirmed ...", "these attacks suggest ..." report nobody's
    words: such a paraphrase is dropped and such a direct quote left unattributed. Correction notes and page
    furniture are nobody's words either."""
    kept = []
    text = " ".join(s.text for s in ctx.sentences)  # a full name given in any line, a caption's too
    for quote in quotes:
        if is_boilerplate(ctx.sentences[quote.sent].text) or _run_in(quote):
            continue
        if quote.speaker:
            quote.speaker = _LEADING_ADVERBIAL.sub("", quote.speaker) or quote.speaker  # "On March 5, X reported"
            quote.speaker = _given_named(_person_named(quote.speaker, text), text, ctx)
            quote.speaker = _owner_by_parallel(quote.speaker, ctx.sentences[quote.sent].text)
            quote.speaker = titled_person(quote.speaker, ctx, text)
        if quote.speaker and not _can_speak(quote.speaker, ctx):
            if quote.kind == "paraphrase":
                continue
            quote.speaker = None
        if quote.speaker is None and quote.quote[:1].islower() and len(quote.quote.split()) < 8:
            continue  # a phrase in quotation marks nobody is said to have said: a label, not a quote
        if quote.speaker is None and quote.kind == "direct" and _writers_question(quote, ctx):
            continue
        kept.append(quote)
    return kept


# A sentence's opening word: capitalised after a content word with no stop between, it starts a new sentence
_OPENER = r"(?:The|An|Another|This|These|Those|Some|Many|More|Most|It|He|She|They|We|Two|Three|Four|Five|" \
          r"Six|Seven|Eight|Nine|Ten)"  # not "A" or "One": "type A influenza", "Formula One" are names
_RUN_IN = re.compile(rf"\b([a-z]{{3,}})\s+{_OPENER}\s+[a-z]")


def _run_in(quote: Quote) -> bool:
    """ "According to Health Protection Agency, Swine flu cases close UK school Another nine UK cases …":
    a headline or caption run into the sentence (no stop before the next sentence's "Another") makes the
    line two texts, neither whole, so it is not shown; a paraphrase's words and any speaker are read.
    After a function word a capitalised "The" is a title's ("in The Guardian"), not a new sentence."""
    said = [quote.speaker or ""] + ([quote.quote] if quote.kind == "paraphrase" else [])
    return any(hit.group(1) not in STOP_WORDS for text in said for hit in _RUN_IN.finditer(text))


def _writers_question(quote: Quote, ctx: ArticleContext) -> bool:
    """A quoted question nobody is said to ask, with no attribution at all or after the writer's own
    question ("What will the government do now? “Will anyone pay for this?”"): the writer's rhetorical
    question, not anyone's words."""
    words = quote.quote.rstrip("”\"' ")
    if not words.endswith("?") or " … " in words or re.search(r"[.!?]\s", words[:-1]):
        return False  # not one question: someone's speech, whose speaker the text did not make clear
    sent = ctx.sentences[quote.sent].text
    lead = sent[: max(sent.find(words[:30]) - 1, 0)].strip()
    before = lead or (ctx.sentences[quote.sent - 1].text.strip() if quote.sent > 0 else "")
    return quote.cue is None or before.endswith("?")


def _given_named(speaker: str, text: str, ctx: ArticleContext) -> str:
    """ "“We lost half the grapes,” Franco said" after "Franco Rossi has farmed …": a feature's given name
    alone is the one person of the article whose full name opens with it and a surname (census or no
    English word); a word that also ends someone's name ("General Francisco Franco"), or opens two, stays
    as it is, and so does a body's name ("Reuters said" after "Reuters Breakingviews")."""
    if " " in speaker or not speaker[:1].isupper() or not speaker.isalpha() or speaker.isupper():
        return speaker  # "WHO", "US": an acronym is no given name
    named = ctx.resolve(speaker)
    if (named is not None and named.type != "PERSON") or not (
            is_given_name(speaker) or speaker.lower() in _nouns_only()):
        return speaker  # "Reuters said": a body's name, not a given name
    said = re.escape(speaker)
    opened = {m.group(1) for m in re.finditer(rf"\b{said}\s+({_NAME_WORD})", text)
              if is_surname(m.group(1)) or not _english(m.group(1))}
    ended = any(is_given_name(m.group(1)) for m in re.finditer(rf"\b({_NAME_WORD})\s+{said}\b", text))
    return f"{speaker} {opened.pop()}" if len(opened) == 1 and not ended else speaker


_LEADING_ADVERBIAL = re.compile(r"^(?:On|In|At|By|Since|After|Before)\b[^,]{0,40},\s*")


def _can_speak(speaker: str, ctx: ArticleContext) -> bool:
    """A name (of the article's people, bodies and places, or a word that is no common English word), or a
    common noun for people or a document. One capitalised common word that is nobody's name is neither:
    "PHASE", "One", "Newspapers" said nothing ("Trump", "May" are names the census knows); nor is a
    compass word ("West"), a numeral or quantifier ("Two", "Some"), a place with a label in brackets
    ("Niger (escape route)"), or a role whose owner the text does not give ("The current head")."""
    if _not_a_speaker(speaker):
        return False
    words = speaker.split()
    if any(w[:1].isupper() or _particle_name(w) for w in words[1:]):
        return True  # a name of several words ("Nabil al-Arabi")
    words = re.split(r"\s+of\s+", speaker, maxsplit=1)[0].split()  # "the head of the prison system": a head
    head = words[-1].lower().rstrip("s") if words else ""
    if head in _VOICES or words[-1].lower() in _VOICES or head.rstrip("e") in _VOICES:
        return True
    if len(words) != 1 or not words[0][:1].isupper() or words[0].isdigit():
        return False
    word = words[0]
    return ctx.resolve(word) is not None or word.lower() not in english_words() \
        or is_surname(word) or is_given_name(word)


# Words that stand for a speaker without being one: compass points and blocs, numerals and quantifiers.
_NOT_SPEAKER_WORDS = frozenset(
    """west east north south western eastern northern southern one two three four five six seven eight nine ten
    another both neither either some many several none each others all most few""".split()
)
# Plural outlets and papers, with no article: "Newspapers said" is a genre, not someone who can be asked.
_GENRE_PLURALS = frozenset("newspapers papers reports media documents studies surveys outlets statements".split())
# Roles that belong to someone: "the current head" without "of the agency" or "the agency's" names nobody.
_OWNED_ROLES = frozenset(
    """head chief director leader boss chairman chairwoman chair commander founder deputy manager editor owner
    spokesman spokeswoman spokesperson""".split()
)
_ROLE_TIMES = frozenset("current former new then acting interim outgoing incoming retired top senior".split())
_BRACKET_LABEL = re.compile(r"\(\s*[a-z][a-z ,-]*\)")  # "(escape route)": a label in brackets, not a name's part


def _not_a_speaker(speaker: str) -> bool:
    """A speaker string that names nobody (see `_can_speak`): "West", "the West", "One", "Newspapers",
    "Niger (escape route)", "The current head"."""
    words = re.sub(r"^(?:the|The)\s+", "", speaker).split()
    if not words or _BRACKET_LABEL.search(speaker):
        return True
    if len(words) == 1:
        word = words[0]
        if word.lower() in _NOT_SPEAKER_WORDS or (word.lower() in _GENRE_PLURALS and word == speaker):
            return True
    return _ownerless_role(speaker)


def _ownerless_role(speaker: str) -> bool:
    """ "The current head", "the former chief": a determiner, adjectives and a role that is always someone's,
    with no owner ("of the agency", "the agency's") and no name."""
    words = speaker.split()
    if len(words) < 2 or words[0].lower() not in ("the", "a", "an") or words[-1].lower() not in _OWNED_ROLES:
        return False
    return all(w.lower() in _ROLE_TIMES for w in words[1:-1])  # not "the police chief", "the agency's head"


_OWNER_END = (r"(?=,|;|\.|\s(?:and|but|or|claimed|said|says|told|admitted|denied|warned|in|on|that|who|which|had"
              r"|has|was|is)\b|$)")


def _owner_by_parallel(speaker: str, sentence: str) -> str:
    """ "the current head" in a sentence that has just said "the former head of Peru’s prison system": the
    owner the parallel gives ("the current head of Peru’s prison system"), when the sentence gives one owner
    of that role; otherwise the speaker as it is (and `_ownerless_role` names nobody)."""
    if not _ownerless_role(speaker):
        return speaker
    role = re.escape(speaker.split()[-1])
    owners = {m.group(1).strip() for m in re.finditer(rf"\b{role}\s+(of\s+.{{3,60}}?){_OWNER_END}", sentence, re.I)}
    return f"{speaker} {owners.pop()}" if len(owners) == 1 else speaker


_ARABIC_PARTICLES = frozenset("al el bin ibn abu ad as ash at az".split())


def _particle_name(word: str) -> bool:
    """A surname written with a lower-case particle: "al-Arabi", "el-Gabali", "bin-Laden"."""
    head, _, rest = word.partition("-")
    return bool(rest) and head in _ARABIC_PARTICLES and rest[:1].isupper()


def _attribute_partials(doc: Doc, partials: list[QuoteSpan], resolver: SpeakerResolver) -> list[QuoteSpan]:
    """Short quoted phrases whose governing verb has a named subject ("Quispe likened the law to
    “a blank check”"); the rest are scare quotes and are dropped."""
    kept = []
    for span in partials:
        found = _governing(doc, span, tokens_in(doc, span.pstart, span.pend)) or _as_put(doc, span.pstart, span)
        if found is not None:
            span.speaker = resolver.speaker(found[0], span.start, (span.start, span.end))
            span.cue, span.via = found[1], "before"
            kept.append(span)
    return kept


def _attribute(doc: Doc, spans: list[QuoteSpan], i: int, resolver: SpeakerResolver) -> None:
    """Find the speaker of spans[i] after it, before it, or carried from a continued quote."""
    span = spans[i]
    para_start, para_end = span.pstart, span.pend
    next_open = spans[i + 1].start if i + 1 < len(spans) and spans[i + 1].para == span.para else para_end
    prev_close = spans[i - 1].end if i > 0 and spans[i - 1].para == span.para else para_start
    prev = spans[i - 1] if i > 0 else None
    if prev is not None and prev.speaker and _continues(doc, prev, span):
        text = text_of(doc)
        if _may_attribute_after(text, span):
            found = _after(doc, span.end, next_open)
        else:  # “A,” X said. “B.” Y said.: B is Y's; “B.” He said. still goes on with X
            found = _bare_after(doc, span.end, next_open) if span.closed else None
            found = None if found is not None and all(t.pos_ == "PRON" for t in found[0]) else found
        if found is None:  # “A,” X said. “B.”: B continues A
            span.speaker, span.cue, span.via = prev.speaker, prev.cue, "continued"
            return
    found, span.via = _search(doc, span, prev_close, next_open, resolver.inside)
    header = _caps_header(text_of(doc), prev_close, span, resolver.ctx)
    if header is not None and (found is None or _header_role(found[0], header)):
        # a roundup of quotes, each under its speaker's name in capitals: "“…,” the spokesman said" is his
        span.speaker, span.cue, span.via = header, found[1] if found else ":", "before"
        resolver.speakers.append((span.start, span.speaker))
        return
    if found is None and prev is not None and _same_clause(doc, prev, span):
        span.speaker, span.cue, span.via = prev.speaker, prev.cue, "continued"
        return
    if found is None:
        _carry(spans, i, text_of(doc))
        return
    subj, cue = found
    span.speaker = _attribution_speaker(subj, span, resolver)
    span.cue = cue
    verb = _verb_above(subj[-1]) if subj else None
    if verb is None or not said_second_hand(verb):
        resolver.speakers.append((span.start, span.speaker))  # not "X said the West had told …": X speaks on


# A run of capitalised words (names, roles, bodies) right before a quote's opening mark.
_CAPS_RUN = re.compile(r"(?:^|[.!?”\"'’:]\s*|\n)[\s*\\]*((?:[A-Z][A-Z.'’&-]*,?\s+){2,14})[\s*\\]*$")
_CAPS_NAME_WORDS = 4  # words: longest name a capitalised header opens with ("JULIEN BARNES-DACEY")
_CAPS_JOINERS = frozenset("FOR OF AT TO".split())


def _caps_header(text: str, prev_close: int, span: QuoteSpan, ctx: ArticleContext) -> str | None:
    """ "Following are quotes on the situation: JULIEN BARNES-DACEY, MIDDLE EAST ANALYST, CONTROL RISKS “These
    really seem to be last, desperate acts …”": a roundup sets each quote under its speaker's name (or
    role) in capitals, which no speech verb introduces. The header's first part is the speaker: a name
    that opens with a given name or names one of the article's people, or a role of someone the article
    names ("SPOKESMAN FOR U.N. SECRETARY GENERAL BAN KI-MOON"); a capitalised headline is neither."""
    run = _CAPS_RUN.search(text[prev_close : span.start])
    if run is None:
        return None
    first = run.group(1).split(",")[0].split()
    if not first or len(first) > _CAPS_NAME_WORDS and first[0].lower() not in _VOICES:
        return None
    if first[0].lower() in _VOICES and len(first) > 1:
        joiner = next((k for k, w in enumerate(first) if w in _CAPS_JOINERS), None)
        owner = _caps_person(first[joiner + 1 :], ctx) if joiner is not None else None
        if owner is None:
            return None
        role = [w.lower() for w in first[: joiner + 1]] + [w if "." in w else w.capitalize() for w in owner[0]]
        return " ".join(role + [owner[1]])
    person = _caps_person(first, ctx)
    return person[1] if person is not None else None


def _header_role(subj: list[Token], header: str) -> bool:
    """The attribution names by role ("the spokesman said") whom the capitalised header names in full."""
    return bool(subj) and subj[-1].pos_ == "NOUN" and header.split()[0] == subj[-1].lower_


def _caps_person(words: list[str], ctx: ArticleContext) -> tuple[list[str], str] | None:
    """The person capitalised words name, with the words before the name (a title): the article's person
    with that name or ending it ("BAN KI-MOON" of "U.N. SECRETARY GENERAL BAN KI-MOON"), else the last
    words that read as a name, in title case ("GEOFF PORTER": Geoff Porter)."""
    for k in range(len(words)):
        cluster = ctx.resolve(" ".join(words[k:]))
        if cluster is not None and cluster.type == "PERSON" and not cluster.name.isupper():
            return words[:k], cluster.name
    for k in range(len(words) - 1):  # "ITALIAN FOREIGN MINISTER FRANCO FRATTINI": a title, then the name
        if len(words) - k <= _CAPS_NAME_WORDS and _caps_name(words[k:]):
            return words[:k], " ".join("-".join(p.capitalize() for p in w.split("-")) for w in words[k:])
    return None


def _caps_name(words: list[str]) -> bool:
    """Capitalised words that read as a name: every word but the last a given name or no English word
    ("SHADI HAMID", "ALASTAIR NEWTON"), unlike a headline's "GADDAFI FIGHTS BACK". Before a surname that
    is no English word, a word the dictionary knows only as a noun may be a given name the census lacks
    ("FRANCO FRATTINI": WordNet lists Franco the dictator); a headline ends on a common word."""
    surname = not _english(words[-1])
    return all(is_given_name(w) or not _english(w) or (surname and w.lower() in _nouns_only()) for w in words[:-1])


_ENDINGS = ("s", "es", "ed", "d", "ing")  # "FIGHTS", "CLOSES", "VOTED": a headline's inflected words


def _english(word: str) -> bool:
    """An English word as written or inflected: the lemma index lists "fight", not "fights"."""
    low = word.lower()
    return low in english_words() or any(
        low.endswith(e) and len(low) > len(e) + 2 and low[: -len(e)] in english_words() for e in _ENDINGS)


@lru_cache(maxsize=1)
def _nouns_only() -> frozenset[str]:
    """Words the lemmatizer knows only as nouns ("franco", "newton"): proper names WordNet lists are
    among them, never a verb or adjective a headline is built from ("fights", "back")."""
    index = get_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    others = frozenset().union(*(index[pos] for pos in index if pos != get_string_id("noun")))
    return frozenset(index["noun"]) - others


def _adjoins(doc: Doc, prev: QuoteSpan, span: QuoteSpan) -> bool:
    """Only prev's own attribution, one sentence, stands between the two quotes of one paragraph (“A,” X
    said. “B.”), not more of the story: pages without paragraph breaks put a whole article in one."""
    if prev.para != span.para:
        return False
    words = [t for t in tokens_in(doc, prev.end, span.start) if not t.is_space]
    stops = [k for k, t in enumerate(words) if t.text in (".", "!", "?", ":", ";")]
    return not stops or stops == [len(words) - 1] and words[-1].text == "."


def _same_clause(doc: Doc, prev: QuoteSpan, span: QuoteSpan) -> bool:
    """ "Doe told Telam the violence comes from the “rise of new leaders” or “new groups fighting for the
    territory.”": a second quote in the sentence of an attributed one, with no sentence break, speech verb
    or name between them, carries on the same reported words."""
    if not prev.speaker or prev.para != span.para or prev.via not in ("before", "continued") or _question(prev):
        return False
    between = tokens_in(doc, prev.end, span.start)
    if not any(t.is_alpha for t in between):
        return False  # quotes side by side: `_continues` and `_back_fill` decide
    return not any(
        t.text in (".", "!", "?", ";", ":") or t.lemma_ in SPEECH_LEMMAS or t.pos_ == "PROPN" or "\n" in t.text
        for t in between
    )


def _continues(doc: Doc, prev: QuoteSpan, span: QuoteSpan) -> bool:
    """Whether span may go on with prev's words: “A,” X said. “B.”, where only A's attribution
    stands between, or X said: “A.” “B.” with nothing at all between, unless A is a question. Text
    after a quote that had no attribution of its own is a new lead ("“B.” Less impressed was Y, who
    said, “C.”")."""
    if prev.via == "after":
        return _adjoins(doc, prev, span)
    between = [t for t in tokens_in(doc, prev.end, span.start) if not t.is_space]
    if between or prev.para != span.para or prev.via not in ("before", "continued"):
        return False
    asked = _question(prev) or (prev.cue or "").lower().startswith(("ask", "question"))
    return not asked  # X asked Y: “Did you sign?” “No.”: the answer is Y's (see `_answers`)


def _search(
    doc: Doc, span: QuoteSpan, prev_close: int, next_open: int, inside: list[tuple[int, int]]
) -> tuple[_Found | None, str]:
    """The attribution of one quote and where it sits ("after" | "before" | ""), most reliable first:
    text right after the quote, a signature line, the lead before it, a colon paragraph, a lead
    sentence naming the speaker, a lead sentence reporting the speaker's words."""
    text = text_of(doc)
    own = _relative_speaker(doc, span)
    if own is not None:
        return own, "before"
    if span.closed:
        if _may_attribute_after(text, span):
            found = _after(doc, span.end, next_open, alone_only=_closed_sentence(text, span))
        else:
            found = _bare_after(doc, span.end, next_open)
        if found is None and next_open == span.pend:
            found = _dash_paragraph(doc, span)
        if found is not None:
            return found, "after"
    found = _before(doc, prev_close, span.start, span)
    if found is None and span.start == span.pstart:
        found = _colon_paragraph(doc, span.pstart)
    if found is None and span.closed and next_open == span.pend and not text[span.end : span.pend].strip():
        found = _lead_sentence(doc, prev_close, span.start)
    if found is None and span.content.rstrip("'’\"”")[-1:] in ".!?":
        found = _speech_lead(doc, span, prev_close, inside)
    return found, "before" if found else ""


def _relative_speaker(doc: Doc, span: QuoteSpan) -> _Found | None:
    """ "President Bolsonaro, who vowed to let criminals “die in the street”, Witzel promised ...": a quote
    inside a relative clause is the words of the person the clause is about, not of the main subject."""
    inner = tokens_in(doc, span.start, span.end)
    outward = [t for t in inner if not (inner.start <= t.head.i < inner.end) and not t.is_punct]
    if not outward:
        return None
    verb = outward[0].head
    for _ in range(4):
        if verb.dep_ == "relcl" or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.dep_ != "relcl" or verb.i > inner.start:
        return None
    who = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in ("who", "that")), None)
    antecedent = verb.head
    if who is None or antecedent.pos_ != "PROPN" or disowned(verb):
        return None
    return subject_words(antecedent), verb.text


def _may_attribute_after(text: str, span: QuoteSpan) -> bool:
    """Text after a quote can attribute it only if the quote ends mid-sentence, asks or exclaims."""
    last = span.content.rstrip("'’\"”")[-1:]
    follow = text[span.end : span.end + 1]
    return last in ",?!—-…" or follow == "," or bool(_DASH_NAME.match(text[span.end : span.end + 6]))


def _closed_sentence(text: str, span: QuoteSpan) -> bool:
    """The quote ends its sentence with "!" or "?" and no comma follows: what comes next attributes it with a
    speech verb ("“Help!” Mary shouted") or a verb that stands alone ("“Why?” Vitter demanded."), never with
    a verb that goes on to an act of its own ("“Keep him alive!” Badran then goes out of view")."""
    return span.content.rstrip("'’\"”")[-1:] in "?!" and text[span.end : span.end + 1] != ","


def _after(doc: Doc, start: int, end: int, alone_only: bool = False) -> _Found | None:
    """Attribution right after a quote: ", Name said", ", said Name", "― Name", "according to X"."""
    frag = _first_sentence(tokens_in(doc, start, end), start)
    if len(frag) == 0:
        return None
    if frag[0].lower_ in _SUBORDINATORS:
        return None  # “...,” when Clinton blasted him: a new clause, not the attribution
    if _new_statement(frag):
        return None  # "the virus was “pretty stable,” but Chan warned that …": her warning, not the quote's verb
    dash = _DASH_NAME.match(text_of(doc)[start:end])
    if dash:
        names = [t for t in frag if (t.pos_ == "PROPN" or t.is_title) and _wordy(t)]  # not a glued ”―
        first = names[:1]
        if first:
            run = [t for t in frag[first[0].i - frag.start :] if (t.is_title or t.pos_ == "PROPN") and _wordy(t)]
            run = _leading_run(run)
            return run, "―"
    return _verb_subject(frag, near_start=True, alone_only=alone_only)


def _new_statement(frag: Span) -> bool:
    """Text after a quote that opens with "but"/"and"/"yet" and reports a clause of its own ("…,” but
    Chan warned that it could change"): a second statement, whose verb does not attribute the quote."""
    first = next((t for t in frag if not (t.is_punct or t.is_space)), None)
    if first is None or first.lower_ not in _COORDINATORS:
        return False
    verb = next((t for t in frag if t.lemma_ in SPEECH_LEMMAS and t.pos_ == "VERB"), None)
    return verb is not None and any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)


def _bare_after(doc: Doc, start: int, end: int) -> _Found | None:
    """ "“...” Trump said." with the comma missing or a full stop inside the quote: sloppy but common.

    Only a bare attribution counts (a subject, a speech verb, a few adverbials, then the sentence
    ends); "“...” Trump said he would ..." starts a new statement and attributes nothing.
    """
    frag = _first_sentence(tokens_in(doc, start, end), start)
    words = [t for t in frag if not (t.is_punct or t.is_space)]
    if not words or len(words) > _BARE_WORDS or any(t.dep_ in ("ccomp", "xcomp") for t in frag):
        return None
    if frag[0].is_space and "\n" in frag[0].text:
        return None  # the next paragraph is a new statement
    if words[-1].i + 1 >= frag.end or frag.doc[words[-1].i + 1].text not in (".", "!"):
        return None  # "She adds, “...”" leads into the next quote; it does not close this one
    return _verb_subject(frag, near_start=True, speech_only=True)


def _dash_paragraph(doc: Doc, span: QuoteSpan) -> _Found | None:
    """A quote paragraph signed on the next line ("— Bill Clinton, in Ohio"), as in pull quotes."""
    text = text_of(doc)
    if text[span.end : span.pend].strip():
        return None
    nxt = span.pend + len(text[span.pend :]) - len(text[span.pend :].lstrip())
    if not _DASH_NAME.match(text[nxt : nxt + 6]):
        return None
    stop = text.find("\n", nxt)
    found = _after(doc, span.end, stop if stop >= 0 else len(text))
    return found if found is not None and found[1] == "―" else None


def _before(doc: Doc, start: int, end: int, span: QuoteSpan) -> _Found | None:
    """Attribution introducing a quote: "Name said:", "Name told X,", "According to X,"."""
    frag = _last_sentence(tokens_in(doc, start, end), end)
    words = [t for t in frag if not t.is_space and t.idx < end]
    if not words:
        return None
    tail = text_of(doc)[start:end].rstrip()
    if tail.endswith(":"):
        return _colon_verb(frag) or _colon_lead(frag)
    if len(span.content.split()) < 4:
        return _as_put(doc, start, span) or _named_as(doc, span, frag)
    found = _verb_subject(frag, near_end=True, speech_only=not tail.endswith(","))
    if found is not None:
        return found
    return _governing(doc, span, frag)


def _as_put(doc: Doc, start: int, span: QuoteSpan) -> _Found | None:
    """ "as The New Yorker put it in an expose, “the operator.”": words quoted right after an "as X put
    it" or "as X said" clause are X's, however few; not when the clause is an aside inside someone
    else's speech ("Doe told the board, as Mendoza predicted, “...”") or a denial ("Mendoza never
    said, as critics claim, “...”")."""
    lead = _last_sentence(tokens_in(doc, start, span.start), span.start)
    verb = next((t for t in reversed(lead) if any(c.dep_ == "mark" and c.lower_ == "as" for c in t.children)), None)
    if verb is None or verb.i < lead.start:
        return None
    puts = verb.lemma_ == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children)
    subj = subject_of(verb)
    if not (puts or verb.lemma_ in SPEECH_LEMMAS) or subj is None or subj.i > verb.i or disowned(verb):
        return None
    if _aside(verb, tokens_in(doc, span.start, span.end)):
        return None
    rest = [t for t in lead if t.i > verb.i and not (t.is_punct or t.is_space)]
    return (subject_words(subj), verb.text) if _plain_adverbials(verb, rest) else None


def _lead_sentence(doc: Doc, start: int, end: int) -> _Found | None:
    """ "Conway disagreed. “He was joking ...”": a quote closing its paragraph, right after a sentence
    whose subject is a named person, is that person's (the writer introduced them to speak)."""
    lead = text_of(doc)[start:end].rstrip()
    if not lead.endswith((".", "!")) or lead.endswith(("”", '"')):
        return None
    frag = _last_sentence(tokens_in(doc, start, start + len(lead)), start + len(lead))
    root = next((t for t in frag if t.dep_ == "ROOT" and t.pos_ == "VERB"), None)
    subj = subject_of(root) if root is not None else None
    if subj is None or subj.pos_ != "PROPN" or subj.i > root.i or root.lemma_ in _RELAYING:
        return None
    if subj.ent_type_ in _NOT_SPEAKERS or _thing_named(subj):
        return None  # "The album Exodus came out in 1977.": a thing, not someone introduced to speak
    return subject_words(subj), root.text


def _thing_named(name: Token) -> bool:
    """A common noun before the name says it is a thing: "the album Exodus", "the ship Endeavour"."""
    return any(c.dep_ == "compound" and c.lemma_ in _WORKS for c in name.children if c.i < name.i)


def _speech_lead(doc: Doc, span: QuoteSpan, prev_close: int, inside: list[tuple[int, int]]) -> _Found | None:
    """ "Wallace said it would be “worth waiting for”. “It will be like nothing they have seen.”": a
    quote standing as its own sentence right after a sentence reporting someone's words (a speech verb
    in its main clause, said by its subject: not "Reporters asked Doe ...", not "Doe was told ...") is
    that someone's; so is a paragraph of nothing but quotes after a paragraph that ends that way and
    has no quote of its own. A writer changing speakers would have said so."""
    text = text_of(doc)
    if span.start > span.pstart:
        lead_end = end_before(text, span.start)
        if prev_close > lead_end:
            return None  # another quote sits between: the earlier rules decide
    else:
        lead_end = end_before(text, span.pstart)
        para_start = text.rfind("\n", 0, lead_end) + 1
        if lead_end <= 0 or MARK.search(text, para_start, lead_end) or not _quotes_only(text, span):
            return None
    if not text[max(lead_end - 2, 0) : lead_end].endswith((".", "!", "?", ".”", '."', "”.", '".')):
        return None
    frag = _last_sentence(tokens_in(doc, text.rfind("\n", 0, lead_end) + 1, lead_end), lead_end)
    according = _according_lead(frag)
    if according is not None:
        return according
    for tok in frag:
        if tok.lemma_ not in SPEECH_LEMMAS or tok.lemma_ in _ASKING or tok.pos_ != "VERB" or not _main_clause(tok):
            continue
        subj = subject_of(tok)
        if subj is None or subj.dep_ != "nsubj" or not frag.start <= subj.i < tok.i:
            subj = _closing_inversion(tok, frag)
            if subj is None:
                continue
        if _wordy(subj) and not within(subj.idx, inside):
            return subject_words(subj), tok.text
    return None


def _according_lead(frag: Span) -> _Found | None:
    """ "According to Carlos Mendoza, the leak will go on. “…”", "There were exceptions, according to
    Mendoza, such as …. “…”": a sentence that gives its claim "according to" a name, and reports no one
    else's words, reports that name's words, as "Mendoza said the leak will go on" would."""
    if any(t.lemma_ in SPEECH_LEMMAS and t.pos_ == "VERB" for t in frag):
        return None  # another speech verb: whose words the quote continues is the earlier rules' call
    for tok in frag[:-2]:
        if tok.lower_ == "according" and frag.doc[tok.i + 1].lower_ == "to":
            obj = next((c for c in frag.doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            return (subject_words(obj), "according to") if obj is not None and obj.pos_ == "PROPN" else None
    return None


def _closing_inversion(verb: Token, frag: Span) -> Token | None:
    """ "The leak will go on until August, said Admiral Carl Brennan, the commander.": a speech verb after
    a comma, followed by a name, closes a sentence of reported speech: the name is its subject."""
    if verb.i == 0 or verb.doc[verb.i - 1].text != "," or verb.tag_ not in ("VBD", "VBZ"):
        return None
    return _inverted_subject(verb, frag)


def _quotes_only(text: str, span: QuoteSpan) -> bool:
    """The paragraph holds nothing but quoted text after this quote opens (it may run on unclosed)."""
    rest = text[span.end : span.pend].strip()
    return not span.closed or not rest or rest[0] in '“"«'


def _main_clause(verb: Token) -> bool:
    """The sentence's own verb, one conjoined to it, or its participle ("..., saying it was ...")."""
    if verb.dep_ in ("ROOT", "parataxis"):
        return True
    return verb.dep_ in ("conj", "advcl") and verb.head.dep_ == "ROOT" and (verb.dep_ == "conj" or verb.tag_ == "VBG")


def _colon_lead(frag: Span) -> _Found | None:
    """A colon lead without a speech verb: "Doe was blunt:", "Doe's response:", "Trump on Clinton:".

    A colon hands the floor to whoever the lead names: the subject of a copula, the owner of a
    word for speech, a person's name alone ("Tim Kaine:") or a name heading a verbless lead
    ("Name on topic:").
    """
    words = [t for t in frag if not (t.is_punct or t.is_space)]
    if not words or len(words) > _COLON_WORDS:
        return None
    for tok in words:  # token by token: the parser often hangs the lead off the quote's verb
        subj = subject_of(tok) if tok.lemma_ == "be" else None
        if subj is not None and subj.pos_ == "PROPN":
            return subject_words(subj), tok.text
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
        if owner is not None and tok.pos_ == "NOUN" and tok.lemma_ in _SPEECH_NOUNS:
            return person_part(name_chain(owner)), tok.text
    run = _leading_run([t for t in words if t.pos_ == "PROPN"])
    if run and len(words) == len(run) and all(t.ent_type_ == "PERSON" and not t.is_upper for t in run):
        return run, ":"  # "Tim Kaine:", as in a transcript; not a dateline "LIMA:" or a label
    if not run or run[0] != words[0] or len(words) == len(run) or any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    after = frag.doc[run[-1].i + 1]
    if words[len(run)].lower_ == "on" or (after.text == "," and words[len(run)].lower_ in ("in", "at", "to")):
        return run, ":"  # "Trump on Clinton:", "Smith, in a statement:"
    return None


def _colon_paragraph(doc: Doc, para_start: int) -> _Found | None:
    """A quote paragraph introduced by a previous paragraph ending in a colon ("Caddell continued:")."""
    text = text_of(doc)
    prev_end = end_before(text, para_start)
    if text[prev_end - 1 : prev_end] != ":":
        return None
    start = text.rfind("\n", 0, prev_end) + 1
    frag = _last_sentence(tokens_in(doc, start, prev_end), prev_end)
    return _colon_verb(frag) or _colon_lead(frag)


def _colon_verb(frag: Span) -> _Found | None:
    """The verb of a colon lead nearest the colon, unless its subject is a thing ("Mendoza told reporters
    the leak could go on until August:"): then the lead's speech verb, whose subject speaks."""
    found = _verb_subject(frag, from_end=True)
    if found is None or any(t.pos_ in ("PROPN", "PRON") or t.lemma_ in _VOICES for t in found[0]):
        return found
    return _verb_subject(frag, from_end=True, speech_only=True) or found


def _named_as(doc: Doc, span: QuoteSpan, frag: Span) -> _Found | None:
    """ "President Hernández called the accusations “100 percent false.”": a short quote that is what a
    named subject of a main-clause naming verb called something is that subject's verdict."""
    inner = tokens_in(doc, span.start, span.end)
    outward = [t for t in inner if not (inner.start <= t.head.i < inner.end) and not t.is_punct]
    if len(outward) != 1 or outward[0].dep_ not in ("oprd", "attr") or len(inner.text.split()) < 2:
        return None
    verb = outward[0].head
    subj = subject_of(verb)
    if verb.lemma_ not in NAMING_LEMMAS or subj is None or not frag.start <= subj.i < verb.i:
        return None
    return (subject_words(subj), verb.text) if _named_main_subject(subj, verb) and not disowned(verb) else None


def _governing(doc: Doc, span: QuoteSpan, frag: Span) -> _Found | None:
    """For a quote woven into a sentence, the verb governing it and that verb's subject.

    A speech verb may have any subject; another verb ("Quispe attacked “...”", "Quispe likened the
    law to “...”") only a named one, in a main clause, with the quote as its argument.
    """
    inner = tokens_in(doc, span.start, span.end)
    if len(inner.text.split()) < (2 if span.partial else 4):
        return None
    outward = [t for t in inner if not (inner.start <= t.head.i < inner.end)]
    tok = next((t for t in outward if not t.is_punct), outward[0] if outward else None)
    if tok is None or tok.dep_ in _MODIFIER_DEPS:
        return None
    head = _governor(tok)
    if head is None or inner.start <= head.i < inner.end or head.dep_ == "relcl" or _aside(head):
        return None  # its own verb (or a relative clause's, or an "as X predicted" aside's)
    subj = subject_of(head)
    if subj is None or not frag.start <= subj.i < frag.end or inner.start <= subj.i < inner.end:
        return _reporting(head, frag, inner)
    if head.lemma_ in SPEECH_LEMMAS and head.lemma_ not in NAMING_LEMMAS and not span.partial:
        return (subject_words(subj), head.text) if not disowned(head) else None  # not "denied saying “...”"
    if span.partial and _label(inner, tok, head):
        return None
    if _named_main_subject(subj, head) and _argument_of(tok, head) and not _someone_elses(tok, inner):
        return subject_words(subj), _act_cue(tok, head)
    return _reporting(head, frag, inner)


_LABEL_WORDS = 4  # words: longest quoted noun phrase a verb that is not speech takes as the writer's label


def _label(inner: Span, tok: Token, verb: Token) -> bool:
    """ "Bolivia was downgraded to the “watch list”": a few quoted words making a noun phrase (`tok`, the
    word that hangs outside the quote, is a noun), taken by a verb that neither says, names, likens nor
    gives grounds, are the writer's scare-quoted label."""
    if len([t for t in inner if t.is_alpha]) > _LABEL_WORDS or tok.pos_ not in ("NOUN", "PROPN"):
        return False
    return verb.lemma_ not in SPEECH_LEMMAS | NAMING_LEMMAS | _LIKENING | _GROUNDS


def _act_cue(tok: Token, verb: Token) -> str:
    """The cue shown with the quote: the verb, and for an act's grounds the preposition that says they are
    its grounds ("sanctioned … for"), so the line does not read as if the subject said the words."""
    prep = tok.head
    if prep != verb and verb.lemma_ in _GROUNDS and prep.lower_ in _GROUND_PREPS:
        return f"{verb.text} … {prep.lower_}"
    if verb.lemma_ in NAMING_LEMMAS and prep != verb and prep.lower_ == "as":
        return _with_object(verb, prep)
    return verb.text


def _with_object(verb: Token, prep: Token) -> str:
    """ "described the plan as “…”": the words are the subject's description of the verb's object, so the
    line keeps the object ("X described the plan as “…”"), not "X described: “…”" as if the words were
    all they said. An object that runs long is left out with an ellipsis; with none, the verb alone."""
    thing = next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < prep.i), None)
    if thing is None:
        return verb.text
    words = verb.doc[thing.left_edge.i : thing.right_edge.i + 1]
    if len(words) > _LISTENER_WORDS or words.end > prep.i or "\n" in words.text:
        return f"{verb.text} … as"
    return f"{verb.text} {words.text} as"


def _governor(tok: Token) -> Token | None:
    """The verb a quote hangs from, a few nouns up at most."""
    head = tok.head
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            break
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None


def _someone_elses(tok: Token, inner: Span) -> bool:
    """The quoted phrase names someone else's words or is the writer's label: "rejected the union's
    “final offer”", "dismissed the so-called “reform package”"."""
    owned = any(c.dep_ == "poss" and not inner.start <= c.i < inner.end for c in tok.children)
    before = tok.doc[max(inner.start - 3, 0) : inner.start].text.lower()
    return owned or "so-called" in before or "so called" in before


def _reporting(verb: Token, frag: Span, inner: Span) -> _Found | None:
    """ "The IMF said the economy grew thanks to a “continued strong recovery in rubber”": a quote inside
    the clause of a speech verb is its subject's words (a few words at least: a two-word phrase inside
    reported speech is as often the writer's scare quote)."""
    if len(inner.text.split()) < 5:
        return None
    reported = False
    for _ in range(3):
        if verb.dep_ not in ("ccomp", "xcomp", "conj") or _names_own_subject(verb):
            return None  # "Doe said Ana Quispe had called the plan “...”": Quispe's words, reported second-hand
        reported = reported or verb.dep_ == "ccomp"
        verb = verb.head
        if reported and verb.lemma_ in SPEECH_LEMMAS and verb.pos_ == "VERB" and verb.lemma_ not in NAMING_LEMMAS:
            if disowned(verb):
                return None  # "Doe denied that the plan was “...”"
            subj = subject_of(verb)
            if subj is None or not frag.start <= subj.i < verb.i or inner.start <= subj.i < inner.end:
                return None
            return subject_words(subj), verb.text
    return None


def _names_own_subject(verb: Token) -> bool:
    """The verb reports someone else's words: a speech or naming verb with a named subject of its own."""
    if verb.lemma_ not in SPEECH_LEMMAS | NAMING_LEMMAS:
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN" for c in verb.children)


def _named_main_subject(subj: Token, verb: Token) -> bool:
    """A named subject of a main-clause verb or of its participle ("Quispe attacked them, calling them
    “...”"); "Clinton is ..." inside a poll's clause does not count."""
    # "..., calling her “...”" shares the main subject; "when she called it “...”" does not
    main = _main_clause(verb) and verb.dep_ != "parataxis"
    if verb.pos_ != "VERB" or not main or subj.i > verb.i:
        return False
    if subj.dep_ == "nsubj" and subj.pos_ == "NOUN" and named_apposition(subj) is not None:
        return True  # "Another critic, Laurence H. Tribe, likened the rules to “...”"
    return subj.pos_ == "PROPN" and subj.dep_ == "nsubj" and subj.ent_type_ in ("PERSON", "ORG", "GPE", "")


def _argument_of(tok: Token, verb: Token) -> bool:
    """The quote is the verb's object or complement, or follows "as/to/about" attached to the verb."""
    if tok.head == verb:
        return tok.dep_ in ("dobj", "ccomp", "xcomp", "oprd", "attr")
    prep = tok.head
    # "described it as “more daunting”", "likened the rules to “burning ...”", not "reacted to “being called ...”"
    likens = tok.dep_ == "pcomp" and (prep.lower_ == "as" or verb.lemma_ in _LIKENING)
    if prep.head != verb or tok.dep_ not in ("pobj", "pcomp"):
        return False
    if verb.lemma_ in _GROUNDS and prep.lower_ in _GROUND_PREPS:
        return True  # "sanctioned Cabello for “drug trafficking …”": the grounds the subject gave
    return (tok.dep_ == "pobj" or likens) and prep.lower_ in ("as", "to", "about")


def _first_sentence(frag: Span, start: int) -> Span:
    """The fragment up to the end of the sentence its first word belongs to."""
    words = [t for t in frag if not (t.is_punct or t.is_space)]
    if not words:
        return frag[0:0]
    stop = frag.end
    for t in frag[words[0].i - frag.start + 1 :]:
        if _hard_start(t):
            stop = t.i
            break
    return frag.doc[frag.start : stop]


def _hard_start(token: Token) -> bool:
    """A sentence start the punctuation confirms (the small parser also splits mid-sentence)."""
    if not token.is_sent_start or token.i == 0:
        return token.i == 0
    prev = token.doc[token.i - 1]
    if "\n" in prev.text_with_ws:
        return True
    if prev.text in "”\"’'" and token.i > 1:
        prev = token.doc[token.i - 2]
    return prev.text in (".", "!", "?", ":", "…")


def _last_sentence(frag: Span, end: int) -> Span:
    """The fragment from the start of the sentence its last word belongs to."""
    words = [t for t in frag if not t.is_space and t.idx < end]
    if not words:
        return frag[0:0]
    first = words[-1].i
    while first > frag.start and not _hard_start(frag.doc[first]):
        first -= 1
    return frag.doc[first : words[-1].i + 1]


def _verb_subject(
    frag: Span,
    near_start: bool = False,
    near_end: bool = False,
    from_end: bool = False,
    speech_only: bool = False,
    alone_only: bool = False,
) -> _Found | None:
    """The verb nearest the quote with a subject also in the fragment, placed near the quote; `speech_only`:
    a speech verb; `alone_only`: a speech verb or one that stands alone (see `_acts`)."""
    for tok in reversed(frag) if (from_end or near_end) else frag:
        if tok.lower_ == "according" and tok.i + 2 < frag.end:
            obj = [c for c in frag.doc[tok.i + 1].children if c.dep_ == "pobj"]
            if obj and (not near_end or frag.end - tok.i <= 12):
                return subject_words(obj[0]), "according to"
        if tok.lemma_ in _READING and not _document_reads(tok):
            if tok.tag_ == "VBG" or tok.dep_ in ("relcl", "advcl", "acl", "pcomp"):
                continue  # "Jones, who read law at Oxford, said", "Smith, reading from a statement, told"
            author = _author_read(tok)  # "Mulet read a message from Ban Ki-moon:"; "Mirren read out his speech"
            return (author, tok.text) if author else None
        if tok.lemma_ in _READING:
            pass  # "a BBC statement read": the document speaks
        elif (tok.pos_ != "VERB" and tok.lemma_ not in SPEECH_LEMMAS) or (tok.dep_ == "relcl" and not from_end):
            continue  # "Trump, who spoke for an hour, said": the relative clause is not the attribution
        elif tok.dep_ == "relcl" and not _introduces(tok, frag):
            continue
        if speech_only and tok.lemma_ not in SPEECH_LEMMAS:
            continue
        if alone_only and tok.lemma_ not in SPEECH_LEMMAS and _acts(tok):
            continue
        if near_start and any(c.dep_ == "mark" for c in tok.children):
            continue  # “...,” when Clinton blasted him: a subordinate clause, not the attribution
        if _aside(tok):
            continue  # "Doe told the board, as Mendoza had predicted, “...”": Doe's words, not Mendoza's
        quoted = _quoted_as_saying(tok)
        if quoted is not None:  # "the newspaper quoted Geoff Dixon as saying": Dixon speaks, and says
            said = (g.text for c in tok.children if c.lower_ == "as" for g in c.children if g.lemma_ in ("say", "tell"))
            return quoted, next(said, tok.text)
        subj = subject_of(tok)
        if subj is None or not (frag.start <= subj.i < frag.end) or not _wordy(subj) or subj.left_edge.i > tok.i + 3:
            opens = near_start and tok.i == _first_word(frag)
            subj = _name_before(tok, frag) or _inverted_subject(tok, frag, any_verb=opens)
        if subj is None:
            if near_start and tok.lemma_ in SPEECH_LEMMAS and tok.tag_ == "VBG":
                return None  # ", adding that ...": the clause after it belongs to someone else
            continue
        first = min(subj.left_edge.i, tok.i) - frag.start
        first = max(first, 0)
        skipped = sum(1 for t in frag[:first] if t.is_punct or t.is_space)
        if near_start and first - skipped > _NEAR and not _role_words(frag[:first], subj):
            continue
        if near_end and frag.end - max(tok.i, subj.i) > _NEAR + 1 and not _only_modifiers(tok, subj, frag):
            continue
        return subject_words(subj), tok.text
    return None


_ACT_DEPS = frozenset("dobj prt prep conj xcomp ccomp advcl acomp attr dative".split())


def _acts(verb: Token) -> bool:
    """A verb that goes on to an object, a place or a second clause ("goes out of view and …"): an act, not
    the bare "Vitter demanded." that closes a quote."""
    return any(c.dep_ in _ACT_DEPS for c in verb.children)


def _aside(verb: Token, inner: Span | None = None) -> bool:
    """An "as X said" clause inside a sentence whose own verb reports speech or denies it ("Doe told
    the board, as Mendoza predicted, ...", "Mendoza never said, as critics claim, ..."); a verb of
    the quote itself (`inner`, where the parser may hang the clause) does not count."""
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return False
    hosts = [a for a in verb.ancestors if inner is None or not inner.start <= a.i < inner.end]
    return any(a.lemma_ in SPEECH_LEMMAS | NAMING_LEMMAS for a in hosts)


def _only_modifiers(verb: Token, subj: Token, frag: Span) -> bool:
    """Between the speech verb (and its subject, "says Dr Sondorp, a lecturer at ...") and the quote
    stand only the verb's own adverbials ("saying during the debate last week, “...”"), and the verb
    does not deny the words ("denied ever saying ...")."""
    if verb.lemma_ not in SPEECH_LEMMAS or disowned(verb):
        return False
    rest = [t for t in frag if t.i > verb.i and not (t.is_punct or t.is_space)]
    return _plain_adverbials(verb, [t for t in rest if not subj.left_edge.i <= t.i <= subj.right_edge.i])


def _plain_adverbials(verb: Token, words: list[Token]) -> bool:
    """The words are the verb's own time, place or manner ("in a lengthy expose", "during the debate
    last week"): no clause, no object but "it", and no one else's words ("Jane Doe's message")."""
    for tok in words:
        if not verb.left_edge.i <= tok.i <= verb.right_edge.i or tok.pos_ in ("VERB", "AUX"):
            return False
        if tok.dep_ in ("poss", "relcl", "acl", "ccomp", "dative") or tok.ent_type_ == "PERSON":
            return False
        if (tok.dep_ == "dobj" and tok.lower_ != "it") or tok.lemma_ in DOCUMENTS:
            return False
    return True


def _introduces(verb: Token, frag: Span) -> bool:
    """A speech verb ending a colon lead with its own subject just before it ("Asked whether ... the
    musical he said:"), however the parser attached it: the lead's attribution."""
    words = [t for t in frag if not (t.is_punct or t.is_space)]
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    closes = bool(words) and words[-1] == verb and verb.lemma_ in SPEECH_LEMMAS
    return closes and subj is not None and subj.i == verb.i - 1 and subj.lower_ not in ("who", "which", "that")


def _quoted_as_saying(verb: Token) -> list[Token] | None:
    """The person a source "quoted ... as saying": the object, not the subject, is the speaker."""
    saying = any(c.lower_ == "as" and any(g.lemma_ in ("say", "tell") for g in c.children) for c in verb.children)
    source = quoted_source(verb) if verb.lemma_ == "quote" and saying else None
    return subject_words(source) if source is not None and source.dep_ == "dobj" else None


def _author_read(verb: Token) -> list[Token] | None:
    """The named author of the document someone reads out ("a message from Ban Ki-moon"), if any:
    the words read are the author's, never the reader's."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_ in DOCUMENTS), None)
    words = subject_words(obj) if obj is not None else []
    if not words or obj in words:
        return None
    person = next((e for e in verb.doc.ents if e.label_ == "PERSON" and e.start <= words[-1].i < e.end), None)
    if person is not None:
        return list(person)  # "Ban Ki-moon", which the parser splits into compounds of "moon"
    return words if words[-1].pos_ == "PROPN" else None


def _document_reads(verb: Token) -> bool:
    """ "a BBC statement read": a document's words are its author's; a person who reads one is not."""
    subj = subject_of(verb)
    return subj is not None and subj.lemma_ in DOCUMENTS


def _role_words(words: Span, subj: Token) -> bool:
    """ "chairman and chief executive Richard Parsons said": only a role's words stand between the
    quote and a named subject (nouns, adjectives, "and", "of"), so the name is still the attribution."""
    kept = [t for t in words if not (t.is_punct or t.is_space)]
    return (
        subj.pos_ == "PROPN"
        and len(kept) <= _ROLE_WORDS
        and all(t.pos_ in ("NOUN", "ADJ", "CCONJ", "DET", "PROPN", "ADP") for t in kept)
    )


def _first_word(frag: Span) -> int:
    """Index of the fragment's first word (skipping the comma and spaces after a quote)."""
    return next((t.i for t in frag if not (t.is_punct or t.is_space)), -1)


def _wordy(token: Token) -> bool:
    """A subject made of letters (the small parser sometimes makes a dash or bracket the subject)."""
    return any(c.isalpha() for c in token.text)


def _name_before(verb: Token, frag: Span) -> Token | None:
    """When the parse fails: the name written right before a speech verb ("Chief Chuck Jordan said"),
    skipping a bracket ("Cummings (D-Md.) said") or an apposition between commas ("Flynn, a top
    Trump surrogate, said")."""
    if verb.lemma_ not in SPEECH_LEMMAS:
        return None
    doc = verb.doc
    i = verb.i - 1
    if i >= frag.start and doc[i].text == ")":
        while i >= frag.start and doc[i].text != "(":
            i -= 1
        i -= 1
    elif i >= frag.start and doc[i].text == ",":
        i -= 1
        while i >= frag.start and doc[i].text != "," and verb.i - i < 12:
            i -= 1
        i -= 1
    if i >= frag.start and doc[i].pos_ == "PROPN" and doc[i].ent_type_ not in ("DATE", "TIME"):
        return doc[i]
    if i == _first_word(frag) and i > 0 and doc[i].is_title and doc[i - 1].text in (",", "”", '"', "'", "’"):
        return doc[i]  # “...,” May wrote: a capitalised word opening the attribution names the speaker
    return None


def _inverted_subject(verb: Token, frag: Span, any_verb: bool = False) -> Token | None:
    """ "said Caddell": a speech verb followed directly by a name the parser took for an object.

    Right after a quote (", pleaded Sanders."), a past or present verb opening the attribution
    is a speech verb whatever its lemma: nothing else takes that place in news style.
    """
    opener = any_verb and verb.tag_ in ("VBD", "VBZ")
    if (verb.lemma_ not in SPEECH_LEMMAS and not opener) or verb.i + 1 >= frag.end:
        return None
    nxt = verb.doc[verb.i + 1]
    if nxt.pos_ == "PROPN" and nxt.ent_type_ not in ("DATE", "TIME"):
        head = nxt
        while head.dep_ in ("compound", "flat") and head.head.i > head.i and head.head.i < frag.end:
            head = head.head
        return head
    return None


def _leading_run(run: list[Token]) -> list[Token]:
    """Consecutive tokens from the start of a run (a name after a dash)."""
    out = run[:1]
    for tok in run[1:]:
        if tok.i != out[-1].i + 1:
            break
        out.append(tok)
    return out


def _back_fill(doc: Doc, spans: list[QuoteSpan]) -> None:
    """A quote that runs straight into an attributed one shares its speaker: “A.” “B,” X said. in one
    paragraph, or a quote left open at a paragraph's end whose next paragraph opens with “B,” X said."""
    for i in range(len(spans) - 2, -1, -1):
        span, nxt = spans[i], spans[i + 1]
        if span.speaker is not None or not nxt.speaker or nxt.via not in ("after", "continued", "back"):
            continue
        text = text_of(doc)
        if i > 0 and _answers(text, spans[i - 1], span):
            continue  # X asked: “Who pays?” “The workers.” “False,” Doe replied: the answer is not Doe's
        adjacent = span.closed and nxt.para == span.para and not text[span.end : nxt.start].strip()
        runs_on = not span.closed and nxt.para == span.para + 1 and nxt.start == nxt.pstart
        runs_on = (runs_on or _reopened(span, nxt)) and not _has_attribution(tokens_in(doc, span.start, span.end))
        if adjacent or runs_on:
            span.speaker, span.cue, span.via = nxt.speaker, nxt.cue, "back"


def _answers(text: str, prev: QuoteSpan, span: QuoteSpan) -> bool:
    """The quote comes straight after an attributed question in its paragraph."""
    asked = prev.speaker is not None and _question(prev)
    return asked and prev.para == span.para and not text[prev.end : span.start].strip()


def _question(span: QuoteSpan) -> bool:
    """The quoted words end in a question mark."""
    return span.content.rstrip("”\"' ").endswith("?")


def _has_attribution(tokens: Span) -> bool:
    """A speech verb with a named or pronoun subject: an open quote whose closing mark went missing
    before its own attribution (“A, Smith said.), which must not borrow the next quote's speaker."""
    for tok in tokens:
        subj = subject_of(tok) if tok.lemma_ in SPEECH_LEMMAS and tok.pos_ == "VERB" else None
        if subj is not None and subj.pos_ in ("PROPN", "PRON"):
            return True
    return False


def _carry(spans: list[QuoteSpan], i: int, text: str) -> None:
    """A quote that continues the previous paragraph's speaker keeps that speaker.

    Either the previous quote was left open (news style for a multi-paragraph quote), or this
    paragraph is nothing but a quote and the previous one was one speaker's quote plus its short
    attribution (“A,” X said.¶“B.”): a writer switching speakers would have said who speaks.
    """
    if i == 0:
        return
    prev, span = spans[i - 1], spans[i]
    if prev.speaker and _reopened(prev, span):
        span.speaker, span.cue, span.via = prev.speaker, prev.cue, "carry"
        return
    if not prev.speaker or prev.para != span.para - 1:
        return
    runs_on = span.start == span.pstart and i + 1 < len(spans) and _reopened(span, spans[i + 1])
    quoted = _whole_paragraph(span, text) or runs_on  # “B. “C.”: a quote re-opened, as many pages print it
    if not prev.closed or (quoted and _one_speaker_paragraph(spans, i - 1, text)):
        span.speaker, span.cue, span.via = prev.speaker, prev.cue, "carry"


def _reopened(span: QuoteSpan, nxt: QuoteSpan) -> bool:
    """nxt opens where span was left open in the same paragraph ("A. "B): one quote over lost paragraphs."""
    return not span.closed and nxt.para == span.para and nxt.start == span.end


def _whole_paragraph(span: QuoteSpan, text: str) -> bool:
    """The quote is the entire paragraph."""
    return span.closed and span.start == span.pstart and not text[span.end : span.pend].strip()


def _one_speaker_paragraph(spans: list[QuoteSpan], last: int, text: str) -> bool:
    """spans[last]'s paragraph holds quotes of one speaker and, after the last, only a short attribution."""
    prev = spans[last]
    same = [s for s in spans if s.para == prev.para]
    if any(s.speaker != prev.speaker for s in same) or prev.via not in ("after", "continued", "carry"):
        return False
    tail = text[prev.end : prev.pend]
    return len(tail.split()) <= _TAIL_WORDS and tail.count(".") <= 1


def _merge(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Join a quote split around its attribution (“A,” X said, “B.”) into one quote."""
    out: list[QuoteSpan] = []
    for span in spans:
        last = out[-1] if out else None
        if last is not None and last.para == span.para and last.via == "after" and span.via == "continued":
            last.parts.append(span.content)
            continue
        out.append(span)
    return out


def _paraphrases(
    doc: Doc, ctx: ArticleContext, inside: list[tuple[int, int]], resolver: SpeakerResolver,
    claimed: list[tuple[int, int]] | None = None,
) -> list[Quote]:
    """Indirect speech: a speech verb with a subject and a clause complement outside quote marks, or ending in a
    quote no attribution claimed (`claimed`: "Torres said the bridges were “close to collapse,” and she warned
    …", whose "she warned" reports a clause of its own)."""
    claimed = inside if claimed is None else claimed
    body = [(s.start, s.end) for s in ctx.sentences if s.kind == "body"]
    found = []
    for tok in doc:
        if tok.lower_ == "according" and within(tok.idx, body) and not within(tok.idx, inside):
            quote = _according(tok, ctx, inside, resolver)
            if quote is not None:
                found.append(quote)
            continue
        if tok.lemma_ not in SPEECH_LEMMAS or tok.pos_ != "VERB":
            continue
        if not within(tok.idx, body) or within(tok.idx, inside):
            continue
        clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
        subj = _stolen_subject(tok) or _outer_speaker(tok) or subject_of(tok)
        subj = _publisher(subj) if subj is not None else None
        if clause is None or subj is None or subj.i > tok.i:
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children):
            continue  # "a system he says has been dominated by ...": the clause's subject lies outside it
        if not _has_verb(clause) or _relative_opening(clause):
            continue  # "declared the outbreak a pandemic": an object and what it is made, no words reported
        if _clause_start(clause) < tok.i:
            continue  # "in what officials say was crossfire": the clause's subject stands before the verb
        span = doc[_clause_start(clause) : _clause_end(tok, clause)]
        if within(span.start_char, claimed) or within(span.end_char - 1, claimed):
            continue
        end = next((b for a, b in inside if a < span.end_char <= b), span.end_char)  # through a quote it ends in
        text = text_of(doc)[span.start_char : end]
        text = text[5:] if text.lower().startswith("that ") else text
        if disowned(tok) and tok.lemma_ not in DENYING:
            continue  # "did not say that ...", "never claimed ...": not the speaker's claim
        words = list(subj.subtree) if subj.head.lemma_ in _PUBLISHING else subject_words(subj)
        speaker = resolver.speaker(words, tok.idx, (span.start_char, span.end_char))
        if speaker is not None:  # "they said that ...": a claim nobody can be asked about
            found.append(Quote(speaker, text.strip(), sentence_index(ctx, tok.idx), "paraphrase",
                               _with_listener(tok, clause), tok.lemma_))
    return found


def _stolen_subject(verb: Token) -> Token | None:
    """ "Novartis said it expects a vaccine by autumn and Baxter has said it is in production": the parser
    hangs "Baxter" on "autumn" as a conjunct and leaves the second "said" without a subject; "Last updated
    at 21:40 GMT Foreign Minister Laurent Fabius has said" (page furniture run in) hangs him on "at". A
    conjoined verb with no subject of its own, right after (auxiliaries aside) a proper noun the parser
    put inside the first verb's phrase, has that noun as its subject, not the first verb's."""
    if verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    first = min([c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i] + [verb.i])
    noun = verb.doc[first - 1] if first > 0 else None
    if noun is None or noun.pos_ != "PROPN" or noun.dep_ not in ("conj", "pobj", "dobj"):
        return None
    if not verb.head.i < noun.i < verb.i:
        return None
    return noun


def _outer_speaker(verb: Token) -> Token | None:
    """ "Syriasteps said Gen Tlas had made an escape, adding the move was insignificant": the parser hangs
    ", adding" on the reported clause, but a participle of speech after a report goes on with the
    reporter's words: the subject of the speech verb whose clause holds it, not the clause's subject."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "conj", "xcomp"):
        return None
    tok = verb.head
    for _ in range(_CLAUSE_HOPS):
        if tok.dep_ == "ccomp" and tok.head.lemma_ in SPEECH_LEMMAS and tok.head.pos_ == "VERB":
            outer = subject_of(tok.head)
            return outer if outer is not None and outer.i < tok.head.i else None
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


_PUBLISHING = frozenset("publish release issue present launch unveil".split())
_PAPERS = frozenset("report study survey document paper analysis review".split())


def _publisher(subj: Token) -> Token:
    """ "Uruguay’s ministry of the interior published a report revealing that …": the report says what its
    publisher found, and the line names the publisher, not "a report" nobody can ask."""
    if subj.lemma_ not in _PAPERS or subj.dep_ != "dobj" or subj.head.lemma_ not in _PUBLISHING:
        return subj
    publisher = subject_of(subj.head)
    return publisher if publisher is not None and publisher.pos_ in ("PROPN", "NOUN") else subj


def _clause_start(clause: Token) -> int:
    """Where the reported words begin: at the clause's own "that" when words stand before it ("told
    reporters late on Monday that the minister had asked …": the time is of the telling, and shown
    before "that" it garbles the line), else at the clause's first word, or at the quote mark that opens
    it ("said “dozens of fighters” surrendered", where the parser hangs the mark on "said")."""
    mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    if mark is not None and mark.i > clause.left_edge.i:
        return mark.i
    first = clause.left_edge.i
    opening = clause.doc[first - 1] if first > 0 else None
    return first - 1 if opening is not None and opening.text in ("“", '"') and not opening.whitespace_ else first


def _clause_end(verb: Token, clause: Token) -> int:
    """Where the words a speech verb reports end: the clause's last token, or before a participle that goes on
    with the reporter's words (see `_outer_speaker`), or before the "and" that opens a conjoined verb's
    subject stolen into it (see `_stolen_subject`)."""
    end = clause.right_edge.i + 1
    for more in (c for c in verb.children if c.dep_ == "ccomp" and c.i > clause.i):
        if more.left_edge.i == end:  # "sticking to its assessment that leader X had not left": one clause
            end = more.right_edge.i + 1  # the parser cut in two
    adding = [t for t in clause.subtree if t.lemma_ in SPEECH_LEMMAS and t.i > clause.i and _outer_speaker(t)]
    if adding:  # "…, adding the move was insignificant": the reporter's next words, a line of their own
        end = adding[0].left_edge.i
        while end > clause.i + 1 and verb.doc[end - 1].text in (",", ";", "-", "–", "—"):
            end -= 1
    for other in verb.children:
        noun = _stolen_subject(other) if other.dep_ == "conj" else None
        if noun is not None and clause.i < noun.i < end:
            end = noun.left_edge.i
            while end > clause.i + 1 and (verb.doc[end - 1].dep_ == "cc" or verb.doc[end - 1].is_punct):
                end -= 1
    return end


def _has_verb(clause: Token) -> bool:
    """A reported clause has a verb of its own ("said the outbreak was a pandemic"), unlike the small clause
    of "declared the outbreak a pandemic" or "declares itself the sole representative", which read as "X
    declared that the outbreak a pandemic" when shown as a paraphrase."""
    return clause.pos_ in ("VERB", "AUX") or any(c.dep_ in ("aux", "auxpass", "cop") for c in clause.children)


def _relative_opening(clause: Token) -> bool:
    """A clause whose subject is a relative pronoun's phrase ("a copy of which was obtained by Reuters")
    belongs to a noun outside it: the parse hung it on the speech verb, but nobody said it. A relative
    clause further in ("…, a theory which has also been put forward …") is the speaker's."""
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return False
    return any(o.lower_ in ("which", "whom") for p in subj.children if p.dep_ == "prep" for o in p.children)


_TELLING = frozenset("tell assure inform remind warn brief".split())
_LISTENER_WORDS = 6  # words: longest listener kept with the verb ("told the Senate intelligence committee")


def _with_listener(verb: Token, clause: Token) -> str:
    """ "told reporters", "assured InSight Crime": a telling verb keeps whom it told, since "X told that
    …" is not English and "X told … that" hides who heard it. A pronoun ("told him") is no help to a
    reader out of context, nor is a listener that runs long; those stay the verb alone."""
    if verb.lemma_ not in _TELLING:
        return verb.text
    heard = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i < clause.i]
    if not heard or heard[0].pos_ == "PRON":
        return verb.text
    words = verb.doc[heard[0].left_edge.i : heard[-1].right_edge.i + 1]  # "co-host X": the parser splits it
    if len(words) > _LISTENER_WORDS or words.end > clause.left_edge.i or "\n" in words.text:
        return verb.text
    return f"{verb.text} {words.text}"


_CLAUSE_OPENERS = frozenset("when that which as while because if where although though since".split())


def _according(
    tok: Token, ctx: ArticleContext, inside: list[tuple[int, int]], resolver: SpeakerResolver
) -> Quote | None:
    """ "..., according to Name.": the rest of the sentence is that person's claim, as a paraphrase."""
    to = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if obj is None or obj.pos_ != "PROPN":
        return None
    sent, edge = tok.sent, obj.right_edge
    if tok.i >= 2 and tok.doc[tok.i - 1].text == "," and tok.doc[tok.i - 2].lower_ in _CLAUSE_OPENERS:
        return None  # "…, when, according to the OVV, the rate reached …": the clause is not a whole claim
    opening = next((t for t in tok.doc[tok.i + 2 : obj.i] if t.text == "("), None)
    if opening is not None:  # "according to the Violence Observatory (Observatorio ... – OVV)": the name before
        named = [t for t in tok.doc[tok.i + 2 : opening.i] if t.pos_ in ("PROPN", "NOUN")]
        if not named:
            return None
        closing = next((t for t in tok.doc[obj.i : sent.end] if t.text == ")"), None)
        edge = closing if closing is not None and closing.i > edge.i else edge
        obj = named[-1]
    if any(sent.start_char < b and a < sent.end_char for a, b in inside):
        return None  # a direct quote in the sentence already carries the attribution
    clause = (
        sent.text[: tok.idx - sent.start_char] + sent.text[edge.idx + len(edge) - sent.start_char :]
    )
    clause = re.sub(r"\s*,(\s*,)+", ",", clause).strip(" ,.()\n") + "."
    bracketed = any(t.text == "(" and t.i > obj.i for t in obj.subtree)
    words = [t for t in obj.doc[obj.left_edge.i : obj.i + 1] if t.dep_ != "det"] if bracketed else subject_words(obj)
    speaker = resolver.speaker(words, tok.idx)
    return Quote(
        speaker,
        clause.replace(" ,", ",").replace(",.", "."),
        sentence_index(ctx, tok.idx),
        "paraphrase",
        "according to",
        "according to",
    )
