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
    soles = next(s for s in stats if s.unit.startswith("soles"))
    assert (soles.low, soles.value) == (1_500, 2_500) and "1,500" in soles.text
    dollars = next(s for s in stats if s.unit.startswith("dollars"))
    assert (dollars.low, dollars.value) == (5_000_000, 6_000_000)


def test_a_rate_in_time_keeps_its_base(stats) -> None:
    """ "2,500 soles a month", "six million dollars a year": a month's and a year's, not a total."""
    assert {s.unit for s in stats} >= {"soles a month", "dollars a year"}


WIRE = """The well is leaking about 19,000 barrels a day into the Gulf, officials said.

Oil rose above $100 per barrel on Friday, and BP set aside £13.5bn to cover the cost of the spill.

Between 3% and 6% of clinical cases needed hospital treatment, the agency said.

Global demand falls 0.5% this year, the agency forecast.

Between 200,000 and a quarter of a million people fled the fighting, and about three-quarters of a million
people were displaced.

Half a million people marched in the capital, and the club paid £2m for the striker.

Taxes would rise by £10bn or £11bn, and a room costs between $5 and $10 a day."""


@pytest.fixture(scope="module")
def wire():
    analysis = next(analyse([RawArticle("Oil, flu and war", WIRE.replace("\n", " ").replace("  ", "\n\n"),
                                        published="2011-03-05")]))
    return {s.text: s for s in analysis.statistics}


@pytest.mark.parametrize(("text", "value", "low", "unit"), [
    ("about 19,000 barrels a day", 19_000, None, "barrels a day"),   # a rate keeps its base
    ("$100 per barrel", 100, None, "$"),
    ("£13.5bn", 13_500_000_000, None, "£"),                           # a scale written short stays
    ("£2m", 2_000_000, None, "£"),
    ("between 3% and 6%", 6, 3, "%"),                                 # a range of shares keeps both ends
    ("between 200,000 and a quarter of a million people", 250_000, 200_000, "people"),  # not "a million"
    ("Half a million people", 500_000, None, "people"),
    ("£10bn or £11bn", 11_000_000_000, 10_000_000_000, "£"),         # a money range keeps both ends
    ("between $5 and $10 a day", 10, 5, "$"),
])
def test_figures_as_written(wire, text, value, low, unit) -> None:
    stat = wire.get(text)
    assert stat is not None, list(wire)
    assert (stat.value, stat.low, stat.unit) == (value, low, unit)


def test_three_quarters_of_a_million_is_750000(wire) -> None:
    assert any(s.value == 750_000 for s in wire.values()) and 1_000_000 not in {s.value for s in wire.values()}


def test_a_change_keeps_its_direction(wire) -> None:
    assert wire["0.5%"].measure == "demand (fall)"


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


COUNTED = """Ruritania saw a 45 percent spike in burglaries in 2019, the ministry said.

Another 20 percent ends up across the border.

The number of illegal wells has soared, increasing nearly 3,000 percent since 2012.

Fuel theft became a lucrative trade, reaching an estimated $2.75 billion in 2019.

Grain output was reduced by 30%, costing the treasury about $410m a month in revenue.

The central bank's reserves were estimated at $12bn (£7.6 bn) before the war.

The insurers gave the claim just a 4% chance of success.

Of the 42 airstrips the army found, 29 were in the north.

Officials said the death toll rose to 61 on Monday.

About 12m people live in the valley, and the coast guard found a 20m boat.

The guards searched the seven-ton cargo, and the journey of the seven tons took a month.

The town, about 90km (56 miles) east of the capital, has 12 clinics (two of them private)."""


@pytest.fixture(scope="module")
def counted():
    analysis = next(analyse([RawArticle("Ruritania's year", COUNTED, published="2020-03-05")]))
    return analysis.statistics


def shown(stats) -> dict[str, str]:
    """Each figure as a facts line shows it: the figure and its label."""
    from bot.answer.format import figure_label
    return dict(figure_label({"figure": s.text, "value": s.value, "unit": s.unit, "measure": s.measure,
                              "qualifier": s.qualifier, "period": s.period}) for s in stats)


