"""Spanish dates: "el 15 de marzo de 2020", "15 de marzo", "marzo de 2020", "el pasado martes", "a finales de
2022", "hoy", month ranges ("entre marzo y mayo de 2020", "de enero a marzo": both ends), resolved against the
publication date as the English ones are (bot/extract/events.py).

A date without a year takes the publication year, one year back when it would fall more than a week after
publication in a sentence that is not in the future tense. A weekday is the last one on or before publication
("el lunes", "el pasado martes"), or the next one after it when the sentence speaks of the future or says
"próximo". Without a publication date only expressions carrying their own year are kept.

Each date gets the English rank (bot/extract/events.py `_rank`), read from the words around it instead of a
parse: 0 the sentence's own event, 1 a date inside a clause that hangs from it ("…, que asumió el 3 de marzo,
…"), 2 the date of a report of it ("dijo el lunes que …", "el martes informó"), 3 a document's date ("un informe
de marzo de 2020"): no event at all. A timeline shows each sentence once, under its best-ranked date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.extract.es.verbs import VERBS
from bot.extract.rules import Rule, alternatives, scan
from bot.extract.types import ArticleContext, Event

MONTHS = {m: i + 1 for i, m in enumerate(
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split())}
MONTHS["setiembre"] = 9  # Peru's spelling
WEEKDAYS = {d: i for i, d in enumerate("lunes martes miércoles jueves viernes sábado domingo".split())}
WEEKDAYS["miercoles"], WEEKDAYS["sabado"] = 2, 5
_MON = rf"(?P<mon>{alternatives(list(MONTHS))})"
_YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)"
_OF_YEAR = rf"(?:,?\s+(?:de|del)?\s*(?:año\s+)?{_YEAR})"
_I = re.IGNORECASE
_WEEKDAY = r"(?:lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo)"
_DAY_WORDS = rf"(?:(?:el|este|del|al|hasta el|desde el)\s+)?(?:(?:pasado|próximo)\s+)?(?:{_WEEKDAY}\s+)?"
# a year the text names otherwise than in digits ("en septiembre de ese año", "del año siguiente", an archive's masked
# "de *NUMBER*"): a month or day before it is not in the publication's year, and is left undated rather than guessed
_OTHER_YEAR = r"(?!\s+(?:de|del)\s+(?:\*|(?:ese|aquel|dicho|año)\b))"

TABLE = [
    # "entre el 7 y el 20 de septiembre de 2023", "los días 6, 7, 13 y 14 de febrero 2021": each day listed
    Rule(re.compile(rf"\b(?P<days>\d{{1,2}}(?:\s*(?:,|y|al|-|–)\s*(?:el\s+)?\d{{1,2}})+)\s+de\s+{_MON}{_OF_YEAR}?\b"
                    rf"{_OTHER_YEAR}", _I), "days"),
    Rule(re.compile(rf"\b{_DAY_WORDS}(?P<day>[0-3]?\d)(?:º|°)?\s+de\s+{_MON}{_OF_YEAR}?\b{_OTHER_YEAR}", _I),
         "day"),
    # "entre marzo y mayo de 2020", "de enero a marzo", "desde diciembre de 2019 hasta febrero": both ends
    Rule(re.compile(rf"\b(?:entre|de|desde)\s+(?:los\s+meses\s+de\s+|el\s+mes\s+de\s+)?{_MON}"
                    rf"(?:\s+(?:de(?:l)?\s+)?(?P<year1>(?:1[5-9]|20)\d\d))?\s+(?:y|a|al|hasta)\s+(?:el\s+mes\s+de\s+)?"
                    rf"(?P<mon2>{alternatives(list(MONTHS))})\b{_OF_YEAR}?(?!\s+de\s+\d)", _I), "months"),
    Rule(re.compile(rf"\b(?P<edge>a\s+(?:principios|comienzos|inicios|mediados|finales|fines)\s+de)\s+"
                    rf"(?:{_MON}\s+(?:de(?:l)?\s+)?)?{_YEAR}\b", _I), "edge"),
    Rule(re.compile(rf"\b(?:en\s+|de\s+|desde\s+|hasta\s+)?{_MON}(?:\s+(?:de(?:l)?\s+)?|,\s*){_YEAR}\b", _I), "month"),
    Rule(re.compile(rf"\b(?P<rel>el|este|esta|el\s+pasado|el\s+próximo|este\s+pasado|este\s+próximo|pasado|próximo)"
                    rf"\s+(?P<wd>{_WEEKDAY})\b", _I), "weekday"),
    Rule(re.compile(r"\b(?P<shift>hoy|ayer|anteayer|antier)\b", _I), "shift"),
    Rule(re.compile(rf"\b(?:en|durante|desde|hasta)\s+(?:el\s+)?(?:pasado\s+|próximo\s+)?{_MON}\b(?!\s+(?:de(?:l)?\s+)?\d)"
                    rf"{_OTHER_YEAR}", _I), "bare_month"),
    Rule(re.compile(rf"\b(?:en|durante|desde)\s+(?:el\s+(?:año\s+)?)?{_YEAR}\b(?![.,]\d)", _I), "year"),
]
_FUTURE = re.compile(r"\b\w+(?:rá|rán|remos|réis)\b|\b(?:va|van|vamos)\s+a\s+\w+r\b|\bpróxim[oa]\b", _I)
_SHIFTS = {"hoy": 0, "ayer": -1, "anteayer": -2, "antier": -2}
TENSE_CHARS = 30  # around a date, where the verb it dates is
LATE_DAYS = 7  # a yearless date this far past publication, in a sentence about the past, is last year's


def spanish_dates(ctx: ArticleContext) -> list[Event]:
    """Every dated expression of the article's sentences, each with its ISO date or dates."""
    events = []
    for sent in ctx.sentences:
        if sent.kind == "furniture":
            continue
        for rule, m in scan(sent.text, TABLE):
            # ties between dates of one rank go to the one written first in the sentence, as in English
            rank = date_rank(sent.text, m) + 0.99 * m.start() / max(len(sent.text), 1)
            for iso in resolve(rule.meaning, m, ctx.published, _future_near(sent.text, m)):
                events.append(Event(iso, m.group(0).strip(), sent.idx, rank))
    return events


