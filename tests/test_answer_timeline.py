"""A timeline dates each event by the event, once: a past-tense report takes the nearest date not after
publication, the event's own year beats the year it was reported, and no sentence appears twice."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES

from bot.answer.engine import ask
from bot.extract.pipeline import analyse
from bot.ingest.model import RawArticle
from bot.ingest.service import ingest


@pytest.fixture
def timeline(empty_db):
    assert ingest(empty_db, [str(FIXTURES / "timeline.jsonl")]).ok
    return ask(empty_db, "/news timeline", limit=20)


def date_of(answer, words: str) -> list[str]:
    return [item["date"] for item in answer.items if words in item["text"]]


def test_no_sentence_twice(timeline) -> None:
    texts = [item["text"] for item in timeline.items]
    assert len(texts) == len(set(texts))
    assert timeline.total == len(timeline.items)


def test_the_event_carries_its_own_date(timeline) -> None:
    assert date_of(timeline, "Extortion complaints dropped") == ["2019"]
    assert date_of(timeline, "two ministers met") == ["2016"]


def test_a_document_date_dates_no_event(timeline) -> None:
    assert date_of(timeline, "fighting a rival faction") == []


def test_past_reports_are_not_dated_after_publication(timeline) -> None:
    assert date_of(timeline, "sought to answer") == ["2020-03-05"]
    assert date_of(timeline, "security secretary suggested") == ["2020-02"]


@pytest.fixture
def clauses(empty_db):
    assert ingest(empty_db, [str(FIXTURES / "timeline_clauses.jsonl")]).ok
    return ask(empty_db, "/news timeline", limit=20)


def test_a_date_in_a_name_is_no_date(clauses) -> None:
    assert date_of(clauses, "Martyrs' Brigade") == []
    assert date_of(clauses, "shelled the Baba Amr district") == ["2012-06-07"]


def test_the_main_clause_s_date_wins_over_a_side_clause_s(clauses) -> None:
    """The envoy spoke on Wednesday (published Friday 9 March 2012); "last March" dates the revolt she
    mentions in passing, not her words."""
    assert date_of(clauses, "envoy Maria Lind said") == ["2012-03-07"]


@pytest.mark.parametrize("words", [
    "who quit in February",          # a relative clause about the speaker
    "detained since the marches",    # what came before: "since … began in May"
    "before the revolt started",     # "before … last year"
    "a war that broke out",          # a clause describing a noun
    "rebels who rose up",            # however deep, and though the main verb is "be"
    "an inquiry published in",       # a document's publication in a clause about it is no report of the event
])
def test_a_date_in_a_clause_about_something_else_dates_nothing(clauses, words) -> None:
    assert date_of(clauses, words) == []


def test_names_with_a_date_in_them_are_no_dates(clauses) -> None:
    assert date_of(clauses, "6 April Youth Movement") == []
    assert date_of(clauses, "14 February Coalition") == []


def test_a_noun_s_schedule_is_its_event(clauses) -> None:
    assert date_of(clauses, "talks scheduled for Monday") == ["2012-03-12"]


def test_a_participle_of_speaking_and_a_letter_s_date_are_the_saying_s(clauses) -> None:
    assert date_of(clauses, "Speaking at a rally") == ["2012-03-07"]
    assert date_of(clauses, "letter dated Tuesday") == ["2012-03-06"]


@pytest.fixture
def background(empty_db):
    assert ingest(empty_db, [str(FIXTURES / "timeline_background.jsonl")]).ok
    return ask(empty_db, "/news timeline", limit=20)


@pytest.mark.parametrize("words", [
    "calm since the 1982 war",              # a "since" phrase: what a state has lasted from
    "great quakes in 1842, 1751 and 1692",  # a list of years is no one event's year
    "the king Colonel Hadid overthrew",     # a relative clause the parse leaves loose
    "the regional vote in October",         # a dated thing hung on an adverb, told in passing
])
def test_a_background_date_puts_no_line_on_the_timeline(background, words) -> None:
    assert date_of(background, words) == []


def test_the_saying_s_day_wins_over_a_since_date(background) -> None:
    """Published Saturday 28 May 2011: the agencies spoke on Thursday, the landslide is what the count runs
    from."""
    assert date_of(background, "pulled alive from the ruins") == ["2011-05-26"]


def test_a_date_ending_a_running_period_is_the_nearest_one(background) -> None:
    """ "suspended until June 3" in a 28 May article is six days on, not June of the year before."""
    assert date_of(background, "suspended until June 3") == ["2011-06-03"]


def test_an_opening_year_beats_a_year_deeper_in_the_sentence(background) -> None:
    assert date_of(background, "a new strain of the virus") == ["1957"]


def test_a_main_clause_of_today_keeps_a_deeper_year_off_the_timeline(background) -> None:
    """ "exist today which did not exist in 1957" is about today; a report keeps the date of what it reports."""
    assert date_of(background, "Several treatments exist today") == []
    assert date_of(background, "the bridge was built in 1995") == ["1995"]



def test_a_day_the_month_lacks_dates_nothing(empty_db, tmp_path) -> None:
    """ "until April 31" names no day: the line is not put on the timeline at an impossible date."""
    row = {"title": "Roads closed", "url": "https://example.org/no-day", "date": "2009-04-29", "tags": "Mexico",
           "content": "The mountain roads will stay closed until April 31 while crews clear the rockfalls."}
    path = tmp_path / "no_day.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert ingest(empty_db, [str(path)]).ok
    dates = [item["date"] for item in ask(empty_db, "/news timeline", limit=20).items]
    assert all(d.startswith(("2008", "2009", "2010")) and "-04-31" not in d for d in dates), dates


def test_an_ongoing_action_on_the_weekday_after_publication_is_the_next_day(background) -> None:
    """Published Sunday 28 August 2011 (a wire stamp of Sunday evening in New York is Monday where the story is
    filed): rebels "were closing in … on Monday" is the Monday after, not six days back; a finished action on
    Monday still counts back."""
    assert date_of(background, "closing in on the coastal town") == ["2011-08-29"]
    assert date_of(background, "abandoned the hill fort") == ["2011-08-22"]


def test_a_progressive_a_when_clause_breaks_into_counts_back() -> None:
    """A Sunday story: protesters "were gathering … on Monday when police fired tear gas" tells of last Monday, not
    the day after publication (a date in the future for a thing that happened); an ongoing search "on Monday" is
    still the next day."""
    body = ("Peru's government is facing growing anger over its response to the floods in the north.\n\n"
            "Protesters were gathering outside the regional government offices in Piura on Monday when police "
            "fired tear gas.\n\n"
            "Rescue teams are searching for 12 missing fishermen off the coast of Paita on Monday, the navy said.")
    analysis = next(analyse([RawArticle(title="Anger over floods", text=body, published="2024-03-10")]))
    dated = {analysis.sentences[e.sent].text[:20]: e.date for e in analysis.events}
    assert dated.get("Protesters were gath") == "2024-03-04", dated
    assert dated.get("Rescue teams are sea") == "2024-03-11", dated


def test_a_precedent_a_speaker_recalls_is_no_event_of_the_story(background) -> None:
    """ "noted that the UN operation in Chad in 2008 … had lasted for months": a comparison told in passing in
    a 2011 statement; the simple past of what a speaker reports keeps its year."""
    assert date_of(background, "the UN operation in Chad") == []
    assert date_of(background, "their depot near Kalo opened") == ["2003"]


def test_a_date_inside_an_open_question_is_no_event(background) -> None:
    """ "raises questions about whether the ministry is trying to … before the vote in May": analysis of now,
    the vote a question's words, not a dated event."""
    assert date_of(background, "this new crackdown raises questions") == []


def test_a_time_an_as_clause_compares_is_no_event(background) -> None:
    """ "do not have local support as they did when they seized the port of Kalo on August 12": the seizure is
    another time set beside the news, not the line's event; "as commanders had promised" keeps the entry's."""
    assert date_of(background, "do not have local support") == []
    assert date_of(background, "entered the old quarter") == ["2011-08-14"]
