"""Spanish quotes and paraphrases without a parser: reporting verbs, quote marks and attribution patterns.

Spanish news attribution is formulaic: a quote then "dijo X" / "—afirmó el ministro" / "X dijo que", "X
afirmó: «…»", "según X", "de acuerdo con X". The tables below name the verbs (each form with its lemma) and
the patterns. A quote whose verb has no subject ("…”, dijo.") is Spanish pro-drop: it goes to the speaker
of the quote just before only when no other person is named between them, else it stays unattributed.
"negó que" is a denial (cue lemma "negar", never shown as a claim); "se negó a" is a refusal, not speech.
"""

from __future__ import annotations

import re

from spacy.lang.es.stop_words import STOP_WORDS

from bot.extract.es.entities import entity_type, is_given_name
from bot.extract.es.roles import OFFICE_PHRASE
from bot.extract.es.verbs import LEMMA, PLURAL
from bot.extract.names import fold
from bot.extract.rules import Rule, alternatives, scan
from bot.extract.types import ArticleContext, Quote, Sentence

_VERB = rf"(?P<verb>{alternatives(list(LEMMA))})"
_UPPER = "A-ZÁÉÍÓÚÑÜ"
_CAP = rf"[{_UPPER}][\wáéíóúñü'’.-]*[\wáéíóúñü]"
_NAME = rf"(?P<name>{_CAP}(?:\s+(?:(?:de|del|de\s+la)\s+)?{_CAP}){{0,5}})"
_ROLE_NAME = rf"(?:(?i:el|la)\s+(?P<role>[a-záéíóúñü][^,“”«»\"]{{1,80}}?),\s+)?{_NAME}"
_OFFICE = OFFICE_PHRASE.replace("?P<office>", "?:")  # "el ministro del Interior", no group of its own
# where a speaker known by office alone ends: a comma, the sentence's end, or a clause that follows it
_OFFICE_END = r"(?=\s*(?:[,.;:]|$|\s(?:quien|quienes|en|a|al|ante|durante|tras|este|esta|el|la|y)\b))"
_RELATIVE = r"(?:\s+(?i:que|quien)\s+[^,“”«»\":;]{1,60}?)"  # "el fiscal que lleva el caso": a clause of the subject
# a name after a preposition completes a phrase ("los diputados de Morena", "promovida por Morena"): no subject
_COMPLEMENT = re.compile(r"\b(?:de|del|de\s+la|de\s+los|de\s+las|por|con|para|contra)\s+$", re.IGNORECASE)
# a name after a relative "que" ("las propiedades que López Obrador anunció haber donado"): what the verb
# introduces is the noun before "que", so the words after the verb are not what the speaker said
_RELATIVE_SUBJECT = re.compile(r"\b[a-záéíóúñ]{3,}\s+que\s+$")
_PLURAL_NAME = re.compile(r"^(?:Los|Las)\s")  # "Los Zetas aseguraron": a name may be plural
MIN_CLAUSE_WORDS = 4  # words: the least a "según X" sentence must say besides its source
_OPEN, _CLOSE = "“«\"", "”»\"″"
QUOTED = re.compile(r"[“«\"](?P<words>[^“”«»\"″]+)[”»\"″]")  # mixed marks too: "…” is one quote
# attributions after a quote, before one, and without one; each row's meaning says where the speaker is
AFTER = [
    Rule(re.compile(rf"^[\s,.]*[—–-]?\s*{_VERB}(?:\s+(?i:a|al|ante)\s+(?:(?:la|el|los|las)\s+)?{_CAP}"
                    rf"(?:\s+{_CAP})*?)?\s+{_ROLE_NAME}"), "verb-name"),
    # "…”, dijo el fiscal Luis Flores, quien …": the office written before the name without a comma
    Rule(re.compile(rf"^[\s,.]*[—–-]?\s*{_VERB}\s+{_OFFICE}\s+{_NAME}"), "verb-name"),
    # "…”, dijo el ministro del Interior, quien …": a speaker known by office alone (as English "the minister")
    Rule(re.compile(rf"^[\s,.]*[—–-]?\s*{_VERB}\s+(?P<office>{_OFFICE}){_OFFICE_END}"), "verb-office"),
    Rule(re.compile(rf"^[\s,.]*[—–-]?\s*{_VERB}\b(?!\s+(?:que|a)\b)"), "verb-alone"),
]
BEFORE = [
    Rule(re.compile(rf"{_NAME}(?:,\s+(?P<appos>[^,“”«»\"]{{1,140}}),)?\s+(?:(?:también|además|ya|luego)\s+)?{_VERB}"
                    rf"(?:\s+[^“”«»\":.]{{0,80}}?)?(?:\s+que|:)\s*$"), "name-verb"),
    # "El ministro del Interior afirmó: «…»", "La fiscal que lleva el caso dijo que «…»"
    Rule(re.compile(rf"^(?P<office>{_OFFICE}){_RELATIVE}?\s+{_VERB}(?:\s+[^“”«»\":.]{{0,80}}?)?(?:\s+que|:)\s*$"),
         "office-verb"),
    Rule(re.compile(rf"{_VERB}(?:\s+[^“”«»\":.]{{0,40}}?)?:\s*$"), "verb-colon"),
]
# what a reporting verb introduces: "que …", or an infinitive ("negó haber trabajado", "admitió distinguir")
_CLAUSE = r"(?:que\b|[a-záéíóúñ]{2,}(?:ar|er|ir)\b)"
PARAPHRASE = [
    Rule(re.compile(r"\b(?P<refusal>se\s+negó\s+a)\b"), "refusal"),
    Rule(re.compile(rf"(?P<marker>\b(?i:según|de\s+acuerdo\s+con|de\s+acuerdo\s+a))\s+"
                    rf"(?:(?:informa|indica|señala|dijo|explica|reporta)\s+)?(?:(?:el|la|los|las)\s+)?{_NAME}"
                    rf"(?P<rest>[^,.;]*)"), "according"),
    # "La fiscal que lleva el caso, Ana Ruiz, dijo que …": the name set off after the office and its clause
    Rule(re.compile(rf"^{_OFFICE}{_RELATIVE}?,\s+{_NAME},\s+{_VERB}\s+(?P<what>{_CLAUSE}.+)"), "office-name-verb-that"),
    # "El ministro del Interior dijo que …", "El fiscal que lleva el caso dijo que …": the office is the subject
    Rule(re.compile(rf"^(?P<office>{_OFFICE}){_RELATIVE}?\s+(?:(?:también|además|ya)\s+)?{_VERB}"
                    rf"(?:\s+(?:a|al|en)\s+[^,.]{{0,40}}?)?\s+(?P<what>{_CLAUSE}.+)"), "office-verb-that"),
    # "Ana Ruiz, fiscal de Piura, sostuvo una reunión con X, en la que le aseguró que …": the verb of a clause about
    # the subject's own call, meeting or letter is the subject's (its "le" is the one she met)
    Rule(re.compile(rf"^(?:(?i:el|la)\s+[a-záéíóúñü][^,“”«»\"]{{1,80}}?,\s+)?{_NAME}(?:,\s+(?P<appos>[^,“”«»\"]{{1,140}}),)?"
                    rf",?\s+[a-záéíóúñü]{{3,}}\s[^“”«»\";:.]{{0,160}}?,?\s+(?i:en\s+(?:la|el|los|las)\s+que|"
                    rf"donde)\s+(?:(?:le|les)\s+)?{_VERB}\s+(?P<what>{_CLAUSE}.+)"), "name-verb-that"),
    Rule(re.compile(rf"{_NAME}(?:,\s+(?P<appos>[^,“”«»\"]{{1,140}}),)?\s+(?:(?:también|además|ya)\s+)?{_VERB}"
                    rf"(?:\s+(?:a|al|en)\s+[^,.]{{0,40}}?)?\s+(?P<what>{_CLAUSE}.+)"), "name-verb-that"),
    # "…, informó Aurora Mancilla Castro, titular de Sectur." / "…, informó el secretario de Salud, Jorge Alcocer."
    Rule(re.compile(rf"^(?P<what>.{{20,}}?),\s+{_VERB}\s+{_ROLE_NAME}(?:,[^,]*)?\.?$"), "that-verb-name"),
    Rule(re.compile(rf"^(?P<what>.{{20,}}?),\s+{_VERB}\s+{_OFFICE}\s+{_NAME}(?:,[^,]*)?\.?$"), "that-verb-name"),
    Rule(re.compile(rf"^(?P<what>.{{20,}}?),\s+{_VERB}\s+(?P<office>{_OFFICE})(?:,[^,]*)?\.?$"), "that-verb-office"),
]
# where words are said ("en una entrevista", "en un comunicado"): a "que" right after it may open the venue's own
# clause ("en una entrevista que se transmitió el domingo que continuará …"): what is said starts at the next "que"
VENUES = ("entrevista entrevistas comunicado conferencia mensaje carta declaración video vídeo programa discurso "
          "publicación sesión transmisión rueda reunión podcast tuit").split()
