"""A who card says nothing false about the person: each office once and in its tense, names as the archive
uses them, companions that are people and bodies, and each quote once."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from bot.answer.engine import ask
from bot.ingest.service import ingest


@pytest.fixture(scope="module")
def offices(tmp_path_factory):
    from storage.db import open_db

    db = open_db(tmp_path_factory.mktemp("offices") / "offices.db")
    assert ingest(db, [str(FIXTURES / "card_offices.jsonl")]).ok
    return db


def who(db, name: str) -> dict:
    answer = ask(db, f"/news who {name}")
    assert answer.items, answer.text
    return answer.items[0]


def test_an_office_the_text_puts_in_the_past_never_reads_as_current(offices) -> None:
    """'former UN chief Pieter Holm' and 'Former UN Secretary General Pieter Holm' are what he was: read
    without 'former' ('UN chief', 'secretary general') the card said he heads the UN now."""
    roles = who(offices, "Pieter Holm")["roles"]
    assert roles and all(role.startswith("former ") for role in roles), roles
    assert "former UN chief" in roles and "former UN secretary general" in roles
    assert who(offices, "Hal Brooks")["roles"] == ["ex-president"]


def test_one_office_is_one_role_however_the_wire_words_it(offices) -> None:
    """'WHO chief' and 'head of the World Harbour Organization' are one office (WHO is the organisation's
    acronym); 'The director general of the World Harbour Organization, Lena Voss' and 'the WHO's
    director-general' are a director general, not a 'director'; she heads the UN agency, not the United
    Nations."""
    roles = who(offices, "Lena Voss")["roles"]
    assert len([r for r in roles if "chief" in r or "head" in r]) == 1, roles
    assert "director" not in roles and "director general of the World Harbour Organization" in roles, roles
    assert "director general of the United Nations agency" in roles, roles


def test_a_place_the_tagger_took_for_a_person_is_no_companion(offices) -> None:
    """'Karim Aziz met Guerrero officials in Loreto': the tagger types Guerrero (a Mexican state) as a person;
    the card named it among the people he appears with."""
    related = [r["name"] for r in who(offices, "Karim Aziz")["related"]]
    assert "Guerrero" not in related, related


def test_a_quote_and_a_piece_of_it_are_one_line_of_the_card(offices) -> None:
    """'"We discussed the need to end the violence," Pieter Holm said' is a piece of what the next sentence
    quotes whole: the card says it once, whole."""
    quotes = [q["quote"] for q in who(offices, "Pieter Holm")["quotes"]]
    assert sum("need to end the violence" in q for q in quotes) == 1, quotes
    assert any("ways and means" in q for q in quotes), quotes


@pytest.mark.parametrize(("role", "bare", "absorbed"), [
    ("former UN secretary general", "secretary general", True),
    ("joint envoy", "envoy", True),
    ("vice president", "president", False),  # another office
    ("secretary general", "secretary", False),
    ("former US president", "Former US president", True),  # a line opening on a number: "1443 Former US …"
])
def test_a_role_said_more_fully_absorbs_the_bare_one(role, bare, absorbed) -> None:
    from bot.answer.card_roles import card_roles

    shown = card_roles([role, bare], lambda name: name.lower())
    assert (shown == [role]) is absorbed, shown


def test_a_former_office_stated_before_the_bare_one_leaves_it_current() -> None:
    """Roles come newest first: 'president' said after 'former president' (he holds it again) stays."""
    from bot.answer.card_roles import card_roles

    assert card_roles(["president", "former president"], lambda name: name.lower()) == ["president",
                                                                                         "former president"]


@pytest.mark.parametrize(("aliases", "shown"), [
    (["Tariq al-Nour Haddad", "Tariq al-Nour", "al-Nour", "Haddad"],
     ["Tariq al-Nour Haddad", "Tariq al-Nour", "Haddad"]),
    (["Omar Badran", "Badran", "Badra"], ["Omar Badran", "Badran"]),  # "Badra": the surname cut short
    (["Omar Badran", "Badran", "Badrani"], ["Omar Badran", "Badran", "Badrani"]),  # a longer spelling stays
])
def test_a_scrap_of_a_name_is_no_other_way_of_writing_it(aliases, shown) -> None:
    """'al-Islam' of Saif al-Islam Gaddafi and 'Gaddaf' of Gaddafi were listed as names he is written by."""
    from bot.answer.card_names import shown_aliases

    assert shown_aliases(aliases[0], aliases, person=True) == shown


@pytest.mark.parametrize(("name", "own", "same"), [
    ("Sunni Free Harbour Army", ["free harbour army", "fha"], True),
    ("Libyan Free Harbour Army", ["free harbour army", "fha"], True),
    ("Syrian National Council", ["national council"], False),  # a two-word name: another body
    ("Free Harbour Army Veterans", ["free harbour army", "fha"], False),
])
def test_the_cards_own_name_with_a_describing_word_is_no_namesake(name, own, same) -> None:
    from bot.answer.lookup import described

    assert described(name, own) is same


def test_a_name_written_once_among_many_does_not_head_the_card(empty_db) -> None:
    """The tagger once ran a man's name into a body's ('Quote Karim Aziz Harbour League'), and the longer
    name headed the card of a body the archive names otherwise in every other mention."""
    from storage import entities

    assert ingest(empty_db, [str(FIXTURES / "card_offices.jsonl")]).ok
    article = empty_db.execute("SELECT id FROM articles ORDER BY id LIMIT 1").fetchone()[0]
    league = entities.link_entity(empty_db, "Karim Aziz Harbour League", "karim aziz harbour league", "ORG",
                                  [("Harbour League", "harbour league")], lambda *_: None)
    empty_db.conn.executemany("INSERT INTO mentions (entity_id, article_id, sentence_idx, text) VALUES (?, ?, ?, ?)",
                              [(league, article, 0, "Karim Aziz Harbour League")]
                              + [(league, article, 0, "Harbour League")] * 60)
    empty_db.conn.commit()
    item = who(empty_db, "Harbour League")
    assert item["name"] == "Harbour League" and "Karim Aziz Harbour League" not in item["aliases"], item


def test_a_person_s_rare_full_name_gives_way_to_the_name_the_archive_writes_not_a_surname(empty_db) -> None:
    """A woman named once with her middle name ('Helena Varga Moreau') and sixty times as 'Helena Moreau': the
    card is headed 'Helena Moreau', never the bare surname 'Moreau' that names her husband too."""
    from storage import entities

    assert ingest(empty_db, [str(FIXTURES / "card_offices.jsonl")]).ok
    article = empty_db.execute("SELECT id FROM articles ORDER BY id LIMIT 1").fetchone()[0]
    person = entities.link_entity(empty_db, "Helena Varga Moreau", "helena varga moreau", "PERSON",
                                  [("Helena Moreau", "helena moreau"), ("Moreau", "moreau")], lambda *_: None)
    empty_db.conn.executemany("INSERT INTO mentions (entity_id, article_id, sentence_idx, text) VALUES (?, ?, ?, ?)",
                              [(person, article, 0, "Helena Varga Moreau")] + [(person, article, 0, "Helena Moreau")]
                              * 60 + [(person, article, 0, "Moreau")] * 30)
    empty_db.conn.commit()
    item = who(empty_db, "Helena Moreau")
    assert item["name"] == "Helena Moreau", item


def test_the_cards_own_name_with_a_space_for_its_hyphen_is_no_namesake(empty_db) -> None:
    """One emir tagged twice, as 'Hamad bin Rashid al-Nuaimi' and 'Hamad bin Rashid Al Nuaimi': the card on
    one listed the other as someone else called Hamad bin Rashid."""
    from storage import entities

    assert ingest(empty_db, [str(FIXTURES / "card_offices.jsonl")]).ok
    article = empty_db.execute("SELECT id FROM articles ORDER BY id LIMIT 1").fetchone()[0]
    hyphen = entities.link_entity(empty_db, "Hamad bin Rashid al-Nuaimi", "hamad bin rashid al-nuaimi", "PERSON",
                                  [], lambda *_: None)
    spaced = entities.link_entity(empty_db, "Hamad bin Rashid Al Nuaimi", "hamad bin rashid al nuaimi", "PERSON",
                                  [], lambda *_: None)
    empty_db.conn.executemany("INSERT INTO mentions (entity_id, article_id, sentence_idx, text) VALUES (?, ?, ?, ?)",
                              [(hyphen, article, 0, "Hamad bin Rashid al-Nuaimi")] * 3
                              + [(spaced, article, 1, "Hamad bin Rashid Al Nuaimi")])
    empty_db.conn.commit()
    item = who(empty_db, "Hamad bin Rashid")
    assert item["name"] == "Hamad bin Rashid al-Nuaimi" and item["namesakes"] == [], item


@pytest.mark.parametrize(("short", "full"), [("Ken Avery", "Ken Avery Jr"), ("Ken Avery", "Ken Avery Sr")])
def test_a_generation_is_no_surname(short, full) -> None:
    """'Ken Avery Sr' is the father of the 'Ken Avery' his son is as often called: no fuller name of one man."""
    from bot.extract.names import given_names_of

    assert not given_names_of(short, full)


def test_the_persons_full_name_in_an_article_that_names_him_is_no_namesake(empty_db) -> None:
    """'El senador Gustavo Ruiz Urrego … Gustavo Ruiz dijo': one man, with his second surname; the card
    listed him among others called Gustavo Ruiz."""
    assert ingest(empty_db, [str(FIXTURES / "card_full_names.jsonl")]).ok
    item = who(empty_db, "Gustavo Ruiz")
    assert item["name"] == "Gustavo Ruiz" and "Gustavo Ruiz Urrego" not in item["namesakes"], item


@pytest.mark.parametrize("roles", [
    ["presidente de Estados Unidos", "presidentes de Estados Unidos"],
    ["former president", "former presidents"],
])
def test_a_lists_plural_heading_is_no_role(roles) -> None:
    """'los presidentes de Estados Unidos X e Y' heads a list: the card showed it beside his own office."""
    from bot.answer.card_roles import body_resolver, card_roles

    assert card_roles(roles, body_resolver(lambda keys: [])) == roles[:1]


@pytest.mark.parametrize(("name", "etype", "companion"), [
    ("Americas", "ORG", False),  # "Amnesty's Americas director": a part of the world
    ("H5N1", "PERSON", False),  # a virus the tagger took for a person
    ("Guerrero", "PERSON", False),  # a Mexican state
    ("Amnesty International", "ORG", True),
    ("G20", "ORG", True),  # a body may carry a digit
])
def test_only_people_and_bodies_appear_with_the_card(name, etype, companion) -> None:
    from bot.answer.card_names import not_a_companion

    assert not_a_companion(name, etype) is not companion


@pytest.mark.parametrize(("piece", "whole", "same"), [
    ("it has pulled back from the northern Karta district, a crowded area of narrow lanes",
     "it has pulled back from Karta, a crowded area of narrow lanes on the north side of the city, where its"
     " fighters had dug in", True),  # an update's shorter telling of one statement
    ("we will hold the line in the north", "we will never hold talks while the north is shelled", False),
    ("we will fight on", "we will fight on until the end", False),  # too short to tell
])
def test_a_shorter_telling_of_a_quote_is_the_same_quote(piece, whole, same) -> None:
    from bot.answer.lookup import part_of

    assert part_of(piece, whole) is same


@pytest.mark.parametrize(("roles", "shown"), [
    # one office of two countries is two roles, however alike the rest of their words
    (["foreign minister of the Ministry of Foreign Affairs of Tarvia", "foreign minister of the Ministry of Foreign "
      "Affairs of Korvia"], 2),
    (["former envoy to the National Transitional Council of Tarvia", "envoy to the National Transitional Council of "
      "Korvia"], 2),
    # the same body spelled otherwise is one
    (["director general of the World Health Organisation", "director general of the World Health Organization"], 1),
])
def test_bodies_that_differ_by_a_whole_word_are_two_offices(roles, shown) -> None:
    """The card folded "… of Tarvia" and "… of Korvia" into one role because the names were 90 % alike, so a
    man's current office disappeared behind a former one; only a spelling inside one word is the same body."""
    from bot.answer.card_roles import body_resolver, card_roles

    assert len(card_roles(roles, body_resolver(lambda keys: []))) == shown


