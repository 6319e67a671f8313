"""Quotes keep their speaker and their reporting verb: a denial is never shown as the speaker's claim,
words inside a relative clause are that person's, and things that cannot speak are no speakers."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES

from bot.answer.engine import ask
from bot.ingest.service import ingest


@pytest.fixture
def quotes_answer(empty_db):
    assert ingest(empty_db, [str(FIXTURES / "quotes.jsonl")]).ok
    return ask(empty_db, "/news quotes", limit=20)


def by_quote(answer, words: str) -> dict:
    found = [item for item in answer.items if words in (item["quote"] or "")]
    assert len(found) == 1, [item["quote"] for item in answer.items]
    return found[0]


def test_a_denial_keeps_its_verb(quotes_answer) -> None:
    item = by_quote(quotes_answer, "garlic can protect")
    assert item["speaker"] == "World Health Organization" and item["verb"] == "denying"
    line = quotes_answer.text.splitlines()[quotes_answer.items.index(item)]
    assert "denied that garlic can protect" in line


def test_a_negated_report_is_not_a_claim(quotes_answer) -> None:
    assert not [item for item in quotes_answer.items if "behind the attack" in (item["quote"] or "")]


def test_every_quote_has_its_verb_in_the_line(quotes_answer) -> None:
    for item, line in zip(quotes_answer.items, quotes_answer.text.splitlines(), strict=True):
        if item["kind"] == "paraphrase":
            assert item["verb"] and "paraphrased" not in line


def test_speakers_are_the_right_people(quotes_answer) -> None:
    assert by_quote(quotes_answer, "rot in the jungle")["speaker"] == "Marta Ríos"
    assert by_quote(quotes_answer, "totally false")["speaker"] == "Tomás Vidal"
    assert by_quote(quotes_answer, "scanners were too slow")["speaker"] == "Anna van der Berg"


def test_things_and_correction_notes_are_no_speakers(quotes_answer) -> None:
    speakers = {item["speaker"] for item in quotes_answer.items}
    assert not {"The seizure", "These latest targeted attacks", "A previous version of this article"} & speakers
    assert not [item for item in quotes_answer.items if "resigned" in (item["quote"] or "")]


def _one_article(db, tmp_path, content: str):
    """An archive of one article with this body, asked for its quotes."""
    row = {"title": "Sanctions and threats", "url": "https://example.org/sanctions", "date": "2020-05-04",
           "tags": "Venezuela", "content": content}
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    assert ingest(db, [str(path)]).ok
    answer = ask(db, "/news quotes", limit=10)
    return answer, answer.text.splitlines()


def test_the_grounds_of_a_named_bodys_act_are_its_words_and_say_so(empty_db, tmp_path) -> None:
    """ "OFAC sanctioned Cabello for “…”": the agency's words, shown as its grounds, not as something it
    said and not unattributed."""
    answer, lines = _one_article(empty_db, tmp_path, (
        "In 2018, the US Treasury Department’s Office of Foreign Asset Controls (OFAC) sanctioned Diosdado"
        " Cabello for “drug trafficking, money laundering and other corrupt activities.”\n\nThe Treasury"
        " Department also accused Tareck El Aissami of “playing a significant role in international narcotics"
        " trafficking.”"))
    assert not any(line.startswith("Unattributed") for line in lines), lines
    assert any(line.startswith("Office of Foreign Asset Controls sanctioned … for: “drug trafficking")
               for line in lines), lines
    assert any("Treasury Department accused … of: “playing a significant role" in line for line in lines), lines


def test_a_paraphrase_keeps_its_listener(empty_db, tmp_path) -> None:
    """ "X told reporters that …" reads as it was written, not "X told … that …"."""
    answer, lines = _one_article(empty_db, tmp_path, (
        "Carlos Mendoza told InSight Crime that gangs charge every bus driver a weekly fee.\n\n"
        "Ana Quispe told him that the fares would not rise."))
    assert any(line.startswith("Carlos Mendoza told InSight Crime that gangs charge") for line in lines), lines
    assert any(line.startswith("Ana Quispe told … that the fares") for line in lines), lines


def test_a_paraphrase_does_not_keep_the_sentence_adverb_that_joined_it(empty_db, tmp_path) -> None:
    """ "However, the case has not progressed, according to X" reads "According to X, the case …",
    not "According to X, However, the case …"."""
    answer, lines = _one_article(empty_db, tmp_path, (
        "Two suspects were arrested in 2019 for the killing of the community leader.\n\n"
        "However, the case against them has not progressed, according to Amnesty International.\n\n"
        "Meanwhile, the family has received new threats, according to Human Rights Watch."))
    assert any(line.startswith("According to Amnesty International, the case against them") for line in lines), lines
    assert any(line.startswith("According to Human Rights Watch, the family has received") for line in lines), lines
    assert not any("However" in line or "Meanwhile" in line for line in lines), lines


def test_a_capitalised_common_word_is_no_speaker(empty_db, tmp_path) -> None:
    """A label in capitals or a number word before 'said' is nobody ('PHASE said', 'One said'); a surname that
    is also a word ('Trump said') is still a person."""
    answer, _ = _one_article(empty_db, tmp_path, "“The ceasefire is over,” PHASE said in its bulletin on Monday.\n\n"
                          "“The rebels are advancing,” One said.\n\n“We will win this state,” Trump said.")
    speakers = {item["quote"]: item["speaker"] for item in answer.items}
    assert speakers["The ceasefire is over"] is None and speakers["The rebels are advancing"] is None
    assert speakers["We will win this state"] == "Trump"


def test_a_speaker_named_in_a_clause_of_their_own(empty_db, tmp_path) -> None:
    """'a rebel at the scene named Hassan Douwa said:', 'said the doctor, called Nury, who …', 'a fighter, who
    gave his name as Ahmed, said …': the name is the speaker, not an unattributed quote or 'A resident'."""
    answer, _ = _one_article(empty_db, tmp_path, "Two more children were wounded. A rebel at the scene named Hassan "
                             "Douwa said: “Is NATO waiting for Gaddafi to kill us all before it does its job?”\n\n"
                             "“We don't know what NATO is doing,” said the doctor, called Nury, who was tending the "
                             "wounded.\n\nA resident called Abu Omar said the town had been shelled for three days.")
    speakers = {item["speaker"] for item in answer.items}
    assert {"Hassan Douwa", "Nury", "Abu Omar"} <= speakers and None not in speakers, speakers