_VENUE_CLAUSE = re.compile(rf"\b(?:{'|'.join(VENUES)})\b[^,.;]{{0,30}}$", re.IGNORECASE)
_ITS_CLAUSE = re.compile(r"^que\s+[^,.;“”«»\"]{3,60}?\s+(?=que\b)", re.IGNORECASE)
# a quotation mark after the sentence's last stop opens the next sentence ('… había llamado. "Fraude" …'), it
# closes nothing the speaker said
_STRAY_MARK = re.compile(r"(?<=[.!?])\s+[\"“«]\s*$")
# a second verb of the same speaker in the same sentence: "… pero negó haber trabajado con él"
_AND_VERB = re.compile(rf"\b(?:pero|y|aunque|mientras\s+que)\s+(?:también\s+)?{_VERB}\s+(?P<what>{_CLAUSE}.+)")


def spanish_quotes(ctx: ArticleContext) -> list[Quote]:
    """Every quote and paraphrase of the article's body sentences, with its speaker where the text is certain."""
    quotes: list[Quote] = []
    for sent in ctx.sentences:
        if sent.kind == "furniture":
            continue
        found = sentence_quotes(sent, ctx)
        for q in found:
            if q.speaker is None and q.cue and quotes and quotes[-1].sent == sent.idx - 1 and quotes[-1].speaker:
                if not _names_another(sent, ctx, quotes[-1].speaker):
                    q.speaker = quotes[-1].speaker  # pro-drop: the speaker just quoted, nobody else named since
        quotes.extend(found)
    return quotes


