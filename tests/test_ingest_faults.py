"""One article never stops an ingest: an extractor that raises, or a parse that fails, costs only that part
of that article, which is stored with the rest of its analysis and reported."""

from __future__ import annotations

from pathlib import Path

import pytest

import bot.extract.pipeline as pipeline
from bot.answer.engine import ask
from bot.cli import main
from bot.extract.pipeline import EXTRACTORS, Step, analyse
from bot.ingest.model import RawArticle
from storage.db import open_db
from storage.extract_errors import list_errors

ARTICLES = {
    "huancayo.txt": "Extortion reaches Huancayo markets\n\nTraders in Huancayo said gangs demanded 50 soles a week "
    "from each market stall. “We pay or they burn the stall,” said trader Rosa Condori.",
    "cusco.txt": "Tourism police reinforced in Cusco\n\nThe interior ministry sent 120 officers to Cusco after "
    "three robberies of tourists in September, the ministry said on Friday.",
    "piura.txt": "Piura fishermen report attacks at sea\n\nFishermen in Piura said armed men had robbed 14 boats "
    "since July, taking engines worth 9,000 soles each.",
}


def write_articles(folder: Path) -> Path:
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def quotes_that_fail_on_huancayo(parsed: pipeline.Parsed) -> list:
    if "Huancayo" in parsed.raw.text:
        raise RuntimeError("quote index out of range")
    return pipeline.extract_quotes(parsed.doc, parsed.ctx)


def test_pronoun_subject_with_a_name_in_brackets_does_not_crash() -> None:
    """The Haiti charity single crash: "He (Steve) said" sent the speaker resolver to a pronoun look-up while
    it was still being built (AttributeError: no attribute 'sayers')."""
    raw = RawArticle(
        title="Singers record a charity single",
        text="James Morrison knew the producer Steve Robson. He (Steve) said that I would have the middle eight "
        "and I was like, wicked.\n\n“She was all pumped and ready to go,” James said.",
    )
    (analysis,) = analyse([raw])
    assert analysis.errors == []
    assert "She was all pumped and ready to go" in [q.quote for q in analysis.quotes]


def test_a_failing_extractor_is_recorded_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_articles(tmp_path / "articles")
    db_path = tmp_path / "news.db"
    monkeypatch.setitem(EXTRACTORS, "quotes", Step("quotes", quotes_that_fail_on_huancayo, list))

    assert main(["--db", str(db_path), "ingest", "--quiet", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert "3 added" in out and "1 stored with extractor errors" in out
    assert "huancayo.txt" in err and "quotes failed: RuntimeError: quote index out of range" in err

    db = open_db(db_path)
    assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 3
    (error,) = list_errors(db)
    assert error["extractor"] == "quotes" and error["title"] == "Extortion reaches Huancayo markets"
    article_id = error["article_id"]
    kinds = {r[0] for r in db.execute("SELECT kind FROM facts WHERE article_id = ?", [article_id])}
    assert "statistic" in kinds and "quote" not in kinds  # the rest of its analysis is stored
    found = ask(db, "/news search stall")
    assert [item["source_id"] for item in found.items] == [article_id]

    monkeypatch.undo()  # the extractor mended: analysing the article again replaces its errors
    assert main(["--db", str(db_path), "ingest", "--quiet", "--reanalyse", str(folder)]) == 0
    assert list_errors(db) == []
    assert db.execute("SELECT COUNT(*) FROM facts WHERE article_id = ? AND kind = 'quote'", [article_id]).fetchone()[0]


class PoisonedNlp:
    """The real pipeline, except that a batch holding a text with POISON fails, as a parser bug would."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp

    def pipe(self, texts, **kwargs):
        texts = list(texts)
        if any("POISON" in t for t in texts):
            raise ValueError("[E1041] parser state broken")
        return self.nlp.pipe(texts, **kwargs)


def test_a_failed_parse_costs_only_its_own_text(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = pipeline.get_nlp()
    monkeypatch.setattr(pipeline, "get_nlp", lambda: PoisonedNlp(nlp))
    raws = [RawArticle(title=f"Article {i}", text=text) for i, text in enumerate([
        "Police in Tumbes arrested Jorge Paredes on Monday.",
        "POISON paragraph that the parser cannot read.\n\nIt is still stored and searchable.",
        "Prosecutor Elena Vargas charged 12 officials in Chiclayo.",
    ])]
    analyses = list(analyse(raws, batch_size=8))
    assert [a.raw.title for a in analyses] == ["Article 0", "Article 1", "Article 2"]
    assert [e.extractor for e in analyses[1].errors] == ["parse"]
    assert [s.text for s in analyses[1].sentences if s.kind == "body"] == [
        "POISON paragraph that the parser cannot read.", "It is still stored and searchable."]
    assert {e.name for e in analyses[0].entities} >= {"Jorge Paredes"} and not analyses[0].errors
    assert {e.name for e in analyses[2].entities} >= {"Elena Vargas"} and analyses[2].statistics


def test_a_failure_outside_the_extractors_still_stores_the_article(monkeypatch: pytest.MonkeyPatch, empty_db) -> None:
    from bot.ingest.service import store_articles

    def broken(*args, **kwargs):
        raise KeyError("sentence 7")

    monkeypatch.setattr(pipeline, "stored_body", broken)
    raws = [RawArticle(title="Floods in Piura", text="Rivers burst their banks in Piura on Sunday, "
                       "leaving 3,000 families homeless.", origin="piura.txt")]
    report = store_articles(empty_db, raws)
    assert report.added
    assert [(f.extractor, f.message) for f in report.failures] == [("analysis", "KeyError: 'sentence 7'")]
    assert "3,000 families" in shown_search(empty_db, "homeless")


def shown_search(db, word: str) -> str:
    return " ".join(item["snippet"] for item in ask(db, f"/news search {word}").items)
