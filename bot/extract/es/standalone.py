"""Whether a Spanish sentence can be shown on its own in an answer (the English rules are bot/extract/standalone.py).

Without a parser the Spanish rules read the opening words, a table of what each opening means: a sentence that
points back ("Su Gobierno …", "Ese fue …", "Al respecto, …", "A través de esa Junta, …", "El funcionario
manifestó …": which one was said before), that has no subject shown ("En conferencia de prensa, informó que …",
"Pero al mismo tiempo les habló …": Spanish drops the subject the previous sentence named), that speaks in the
first person ("Nuestro país …"), or that is page furniture ("Lee: …", an interview's "P." and "R.") is not shown
alone; nor is a fragment (the language-neutral test of bot/extract/standalone.py). No name is put in brackets:
a Spanish sentence is shown as written or not alone.
"""

from __future__ import annotations

import re

from bot.extract.es.verbs import LEMMA
from bot.extract.facts_common import is_boilerplate
from bot.extract.rules import Rule, alternatives, scan
from bot.extract.standalone import fragment
from bot.extract.types import Sentence

_I = re.IGNORECASE
# what may open a sentence before its subject: a conjunction, a linking adverb, a short phrase and its comma
_JOIN = r"(?:(?:pero|y|e|aunque|además|también|asimismo|luego|después|entonces|así|sin\s+embargo),?\s+)?"
_LINK = r"(?:(?:al\s+mismo\s+tiempo|más\s+tarde|por\s+otra\s+parte|en\s+tanto|mientras\s+tanto),?\s+)?"
_PHRASE = r"(?:[^,;:“”«»\"]{1,40},\s+)?"  # "En conferencia de prensa, informó …"
_TIME = ("año años mes meses semana semanas día días fin lunes martes miércoles jueves viernes sábado domingo "
         "mañana tarde noche jornada periodo período sexenio momento ocasión temporada trimestre semestre").split()
_DEMONSTRATIVE = r"(?:este|esta|estos|estas|ese|esa|esos|esas|aquel|aquella|aquellos|aquellas)"
# nouns for something or someone the article has just named ("el funcionario", "la medida"), unless what follows
# says which ("la medida de …", "el funcionario que …")
_ANAPHORIC = ("funcionario funcionaria mandatario mandataria dependencia organismo institución medida decisión "
              "propuesta iniciativa anuncio acuerdo plan hecho incidente caso movimiento documento "
              "legislador legisladora exfuncionario agencia empresa compañía también "
              "conflicto ataque atentado operativo suceso episodio accidente enfrentamiento").split()
# one person the article has just described ("el narcotraficante compró …", "la víctima fue …"), or the researchers
# it has just introduced ("Los investigadores comenzaron …"); "las víctimas" of a crime are often all of them
_PEOPLE_BACK = ("narcotraficante capo sospechoso sospechosa detenido detenida acusado acusada agresor agresora "
                "empresario empresaria víctima sujeto individuo hombre mujer joven investigador investigadora "
                "investigadores investigadoras científico científica científicos científicas expertos expertas "
                "especialistas").split()
_BACK_NOUN = rf"(?:(?:{'|'.join(_ANAPHORIC)})s?|{'|'.join(_PEOPLE_BACK)})"
# nouns of a scene the article has just described ("la imagen", "la escena")
_SCENE = "imagen escena situación panorama ambiente lugar zona sitio".split()
_CLITIC = r"(?:le|les|nos)"  # not "la", "los": articles too ("La policía informó …")
_NO_SUBJECT_AFTER = r"(?!\s+(?:el|la|los|las|(?-i:[A-ZÁÉÍÓÚÑ])))"
# the words that may come before "su" without naming whose it is ("Este miércoles su Gobierno …")
_OPENER = (r"(?:este|esta|el|la|en|ayer|hoy|pero|y|además|también|al|por|tras|lunes|martes|miércoles|jueves|"
           r"viernes|sábado|domingo|mañana|tarde|noche),?")
_VERB_FORMS = alternatives([form for form in LEMMA if " " not in form])
_ALL_VERB_FORMS = alternatives(list(LEMMA))  # with the compound tenses: "ha comentado"
# an adjective before its noun that takes the thing as already known: "la relativa calma" (the calm just described),
# "los nuevos hallazgos" (the findings just reported), "la citada ley", "el presunto agresor"
_KNOWN = (r"(?:(?:nuev|relativ|supuest|presunt|mencionad|citad|referid|aludid|susodich|polémic|controvertid|esperad|"
          r"anunciad)[oa]s?|(?:aparente|reciente)s?)")