def sentence_quotes(sent: Sentence, ctx: ArticleContext) -> list[Quote]:
    """The quotes of one sentence: each quoted span with its attribution, else the sentence's paraphrase."""
    text = sent.text
    spans = [(m.start(), m.end(), m.group("words")) for m in QUOTED.finditer(text)]
    closing = re.match(rf"^[^{_OPEN}]+?[{_CLOSE[:-1]}]", text)  # a quote begun in an earlier sentence
    if closing and not spans and len(closing.group(0).split()) > 3:
        spans = [(0, closing.end(), closing.group(0)[:-1])]
    out = []
    for start, end, words in spans:
        if len(words.split()) < 4:  # a scare quote or a title ("productores independientes"), not speech
            continue
        speaker, cue = _attribution(text, start, end, ctx)
        if cue is not None:
            out.append(Quote(speaker, words.strip(" ,."), sent.idx, "direct", cue, LEMMA.get(cue.lower()), "es"))
    if out:
        return out
    return [q for q in _paraphrases(sent, ctx) if q]


def _attribution(text: str, start: int, end: int, ctx: ArticleContext) -> tuple[str | None, str | None]:
    """(speaker, verb as written) for the quoted span text[start:end]; verb None when nothing attributes it."""
    for rule, m in scan(text[end:], AFTER):
        if m.start() != 0:
            continue
        if rule.meaning == "verb-name":
            return _speaker(m.group("name"), ctx), m.group("verb")
        if rule.meaning == "verb-office":
            return office_speaker(m.group("office")), m.group("verb")
        return None, m.group("verb")
    lead = text[:start]
    for rule, m in scan(lead, BEFORE):
        if m.end() != len(lead):
            continue
        if rule.meaning == "name-verb":
            return _subject(m, ctx), m.group("verb")
        if rule.meaning == "office-verb":
            return office_speaker(m.group("office")), m.group("verb")
        return None, m.group("verb")
    return None, None


def _paraphrases(sent: Sentence, ctx: ArticleContext) -> list[Quote | None]:
    """A sentence's reported speech without quote marks: "según X", "X negó que …"; a refusal is none."""
    for rule, m in scan(sent.text, PARAPHRASE):
        if rule.meaning == "refusal":
            return []
        if rule.meaning in ("office-verb-that", "that-verb-office"):
            speaker = office_speaker(m.group("office"))
        elif rule.meaning in ("according", "office-name-verb-that"):
            speaker = _speaker(m.group("name"), ctx, named_only=rule.meaning == "according")
        else:
            speaker = _subject(m, ctx)
        if speaker is None:
            continue
        if rule.meaning == "according":
            marker = " ".join(m.group("marker").lower().split())
            said = _without(sent.text, m)
            if len(said.split()) < MIN_CLAUSE_WORDS:  # "Según López Obrador." alone says nothing of what
                continue
            return [Quote(speaker, said, sent.idx, "paraphrase", marker, None, "es")]
        said = [(m.group("verb"), _past_venue(m))]
        if rule.meaning == "name-verb-that" and not m.group("what").lower().startswith("que") \
                and _RELATIVE_SUBJECT.search(sent.text[: m.start("name")]):
            continue  # "la casa que X anunció haber donado …": the thing announced is the noun, not what follows
        if rule.meaning == "name-verb-that":  # "admitió … pero negó …": each verb with its own clause
            more = _AND_VERB.search(said[0][1])
            if more:
                said = [(said[0][0], said[0][1][: more.start()].rstrip(" ,")), (more.group("verb"), more.group("what"))]
        return [Quote(speaker, _STRAY_MARK.sub("", what).strip(), sent.idx, "paraphrase", verb,
                      LEMMA.get(verb.lower()), "es") for verb, what in said]
    return []


