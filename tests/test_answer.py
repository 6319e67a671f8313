"""Answers from the seed archive through the same entry point the CLI and Slack use."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from conftest import ROOT

from bot.answer.engine import ask
from bot.answer.grammar import parse

SEED_TITLE = "Can Peru’s New President José Jerí Win His ‘War on Crime’?"


def test_crime_summary_cites_the_seed(seed_db) -> None:
    answer = ask(seed_db, "/peru crime summary")
    assert answer.action == "summary" and answer.desk == "peru" and answer.query == "crime"
    assert 4 <= len(answer.items) <= 6
    assert [s.title for s in answer.sources] == [SEED_TITLE]
    assert all(item["source_id"] == answer.sources[0].id for item in answer.items)
    article_text = seed_db.execute("SELECT text FROM articles").fetchone()[0]
    for item in answer.items:  # nothing invented: only a pronoun's person in brackets, "[Jerí] has come out"
        assert all(part in article_text for part in re.split(r"\[[^\]]+\]", item["text"]))
    assert answer.context == "Based on 1 article, Oct 2025"


def test_word_order_does_not_matter(seed_db) -> None:
    assert ask(seed_db, "summary crime").to_json() == ask(seed_db, "/peru crime summary").to_json()


def test_who_resolves_surname_and_accents(seed_db) -> None:
    for text in ("/peru who Jerí", "who is Jeri", "who José Jerí"):
        item = ask(seed_db, text).items[0]
        assert item["name"] == "José Jerí" and item["type"] == "PERSON"
        assert "Jerí" in item["aliases"]


def test_who_joins_a_misspelled_name(seed_db) -> None:
    item = ask(seed_db, "who Zeballos Trigoso").items[0]
    assert item["name"] == "Nicolás Zevallos Trigoso"
    assert {"Zeballos Trigoso", "Zevallos Trigoso"} <= set(item["aliases"])


def test_headings_are_never_people(seed_db) -> None:
    names = {r[0] for r in seed_db.execute("SELECT name FROM entities")}
    assert not names & {"Hamper Anti-Crime Efforts", "Gold Latin America News", "Corruption"}
    assert seed_db.execute("SELECT type FROM entities WHERE name = 'Somos Perú'").fetchone() == ("ORG",)


def test_search_keeps_phrases_and_highlights(seed_db) -> None:
    answer = ask(seed_db, 'search "gota a gota"')
    assert answer.items[0]["title"] == SEED_TITLE
    assert "*gota a gota*" in answer.items[0]["snippet"].replace("* *", " ")
    assert ask(seed_db, 'search "gota a war"').items == []


def test_latest_lists_the_seed_with_its_summary_line(seed_db) -> None:
    item = ask(seed_db, "latest").items[0]
    assert item["title"] == SEED_TITLE and item["published"] == "2025-10"
    assert item["snippet"].startswith("The “war on crime” proposed by Peru’s new president faces major challenges")
    assert len(item["summary"]) == 3 and SEED_TITLE not in item["summary"]


@pytest.mark.parametrize(
    "text",
    ['search "AND OR NOT ("', "crime NEAR( summary", 'search title:*', "who '); DROP TABLE articles; --",
     'search ""', "search \"unbalanced", "facts ^*", "timeline -", "quotes \\\"'"],
)
def test_fts_hostile_input_is_just_text(seed_db, text: str) -> None:
    answer = ask(seed_db, text)
    assert answer.action != "error"
    assert seed_db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1


def test_unknown_words_are_searched_and_an_empty_result_suggests(seed_db) -> None:
    answer = ask(seed_db, "/peru extorsion summary")
    assert answer.items  # the Spanish word is an alias of the extortion topic
    empty = ask(seed_db, "/peru prisns summary")
    assert empty.items == [] and "prisns" in empty.text and "prisons" in empty.text


def test_unknown_desk_is_a_clear_error(seed_db) -> None:
    answer = ask(seed_db, "/atlantis crime summary")
    assert answer.action == "error" and "/peru" in answer.text


def test_paging(seed_db) -> None:
    first = ask(seed_db, "crime summary", limit=2)
    second = ask(seed_db, "crime summary", limit=2, offset=2)
    assert len(first.items) == 2 and first.has_more
    assert not {i["text"] for i in first.items} & {i["text"] for i in second.items}


@pytest.mark.parametrize("action", ["facts", "quotes", "timeline"])
def test_a_fact_on_several_topics_is_listed_once(seed_db, action: str) -> None:
    answer = ask(seed_db, f"/peru crime {action}", limit=100)
    ids = [item["fact_id"] for item in answer.items]
    assert ids and len(ids) == len(set(ids)) and answer.total == len(ids)


def test_grammar() -> None:
    assert (parse("who is Jeri").action, parse("who is Jeri").argument) == ("who", "Jeri")
    command = parse('/peru search "gota a gota"')
    assert (command.desk, command.action, command.phrases) == ("peru", "search", ["gota a gota"])
    assert parse("timeline prisons").words == ["prisons"] and parse("prisons").action == "summary"


def test_cli_json_contract_on_an_empty_archive(tmp_path) -> None:
    """The embedded default: an empty archive is seeded, then answered, through the real CLI."""
    db = tmp_path / "cli.db"
    run = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--db", str(db), "ask", "--json", "/peru who Jerí"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "ingested the seed articles" in run.stderr
    data = json.loads(run.stdout)
    assert list(data)[:6] == ["action", "desk", "query", "items", "sources", "text"]
    assert data["items"][0]["name"] == "José Jerí" and data["items"][0]["type"] == "PERSON"
    assert "Jerí" in data["items"][0]["aliases"]
    assert data["sources"][0]["title"] == SEED_TITLE


@pytest.mark.parametrize("action", ["facts", "quotes", "timeline"])
def test_broad_topics_walk_the_indexes_to_the_same_page(seed_db, monkeypatch, action: str) -> None:
    """A topic matching thousands of sentences takes the other query plan, for its page and, from more
    matches on, for its count; neither the page nor the count may change."""
    from storage import queries

    narrow = ask(seed_db, f"/peru crime {action}", limit=3)
    monkeypatch.setattr(queries, "BROAD_MIN", 0)
    monkeypatch.setattr(queries, "BROAD_FACTOR", 0)
    monkeypatch.setattr(queries, "COUNT_CAP", 4)
    broad = ask(seed_db, f"/peru crime {action}", limit=3)
    assert [i["fact_id"] for i in broad.items] == [i["fact_id"] for i in narrow.items]
    assert broad.total_capped and broad.total_label == "4+" and narrow.total > 4
    monkeypatch.setattr(queries, "BROAD_MIN", 1)  # the page walks, the count joins the match (COUNT_WALK)
    monkeypatch.setattr(queries, "COUNT_WALK", 10**9)
    mixed = ask(seed_db, f"/peru crime {action}", limit=3)
    assert [i["fact_id"] for i in mixed.items] == [i["fact_id"] for i in narrow.items]
    assert mixed.total_label == "4+"


def test_action_words_inside_topic_words() -> None:
    """ "related" is the action only with an article to relate to; an action's own name wins over an
    everyday synonym ("new" for latest) wherever it stands."""
    command = parse("/peru gang related killings")
    assert (command.action, command.words) == ("summary", ["gang", "related", "killings"])
    assert parse("/peru timeline of gang related murders").action == "timeline"
    assert (parse("/peru related 42").action, parse("/peru related 42").argument) == ("related", "42")
    assert parse("/peru related <https://example.org/a?utm_source=slack>").action == "related"
    assert parse("/peru related").action == "related"
    command = parse("/peru new minister summary")
    assert (command.action, command.words) == ("summary", ["minister"])
    assert parse("/peru new").action == "latest"
    assert parse("/peru find who killed Quispe").argument == "who killed Quispe"


def test_a_topic_with_related_in_it_is_answered_not_refused(seed_db) -> None:
    answer = ask(seed_db, "/peru extortion related crime summary")
    assert answer.action == "summary" and "Related to what" not in answer.text
