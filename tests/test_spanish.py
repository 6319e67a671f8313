"""Spanish articles are analysed as Spanish: their language is detected (or stated) at ingest, they are parsed by
the Spanish pipeline and answered verbatim with Spanish dates, figures, quotes, roles, places and topics; a
language the archive cannot analyse is stored and listed as not analysed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answer.engine import ask
from bot.extract.es.figures import number_value
from bot.ingest.service import ingest

EXTORSION = {
    "title": "La extorsión golpea a los transportistas de Trujillo",
    "url": "https://example.pe/extorsion-trujillo", "date": "2025-10-16", "source": "Diario de prueba",
    "content": (
        "La Policía Nacional detuvo el pasado martes a cuatro presuntos extorsionadores en Trujillo, en la región "
        "La Libertad. Según la Policía Nacional, la banda cobraba cupos a 120 empresas de transporte.\n\n"
        "El ministro del Interior, Carlos Malaver, afirmó que las denuncias por extorsión subieron a 18.385 casos "
        "entre enero y setiembre, un 25,3 por ciento más que el año anterior. El 40 por ciento de las víctimas "
        "son transportistas.\n\n"
        "“No vamos a permitir que el miedo gobierne nuestras calles”, dijo Malaver en conferencia de prensa. "
        "“Los extorsionadores tienen los días contados”, agregó.\n\n"
        "El alcalde de Trujillo, Mario Reyna, se negó a declarar sobre los pagos de las empresas municipales. "
        "La banda operaba desde hace dos años en tres distritos, informó el jefe policial de la región, Luis Flores."
        "\n\n"
        "La fiscal Ana Ruiz negó que la fiscalía haya liberado a los detenidos el 3 de octubre de 2025. "
        "Las víctimas pagaron más de S/ 1,2 millones a la banda, según la fiscalía de La Libertad."
    ),
}
ENGLISH = {
    "title": "Police arrest extortion suspects in Lima", "url": "https://example.org/lima-arrests",
    "date": "2025-10-16",
    "content": "Police in Lima arrested four people accused of extorting bus drivers on Tuesday, officials said. "
               "The suspects had demanded weekly payments from more than 120 drivers across the capital.",
}

MEXICO = {
    "title": "Morena gana la gubernatura en disputa", "url": "https://example.mx/morena-gubernatura",
    "date": "2025-06-02",
    "content": (
        "Morena ganó la elección en San Luis Potosí y en Nayarit, según el conteo rápido del instituto electoral. "
        "La presidenta del partido, Luisa Alcalde, celebró el resultado en San Luis Potosí.\n\n"
        "En Quintana Roo la participación fue de 41,5 por ciento, y en San Luis Potosí de 44 por ciento.\n\n"
        "Protección Civil y la Secretaría de Hacienda y Crédito Público vigilaron la jornada en la Plaza de los "
        "Fundadores.\n\n"
        "Te recomendamos: Así se vivió la jornada electoral en el norte del país Así también, los observadores de "
        "la misión internacional dijeron que la jornada transcurrió sin incidentes graves en los distritos del norte "
        "y que las casillas abrieron a tiempo en casi todos los municipios de los dos estados en disputa.\n\n"
        "Los senadores de Morena aseguraron que llevarán las propuestas de reforma ante la Cámara Alta."
    ),
}


def write_jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def spanish_db(empty_db, tmp_path):
    report = ingest(empty_db, [str(write_jsonl(tmp_path / "es.jsonl", EXTORSION, ENGLISH))])
    assert report.ok and len(report.added) == 2  # ok: no extractor failed either
    return empty_db


def languages(db) -> dict[str, str]:
    return {row[0]: row[1] for row in db.execute("SELECT title, language FROM articles")}


def test_the_language_is_detected_at_ingest(spanish_db) -> None:
    assert languages(spanish_db) == {EXTORSION["title"]: "es", ENGLISH["title"]: "en"}


def test_a_page_declaring_spanish_is_spanish(empty_db, tmp_path) -> None:
    words = " ".join(["Lima Callao Trujillo Piura"] * 10)  # names only: the text alone says no language
    page = tmp_path / "pagina.html"
    page.write_text(f'<html lang="es-PE"><head><title>Lima</title></head><body><article><p>{words}</p>'
                    "</article></body></html>", encoding="utf-8")
    assert ingest(empty_db, [str(page)]).ok
    assert list(languages(empty_db).values()) == ["es"]


def test_the_command_line_language_wins(empty_db, tmp_path) -> None:
    path = write_jsonl(tmp_path / "en.jsonl", ENGLISH)
    assert ingest(empty_db, [str(path)], language="es").ok
    assert list(languages(empty_db).values()) == ["es"]


def test_a_language_not_analysed_is_stored_and_said(empty_db, tmp_path) -> None:
    record = {**ENGLISH, "title": "Article en français", "url": "https://example.fr/a", "language": "fr-FR"}
    report = ingest(empty_db, [str(write_jsonl(tmp_path / "fr.jsonl", record))])
    assert report.ok and "1 stored but not analysed (language fr)" in report.summary()
    assert list(languages(empty_db).values()) == ["fr"]
    assert empty_db.execute("SELECT COUNT(*) FROM facts").fetchone()[0] == 0  # nothing read with wrong rules
    assert empty_db.execute("SELECT COUNT(*) FROM extract_errors").fetchone()[0] == 0
    latest = ask(empty_db, "/news latest")
    assert latest.items[0]["language"] == "fr" and "Article en français" in latest.text
    assert "fr, not analysed" in latest.text
    assert "fr, not analysed" in ask(empty_db, '/news search "bus drivers"').text  # found by its words


def test_spanish_quotes_keep_speaker_and_verb(spanish_db) -> None:
    answer = ask(spanish_db, "/peru quotes", limit=20)
    by_quote = {item["quote"]: item for item in answer.items}
    direct = by_quote["No vamos a permitir que el miedo gobierne nuestras calles"]
    assert direct["speaker"] == "Carlos Malaver"
    denial = next(item for item in answer.items if "liberado" in item["quote"])
    assert denial["speaker"] == "Ana Ruiz" and denial["verb"] == "negó"


def test_spanish_quote_lines_read_as_written(spanish_db) -> None:
    """A subjectless "agregó" right after Malaver's quote is his; a refusal ("se negó a") is no quote; a
    denial keeps "negó que"; the minister in "el ministro del Interior, Carlos Malaver, afirmó" is Malaver."""
    answer = ask(spanish_db, "/peru quotes", limit=20)
    by_quote = {item["quote"]: item for item in answer.items}
    assert by_quote["Los extorsionadores tienen los días contados"]["speaker"] == "Carlos Malaver"
    assert not [item for item in answer.items if "Reyna" in str(item["speaker"]) or "declarar" in item["quote"]]
    assert {item["speaker"] for item in answer.items if "18.385" in item["quote"]} == {"Carlos Malaver"}
    assert "Ana Ruiz (fiscal) negó que la fiscalía haya liberado" in answer.text
    assert "According to Policía Nacional, la banda cobraba cupos" in answer.text
    assert "informó: La banda operaba desde hace dos años" in answer.text  # "…, informó X" shows X first
    assert {item["speaker"] for item in answer.items if "operaba" in item["quote"]} == {"Luis Flores"}


def test_spanish_dates_reach_the_timeline(spanish_db) -> None:
    dates = {item["date"] for item in ask(spanish_db, "/peru timeline", limit=20).items}
    assert {"2025-10-14", "2025-10-03"} <= dates  # "el pasado martes" before a Thursday; "3 de octubre de 2025"


def test_spanish_figures_are_read_as_written(spanish_db) -> None:
    answer = ask(spanish_db, "/peru facts", limit=30)
    values = {item["value"] for item in answer.items}
    assert {18385, 25.3, 1_200_000} <= values
    assert "40 por ciento" in answer.text and "por ciento%" not in answer.text  # "por ciento" says the unit


@pytest.mark.parametrize(("text", "value"), [
    ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("156 mil 136", 156136), ("3 millones", 3e6),
    ("mil millones", None), ("19,7 billones", 19.7e12), ("6,251 millones", 6.251e9), ("6.5 millones", 6.5e6),
])
def test_spanish_numbers(text: str, value: float | None) -> None:
    assert number_value(text) == value


def test_who_knows_spanish_roles_and_places(spanish_db) -> None:
    who = ask(spanish_db, "/peru who Malaver", limit=5).items[0]
    assert who["name"] == "Carlos Malaver" and who["type"] == "PERSON"
    assert any("ministro del Interior" in role for role in who["roles"])
    assert "La Libertad" not in {item["name"] for item in ask(spanish_db, "/peru who La Libertad").items
                                 if item["type"] == "PERSON"}


def test_spanish_topic_words_find_spanish_coverage(spanish_db) -> None:
    """"delincuencia" is the crime topic (the article never says it), which includes extortion ("extorsionadores")."""
    titles = {s.title for s in ask(spanish_db, "/peru delincuencia summary").sources}
    assert EXTORSION["title"] in titles


def test_a_mexican_state_is_a_place_and_the_story_is_on_the_mexico_desk(empty_db, tmp_path) -> None:
    """San Luis Potosí and Nayarit are not in desks.toml: the desk covers its country's ISO 3166-2 states.
    "Morena" is a party, never a place; "Quintana Roo" is a place, never a person."""
    assert ingest(empty_db, [str(write_jsonl(tmp_path / "mx.jsonl", MEXICO))]).ok
    assert MEXICO["title"] in {s.title for s in ask(empty_db, "/mexico latest").sources}
    types = dict(empty_db.execute("SELECT name, type FROM entities").fetchall())
    assert types["Morena"] == "ORG" and types["Quintana Roo"] == "GPE" and types["San Luis Potosí"] == "GPE"
    assert types["Luisa Alcalde"] == "PERSON"
    assert types["Protección Civil"] == "ORG" and types["Secretaría de Hacienda y Crédito Público"] == "ORG"
    assert types.get("Plaza de los Fundadores") != "PERSON"
    assert not empty_db.execute("SELECT extractor, message FROM extract_errors").fetchall()
    quotes = ask(empty_db, "/mexico quotes", limit=20)
    assert "Morena" not in {item["speaker"] for item in quotes.items}  # the senators spoke, not the party
    assert "Te recomendamos" not in ask(empty_db, "/mexico search jornada").text  # a Spanish site's furniture


def test_spanish_terms_match_spanish_articles_only() -> None:
    """`terms_es` widen Spanish coverage without changing what an English article is about."""
    from bot.topics import lexicon

    sentence = "La delincuencia creció y la Guardia Nacional patrulla las calles."
    assert {"crime", "police"} <= set(lexicon().sentence_topics(sentence, "es"))
    assert not {"crime", "police"} & set(lexicon().sentence_topics(sentence, "en"))


def test_a_spanish_page_added_by_link_is_answered(empty_db, web, allow_loopback) -> None:
    """`/peru add <url>`: a page marked `<html lang="es">` is stored as Spanish and its figures read as Spanish."""
    from webserver import Page

    from bot.ingest.service import add_url

    paragraphs = "".join(f"<p>{p}</p>" for p in EXTORSION["content"].split("\n\n"))
    web.pages["/nota.html"] = Page(f'<html lang="es"><head><title>{EXTORSION["title"]}</title></head><body>'
                                   f"<article><h1>{EXTORSION['title']}</h1>{paragraphs}</article></body></html>")
    result = add_url(empty_db, web.url("/nota.html"))
    assert result.ok and list(languages(empty_db).values()) == ["es"]
    assert "18.385" in " ".join(result.figures) and "Carlos Malaver" in result.people


@pytest.mark.parametrize(("sentence", "person"), [
    ("Recetas de Bill Gates para salir de la pandemia, según el informe.", "Bill Gates"),
    ("Francisco García Cabeza de Vaca visitó la Universidad de San Marcos.", "Francisco García Cabeza de Vaca"),
    ("La ministra de Salud, Carla Vizzotti, habló con Andrés Manuel López Obrador.", "Andrés Manuel López Obrador"),
    ("El canciller, Marcelo Ebrard, habló en Nueva York.", "Marcelo Ebrard"),  # a given name the census rarely has
    ("Lo anunció Marcelo Ebrard Esta semana en Washington.", "Marcelo Ebrard"),  # not "Marcelo Ebrard Esta"
])
def test_spanish_people_are_named_whole(sentence: str, person: str) -> None:
    """A headline's noun before "de" is not part of the name after it; a surname with "de" is."""
    from bot.extract.es.entities import spanish_entities
    from bot.extract.types import Sentence

    people = {c.name for c in spanish_entities([Sentence(0, sentence, 0, len(sentence))]) if c.type == "PERSON"}
    assert person in people and not any(person in p and p != person for p in people)