# the verbs that date a report rather than its news (English: report say publish release tell announce …)
REPORTING = {form for lemma in ("decir", "informar", "anunciar", "revelar", "escribir", "responder", "declarar",
                                "afirmar", "señalar", "asegurar", "indicar", "explicar", "confirmar", "detallar",
                                "precisar", "agregar", "añadir", "manifestar", "comentar", "expresar")
             for form in VERBS[lemma].split() if " " not in form}
REPORTING |= set("publicó publica publicaron publican reportó reporta reportaron reportan".split())
DOCUMENTS = ("informe", "informes", "estudio", "estudios", "encuesta", "encuestas", "reporte", "reportes",
             "documento", "documentos", "investigación", "análisis", "censo", "boletín", "comunicado", "sondeo")
_DOCUMENT_BEFORE = re.compile(rf"\b{alternatives(DOCUMENTS)}(?:\s+[\wáéíóúñ]+){{0,2}}?\s+(?:de|del|publicad[oa]s?"
                              rf"(?:\s+(?:el|en))?|fechad[oa]s?(?:\s+(?:el|en))?)$", _I)
_HEAD_WORDS = re.compile(r"^(?:(?:el|este|esta|del|al|de|en|desde|hasta|durante|pasado|próximo)\s+)+", _I)
_LAST_WORD = re.compile(r"([\wáéíóúñ]+)\s*$")  # the words next to the date, not across a comma
_FIRST_WORD = re.compile(r"^\s*([\wáéíóúñ]+)")
_SUBORDINATE = re.compile(r"\b(?:que|cuando|donde|quien|quienes|cual|cuales|cuyo|cuya|cuyos|cuyas)\b", _I)


# a birth or death told in passing: "X, nacido en Arequipa el 3 de mayo de 1961, asumió …", "votantes nacidos desde
# 1910", "bajo el jeque X, fallecido en 1999, y después …"
_BORN = re.compile(r"\b(?:nacid|fallecid)[oa]s?"
                   r"(?:\s+(?![a-záéíóúñ]+(?:ó|aron|ieron|aba|aban|ía|ían|ará|arán|erá|irá)\b)"
                   r"[^\s,;:“”«»\"]+){0,12}\s*$", _I)  # no comma or finite verb between: still its phrase


