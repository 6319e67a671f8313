"""Behaviour of the extractive summarisers: what a reader of a summary would notice if it broke.

Inline texts and the seed article only; the BBC corpus is for bench/summary.py, not for tests.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from bot.answer.rank import Candidate, select
from bot.extract.summary import summarize

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_197ec3ae1b6dd08e.txt"


def split_seed(text: str) -> tuple[list[str], list[str]]:
    """Title, headings (short lines without end punctuation) and body sentences of a plain-text article."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    sentences, kinds = [lines[0]], ["title"]
    for line in lines[1:]:
        if len(line) < 80 and not line.endswith((".", "?", "!", "”", '"')):
            sentences.append(line)
            kinds.append("heading")
            continue
        for s in re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", line):
            sentences.append(s)
            kinds.append("body")
    return sentences, kinds


def test_titles_and_headings_are_never_chosen_even_when_central() -> None:
    sentences = [
        "Extortion gangs prisons police Lima",
        "Extortion gangs in Lima prisons",
        "Extortion gangs run rackets from Lima prisons, police said on Monday.",
        "Police in Lima say extortion gangs now target bus companies across the city.",
        "The weather was mild.",
        "Extortion gangs and prisons",
        "Prisons in Lima hold thousands of gang members accused of extortion, police said.",
    ]
    kinds = ["title", "heading", "body", "body", "body", "heading", "body"]
    picked = summarize(sentences, n=3, kinds=kinds)
    assert picked == [2, 3, 6]


def test_seed_summary_is_body_sentences_in_article_order() -> None:
    sentences, kinds = split_seed(SEED.read_text(encoding="utf-8"))
    assert kinds.count("heading") >= 3  # the splitter found the section headings
    picked = summarize(sentences, n=3, kinds=kinds)
    assert len(picked) == 3
    assert picked == sorted(set(picked))
    assert all(kinds[i] == "body" for i in picked)


def test_short_article_returns_every_body_sentence_and_empty_input_nothing() -> None:
    assert summarize(["Title", "Only sentence here."], n=3, kinds=["title", "body"]) == [1]
    assert summarize([], n=3) == []
    assert summarize(["A sentence."], n=0) == []


def test_five_megabyte_article_finishes_and_returns_n_body_indices() -> None:
    sentences, kinds = split_seed(SEED.read_text(encoding="utf-8"))
    body = [s for s, k in zip(sentences, kinds, strict=True) if k == "body"]
    big, big_kinds, size, i = [sentences[0], "word " * 200_000], ["title", "body"], 1_000_000, 0
    while size < 5_000_000:
        s = f"{body[i % len(body)]} (part {i})"
        big.append(s)
        big_kinds.append("heading" if i % 50 == 0 else "body")
        size += len(s) + 1
        i += 1
    picked = summarize(big, n=4, kinds=big_kinds)
    assert len(picked) == 4
    assert all(big_kinds[j] == "body" for j in picked)


def cand(sid: int, aid: int, text: str, pos: int = 3, published: str | None = "2025-10-20", rel: float = 1.0):
    return Candidate(sid, aid, text, pos, published, rel)


FILLER = [
    "The finance ministry published its quarterly budget review on Tuesday.",
    "Football fans celebrated the national team's qualifying win in the capital.",
    "A new museum of pre-Columbian textiles opened in Cusco this month.",
    "Exporters of blueberries reported record shipments to Europe.",
]


def test_near_duplicates_from_two_articles_are_not_both_selected() -> None:
    wire = "Congress approved a bill on Thursday to create a national registry of transport companies hit by extortion."
    copy = "Congress approved a bill on Thursday creating a national registry of transport companies hit by extortion."
    candidates = [cand(1, 1, wire), cand(2, 2, copy)] + [cand(10 + i, 3 + i, t) for i, t in enumerate(FILLER)]
    chosen = select(candidates, ["extortion"], n=5)
    texts = [c.text for c in chosen]
    assert (wire in texts) != (copy in texts)
    assert len(chosen) == 5


def test_query_relevant_sentence_beats_an_irrelevant_lead() -> None:
    lead = cand(1, 1, "The president travelled to the coast to inaugurate a new highway.", pos=0)
    relevant = cand(2, 1, "Extortion of bus drivers has risen sharply in northern Lima.", pos=6)
    chosen = select([lead, relevant] + [cand(10 + i, 1, t, pos=7 + i) for i, t in enumerate(FILLER)], ["extortion"], 1)
    assert chosen == [relevant]


def test_newer_article_wins_a_tie() -> None:
    for old_id, new_id in ((1, 2), (2, 1)):
        old = cand(1, old_id, "Police arrested five gang members in Trujillo.", published="2025-09-01")
        new = cand(2, new_id, "Police arrested five gang members in Trujillo.", published="2025-10-01")
        assert select([old, new], ["gang"], n=1) == [new]
        old.text = "Police arrested five gang members in Chiclayo."
        assert select([old, new], ["gang"], n=1) == [new]


def test_future_dates_count_as_undated() -> None:
    misdated = cand(1, 1, "Police arrested five gang members in Trujillo.", published="2031-01-01")
    real = cand(2, 2, "Police arrested five gang members in Chiclayo.", published="2025-10-01")
    assert select([misdated, real], ["gang"], n=1, today="2025-10-02") == [real]


def test_selection_is_deterministic_whatever_the_input_order() -> None:
    sentences, kinds = split_seed(SEED.read_text(encoding="utf-8"))
    body = [s for s, k in zip(sentences, kinds, strict=True) if k == "body"]
    candidates = [
        cand(i, i % 3, s, pos=i, published=f"2025-10-{10 + i % 3:02d}", rel=1.0 + (i % 5) / 10)
        for i, s in enumerate(body)
    ]
    first = select(candidates, ["extortion", "prisons"], n=5)
    shuffled = candidates[:]
    random.Random(7).shuffle(shuffled)
    assert select(shuffled, ["extortion", "prisons"], n=5) == first
    assert 4 <= len(first) <= 5
    assert len({c.sentence_id for c in first}) == len(first)
    assert summarize(sentences, 3, kinds) == summarize(list(sentences), 3, list(kinds))


def test_select_handles_empty_and_undated_input() -> None:
    assert select([], ["crime"]) == []
    undated = [cand(i, i, t, published=None) for i, t in enumerate(FILLER)]
    assert len(select(undated, [], n=3)) == 3


def test_a_multi_word_query_term_needs_all_its_words() -> None:
    from bot.answer.rank import query_coverage
    from bot.extract.summary import term_entries, tokens

    texts = ["Crime fell in Lima.", "Organized crime grew in Lima.", "Nothing here."]
    coverage = query_coverage(term_entries([tokens(t) for t in texts]), ["organized crime", "extortion", "violence"])
    assert coverage[1] > coverage[0] == coverage[2] == 0.0