def test_a_speaker_with_two_given_names_keeps_both() -> None:
    """"Andrés Manuel López Obrador" is not cut to "Manuel López Obrador"; a recipient before a name is dropped."""
    from bot.extract.es.entities import spanish_entities
    from bot.extract.es.quotes import spanish_quotes
    from bot.extract.types import ArticleContext, Sentence

    for text, speaker in [
        ("El presidente Andrés Manuel López Obrador aseguró que las autoridades ya atienden el caso.",
         "Andrés Manuel López Obrador"),
        ("“La ciudad está tranquila”, declaró al Financial Times Carl Tahyer, profesor emérito.", "Carl Tahyer"),
    ]:
        sentences = [Sentence(0, text, 0, len(text))]
        quotes = spanish_quotes(ArticleContext(None, sentences, spanish_entities(sentences)))
        assert [q.speaker for q in quotes] == [speaker]


def test_a_number_that_names_a_thing_is_no_figure() -> None:
    """"la ruta 20", "la carretera 57" name a route and a road; "50 migrantes" is a figure."""
    from bot.extract.es.figures import spanish_figures
    from bot.extract.types import ArticleContext, Sentence

    text = "Secuestraron a 50 migrantes de la ruta 20 en la carretera 57, según el artículo 19 del informe."
    stats = spanish_figures(ArticleContext(None, [Sentence(0, text, 0, len(text))], []))
    assert [(s.value, s.unit) for s in stats] == [(50, "migrantes")]


