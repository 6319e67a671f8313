"""What counts as evidence that two articles are one story, on a one-outlet desk archive.

A desk that follows one outlet sees its name in every article ("..., Andes Wire reported"), and a name
the whole archive repeats (a prosecutor's office in every crime story) says nothing about which story an
article follows. Neither may link two different stories that otherwise share only their city. And a
digest says "Follows earlier coverage" only for a strong link: `/news related` may list a weaker one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answer.engine import ask
from bot.extract.names import name_key
from bot.ingest.service import ingest
from bot.stories.link import as_places, publisher_keys
from bot.subscriptions.digest import FOLLOWS_SCORE, build_digest
from storage.db import open_db

WIRE = {"source": "Andes Wire"}
WATER = {
    **WIRE, "url": "https://www.andeswire.example/arequipa-water-cuts", "date": "2025-10-01",
    "title": "Water cuts hit Arequipa's northern districts",
    "text": "Sedapar cut the water supply to 40,000 homes in Arequipa after a main pipe burst near the"
            " Chili river, Andes Wire reported on Wednesday. Engineers from the utility said the repairs"
            " to the broken main would take three days. Tanker trucks were sent to schools and clinics,"
            " and residents queued with buckets at standpipes. \"We have no water to cook,\" a mother in"
            " Cayma told Andes Wire. Sedapar did not say when the pressure would return.",
}
ALPACA = {
    **WIRE, "url": "https://www.andeswire.example/alpaca-fibre-fair", "date": "2025-10-03",
    "title": "Alpaca fibre fair opens in Arequipa",
    "text": "Breeders from Puno and Cusco brought baby alpaca fleece to the international fibre fair in"
            " Arequipa, its organisers told Andes Wire. Textile buyers from Italy and Japan bid for the"
            " finest vicuña and suri lots, and weavers showed ponchos dyed with cochineal. Prices for"
            " fine fleece rose by a tenth this season, the breeders' association told Andes Wire."
            " In the judging ring a white suri won the champion ribbon.",
}

CITIES = ["Arequipa", "Trujillo", "Chiclayo", "Piura", "Cusco", "Iquitos", "Tacna", "Puno", "Huancayo",
          "Ayacucho", "Cajamarca", "Pucallpa", "Tumbes", "Chimbote"]
SUBJECTS = [
    ("Bakery ovens fail hygiene check", "Flour sacks lay beside rusty ovens, and the loaves were baked on bare trays."),
    ("Vineyard harvest spoiled by hail", "Hail shredded the grapes before the vintage; barrels stand empty."),
    ("Railway timetable cut", "Two locomotives broke down, so carriages to the coast now leave only at dawn."),
    ("Museum reopens its gallery", "The curator hung colonial paintings in a restored gallery with new lighting."),
    ("Brewery doubles its lager", "Fresh barley and imported hops fill six steel tanks at the riverside brewery."),
    ("Glacier retreat alarms climbers", "Mountaineers found a crevasse where the ice tongue reached last summer."),
    ("Orchestra plays Beethoven", "The conductor led the young violinists through a symphony in the cathedral square."),
    ("Chess tournament draws grandmasters", "A teenage grandmaster won with a daring queen's gambit in round nine."),
    ("Zoo welcomes jaguar cubs", "Keepers weighed two jaguar cubs born in the rainforest enclosure."),
    ("Ferry crossing suspended", "Swells battered the pier, and the ferry's hull needed welding before sailing."),
    ("Lighthouse lamp restored", "A Victorian lens returned to the lighthouse tower after decades in storage."),
    ("Marathon breaks course record", "A Kenyan runner crossed the finish line in two hours and six minutes."),
    ("Library digitises manuscripts", "Volunteers scanned fragile manuscripts and catalogued forgotten atlases."),
    ("Circus trapeze act returns", "Acrobats rehearsed a triple somersault under the striped canvas tent."),
]


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _links(db) -> list[tuple[int, int]]:
    return db.execute("SELECT article_id, related_id FROM article_related").fetchall()


def _id(db, url: str) -> int:
    return db.execute("SELECT id FROM articles WHERE url = ?", [url]).fetchone()[0]


def test_the_publishers_own_name_does_not_link_two_stories_of_one_city(tmp_path: Path) -> None:
    db = open_db(tmp_path / "newsbot.db")
    assert ingest(db, [str(_write(tmp_path / "wire.jsonl", [WATER, ALPACA]))]).ok
    assert _links(db) == []
    answer = ask(db, f"/news related {_id(db, ALPACA['url'])}")
    assert answer.items == [] and "first article of its story" in answer.text


def test_publisher_keys_come_from_the_source_and_the_site() -> None:
    assert publisher_keys("InSight Crime", None) == {"insightcrime"}
    assert publisher_keys(None, "https://www.insightcrime.org/news/brief/x/") == {"insightcrime"}
    assert "bbc" in publisher_keys("bbc", "https://www.bbc.co.uk/news/world-1")


def _office_report(n: int) -> dict:
    title, detail = SUBJECTS[n]
    return {
        "url": f"https://desk.example.org/report-{n}", "date": f"2025-10-{n + 1:02d}", "source": "Desk Daily",
        "title": f"{title} in {CITIES[n]}",
        "text": f"{detail} The Attorney General's Office said it had received a complaint. The Attorney General's"
                f" Office will send its prosecutors to {CITIES[n]}.",
    }


def test_a_name_in_most_of_the_archive_links_nothing_new(tmp_path: Path) -> None:
    """Fourteen different stories, one a day, each naming the Attorney General's Office: once the office
    is in most of the archive (and in at least ten articles), a new report that shares only it and a few
    routine words follows nothing."""
    rows = [_office_report(n) for n in range(len(CITIES))]
    db = open_db(tmp_path / "newsbot.db")
    assert ingest(db, [str(_write(tmp_path / "desk.jsonl", rows))]).ok
    late = {_id(db, r["url"]) for r in rows[11:]}
    assert [link for link in _links(db) if link[0] in late] == []
    for article in late:
        assert [it for it in ask(db, f"/news related {article}").items if it["direction"] == "earlier"] == []


@pytest.fixture
def strike_archive(tmp_path: Path):
    fixtures = Path(__file__).resolve().parent / "fixtures" / "stories.jsonl"
    db = open_db(tmp_path / "newsbot.db")
    assert ingest(db, [str(fixtures)]).ok
    return db


def test_a_digest_says_follows_only_for_a_strong_link(strike_archive) -> None:
    db = strike_archive
    arrests = _id(db, "https://news.example.org/los-pulpos-arrests")
    strike = _id(db, "https://news.example.org/lima-bus-strike")
    sub = {"id": 1, "channel": "C1", "desk": "news"}
    [story] = [s for s in build_digest(db, sub, [arrests], "crime", None).stories]
    assert story.follows is not None and story.follows.id == strike
    with db.conn:  # as strong a link, to an article the linker kept in a story of its own
        db.execute("UPDATE articles SET story_id = (SELECT max(story_id) + 1 FROM articles) WHERE id = ?", [strike])
    [story] = build_digest(db, sub, [arrests], "crime", None).stories
    assert story.follows is None
    with db.conn:
        db.execute("UPDATE articles SET story_id = (SELECT story_id FROM articles WHERE id = ?) WHERE id = ?",
                   [arrests, strike])
    [story] = build_digest(db, sub, [arrests], "crime", None).stories
    assert story.follows is not None and story.follows.id == strike
    with db.conn:
        db.execute("UPDATE article_related SET score = ? WHERE article_id = ? AND related_id = ?",
                   [FOLLOWS_SCORE / 2, arrests, strike])
    [story] = build_digest(db, sub, [arrests], "crime", None).stories
    # a weak link is no claim of its own, but the two are one story: the arrests follow its previous
    # development, the strike (issue 22: a development follows the one before it in its story)
    assert story.follows is not None and story.follows.id == strike
    with db.conn:  # a weak link to an article of another story: listed by /news related, never claimed
        db.execute("UPDATE articles SET story_id = (SELECT max(story_id) + 1 FROM articles) WHERE id = ?", [strike])
    [story] = build_digest(db, sub, [arrests], "crime", None).stories
    assert story.follows is None
    assert [it["source_id"] for it in ask(db, f"/news related {arrests}").items] == [strike]


def test_a_country_the_tagger_calls_an_organisation_is_still_a_place(tmp_path: Path) -> None:
    """spaCy's small model can type a country ORG in every article that names it; shared, it is still only
    a place, never the person-or-organisation evidence that lets two stories link on their names."""
    db = open_db(tmp_path / "a.db")
    rows = [("Paraguay", "ORG"), ("Côte d'Ivoire", "PERSON"), ("Primeiro Comando da Capital", "ORG")]
    with db.conn:
        ids = [db.execute("INSERT INTO entities (name, type, key) VALUES (?, ?, ?)",
                          [name, etype, name_key(name)]).lastrowid for name, etype in rows]
    names = [(eid, name, etype, 2) for eid, (name, etype) in zip(ids, rows, strict=True)]
    assert [etype for _eid, _name, etype, _n in as_places(db, names)] == ["GPE", "GPE", "ORG"]
