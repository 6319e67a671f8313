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


@pytest.fixture(scope="module")
def cards(tmp_path_factory):
    from storage.db import open_db

    db = open_db(tmp_path_factory.mktemp("cards") / "cards.db")
    assert ingest(db, [str(FIXTURES / "cards.jsonl")]).ok
    return db


def test_a_town_is_not_a_persons_surname(cards) -> None:
    """'the town of Flores' is a place, and Sebastián Flores stays a person: the town once joined him
    through his surname, and its vote made his card read 'Sebastián Flores — place'."""
    assert who(cards, "Sebastián Flores")["type"] == "PERSON"
    assert who(cards, "Flores")["type"] in ("GPE", "LOC", "FAC")


def test_a_place_is_no_person_and_has_no_roles(cards) -> None:
    """'Nariño, a coca-rich department': a department, not a person whose role is 'coca-rich department'."""
    item = who(cards, "Nariño")
    assert item["type"] in ("GPE", "LOC") and not item["roles"]


def test_a_title_keeps_the_capitals_of_its_place(cards) -> None:
    assert who(cards, "Juan Orlando Hernández")["roles"] == ["Honduras president"]


def test_a_full_name_never_finds_a_stranger_who_shares_a_word(cards) -> None:
    """'Luis Flores' is nobody here: not Sebastián or Carla Flores (a partial match once showed their card),
    but the answer names them."""
    answer = ask(cards, "/news who Luis Flores")
    assert not answer.items
    assert "No one called" in answer.text and "Sebastián Flores" in answer.text


def test_a_name_off_the_desk_gets_no_empty_card(cards) -> None:
    """Known to the archive but not to /peru: no card reading 'In 0 articles' with roles from elsewhere."""
    answer = ask(cards, "/peru who Juan Orlando Hernández")
    assert not answer.items and "/news who Juan Orlando Hernández" in answer.text


def test_a_card_says_a_quote_once(cards) -> None:
    """'“The growers have nowhere else to sell,” Flores said. He said that the growers had nowhere else to
    sell.' is one thing said: one line of the card."""
    quotes = [q["quote"].lower() for q in who(cards, "Sebastián Flores")["quotes"]]
    assert sum("nowhere else to sell" in q for q in quotes) == 1


def test_the_card_names_the_namesakes(cards) -> None:
    from bot.render_text import render_text

    text = render_text(ask(cards, "/news who Flores"))
    line = next(line for line in text.splitlines() if line.startswith("Others of that name:"))
    assert "Sebastián Flores" in line


def test_a_dateline_agency_in_a_heading_is_nobodys_alias(cards) -> None:
    """The heading 'QUITO (Reuters) - …' drops QUITO; its bracketed agency then became an alias of the
    body's last name (Reuters on Gaddafi's, Chavez's and Obama's cards)."""
    assert "Reuters" not in who(cards, "Ramiro Ventura")["aliases"]


def test_a_card_holds_no_role_of_another_name_or_a_caption(empty_db) -> None:
    """'whose 41-year rule' and 'a spokesman for his son' are not Gaddafi's roles; '(top left, in red)' is
    a caption; 'BBC Monitoring President Assad' gives no 'monitoring president'; 'the head of the FSA, Col
    Riyad al-Assad' is Riyad's role, not the article's other Assad's."""
    assert ingest(empty_db, [str(FIXTURES / "roles_noise.jsonl")]).ok
    assert who(empty_db, "Muammar Gaddafi")["roles"] == ["Libyan leader"]
    assert "top" not in who(empty_db, "Valerie Amos")["roles"]
    assert "head of FSA" in who(empty_db, "Riyad al-Assad")["roles"]
    assert not {"head of FSA", "monitoring president"} & set(who(empty_db, "Bashar al-Assad")["roles"])
    assert not {"head of FSA", "monitoring president"} & set(who(empty_db, "Assad")["roles"])



def test_an_apposition_that_is_no_kind_of_person_is_no_role(empty_db) -> None:
    """'… brokered by envoy Kofi Annan - a ceasefire which …': the ceasefire is not what Annan is."""
    assert ingest(empty_db, [str(FIXTURES / "roles_noise.jsonl")]).ok
    roles = who(empty_db, "Kofi Annan")["roles"]
    assert not [r for r in roles if "ceasefire" in r], roles