@pytest.fixture(scope="module")
def companions_db(tmp_path_factory):
    from storage.db import open_db

    db = open_db(tmp_path_factory.mktemp("companions") / "companions.db")
    assert ingest(db, [str(FIXTURES / "card_kinds.jsonl")]).ok
    return db


def test_a_numbered_unit_of_a_body_is_no_companion(companions_db) -> None:
    """'the MRL's former 7th Front': the tagger keeps 'Front' and '7th Front' as bodies of their own, and the
    card listed them among who the MRL appears with, a piece of a name with nobody it names."""
    related = [r["name"] for r in who(companions_db, "MRL")["related"]]
    assert not [n for n in related if "Front" in n], related


def test_a_drug_the_text_doses_and_makes_is_no_companion(companions_db) -> None:
    """'doses of Zanotrex', 'Norvant, which makes Zanotrex', 'the maker of Zanotrex': a drug the tagger typed
    as a body; the card listed 'Zanotrex (organisation)' among the council's companions."""
    related = [r["name"] for r in who(companions_db, "Global Health Council")["related"]]
    assert "Zanotrex" not in related, related


def test_a_reported_line_that_points_back_is_not_on_the_card(companions_db) -> None:
    """'Kessler said he had been told before his visit that it needed blankets': the card's 'Adam Kessler said
    that he had been told … that it needed blankets' points at a clinic the card never shows (a summary line
    that points back is not shown either); his line about the town stands alone and stays."""
    quotes = [q["quote"] for q in who(companions_db, "Adam Kessler")["quotes"]]
    assert not any("it needed" in q for q in quotes), quotes
    assert any("rebuilt by the spring" in q for q in quotes), quotes


