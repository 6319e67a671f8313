"""Spanish reporting verbs: each lemma with the forms news writes ("dijo", "ha dicho"), for quotes and for
telling a headline's opening verb ("Señala Ricardo Gallardo …") from a name."""

from __future__ import annotations

import re

# lemma -> its simple forms as news writes them (preterite, present, their plurals); one word each
VERBS = {
    "decir": "dijo dice dijeron dicen",
    "afirmar": "afirmó afirma afirmaron afirman",
    "señalar": "señaló señala señalaron señalan",
    "asegurar": "aseguró asegura aseguraron aseguran",
    "sostener": "sostuvo sostiene sostuvieron sostienen",
    "advertir": "advirtió advierte advirtieron advierten",
    "negar": "negó niega negaron niegan",
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
    "exponer": "expuso expone expusieron",
}
IRREGULAR_PARTICIPLES = {"decir": "dicho", "escribir": "escrito", "soltar": "soltado", "sostener": "sostenido",
                         "advertir": "advertido", "reconocer": "reconocido", "concluir": "concluido",
                         "exponer": "expuesto"}
# the compound tenses: "ha dicho", "había aseverado", "han negado" (an auxiliary alone is no reporting verb)
AUXILIARIES = "ha han había habían habría".split()


def participle(lemma: str) -> str:
    """The past participle news writes after "ha" / "había": "afirmado", "dicho"."""
    if lemma in IRREGULAR_PARTICIPLES:
        return IRREGULAR_PARTICIPLES[lemma]
    return lemma[:-2] + ("ado" if lemma.endswith("ar") else "ido")


LEMMA = {form: lemma for lemma, forms in VERBS.items() for form in forms.split()}
LEMMA |= {f"{aux} {participle(lemma)}": lemma for lemma in VERBS for aux in AUXILIARIES}
# forms whose subject is plural: "aseguraron", "dicen", "han negado" (a single name is not their subject)
PLURAL = frozenset(form for form in LEMMA if form.split()[0] in ("han", "habían") or re.search(r"(?:ron|[ae]n)$", form))
