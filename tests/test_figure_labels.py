"""A figure line says what happened to what it counts, through the real path (ingest, `/news facts`, the digest
posted to the Slack stand-in).

tests/fixtures/figure_labels/verde.jsonl: seven briefs of one day, each with one figure. Four say what happened
to what they count or carry a measure of their own (27 people killed, 1.5 million left homeless, confirmed
cases that rose to 260 from 26, £20m pledged by the government); three count a noun with nothing said of it
(74 countries the fever reached, three rounds of talks held, 60 firefighters heading home): a reader cannot use
"74 countries" or "three rounds" in a digest. strain.jsonl: the BBC's "31 H1N1 cases" in Scotland and Reuters'
"25 confirmed cases" the same day: one measure, named by the strain in one and not the other.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES, copy_archive
from digest_fixtures import digest_standin, post_digests

from bot.answer.engine import ask
from bot.ingest.service import ingest
from bot.subscriptions import service
from storage.db import open_db


@pytest.fixture(scope="module")
def verde_db(seed_db_path, tmp_path_factory):
    db = open_db(copy_archive(seed_db_path, tmp_path_factory.mktemp("verde") / "newsbot.db"))
    service.add(db, service.Request("news", "", None, "daily 08:00", "UTC"), channel="C0VERDE")
    assert ingest(db, [str(FIXTURES / "figure_labels" / "verde.jsonl")], progress=False).ok
    yield db
    db.conn.close()


@pytest.fixture(scope="module")
def figures(verde_db) -> list[str]:
    """Each figure the channel was shown, as its "Figures:" lines list them."""
    with digest_standin() as standin:
        post_digests(verde_db)
        calls = standin.calls_of("chat.postMessage", ok_only=True)
    text = "\n".join(b["text"]["text"] for c in calls for b in c.body["blocks"] if b["type"] == "section")
    return [f for line in text.splitlines() if line.startswith("Figures: ")
            for f in line.removeprefix("Figures: ").split("; ")]


def test_a_digest_figure_says_what_happened_to_what_it_counts(figures) -> None:
    assert "At least 27 people killed" in figures, figures
    assert "About 1.5 million people left homeless" in figures, figures
    assert "rose to 260 from 26 — number of confirmed fever cases" in figures, figures
    assert "£20m — pledged by government" in figures, figures


def test_a_count_of_a_noun_with_nothing_said_of_it_has_no_digest_slot(figures) -> None:
    """"74 countries", "three rounds", "Around 60 firefighters": of what, doing what? No slot."""
    assert not any(word in f for f in figures for word in ("countries", "rounds", "firefighters")), figures


def test_a_change_s_base_is_no_figure_of_its_own(verde_db, figures) -> None:
    """"rose to 260 from 26": 26 is where the count was, never shown as the number of confirmed cases."""
    answer = ask(verde_db, "/news facts", limit=40)
    shown = [(item["figure"], item["measure"]) for item in answer.items]
    assert ("rose to 260 from 26", "number of confirmed fever cases") in shown, shown
    assert not any(figure.startswith("26") for figure, _ in shown), shown
    assert not any(f.startswith("26") for f in figures), figures
    change = next(item for item in answer.items if item["figure"] == "rose to 260 from 26")
    assert (change["previous"], change["direction"]) == (26, "up"), change  # as a Spanish "pasó de 26 a 260"


def test_the_facts_page_labels_a_count_with_its_event(verde_db) -> None:
    """`/news facts` keeps the figures a digest drops, but its labels say what happened where the sentence says
    it: "people killed", not "people"; "pledged by government", not "government"."""
    answer = ask(verde_db, "/news facts", limit=40)
    shown = {item["figure"]: item["measure"] for item in answer.items}
    assert shown["At least 27 people"] == "people killed", shown
    assert shown["About 1.5 million people"] == "people left homeless", shown
    assert shown["£20m"] == "pledged by government", shown


def test_a_strain_named_in_one_count_and_not_the_other_is_still_one_measure(seed_db_path, tmp_path) -> None:
    """31 H1N1 cases (BBC) and 25 confirmed cases (Reuters) in Scotland the same day: "H1N1" names the story's
    virus, not whose cases they are, so the outlets' counts are compared and said to differ, both linked."""
    db = open_db(copy_archive(seed_db_path, tmp_path / "newsbot.db"))
    service.add(db, service.Request("news", "", None, "daily 08:00", "UTC"), channel="C0STRAIN")
    assert ingest(db, [str(FIXTURES / "figure_labels" / "strain.jsonl")], progress=False).ok
    with digest_standin() as standin:
        post_digests(db)
        calls = standin.calls_of("chat.postMessage", ok_only=True)
    db.conn.close()
    text = "\n".join(b["text"]["text"] for c in calls for b in c.body["blocks"] if b["type"] == "section")
    lines = [line for line in text.splitlines() if "Figures disagree on cases" in line]
    assert lines, text
    assert "flu/scotland-bbc|BBC>" in lines[0] and "flu/scotland-reuters|Reuters>" in lines[0], lines
    assert "31" in lines[0] and "25" in lines[0], lines


@pytest.fixture
def spans(empty_db):
    assert ingest(empty_db, [str(FIXTURES / "figure_labels" / "spans.jsonl")], progress=False).ok
    return [(item["figure"], item["measure"]) for item in ask(empty_db, "/news facts", limit=40).items]


def test_times_of_day_and_a_record_s_span_are_no_figures(spans) -> None:
    """"about 1300 local time", "1900 hrs", "a four-month high", "30-month highs": no quantity of anything."""
    assert not any(word in figure for figure, _ in spans for word in ("1300", "1900", "month")), spans


def test_a_sum_worth_of_something_measures_that_thing(spans) -> None:
    assert ("$3 billion", "arms contracts") in spans, spans


def test_an_addition_keeps_the_total_it_brings_the_count_to(spans) -> None:
    """"Nine new cases …, bringing the total to 31": the nine read as new, with their total, never as a total."""
    assert ("Nine new cases", "new cases confirmed (total 31)") in spans, spans


def test_a_reported_event_keeps_its_hedge(spans) -> None:
    """"are reported to have been killed", "were feared dead": the label says reported, feared, never a plain
    "killed" the article does not assert."""
    assert ("Three ministers", "ministers reported killed") in spans, spans
    assert ("Five guards", "guards feared dead") in spans, spans


def test_a_rate_keeps_its_base_after_what_it_measures(spans) -> None:
    assert ("1.6 million barrels of oil a day", "oil") in spans, spans


def test_another_addition_keeps_its_total(spans) -> None:
    assert ("Another eight cases", "cases confirmed (total 39)") in spans, spans