def test_speaker_roles_are_read_for_the_shown_quotes_only(empty_db) -> None:
    """A quotes page reads the roles of the speakers it shows, not of every speaker in the pool of quotes
    behind it (dozens of speakers on a broad topic, each with up to ROLE_FACTS role facts); every page
    still gives its speakers the roles the whole answer gives them."""
    import re

    assert ingest(empty_db, [str(FIXTURES / "quotes.jsonl")]).ok
    whole = {item["fact_id"]: item["speaker_role"] for item in ask(empty_db, "/news quotes", limit=50).items}
    assert len({r for r in whole.values() if r}) >= 2
    asked: list[set[int]] = []

    def trace(sql: str) -> None:
        if "PARTITION BY f.entity_id" in sql:
            asked.append({int(n) for n in re.findall(r"\d+", sql.split("f.entity_id IN (")[1].split(")")[0])})

    for offset in range(0, len(whole), 2):
        empty_db.conn.set_trace_callback(trace)
        try:
            shown = ask(empty_db, "/news quotes", limit=2, offset=offset)
        finally:
            empty_db.conn.set_trace_callback(None)
        speakers = {empty_db.execute("SELECT entity_id FROM facts WHERE id = ?", [item["fact_id"]]).fetchone()[0]
                    for item in shown.items}
        assert asked.pop() <= speakers
        assert {item["fact_id"]: item["speaker_role"] for item in shown.items} == \
            {item["fact_id"]: whole[item["fact_id"]] for item in shown.items}


@pytest.mark.parametrize(("verb", "line"), [
    ("say", "The alliance said that the patrols would end"),          # "Both the alliance and the council say …"
    ("replies", "The alliance replied that the patrols would end"),
    ("stressing", "The alliance stressed that the patrols would end"),
    ("urging", "The alliance urged that the patrols would end"),
    ("according to", "According to The alliance, the patrols would end"),
])
def test_a_paraphrase_reads_in_the_past_whatever_form_the_article_used(verb: str, line: str) -> None:
    """A card or quotes line reads 'X said that …': a plural's bare verb ('Both NATO and the council say'), a
    present or a participle the parser kept ('stressing', 'urging') is put in the past like 'telling' always was;
    'according to' stays."""
    from bot.answer.format import quote_line

    item = {"speaker": "The alliance", "verb": verb, "quote": "the patrols would end", "kind": "paraphrase"}
    assert quote_line(item) == line
