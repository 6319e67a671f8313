"""Ingestion as a desk admin sees it: what gets stored, what is refused, and that nothing doubles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEEDS
from webserver import Page

from bot.ingest.service import ingest

COUNTED = ("articles", "sentences", "sentence_topics", "entities", "aliases", "mentions", "facts", "article_topics",
           "article_desks")


def counts(db) -> dict[str, int]:
    return {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in COUNTED}


def ids(db) -> dict[str, list[int]]:
    return {t: [r[0] for r in db.execute(f"SELECT id FROM {t} ORDER BY id")] for t in ("articles", "entities", "facts")}


def test_seed_metadata_and_clean_text(seed_db) -> None:
    row = seed_db.execute("SELECT title, source, published, tags, text FROM articles").fetchone()
    title, source, published, tags, text = row
    assert title == "Can Peru’s New President José Jerí Win His ‘War on Crime’?"
    assert source == "InSight Crime" and published == "2025-10"
    assert {"crime", "peru", "latinamerica"} <= set(json.loads(tags))
    assert "SEE ALSO" not in text and "Featured Image" not in text and "#crime" not in text


def test_headings_are_their_own_sentences(seed_db) -> None:
    heading = "Organized Crime Expanding in the Streets and Behind Bars"
    kinds = dict(seed_db.execute("SELECT text, kind FROM sentences").fetchall())
    assert kinds[heading] == "heading"
    assert not any(heading in t and t != heading for t in kinds)


def test_same_inputs_twice_change_nothing(seed_db) -> None:
    before_counts, before_ids = counts(seed_db), ids(seed_db)
    report = ingest(seed_db, [str(SEEDS)])
    assert report.unchanged and not report.added and not report.updated
    assert counts(seed_db) == before_counts and ids(seed_db) == before_ids


def test_reanalysing_keeps_ids(seed_db) -> None:
    before_counts, before_ids = counts(seed_db), ids(seed_db)
    report = ingest(seed_db, [str(SEEDS)], reanalyse=True)
    assert report.updated == before_ids["articles"]
    assert counts(seed_db) == before_counts
    assert ids(seed_db)["entities"] == before_ids["entities"]


def test_tracking_parameters_and_fragment_do_not_make_a_new_article(empty_db, tmp_path: Path) -> None:
    body = "Police in Lima arrested five men accused of extortion on Monday, officials said."
    rows = [
        {"title": "Arrests in Lima", "url": "https://News.example.com/a/?utm_source=x#top", "content": body},
        {"title": "Arrests in Lima", "url": "https://news.example.com/a?fbclid=1", "content": body + " More."},
    ]
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(json.dumps(rows[0]), encoding="utf-8")
    second.write_text(json.dumps(rows[1]), encoding="utf-8")
    added = ingest(empty_db, [str(first)]).added
    assert len(added) == 1 and ingest(empty_db, [str(second)]).updated == added
    both = tmp_path / "both.jsonl"
    both.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert ingest(empty_db, [str(both)]).unchanged == added  # the later copy in one run wins
    assert counts(empty_db)["articles"] == 1
    assert empty_db.execute("SELECT text FROM articles").fetchone()[0].endswith("More.")


def test_bad_csv_row_is_reported_and_the_rest_stored(empty_db, tmp_path: Path) -> None:
    path = tmp_path / "archive.csv"
    path.write_text(
        "title,date,content,tags\n"
        'Good one,2024-03-02,"Prison guards in Piura were arrested for extortion, prosecutors said.","Peru,Prisons"\n'
        "Empty one,2024-03-03,,\n",
        encoding="utf-8",
    )
    report = ingest(empty_db, [str(path)])
    assert len(report.added) == 1
    assert [str(p) for p in report.problems] == [f"{path} row 3: no article text (expected a content/text/body field)"]
    assert empty_db.execute("SELECT published, tags FROM articles").fetchone() == ("2024-03-02", '["peru", "prisons"]')


def test_markdown_front_matter_and_hashtags(empty_db, tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(
        "---\nurl: https://example.org/story\ndate: 2024-05-06\nsource: Example Desk\n---\n"
        "# Gangs extort bus drivers in Trujillo\n\nDrivers said gangs demand daily payments.\n\n#extortion #peru\n",
        encoding="utf-8",
    )
    report = ingest(empty_db, [str(path)])
    assert report.ok
    row = empty_db.execute("SELECT title, url, published, source, tags FROM articles").fetchone()
    assert row == ("Gangs extort bus drivers in Trujillo", "https://example.org/story", "2024-05-06",
                   "Example Desk", '["extortion", "peru"]')


def test_html_file_goes_through_the_extractor(empty_db, tmp_path: Path) -> None:
    paragraphs = "".join(
        f"<p>Paragraph {i}: prosecutors in Lima said the extortion network collected payments from "
        f"transport companies across the city for several years before the arrests.</p>" for i in range(6)
    )
    page = (f"<html><head><title>Network dismantled</title></head><body><nav>Home | Sections</nav>"
            f"<article><h1>Network dismantled</h1>{paragraphs}</article><footer>© Site</footer></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (tmp_path / "empty.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    report = ingest(empty_db, [str(tmp_path)])
    assert len(report.added) == 1
    assert [p.reason for p in report.problems] == ["no article text found in the page"]
    text = empty_db.execute("SELECT text FROM articles").fetchone()[0]
    assert "extortion network" in text and "Home | Sections" not in text


def test_huge_article_is_stored_whole_and_analysed_in_part(empty_db, tmp_path: Path) -> None:
    paragraph = "Officials in Lima reported new extortion cases against transport workers this week. " * 8
    path = tmp_path / "huge.txt"
    path.write_text("A very long report\n\n" + "\n\n".join([paragraph] * 8000), encoding="utf-8")
    assert path.stat().st_size > 5_000_000
    report = ingest(empty_db, [str(path)])
    assert report.ok and report.truncated == [str(path)]
    stored = empty_db.execute("SELECT length(text) FROM articles").fetchone()[0]
    assert stored > 5_000_000


def test_url_to_loopback_is_refused_and_stores_nothing(empty_db, web) -> None:
    web.pages["/story.html"] = Page("<html><body><article><p>Text</p></article></body></html>")
    report = ingest(empty_db, [web.url("/story.html")])
    assert "not a public address" in report.problems[0].reason
    assert counts(empty_db)["articles"] == 0 and web.requests == []


@pytest.mark.parametrize(
    "url, reason",
    [
        ("file:///etc/passwd", "only http and https"),
        ("ftp://example.org/x", "only http and https"),
        ("http://169.254.169.254/latest/meta-data/", "not a public address"),
        ("http://10.1.2.3/", "not a public address"),
        ("http://[::1]/", "not a public address"),
        ("http://localhost:9/", "not a public address"),
    ],
)
def test_url_rule(empty_db, url: str, reason: str) -> None:
    report = ingest(empty_db, [url])
    assert reason in report.problems[0].reason


def test_feed_entries_become_articles_and_a_broken_feed_is_reported(empty_db, web, allow_loopback) -> None:
    story = ("<html><body><article><h1>{t}</h1>" + "<p>{t}: police in Callao said the gang ran an extortion "
             "racket against shopkeepers and bus companies for two years before the raid.</p>" * 5
             + "</article></body></html>")
    web.pages["/a.html"] = Page(story.format(t="Raid in Callao"))
    web.pages["/b.html"] = Page(story.format(t="Gang leader arrested"))
    items = "".join(
        f"<item><title>{t}</title><link>{web.url(p)}</link><pubDate>Mon, 03 Nov 2025 10:00:00 GMT</pubDate></item>"
        for t, p in (("Raid in Callao", "/a.html"), ("Gang leader arrested", "/b.html"))
    )
    web.pages["/feed.xml"] = Page(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Desk feed</title>'
                                  f"{items}</channel></rss>", "application/rss+xml")
    web.pages["/broken.xml"] = Page("<?xml version='1.0'?><rss><channel><item>", "application/rss+xml")
    report = ingest(empty_db, [web.url("/broken.xml"), web.url("/feed.xml")])
    assert len(report.added) == 2
    assert report.problems and "not a readable feed" in report.problems[0].reason
    rows = empty_db.execute("SELECT title, published, source FROM articles ORDER BY title").fetchall()
    assert rows == [("Gang leader arrested", "2025-11-03", "Desk feed"), ("Raid in Callao", "2025-11-03", "Desk feed")]


def test_page_over_the_size_cap_is_refused(empty_db, web, allow_loopback) -> None:
    web.pages["/big.html"] = Page("<p>" + "x" * (6 * 1024 * 1024) + "</p>")
    report = ingest(empty_db, [web.url("/big.html")])
    assert "larger than the 5 MB limit" in report.problems[0].reason
    assert counts(empty_db)["articles"] == 0


def test_cli_reports_each_failure_and_exits_nonzero(tmp_path: Path) -> None:
    import subprocess
    import sys

    from conftest import ROOT

    (tmp_path / "ok.txt").write_text("Arrests in Callao\n\nPolice arrested four men for extortion.\n", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"title": "x", "content": "Fine text here."}\nnot json\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--db", str(tmp_path / "cli.db"), "ingest", "--quiet", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert done.returncode == 1
    assert f"failed: {tmp_path / 'bad.jsonl'} line 2:" in done.stderr
    assert done.stdout.strip() == "2 added, 0 updated, 0 unchanged, 0 copies of stored articles, 1 failed"


def test_schema_is_migrated_once(tmp_path: Path) -> None:
    from storage.db import open_db
    from storage.schema import MIGRATIONS

    db = open_db(tmp_path / "m.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    again = open_db(tmp_path / "m.db")
    assert again.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def _people_after_ingest(db, tmp_path: Path, rows: list[dict[str, str]]) -> dict[str, int]:
    """Ingest the rows (one JSONL file) and return each stored person with the number of articles
    that mention them."""
    path = tmp_path / "people.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert ingest(db, [str(path)]).ok
    return dict(db.execute(
        "SELECT e.name, COUNT(DISTINCT m.article_id) FROM entities e JOIN mentions m ON m.entity_id = e.id"
        " WHERE e.type = 'PERSON' GROUP BY e.id").fetchall())


def test_people_who_share_a_surname_stay_two(empty_db, tmp_path: Path) -> None:
    rows = [
        {"title": "Minister speaks", "content": "Tony Blair spoke in London on Monday. Blair said it would work."},
        {"title": "Writer honoured", "content": "The novelist Linda Blair won a prize in Leeds. Blair thanked her."},
        {"title": "Premier again", "content": "Prime minister Tony Blair met union leaders. Mr Blair left early."},
        {"title": "Blair speaks", "content": "Blair spoke in Leeds on Friday about the new prize."},
    ]
    people = _people_after_ingest(empty_db, tmp_path, rows)
    # a bare "Blair" in an article that names neither is neither of them
    assert people == {"Tony Blair": 2, "Linda Blair": 1, "Blair": 1}


def test_a_middle_name_does_not_split_a_person_across_articles(empty_db, tmp_path: Path) -> None:
    rows = [
        {"title": "Rally", "content": "Donald Trump spoke at a rally in Ohio on Monday."},
        {"title": "Debate", "content": "Donald J. Trump attacked the moderators in the debate on Tuesday."},
        {"title": "Presidents", "content": "George H.W. Bush met reporters in Texas on Friday."},
        {"title": "Presidents again", "content": "George W. Bush met reporters in Texas on Saturday."},
    ]
    people = _people_after_ingest(empty_db, tmp_path, rows)
    assert people["Donald J. Trump"] == 2 and "Donald Trump" not in people
    assert {"George H.W. Bush", "George W. Bush"} <= set(people)


def test_a_latin1_text_file_is_read(empty_db, tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Fees rise\n\nThe club paid £2m for the striker, officials in Lima said.\n".encode("cp1252"))
    report = ingest(empty_db, [str(path)])
    assert report.ok
    assert "£2m" in empty_db.execute("SELECT text FROM articles").fetchone()[0]


def test_db_is_accepted_after_the_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """`newsbot ingest FILE --db X` and `newsbot ask ... --db X` use X, as `newsbot --db X ...` does; nothing
    lands in a ./newsbot.db the user never named."""
    from bot.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSBOT_DB", raising=False)
    archive = tmp_path / "desk.db"
    assert main(["ingest", str(SEEDS), "--quiet", "--db", str(archive)]) == 0
    capsys.readouterr()
    assert main(["ask", "/peru", "crime", "summary", "--db", str(archive)]) == 0
    assert "Jerí" in capsys.readouterr().out
    assert main(["--db", str(archive), "feeds", "list"]) == 0
    assert not (tmp_path / "newsbot.db").exists()