def _past_venue(m: re.Match[str]) -> str:
    """What a reporting verb introduces, past the clause of the venue it was said in ("declaró en una entrevista
    que se transmitió el domingo que continuará …" says "que continuará …")."""
    what = m.group("what")
    venue = _VENUE_CLAUSE.search(m.string[m.end("verb"): m.start("what")])
    clause = _ITS_CLAUSE.match(what) if venue else None
    return what[clause.end():] if clause else what


def _subject(m: re.Match[str], ctx: ArticleContext) -> str | None:
    """Who speaks in "NAME, APPOSITION, verb": the apposition when it is a person's name ("el ministro del
    Interior, Carlos Malaver, afirmó" is Malaver's), else the name ("Katrina Eiland, abogada de ACLU, dijo")."""
    appos = (m.groupdict().get("appos") or "").strip()
    if appos and re.fullmatch(_NAME, appos):
        found = ctx.resolve(appos)
        if (found.type if found else entity_type(appos)) not in ("ORG", "GPE"):  # a name set off by commas
            return found.name if found else appos
    if _COMPLEMENT.search(m.string[: m.start("name")]):
        return None  # "los diputados de Morena aseguraron": the name completes the subject, it is not it
    if m.group("verb").lower() in PLURAL and not _PLURAL_NAME.match(m.group("name")):
        return None  # "… por Morena, sin embargo, aseguraron que": a plural verb's subject is not one name
    return _speaker(m.group("name"), ctx)


def office_speaker(office: str) -> str:
    """A speaker known by office alone, as the article writes it ("el ministro del Interior"), as English keeps
    "the interior minister": who holds the office is not guessed."""
    return " ".join(office.split())


# a clause that describes the source ("Según X, cuya empresa analiza redes, el candidato …"): not what X says
_SOURCE_CLAUSE = re.compile(r"^\s*,\s*(?:cuy[oa]s?|quien(?:es)?|que)\b[^,;]*,")


def _without(text: str, m: re.Match[str]) -> str:
    """The sentence less its "según X" clause, a clause describing X, and the comma around them: what X is the
    source of ("Según X, la banda …": "la banda …")."""
    rest = _SOURCE_CLAUSE.sub("", text[m.end():], count=1)
    return (text[: m.start()].rstrip(" ,") + rest).strip(" ,")


def _speaker(name: str, ctx: ArticleContext, named_only: bool = False) -> str | None:
    """The article's entity a speaker's name resolves to, else the name as written when it reads as one:
    a run that is not a place, with a recipient before a given name dropped ("al Financial Times Carl Tahyer")."""
    words = name.split()
    if len(words) == 1 and words[0].lower() in STOP_WORDS and ctx.resolve(name) is None:
        return None  # "También explicaron que …": a capitalised word that opens the sentence is nobody
    if ctx.resolve(name) is None and not is_given_name(fold(words[0])):  # "Andrés Manuel …" keeps "Andrés"
        for i, word in enumerate(words[1:], 1):
            if is_given_name(fold(word)) and i < len(words) - 1:
                name = " ".join(words[i:])
                break
    found = ctx.resolve(name)
    if found is not None:
        return found.name if found.type != "GPE" else None
    kind = entity_type(name)
    if kind == "GPE" or (kind is None and named_only and len(name.split()) > 3):
        return None
    return name


def _names_another(sent: Sentence, ctx: ArticleContext, speaker: str) -> bool:
    """Whether the sentence names a person other than `speaker` (then a subjectless verb is not certainly theirs)."""
    return any(c.type == "PERSON" and c.name != speaker and any(m.sent == sent.idx for m in c.mentions)
               for c in ctx.entities)
