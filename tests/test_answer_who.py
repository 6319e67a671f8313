"""`who` finds groups by their acronyms, types names by what the text says, links a name across articles,
says when a name has namesakes, and keeps the roles written before a name."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES

from bot.answer.engine import ask
from bot.ingest.service import ingest


@pytest.fixture
def archive(empty_db):
    assert ingest(empty_db, [str(FIXTURES / "who.jsonl")]).ok
    return empty_db


def who(db, name: str) -> dict:
    answer = ask(db, f"/news who {name}")
    assert answer.items, answer.text
    return answer.items[0]


@pytest.mark.parametrize(("typed", "name"), [
    ("MS13", "Mara Salvatrucha"), ("ELN", "Ejército de Liberación Nacional"),
    ("AMLO", "Andrés Manuel López Obrador"), ("El Porky", "Alexander Mendoza"),
])
def test_acronyms_and_aliases_find_their_entity(archive, typed, name) -> None:
    assert who(archive, typed)["name"] == name


def test_an_acronym_and_its_expansion_are_one_entity_across_articles(archive) -> None:
    pcc = who(archive, "PCC")
    assert pcc["name"] == "First Capital Command" and pcc["mentions"] == 2


@pytest.mark.parametrize(("typed", "kind"), [
    ("Mara Salvatrucha", "ORG"), ("Los Ardillos", "ORG"), ("Wilson Witzel", "PERSON"),
])
def test_types_follow_the_text(archive, typed, kind) -> None:
    assert who(archive, typed)["type"] == kind


def test_namesakes_are_said(archive) -> None:
    item = who(archive, "Ortega")
    names = {item["name"], *item["namesakes"]}
    assert "Daniel Ortega" in names and any(n.endswith("Ortega Rosas") for n in names) and len(names) == 2
    assert "Also called Ortega" in ask(archive, "/news who Ortega").text


def test_a_group_named_with_of_the_stays_whole(archive) -> None:
    item = who(archive, "Cartel of the Suns")
    assert item["name"] == "Cartel of the Suns" and item["type"] == "ORG" and "Cartel de los Soles" in item["aliases"]
    assert who(archive, "Suns")["name"] == "Cartel of the Suns"  # tagged "Suns" alone, it is the same group


def test_roles_written_before_a_name(archive) -> None:
    assert "police chief" in who(archive, "Carlos Ruiz")["roles"]
    assert "governor of Rio de Janeiro" in who(archive, "Witzel")["roles"]
    assert any("director" in role for role in who(archive, "van den Berghe")["roles"])


def test_a_name_keeps_its_small_words_and_never_matches_a_scrap(archive) -> None:
    from bot.answer.grammar import parse

    assert parse("who is the Cartel of the Suns").argument == "Cartel of the Suns"
    answer = ask(archive, "/news who Cartel of the Unknown Stars")
    assert not answer.items or answer.items[0]["name"] != "UN"


def test_a_card_holds_only_the_persons_own_roles(empty_db) -> None:
    """'Gaddafi, his son Saif al-Islam and the spy chief' names two other people; 'deal with Gaddafi, the
    prime minister of Qatar said' starts a new clause; 'said Monday Libyan leader X' is no 'Monday' role."""
    assert ingest(empty_db, [str(FIXTURES / "roles_of_others.jsonl")]).ok
    roles = who(empty_db, "Gaddafi")["roles"]
    assert "Libyan leader" in roles and "colorful and often brutal autocrat" in roles
    assert not {"son", "spy chief", "prime minister of Qatar", "Monday Libyan leader"} & set(roles)


def test_a_card_past_its_reading_window_keeps_exact_counts_and_the_newest_articles(
        empty_db, monkeypatch, tmp_path) -> None:
    """The card of the archive's most-covered person reads only its newest articles and role facts (a large
    archive holds thousands): the count it prints is still every article, the articles it cites and the
    role it leads with are the newest ones, whatever order they were stored in."""
    from storage import queries

    monkeypatch.setattr(queries, "PROFILE_ARTICLES", 2)
    monkeypatch.setattr(queries, "ROLE_FACTS", 1)
    days = [5, 1, 9, 3]  # stored out of date order
    jobs = ["mayor", "senator", "governor", "minister"]
    items = [
        {"title": f"Report {day}", "url": f"https://example.org/r{day}", "published": f"2024-03-0{day}",
         "text": f"The {job} Ana Quispe said on Monday that the budget would grow. Quispe spoke in Lima."}
        for day, job in zip(days, jobs, strict=True)
    ]
    (tmp_path / "quispe.jsonl").write_text("\n".join(json.dumps(i) for i in items))
    assert ingest(empty_db, [str(tmp_path / "quispe.jsonl")]).ok
    item = who(empty_db, "Ana Quispe")
    assert item["mentions"] == 4
    newest = empty_db.execute("SELECT id FROM articles WHERE published LIKE '2024-03-09%'").fetchone()[0]
    assert item["article_ids"][0] == newest
    assert item["roles"] == ["governor"]