@pytest.mark.parametrize(("words", "speaker", "back"), [
    ("he had been told that it needed fuel", frozenset(), True),
    ("it was ending all co-operation with the league", frozenset({"it"}), False),  # a body's "it" is itself
    ("the town would be rebuilt by spring", frozenset(), False),
    ('he was sure that "they will fail"', frozenset(), False),  # a quotation's words are the speaker's
    ("it was clear that the talks had failed", frozenset(), False),  # an "it" that stands for nothing
])
def test_reported_words_that_point_back(words, speaker, back) -> None:
    from bot.extract.pointing import clause_points_back

    assert clause_points_back(words, speaker) is back


def test_a_body_the_text_calls_a_group_is_shown_as_one(companions_db) -> None:
    """'the founder of the group Hijos del Monte': the tagger typed the group a person, and the card said
    'Hijos del Monte (person)' among Rafael Ortiz Peña's companions; the noun before the name says it is a
    body, and the man it funded stays a person."""
    related = {r["name"]: r["type"] for r in who(companions_db, "Rafael Ortiz Peña")["related"]}
    assert related.get("Hijos del Monte") == "ORG", related
    assert related.get("Dario Lucumi Mena") == "PERSON", related


def test_a_body_named_by_one_word_alone_stays_a_companion(companions_db) -> None:
    """'Congress' alone is a body a text names so (not a unit of one named before it, as 'Front' is)."""
    related = [r["name"] for r in who(companions_db, "Clara Ibáñez")["related"]]
    assert "Congress" in related, related