def test_an_article_is_no_measure() -> None:
    """"un 45% las muertes": what is counted is never "las"."""
    from bot.extract.es.figures import spanish_figures
    from bot.extract.types import ArticleContext, Sentence

    text = "El suero reduce en un 45% las muertes por COVID-19."
    assert [(s.value, s.unit, s.measure) for s in spanish_figures(
        ArticleContext(None, [Sentence(0, text, 0, len(text))], []))] == [(45, "%", "")]


def test_a_spanish_article_reaches_a_crime_digest(empty_db, tmp_path) -> None:
    """A /peru crime subscriber's digest lists the Spanish extortion story (crime includes extortion, which
    "extorsionadores" is about), shown in its own words; the English desk's digest is not translated."""
    from datetime import UTC, datetime

    from bot.subscriptions import service
    from bot.subscriptions.deliver import run_digests

    assert ingest(empty_db, [str(write_jsonl(tmp_path / "en.jsonl", ENGLISH))]).ok  # the backlog before it
    service.add(empty_db, service.Request(desk="peru", topics="crimen"), channel="C0PERU")
    assert ingest(empty_db, [str(write_jsonl(tmp_path / "es.jsonl", EXTORSION))]).ok
    [result] = run_digests(empty_db, None, datetime.now(UTC), dry_run=True)
    assert result.status == "dry run" and EXTORSION["title"] in result.text, result.text


ARREST = {
    "title": "Cae una banda de ladrones en Arequipa", "url": "https://example.pe/banda-arequipa",
    "date": "2025-10-16", "source": "Diario de prueba", "language": "es",
    "content": (
        "La Policía de Arequipa informó el lunes que la banda fue desarticulada el 3 de octubre en Cerro "
        "Colorado.\n\n"
        "Los robos a viviendas crecieron entre marzo y mayo de 2025 en la ciudad de Arequipa.\n\n"
        "Las denuncias bajaron de noviembre a febrero, tras el refuerzo del patrullaje en Arequipa.\n\n"
        "Según un informe de agosto de 2025, Arequipa registra cuarenta denuncias por semana."
    ),
}


