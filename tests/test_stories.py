"""Stories: a follow-up links to the earlier coverage it follows, with why; a new story links to nothing.

Fixture (tests/fixtures/stories.jsonl): two articles of one story (a Lima bus drivers' strike over
extortion, 1 Oct; arrests of the gang, 6 Oct) and, between them, an article of another story that shares
only its place, Lima (a food festival, 3 Oct).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, copy_archive

from bot.answer.engine import ask
from bot.ingest.files import read_path
from bot.ingest.service import ingest
from storage.db import open_db

ARTICLES = FIXTURES / "stories.jsonl"
STRIKE, FESTIVAL, ARRESTS = (
    "https://news.example.org/lima-bus-strike",
    "https://news.example.org/mistura-festival",
    "https://news.example.org/los-pulpos-arrests",
)


@pytest.fixture(scope="module")
def stories_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("stories") / "stories.db"
    report = ingest(open_db(path), [str(ARTICLES)])
    assert report.ok, report.problems
    return path


@pytest.fixture
def db(stories_path: Path, tmp_path: Path):
    return open_db(copy_archive(stories_path, tmp_path / "newsbot.db"))


def article_id(db, url: str) -> int:
    return db.execute("SELECT id FROM articles WHERE url = ?", [url]).fetchone()[0]


def links(db) -> list[tuple[int, int, dict]]:
    return [(a, b, json.loads(r)) for a, b, r in db.execute(
        "SELECT article_id, related_id, reasons FROM article_related ORDER BY article_id, related_id")]


def story(db, url: str) -> int:
    return db.execute("SELECT story_id FROM articles WHERE url = ?", [url]).fetchone()[0]


def test_a_follow_up_links_to_the_first_article_with_the_names_they_share(db) -> None:
    strike, arrests = article_id(db, STRIKE), article_id(db, ARRESTS)
    [(newer, earlier, reasons)] = links(db)
    assert (newer, earlier) == (arrests, strike)
    assert {"Óscar Arriola", "Los Pulpos"} <= set(reasons["shared"])
    assert reasons["similarity"] > 0.2
    assert story(db, STRIKE) == story(db, ARRESTS)
    first = db.execute("SELECT first_article_id FROM stories WHERE id = ?", [story(db, STRIKE)]).fetchone()[0]
    assert first == strike


def test_the_first_article_of_a_story_follows_nothing(db) -> None:
    answer = ask(db, f"/news related {article_id(db, STRIKE)}")
    assert [it["direction"] for it in answer.items] == ["later"]  # only the follow-up, nothing earlier
    assert not [1 for newer, _earlier, _r in links(db) if newer == article_id(db, STRIKE)]


def test_another_story_sharing_only_a_common_place_is_not_linked(db) -> None:
    festival = article_id(db, FESTIVAL)
    assert not [1 for a, b, _r in links(db) if festival in (a, b)]
    assert story(db, FESTIVAL) not in (story(db, STRIKE), story(db, ARRESTS))
    answer = ask(db, f"/news related {festival}")
    assert answer.items == [] and "first article of its story" in answer.text


def test_related_by_url_lists_the_earlier_coverage_and_why(db) -> None:
    answer = ask(db, f"/peru related <{ARRESTS}?utm_source=slack>")
    assert answer.action == "related"
    [item] = answer.items
    assert item["source_id"] == article_id(db, STRIKE) and item["direction"] == "earlier"
    assert "Óscar Arriola" in item["shared"] and item["published"] == "2025-10-01"
    assert "shares" in answer.text and "Lima bus drivers strike" in answer.text


def test_related_to_an_unknown_article_says_so(db) -> None:
    assert "No article" in ask(db, "/news related 999").text
    assert "No article" in ask(db, "/news related https://news.example.org/never-stored").text
    assert "Related to what" in ask(db, "/news related").text


def test_cli_related_says_why(stories_path: Path, tmp_path: Path) -> None:
    """In the terminal too, each related article comes with the names both share and the similarity."""
    path = copy_archive(stories_path, tmp_path / "cli.db")
    arrests = article_id(open_db(path), ARRESTS)
    run = subprocess.run([sys.executable, "-m", "bot.cli", "--db", str(path), "ask", f"/news related {arrests}"],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    [line] = [x for x in run.stdout.splitlines() if x.startswith("- Lima bus drivers strike")]
    assert "shares" in line and "Óscar Arriola" in line and "similarity" in line and "[2]" in line
    assert "[2] Lima bus drivers strike" in run.stdout  # the cited number is the source listed as [2]


def test_cli_related_json_contract(stories_path: Path, tmp_path: Path) -> None:
    path = copy_archive(stories_path, tmp_path / "cli.db")
    arrests = article_id(open_db(path), ARRESTS)
    run = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--db", str(path), "ask", "--json", f"/news related {arrests}"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert list(data)[:6] == ["action", "desk", "query", "items", "sources", "text"]
    assert data["action"] == "related" and len(data["items"]) == 1
    item = data["items"][0]
    assert {"text", "source_id", "title", "published", "score", "shared"} <= set(item)
    assert item["title"].startswith("Lima bus drivers strike") and item["score"] > 0
    assert {s["id"] for s in data["sources"]} == {arrests, item["source_id"]}


def test_an_article_ingested_after_newer_ones_becomes_their_earlier_coverage(tmp_path: Path) -> None:
    """Archives arrive out of order: the strike report stored last still opens the story, and the
    arrests article (stored first) now follows it."""
    rows = ARTICLES.read_text(encoding="utf-8").splitlines()
    late, early = tmp_path / "newer.jsonl", tmp_path / "older.jsonl"
    late.write_text("\n".join(rows[1:]) + "\n", encoding="utf-8")
    early.write_text(rows[0] + "\n", encoding="utf-8")
    db = open_db(tmp_path / "late.db")
    assert ingest(db, [str(late)]).ok
    assert links(db) == []
    assert ingest(db, [str(early)]).ok
    strike, arrests = article_id(db, STRIKE), article_id(db, ARRESTS)
    assert [(a, b) for a, b, _r in links(db)] == [(arrests, strike)]
    assert story(db, STRIKE) == story(db, ARRESTS) != story(db, FESTIVAL)
    first = db.execute("SELECT first_article_id FROM stories WHERE id = ?", [story(db, STRIKE)]).fetchone()[0]
    assert first == strike


def test_reanalysis_keeps_ids_stories_and_links(db) -> None:
    def state() -> tuple:
        pairs = [(a, b, r["shared"]) for a, b, r in links(db)]
        return pairs, db.execute("SELECT id, story_id FROM articles ORDER BY id").fetchall()

    before = state()
    report = ingest(db, [str(ARTICLES)], reanalyse=True)
    assert report.ok and len(report.updated) == 3
    assert state() == before
    assert db.execute("SELECT df FROM story_terms WHERE term = ''").fetchone()[0] == 3  # counted once each


def test_the_fixture_reads_as_three_articles() -> None:
    assert [r.published for r in read_path(ARTICLES)] == ["2025-10-01", "2025-10-03", "2025-10-06"]


def test_slack_shows_each_related_article_with_why(db) -> None:
    from handlers.blocks import answer_message

    answer = ask(db, f"/peru related {article_id(db, ARRESTS)}")
    answer.items[0]["shared"].append("<!channel>")  # a name from an article is shown, never obeyed
    message = answer_message(answer, "Peru", "related 3")
    body = "\n".join(b["text"]["text"] for b in message["blocks"] if b["type"] == "section")
    assert "|Lima bus drivers strike over extortion by the Los Pulpos gang>* · 1 Oct 2025 · earlier" in body
    assert "Shares Los Pulpos" in body and "similarity 0." in body
    assert "&lt;!channel&gt;" in body and "<!channel>" not in body


def test_one_archive_in_any_order_links_in_date_order(tmp_path: Path) -> None:
    reversed_rows = tmp_path / "reversed.jsonl"
    reversed_rows.write_text("\n".join(reversed(ARTICLES.read_text(encoding="utf-8").splitlines())) + "\n",
                             encoding="utf-8")
    db = open_db(tmp_path / "reversed.db")
    assert ingest(db, [str(reversed_rows)]).ok
    assert [(a, b) for a, b, _r in links(db)] == [(article_id(db, ARRESTS), article_id(db, STRIKE))]
    assert article_id(db, STRIKE) < article_id(db, ARRESTS)  # stored oldest first


def test_a_shared_place_is_no_evidence_on_its_own() -> None:
    """Two articles alike in names only through a city: not linked; the same with a shared person: linked."""
    from bot.stories.link import score
    from storage.stories import Indexed

    words = {"w:festival": 0.98, "w:bus": 0.2}  # words cosine 0.12: with the city's weight, 0.22 would pass
    earlier = Indexed(1, "2025-10-01", 1, {"w": {"w:bus": 0.6, "w:strike": 0.8}, "e": {"e:1": 0.8, "e:2": 0.6}})
    place_only = {"w": words, "e": {"e:1": 1.0}}
    kinds = {"e:1": ("Lima", "GPE"), "e:2": ("Óscar Arriola", "PERSON")}
    assert score(place_only, "2025-10-03", 2, earlier, kinds) is None
    with_person = {"w": {"w:strike": 0.3}, "e": {"e:1": 0.6, "e:2": 0.8}}
    match = score(with_person, "2025-10-03", 2, earlier, kinds)
    assert match is not None and match.earlier and set(match.shared) == {"Óscar Arriola", "Lima"}


def test_a_code_with_digits_is_a_story_word() -> None:
    """'Galaxy S5', 'MH370', 'H1N1': the code is often the surest sign of one story; a bare number is not."""
    from bot.stories.terms import words

    found = words("Samsung's Galaxy S5 and flight MH370, the H1N1 virus, 2014 and 10th")
    assert {"s5", "mh370", "h1n1", "galaxy", "samsung"} <= set(found)
    assert not {"2014", "10th", "th"} & set(found)