# what says which one after the noun: "la nueva ley de seguridad", "el presunto agresor que", "la relativa calma en
# Tijuana", a name
_SAYS_WHICH = r"(?!\s+(?:(?:de|del|que|para|con|sobre|contra|en|entre|a|al)\b|(?-i:[A-ZÁÉÍÓÚÑ])))"
TABLE = [
    Rule(re.compile(r"^(?:lee|lea|leer|te\s+recomendamos|ver\s+más|lee\s+también|lea\s+también|"
                    r"le\s+puede\s+interesar|también\s+te\s+puede\s+interesar)\s*:", _I), "furniture"),
    Rule(re.compile(r"^[PR]\.\s"), "furniture"),  # an interview's question and answer marks
    Rule(re.compile(rf"^{_JOIN}(?:al\s+respecto|en\s+ese\s+sentido|en\s+este\s+sentido|por\s+ello|por\s+eso|"
                    rf"por\s+lo\s+anterior|ante\s+ello|ante\s+esto|tras\s+ello|de\s+ahí|esto|eso|ello)\b", _I),
         "points back"),
    Rule(re.compile(rf"^(?:{_OPENER}\s+){{0,3}}(?:su|sus)\s(?!parte\b)", _I), "points back"),  # "Este miércoles su …"
    Rule(re.compile(rf"^(?:\S+\s+){{0,9}}?{_DEMONSTRATIVE}\s+(?!(?:{'|'.join(_TIME)})\b|\d)", _I), "points back"),
    Rule(re.compile(rf"^{_JOIN}(?:el|la|los|las)\s+{_BACK_NOUN}\b"
                    rf"(?!\s+(?:de|del|que|para|con|sobre|a|al|en|(?-i:[A-ZÁÉÍÓÚÑ])))", _I), "points back"),
    # a thing named as already known, as the subject of the sentence or of what someone said: "La relativa calma se
    # deriva de …", "X apuntó que los nuevos hallazgos “…”", "Dicha medida …"
    Rule(re.compile(rf"^(?:[^“”«»\"]{{0,160}}?\b(?:{_ALL_VERB_FORMS})\s+que\s+)?{_JOIN}(?:el|la|los|las)\s+{_KNOWN}"
                    rf"\s+[a-záéíóúñ]{{3,}}\b{_SAYS_WHICH}", _I), "points back"),
    Rule(re.compile(r"^(?:dicho|dicha|dichos|dichas)\s", _I), "points back"),
    # a reporting verb with no subject before it and none after it ("informó que", not "informó la policía que")
    Rule(re.compile(rf"^{_JOIN}{_LINK}{_PHRASE}(?:{_CLITIC}\s+)?(?:{_VERB_FORMS})\b{_NO_SUBJECT_AFTER}", _I),
         "no subject"),
    Rule(re.compile(rf"^{_JOIN}{_LINK}{_CLITIC}\s+[a-záéíóúñ]+(?:ó|aron|ió|ieron|o)\b{_NO_SUBJECT_AFTER}", _I),
         "no subject"),
    Rule(re.compile(r"^(?:nosotros|nosotras|yo|nuestro|nuestra|nuestros|nuestras|mi|mis)\b", _I), "first person"),
    # a linking word that answers the sentence before: "Sin embargo, …", "Luego, …", "Asimismo, …"
    Rule(re.compile(r"^(?:sin\s+embargo|no\s+obstante|en\s+cambio|luego|después|entonces|posteriormente|"
                    r"asimismo|igualmente|de\s+igual\s+(?:forma|manera)|incluso|aun\s+así|en\s+(?:cualquier|todo)\s+caso|"
                    r"de\s+todas\s+(?:formas|maneras)|de\s+cualquier\s+(?:forma|modo|manera))\s*,", _I), "points back"),
    # a time told by what came before: "Desde entonces ha gestionado …", "Para entonces, …" (since when?)
    Rule(re.compile(rf"^{_JOIN}(?:desde|hasta|para|a\s+partir\s+de)\s+entonces\b", _I), "points back"),
    # a passive whose subject was the sentence before's: "Está acusado de rebeldía …", "Fue detenido por la policía …"
    Rule(re.compile(rf"^{_JOIN}(?:está|están|estaba|estaban|estuvo|estuvieron|fue|fueron|ha\s+sido|han\s+sido|"
                    r"había\s+sido)\s+[a-záéíóúñ]+(?:ad|id)[oa]s?\s+(?:de|por|como)\b", _I), "no subject"),
    # a progressive whose subject was the sentence before's: "Están evaluando a todas las mujeres …"
    Rule(re.compile(rf"^{_JOIN}(?:está|están|estaba|estaban|estuvo|estuvieron|sigue|siguen)\s+[a-záéíóúñ]+(?:ando|iendo)\b",
                    _I), "no subject"),
    # an adverb that confirms or concludes what was just said, comma or not: "Efectivamente los municipios …"
    Rule(re.compile(r"^(?:efectivamente|en\s+efecto|de\s+hecho|por\s+lo\s+tanto|por\s+tanto|por\s+consiguiente)\b",
                    _I), "points back"),
    # "también" or "tampoco" among the opening words: "Fauci también destacó …", "El comité tampoco encontró …" (as
    # well as what? neither what?)
    Rule(re.compile(r"^(?:[^\s,]+\s+){1,4}?(?:también|tampoco)\b", _I), "points back"),
    # the noun after a short opening phrase: "El miércoles, la imagen fue …"
    Rule(re.compile(rf"^[^,;:“”«»\"]{{1,25}},\s+(?:el|la|los|las)\s+(?:{_BACK_NOUN}|(?:{'|'.join(_SCENE)})s?)\b"
                    rf"(?!\s+(?:de|del|que|para|con|sobre|(?-i:[A-ZÁÉÍÓÚÑ])))", _I), "points back"),
    # a demonstrative right after the opening clause: "Según los registros de Función Pública, este rubro …"
    Rule(re.compile(rf"^[^,;:“”«»\"]{{1,140}},\s+{_DEMONSTRATIVE}\s+(?!(?:{'|'.join(_TIME)})\b|\d)", _I),
         "points back"),
    # a perfect tense after an opening clause, no subject between: "Además de trasladar a los migrantes, ha
    # introducido obstáculos …"
    Rule(re.compile(r"^(?:además\s+de|tras|después\s+de|antes\s+de|luego\s+de|al|para)\s+[a-záéíóúñ]+(?:ar|er|ir)\b"
                    r"[^;:“”«»\"]{0,140}?,\s+(?:ha|han|había|habían)\s+[a-záéíóúñ]+(?:ado|ido)\b", _I), "no subject"),
    # a copula with its subject dropped: "Es el día en que …", "Fue la objeción más reciente de …" (what is?)
    Rule(re.compile(r"^(?:es|fue|era|será|son|fueron|eran|serán)\s+(?:el|la|los|las|un|una|unos|unas)\s", _I),
         "no subject"),
    # a dateline before the story: "CIUDAD JUÁREZ, México — …"
    Rule(re.compile(r"^(?-i:[A-ZÁÉÍÓÚÑ]{3,}(?:\s+[A-ZÁÉÍÓÚÑ]{2,})*)(?:\s*,\s*[^—–]{1,30})?\s+[—–]\s"), "dateline"),
]
# what marks a sentence wherever it stands: outside its quotations (a first person, a quotation whose verb has no
# subject: "«…», dijo."), and in the whole text (a verb set off inside a quotation: "«… -expuso-, …»"; a question
# or exclamation mark that opens nothing)
OUTSIDE_QUOTES = [
    Rule(re.compile(r"\b(?:yo|nuestro|nuestra|nuestros|nuestras)\b", _I), "first person"),  # "… yo sé que …"
    # a pronoun after a preposition with no name before it: "una vacuna contra él" (against what?), "tres de ellos"
    Rule(re.compile(r"^(?:(?:los|las|el|la|un|una|unos|unas|en|por|para|con|pero|y|sin|tras|según|al|a|de|hoy|ayer)"
                    r"\s)?(?-i:[^A-ZÁÉÍÓÚÑ]*)\b(?:contra|de|con|para|por|sobre|ante|sin|tras|hacia|entre)\s+"
                    r"(?:él|ella|ellos|ellas)\b", _I), "points back"),
    Rule(re.compile(rf"[”»\"],?\s*(?:{_ALL_VERB_FORMS})\.?$", _I), "no subject"),
]
WHOLE = [
    Rule(re.compile(rf"\s[—–-](?:{_VERB_FORMS})[—–-]", _I), "no subject"),
    Rule(re.compile(r"[¿¡«“]\s*$"), "fragment"),  # "… signo de cáncer? «": the next sentence's opening mark
]
MAX_LABEL_WORDS = 8  # a line this short with no closing mark is a heading or a caption ("Vacuna de X, hasta los 65")
_CLOSED = re.compile(r"[.!?…”»\")]\s*$")


def mark_spanish_standalone(sentences: list[Sentence]) -> None:
    """Set `alone` to False on each body sentence that cannot be shown on its own."""
    for sentence in sentences:
        if sentence.kind == "body" and not stands_alone(sentence.text):
            sentence.alone = False


def stands_alone(text: str) -> bool:
    """Whether a Spanish sentence reads on its own: no fragment, furniture, pointing back, missing subject or first
    person (see the module's docstring)."""
    if fragment(text) or is_boilerplate(text):
        return False
    if len(text.split()) <= MAX_LABEL_WORDS and not _CLOSED.search(text):
        return False
    opening = text.lstrip("“\"«‘'¿¡ ")
    if any(m.start() == 0 for _rule, m in scan(opening, TABLE)):
        return False
    return not any(scan(_QUOTED.sub("“”", text), OUTSIDE_QUOTES)) and not any(scan(text, WHOLE))


_QUOTED = re.compile(r"[“«\"][^“”«»\"]*[”»\"]")
