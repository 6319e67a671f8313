"""A desk's `language` (seeds/desks.toml) is the language of the bot's own words in its answers: labels, dates,
paging, help and the verbs the bot writes itself. Nothing is translated: a Spanish sentence is shown as written,
an English one too, and a `/news` answer on an English desk keeps English labels around Spanish quotes.

The shipped desks stay English; these tests give the Peru desk `language = "es"` in a copy of the seeds folder
(NEWSBOT_SEEDS), as a newsroom would in its own desks.toml.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import copy_archive
from digest_fixtures import STRIKE, serve_feed
from slack_harness import blocks_of, rendered, running_app
from slack_standin import SlackStandin
from test_follow_e2e import newsbot
from test_spanish import ENGLISH, EXTORSION, write_jsonl

from bot.answer.engine import ask
from bot.desks import get_desk, load_desks
from bot.ingest.service import ingest
from bot.render_text import render_text
from bot.seeds import seeds_dir
from bot.words import WORDS

DENIAL = "Ana Ruiz (fiscal) negó que la fiscalía haya liberado a los detenidos el 3 de octubre de 2025"


@pytest.fixture
def spanish_peru(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The shipped seeds with the Peru desk answering in Spanish."""
    seeds = shutil.copytree(seeds_dir(), tmp_path / "seeds")
    desks = seeds / "desks.toml"
    text = desks.read_text(encoding="utf-8")
    assert 'title = "Peru desk"\n' in text
    desks.write_text(text.replace('title = "Peru desk"\n', 'title = "Peru desk"\nlanguage = "es"\n'), encoding="utf-8")
    monkeypatch.setenv("NEWSBOT_SEEDS", str(seeds))
    load_desks.cache_clear()
    yield
    monkeypatch.undo()
    load_desks.cache_clear()


@pytest.fixture
def archive(empty_db, tmp_path: Path):
    """A Spanish and an English article about Peru, both of 16 Oct 2025."""
    assert ingest(empty_db, [str(write_jsonl(tmp_path / "es.jsonl", EXTORSION, ENGLISH))]).ok
    return empty_db


def button_labels(message: dict) -> set[str]:
    """The words on the message's buttons."""
    return {e["text"]["text"] for b in blocks_of(message, "actions") for e in b["elements"]}


def test_the_shipped_desks_speak_english_and_every_language_has_every_word() -> None:
    load_desks.cache_clear()
    assert {desk.language for desk in load_desks().values()} == {"en"}
    assert all(set(words) == set(WORDS["en"]) for words in WORDS.values())


def test_a_spanish_desk_reads_its_labels_and_dates_in_spanish(spanish_peru, archive) -> None:
    assert get_desk("peru").language == "es"
    quotes = render_text(ask(archive, "/peru quotes", limit=20))
    assert "Fuentes:" in quotes and "Sources:" not in quotes
    assert "Basado en 1 artículo, 16 oct 2025" in quotes and "Based on" not in quotes
    assert "Según Policía Nacional, la banda cobraba cupos" in quotes  # the bot's "según", the article's words
    assert DENIAL in quotes  # the article's verb and clause, as written
    timeline = render_text(ask(archive, "/peru timeline", limit=20))
    assert "3 oct 2025 — La fiscal Ana Ruiz negó que" in timeline and "Oct 2025" not in timeline
    assert "Basado en 2 artículos, 16 oct 2025" in timeline
    assert "(se muestran 1–1 de" in render_text(ask(archive, "/peru timeline", limit=1))
    who = render_text(ask(archive, "/peru who Malaver"))
    assert "Carlos Malaver — persona" in who and "Cargos: " in who and "En 1 artículo" in who
    assert "Nada en Peru desk sobre «zzqqx»" in render_text(ask(archive, "/peru zzqqx summary"))
    assert "Nadie llamado «Zzqqx» en el archivo." in render_text(ask(archive, "/peru who Zzqqx"))
    help_text = render_text(ask(archive, "/peru help"))
    assert "Pregunte a /peru (Peru desk):" in help_text and "Otras formas de preguntar:" in help_text


