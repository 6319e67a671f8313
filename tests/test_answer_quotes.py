"""Quotes keep their speaker and their reporting verb: a denial is never shown as the speaker's claim,
words inside a relative clause are that person's, and things that cannot speak are no speakers."""

from __future__ import annotations

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