def test_a_colon_is_no_reporting_verb() -> None:
    from bot.answer.format import quote_line

    line = quote_line({"speaker": "Kofi Annan", "quote": "We discussed the need to end the violence", "cue": ":",
                       "kind": "direct"})
    assert "::" not in line and line.startswith("Kofi Annan")


@pytest.fixture(scope="module")
def variants(tmp_path_factory):
    from storage.db import open_db

    db = open_db(tmp_path_factory.mktemp("variants") / "variants.db")
    assert ingest(db, [str(FIXTURES / "name_variants.jsonl")]).ok
    return db


def test_a_name_glued_to_its_neighbours_is_no_namesake(variants) -> None:
    """'Tunisia Harbour Workers Union' (a country run into the union's name) and 'The Harbour Workers Union
    - union' are the tagger's runs, not other bodies of that name; the union's pension fund is one."""
    item = who(variants, "Harbour Workers Union")
    assert item["name"] == "Harbour Workers Union"
    assert item["namesakes"] == ["Harbour Workers Union Pension Fund"], item["namesakes"]


def test_a_short_name_the_text_ties_to_a_full_name_is_one_person(variants) -> None:
    """'Tariq al-Nour Haddad … Tariq al-Nour said' in one article ties the short name to the full one, also
    for the earlier article that wrote only 'Tariq al-Nour': one card, in both articles, no namesake."""
    item = who(variants, "Tariq al-Nour")
    assert item["name"] == "Tariq al-Nour Haddad" and item["mentions"] == 2, item
    assert not item["namesakes"]
    assert who(variants, "Tariq al-Nour Haddad")["mentions"] == 2


@pytest.mark.parametrize(("short", "full", "same"), [
    ("Saif al-Islam", "Saif al-Islam Gaddafi", True), ("Abdel Fattah", "Abdel Fattah el-Sisi", True),
    ("Kofi Annan", "Kofi Annan - Syrian", False), ("Jim Muir", "Jim Muir BBC News", False),
    ("Jim Muir", "Jim Muir BBC", False), ("Karim", "Karim Aziz", False),
])
def test_only_a_surname_more_makes_a_fuller_name(short, full, same) -> None:
    """A name run into the next word ('Kofi Annan - Syrian officials', 'Jim Muir BBC News') is no fuller name
    of the person: it once renamed Kofi Annan's card 'Kofi Annan - Syrian'."""
    from bot.extract.names import given_names_of

    assert given_names_of(short, full) is same


def test_a_short_name_nothing_ties_to_a_full_name_stays_apart(variants) -> None:
    """'Karim Aziz' (a trader) and 'Karim Aziz Mansour' (a lawyer) are never written in one article: two
    cards, and the shorter one names the other as a namesake."""
    short, full = who(variants, "Karim Aziz"), who(variants, "Karim Aziz Mansour")
    assert short["name"] == "Karim Aziz" and full["name"] == "Karim Aziz Mansour"
    assert short["mentions"] == full["mentions"] == 1
    assert "Karim Aziz Mansour" in short["namesakes"]


@pytest.mark.parametrize(("name", "own", "same"), [
    ("World Harbour Organisation", ["world harbour organization", "who"], True),  # spelled otherwise
    ("Transitional National Council", ["national transitional council", "ntc"], True),  # words in another order
    ("National Transitional Council NTC", ["national transitional council", "ntc"], True),  # with its acronym
    ("National Transitional Council Pension Fund", ["national transitional council", "ntc"], False),
    ("Aisha Gaddafi", ["muammar gaddafi", "gaddafi"], False),
])
def test_the_cards_own_name_written_otherwise_is_no_namesake(name, own, same) -> None:
    from bot.answer.lookup import same_name

    assert same_name(name, own) is same


@pytest.fixture(scope="module")
def quoted(tmp_path_factory):
    from storage.db import open_db

    db = open_db(tmp_path_factory.mktemp("quoted") / "quoted.db")
    assert ingest(db, [str(FIXTURES / "card_quotes.jsonl")]).ok
    return db


