"""A reporter's read of a desk archive: speakers are whole names, a rate's base is shown once, a figure's
label never ends in a verb, a place is never a person, a question's joining words are not required, and
`newsbot ask ... | head -1` ends quietly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.tokens import Doc

from bot.answer.engine import ask
from bot.entities import find_entity, settle_type
from bot.extract.speakers import whole_name
from bot.ingest.service import ingest
from bot.nlp import get_nlp
from storage.articles import ArticleRows, save_article

ROOT = Path(__file__).resolve().parents[1]

TRUJILLO = (
    "Extortion is spreading in Trujillo, Peru.\n\n"
    "The group Capital Humano y Social Alternativo said that many victims in Trujillo never file complaints.\n\n"
    "According to the Peace and Justice Foundation, three markets in Trujillo pay extortion every week.\n\n"
    "In Trujillo the homicide rate stood at 11 out of every 100,000 people in 2019.\n\n"
    "In Callao, 45 killings happened between January and June, while more than twenty young men joined the "
    "gangs.\n\n"
    "Gang killings in Trujillo rose again this year, the regional police said."
)


@pytest.fixture
def archive(empty_db, tmp_path: Path):
    path = tmp_path / "trujillo.jsonl"
    row = {"title": "Extortion in Trujillo", "url": "https://example.org/trujillo", "date": "2020-03-02",
           "tags": "Peru", "content": TRUJILLO}
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    assert ingest(empty_db, [str(path)]).ok
    return empty_db


def test_a_speaker_is_the_whole_name_not_its_tail(archive) -> None:
    """The parser made "Humano" and "Foundation" the subjects: the quotes named "Capital Humano" and
    "Justice Foundation", fragments of the organisations' names."""
    answer = ask(archive, "/peru quotes", limit=20)
    speakers = {item["speaker"] for item in answer.items}
    assert {"Capital Humano y Social Alternativo", "Peace and Justice Foundation"} <= speakers, speakers
    assert "Justice Foundation" not in answer.text.replace("Peace and Justice Foundation", "")


