"""Spanish people, organisations and places without a parser: capitalised runs, typed by tables.

A run is capitalised words joined by "de", "del", "la", "las", "los" (and "y" inside a name that already has
"de": "Secretaría de Hacienda y Crédito Público"). A run is a place when the gazetteer has it (the desks' places,
ISO 3166 countries in Spanish and the subdivisions of Spanish-speaking countries: "Quintana Roo", "La
Libertad"); an organisation when it starts with an institution's word ("Ministerio", "Fiscalía") or is an
acronym or a known party ("Morena"); a person when it is two to five words and neither. A single unknown word
is a person only as the surname of a person named earlier; otherwise it is not typed at all, because a guess
("Morena — place") is worse than nothing.
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

import pycountry

from bot.desks import load_desks, subdivisions
from bot.extract.es.verbs import LEMMA
from bot.extract.given_names import is_given_name as census_given_name
from bot.extract.given_names import is_surname
from bot.extract.names import fold, name_key
from bot.extract.types import EntityCluster, Mention, Sentence

# Given names common in Spanish-language news that the census behind bot/extract/given_names.py lists below its
# currency threshold (it is a US table): "Marcelo Ebrard" was no person. Folded (lower case, no accents).
SPANISH_GIVEN = frozenset("""marcelo arnaldo guzmar alfonso adan anibal baltasar bernardo cayetano cesar ciro
    claudio crisanto delfina eleazar eliseo emiliano epigmenio evaristo faustino feliciano florencio gerardo
    gilberto gonzalo gumersindo heriberto hilario horacio ignacio jacinto jenaro leoncio lorenzo macario
    marcial maximiliano nicanor octavio porfirio rigoberto rodrigo salomon santiago silvano tiburcio ulises
    valentin vicente zacarias agustin alvaro benito cuauhtemoc efrain fidel gaspar higinio isidro lazaro
    mauricio nestor ovidio pablo ramiro reinaldo sebastian teodoro uriel wilfrido ximena yolanda zoe
    adriana beatriz consuelo dolores esperanza felipa graciela ines leticia marisol mercedes norma pilar
    rocio soledad tatiana veronica""".split())


def is_given_name(word: str) -> bool:
    """A given name, by the census or by the Spanish table (`word` folded, as the census takes it)."""
    return word in SPANISH_GIVEN or census_given_name(word)


_UPPER = "A-ZÁÉÍÓÚÑÜ"
_WORD = rf"[{_UPPER}][\wáéíóúñü'’.-]*[\wáéíóúñü]|[{_UPPER}]"
RUN = re.compile(rf"(?<![\w])(?:{_WORD})(?:\s+(?:(?:de|del|de\s+la|de\s+los|de\s+las|la|las|los|y)\s+)?(?:{_WORD}))*")
SPANISH_SPEAKING = "MX PE CO AR CL ES VE EC BO GT HN SV NI CR PA CU DO PY UY PR".split()
ORG_HEADS = frozenset(fold(w) for w in """Ministerio Secretaría Fiscalía Policía Congreso Gobierno Universidad
    Partido Comisión Instituto Banco Tribunal Corte Senado Cámara Consejo Organización Fuerzas Ejército Agencia
    Asociación Fundación Sindicato Movimiento Procuraduría Defensoría Contraloría Superintendencia Dirección
    Oficina Junta Asamblea Municipalidad Alcaldía Gobernación Jurado Registro Servicio Centro Hospital Empresa
    Grupo Coalición Frente Alianza Unión Federación Confederación Cruz Armada Marina Guardia Sala Juzgado
    Presidencia Vicepresidencia Cancillería Embajada Consulado Departamento Autoridad Administración Comité
    Protección Sistema Poder Institución Escuela Colegio Clínica Fuerza Cartel Cártel Clan Tren""".split())
FACILITY_HEADS = frozenset(fold(w) for w in """Plaza Calle Avenida Aeropuerto Puerto Estadio Museo Parque Puente
    Carretera Autopista Libramiento Penal Cárcel Palacio Catedral Iglesia Mercado Barrio Colonia Río Lago Volcán
    Cerro Playa Isla""".split())
THING_HEADS = frozenset(fold(w) for w in """Plan Programa Ley Proyecto Acuerdo Premio Festival Copa Torneo Mundial Día
    Semana Reforma Tratado Operación Feria Foro Cumbre Encuentro Conferencia Puerta Desarrollo Familias
    Estrategia Guía Informe Índice Barómetro Encuesta Censo Decreto Norma Código Constitución Cuarta Nueva
    Gran Primer Primera Segunda Segundo""".split())
PARTIES = frozenset(fold(w) for w in """Morena PRI PAN PRD Fuerza Popular Perú Libre Pacto Histórico Centro
    Democrático Podemos Vox PSOE Renovación Popular""".split("\n"))
KNOWN_ORGS = frozenset(fold(w) for w in ("Morena", "Fuerza Popular", "Perú Libre", "Pacto Histórico",
                                          "Centro Democrático", "Podemos", "Vox", "PSOE", "Renovación Popular"))
FUNCTION_WORDS = frozenset(fold(w) for w in """El La Los Las Un Una Unos Unas En Por Para Con Según Segun De Del
    Al A Este Esta Estos Estas Ese Esa Tras Ante Desde Sin Sobre Además Asimismo Sin embargo Pero Y O Que Cuando
    Como Durante Entre Hasta Hace Si No Ya Aunque Mientras Su Sus Lo Le Les Se Es Son Fue Hoy Ayer Allí Aquí
    También Incluso Luego Después Antes Así Otro Otra Cada Todo Todos Toda Dicho Dicha Señor Señora Sr Sra Don
    Doña Dr Dra""".split())
NOT_NAMES = frozenset(fold(w) for w in """Covid COVID-19 Covid-19 Gobierno Estado Presidente Ministro Lunes Martes
    Miércoles Jueves Viernes Sábado Domingo Enero Febrero Marzo Abril Mayo Junio Julio Agosto Septiembre
    Setiembre Octubre Noviembre Diciembre""".split())
MAX_PERSON_WORDS = 5


@lru_cache(maxsize=1)
def gazetteer() -> frozenset[str]:
    """Folded place names: the desks' places, countries in Spanish and English, and the subdivisions of the
    Spanish-speaking countries (with their short forms: "Coahuila" for "Coahuila de Zaragoza")."""
    spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"], fallback=True)
    names: set[str] = set()
    for desk in load_desks().values():
        names.update(desk.places)
    for country in pycountry.countries:
        names.update({country.name, spanish.gettext(country.name), getattr(country, "common_name", country.name)})
    for code in SPANISH_SPEAKING:
        names.update(subdivisions(code))
    names.update({"Estados Unidos", "EE.UU.", "EEUU", "Latinoamérica", "América Latina", "Europa", "Bogotá",
                  "Ciudad de México", "CDMX", "Nueva York", "Washington", "Madrid", "Barranquilla", "Medellín", "Cali"})
    return frozenset(fold(n) for n in names if n)


def entity_type(run: str, portfolio: bool = False) -> str | None:
    """PLACE ("GPE"), "ORG" or "PERSON" by the tables; None for a run the tables cannot type."""
    key = fold(run)
    if portfolio:
        return "ORG"
    words = run.split()
    if key in gazetteer():
        return "GPE"
    head = fold(words[0])
    if key in KNOWN_ORGS or head in ORG_HEADS or re.fullmatch(r"[A-ZÁÉÍÓÚÑ]{2,8}", words[0]):
        return "ORG"  # "Fiscalía de Coahuila", "CNN Español", "INE"
    if head in FACILITY_HEADS:
        return "FAC"
    if head in THING_HEADS:
        return None  # a programme, a law, an event: named, but nobody and nowhere
    capitals = [w for w in words if w[0].isupper()]
    if 2 <= len(capitals) <= MAX_PERSON_WORDS and not any(fold(w) in NOT_NAMES for w in capitals):
        if is_given_name(fold(capitals[0])) or any(is_surname(w) for w in capitals[-2:]):
            return "PERSON"  # "Puerta Violeta", "Protección Civil", "Poder Judicial" carry no person's name
    return None


def runs(sentence: Sentence) -> list[tuple[int, str, bool]]:
    """The capitalised runs of a sentence, each with its offset in the article, sentence-initial function
    words dropped ("Según Nature" is "Nature"), "y" kept only inside a run that has a "de"."""
    found = []
    for m in RUN.finditer(sentence.text):
        kept = [w for w in re.finditer(r"\S+", m.group(0))
                if fold(w.group(0)) not in FUNCTION_WORDS and w.group(0).lower() not in LEMMA]
        if not kept:
            continue
        start, end = m.start() + kept[0].start(), m.start() + kept[-1].end()
        text = sentence.text[start:end]  # nor a function word that ends it ("Marcelo Ebrard Esta semana …")
        if fold(text.split()[0]) in ("de", "del", "la", "las", "los", "y"):
            continue
        if _masked(sentence.text, start, end):
            continue
        text = _person_after_de(text)
        start = end - len(text)
        portfolio = bool(PORTFOLIO.search(sentence.text[:start]))
        for part in _split_at_y(text, portfolio):
            offset = sentence.text.index(part, start)
            found.append((sentence.start + offset, part.rstrip("."), portfolio and offset == start))
    return found


def _masked(text: str, start: int, end: int) -> bool:
    """A word in capitals between asterisks is a placeholder an archive put for what it masked ("*NUMBER*",
    "*NOMBRE*"), not a name."""
    return text[start - 1: start] == "*" and text[end: end + 1] == "*" and text[start:end].isupper()


def _person_after_de(run: str) -> str:
    """A headline's capitalised noun is not part of the name after its "de": "Recetas de Bill Gates" names Bill
    Gates. Only a one-word head that is neither a given name ("María de Jesús") nor an institution or place
    ("Universidad de San Marcos") gives way, and only to a given name with a surname after it."""
    head, sep, tail = run.partition(" de ")
    words = tail.split()
    if (sep and " " not in head and len(words) >= 2 and is_given_name(fold(words[0]))
            and not is_given_name(fold(head)) and fold(head) not in ORG_HEADS | FACILITY_HEADS
            and fold(run) not in gazetteer()):
        return tail
    return run


# "el secretario de Hacienda y Crédito Público": what follows an office and "de" is a portfolio (an organisation)
PORTFOLIO = re.compile(r"\b(?:ministr|secretari|subsecretari|viceministr|director|titular|jef|consejer|comisionad)"
                       r"[oa]s?\s+(?:\w+\s+)?(?:de|del|de\s+la)\s+$", re.IGNORECASE)


def _split_at_y(run: str, portfolio: bool) -> list[str]:
    """A run cut at " y ", unless it is an institution or a portfolio and no given name follows the "y"
    ("Hacienda y Crédito Público" is one; "Fiscalía de Coahuila y Pablo Iglesias" is two)."""
    parts = re.split(r"\s+y\s+", run)
    if len(parts) == 1:
        return [run]
    institution = portfolio or fold(run.split()[0]) in ORG_HEADS
    if institution and not any(is_given_name(fold(p.split()[0])) for p in parts[1:]):
        return [run]
    return parts


def _given_names_of(short: str, full: str) -> bool:
    """`short` is the given names `full` opens with ("Andrés Manuel" of "Andrés Manuel López Obrador"): the
    same person, called by given names only. Keys as `name_key` makes them."""
    words = short.split()
    return (len(words) >= 2 and full.startswith(short + " ") and all(is_given_name(fold(w)) for w in words))


def spanish_entities(sentences: list[Sentence]) -> list[EntityCluster]:
    """The article's typed entities, a surname or a shorter form joining the person it belongs to."""
    clusters: dict[str, EntityCluster] = {}
    for sentence in sentences:
        if sentence.kind == "furniture":
            continue
        for start, text, portfolio in runs(sentence):
            cluster = _cluster_for(text, clusters, portfolio)
            if cluster is None:
                continue
            cluster.aliases.add(text)
            cluster.mentions.append(Mention(text, start, start + len(text), sentence.idx))
    return list(clusters.values())


def _cluster_for(text: str, clusters: dict[str, EntityCluster], portfolio: bool = False) -> EntityCluster | None:
    """The cluster a run names: an earlier entity it is part of (a person's surname, "López Obrador"), else a
    new one when the tables type it."""
    key = name_key(text)
    if key in clusters:
        return clusters[key]
    for cluster in clusters.values():
        if cluster.type == "PERSON" and ((" " + name_key(cluster.name)).endswith(" " + key)
                                         or _given_names_of(key, name_key(cluster.name))):
            return cluster
    kind = entity_type(text, portfolio)
    if kind is None:
        return None
    for cluster in list(clusters.values()):  # a fuller name for an earlier short form: it takes the longer name
        if kind == "PERSON" == cluster.type and ((" " + key).endswith(" " + name_key(cluster.name))
                                                 or _given_names_of(name_key(cluster.name), key)):
            del clusters[name_key(cluster.name)]
            cluster.name = text
            clusters[key] = cluster
            return cluster
    clusters[key] = EntityCluster(text, kind)
    return clusters[key]