def test_a_spanish_timeline_orders_events_like_an_english_one(tmp_path) -> None:
    """Through `newsbot ask --json`: a sentence is dated by its own event, not by the day it was reported
    ("informó el lunes que … el 3 de octubre"); a month range gives its first month, the year of a range
    without one read back from publication ("de noviembre a febrero" in October: 2024-11); a report's own
    date ("según un informe de agosto de 2025") dates no event."""
    from test_follow_e2e import newsbot

    db = tmp_path / "desk.db"
    assert newsbot(db, "ingest", str(write_jsonl(tmp_path / "es.jsonl", ARREST))).returncode == 0
    run = newsbot(db, "ask", "/peru timeline", "--json", "--limit", "10")
    assert run.returncode == 0, run.stderr
    items = [(item["date"], item["text"][:20]) for item in json.loads(run.stdout)["items"]]
    assert items == [("2024-11", "Las denuncias bajaro"), ("2025-03", "Los robos a vivienda"),
                     ("2025-10-03", "La Policía de Arequi")]


INQUIRY = {
    "title": "La fiscalía investiga una red de extorsión en Piura", "url": "https://example.pe/red-piura",
    "date": "2025-10-16", "source": "Diario de prueba", "language": "es",
    "content": (
        "“Esta red cobraba cupos a los mototaxistas de toda la ciudad”, dijo el fiscal Jorge Salas, quien dirige la "
        "investigación desde marzo.\n\n"
        "“No habrá impunidad para los extorsionadores”, afirmó el ministro del Interior, quien visitó Piura el "
        "lunes.\n\n"
        "La fiscal adjunta que lleva el caso, Rosa Campos, dijo que la banda tenía al menos doce integrantes.\n\n"
        "El juez que revisa el expediente dijo que los detenidos seguirán en prisión preventiva.\n\n"
        "El alcalde de Piura aseguró que la municipalidad reforzará el patrullaje en los mercados."
    ),
}


def test_spanish_speakers_in_relative_clauses_and_by_office_alone(tmp_path) -> None:
    """Through `newsbot ask --json`: a name after its office without a comma and before a relative clause
    ("dijo el fiscal Jorge Salas, quien …") speaks; so does a name set off after an office and its clause ("La
    fiscal adjunta que lleva el caso, Rosa Campos, dijo que"); an office with no name ("afirmó el ministro del
    Interior", "El juez que revisa el expediente dijo que", "El alcalde de Piura aseguró que") is the speaker as
    written, as English keeps "the interior minister": nobody is guessed to hold it."""
    from test_follow_e2e import newsbot

    db = tmp_path / "desk.db"
    assert newsbot(db, "ingest", str(write_jsonl(tmp_path / "es.jsonl", INQUIRY))).returncode == 0
    run = newsbot(db, "ask", "/peru quotes", "--json", "--limit", "10")
    assert run.returncode == 0, run.stderr
    said = {item["quote"][:25]: item["speaker"] for item in json.loads(run.stdout)["items"]}
    assert said == {"Esta red cobraba cupos a ": "Jorge Salas", "No habrá impunidad para l": "el ministro del Interior",
                    "que la banda tenía al men": "Rosa Campos", "que los detenidos seguirá": "El juez",
                    "que la municipalidad refo": "El alcalde de Piura"}


STATE = {
    "title": "Guanajuato registra 3 mil 200 homicidios en 2023", "url": "https://example.mx/guanajuato-2023",
    "date": "2024-01-10", "source": "Diario de prueba", "language": "es",
    "content": (
        "Guanajuato registró 3 mil 200 homicidios durante 2023, informó el Secretariado Ejecutivo del Sistema "
        "Nacional de Seguridad Pública.\n\n"
        "Su gobernador anunció el lunes un plan con 500 nuevos policías para las ciudades de Guanajuato.\n\n"
        "En conferencia de prensa, informó que el plan costará 800 millones de pesos al estado de Guanajuato.\n\n"
        "Ese fue el tercer año con más de 3 mil homicidios en el estado de Guanajuato."
    ),
}


def test_a_spanish_sentence_that_does_not_stand_alone_is_not_shown(tmp_path) -> None:
    """Through `newsbot ask --json`: 'Su gobernador …' (whose?), 'En conferencia de prensa, informó que …' (who?)
    and 'Ese fue …' (which?) are not answer lines: not in the summary, their figures not facts, their dates not on
    the timeline; the sentence that names its subject is."""
    from test_follow_e2e import newsbot

    db = tmp_path / "desk.db"
    assert newsbot(db, "ingest", str(write_jsonl(tmp_path / "es.jsonl", STATE))).returncode == 0
    answers = {}
    for action in ("summary", "facts", "timeline"):
        run = newsbot(db, "ask", f"/mexico {action}", "--json", "--limit", "10")
        assert run.returncode == 0, run.stderr
        answers[action] = json.loads(run.stdout)["items"]
    assert [item["text"][:25] for item in answers["summary"]] == ["Guanajuato registró 3 mil"]
    assert {item["value"] for item in answers["facts"]} == {3200}  # the headline's and the first sentence's
    assert {item["date"] for item in answers["timeline"]} == {"2023"}


