"""Every line of an answer stands alone: a pronoun gets its person's name in brackets the newsroom way,
fragments, back-pointing sentences and correction notes are not shown, and words a line break split are mended."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from bot.answer.engine import ask
from bot.ingest.clean import clean_paragraphs
from bot.ingest.service import ingest


@pytest.fixture
def archive(empty_db):
    assert ingest(empty_db, [str(FIXTURES / "standalone.jsonl")]).ok
    return empty_db


def texts(answer) -> list[str]:
    return [item["text"] for item in answer.items]


def test_a_pronoun_gets_its_person_in_brackets(archive) -> None:
    lines = texts(ask(archive, "/peru summary", limit=6))
    assert "[Medina Ruiz] has come out swinging, promising 500 new police officers for the capital's markets." in lines
    assert any("[Méndez's] ministry" in line for line in lines)
    assert not any(line.startswith("He ") for line in lines)


@pytest.mark.parametrize("action", ["summary", "facts", "timeline"])
def test_fragments_and_back_pointing_sentences_are_not_shown(archive, action) -> None:
    for line in texts(ask(archive, f"/peru {action}", limit=20)):
        assert not line.startswith(("They ", "One ", "y Pandillas", "A previous version")), line


def test_facts_from_sentences_that_cannot_stand_alone_are_left_out(archive) -> None:
    values = {item["value"] for item in ask(archive, "/peru facts", limit=20).items}
    assert 500 in values and not values & {14, 300, 12, 40}


def test_line_breaks_of_scraped_links_are_mended() -> None:
    text = ("“We come from a lost decade,”\nCortizo said\nupon taking office.\nIn February, Uruguay’s m\ninistry "
            "published a\nreport.\nAccording to the\nNational Police , there were 1,032 murders.")
    assert clean_paragraphs(text) == [
        "“We come from a lost decade,” Cortizo said upon taking office.",
        "In February, Uruguay’s ministry published a report.",
        "According to the National Police , there were 1,032 murders.",
    ]


def test_an_opening_photo_caption_is_not_part_of_the_body() -> None:
    text = ("A post on Twitter falsely claims that garlic can cure the virus\nA social media post claiming it has "
            "been shared thousands of times.\nDoctors disagree.")
    expected = ["A social media post claiming it has been shared thousands of times.", "Doctors disagree."]
    assert clean_paragraphs(text) == expected


def _answers_of(db, tmp_path, row: str, desk: str) -> list[tuple[str, list[str]]]:
    """Store one article (a JSON line) and ask the desk for its summary and its timeline."""
    path = tmp_path / "one.jsonl"
    path.write_text(row + "\n", encoding="utf-8")
    assert ingest(db, [str(path)]).ok
    return [(action, texts(ask(db, f"{desk} {action}", limit=10))) for action in ("summary", "timeline")]


def test_the_end_of_a_quote_begun_earlier_is_not_shown_alone(empty_db, tmp_path) -> None:
    row = ('{"title": "Leaders at risk", "url": "https://example.org/leaders", "date": "2020-02-14", "tags": "Mexico",'
           ' "content": "“The authorities must act now. The president must protect the leaders in October 2019 and'
           ' after,” said Erika Guevara-Rosas of Amnesty International."}')
    for action, lines in _answers_of(empty_db, tmp_path, row, "/mexico"):
        assert not any(line.startswith("The president must protect") for line in lines), (action, lines)


def test_a_quote_that_runs_on_into_the_next_sentence_is_not_shown_cut(empty_db, tmp_path) -> None:
    """ "“Fear is everywhere,” X told reporters, “They knock on the door, saying, ‘Pay up.’" stops where the
    sentence stops but the quote does not: shown alone, the reader gets half a quote."""
    row = ('{"title": "Extortion grips Lima", "url": "https://example.org/lima", "date": "2020-02-14", "tags": "Peru",'
           ' "content": "Extortion of small shops in Lima rose in January 2020, police said.\\n\\n“Fear is everywhere,”'
           ' Ana Quispe, a former vice minister, told reporters in January 2020, “They knock on the door, saying,'
           ' ‘Hey, you have to pay.’ It is so close that it could happen to anyone.”\\n\\nThe police union said'
           ' \\"Nobody is safe. Not even us.\\" The interior ministry opened 40 cases in January 2020."}')
    for action, lines in _answers_of(empty_db, tmp_path, row, "/peru"):
        assert lines, action
        for line in lines:
            assert line.count("“") == line.count("”") and line.count('"') % 2 == 0, (action, line)


@pytest.mark.parametrize("question", ["/news summary", "/news Brega search", "/news oil summary", "/news timeline"])
def test_wire_datelines_and_credit_lines_are_not_lines(empty_db, question) -> None:
    """'BREGA, Libya (Reuters) -' is where the story was filed, and '(Reporting by …)' who filed it: neither is
    a sentence of the story, alone or run into the first one."""
    assert ingest(empty_db, [str(FIXTURES / "wire_datelines.jsonl")]).ok
    lines = texts(ask(empty_db, question, limit=10))
    assert lines, question
    for line in lines:
        assert "(Reuters)" not in line and "reporting by" not in line.lower() and "EST" not in line, line
    if question == "/news summary":
        assert any(line.startswith("Libyan rebels took the oil port of Brega") for line in lines)


@pytest.mark.parametrize("question", ["/news Misrata summary", "/news Misrata search", "/news quotes",
                                      "/news timeline"])
def test_broadcast_and_reader_furniture_and_run_in_headlines_are_not_lines(empty_db, question) -> None:
    """A headline in capitals run into the first sentence, a pull quote, a shot list, a soundbite label, a
    comments pitch and a reader's comment are page furniture, not lines of the story."""
    assert ingest(empty_db, [str(FIXTURES / "broadcast_furniture.jsonl")]).ok
    answer = ask(empty_db, question, limit=10)
    for line in texts(answer):
        for bad in ("FIGHTS BACK", "Start Quote", "B-ROLL", "SOUNDBITE", "welcome comments", "BluesBerry",
                    "oil for Nato"):
            assert bad not in line, line
    if "summary" in question:
        assert any(line.startswith("With several thousand troops") for line in texts(answer)), texts(answer)


@pytest.mark.parametrize("action", ["summary", "facts", "search Pisco"])
def test_a_thing_said_before_and_the_reporters_first_person_are_not_lines(empty_db, action) -> None:
    """'The plan would cost …' (which plan?) and 'We had no luck …' (who is we?) do not stand alone; 'The plan
    to rebuild the port …' says which plan."""
    assert ingest(empty_db, [str(FIXTURES / "dangling.jsonl")]).ok
    lines = texts(ask(empty_db, f"/peru {action}", limit=10))
    assert not any(line.startswith(("The plan would", "We had", "And they")) for line in lines), lines
    if action == "summary":
        assert any(line.startswith("The plan to rebuild the port") for line in lines), lines