def _doc(words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    return Doc(get_nlp().vocab, words=words, heads=heads, deps=deps, pos=pos,
               sent_starts=[True] + [False] * (len(words) - 1))


def test_a_subject_inside_a_bracketed_gloss_is_the_name_before_the_bracket() -> None:
    """The parse that made "Informática" a speaker: the subject is the last word of a Spanish gloss in
    brackets; the speaker is the organisation the gloss translates."""
    words = "the Office for Crime and Information ( Oficina de Crimen e Informática – OCI ) says".split()
    pos = ["DET", "PROPN", "ADP", "PROPN", "CCONJ", "PROPN", "PUNCT", "PROPN", "ADP", "PROPN", "PROPN", "PROPN",
           "PUNCT", "PROPN", "PUNCT", "VERB"]
    heads = [1, 11, 1, 2, 3, 3, 1, 9, 9, 1, 11, 15, 11, 11, 13, 15]
    deps = ["det", "nmod", "prep", "pobj", "cc", "conj", "punct", "nmod", "nmod", "appos", "compound", "nsubj",
            "punct", "appos", "punct", "ROOT"]
    doc = _doc(words, heads, deps, pos)
    assert " ".join(t.text for t in whole_name([doc[11]])) == "Office for Crime and Information"


def test_a_rate_base_is_shown_once(archive) -> None:
    line = next(line for line in ask(archive, "/peru facts", limit=20).text.splitlines() if "every 100,000" in line)
    assert line.count("100,000") == 2, line  # the figure once, the sentence once
    assert "per 100,000" not in line


def test_a_figure_label_never_ends_in_a_verb(archive) -> None:
    answer = ask(archive, "/peru facts", limit=20)
    labels = {item["measure"] for item in answer.items}
    assert not {"killings happened", "young men joined"} & labels, labels
    shown = answer.text.splitlines()
    assert any(line.startswith("45 killings — ") for line in shown), shown
    assert any(line.startswith("more than twenty young men — ") for line in shown), shown


def test_a_bare_count_with_a_verb_keeps_the_verb_in_the_figure_not_the_label() -> None:
    from bot.extract.pipeline import analyse
    from bot.ingest.model import RawArticle

    text = ("Nearly 300 were detained in Lima, and 16 were classified as attempted murders by the police.")
    stats = next(analyse([RawArticle("Lima arrests", text, published="2020-03-05")])).statistics
    detained = next(s for s in stats if s.value == 300)
    assert detained.measure == "" and detained.text.endswith("were detained")
    assert next(s for s in stats if s.value == 16).measure == "attempted murders"


def test_a_question_s_joining_words_are_not_required(archive) -> None:
    """ "gang related killings": no sentence says "related", yet one is about gang killings."""
    answer = ask(archive, "/peru gang related killings")
    assert answer.action == "summary" and answer.items, answer.text
    assert any("Gang killings" in item["text"] for item in answer.items)
    assert ask(archive, "/peru killings linked to gangs").items


def _rows(title: str, place_type: str) -> ArticleRows:
    article = {"url": None, "url_key": None, "text_hash": title, "title": title, "published": "2020-03-02",
               "text": f"{title}. Ana Quispe spoke about Tambogrande.", "tags": ["peru"], "summary": []}
    sentences = [{"idx": 0, "kind": "body", "text": article["text"], "start": 0, "end": len(article["text"]),
                  "topics": []}]
    entities = [
        {"name": "Ana Quispe", "key": "ana quispe", "type": "PERSON", "aliases": [("Ana Quispe", "ana quispe")],
         "mentions": [(0, "Ana Quispe")]},
        {"name": "Tambogrande", "key": "tambogrande", "type": place_type,
         "aliases": [("Tambogrande", "tambogrande")], "mentions": [(0, "Tambogrande")]},
    ]
    return ArticleRows(article, sentences, entities, [], {}, ["peru"], {}, find_entity, settle_type)


def test_a_name_typed_a_person_once_and_a_place_elsewhere_is_a_place(empty_db) -> None:
    """The first article's tagger took the town for a person; the next one knows it is a place."""
    save_article(empty_db, _rows("Mayor speaks", "PERSON"))
    assert {"name": "Tambogrande", "type": "PERSON"} in ask(empty_db, "/news who Ana Quispe").items[0]["related"]
    save_article(empty_db, _rows("Mayor speaks again", "GPE"))
    answer = ask(empty_db, "/news who Ana Quispe")
    assert "Tambogrande" not in answer.text, answer.text  # "Appears with" lists people and organisations
    assert ask(empty_db, "/news who Tambogrande").items[0]["type"] == "GPE"


def test_a_place_named_as_a_department_is_not_a_person(empty_db, tmp_path: Path) -> None:
    """The small model types "Boyacá" a person here; "the department of Boyacá" says it is a place."""
    text = ("Rangers fled the department of Boyacá after the threats, park director Julia Miranda said. "
            "Guerrillas in Boyacá burned the park office.")
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps({"title": "Rangers flee", "date": "2020-03-02", "tags": "Colombia",
                                "content": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert ingest(empty_db, [str(path)]).ok
    item = ask(empty_db, "/news who Boyacá").items[0]
    assert item["type"] in ("GPE", "LOC"), item


def test_ask_piped_into_head_ends_quietly(seed_db_path: Path) -> None:
    """`newsbot ask ... | head -1`: the reader goes away; no BrokenPipeError traceback. Run as the installed
    `newsbot` script runs it (`sys.exit(main())`, no `__main__` block)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    script = "import sys; from bot.cli import main; sys.exit(main())"
    proc = subprocess.Popen(
        [sys.executable, "-c", script, "--db", str(seed_db_path), "ask", "/peru crime facts", "--json"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # like `head` exiting before the answer is written
    err = proc.stderr.read().decode()
    status = proc.wait()
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert status in (0, 141)


def test_a_scaled_figure_is_shown_as_written() -> None:
    """ "$3.25 billion" was shown "3,250,000,000 $": the written figure looked stale to a digit check
    that ignored "billion"."""
    from bot.answer.format import figure

    assert figure({"figure": "$3.25 billion", "unit": "$", "value": 3.25e9}) == "$3.25 billion"
    assert figure({"figure": "$3.25 billion", "unit": "$", "value": 4e9}) == "$4,000,000,000"  # an editor's fix
