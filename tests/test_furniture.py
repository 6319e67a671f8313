"""Page furniture never reaches an answer: learned per source on ingest, applied to the articles stored before it
was learned (at once, and by `ingest --reanalyse`), and caught on first sight when it is obvious."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from conftest import FIXTURES

from bot.answer.engine import ask
from bot.cli import main
from bot.ingest.clean import clean_body
from bot.ingest.furniture import RULE, Furniture
from bot.ingest.model import RawArticle
from bot.ingest.service import ingest
from storage.db import open_db
from storage.furniture import PRUNE_EVERY, list_furniture
from storage.schema import MIGRATIONS

BOUND_MIGRATION = 16  # the schema version before furniture was bounded (issue 24)

SOURCE = FIXTURES / "furniture_source.jsonl"  # six articles of one site sharing its pitch and licence line
PITCH = "25,000 readers"
LICENCE = "stories may be"
ANSWERS = ("/peru summary", "/peru facts", "/news search briefing", "/news search republished", "/news latest",
           "/peru crime summary", "/news timeline")


def shown(db, command: str) -> str:
    return json.dumps(ask(db, command, limit=50).to_json(), ensure_ascii=False)


def split_source(tmp_path: Path, first: int) -> tuple[Path, Path]:
    """The fixture in two archives, without URLs: an article is then known by its text alone."""
    records = [json.loads(line) for line in SOURCE.read_text(encoding="utf-8").splitlines()]
    lines = [json.dumps({k: v for k, v in r.items() if k != "url"}, ensure_ascii=False) + "\n" for r in records]
    early, late = tmp_path / "early.jsonl", tmp_path / "late.jsonl"
    early.write_text("".join(lines[:first]), encoding="utf-8")
    late.write_text("".join(lines[first:]), encoding="utf-8")
    return early, late


def test_learned_furniture_is_in_no_answer(empty_db) -> None:
    report = ingest(empty_db, [str(SOURCE)])
    assert report.ok and len(report.added) == 6
    for command in ANSWERS:
        answer = shown(empty_db, command)
        assert PITCH not in answer and LICENCE not in answer and "25000" not in answer, command
    assert "bus drivers" in shown(empty_db, "/news search extortion")  # the reporting itself is all there
    assert "Reporting by Carla Ruiz in Lima." in [r[0] for r in empty_db.execute("SELECT text FROM sentences")]
    learned = {f["text"] for f in list_furniture(empty_db, RULE)}
    assert "Join 25,000 readers who get the Andean Monitor weekly briefing on Peru every Friday." in learned
    assert "Andean Monitor stories may be republished with credit to the author." in learned


def test_reanalyse_removes_furniture_learned_after_an_article_was_stored(tmp_path: Path, capsys) -> None:
    early, late = split_source(tmp_path, first=3)
    db_path = tmp_path / "news.db"
    assert main(["--db", str(db_path), "ingest", "--quiet", str(early)]) == 0
    db = open_db(db_path)
    assert PITCH in shown(db, "/news search briefing")  # three articles: too few to tell furniture yet

    assert main(["--db", str(db_path), "ingest", "--quiet", str(late)]) == 0
    ids = [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id")]
    assert len(ids) == 6
    assert PITCH not in shown(db, "/news search briefing")  # learned now, and gone from the first three too

    hidden = next(i for i in ask(db, "/news facts", limit=50).items if i["value"] == 14.0)  # an early article's
    assert main(["--db", str(db_path), "facts", "hide", str(hidden["fact_id"])]) == 0

    capsys.readouterr()
    assert main(["--db", str(db_path), "ingest", "--quiet", "--reanalyse"]) == 0
    assert "6 updated" in capsys.readouterr().out
    for command in ANSWERS:
        answer = shown(db, command)
        assert PITCH not in answer and LICENCE not in answer, command
    assert [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id")] == ids
    assert 14.0 not in [i["value"] for i in ask(db, "/news facts", limit=50).items]  # the correction holds
    assert main(["--db", str(db_path), "ingest", "--quiet", str(early)]) == 0  # the originals: still the same three
    assert "3 unchanged" in capsys.readouterr().out


def test_furniture_learned_later_leaves_the_articles_stored_before_without_reanalyse(tmp_path: Path) -> None:
    """Three articles carry the site's pitch and licence: too few to tell. Three more teach it, and the first
    three lose it in every answer and in search, with no `--reanalyse`; their reporting stays."""
    early, late = split_source(tmp_path, first=3)
    db_path = tmp_path / "news.db"
    assert main(["--db", str(db_path), "ingest", "--quiet", str(early)]) == 0
    db = open_db(db_path)
    assert PITCH in shown(db, "/news search briefing") and LICENCE in shown(db, "/news search republished")
    early_ids = [r[0] for r in db.execute("SELECT id FROM articles")]
    assert main(["--db", str(db_path), "ingest", "--quiet", str(late)]) == 0
    for command in ANSWERS:
        answer = shown(db, command)
        assert PITCH not in answer and LICENCE not in answer, command
    assert "bus drivers" in shown(db, "/news search extortion")
    kinds = {r[0] for r in db.execute(
        f"SELECT kind FROM sentences WHERE text LIKE '%{PITCH}%' AND article_id IN ({','.join(map(str, early_ids))})")}
    assert kinds == {"furniture"}


def test_obvious_furniture_is_dropped_on_first_sight(empty_db, tmp_path: Path) -> None:
    page = tmp_path / "one.txt"
    page.write_text(
        "Judge orders release of Cusco mayor\n\n"
        "The burning wreck of the bus on the highway. Photograph: Martin Mejia/AP A judge in Cusco ordered the "
        "release of the city's mayor on Tuesday, saying prosecutors had held him for 18 months without trial.\n\n"
        "Click here to get our Peru newsletter in your inbox.\n\n"
        "The mayor's lawyer said he would return to work next week. Follow us on Twitter for the latest news. "
        "Tell us what you think using the form below.",
        encoding="utf-8",
    )
    assert ingest(empty_db, [str(page)]).ok
    text = empty_db.execute("SELECT text FROM articles").fetchone()[0]
    sentences = " ".join(r[0] for r in empty_db.execute("SELECT text FROM sentences WHERE kind != 'furniture'"))
    for leftover in ("Photograph", "Click here", "Follow us", "form below"):
        assert leftover not in text and leftover not in sentences
    assert "A judge in Cusco ordered the release" in text and "would return to work next week." in text
    assert "would return to work next week." in sentences


def test_a_paragraph_that_opens_like_a_leftover_is_kept() -> None:
    body = clean_body("Share prices in Lima rose 5 percent on Monday after the central bank cut rates.\n\nSHARE")
    assert body == "Share prices in Lima rose 5 percent on Monday after the central bank cut rates."


def _article(n: int, lines: list[str]) -> RawArticle:
    """Article n of one source: two sentences of its own reporting, then the given lines."""
    body = (f"Officials in district {n:05d} reported case {_word(n)} to the {_word(n + 7)} prosecutors. "
            f"The {_word(n + 3)} inquiry into contract {_word(n + 11)} continues.")
    return RawArticle(title=f"Report {n}", text="\n\n".join([body, *lines]), source="Andean Monitor",
                      origin=f"article {n}")


def _word(n: int) -> str:
    """A distinct made-up word per number (digits alone all normalise to one text)."""
    letters = "bcdfghjklmnpqrstvwxz"
    out = ""
    while True:
        n, rest = divmod(n, len(letters))
        out += letters[rest] + "a"
        if not n:
            return out


def test_the_furniture_table_grows_with_what_learning_needs_not_with_every_sentence(empty_db) -> None:
    footer = "Andean Monitor stories may be republished with credit to the author."
    rare = "Write to the Andean Monitor desk with your tips."  # in one article of 150: still furniture
    articles = 3 * RULE.window
    furniture = Furniture(empty_db)
    for n in range(articles):
        furniture.learn(_article(n, [footer] + ([rare] if n % 150 == 0 else [])))
    learned = {f["text"] for f in list_furniture(empty_db, RULE)}
    assert learned == {footer, rare}
    probe = _article(articles, [])
    assert furniture(probe, footer) and furniture(probe, rare)
    assert not furniture(probe, "The bbaa inquiry into contract bbaa continues.")
    rows = empty_db.execute("SELECT COUNT(*) FROM furniture").fetchone()[0]
    per_article = 3  # each article's own lines: its paragraph and its two sentences
    assert rows <= (RULE.window + PRUNE_EVERY) * per_article + 3  # + the source's count, footer, rare line
    assert rows < articles * per_article / 2  # unbounded, it held every line of all 3,000 articles


def test_an_archive_from_before_the_bound_keeps_its_furniture_and_drops_one_off_lines(tmp_path: Path) -> None:
    """The migration: learned furniture and repeating candidates stay; a big source's one-off lines go."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:BOUND_MIGRATION]:
        conn.executescript(script)
    rows = [("big", "*", "(articles of the source)", 1500), ("big", "f", "Licence line.", 400),
            ("big", "c", "A line in three articles.", 3), ("big", "o", "A sentence seen once.", 1),
            ("small", "*", "(articles of the source)", 40), ("small", "o", "Seen once in a small source.", 1)]
    conn.executemany("INSERT INTO furniture (source, hash, text, articles) VALUES (?, ?, ?, ?)", rows)
    conn.execute(f"PRAGMA user_version = {BOUND_MIGRATION}")
    conn.commit()
    conn.close()
    db = open_db(path)
    kept = {(s, h): (a, seen) for s, h, a, seen in db.execute("SELECT source, hash, articles, seen FROM furniture")}
    assert kept == {("big", "*"): (1500, 1500), ("big", "f"): (400, 1500), ("big", "c"): (3, 1500),
                    ("small", "*"): (40, 40), ("small", "o"): (1, 40)}
    assert [f["text"] for f in list_furniture(db, RULE)] == ["Licence line."]
