"""A story's day split by development, through the real path: articles ingested (spaCy, the story linker's
vectors), one story, digests posted to the Slack stand-in on two days.

tests/fixtures/developments: on 16 June BBC and Reuters report the spill's containment cap in their own
words and the Guardian the chief executive's hearing; on 17 June the Guardian reports the dividend. Each
piece repeats that "11 workers were killed" in April. The desk files all four as one story (set by SQL: the
linker's choice is not what is tested here). flu.jsonl: Reuters says at least 20 confirmed dead in Mexico on
25 April; on 27 April the BBC says at least 60 suspected, AP 81, Al Jazeera 69, and the Guardian 3 dead in
Texas and drugs stockpiled for 50 million people. cases.jsonl: counts of flu cases in Wales over four days:
"9 other possible cases" (4 May) and "140 possible other cases" (6 May), each a count beside others its
sentence leaves out; "5 new cases" (4 May) and "12 new cases" (6 May), two days' additions; 31 confirmed
(BBC) and 25 confirmed (Reuters) on 7 May, one measure two outlets state differently.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_archive
from digest_fixtures import digest_standin, post_digests

from bot.ingest.service import ingest
from bot.subscriptions import service
from storage.db import open_db

SPILL = "C0SPILL"
CAP_BBC = "BP lowers a new containment cap onto the leaking well"
CAP_REUTERS = "Engineers fit cap to capture more oil from ruptured well"
HEARING = "Hayward faces grilling by congressional committee"
DIVIDEND = "BP suspends its dividend and sets up a compensation fund"


@pytest.fixture(scope="module")
def days(seed_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[list[str]]]:
    """Each day's articles ingested and filed in one story, then that day's digest run: per day, the
    sections of the message the channel was sent."""
    path = copy_archive(seed_db_path, tmp_path_factory.mktemp("developments") / "newsbot.db")
    db = open_db(path)
    service.add(db, service.Request("news", "", None, "daily 08:00", "UTC"), channel=SPILL)
    first = db.execute("SELECT MAX(id) FROM articles").fetchone()[0] + 1
    out: list[list[str]] = []
    with digest_standin() as standin:
        for name in ("day1", "day2"):
            assert ingest(db, [str(FIXTURES / "developments" / f"{name}.jsonl")], progress=False).ok
            with db.conn:
                db.execute("UPDATE articles SET story_id = ? WHERE id >= ?", [first, first])
            seen = len(standin.calls_of("chat.postMessage", ok_only=True))
            post_digests(db)
            bodies = [c.body for c in standin.calls_of("chat.postMessage", ok_only=True)[seen:]]
            assert len(bodies) == 1, bodies
            out.append([b["text"]["text"] for b in bodies[0]["blocks"] if b["type"] == "section"]
                       + [json.dumps(bodies[0]["blocks"])])
    yield out
    db.conn.close()


def section_of(sections: list[str], title: str) -> str:
    """The one section listing the article (a later section's "Follows" line names it too)."""
    found = [s for s in sections[:-1] if any(title in line for line in s.splitlines() if "Follows" not in line)]
    assert len(found) == 1, (title, sections)
    return found[0]


def test_a_story_s_day_is_one_section_a_development_with_its_outlets_and_what_it_follows(
        days: list[list[str]]) -> None:
    """The cap (BBC and Reuters) and the hearing (Guardian) are two sections of one story: the cap's
    headline is its newest article's, with both outlets; the hearing follows the cap."""
    day1 = days[0]
    assert len(day1) - 1 == 2, day1
    cap, hearing = section_of(day1, CAP_BBC), section_of(day1, HEARING)
    assert cap == section_of(day1, CAP_REUTERS)  # one development, two outlets
    assert cap.startswith(f"*<https://example.org/spill/cap-reuters|{CAP_REUTERS}>* · Reuters, BBC · "), cap
    assert "Follows earlier coverage" in hearing and CAP_REUTERS in hearing, hearing
    assert "3 new articles in 1 story" in day1[-1]


def test_the_next_day_s_development_follows_the_last_one_posted(days: list[list[str]]) -> None:
    """The dividend, a day later, is its own section and says which earlier coverage it follows."""
    dividend = section_of(days[1], DIVIDEND)
    assert "Follows earlier coverage" in dividend, dividend


def test_a_quantity_is_shown_once_and_never_again_in_the_next_day_s_digest(days: list[list[str]]) -> None:
    """BBC's "11 workers were killed" and Reuters' "killed 11 workers" are one figure on the first day; the
    dividend piece's same background line is not shown again the next day."""
    figures = [line for s in days[0][:-1] for line in s.splitlines() if line.startswith("Figures:")]
    assert sum(line.count("11 ") for line in figures) == 1, figures
    assert not any("11 " in line for s in days[1][:-1] for line in s.splitlines() if line.startswith("Figures:")), \
        days[1]


@pytest.fixture(scope="module")
def flu(seed_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The flu articles ingested (stories as the linker files them) and one digest run: what the channel
    was sent (the one-minute message and its thread alike), as text."""
    db = open_db(copy_archive(seed_db_path, tmp_path_factory.mktemp("flu") / "newsbot.db"))
    service.add(db, service.Request("news", "", None, "daily 08:00", "UTC"), channel="C0FLUTOLL")
    assert ingest(db, [str(FIXTURES / "developments" / "flu.jsonl")], progress=False).ok
    with digest_standin() as standin:
        post_digests(db)
        calls = standin.calls_of("chat.postMessage", ok_only=True)
    db.conn.close()
    return "\n".join(b["text"]["text"] for c in calls for b in c.body["blocks"] if b["type"] == "section")


def test_outlets_that_differ_on_a_toll_the_same_day_are_flagged_with_both_linked(flu: str) -> None:
    lines = [line for line in flu.splitlines() if "Figures disagree on the death toll" in line]
    assert lines, flu
    assert "69 people in <https://example.org/flu/mexico-city-aljazeera|Al Jazeera>" in lines[0], lines
    assert "81 people in <https://example.org/flu/mexico-count-ap|AP>" in lines[0], lines


def test_a_later_larger_toll_reads_as_a_rise(flu: str) -> None:
    """20 on the 25th, 81 on the 27th: a rise from the earlier to the later, not a disagreement."""
    lines = [line for line in flu.splitlines() if "The death toll rose from at least 20 people" in line]
    assert any("<https://example.org/flu/mexico-reuters|Reuters>, 25 Apr 2009) to 81 people" in line
               for line in lines), flu
    assert not any("disagree" in line and "at least 20" in line for line in flu.splitlines()), flu


def test_a_confirmed_and_a_suspected_count_are_two_counts_said_as_such(flu: str) -> None:
    """20 confirmed (Reuters) and 60 suspected (BBC): neither a rise nor a disagreement, and said which is which."""
    lines = [line for line in flu.splitlines() if "Two counts of the death toll" in line]
    assert lines and lines[0].endswith("(confirmed vs suspected)"), flu
    assert "at least 20 people (<https://example.org/flu/mexico-reuters|Reuters>" in lines[0], lines
    assert "At least 60 people (<https://example.org/flu/mexico-bbc|BBC>" in lines[0], lines
    assert not any("rose" in line and "60" in line for line in flu.splitlines()), flu


def test_counts_of_other_places_or_other_things_are_never_flagged(flu: str) -> None:
    """3 dead in Texas is not Mexico's toll; 50 million people with drugs stockpiled count nobody dead."""
    compared = [line for line in flu.splitlines() if ":warning:" in line or "_trend:" in line or ":scales:" in line]
    assert compared and not any("3 people" in line or "50 million" in line for line in compared), compared


@pytest.fixture(scope="module")
def cases(seed_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The Wales case counts ingested and one digest run: the comparison lines the channel was sent."""
    db = open_db(copy_archive(seed_db_path, tmp_path_factory.mktemp("cases") / "newsbot.db"))
    service.add(db, service.Request("news", "", None, "daily 08:00", "UTC"), channel="C0CASES")
    assert ingest(db, [str(FIXTURES / "developments" / "cases.jsonl")], progress=False).ok
    with digest_standin() as standin:
        post_digests(db)
        calls = standin.calls_of("chat.postMessage", ok_only=True)
    db.conn.close()
    text = "\n".join(b["text"]["text"] for c in calls for b in c.body["blocks"] if b["type"] == "section")
    return [line for line in text.splitlines() if ":warning:" in line or "_trend:" in line or ":scales:" in line]


def test_counts_beside_others_the_sentence_leaves_out_are_never_compared(cases: list[str]) -> None:
    """"9 other possible cases" and "140 possible other cases" each count what is left beside a total their
    own article gives: no measure of their own, so no rise from 9 to 140."""
    assert not any("140" in line or " 9 " in line for line in cases), cases


def test_two_days_additions_are_not_a_rise(cases: list[str]) -> None:
    """5 new cases on Monday and 12 new cases on Wednesday are two days' news, not a count that rose."""
    assert not any("new cases" in line for line in cases), cases


def test_one_measure_two_outlets_state_differently_is_still_flagged(cases: list[str]) -> None:
    """31 confirmed cases (BBC) and 25 (Reuters) the same day in Wales: a disagreement, both linked."""
    lines = [line for line in cases if "Figures disagree on cases" in line]
    assert lines, cases
    assert "wales-bbc-7|BBC>" in lines[0] and "wales-reuters-7|Reuters>" in lines[0], lines