def test_english_articles_stay_english_on_a_spanish_desk(spanish_peru, archive) -> None:
    latest = render_text(ask(archive, "/peru latest", limit=5))
    assert "Police arrest extortion suspects in Lima (16 oct 2025): Police in Lima arrested four people" in latest
    timeline = render_text(ask(archive, "/peru timeline", limit=20))
    assert "14 oct 2025 — Police in Lima arrested four people accused of extorting bus drivers" in timeline


def test_news_keeps_english_words_around_spanish_quotes(spanish_peru, archive) -> None:
    """`/news` is an English desk: its labels are English, each quoted line in its own language."""
    quotes = render_text(ask(archive, "/news quotes", limit=20))
    assert "Sources:" in quotes and "Based on 1 article, 16 Oct 2025" in quotes
    assert "According to Policía Nacional, la banda cobraba cupos" in quotes
    assert DENIAL in quotes


def test_a_spanish_desk_answers_slack_in_spanish(spanish_peru, archive) -> None:
    with running_app(Path(archive.conn.execute("PRAGMA database_list").fetchone()[2])) as harness:
        message = harness.ask("quotes", "quotes-es")
        news = harness.ask("quotes", "quotes-news", command="/news")
    words = "\n".join(rendered(message))
    assert message["blocks"][0]["text"]["text"].startswith("Peru desk · Citas")
    assert "Basado en 1 artículo, 16 oct 2025" in words and "Elementos 1–5 de 6" in words
    assert "Según *Policía Nacional*, la banda cobraba cupos" in words
    assert "*Carlos Malaver* dijo: “No vamos a permitir que el miedo gobierne nuestras calles”" in words
    assert {"Más", "Compartir en el canal"} <= button_labels(message)
    menus = {o["text"]["text"] for b in blocks_of(message, "section") if b.get("accessory")
             for o in b["accessory"]["options"]}
    assert menus == {"Abrir el artículo", "Informar de un problema"}
    english = "\n".join(rendered(news))
    assert "Based on 1 article, 16 Oct 2025" in english and "According to *Policía Nacional*" in english
    assert {"More", "Share in channel"} <= button_labels(news)


def test_a_spanish_desk_s_digest_is_posted_in_spanish_by_the_worker(spanish_peru, seed_db_path, tmp_path, web) -> None:
    """`newsbot worker --once` polls the feed and posts the Peru desk's digest: its header, counts, dates and
    links in Spanish, each headline as written."""
    db = copy_archive(seed_db_path, tmp_path / "desk.db")
    assert newsbot(db, "subscriptions", "add", "--channel", "C0PERUES", "--desk", "peru", "--schedule",
                   "instant").returncode == 0
    assert newsbot(db, "feeds", "add", serve_feed(web), "--desk", "peru").returncode == 0
    with SlackStandin() as standin:
        run = newsbot(db, "worker", "--once", slack=standin)
        assert run.returncode == 0, run.stderr
        posts = [c.body for c in standin.calls_of("chat.postMessage", ok_only=True) if c.body["channel"] == "C0PERUES"]
    words = json.dumps(posts, ensure_ascii=False)
    assert posts[0]["blocks"][0]["text"]["text"] == "Resumen de Peru desk: todo"
    assert "3 artículos nuevos en 2 historias · instant · suscripción n.º 1" in words  # Mexico's is not Peru's
    assert f"{STRIKE}> · Andes Wire · 3 nov 2025" in words  # the headline as written, the date in Spanish
    assert "Las cifras no coinciden sobre homicides (increase) (2024): 28% en " in words
    assert "Cifras: 22 drivers killed" in words
    assert not any(english in words for english in ("digest:", "new articles", "subscription #", "Figures"))


FRENCH = {"title": "Article en français sur Lima", "url": "https://example.fr/lima", "date": "2025-10-15",
          "language": "fr", "content": "Un article sur Lima, stocké mais pas analysé."}