def test_a_card_holds_no_words_that_name_its_person(quoted) -> None:
    """'Troops loyal to former ruler Omar Badran held the basin …, he said. “It could take years …, as Badran
    held the area …,” he said': the analyst's words, which name Badran, are not Badran's, whoever the sentence
    before names; his own broadcast is. Nor is the crowd's '“Keep him alive!” Badran then goes out of view'."""
    quotes = [q["quote"] for q in who(quoted, "Omar Badran")["quotes"]]
    assert quotes == ["We will not leave the land of our fathers"], quotes
    # "“We do not support Rashid,” he said": the envoy's words, naming Karim al-Rashid by his bare surname
    assert not who(quoted, "Karim al-Rashid")["quotes"]


def test_a_card_holds_no_small_clause_as_words_reported(quoted) -> None:
    """'declared the outbreak a pandemic' reported no words: shown as a paraphrase it read 'declared that the
    outbreak a pandemic'. 'said the outbreak was spreading fast' did."""
    answer = ask(quoted, "/news who World Harbour Organization")
    quotes = [q["quote"] for q in answer.items[0]["quotes"]]
    assert quotes == ["the outbreak was spreading fast in the port cities"], quotes
    assert "the outbreak a pandemic" not in answer.text


@pytest.fixture(scope="module")
def roled(tmp_path_factory):
    from storage.db import open_db

    db = open_db(tmp_path_factory.mktemp("roled") / "roled.db")
    assert ingest(db, [str(FIXTURES / "card_roles.jsonl")]).ok
    return db


def test_a_card_reads_each_role_as_the_text_gives_it_to_that_person(roled) -> None:
    """'former presidents Tom Avery and Hal Brooks' heads a list; 'Sept. 13 - Interim government chief, Samir
    Haddad' dates the line, not the office; 'Rebel leader' and 'rebel leader' are one role; 'Director-General
    Dr. Lena Voss' is a director-general, not a 'general doctor'; 'Othman Abdel-Karim, a scientist' is not
    the article's Mustafa Abdel Karim."""
    assert not [r for r in who(roled, "Tom Avery")["roles"] if "presidents" in r]
    assert sorted(who(roled, "Samir Haddad")["roles"]) == ["Interim government chief", "rebel leader"]
    voss = who(roled, "Lena Voss")["roles"]
    assert not {"general doctor", "general"} & set(voss) and len(voss) == 1 and "director" in voss[0], voss
    assert who(roled, "Mustafa Abdel Karim")["roles"] == ["council chairman"]
    # "appointed by President Rene Duval, the UN secretary general and donors": three parties, not his role
    # ("president" is said more fully as "Haitian president": one office, one role)
    assert sorted(who(roled, "Rene Duval")["roles"]) == ["Haitian president", "party leader"]


def test_a_card_names_each_companion_once_and_only_names(empty_db) -> None:
    """'United Nations officials and U.N. envoys' is one body beside Karim Aziz, not two; 'Editor's Note' gives
    no companion called 'Editor'."""
    assert ingest(empty_db, [str(FIXTURES / "card_companions.jsonl")]).ok
    related = [r["name"] for r in who(empty_db, "Karim Aziz")["related"]]
    assert len({"United Nations", "U.N"} & set(related)) == 1 and "Editor" not in related, related


def test_a_card_line_reads_as_a_statement(quoted) -> None:
    """'telling the Daily Herald that …' read 'Karim Aziz telling the Daily Herald that …'; it reads 'told'.
    'a letter, a copy of which was obtained by Reuters, that …' read 'Lena Voss said that a copy of which was
    obtained by Reuters': no line of a card; what she said plainly is."""
    text = ask(quoted, "/news who Karim Aziz").text
    assert "Karim Aziz told the Daily Herald that he had made contact" in text and " telling " not in text
    voss = [q["quote"] for q in who(quoted, "Lena Voss")["quotes"]]
    assert voss == ["vaccines would reach the poorest countries first"], voss