PORTS = "Varna Split Bari Izmir Haifa Sfax Oran Tangier Malaga Genoa Valletta Patras".split()
DEEDS = ["met ministers in {p} on Monday", "sent observers to {p} after the clashes",
         "called for calm in {p} on Wednesday", "opened an office in {p} last week",
         "said its monitors in {p} were safe"]


def test_a_body_misnamed_once_is_no_namesake(tmp_path) -> None:
    """A reader once writes 'the Coastal League of Nations' of a body the archive names sixty times as the
    Coastal League: the card said 'Also called Coastal League: Coastal League of Nations', another body of
    that name, which there is not."""
    import json

    from storage.db import open_db

    rows = [{"title": f"League mission in {port}", "url": f"https://example.org/card-kinds-league-{n}",
             "date": f"2012-0{1 + n % 9}-1{n % 9}", "source": "Example Wire",
             "content": " ".join(f"The Coastal League {deed.format(p=port)}." for deed in DEEDS)}
            for n, port in enumerate(PORTS)]
    rows.append({"title": "Readers write", "url": "https://example.org/card-kinds-league-letters",
                 "date": "2012-06-01", "source": "Example Wire",
                 "content": "If the Coastal League of Nations wants to act in Valletta, then it should act now."})
    path = tmp_path / "league.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    db = open_db(tmp_path / "league.db")
    assert ingest(db, [str(path)]).ok
    card = who(db, "Coastal League")
    assert card["mention_count"] >= 50, card["mention_count"]
    assert "Coastal League of Nations" not in card["namesakes"], card["namesakes"]


def test_a_companion_type_the_articles_disagree_on_is_not_shown(tmp_path) -> None:
    """A name three articles call a body and two a person: '(organisation)' beside it says what the archive does
    not know; the card shows the name alone. One all its articles call a body keeps its type."""
    from bot.answer.lookup import sure_type
    from storage.db import open_db

    db = open_db(tmp_path / "types.db")
    for n in range(5):
        db.execute("INSERT INTO articles (id, url, text_hash, title, text, ingested_at, updated_at)"
                   " VALUES (?, ?, ?, ?, 'text', '2020-01-01', '2020-01-01')",
                   [n + 1, f"https://example.org/t{n}", f"h{n}", f"T{n}"])
    db.execute("INSERT INTO entities (id, name, type, key) VALUES (1, 'Casa Verde', 'ORG', 'casa verde')")
    db.execute("INSERT INTO entities (id, name, type, key) VALUES (2, 'Norvant', 'ORG', 'norvant')")
    for n, kind in enumerate(["ORG", "ORG", "ORG", "PERSON", "PERSON"]):
        db.execute("INSERT INTO entity_types VALUES (1, ?, ?)", [n + 1, kind])
        db.execute("INSERT INTO entity_types VALUES (2, ?, 'ORG')", [n + 1])
    assert not sure_type(db, {"id": 1, "type": "ORG"})
    assert sure_type(db, {"id": 2, "type": "ORG"})
