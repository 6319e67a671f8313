"""One article however many copies: the wire copy under a local headline, the same GUID under a new link,
a re-published update, and two different articles of one story that must stay two."""

from __future__ import annotations

import json
from pathlib import Path

from webserver import Page

from bot.answer.engine import ask
from bot.ingest.service import ingest
from storage.dedup import copies

LEAD = ("Police in Lima arrested eleven members of an extortion gang known as Los Injertos del Cono Norte on "
        "Tuesday, after a six-month investigation into threats against bus companies in the north of the city.")
BODY = [
    LEAD,
    "Prosecutors said the gang collected weekly payments of up to 3,000 soles from each company and set fire to "
    "two buses in San Martín de Porres when drivers refused to pay.",
    "Interior Minister Vicente Tiburcio said the arrests showed that the state of emergency declared in October "
    "was working, and promised more raids before the end of the year.",
    "Transport unions, which staged a strike in Lima last month over the killings of drivers, said the arrests "
    "were welcome but that dozens of other gangs were still extorting their members every day.",
    "The eleven suspects will appear before a judge on Thursday, when prosecutors will ask for eighteen months "
    "of preventive detention while the investigation continues.",
]
OTHER = [  # the same event, another outlet's own words: a different article of the same story
    "Eleven people were detained in northern Lima this week in an operation against extortion of transport "
    "firms, the national police said in a statement on Wednesday.",
    "According to the police, the suspects belonged to Los Injertos del Cono Norte and had demanded money from "
    "drivers for months, burning vehicles of those who did not comply.",
    "Bus drivers interviewed at a terminal in Comas said they still paid several gangs and did not expect the "
    "operation to change much on their routes.",
    "Interior Minister Vicente Tiburcio told reporters that more operations would follow under the emergency "
    "measures.",
]


def page(title: str, paragraphs: list[str]) -> Page:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return Page(f"<html><head><title>{title}</title></head><body><nav>Home | Peru | World</nav>"
                f"<article><h1>{title}</h1>{body}</article><footer>© Example News</footer></body></html>")


def article_rows(db) -> list[tuple]:
    return db.execute("SELECT id, url, title FROM articles ORDER BY id").fetchall()


def test_wire_copy_under_a_local_headline_is_one_article(empty_db, web, allow_loopback) -> None:
    web.pages["/wire/gang.html"] = page("Peru police arrest 11 in Lima extortion crackdown", BODY)
    web.pages["/local/injertos.html"] = page(
        "Golpe a Los Injertos: cae banda que extorsionaba a transportistas",
        [f"LIMA (Example Wire) — {LEAD}", *BODY[1:],
         "Additional reporting by Ana Ruiz; this story was updated with the unions' reaction."])
    first = ingest(empty_db, [web.url("/wire/gang.html")])
    second = ingest(empty_db, [web.url("/local/injertos.html")])
    (stored,) = first.added
    assert second.copies == [stored] and not second.added and not second.updated
    assert second.summary() == "0 added, 0 updated, 0 unchanged, 1 copies of stored articles"
    assert [row[0] for row in article_rows(empty_db)] == [stored]
    (copy,) = copies(empty_db, stored)
    assert copy["url"] == web.url("/local/injertos.html") and copy["title"].startswith("Golpe a Los Injertos")
    assert 0.5 < copy["similarity"] < 1
    answer = ask(empty_db, "/news search Injertos").to_json()
    assert [s["id"] for s in answer["sources"]] == [stored]

    before = (article_rows(empty_db), copies(empty_db, stored))
    again = ingest(empty_db, [web.url("/local/injertos.html")])
    assert again.copies == [stored] and not again.added and not again.updated
    assert article_rows(empty_db) == before[0]
    assert [{k: c[k] for k in ("url", "title", "similarity")} for c in copies(empty_db, stored)] == [
        {k: c[k] for k in ("url", "title", "similarity")} for c in before[1]]


