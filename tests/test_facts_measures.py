"""A figure line says what is counted: a scale written apart stays with its sum ("$4.2 m"), money spent on
something measures that thing, a share of a company is a share of it, "those" keeps who they are, a total
given "as" a number is that total; a figure with nothing counted (a distance, a price of what?), a
magnitude, an age, a change over a span of years with nothing named, and a number before a person's name
are no lines of `/news facts`."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from bot.answer.engine import ask
from bot.ingest.service import ingest


@pytest.fixture
def facts(empty_db):
    assert ingest(empty_db, [str(FIXTURES / "figures_measures.jsonl")]).ok
    return ask(empty_db, "/news facts", limit=40)


def shown(answer, words: str) -> list[tuple[str, str]]:
    """(figure, measure) of each line whose sentence has `words`."""
    return [(item["figure"], item["measure"]) for item in answer.items if words in item["text"]]


@pytest.mark.parametrize(("words", "line"), [
    ("pledged an extra", ("$4.2 m", "aid")),
    ("in emergency funding", ("£18.5 m", "emergency funding")),
    ("has spent at least", ("$40 million", "emergency shelter")),
    ("bought 30 percent", ("30 percent", "share of Atlas Shipping Lines")),
    ("those admitted", ("nearly 60%", "under 40, of those admitted")),  # the share, its base and what it counts
    ("gave the number of confirmed cases", ("12,345", "number of confirmed cases")),
    ("annual earnings of around", ("five or six million dollars", "annual earnings")),
])
def test_a_figure_line_says_what_is_counted(facts, words, line) -> None:
    assert shown(facts, words) == [line]


@pytest.mark.parametrize("words", [
    "cycled ten miles",                # a distance of what?
    "sold at 200 pesos",               # a price with nothing priced
    "magnitude 7.1 earthquake",        # a reading on a scale, not a count of quakes
    "a 900 percent increase in two",   # a change over years, nothing named as changing
    "as young as seven",               # an age
])
def test_a_figure_with_nothing_counted_is_no_line(facts, words) -> None:
    assert shown(facts, words) == []


def test_a_person_s_name_is_never_what_is_counted(facts) -> None:
    assert not any("Lopez" in str(item["measure"]) for item in facts.items)
