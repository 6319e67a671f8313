"""What a figure counts, row by row (bot/subscriptions/measures.py): which figures a digest may compare."""

from __future__ import annotations

import pytest

from bot.subscriptions.measures import added, around, contrast, measure_of, of_each, same_thing

MEXICO, TEXAS = {1}, {2}


@pytest.mark.parametrize(("sentence", "figure", "unit", "outcome"), [
    ("At least 20 people have died in Mexico.", "At least 20 people", "people", "dead"),
    ("Police arrested 85 people at the port.", "85 people", "people", "arrested"),
    ("Officials said 40 people were injured in the blast.", "40 people", "people", "injured"),
    ("About 1,600 people have fallen ill in Mexico.", "About 1,600 people", "people", "cases"),
    ("Oil is gushing at 19,000 barrels a day from the well.", "19,000 barrels a day", "barrels a day", "flowing"),
    ("The field pumped 1.6 million barrels per day before the war.", "1.6 million barrels per day",
     "barrels per day", "produced"),
])
def test_the_words_around_a_figure_say_what_it_counts(sentence: str, figure: str, unit: str, outcome: str) -> None:
    measure = measure_of(unit, around(sentence, figure), MEXICO)
    assert measure is not None and measure.outcome == outcome


def test_a_figure_of_no_outcome_or_no_place_is_never_compared() -> None:
    assert measure_of("people", "Drugs were stockpiled for 50 million people.", MEXICO) is None
    assert measure_of("people", "Four people have died.", set()) is None  # where? a school or a country
    assert measure_of("hectares", "Coca covered 20 hectares where 3 people died.", MEXICO) is None


def test_the_same_outcome_in_another_place_or_as_an_addition_is_another_measure() -> None:
    mexico = measure_of("people", "20 people died in Mexico", MEXICO)
    assert mexico is not None and same_thing(mexico, measure_of("deaths", "60 deaths in Mexico", MEXICO | TEXAS))
    assert not same_thing(mexico, measure_of("people", "3 people died in Texas", TEXAS))
    more = measure_of("people", "20 more people died", MEXICO, added("20 more people died", "20 more people"))
    assert not same_thing(mexico, more)
    assert added("Three new cases were found", "Three new cases") and not added("Eight cases", "Eight cases")
    assert of_each("Spain and the UK confirmed two cases each.", "two cases")


def test_what_each_sentence_says_it_counts() -> None:
    assert contrast("20 confirmed deaths", "60 suspected deaths") == "confirmed vs suspected"
    assert contrast("an estimated 5,000 barrels a day", "the official figure, 1,000 barrels a day") == \
        "estimate vs official"
    assert contrast("20 deaths", "60 suspected deaths") == ""


def test_a_count_beside_others_its_sentence_names_is_never_compared() -> None:
    """"9 other possible cases", "the remaining 30 patients": what is left beside a total, not a measure."""
    sentence = "Doctors are testing 9 other possible cases in Wales."
    assert measure_of("cases", sentence, MEXICO, counted="9 other possible cases other possible cases") is None
    assert measure_of("patients", "The remaining 30 patients fell ill in Wales.", MEXICO,
                      counted="remaining 30 patients patients") is None
    assert measure_of("cases", "Wales has 25 confirmed cases.", MEXICO, counted="25 confirmed cases") is not None


def test_counts_of_differently_named_groups_are_different_measures() -> None:
    """"31 confirmed UK cases" and "25 cases" (both in the same places) count different things."""
    uk = measure_of("cases", "There are 31 confirmed UK cases in Wales.", MEXICO, counted="31 confirmed UK cases")
    plain = measure_of("cases", "There are 25 cases in Wales.", MEXICO, counted="25 cases cases")
    again = measure_of("cases", "Wales has 40 UK cases now.", MEXICO, counted="40 UK cases")
    assert uk is not None and plain is not None and again is not None
    assert not same_thing(uk, plain) and same_thing(uk, again)