@pytest.mark.parametrize(("sentence", "alone"), [
    ("Pero al mismo tiempo les habló a los vecinos del distrito sobre la seguridad.", False),  # no subject
    ("En conferencia de prensa, informó que hay otras dos personas implicadas.", False),
    ("Este miércoles su Gobierno presentó un plan contra la extorsión.", False),  # whose government?
    ("Sus comentarios llegaron después de la reunión con los transportistas.", False),
    ("Ese fue el peor año para los comerciantes del mercado.", False),  # which?
    ("A través de esa junta, los vecinos pidieron más patrullaje.", False),
    ("Al respecto, el director dijo que la medida se aplicará pronto.", False),
    ("El funcionario manifestó que ayer hubo un rescate en la frontera.", False),  # which official?
    ("Lee: Detienen a cuatro extorsionadores en Trujillo", False),  # a read-more link
    ("P. ¿Qué pasará con los transportistas de Lima?", False),  # an interview's question
    ("Nuestro país necesita más policías en las calles.", False),  # first person
    ("La policía informó que cuatro personas fueron detenidas en Lima.", True),
    ("Informó la Secretaría de Salud que hay treinta casos nuevos.", True),  # the subject after the verb
    ("Por su parte, la alcaldesa Rosa Campos anunció más patrullaje.", True),
    ("El ministro y su equipo viajaron a Piura el lunes.", True),
    ("Este lunes, la Policía Nacional detuvo a cuatro presuntos extorsionadores.", True),
    ("Este 2025 será un año difícil para los transportistas.", True),
    ("El plan de seguridad del gobierno incluye tres mil policías.", True),  # says which plan
    ("Sin embargo, el exterior de la terminal se convirtió en un caos por los retrasos.", False),  # however what?
    ("Luego, la prueba estuvo disponible para los médicos de la ciudad.", False),  # after what?
    ("La alcaldesa también anunció más patrullaje en los mercados de Surco.", False),  # as well as what?
    ("El martes, la imagen fue inédita en la sede del gobierno regional.", False),  # which scene?
    ("Según los registros de la Contraloría en Lima, este rubro aumentó 19 veces desde 1992.", False),  # which item?
    ("Además de cerrar los albergues del norte, ha introducido nuevos trámites para los migrantes.", False),  # who?
    ("Mucho pueden ganar nuestros pueblos con una relación de diálogo abierto.", False),  # first person, not first
    ("“La banda operaba en tres distritos de la ciudad desde hace dos años”, dijo.", False),  # said by whom?
    ("“En todos los distritos -explicó-, la banda cobraba cupos a los transportistas”.", False),
    ("LIMA, Perú — Operativo en los mercados del centro.", False),  # a dateline
    ("Prueba de Sinovac, hasta los 60 años", False),  # a subheading: short and unclosed
    ("Con la ayuda de los vecinos, la policía debería patrullar más. ¿", False),  # a mark that opens nothing
    ("¿Fue una reacción a la vacuna o un síntoma de otra enfermedad? «", False),
    ("Es el día en que se celebraba la investidura de los alcaldes desde 1990.", False),  # what is?
    ("Fue la objeción más reciente del alcalde a la reforma del transporte.", False),
    ("Es importante resaltar que la policía detuvo a cuatro personas en Lima.", True),
    ("Efectivamente los municipios tienen esa obligación desde 1993.", False),  # confirms what was said before
    ("Los municipios tienen desde 1993 esa obligación, pero yo sé que muy pocos la cumplen.", False),  # unquoted I
    ("“No habrá impunidad para nuestros transportistas”, dijo Malaver en Lima.", True),  # first person quoted
    ("También obtuvieron el beneficio las empresas de transporte de Trujillo.", True),
    ("12 personas murieron en las últimas 48 horas en Trujillo", True),  # unclosed, but says what happened
    # a thing named as already known: the calm, the findings, the measures the article just described
    ("La relativa calma se debe a los patrullajes que la policía inició en el puerto.", False),
    ("La médica Ana Ruiz dijo que los nuevos hallazgos “confirman que la prueba es segura”.", False),
    ("Las nuevas medidas entrarán en vigor el lunes en todo el distrito.", False),
    ("Dicha medida entrará en vigor el lunes en todo el distrito.", False),
    ("La nueva ley de seguridad entrará en vigor el lunes en todo el distrito.", True),  # says which law
    ("La fiscal dijo que el presunto agresor de la joven fue detenido en Piura.", True),  # says which one
    ("La Policía Nacional detuvo a los presuntos extorsionadores en Trujillo.", True),  # not the subject
    ("En cualquier caso, las autoridades garantizan que cada distrito tendrá patrullaje.", False),  # answers what?
    ("De todas formas, el alcalde dijo que la obra seguirá en marzo.", False),
    ("Está acusado de extorsión por haber cobrado cupos a los mototaxistas de Piura.", False),  # who is?
    ("Fue detenido por la policía cuando cobraba cupos en el mercado.", False),
    ("Está previsto que la obra termine en marzo en el centro de Piura.", True),  # impersonal: nobody dropped
    ("El conflicto se desencadenó tras la toma del puerto por los mineros.", False),  # which conflict?
    ("El conflicto de Pataz dejó tres muertos en 2024.", True),  # says which
    ("El comité tampoco encontró ningún riesgo entre los 2.000 vacunados de Piura.", False),  # neither what?
    ("También fue conocida por escribir radionovelas para la emisora de Piura.", False),  # who was?
    ("Están evaluando a todas las mujeres que recibieron la prueba en Piura.", False),  # who are?
    ("Desde entonces ha gestionado el puerto de Paita con mano de hierro.", False),  # since when? who?
    ("Desde 2019 la empresa gestiona el puerto de Paita con mano de hierro.", True),
    ("Los científicos se apresuraron a crear una prueba contra él.", False),  # against what?
    ("Ana Ruiz dijo que la banda actuó contra ella en Piura.", True),  # the name before it says who
    ("En 1978, el narcotraficante compró una finca en las afueras de Piura.", False),  # which trafficker?
    ("La víctima fue trasladada al hospital regional de Piura.", False),  # which victim?
    ("Las víctimas pagaron más de S/ 1,2 millones a la banda de Piura.", True),  # all of the crime's victims
    ("Los investigadores comenzaron a trabajar en una prueba contra el dengue.", False),  # which, when?
    ("Los investigadores de la Universidad de Piura comenzaron a trabajar en una prueba.", True),
])
def test_spanish_sentences_that_stand_alone(sentence: str, alone: bool) -> None:
    from bot.extract.es.standalone import stands_alone

    assert stands_alone(sentence) is alone