def test_two_articles_of_one_story_stay_two(empty_db, web, allow_loopback) -> None:
    web.pages["/a.html"] = page("Peru police arrest 11 in Lima extortion crackdown", BODY)
    web.pages["/b.html"] = page("Eleven detained in operation against bus extortion", OTHER)
    report = ingest(empty_db, [web.url("/a.html"), web.url("/b.html")])
    assert len(report.added) == 2 and not report.copies
    assert all(not copies(empty_db, article_id) for article_id in report.added)


def test_revised_text_at_the_same_url_updates_in_place(empty_db, web, allow_loopback) -> None:
    web.pages["/gang.html"] = page("Peru police arrest 11 in Lima extortion crackdown", BODY[:3])
    (stored,) = ingest(empty_db, [web.url("/gang.html")]).added
    web.pages["/gang.html"] = page("UPDATE 1-Peru police arrest 11 in Lima extortion crackdown", BODY)
    report = ingest(empty_db, [web.url("/gang.html")])
    assert report.updated == [stored] and not report.copies and not report.added
    (row,) = empty_db.execute("SELECT id, title, text FROM articles").fetchall()
    assert row[0] == stored and row[1].startswith("UPDATE 1") and "eighteen months" in row[2]


def test_a_known_guid_under_a_new_link_is_the_same_article(empty_db, tmp_path: Path) -> None:
    guid = "tag:example.org,2025:story-4471"
    entry = {"guid": guid, "title": "Peru police arrest 11 in Lima extortion crackdown",
             "url": "https://example.org/peru/2025/11/04/gang", "content": "\n\n".join(BODY[:4])}
    moved = {**entry, "url": "https://example.org/world/americas/gang-arrests", "content": "\n\n".join(BODY)}
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(json.dumps(entry), encoding="utf-8")
    second.write_text(json.dumps(moved), encoding="utf-8")
    (stored,) = ingest(empty_db, [str(first)]).added
    report = ingest(empty_db, [str(second)])
    assert report.updated == [stored] and not report.added
    (row,) = empty_db.execute("SELECT id, url, text FROM articles").fetchall()
    assert row[:2] == (stored, entry["url"]) and "eighteen months" in row[2]
    assert [c["url"] for c in copies(empty_db, stored)] == [moved["url"]]
    plain = tmp_path / "plain.jsonl"  # the new link alone, as another reader might find it
    plain.write_text(json.dumps({k: v for k, v in moved.items() if k != "guid"}), encoding="utf-8")
    assert ingest(empty_db, [str(plain)]).copies == [stored]
    assert len(article_rows(empty_db)) == 1


def test_copies_within_one_run_and_the_same_text_under_another_link(empty_db, tmp_path: Path) -> None:
    rows = [
        {"title": "Peru police arrest 11", "url": "https://wire.example/a", "content": "\n\n".join(BODY)},
        {"title": "Lima gang arrests", "url": "https://local.example/b", "content": "\n\n".join(BODY[:4])},
        {"title": "Peru police arrest 11", "url": "https://mirror.example/c", "content": "\n\n".join(BODY)},
    ]
    path = tmp_path / "run.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    report = ingest(empty_db, [str(path)])
    (stored,) = report.added
    assert report.copies == [stored, stored]
    assert sorted(c["url"] for c in copies(empty_db, stored)) == ["https://local.example/b", "https://mirror.example/c"]
    assert article_rows(empty_db)[0][1] == "https://wire.example/a"


def test_an_archive_stored_before_the_copy_index_is_indexed_on_the_next_ingest(empty_db, tmp_path: Path) -> None:
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps({"title": "Peru police arrest 11", "url": "https://wire.example/a",
                                 "content": "\n\n".join(BODY)}), encoding="utf-8")
    (stored,) = ingest(empty_db, [str(first)]).added
    with empty_db.conn:
        empty_db.execute("DELETE FROM dedup_bands")
        empty_db.execute("DELETE FROM dedup_fingerprints")
    copy = tmp_path / "copy.jsonl"
    copy.write_text(json.dumps({"title": "Lima gang arrests", "url": "https://local.example/b",
                                "content": "\n\n".join([*BODY, "Sign up for our newsletter."])}), encoding="utf-8")
    assert ingest(empty_db, [str(copy)]).copies == [stored]
