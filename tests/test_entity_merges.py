"""Entities across articles never chain: a name joins a stored entity only on evidence about that entity
(its own name, a surname, an acronym, a spelling), never through a third name; a word before a person's
name ("Briton", "Executive", a photo credit) is not part of it. Wire copy with datelines is the test bed:
"TRIPOLI, Libya (Reuters) -" once made Reuters a name of Libya, and every "LONDON (Reuters)" after it."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from bot.answer.engine import ask
from bot.extract.given_names import drop_name_prefix
from bot.extract.names import related_names
from bot.ingest.service import ingest
from bot.nlp import english_words


@pytest.fixture(scope="module")
def wire(tmp_path_factory):
    from storage.db import open_db

    db = open_db(tmp_path_factory.mktemp("wire") / "wire.db")
    assert ingest(db, [str(FIXTURES / "wire_entities.jsonl")]).ok
    return db


def card(db, name: str) -> dict:
    answer = ask(db, f"/news who {name}")
    assert answer.items, answer.text
    return answer.items[0]


def folded(names) -> set[str]:
    return {n.lower() for n in names}


def test_a_dateline_agency_is_not_a_name_of_the_place(wire) -> None:
    libya = card(wire, "Libya")
    assert libya["name"] == "Libya" and libya["type"] == "GPE"
    assert folded(libya["aliases"]) == {"libya"}


@pytest.mark.parametrize("city", ["London", "New Delhi", "Ankara"])
def test_each_dateline_city_is_its_own_place(wire, city) -> None:
    item = card(wire, city)
    assert item["name"].lower() == city.lower() and item["type"] == "GPE"
    assert "libya" not in folded(item["aliases"]) and "reuters" not in folded(item["aliases"])


def test_the_agency_is_nobody_elses_name(wire) -> None:
    answer = ask(wire, "/news who Reuters")  # the datelines are not text any more; if it is named, it is itself
    assert not answer.items or folded(answer.items[0]["aliases"]) == {"reuters"}


def test_an_acronym_written_once_still_joins_its_expansion(wire) -> None:
    assert card(wire, "NTC")["name"] == "National Transitional Council"
    assert card(wire, "NTC")["mentions"] == 2  # its expansion in one article, the bare acronym in the next


def test_words_before_a_persons_name_are_not_his_name(wire) -> None:
    hayward = card(wire, "Tony Hayward")
    assert hayward["name"] == "Tony Hayward" and hayward["type"] == "PERSON"
    assert not hayward["namesakes"] and folded(hayward["aliases"]) == {"tony hayward", "hayward"}
    assert card(wire, "Hayward")["name"] == "Tony Hayward"


@pytest.mark.parametrize(("a", "b", "person", "same"), [
    ("Gaddafi", "Muammar Gaddafi", True, True),      # a surname of the same person
    ("Gadhafi", "Gaddafi", True, True),              # a spelling
    ("NTC", "National Transitional Council", False, True),  # an acronym
    ("Zeballos Trigoso", "Nicolás Zevallos Trigoso", True, True),  # a misspelt double surname
    ("Security Council", "United Nations Security Council", False, True),
    ("Reuters", "London", False, False),             # two names once written beside a third
    ("Libya", "New Delhi", False, False),
    ("Muammar Gaddafi", "Saif al-Islam Gaddafi", True, False),  # father and son
    ("United Nations", "United Nations Security Council", False, False),  # a body and its organ
    ("Council", "National Transitional Council", False, False),  # one common word is no evidence
])
def test_related_names(a, b, person, same) -> None:
    assert related_names(a, b, person=person) is same


@pytest.mark.parametrize(("span", "name"), [
    ("Briton Tony Hayward", "Tony Hayward"),
    ("Executive Tony Hayward", "Tony Hayward"),
    ("Defector Nawaf al-Fares", "Nawaf al-Fares"),
    ("Patrick Semansky/Associated Press Tony Hayward", "Tony Hayward"),
    ("Crown Prince Mohammed bin Salman", "Mohammed bin Salman"),
    ("Andrés Manuel López Obrador", "Andrés Manuel López Obrador"),  # not an English word
    ("Bill de Blasio", "Bill de Blasio"),            # a given name that is also a word
    ("Grant Shapps", "Grant Shapps"),                # two words are left as they are
])
def test_name_prefixes(span, name) -> None:
    assert drop_name_prefix(span, english_words()) == name


def test_an_acronym_names_the_phrase_it_abbreviates(wire) -> None:
    """'the UN Supervision Mission in Syria (UNSMIS)': the tagger's entity before the bracket is Syria, whose
    initials the acronym is not; 'the Local Coordination Committees (LCC)' is that body's acronym."""
    assert "unsmis" not in folded(card(wire, "Syria")["aliases"])
    assert card(wire, "LCC")["name"] == "Local Coordination Committees"