@pytest.mark.parametrize(("sentence", "value", "measure"), [
    ("El 30% de los comerciantes del mercado pagó cupos en 2024.", 30, "comerciantes del mercado"),  # after "de los"
    ("La prueba tiene una efectividad del 95 por ciento ante la variante nueva.", 95, "efectividad"),  # before it
    ("La tasa de resolución de Trujillo es del 12,5% en delitos de extorsión.", 12.5, "tasa de resolución de Trujillo"),
    ("La policía halló a 14 personas en las bodegas del puerto.", 14, "personas"),  # not "personas en las"
    ("La prueba mostró una eficacia muy buena, 79,9 por ciento, en los mayores de 65 años.", 79.9, "eficacia"),
    ("Perú tuvo el mayor exceso de fallecimientos: más de 200.000 en dos años.", 200000, "exceso de fallecimientos"),
    ("La tasa fue de 234 cada 100.000 habitantes en Lima.", 234, "habitantes"),  # a rate, "por" or not
    ("Al inicio, el 68% de todos los enfermos presentaron síntomas leves.", 68, "enfermos"),  # not "todos"
    ("La economía peruana no creció; la inversión privada cayó un 7,2% en 2023.", 7.2, "inversión privada (cayó)"),
])
def test_a_spanish_figure_says_what_it_counts(sentence: str, value: float, measure: str) -> None:
    from bot.extract.es.figures import spanish_figures
    from bot.extract.types import ArticleContext, Sentence

    stats = spanish_figures(ArticleContext(None, [Sentence(0, sentence, 0, len(sentence))], []))
    assert [(s.value, s.measure) for s in stats][:1] == [(value, measure)]


def test_a_word_that_opens_a_sentence_is_no_speaker() -> None:
    """"También explicaron que …": nobody is named, so nobody is the speaker (the sentence is not a quote of
    "También")."""
    from bot.extract.es.entities import spanish_entities
    from bot.extract.es.quotes import spanish_quotes
    from bot.extract.types import ArticleContext, Sentence

    text = "También explicaron que los laboratorios pertenecían a una banda de la frontera."
    sentences = [Sentence(0, text, 0, len(text))]
    assert not [q.speaker for q in spanish_quotes(ArticleContext(None, sentences, spanish_entities(sentences)))
                if q.speaker]


DECLARATION = {
    "title": "El alcalde José Luis Quispe presenta su declaración patrimonial en Lima",
    "url": "https://example.pe/declaracion-quispe", "date": "2025-10-20", "source": "Diario de prueba",
    "language": "es",
    "content": (
        "El alcalde de Lima, José Luis Quispe, presentó el lunes su declaración patrimonial ante la Contraloría."
        "\n\n"
        "La casa de Miraflores, una de las propiedades que José Luis Quispe anunció haber vendido a sus hermanos antes "
        "de la campaña, tiene un valor comercial de *NUMBER* millones de soles, según los registros públicos.\n\n"
        "Quispe había asegurado: “Todo lo que tengo lo gané con mi trabajo de muchos años en el comercio”.\n\n"
        "Los regidores cuestionaron la declaración presentada por Quispe, sin embargo, aseguraron que esperarán el "
        "informe de la Contraloría.\n\n"
        "En la declaración de *NUMBER*, Quispe informó que vendió un departamento en el distrito de Surco.\n\n"
        "José Luis recorrió después los mercados de Surco con los regidores de la Contraloría."
    ),
}


def test_a_spanish_who_card_quotes_only_what_its_person_said(tmp_path) -> None:
    """Through `newsbot ask --json`: on José Luis Quispe's card the pluperfect "había asegurado: «…»" keeps its
    whole verb (not "había"); "José Luis" alone is himself, not someone he appears with; the house "que José Luis
    Quispe anunció haber vendido" is not his words, nor is what the councillors "aseguraron" after "presentada por
    Quispe"; and the archive's masked "*NUMBER*" is nobody he appears with."""
    from test_follow_e2e import newsbot

    db = tmp_path / "desk.db"
    assert newsbot(db, "ingest", str(write_jsonl(tmp_path / "es.jsonl", DECLARATION))).returncode == 0
    run = newsbot(db, "ask", "/peru who José Luis Quispe", "--json")
    assert run.returncode == 0, run.stderr
    card = json.loads(run.stdout)["items"][0]
    said = {(q["verb"], q["quote"][:20]) for q in card["quotes"]}
    assert said == {("había asegurado", "Todo lo que tengo lo"), ("informó", "que vendió un depart")}
    assert "José Luis" not in {r["name"] for r in card["related"]}  # his given names alone are himself
    assert "NUMBER" not in {r["name"] for r in card["related"]}
    assert "Contraloría" in {r["name"] for r in card["related"]}


