"""Figures are labelled right: a rate keeps its base, a range both ends; ranks, references, spans of time,
comparisons, rhetoric inside quotes and correction notes are not figures."""

from __future__ import annotations

import pytest

from bot.extract.pipeline import analyse
from bot.ingest.model import RawArticle

TEXT = """Quito registered 410 violent deaths in 2019, with the homicide rate at 7 out of every 100,000 inhabitants.

Shopkeepers pay between 1,500 and 2,500 soles a month, and the gang earns five or six million dollars a year.

The cartel's third-tier bosses were detained, and the two factions have fought since.

“These are kids with three pistols,” the governor said.

For over thirty years, he ran the smuggling ring, and the killings came just over two months after his arrest.

A previous version of this article incorrectly reported that the murder rate was 51 per 100,000 people.

Some 900 hectares, equivalent to almost 1,200 soccer pitches, were cleared in a three-way fight.

Prosecutors counted 132 murders of former combatants, nine of whom had been displaced, and two of them testified."""


@pytest.fixture(scope="module")
def stats():
    analysis = next(analyse([RawArticle("Quito's bad year", TEXT, published="2020-03-05")]))
    return analysis.statistics


def test_a_rate_keeps_its_base_and_the_base_is_not_a_figure(stats) -> None:
    rate = next(s for s in stats if s.value == 7)
    assert rate.unit == "per 100,000 inhabitants" and "homicide rate" in rate.measure
    assert 100_000 not in {s.value for s in stats}


def test_ranges_keep_both_ends(stats) -> None:
    soles = next(s for s in stats if s.unit == "soles")
    assert (soles.low, soles.value) == (1_500, 2_500) and "1,500" in soles.text
    dollars = next(s for s in stats if s.unit == "dollars")
    assert (dollars.low, dollars.value) == (5_000_000, 6_000_000)


def test_a_count_of_a_pronoun_is_not_a_figure(stats) -> None:
    """ "nine of whom", "two of them" count the words before them; the figure is the 132 murders."""
    assert any(s.value == 132 and s.unit == "murders" for s in stats)
    assert not {9, 2} & {s.value for s in stats}, [s.text for s in stats]


def test_what_is_not_a_figure(stats) -> None:
    values = {s.value for s in stats}
    assert not values & {3, 2, 30, 51, 1_200}  # rank, reference, quote, span, gap, correction, comparison
    assert {410, 900} <= values


def test_a_hyphenated_modifier_before_a_hyphenated_noun_keeps_the_figure() -> None:
    """'medium-level ex-officers' made the measure code read a span as a token (the BBC crash): the figure
    must come out, with its measure, and no extractor error."""
    text = "Police in Lima arrested 14 medium-level ex-officers on Tuesday, officials said."
    analysis = next(analyse([RawArticle("Arrests", text, published="2020-03-05")]))
    assert not analysis.errors
    assert any(s.value == 14 and s.measure for s in analysis.statistics)