@pytest.mark.parametrize(("figure", "label"), [
    ("45 percent", "burglaries (spike), 2019"),                 # "spike" is the change whatever its tag
    ("nearly 3,000 percent", "number of illegal wells (increase)"),  # the subject of the participle's clause
    ("$2.75 billion", "Fuel theft, 2019"),
    ("30%", "Grain output (reduce)"),                       # "reduced by": the passive's agent
    ("$410m a month", "revenue"),                           # a sum keeps its scale, base and what it is
    ("$12bn", "reserves"),
    ("4%", "chance of success"),
    ("29", "airstrips"),                                    # "Of the 42 airstrips …, 29 were …"
    ("61", "death toll"),
    ("About 12m people", ""),                               # "12m people" is 12 million
    ("20m boat", ""),                                       # "a 20m boat" is 20 metres long
    ("seven-ton cargo", ""),                                # a unit hyphenated to its number describes a noun
    ("about 90km", None),                                   # a distance that measures nothing is a position
    ("12 clinics", ""),
])
def test_every_figure_says_what_it_counts(counted, figure, label) -> None:
    lines = shown(counted)
    assert lines.get(figure) == label, lines


def test_a_figure_without_a_counted_thing_is_not_a_fact(counted) -> None:
    """ "Another 20 percent ends up …": 20 percent of what, the sentence does not say."""
    assert 20 not in {s.value for s in counted if s.unit == "%"}


def test_twelve_million_people_and_a_boat_of_twenty_metres(counted) -> None:
    assert 12_000_000 in {s.value for s in counted}
    assert 20_000_000 not in {s.value for s in counted}


def test_conversions_and_figures_said_again_are_not_new_figures(counted) -> None:
    """ "(£7.6 bn)", "(56 miles)" convert the figure before them; "the seven tons" names the cargo again;
    "(two of them private)" is a part, not a conversion, but counts nothing of its own."""
    values = [s.value for s in counted]
    assert 7_600_000_000 not in values and 56 not in values
    assert values.count(7) == 1


NOT_COUNTS = """A curfew began at 2100 GMT, and the markets opened at 10:30 GMT.

The FTSE 100 fell 2% as G20 ministers met, and two Airbus A380 jets were grounded.

12 Mar 2011 - 37 people were killed in the capital.

The country placed in the top 20 of nations with the most secretive banks.

The army said the toll stood at 4,120 - 3,015 civilians and 1,105 soldiers.

The eight-month-old revolt has spread, and the victim was shot at least six times."""


@pytest.fixture(scope="module")
def not_counts():
    analysis = next(analyse([RawArticle("Times and names", NOT_COUNTS, published="2011-03-14")]))
    return analysis.statistics


def test_times_names_dates_ranks_and_ages_are_not_figures(not_counts) -> None:
    values = {s.value for s in not_counts}
    assert not values & {2100, 10, 30, 100, 20, 380, 12, 2011, 8, 6}, [s.text for s in not_counts]


def test_a_count_after_a_dated_dash_is_the_count(not_counts) -> None:
    assert any(s.value == 37 and s.unit == "people" for s in not_counts)


def test_a_dash_between_a_total_and_its_parts_is_no_range(not_counts) -> None:
    civilians = next(s for s in not_counts if s.unit == "civilians")
    assert (civilians.value, civilians.low) == (3015, None)


def test_the_fall_of_an_index_is_a_figure_of_the_index(not_counts) -> None:
    assert next(s for s in not_counts if s.value == 2).measure == "FTSE (fall)"


def test_a_compound_counts_its_last_noun() -> None:
    analysis = next(analyse([RawArticle("Plants", "Inspectors found three weapons production plants near the "
                                        "port.", published="2020-03-05")]))
    assert [(s.value, s.unit) for s in analysis.statistics] == [(3, "plants")]
