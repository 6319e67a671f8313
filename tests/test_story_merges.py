"""Story fragments: an article that follows two stories strongly, when the stories are alike as wholes,
merges them; a roundup that names two unrelated stories does not.

Fixture (tests/fixtures/stories_bridge.jsonl): the Conga mine dispute in Cajamarca told in two fragments
eight weeks apart — two reports on the lagoons (1-2 Aug) and two on the strike (27-28 Sep), each pair too
far apart in time and words for the strike reports to follow the lagoon reports — and then the suspension
of the mine (29 Sep), which follows both.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_archive

from bot.answer.engine import ask
from bot.ingest.service import ingest
from bot.stories import link
from storage import stories
from storage.db import open_db

BRIDGE = FIXTURES / "stories_bridge.jsonl"
LIMA = FIXTURES / "stories.jsonl"
REPORT, ENGINEERS, ROADS, EMERGENCY, SUSPENDED = (
    "https://news.example.org/conga-lagoons-report",
    "https://news.example.org/conga-lagoons-engineers",
    "https://news.example.org/conga-strike-roads",
    "https://news.example.org/conga-strike-emergency",
    "https://news.example.org/conga-suspended",
)
ROUNDUP = {
    "url": "https://news.example.org/peru-week-roundup", "date": "2025-10-02", "source": "Example News",
    "title": "Peru this week: Lima bus strike over Los Pulpos extortion, Conga mine suspended in Cajamarca",
    "text": "Bus drivers in Lima stopped work to protest against extortion by the Los Pulpos gang, and General"
            " Óscar Arriola promised a police unit to protect the bus routes.\n\nIn Cajamarca, Minera Yanacocha"
            " suspended work on the Conga gold mine after the strike and the state of emergency, and the rondas"
            " campesinas said the blockades would go on.",
}


@pytest.fixture(scope="module")
def fragments_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two fragments only, before the article that bridges them. They are linked with the threshold
    at 0.1: at today's lower one the strike reports follow the lagoon reports directly (0.089), and
    fragments arise when a story's next report finds nothing in the window, which four short fixture
    articles cannot show."""
    folder = tmp_path_factory.mktemp("fragments")
    rows = BRIDGE.read_text(encoding="utf-8").splitlines()[:4]
    (folder / "fragments.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    path = folder / "fragments.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(link, "THRESHOLD", 0.1)
        assert ingest(open_db(path), [str(folder / "fragments.jsonl")]).ok
    return path


@pytest.fixture
def db(fragments_path: Path, tmp_path: Path):
    return open_db(copy_archive(fragments_path, tmp_path / "newsbot.db"))


def ids(db) -> dict[str, int]:
    return dict(db.execute("SELECT url, id FROM articles").fetchall())


def story(db, url: str) -> int:
    return db.execute("SELECT story_id FROM articles WHERE url = ?", [url]).fetchone()[0]


def add(db, tmp_path: Path, rows: list[dict]) -> None:
    path = tmp_path / "more.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert ingest(db, [str(path)]).ok


def suspension() -> dict:
    return json.loads(BRIDGE.read_text(encoding="utf-8").splitlines()[4])


def test_before_the_bridge_the_fragments_are_two_stories(db) -> None:
    assert story(db, REPORT) == story(db, ENGINEERS) != story(db, ROADS) == story(db, EMERGENCY)
    answer = ask(db, f"/news related {ids(db)[ROADS]}")  # the strike's first report follows nothing
    assert [it["direction"] for it in answer.items] == ["later"]


def test_an_article_following_both_fragments_merges_them_and_lists_both(db, tmp_path: Path) -> None:
    lagoons, strike = story(db, REPORT), story(db, ROADS)
    add(db, tmp_path, [suspension()])
    found = ids(db)
    assert {story(db, url) for url in found} == {lagoons}  # the older story's id stays
    answer = ask(db, f"/news related {found[SUSPENDED]}")
    listed = {it["source_id"] for it in answer.items}
    assert {found[REPORT], found[ROADS], found[EMERGENCY]} <= listed  # both fragments, as earlier coverage
    assert {it["direction"] for it in answer.items} == {"earlier"}
    assert "its story has 5 articles" in answer.text
    assert stories.resolve_story(db, strike) == lagoons  # the strike story's id still means the story


def test_the_first_article_still_follows_nothing_after_a_merge(db, tmp_path: Path) -> None:
    add(db, tmp_path, [suspension()])
    found = ids(db)
    first = db.execute("SELECT first_article_id FROM stories WHERE id = ?", [story(db, REPORT)]).fetchone()[0]
    assert first == found[REPORT]
    answer = ask(db, f"/news related {found[REPORT]}")
    assert answer.items and {it["direction"] for it in answer.items} == {"later"}


def test_a_merged_story_id_is_never_given_to_a_new_story(db, tmp_path: Path) -> None:
    strike = story(db, ROADS)
    add(db, tmp_path, [suspension()])
    add(db, tmp_path, [json.loads(LIMA.read_text(encoding="utf-8").splitlines()[1])])  # the food festival
    festival = story(db, "https://news.example.org/mistura-festival")
    assert festival not in (strike, story(db, REPORT))
    assert stories.resolve_story(db, festival) == festival


def test_a_roundup_naming_two_unrelated_stories_merges_nothing(db, tmp_path: Path) -> None:
    """A weekly roundup follows the Conga story and the Lima bus strike strongly, but the two stories are
    not alike as wholes: they stay apart, and the roundup joins one of them."""
    add(db, tmp_path, [suspension()])
    add(db, tmp_path, [json.loads(r) for r in LIMA.read_text(encoding="utf-8").splitlines()])
    conga, lima = story(db, SUSPENDED), story(db, "https://news.example.org/lima-bus-strike")
    assert conga != lima
    add(db, tmp_path, [ROUNDUP])
    assert story(db, SUSPENDED) == conga and story(db, "https://news.example.org/lima-bus-strike") == lima
    assert story(db, "https://news.example.org/los-pulpos-arrests") == lima
    assert story(db, ROUNDUP["url"]) in (conga, lima)
    assert not db.execute("SELECT 1 FROM story_merges WHERE story_id IN (?, ?) AND merged IN (?, ?)",
                          [conga, lima, conga, lima]).fetchone()