@pytest.mark.parametrize(("sentence", "speaker", "said"), [
    # "según X" and a clause that describes X: what X is the source of starts after it
    ("Según Ana Ruiz, cuya empresa analiza redes sociales, el candidato es el más mencionado en Lima.", "Ana Ruiz",
     "el candidato es el más mencionado en Lima."),
    ("Según Ana Ruiz, la banda cobraba cupos a 120 empresas de transporte.", "Ana Ruiz",
     "la banda cobraba cupos a 120 empresas de transporte."),
    # a compound tense is one reporting verb, and an auxiliary alone is none
    ("La fiscal Ana Ruiz ha dicho que la banda cobraba cupos a los transportistas.", "Ana Ruiz",
     "que la banda cobraba cupos a los transportistas."),
    ("La OMS ha venido repitiendo que ningún medicamento cura esta enfermedad.", None, None),
    # a plural verb after one name: the name is not its subject
    ("La ley fue promovida por Ana Ruiz, sin embargo, aseguraron que no la aprobarán.", None, None),
    # the venue's own clause is not what was said
    ("Ana Ruiz declaró en una entrevista que se transmitió el domingo que seguirá con la denuncia.", "Ana Ruiz",
     "que seguirá con la denuncia."),
    ("Ana Ruiz dijo que la empresa que compró el terreno pagó muy poco por él.", "Ana Ruiz",
     "que la empresa que compró el terreno pagó muy poco por él."),
    # the verb of a clause about the subject's own meeting or call is the subject's
    ("Ana Ruiz, fiscal de Piura, sostuvo una reunión con Juan Pérez, en la que le aseguró que la banda caerá pronto.",
     "Ana Ruiz", "que la banda caerá pronto."),
    ("La alcaldesa de Piura, Rosa Campos, ofreció una conferencia en la que afirmó que el patrullaje aumentará.",
     "Rosa Campos", "que el patrullaje aumentará."),
    # a mark that opens the next sentence is not part of what she said
    ('Ana Ruiz dijo que seguirá con la denuncia, un caso que el alcalde había llamado. "', "Ana Ruiz",
     "que seguirá con la denuncia, un caso que el alcalde había llamado."),
])
def test_spanish_attribution_rows(sentence: str, speaker: str | None, said: str | None) -> None:
    from bot.extract.es.entities import spanish_entities
    from bot.extract.es.quotes import spanish_quotes
    from bot.extract.types import ArticleContext, Sentence

    sentences = [Sentence(0, sentence, 0, len(sentence))]
    quotes = [(q.speaker, q.quote) for q in spanish_quotes(ArticleContext(None, sentences, spanish_entities(sentences)))
              if q.speaker]
    assert quotes == ([(speaker, said)] if speaker else [])


VOTE_ES = {
    "title": "Puebla elegirá alcaldes en junio", "url": "https://example.mx/puebla-alcaldes", "date": "2025-11-03",
    "source": "Diario de prueba", "language": "es",
    "content": "Las elecciones municipales de Puebla se celebrarán el 7 de junio de 2026, según el instituto electoral "
               "del estado.",
}
BUDGET_ES = {
    "title": "Hacienda presenta el presupuesto", "url": "https://example.mx/presupuesto", "date": "2025-11-04",
    "source": "Diario de prueba", "language": "es",
    "content": "El ministro de Hacienda de Oaxaca, Pedro Salinas, presentó el 2 de septiembre de 2025 el presupuesto "
               "del gobierno estatal para el año siguiente.",
}
VOTE_EN = {
    "title": "Ohio sets a special election", "url": "https://example.org/ohio-vote", "date": "2025-11-03",
    "language": "en",
    "content": "Voters in Ohio will choose a new state senator in a special election on March 3, 2026, the state "
               "board said.",
}
BUDGET_EN = {
    "title": "Ohio raises fuel taxes", "url": "https://example.org/ohio-fuel", "date": "2025-11-04",
    "language": "en",
    "content": "The Ohio government raised fuel taxes on September 2, 2025, finance minister Paul Hart said.",
}


@pytest.mark.parametrize("question", ["/news elecciones timeline", "/news elections timeline"])
def test_elections_are_the_vote_not_all_of_politics(empty_db, tmp_path, question: str) -> None:
    """A reporter who types "elecciones" or "elections" wants the vote: a minister's budget is politics, not an
    election, and is no line of the elections timeline (the whole politics topic answered it), in either
    language. "/news política" still finds both."""
    report = ingest(empty_db, [str(write_jsonl(tmp_path / "votes.jsonl", VOTE_ES, BUDGET_ES, VOTE_EN, BUDGET_EN))])
    assert report.ok and len(report.added) == 4
    assert {s.title for s in ask(empty_db, question, limit=10).sources} == {VOTE_ES["title"], VOTE_EN["title"]}
    assert {s.title for s in ask(empty_db, "/news política timeline", limit=10).sources} >= {
        VOTE_ES["title"], BUDGET_ES["title"]}


RATE = {
    "title": "Sube la tasa de robos en Arequipa", "url": "https://example.pe/robos-arequipa", "date": "2025-10-20",
    "source": "Diario de prueba", "language": "es",
    "content": "Según la Policía Nacional, entre 2022 y 2024 la tasa de robos a vivienda en Arequipa pasó de 8,5 a "
               "11,2 por cada 10.000 habitantes.",
}


def test_a_spanish_change_is_one_figure_from_where_it_started(empty_db, tmp_path) -> None:
    """"pasó de 8,5 a 11,2 por cada 10.000 habitantes" is one figure: 11,2, up from 8,5, of the rate of burglaries.
    Read apart, 8,5 was a figure of its own with nothing measured."""
    assert ingest(empty_db, [str(write_jsonl(tmp_path / "rate.jsonl", RATE))]).ok
    items = ask(empty_db, "/peru facts", limit=10).items
    assert [(i["value"], i["previous"], i["direction"]) for i in items] == [(11.2, 8.5, "up")]
    assert items[0]["measure"] == "tasa de robos a vivienda en Arequipa (subió)"
    assert items[0]["figure"] == "de 8,5 a 11,2 por cada 10.000 habitantes"


