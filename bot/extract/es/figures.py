"""Spanish figures: "1.234,5" and "1,234.5", "156 mil 136", "3 millones de pesos", "mil millones", "billón"
(10¹², not the English billion), "S/ 50", "soles", "US$", "por ciento", "por cada 100 mil habitantes".

A separator followed by exactly three digits groups thousands, whichever it is ("49.330", "6,251 millones");
otherwise it is the decimal mark ("19,7", "6.5"); with both, the last is the decimal mark. A number inside a
date ("15 de marzo de 2020"), a bare year and a number glued to a word ("COVID-19") are not figures.
"""

from __future__ import annotations

import re

from bot.extract.es.dates import TABLE as DATE_TABLE
from bot.extract.rules import Rule, alternatives, scan
from bot.extract.types import ArticleContext, Statistic

SCALES = {"mil millones": 1e9, "millones": 1e6, "millón": 1e6, "millon": 1e6, "billones": 1e12,
          "billón": 1e12, "billon": 1e12, "mil": 1e3}
WORDS = {"un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
         "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "quince": 15, "veinte": 20, "treinta": 30,
         "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90, "cien": 100,
         "ciento": 100, "doscientos": 200, "trescientos": 300, "quinientos": 500}
CURRENCY_BEFORE = {"US$": "USD", "USD": "USD", "S/.": "PEN", "S/": "PEN", "€": "EUR", "$": "$"}
CURRENCY_AFTER = {"dólares": "USD", "dolares": "USD", "soles": "PEN", "euros": "EUR", "pesos": "pesos",
                  "pesos mexicanos": "MXN", "pesos colombianos": "COP", "bolívares": "VES", "reales": "BRL"}
PERCENT = ("por ciento", "por cien", "%")
QUALIFIERS = ("más de", "menos de", "alrededor de", "cerca de", "casi", "hasta", "al menos", "por lo menos",
              "unos", "unas", "aproximadamente", "apenas", "poco más de", "poco menos de", "al menos unos")
_DIGITS = r"\d{1,3}(?:[.,’'′]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_NUMBER = (rf"(?:{_DIGITS}|{alternatives(list(WORDS))})(?:\s+{alternatives(list(SCALES))}"
           rf"(?:\s+(?:{_DIGITS}))?)?(?!\w)")  # a remainder only after a scale: "156 mil 136"
_I = re.IGNORECASE
TABLE = [
    Rule(re.compile(
        rf"(?<![\w\-/.,])(?:(?P<qual>{alternatives(QUALIFIERS)})\s+)?(?:(?:el|la|los|las|otr[oa]s?)\s+)?"
        rf"(?P<cur>{alternatives(list(CURRENCY_BEFORE))})?\s?(?P<num>{_NUMBER})"
        rf"(?:\s*(?P<pct>{alternatives(PERCENT)}))?"
        rf"(?:\s+(?:de\s+)?(?P<curw>{alternatives(list(CURRENCY_AFTER))})\b)?"
        rf"(?:\s+(?P<rate>(?:por\s+)?cada\s+(?P<base>{_NUMBER})\s+\w+))?", _I), "figure"),
]
_YEAR = re.compile(r"^(?:1[5-9]|20)\d\d$")
# a number that names a thing is no figure: "la ruta 20", "el artículo 19", "la carretera 57", "el vuelo 302"
_IDENTIFIER = re.compile(
    r"\b(?:rutas?|l[ií]neas?|carreteras?|art[ií]culos?|n[uú]mero|n[uú]m\.|no\.|lotes?|calles?|avenidas?|pisos?"
    r"|kil[oó]metro|km|fracci[oó]n|incisos?|cap[ií]tulos?|expedientes?|folios?|distritos?|secci[oó]n|casillas?"
    r"|vuelos?|c[oó]digos?|puertas?|versi[oó]n|modelo|enmienda|dosis\s+n[uú]mero)\s+$", re.IGNORECASE)
# what a figure counts, after it ("80% de las empresas", "12 personas en las últimas horas": not "en las") …
_NOUN = re.compile(r"\s*(?:de\s+(?:(?:todos|todas)\s+)?(?:(?:los|las|la|el)\s+)?)?(?P<noun>[a-záéíóúñü]{3,}"
                   r"(?:\s+(?:de|del|por|en)\s+(?!(?:los|las|la|el|un|una|unos|unas)\b)[\wáéíóúñü-]+){0,2})", _I)
# … or before it, naming the quantity it is the value of ("una efectividad del 79 por ciento", "la trazabilidad de
# Madrid es del 56,2%", "una incidencia acumulada de más de 150")
_NOUN_BEFORE = re.compile(r"\b(?:un|una|el|la|los|las)\s+(?P<noun>[a-záéíóúñü]{4,}(?:\s+[a-záéíóúñü]{4,})?"
                          r"(?:\s+(?:de|del)\s+[\wáéíóúñü-]+){0,2})\s+(?:(?:es|fue|era|será)\s+)?(?:de|del)\s+$", _I)
