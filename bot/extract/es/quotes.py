"""Spanish quotes and paraphrases without a parser: reporting verbs, quote marks and attribution patterns.

Spanish news attribution is formulaic: a quote then "dijo X" / "—afirmó el ministro" / "X dijo que", "X
afirmó: «…»", "según X", "de acuerdo con X". The tables below name the verbs (each form with its lemma) and
the patterns. A quote whose verb has no subject ("…”, dijo.") is Spanish pro-drop: it goes to the speaker
of the quote just before only when no other person is named between them, else it stays unattributed.
"negó que" is a denial (cue lemma "negar", never shown as a claim); "se negó a" is a refusal, not speech.
"""

from __future__ import annotations

import re

from bot.extract.es.entities import entity_type
from bot.extract.given_names import gender
from bot.extract.rules import Rule, alternatives, scan
from bot.extract.types import ArticleContext, Quote, Sentence

# lemma -> its forms as news writes them (present, preterite, perfect participle)
VERBS = {
    "decir": "dijo dice dijeron dicen ha dicho había dicho",
    "afirmar": "afirmó afirma afirmaron afirman ha afirmado",
    "señalar": "señaló señala señalaron señalan ha señalado",
    "asegurar": "aseguró asegura aseguraron aseguran ha asegurado",
    "sostener": "sostuvo sostiene sostuvieron sostienen",
    "advertir": "advirtió advierte advirtieron advierten",
    "negar": "negó niega negaron niegan ha negado",
    "reconocer": "reconoció reconoce reconocieron reconocen",
    "denunciar": "denunció denuncia denunciaron denuncian",
    "declarar": "declaró declara declararon declaran",
    "explicar": "explicó explica explicaron explican",
    "indicar": "indicó indica indicaron indican",
    "añadir": "añadió añade añadieron",
    "agregar": "agregó agrega agregaron",
    "manifestar": "manifestó manifiesta manifestaron",
    "informar": "informó informa informaron informan",
    "concluir": "concluyó concluye concluyeron",
    "detallar": "detalló detalla detallaron",
    "apuntar": "apuntó apunta",
    "comentar": "comentó comenta comentaron",
    "expresar": "expresó expresa expresaron",
    "subrayar": "subrayó subraya",
    "destacar": "destacó destaca destacaron",
    "precisar": "precisó precisa",
    "admitir": "admitió admite admitieron",
    "anunciar": "anunció anuncia anunciaron",
    "insistir": "insistió insiste",
    "responder": "respondió responde",
    "recordar": "recordó recuerda",
    "mencionar": "mencionó menciona",
    "soltar": "soltó suelta",
    "estipular": "estipuló estipula",
    "lamentar": "lamentó lamenta",
    "criticar": "criticó critica",
    "acusar": "acusó acusa",
    "aseverar": "aseveró asevera",
    "enfatizar": "enfatizó enfatiza",
    "puntualizar": "puntualizó puntualiza",
    "relatar": "relató relata",
    "contar": "contó cuenta",
    "escribir": "escribió escribe",
    "confirmar": "confirmó confirma confirmaron",
    "revelar": "reveló revela",
    "alertar": "alertó alerta",
    "opinar": "opinó opina",
    "considerar": "consideró considera",
    "sentenciar": "sentenció sentencia",
    "exclamar": "exclamó exclama",
    "cuestionar": "cuestionó cuestiona",
}
LEMMA = {form: lemma for lemma, forms in VERBS.items() for form in forms.split()}
_VERB = rf"(?P<verb>{alternatives(list(LEMMA))})"
_UPPER = "A-ZÁÉÍÓÚÑÜ"
_CAP = rf"[{_UPPER}][\wáéíóúñü'’.-]*[\wáéíóúñü]"
_NAME = rf"(?P<name>{_CAP}(?:\s+(?:(?:de|del|de\s+la)\s+)?{_CAP}){{0,5}})"
_ROLE_NAME = rf"(?:(?i:el|la)\s+(?P<role>[a-záéíóúñü][^,“”«»\"]{{1,80}}?),\s+)?{_NAME}"
_OPEN, _CLOSE = "“«\"", "”»\"″"
QUOTED = re.compile(r"“(?P<a>[^”″]+)[”″]|«(?P<b>[^»]+)»|\"(?P<c>[^\"]+)\"")
# attributions after a quote, before one, and without one; each row's meaning says where the speaker is
AFTER = [
    Rule(re.compile(rf"^[\s,.]*[—–-]?\s*{_VERB}(?:\s+(?i:a|al|ante)\s+(?:(?:la|el|los|las)\s+)?{_CAP}"
                    rf"(?:\s+{_CAP})*?)?\s+{_ROLE_NAME}"), "verb-name"),
    Rule(re.compile(rf"^[\s,.]*[—–-]?\s*{_VERB}\b(?!\s+(?:que|a)\b)"), "verb-alone"),
]
BEFORE = [
    Rule(re.compile(rf"{_NAME}(?:,\s+[^,“”«»\"]{{1,140}},)?\s+(?:(?:también|además|ya|luego)\s+)?{_VERB}"
                    rf"(?:\s+[^“”«»\":.]{{0,80}}?)?(?:\s+que|:)\s*$"), "name-verb"),
    Rule(re.compile(rf"{_VERB}(?:\s+[^“”«»\":.]{{0,40}}?)?:\s*$"), "verb-colon"),
]
PARAPHRASE = [
    Rule(re.compile(r"\b(?P<refusal>se\s+negó\s+a)\b"), "refusal"),
    Rule(re.compile(rf"\b(?i:según|de\s+acuerdo\s+con|de\s+acuerdo\s+a)\s+(?:(?:informa|indica|señala|dijo)\s+)?"
                    rf"(?:(?:el|la|los|las)\s+)?{_NAME}"), "according"),
    Rule(re.compile(rf"{_NAME}(?:,\s+[^,“”«»\"]{{1,140}},)?\s+(?:(?:también|además|ya)\s+)?{_VERB}"
                    rf"(?:\s+(?:a|al|en)\s+[^,.]{{0,40}}?)?\s+(?P<what>que\b.+|haber\b.+)"), "name-verb-that"),
]


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
    spans = [(m.start(), m.end(), next(g for g in m.groups() if g)) for m in QUOTED.finditer(text)]
    closing = re.match(rf"^[^{_OPEN}]+?[{_CLOSE[:-1]}]", text)  # a quote begun in an earlier sentence
    if closing and not spans and len(closing.group(0).split()) > 3:
        spans = [(0, closing.end(), closing.group(0)[:-1])]
    out = []
    for start, end, words in spans:
        if len(words.split()) < 4:  # a scare quote or a title ("productores independientes"), not speech
            continue
        speaker, cue = _attribution(text, start, end, ctx)
        if cue is not None:
            out.append(Quote(speaker, words.strip(" ,."), sent.idx, "direct", cue, LEMMA.get(cue.lower())))
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
        return None, m.group("verb")
    lead = text[:start]
    for rule, m in scan(lead, BEFORE):
        if m.end() != len(lead):
            continue
        return (_speaker(m.group("name"), ctx) if rule.meaning == "name-verb" else None), m.group("verb")
    return None, None


def _paraphrases(sent: Sentence, ctx: ArticleContext) -> list[Quote | None]:
    """A sentence's reported speech without quote marks: "según X", "X negó que …"; a refusal is none."""
    for rule, m in scan(sent.text, PARAPHRASE):
        if rule.meaning == "refusal":
            return []
        speaker = _speaker(m.group("name"), ctx, named_only=rule.meaning == "according")
        if speaker is None:
            continue
        if rule.meaning == "according":
            return [Quote(speaker, sent.text, sent.idx, "paraphrase", "según", None)]
        verb = m.group("verb")
        return [Quote(speaker, m.group("what"), sent.idx, "paraphrase", verb, LEMMA.get(verb.lower()))]
    return []


def _speaker(name: str, ctx: ArticleContext, named_only: bool = False) -> str | None:
    """The article's entity a speaker's name resolves to, else the name as written when it reads as one:
    a run that is not a place, with a recipient before a given name dropped ("al Financial Times Carl Tahyer")."""
    words = name.split()
    for i, word in enumerate(words[1:], 1):
        if gender(word) and i < len(words) - 1:
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
