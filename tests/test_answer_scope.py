"""A desk holds the passages about its places: a roundup of capitals gives /peru its section on Lima only."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from bot.answer.engine import ask
from bot.ingest.service import ingest

ELSEWHERE = ("Santiago", "Chile", "Bogotá", "Colombia", "Caracas", "Venezuela")


@pytest.fixture
def roundup_db(empty_db):
    report = ingest(empty_db, [str(FIXTURES / "roundup.jsonl")])
    assert report.ok and len(report.added) == 1
    return empty_db


def lines(answer) -> list[str]:
    return [item["text"] for item in answer.items]


@pytest.mark.parametrize("action", ["summary", "facts", "timeline", "quotes"])
def test_peru_gets_only_the_lima_section_of_a_roundup(roundup_db, action) -> None:
    answer = ask(roundup_db, f"/peru {action}", limit=20)
    assert answer.items, answer.text
    for text in lines(answer):
        assert not any(place in text for place in ELSEWHERE), text
    assert any("Lima" in text or "Callao" in text for text in lines(answer))


def test_the_whole_archive_keeps_every_section(roundup_db) -> None:
    texts = " ".join(lines(ask(roundup_db, "/news timeline", limit=20)))
    assert "Santiago" in texts and "Bogotá" in texts and "Callao" in texts


def test_who_counts_and_quotes_in_the_same_scope(roundup_db) -> None:
    chilean = ask(roundup_db, "/peru who Carla Muñoz")
    if chilean.items:  # known to the archive, but not in Peru's passages: no quote under "0 articles"
        assert chilean.items[0]["mentions"] == 0 and chilean.items[0]["quotes"] == []
    peruvian = ask(roundup_db, "/peru who Rosa Quispe").items[0]
    assert peruvian["mentions"] == 1 and peruvian["quotes"]
    assert ask(roundup_db, "/news who Carla Muñoz").items[0]["quotes"]


@pytest.mark.parametrize("walk", [False, True])
@pytest.mark.parametrize(("action", "words"), [("facts", "crime"), ("timeline", "crime"), ("quotes", "crime"),
                                               ("facts", "police"), ("timeline", "police"), ("quotes", "said")])
def test_a_topic_or_word_keeps_to_the_desks_section(roundup_db, monkeypatch, action, words, walk) -> None:
    """With words to match (a topic, or text), the desk and its passages are checked on the matching sentence
    before its facts are read, or on the fact before its topic when a broad topic's facts are walked: still
    only Lima's, and Lima's all there."""
    if walk:
        from storage import queries

        monkeypatch.setattr(queries, "BROAD_MIN", 0)
        monkeypatch.setattr(queries, "BROAD_FACTOR", 0)
    answer = ask(roundup_db, f"/peru {words} {action}", limit=20)
    texts = lines(answer)
    assert texts, answer.text
    assert not [text for text in texts if any(place in text for place in ELSEWHERE)]
    whole = lines(ask(roundup_db, f"/news {words} {action}", limit=20))
    assert [t for t in whole if "Lima" in t or "Callao" in t] == [t for t in texts if "Lima" in t or "Callao" in t]