def date_rank(text: str, m: re.Match[str]) -> int:
    """How surely the date is the sentence's own event (the English ranks, from the words around it): 3 a
    document's date or a birth told in passing (a participle describing someone, not what the sentence says
    happened: "Juan nació el …" stays an event), 2 a reporting verb's ("dijo el domingo", "este martes
    informó"), 1 a date after a subordinating word (a clause hanging from the main one), else 0."""
    head = _HEAD_WORDS.match(m.group(0))
    before = text[: m.start()] + (head.group(0) if head else "")
    if _DOCUMENT_BEFORE.search(before.rstrip()) or _BORN.search(text[: m.start()]):
        return 3
    last, first = _LAST_WORD.search(text[: m.start()]), _FIRST_WORD.match(text[m.end():])
    if (last and last.group(1).lower() in REPORTING) or (first and first.group(1).lower() in REPORTING):
        return 2
    return 1 if _SUBORDINATE.search(text[: m.start()]) else 0


def _future_near(text: str, m: re.Match[str]) -> bool:
    """Whether the verb nearest the date speaks of the future: the words just before and after it, not the
    whole sentence ("dijo el domingo que … serán importantes" is last Sunday)."""
    before = text[max(0, m.start() - TENSE_CHARS): m.start()]
    after = text[m.end(): m.end() + TENSE_CHARS]
    return bool(_FUTURE.search(m.group(0)) or _FUTURE.search(before) or _FUTURE.search(after))


def resolve(meaning: str, m: re.Match[str], published: date | None, future: bool) -> list[str]:
    """The ISO dates a match names (none when it needs a publication date the article lacks)."""
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    month = MONTHS.get((groups.get("mon") or "").lower())
    if meaning in ("day", "days"):
        days = [int(groups["day"])] if meaning == "day" else [int(d) for d in re.findall(r"\d+", groups["days"])]
        return [iso for d in days if (iso := _day(year, month, d, published, future))]
    if meaning == "edge" or meaning == "year":
        return [f"{year:04d}-{month:02d}" if month else f"{year:04d}"]
    if meaning == "month":
        return [f"{year:04d}-{month:02d}"]
    if meaning == "months":
        return _months(month, int(groups["year1"]) if groups.get("year1") else None,
                       MONTHS[groups["mon2"].lower()], year, published, future)
    if published is None:
        return []
    if meaning == "weekday":
        return [_weekday(groups["rel"].lower(), WEEKDAYS[groups["wd"].lower()], published, future).isoformat()]
    if meaning == "shift":
        return [(published + timedelta(days=_SHIFTS[groups["shift"].lower()])).isoformat()]
    if meaning == "bare_month" and month:
        y = published.year
        if not future and month > published.month:
            y -= 1
        elif future and month < published.month:
            y += 1
        return [f"{y:04d}-{month:02d}"]
    return []


def _months(first: int | None, first_year: int | None, last: int, year: int | None, published: date | None,
            future: bool) -> list[str]:
    """Both ends of a month range: the last month in its stated year (or the one publication and tense make
    it), the first in its own year or the last's (a year earlier when it comes later in the calendar:
    "de noviembre a febrero")."""
    if not first:
        return []
    if year is None and first_year is not None:  # "desde diciembre de 2019 hasta febrero"
        year = first_year if last >= first else first_year + 1
    if year is None:
        if published is None:
            return []
        year = published.year
        if not future and last > published.month:
            year -= 1
        elif future and last < published.month:
            year += 1
    start = first_year or (year - 1 if first > last else year)
    return [f"{start:04d}-{first:02d}", f"{year:04d}-{last:02d}"]


def _day(year: int | None, month: int | None, day: int, published: date | None, future: bool) -> str | None:
    """A day of a month, in the stated year or the one publication and tense make it."""
    if not month:
        return None
    if year is None:
        if published is None:
            return None
        year = published.year
        try:
            if not future and date(year, month, day) > published + timedelta(days=LATE_DAYS):
                year -= 1
            elif future and date(year, month, day) < published - timedelta(days=LATE_DAYS):
                year += 1
        except ValueError:
            return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _weekday(rel: str, weekday: int, published: date, future: bool) -> date:
    """The weekday meant: "próximo" or a future sentence, the next one; else the last on or before publication
    ("el pasado" never publication day itself)."""
    if "próximo" in rel or (future and "pasado" not in rel):
        ahead = (weekday - published.weekday()) % 7
        return published + timedelta(days=ahead if ahead or rel.startswith("est") else 7)
    back = (published.weekday() - weekday) % 7
    if back == 0 and "pasado" in rel:
        back = 7
    return published - timedelta(days=back)