@pytest.mark.parametrize(("sentence", "value", "previous", "measure"), [
    ("Los robos en Surco bajaron de 300 en 2023 a 250 en 2024.", 250, 300, "robos en Surco (bajaron)"),
    ("En Lima la tasa de homicidios por cada 100 mil personas aumentó de 6,1 a 7,4.", 7.4, 6.1,
     "tasa de homicidios (aumentó)"),
    ("El precio del pasaje pasó de 2 a 2,5 soles en enero.", 2.5, 2, "precio del pasaje (subió)"),
])
def test_a_spanish_change_rows(sentence: str, value: float, previous: float, measure: str) -> None:
    from bot.extract.es.figures import spanish_figures
    from bot.extract.types import ArticleContext, Sentence

    stats = spanish_figures(ArticleContext(None, [Sentence(0, sentence, 0, len(sentence))], []))
    assert [(s.value, s.previous, s.measure) for s in stats if s.previous is not None] == [(value, previous, measure)]
    assert previous not in {s.value for s in stats}


@pytest.mark.parametrize(("sentence", "dates"), [
    # a year the text names otherwise: the publication's year is not it, and no date is guessed
    ("El alcalde asumió el cargo en septiembre de ese año con el apoyo de los regidores.", set()),
    ("La obra se inauguró el 12 de marzo del año siguiente en el centro de Piura.", set()),
    ("El partido lo eligió presidente interino en septiembre de *NUMBER* en Lima.", set()),
    ("El alcalde asumió el cargo en septiembre de 2019 con el apoyo de los regidores.", {"2019-09"}),
    ("La obra se inauguró el 12 de marzo de este año en el centro de Piura.", {"2025-03-12"}),
    ("El alcalde asumió el cargo en septiembre con el apoyo de los regidores.", {"2025-09"}),
])
def test_a_spanish_date_in_a_year_named_otherwise_is_not_this_year(sentence: str, dates: set[str]) -> None:
    from datetime import date

    from bot.extract.es.dates import spanish_dates
    from bot.extract.types import ArticleContext, Sentence

    events = spanish_dates(ArticleContext(date(2025, 10, 20), [Sentence(0, sentence, 0, len(sentence))], []))
    assert {e.date for e in events} == dates


@pytest.mark.parametrize(("sentence", "dates"), [
    ("El ministro, nacido en Arequipa el 3 de mayo de 1961, asumió el cargo en 2020 tras la crisis.", {"2020"}),
    ("Los jubilados nacidos desde 1940 recibieron el bono en marzo de 2024.", {"2024-03"}),
    ("Juan Pérez nació el 3 de mayo de 1961 en Arequipa.", {"1961-05-03"}),  # the birth is what it says happened
    ("El puerto creció bajo el alcalde Luis Paz, fallecido en 1999, y después bajo su sucesor en 2004.", {"2004"}),
])
def test_a_spanish_birth_told_in_passing_dates_no_event(sentence: str, dates: set[str]) -> None:
    """A participle that describes someone ("nacido en … el 3 de mayo de 1961") dates them, not the sentence's
    event: it is no timeline entry, as a document's date is none."""
    from datetime import date

    from bot.extract.es.dates import spanish_dates
    from bot.extract.types import ArticleContext, Sentence

    events = spanish_dates(ArticleContext(date(2025, 10, 20), [Sentence(0, sentence, 0, len(sentence))], []))
    assert {e.date for e in events if e.rank < 3} == dates


@pytest.mark.parametrize(("sentence", "dates"), [
    ("En 2019, la policía detuvo a cuatro extorsionadores en Trujillo.", {"2019"}),  # a comma after the year
    ("La policía detuvo a cuatro extorsionadores en 2019.", {"2019"}),  # the sentence's stop after it
    ("El pasaje subió en 2.019,5 soles según la empresa de transporte.", set()),  # a figure, not a year
])
def test_a_spanish_year_before_a_comma_or_a_stop_is_a_date(sentence: str, dates: set[str]) -> None:
    from datetime import date

    from bot.extract.es.dates import spanish_dates
    from bot.extract.types import ArticleContext, Sentence

    events = spanish_dates(ArticleContext(date(2025, 10, 20), [Sentence(0, sentence, 0, len(sentence))], []))
    assert {e.date for e in events} == dates


EXPRESIDENTE = {
    "title": "Un juez ordena el arraigo de un exmandatario", "url": "https://example.pe/arraigo", "date": "2025-07-04",
    "language": "es",
    "content": (
        "El expresidente Rodrigo Salcedo Ugarte no podrá salir del país durante 18 meses, ordenó un juez de Lima el "
        "jueves.\n\nLa ex ministra Carmen Quispe Rojas declaró ante la fiscalía el mismo día.\n\n"
        "El presidente Daniel Ortiz Vela no comentó la decisión."
    ),
}


def test_a_spanish_former_office_is_no_current_one(empty_db, tmp_path) -> None:
    """"El expresidente X" is a former president on his card, not the president; "la ex ministra" too; the
    sitting president keeps his office."""
    assert ingest(empty_db, [str(write_jsonl(tmp_path / "ex.jsonl", EXPRESIDENTE))]).ok

    def roles(name: str) -> list[str]:
        return next(item["roles"] for item in ask(empty_db, f"/news who {name}").items if item["name"] == name)

    assert roles("Rodrigo Salcedo Ugarte") == ["ex presidente"]
    assert roles("Carmen Quispe Rojas") == ["ex ministra"]
    assert roles("Daniel Ortiz Vela") == ["presidente"]
