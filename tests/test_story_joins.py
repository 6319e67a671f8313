"""Joining a story is stricter than listing a related article.

Links are pairwise and may be weak; story membership is transitive. On a one-beat desk archive a bus
extortion story names a gang boss, a gold seizure names him in passing and a mining contractor, and a
football club's new owner is that contractor: two weak links on different names, three stories. A digest
shows one section per story, so chaining them would put a football club under a gang's extortion.
`/news related` still lists both weak links, with their reasons.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answer.engine import ask
from bot.ingest.service import ingest
from bot.stories.link import JOIN_SCORE
from bot.subscriptions.digest import build_digest
from storage.db import open_db

WIRE = {"source": "Costa Wire"}
EXTORTION = {
    **WIRE, "url": "https://costawire.example/bus-extortion", "date": "2025-10-01",
    "title": "Gang extorts bus drivers in Trujillo",
    "text": "Bus drivers in Trujillo stopped work on Monday after a gang led by Carlos Mendoza demanded a daily"
            " fee from every route. Two drivers who refused were shot at a terminal, the drivers' union said."
            " Carlos Mendoza's men leave notes and grenades at the depots of companies that do not pay."
            " Police said the extortion had spread to the highlands. Commuters walked for hours and schools"
            " closed early. The union asked for soldiers on the buses.",
}
GOLD = {
    **WIRE, "url": "https://costawire.example/pataz-gold-seizure", "date": "2025-10-03",
    "title": "Police seize illegal gold bars in Pataz",
    "text": "Police seized 40 kilos of gold bars smuggled out of illegal tunnels in Pataz, a mining district"
            " of the highlands. The bars were hidden in a truck of potatoes bound for the coast."
            " Investigators said the shipment belonged to Julia Torres, a mining contractor, and that men"
            " working for Carlos Mendoza had guarded the road. Miners in the tunnels work without permits."
            " Prosecutors want Julia Torres questioned.",
}
CLUB = {
    **WIRE, "url": "https://costawire.example/torres-football-club", "date": "2025-10-05",
    "title": "New owner for the football club",
    "text": "Julia Torres, a businesswoman, bought the local football club and promised a new stadium with"
            " a covered stand. Fans cheered at the announcement, and the coach, Miguel Paredes, asked for two"
            " strikers before the season starts against Sporting Cristal. The club's debts would be paid by"
            " Christmas, Julia Torres said, and the youth academy would reopen under Ana Salas.",
}


@pytest.fixture
def chain(tmp_path: Path):
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (EXTORTION, GOLD, CLUB)),
                    encoding="utf-8")
    db = open_db(tmp_path / "newsbot.db")
    assert ingest(db, [str(path)]).ok
    ids = {url: i for i, url in db.execute("SELECT id, url FROM articles")}
    return db, ids[EXTORTION["url"]], ids[GOLD["url"]], ids[CLUB["url"]]


def _story(db, article_id: int) -> int:
    return db.execute("SELECT story_id FROM articles WHERE id = ?", [article_id]).fetchone()[0]


def test_weak_links_on_different_names_do_not_chain_three_stories_into_one(chain) -> None:
    db, extortion, gold, club = chain
    scores = dict(((a, b), s) for a, b, s in db.execute("SELECT article_id, related_id, score FROM article_related"))
    assert set(scores) == {(gold, extortion), (club, gold)}  # both weak links are stored ...
    assert all(s < JOIN_SCORE for s in scores.values())
    assert len({_story(db, extortion), _story(db, gold), _story(db, club)}) == 3  # ... and join no story
    digest = build_digest(db, {"id": 1, "channel": "C1", "desk": "news"}, [extortion, gold, club], "crime", None)
    assert [[a.id for a in s.articles] for s in digest.stories if club in [a.id for a in s.articles]] == [[club]]


def test_related_still_lists_both_weak_links_with_their_reasons(chain) -> None:
    db, extortion, gold, club = chain
    items = ask(db, f"/news related {gold}").items
    assert {(it["source_id"], it["direction"]) for it in items} == {(extortion, "earlier"), (club, "later")}
    text = ask(db, f"/news related {gold}").text
    assert "Carlos Mendoza" in text and "Julia Torres" in text


def test_a_story_is_named_by_its_earliest_article_whatever_order_they_arrive_in(tmp_path: Path) -> None:
    """A story takes its title from its earliest article, also when that one is read last (a backfill, a late
    feed): joining finds the first article among the current first and the newcomers, without rereading the
    story."""
    later = {**EXTORTION, "url": "https://costawire.example/strike-week-two", "date": "2025-10-08",
             "title": "Trujillo bus strike enters its second week",
             "text": "The strike by bus drivers in Trujillo entered its second week as the gang led by Carlos"
                     " Mendoza kept demanding a daily fee from every route. Carlos Mendoza's men burned a bus at a"
                     " terminal on Sunday, the drivers' union said. Police said they had arrested two of his"
                     " collectors. Shops near the depots stayed shut and the union again asked for soldiers."}
    db = open_db(tmp_path / "newsbot.db")
    for n, record in enumerate((later, EXTORTION)):  # the later report is read first
        path = tmp_path / f"{n}.jsonl"
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        assert ingest(db, [str(path)]).ok
    assert db.execute("SELECT COUNT(DISTINCT story_id), COUNT(*) FROM articles").fetchone() == (1, 2)
    assert db.execute("SELECT title FROM stories").fetchone()[0] == EXTORTION["title"]
