"""`newsbot ingest --reanalyse` gives what a fresh ingest of the same sources gave: the stored body is the text the
analysis read (its spacing, line breaks and the headings or captions split from a paragraph), so a user who
re-analyses after an upgrade gets the same sentences, names and answer lines, not worse ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.answer.engine import ask
from bot.cli import main
from bot.ingest.model import RawArticle
from bot.ingest.service import ingest_items
from storage.db import open_db

# A long caption run into the sentence after it (no full stop between them): a heading of its own on ingest.
AIRSTRIPS = """Border airstrips destroyed

Clandestine airstrips

Soldiers found four clandestine airstrips near the northern border of Guatemala last week, the defence \
ministry said.

Officials said the strips, built by a trafficking group from Sinaloa, served the drug flights leaving the \
country The army destroyed three of them on Tuesday, a spokesman for the ministry said.

"We will keep looking for the others," said General Carlos Mendoza, who leads the operation.
"""

# As a corpus reader hands it over (the bench's Spanish reader): a heading on its own line above the paragraph,
# and double spaces left by the page.
ELECCION_TITLE = "Gira presidencial por el sureste"
ELECCION = """Visita a Chiapas
Andrés Manuel López Obrador dijo el lunes en Tuxtla Gutiérrez que el gobierno  construirá dos hospitales \
en la región.

El gobernador Rutilio Escandón aseguró que las obras  comenzarán en marzo.  "Es una deuda con los \
chiapanecos", afirmó Escandón ante cientos de asistentes."""

COMMANDS = ("/news summary", "/news latest", "/news search airstrips", "/news search hospitales", "/news facts",
            "/news quotes", "/news who Andrés Manuel López Obrador", "/news who Carlos Mendoza")


def snapshot(db_path: Path) -> dict[str, Any]:
    """What a reader of the archive sees: every sentence with its kind, every name, and the answer lines."""
    db = open_db(db_path)
    sentences = db.execute("SELECT article_id, idx, kind, text FROM sentences ORDER BY article_id, idx").fetchall()
    names = db.execute(
        "SELECT m.article_id, e.name, e.type, COUNT(*) FROM mentions m JOIN entities e ON e.id = m.entity_id"
        " GROUP BY m.article_id, e.id ORDER BY 1, 2").fetchall()
    answers = {c: json.dumps(ask(db, c, limit=50).to_json(), ensure_ascii=False) for c in COMMANDS}
    return {"sentences": [tuple(r) for r in sentences], "names": [tuple(r) for r in names], "answers": answers}


def reanalysed(db_path: Path) -> dict[str, Any]:
    """The archive re-analysed through the command line, as an admin does after an upgrade."""
    assert main(["--db", str(db_path), "ingest", "--quiet", "--reanalyse"]) == 0
    return snapshot(db_path)


def test_reanalysing_a_text_file_keeps_a_caption_run_into_a_sentence_a_heading(tmp_path: Path) -> None:
    article = tmp_path / "airstrips.txt"
    article.write_text(AIRSTRIPS, encoding="utf-8")
    db_path = tmp_path / "news.db"
    assert main(["--db", str(db_path), "ingest", "--quiet", str(article)]) == 0
    fresh = snapshot(db_path)
    caption = "Officials said the strips, built by a trafficking group from Sinaloa, served the drug flights " \
        "leaving the country"
    assert (caption, "heading") in [(text, kind) for _a, _i, kind, text in fresh["sentences"]]
    assert caption not in fresh["answers"]["/news search airstrips"]

    again = reanalysed(db_path)
    assert again["sentences"] == fresh["sentences"]
    assert again["names"] == fresh["names"]
    assert again["answers"] == fresh["answers"]


def test_reanalysing_keeps_a_heading_line_apart_from_the_name_after_it(tmp_path: Path) -> None:
    db_path = tmp_path / "news.db"
    raw = RawArticle(title=ELECCION_TITLE, text=ELECCION, language="es", published="2023-02-06",
                     origin="corpus:gira-1")
    assert ingest_items(open_db(db_path), [raw]).added
    fresh = snapshot(db_path)
    assert any(name == "Andrés Manuel López Obrador" for _a, name, _t, _n in fresh["names"])

    again = reanalysed(db_path)
    assert not any(name.startswith("Chiapas ") for _a, name, _t, _n in again["names"])
    assert again["sentences"] == fresh["sentences"]
    assert again["names"] == fresh["names"]
    assert again["answers"] == fresh["answers"]