# … or set off before it: "una eficacia muy buena, 79,9 por ciento", "el mayor exceso de fallecimientos: más de
# 300.000" (the quantity named, then a comma or a colon and its value)
_NOUN_SET_OFF = re.compile(r"(?:\b(?:un|una|el|la)\s+(?P<noun>[a-záéíóúñü]{4,})(?:\s+[a-záéíóúñü]+){0,2},|"
                           r"\b(?P<head>[a-záéíóúñü]{4,}(?:\s+(?:de|del)\s+[a-záéíóúñü-]{3,}){0,2}):)\s+$", _I)
# … or the subject of a change it measures: "La economía se desplomó un 8,5%" is the economy (se desplomó), as
# English figures read "economy (fell)"
CHANGE_VERBS = ("se desplomó", "se contrajo", "se redujo", "se incrementó", "cayó", "creció", "subió", "bajó",
                "aumentó", "disminuyó", "avanzó", "retrocedió", "repuntó", "se desplomaron", "cayeron", "crecieron",
                "subieron", "bajaron", "aumentaron", "disminuyeron")
_CHANGE_BEFORE = re.compile(rf"\b(?:el|la|los|las)\s+(?P<noun>[a-záéíóúñü]{{4,}}(?:\s+[a-záéíóúñü]{{4,}})?"
                            rf"(?:\s+(?:de|del)\s+[\wáéíóúñü-]+)?)"
                            rf"\s+(?P<change>{alternatives(CHANGE_VERBS)})(?:\s+(?:un|en\s+un|hasta\s+un|el))?\s+$", _I)
_NOT_NOUNS = frozenset("de del que y o en a al por para con se es son fue han ha más menos mayor menor"
                       " el la los las un una unos unas lo su sus ante contra sobre entre desde hasta según"
                       " durante tras".split())


def spanish_figures(ctx: ArticleContext) -> list[Statistic]:
    """Every figure of the article's body sentences, with value, unit, what it counts and its qualifier."""
    stats = []
    for sent in ctx.sentences:
        if sent.kind == "furniture":
            continue
        dated = [(m.start(), m.end()) for _rule, m in scan(sent.text, DATE_TABLE)]
        found: list[tuple[re.Match[str], Statistic]] = []
        for _rule, m in scan(sent.text, TABLE):
            if any(a <= m.start("num") < b for a, b in dated) or _IDENTIFIER.search(sent.text[: m.start()]):
                continue
            stat = figure(m, sent.text, sent.idx)
            if stat is not None:
                found.append((m, stat))
        stats.extend(changes_joined(found, sent.text))
    return stats


# a change told by its two ends: "la tasa … pasó de 4,7 a 6,4", "los robos bajaron de 300 en 2023 a 250": one
# figure, the value it reached, from the value it started at, as English reads "rose from 14 to 230"
FROM_VERBS = ("pasó", "pasaron", "pasa", "pasan", "subió", "subieron", "bajó", "bajaron", "aumentó", "aumentaron",
              "creció", "crecieron", "cayó", "cayeron", "disminuyó", "disminuyeron", "descendió", "ascendió",
              "se redujo", "se redujeron", "se incrementó", "se incrementaron", "se elevó", "se disparó")
_FROM = re.compile(rf"(?:\b(?:el|la|los|las)\s+(?P<noun>[a-záéíóúñü]{{4,}}(?:\s+(?:de|del|por|en|a)\s+"
                   rf"(?!cada\b)[a-záéíóúñü-]{{3,}}){{0,3}})(?:\s+(?:(?!\b(?:el|la|los|las)\b)[^,;:]){{0,60}}?)?\s+)?"
                   rf"(?P<verb>{alternatives(FROM_VERBS)})\s+(?:de|desde)\s+$", re.IGNORECASE)
_TO = re.compile(r"^(?:\s+en\s+(?:1[5-9]|20)\d\d)?,?\s+(?:a|hasta)\s+$")
_NEUTRAL_FROM = ("pasó", "pasaron", "pasa", "pasan")