def test_a_spanish_desk_says_its_errors_refusals_and_results_in_spanish(
        spanish_peru, archive, tmp_path, web, allow_loopback, monkeypatch) -> None:
    """Through signed requests to the running app: `add` without a link or with a path, a question too costly
    to run, a non-editor's change, a subscription it cannot read, `related`, a link stored and App Home all read
    in Spanish on /peru, and a language not analysed on /news made Spanish too; /mexico keeps its English."""
    from webserver import Page

    desks = Path(os.environ["NEWSBOT_SEEDS"]) / "desks.toml"
    desks.write_text(desks.read_text(encoding="utf-8").replace("all = true\n", 'all = true\nlanguage = "es"\n'),
                     encoding="utf-8")
    load_desks.cache_clear()
    assert ingest(archive, [str(write_jsonl(tmp_path / "fr.jsonl", FRENCH))]).ok
    paragraphs = "".join(f"<p>{p}</p>" for p in EXTORSION["content"].split("\n\n"))
    web.pages["/nota.html"] = Page(f'<html lang="es"><head><title>Nota de prueba</title></head><body><article>'
                                   f"<h1>Nota de prueba</h1>{paragraphs}</article></body></html>")
    monkeypatch.setenv("NEWSBOT_EDITORS", "U0EDITOR")
    with running_app(Path(archive.conn.execute("PRAGMA database_list").fetchone()[2])) as harness:
        usage = harness.command("add", "add-usage").json()["text"]
        path = harness.command("add /etc/passwd", "add-path").json()["text"]
        costly = "\n".join(rendered(harness.ask("search a* b* c* d* e*", "costly")))
        refused = "\n".join(rendered(harness.ask("feeds add https://example.org/feed", "refused")))
        schedule = "\n".join(rendered(harness.ask("subscribe crime at dawn", "schedule", user="U0EDITOR")))
        related = "\n".join(rendered(harness.ask("related 1", "related")))
        latest = "\n".join(rendered(harness.ask("latest", "latest", command="/news")))
        assert harness.command(f"add {web.url('/nota.html')}", "add").status_code == 200
        added = "\n".join(rendered(harness.answer("add")))
        english = "\n".join(rendered(harness.ask("related 1", "related-mexico", command="/mexico")))
        harness.event({"type": "app_home_opened", "user": "U0REPORTER", "channel": "D0HOME", "tab": "home",
                       "event_ts": "1700000000.000400"})
        home = json.dumps(harness.standin.wait_for("views.publish")[-1].body["view"], ensure_ascii=False)
    assert usage == "Uso: `/peru add https://…`"
    assert path == "Solo se pueden añadir enlaces web (https://…): `/peru add https://…`. No se guardó nada."
    assert "Eso pide 5 palabras terminadas en *; se admiten 4 como máximo. No se buscó nada" in costly
    assert "Lo sentimos: solo los editores de la mesa pueden seguir o dejar de seguir feeds." in refused
    assert "No puedo leer «dawn» como frecuencia, así que no se guardó nada." in schedule
    assert "Uso: `/peru subscribe <palabras del tema>" in schedule
    assert "Nada en el archivo sigue ni precede a «" in related
    assert "15 oct 2025 — fr, sin analizar" in latest
    assert "Ya estaba en el archivo (actualizado): <http" in added  # the same text as the stored article
    assert "*Personas:* Carlos Malaver" in added and "*Cifras:* 120; 18.385" in added
    assert "Nothing in the archive follows or precedes “" in english
    assert "newsbot — la cobertura de sus mesas" in home and "Lo último de Peru desk (/peru)" in home
    assert "Latest on Mexico desk (/mexico)" in home  # an English desk's part of the Home stays English
    assert "Resúmenes: publicados, omitidos, fallidos" in home and "Ayuda" in home


