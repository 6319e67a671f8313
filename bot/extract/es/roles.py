"""Spanish roles: "el ministro del Interior, Juan Pérez", "la fiscal Ana Ruiz", "Tatiana Clouthier, secretaria
de Economía," and "dijo la directora de la institución, Rochelle Walensky".

A role starts with an office from the table (ministro, fiscal, presidenta ...), may carry a complement of
lower-case joiners and capitalised words ("del Interior", "de la Nación") and is followed by a person's name
(comma or not); or it follows a name between commas. Only a name the entity tables type as a person gets a role.
"""

from __future__ import annotations

import re

from bot.extract.es.entities import RUN
from bot.extract.rules import Rule, alternatives, scan
from bot.extract.types import ArticleContext, EntityCluster, Role

_STEMS = """ministr secretari subsecretari viceministr president vicepresident director subdirector fiscal alcald
    gobernador embajador juez jueza jef vocer portavoz comandante general coronel capitán diputad senador congresista
    concejal abogad profesor canciller premier titular coordinador líder dirigente investigador expert analista
    periodista procurador defensor gerente consejer asesor rector decan magistrad comisionad superintendente
    director gobernador candidat alcaldesa presidenta gerenta delegad representante funcionari activista economista
    epidemiólog médic doctor licenciad ingenier arquitect obispo empresari fundador cofundador""".split()
_OFFICE = rf"(?P<office>(?:{alternatives(_STEMS)})(?:[oa]s?|es|a|e)?)"
_UPPER = "A-ZÁÉÍÓÚÑÜ"
_CAP = rf"[{_UPPER}][\wáéíóúñü.-]*"
_ADJECTIVES = (r"honorari[oa]|designad[oa]|general|municipal|emérit[oa]|portavoz|adjunt[oa]|nacional|regional"
               r"|estatal|segund[oa]|primer[oa]|interin[oa]|encargad[oa]|saliente|electo|electa")
_COMPLEMENT = (rf"(?:\s+(?:(?:de|del|en|para)\s+(?:(?:la|el|los|las)\s+)?(?:{_CAP}(?:\s+(?:y\s+)?{_CAP})*"
               rf"|institución|policía|república|nación|salud|economía)|{_ADJECTIVES}|\([A-Z]+\)))*")
# a speaker known by office alone: "el ministro del Interior", "la fiscal" (no "en Lima": where it spoke, not who)
_SPEAKER_COMPLEMENT = (rf"(?:\s+(?:(?:de|del)\s+(?:(?:la|el|los|las)\s+)?(?:{_CAP}(?:\s+(?:y\s+)?{_CAP})*"
                       rf"|institución|policía|república|nación|salud|economía)|{_ADJECTIVES}|\([A-Z]+\)))*")
OFFICE_PHRASE = rf"(?:(?i:el|la|los|las)\s+(?:actual\s+|nuev[oa]\s+)?{_OFFICE}\b{_SPEAKER_COMPLEMENT})"
_NAME = rf"(?P<name>[{_UPPER}][\wáéíóúñü'-]+(?:\s+(?:(?:de|del|de\s+la|la)\s+)?[{_UPPER}][\wáéíóúñü'-]+){{1,4}})"
# a past office: "el expresidente", "la ex ministra", "el ex-alcalde" (kept, and written "ex presidente")
_EX = r"(?P<ex>(?i:ex)(?:-|\s+)?)?"
TABLE = [
    Rule(re.compile(rf"\b(?i:el|la|del|al|los|las)\s+(?:todavía\s+|actual\s+|nuev[oa]\s+)?(?P<role>{_EX}{_OFFICE}\b"
                    rf"{_COMPLEMENT}),?\s+{_NAME}"), "role-name"),
    Rule(re.compile(rf"{_NAME},\s+(?P<role>{_EX}{_OFFICE}\b{_COMPLEMENT}),", re.UNICODE), "name-role"),
]


def spanish_roles(ctx: ArticleContext) -> list[Role]:
    """Every person-role pair the table finds, each person named as the article's entity."""
    roles = []
    for sent in ctx.sentences:
        if sent.kind == "furniture":
            continue
        for _rule, m in scan(sent.text, TABLE):
            name = _person(m.group("name"), ctx)
            role = " ".join(m.group("role").split()).rstrip(",")
            if m.group("ex"):  # one way of writing a past office, whichever the text used
                role = "ex " + re.sub(r"^(?i:ex)[-\s]*", "", role)
            if name and role[0].islower():
                roles.append(Role(name, role, sent.idx))
    return roles


def _person(text: str, ctx: ArticleContext) -> str | None:
    """The person a name in a role pattern is: the article's entity when it has one, else the name itself when it
    reads as a person's (two or more capitalised words)."""
    name = RUN.match(text)
    name_text = name.group(0) if name else text
    found: EntityCluster | None = ctx.resolve(name_text)
    if found is not None:
        return found.name if found.type == "PERSON" else None
    return name_text if len(name_text.split()) >= 2 else None
