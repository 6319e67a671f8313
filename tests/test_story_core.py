"""A story's core: an article about another phone that names the maker is related coverage, not the
Galaxy S5 story; a true follow-up that names the S5 joins it.

The archive is built in the test: eight Galaxy S5 reports on consecutive days among forty reports on
other subjects (so that "S5" is rare in the archive, as a story's core terms are), then a Sony phone
review that compares itself with Samsung's Galaxy range once, then one more S5 report.
"""

from __future__ import annotations

import json

import pytest

from bot.ingest.service import ingest
from storage.db import open_db

S5_ANGLES = [
    ("fingerprint scanner", "The fingerprint scanner on the home button unlocks the phone and pays with PayPal."),
    ("heart-rate sensor", "A heart-rate sensor under the camera flash feeds the S Health fitness app."),
    ("waterproof body", "The dimpled plastic back hides a waterproof body rated IP67 against dust and water."),
    ("16-megapixel camera", "The 16-megapixel camera focuses in 0.3 seconds and records 4K video."),
    ("price in Europe", "Carriers in Europe will sell the phone for about 700 euros without a contract."),
    ("launch in 150 countries", "The phone goes on sale in 150 countries on the same day in April."),
    ("first-month sales", "Samsung says it sold ten million units in the first month, faster than the S4."),
    ("battery saving mode", "An ultra power saving mode turns the screen grey and stretches the battery for days."),
]
FILLER = ["harbour", "orchestra", "vineyard", "glacier", "museum", "marathon", "library", "bakery", "railway",
          "election", "volcano", "festival", "brewery", "aquarium", "cathedral", "circus", "lighthouse", "opera",
          "rowing", "chess", "tennis", "ballet", "zoo", "garden", "bridge", "ferry", "canal", "castle",
          "theatre", "market", "stadium", "airport", "school", "hospital", "farm", "forest", "river", "island",
          "mountain", "desert"]


def s5_report(day: int, angle: str, detail: str) -> dict:
    return {
        "url": f"https://tech.example.org/galaxy-s5-{day}", "date": f"2014-03-{day:02d}", "source": "Tech Daily",
        "title": f"Samsung Galaxy S5: the {angle}",
        "text": f"Samsung showed the Galaxy S5 in Barcelona, and the {angle} is what reviewers noticed first."
                f" {detail} The Galaxy S5 runs Android 4.4 with Samsung's TouchWiz interface on a 5.1-inch"
                f" screen. Samsung hopes the S5 will win back buyers who chose the iPhone last year.",
    }


def filler(n: int, word: str) -> dict:
    return {
        "url": f"https://city.example.org/{word}", "date": f"2014-02-{1 + n % 28:02d}", "source": "City Paper",
        "title": f"The town {word} reopens after repairs",
        "text": f"The {word} in Lyndhurst reopened on Saturday after two years of repairs paid by the council."
                f" Volunteers from the {word} society painted the walls, and the mayor cut a ribbon.",
    }


SONY = {
    "url": "https://tech.example.org/sony-xperia-z2", "date": "2014-03-10", "source": "Tech Daily",
    "title": "Sony Xperia Z2 review: a waterproof phone with a 20-megapixel camera",
    "text": "Sony's Xperia Z2 is a waterproof Android phone with a 20-megapixel camera that records 4K video,"
            " a 5.2-inch screen and a battery that lasts two days. It costs about 700 euros in Europe and"
            " competes with the Galaxy range from Samsung. The Xperia Z2 goes on sale in April in Europe.",
}
FOLLOW_UP = s5_report(11, "screen in sunlight", "The screen stays readable in bright sunlight, reviewers found.")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("core")
    rows = [filler(n, w) for n, w in enumerate(FILLER)]
    rows += [s5_report(day, angle, detail) for day, (angle, detail) in enumerate(S5_ANGLES, start=1)]
    rows += [SONY, FOLLOW_UP]
    (folder / "phones.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    database = open_db(folder / "phones.db")
    report = ingest(database, [str(folder / "phones.jsonl")])
    assert report.ok, report.problems
    return database


def story(db, url: str) -> int:
    return db.execute("SELECT story_id FROM articles WHERE url = ?", [url]).fetchone()[0]


def follows(db, url: str) -> list[int]:
    return [r[0] for r in db.execute(
        "SELECT r.related_id FROM article_related r JOIN articles a ON a.id = r.article_id WHERE a.url = ?", [url])]


def test_the_s5_reports_are_one_story(db) -> None:
    assert len({story(db, r["url"]) for r in [s5_report(d, a, t) for d, (a, t) in enumerate(S5_ANGLES, 1)]}) == 1


def test_another_phone_that_names_the_maker_is_not_the_s5_story(db) -> None:
    assert story(db, SONY["url"]) != story(db, s5_report(1, *S5_ANGLES[0])["url"])
    assert follows(db, SONY["url"]) == []


def test_a_true_follow_up_joins_the_s5_story(db) -> None:
    assert story(db, FOLLOW_UP["url"]) == story(db, s5_report(1, *S5_ANGLES[0])["url"])
    assert follows(db, FOLLOW_UP["url"])