TAGGED_FRENCH = {"title": "Un article sans nom de lieu dans son titre", "url": "https://example.fr/tag",
                 "date": "2025-10-14", "language": "fr", "tags": ["peru"],
                 "content": "Un article en français, étiqueté pour le Pérou, stocké mais pas analysé."}


def test_a_spanish_desk_tells_its_editors_and_its_failed_links_in_spanish(
        spanish_peru, archive, tmp_path, web, allow_loopback, monkeypatch) -> None:
    """Through signed requests to the running app on a Spanish /peru: a link that fails to load, a report on a
    figure (the reporter's thanks and the editors' post), `facts show/fix/hide` and their refusals all read in
    Spanish, and so does a feed that cannot be followed; and an article in a language the archive does not
    analyse, tagged for Peru, is listed on /peru as not analysed."""
    assert ingest(archive, [str(write_jsonl(tmp_path / "fr.jsonl", TAGGED_FRENCH))]).ok
    monkeypatch.setenv("NEWSBOT_EDITORS", "U0EDITOR")
    monkeypatch.setenv("NEWSBOT_EDITORS_CHANNEL", "C0EDITORS")
    from slack_standin import overflow_click

    with running_app(Path(archive.conn.execute("PRAGMA database_list").fetchone()[2])) as harness:
        fact = harness.sql("SELECT id FROM facts WHERE kind = 'statistic' AND data LIKE '%18385%'")[0][0]
        assert harness.command(f"add {web.url('/no-such-page.html')}", "add-404").status_code == 200
        failed = "\n".join(rendered(harness.answer("add-404")))
        message = harness.ask("extorsión facts", "to-report")
        value = next(o["value"] for b in blocks_of(message, "section") if "accessory" in b
                     for o in b["accessory"]["options"] if o["value"].endswith(f":{fact}"))
        posts = harness.posted("chat.postMessage")
        harness.click(overflow_click(value, harness.standin.response_url("thanks")))
        editors = harness.standin.wait_for("chat.postMessage", posts + 1)[-1].body["text"]
        thanks = harness.answer("thanks")["text"]
        show = "\n".join(rendered(harness.ask(f"facts show {fact}", "show")))
        what = "\n".join(rendered(harness.ask(f"facts fix {fact}", "fix-what", user="U0EDITOR")))
        bad = "\n".join(rendered(harness.ask(f"facts fix {fact} colour=red", "fix-bad", user="U0EDITOR")))
        hidden = "\n".join(rendered(harness.ask(f"facts hide {fact}", "hide", user="U0EDITOR")))
        missing = "\n".join(rendered(harness.ask("facts show 999999", "missing")))
        shown_hidden = "\n".join(rendered(harness.ask(f"facts show {fact}", "show-hidden")))
        latest = "\n".join(rendered(harness.ask("latest", "latest")))
        feed = "\n".join(rendered(harness.ask(f"feeds add {web.url('/no-such-feed.xml')}", "feed", user="U0EDITOR")))
    assert "No se pudo seguir" in feed and "el sitio respondió HTTP 404" in feed
    assert "No se pudo añadir" in failed and "el sitio respondió HTTP 404" in failed
    assert "*Aviso #" in editors and "sobre una cifra (dato " in editors
    assert f"Corregir: `/peru facts fix {fact} campo=valor`" in editors and "Artículo: <https://example.pe" in editors
    assert "Gracias: registrado como #" in thanks and "Los editores de la mesa lo tienen" in thanks
    assert f"Dato {fact} (cifra, artículo " in show
    assert "¿Corregir qué? Indique pares CAMPO=VALOR; una cifra tiene:" in what
    assert "no se puede fijar «colour» en una cifra" in bad
    assert f"El dato {fact} queda oculto en todas las respuestas." in hidden
    assert "No hay ningún dato con el id 999999." in missing
    assert re.search(r"oculto \d+ [a-zé]{3,4}\.?,? ", shown_hidden)  # "oculto 7 dic, 14:03 (Lima)": no "Dec"
    assert "Un article sans nom de lieu dans son titre" in latest and "fr, sin analizar" in latest