def changes_joined(found: list[tuple[re.Match[str], Statistic]], text: str) -> list[Statistic]:
    """The sentence's figures with each change's two ends made one figure: the value reached, with the value it
    started at (`previous`), its direction, what changed ("tasa de mortalidad (subió)") and the written span from
    "de" on. Two ends read apart gave the starting value as the figure, with nothing measured."""
    out: list[Statistic] = []
    skip = False
    for i, (m, stat) in enumerate(found):
        after = found[i + 1] if i + 1 < len(found) else None
        if skip:
            skip = False
            continue
        start = _FROM.search(text[: m.start()]) if after else None
        if start is None or after is None or not _TO.match(text[m.end(): after[0].start()]) \
                or after[1].value == stat.value:
            out.append(stat)
            continue
        end = after[1]
        verb = start.group("verb").lower()
        up = end.value > stat.value
        said = ("subió" if up else "bajó") if verb in _NEUTRAL_FROM else verb
        what = start.group("noun") or end.measure or stat.measure
        span = text[start.end("verb"): after[0].end()].strip()  # "de 4,7 a 6,4 por cada 100.000 habitantes"
        out.append(Statistic(end.value, end.unit or stat.unit, f"{what} ({said})", None, end.qualifier, span,
                             end.sent, previous=stat.value, direction="up" if up else "down"))
        skip = True
    return out


def figure(m: re.Match[str], text: str, sent: int) -> Statistic | None:
    """The Statistic a match names, or None for what only looks like one (a year, a lone word number)."""
    raw = m.group("num")
    value = number_value(raw)
    if value is None or (_YEAR.match(raw) and not (m.group("cur") or m.group("curw") or m.group("pct"))):
        return None
    if not re.search(r"\d", raw) and not (m.group("pct") or m.group("curw")) and raw.lower() in WORDS:
        return None  # "un", "dos" alone are words, not figures
    unit = ""
    if m.group("pct"):
        unit = "%"
    elif m.group("curw"):
        unit = CURRENCY_AFTER[m.group("curw").lower()]
    elif m.group("cur"):
        unit = CURRENCY_BEFORE[m.group("cur").upper() if m.group("cur") != "S/." else "S/."]
    end = m.end()
    measure = ""
    if m.group("rate"):
        base = number_value(m.group("base")) or 0
        unit = f"{unit or ''} por cada {base:,.0f}".strip().replace(",", ".")
        measure = m.group("rate").split()[-1]
    else:
        noun = _NOUN.match(text, end)
        before = _NOUN_BEFORE.search(text[: m.start()])
        if noun and noun.group("noun").split()[0].lower() not in _NOT_NOUNS:
            measure = noun.group("noun")
            if not unit:
                unit = measure.split()[0].lower()
        elif before and before.group("noun").split()[0].lower() not in _NOT_NOUNS:
            measure = before.group("noun")  # a quantity, not a unit: the unit stays what the figure says
        else:
            measure = _set_off_noun(text[: m.start()])
    qualifier = m.group("qual").lower() if m.group("qual") else None
    return Statistic(value, unit, measure, None, qualifier, m.group(0).strip(), sent)


def _set_off_noun(before: str) -> str:
    """The quantity named just before a figure: set off from it by a comma or a colon, or the subject of the
    change it measures ("economía (se desplomó)"); '' when none is."""
    change = _CHANGE_BEFORE.search(before)
    if change and change.group("noun").split()[0].lower() not in _NOT_NOUNS:
        return f"{change.group('noun')} ({change.group('change').lower()})"
    found = _NOUN_SET_OFF.search(before)
    noun = (found.group("noun") or found.group("head")) if found else ""
    return noun if noun and noun.split()[0].lower() not in _NOT_NOUNS else ""


def number_value(text: str) -> float | None:
    """A written number's value: digits with either convention, a number word, a scale and a remainder
    ("156 mil 136" is 156,136; "19,7 billones" is 19.7 × 10¹²)."""
    parts = text.lower().split()
    if not parts:
        return None
    value = digits_value(parts[0]) if parts[0][0].isdigit() else WORDS.get(parts[0])
    if value is None:
        return None
    rest = " ".join(parts[1:])
    for scale, factor in SCALES.items():
        if rest.startswith(scale):
            value *= factor
            rest = rest[len(scale):].strip()
            break
    if rest:
        tail = digits_value(rest)
        if tail is None or tail >= 1000:
            return None
        value += tail
    return value


def digits_value(text: str) -> float | None:
    """Digits with thousands groups and a decimal mark in either convention (see the module's rule)."""
    text = re.sub(r"[’'′]", ".", text)
    if not re.fullmatch(r"\d+(?:[.,]\d+)*", text):
        return None
    marks = [c for c in text if c in ".,"]
    if not marks:
        return float(text)
    last = max(text.rfind("."), text.rfind(","))
    if len(set(marks)) == 2 or len(marks) > 1 and text[last] != marks[0]:
        whole, frac = text[:last], text[last + 1:]
        return float(re.sub(r"[.,]", "", whole) + "." + frac)
    groups = re.split(r"[.,]", text)
    if all(len(g) == 3 for g in groups[1:]) and not (len(marks) == 1 and groups[0] == "0"):
        return float("".join(groups))
    if len(marks) == 1:
        return float(groups[0] + "." + groups[1])
    return None
