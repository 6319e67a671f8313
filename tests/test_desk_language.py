"""A desk's `language` (seeds/desks.toml) is the language of the bot's own words in its answers: labels, dates,
paging, help and the verbs the bot writes itself. Nothing is translated: a Spanish sentence is shown as written,
an English one too, and a `/news` answer on an English desk keeps English labels around Spanish quotes.

The shipped desks stay English; these tests give the Peru desk `language = "es"` in a copy of the seeds folder
(NEWSBOT_SEEDS), as a newsroom would in its own desks.toml.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_harness import blocks_of, rendered, running_app
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
