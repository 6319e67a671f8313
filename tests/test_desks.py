"""Desks scope every answer: /peru answers from Peru coverage, /mexico from Mexico, /news from all."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from bot.answer.engine import ask
from bot.ingest.service import ingest


@pytest.fixture
def desks_db(seed_db):
    report = ingest(seed_db, [str(FIXTURES / "desks.jsonl")])
    assert report.ok and len(report.added) == 3
    return seed_db


def titles(answer) -> set[str]:
    return {s.title for s in answer.sources}


def test_articles_join_the_desks_they_are_about(desks_db) -> None:
    rows = desks_db.execute(
        "SELECT a.title, group_concat(d.desk) FROM articles a LEFT JOIN article_desks d ON d.article_id = a.id"
        " GROUP BY a.id ORDER BY a.id"
    ).fetchall()
    assert [desks for _, desks in rows] == ["peru", "peru", "mexico", None]  # Venezuela names Mexico twice only


def test_mining_summary_draws_from_the_peru_gold_article(desks_db) -> None:
    answer = ask(desks_db, "/peru mining summary")
    assert "Gold rush deepens crime in Peru's Amazon" in titles(answer)
    others = {"Fentanyl trade fuels cartel fight in central Mexico", "Venezuela's airstrips multiply"}
    assert not titles(answer) & others


def test_second_desk_answers_only_from_its_own_articles(desks_db) -> None:
    answer = ask(desks_db, "/mexico fentanyl facts")
    assert titles(answer) == {"Fentanyl trade fuels cartel fight in central Mexico"}
    assert ask(desks_db, "/peru fentanyl facts").items == []


def test_news_desk_is_the_whole_archive(desks_db) -> None:
    assert len(titles(ask(desks_db, "/news latest", limit=10))) == 4
    assert "Venezuela's airstrips multiply" in titles(ask(desks_db, "/news cocaine summary"))


def test_a_city_with_a_namesake_counts_for_the_desk_only_when_the_article_agrees(empty_db) -> None:
    """'Trujillo' is a city of Peru and a port of Honduras: the Honduran story named in the title stays off
    /peru; the Peruvian one with the same title is on it."""
    assert ingest(empty_db, [str(FIXTURES / "namesakes.jsonl")]).ok
    on_peru = {s.url for s in ask(empty_db, "/peru latest", limit=10).sources}
    assert on_peru == {"https://example.org/namesake-2"}


@pytest.fixture
def libya_desk(tmp_path, monkeypatch, empty_db):
    """The shipped seeds plus a Libya desk that lists only the country and two cities (no demonyms)."""
    import shutil

    from bot.desks import load_desks
    from bot.seeds import seeds_dir

    seeds = shutil.copytree(seeds_dir(), tmp_path / "seeds")
    with (seeds / "desks.toml").open("a", encoding="utf-8") as desks:
        desks.write('\n[libya]\ncommand = "/libya"\ntitle = "Libya desk"\nplaces = ["Libya", "Tripoli", "Zawiya"]\n')
    monkeypatch.setenv("NEWSBOT_SEEDS", str(seeds))
    load_desks.cache_clear()
    assert ingest(empty_db, [str(FIXTURES / "desk_places.jsonl")]).ok
    yield empty_db
    monkeypatch.undo()
    load_desks.cache_clear()


def test_a_city_named_in_the_body_counts_only_when_the_countries_agree(libya_desk) -> None:
    """Tripoli, Lebanon, named three times beside Lebanon and Syria, is not Libya's news; Libyans in
    Zawiyah (the desk lists 'Zawiya' and 'Libya', not 'Libyan') are."""
    on_libya = {s.url for s in ask(libya_desk, "/libya latest", limit=10).sources}
    assert on_libya == {"https://example.org/places-2"}
