"""A topic word that is also a person's given name is not the topic: "Oscar Whitlock told the court" is no
sentence about the Oscars, nor "Óscar Prado dijo …" in Spanish, while "won an Oscar", "los premios Oscar", a
title before a name ("President Obama" is politics) and a title-case headline still are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import copy_archive
from test_digest_topics import _filler, route_rows

from bot.answer.engine import ask
from bot.ingest.service import ingest
from bot.subscriptions import service
from bot.topics import lexicon
from storage.db import open_db


@pytest.mark.parametrize(("sentence", "language", "topic", "tagged"), [
    ("Oscar Whitlock told the court he had not fired the gun on purpose.", "en", "oscars", False),
    ("The sprinter Oscar Whitlock wept as the verdict was read.", "en", "oscars", False),
    ("Óscar Prado dijo que la obra estará lista en marzo.", "es", "oscars", False),
    ("La diputada Minerva Salas pidió una auditoría de las obras.", "es", "illegal mining", False),
    ("She won an Oscar for the role in 2019, her first nomination.", "en", "oscars", True),
    ("The Oscar winner said the cast would return next spring.", "en", "oscars", True),
    ("Oscar voting closes on Friday as the race tightens.", "en", "oscars", True),
    ("Oscar Nominations Favour Small Films This Year", "en", "oscars", True),  # a title-case headline
    ("La actriz recibió su tercera nominación al Oscar el martes.", "es", "oscars", True),
    ("President Obama said the spill was the worst environmental disaster.", "en", "politics", True),
    ("Gold Fields said output from its Peruvian mine fell.", "en", "illegal mining", True),
    ("Premier League Chairman Alan Reed said clubs had agreed.", "en", "premier league", True),
])
def test_a_given_name_is_not_the_topic(sentence: str, language: str, topic: str, tagged: bool) -> None:
    """Through the real lexicon (seeds/topics.toml): a one-word term read as a given name, capitalised before a
    surname, is not the topic; a title, a body's name, a multi-word term and a headline's capital are."""
    assert (topic in lexicon().sentence_topics(sentence, language)) is tagged


@pytest.mark.parametrize(("sentence", "topic", "tagged"), [
    ("The minister resigned on 4 March 2011, two weeks after the vote.", "protests", False),
    ("Since mid-March the company has cut its prices twice.", "protests", False),
    ("In March the central bank raised rates for the third time.", "protests", False),
    ("Talks will resume in May, the envoy said.", "protests", False),
    ("Exports of minerals and timber rose by a fifth last year.", "illegal mining", False),
    ("Thousands march through the capital to demand new elections.", "protests", True),
    ("In March, thousands marched on parliament to demand his resignation.", "protests", True),
    ("Nurses Vow To March On Health Ministry Over Pay", "protests", True),
    ("Students Rally And March Against Tuition Fees", "protests", True),
    ("The vote was postponed to March on the advice of the courts.", "protests", False),
    ("Striking miners blocked the road to the pit on Monday.", "illegal mining", True),
    ("The striker scored twice as the champions won 3-1.", "protests", False),
    ("Dock workers went on strike on Monday over pay.", "protests", True),
])
def test_a_month_or_a_longer_word_is_not_the_topic(sentence: str, topic: str, tagged: bool) -> None:
    """A month's name in a date is no protest march, and "minerals" is no miner; a march and miners still are."""
    assert (topic in lexicon().sentence_topics(sentence, "en")) is tagged


CEREMONY = {
    "title": "Small films lead the Academy Awards race", "url": "https://example.org/awards-race",
    "date": "2026-02-10", "language": "en",
    "content": "A low-budget drama leads this year's Oscar race with nine nominations, the academy said on "
               "Tuesday.\n\nThe Oscar ceremony will be held in Los Angeles on March 8, organisers said.",
}
TRIAL = {
    "title": "Sprinter's trial resumes in Pretoria", "url": "https://example.org/sprinter-trial",
    "date": "2026-02-11", "language": "en",
    "content": "Oscar Whitlock was back in court in Pretoria on Wednesday as his trial resumed.\n\n"
               "Oscar Whitlock told the judge he had not meant to fire the gun, his lawyer said.",
}
PREMIOS = {
    "title": "Una cinta mexicana compite por los premios de la Academia", "url": "https://example.mx/premios",
    "date": "2026-02-10", "language": "es",
    "content": "La película mexicana recibió cuatro nominaciones a los premios Oscar, informó la academia el "
               "martes.\n\nLa ceremonia de los Oscar se celebrará en Los Ángeles el 8 de marzo.",
}
OBRA = {
    "title": "El alcalde promete terminar el puente", "url": "https://example.mx/puente",
    "date": "2026-02-11", "language": "es",
    "content": "Óscar Prado inauguró el martes el puente de Tamuín, una obra de 40 millones de pesos.\n\n"
               "El puente que terminó Óscar Prado une los dos barrios de la ciudad desde el 3 de febrero.",
}


@pytest.mark.parametrize(("awards", "namesake"), [(CEREMONY, TRIAL), (PREMIOS, OBRA)], ids=["english", "spanish"])
def test_the_oscars_summary_shows_no_man_called_oscar(empty_db, tmp_path: Path, awards: dict, namesake: dict) -> None:
    """`/news oscars summary` answers from the awards coverage and shows neither the trial of a man called Oscar
    nor a Spanish mayor called Óscar (both were lines of the Oscars summary when "Oscar" was matched as a word)."""
    path = tmp_path / "oscars.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (awards, namesake)), encoding="utf-8")
    report = ingest(empty_db, [str(path)])
    assert report.ok and len(report.added) == 2
    titles = {s.title for s in ask(empty_db, "/news oscars summary", limit=10).sources}
    assert titles == {awards["title"]}


NAMESAKE = "Sprinter back in court as his trial resumes"
CEREMONY_NIGHT = "Small films lead the race for the Academy Awards"


def test_an_oscars_subscription_is_not_sent_a_man_called_oscar(seed_db_path: Path, tmp_path: Path) -> None:
    """The Oscars digest takes the awards race, not the trial of a sprinter whose first name is Oscar, named in
    the lead and three times more (a story's worth of mentions when "Oscar" was read as the prize)."""
    db = open_db(copy_archive(seed_db_path, tmp_path / "newsbot.db"))
    service.add(db, service.Request("news", "Oscars", None, "daily 08:00", "UTC"), channel="C0OSCARS")
    rows = [
        (NAMESAKE, "Oscar Whitlock was back in court in Pretoria on Wednesday as his trial resumed.\n\n"
         + _filler(4, 4) + "\n\nOscar Whitlock told the judge he had not meant to fire.\n\nLawyers for Oscar "
         "Whitlock asked for a delay, and Oscar Whitlock's family sat behind him."),
        (CEREMONY_NIGHT, "A low-budget drama leads this year's Oscar race with nine nominations, the academy said "
         "on Tuesday.\n\nThe ceremony will be held in Los Angeles on Sunday.\n\n" + _filler(5, 4)),
    ]
    assert route_rows(db, tmp_path, "namesake", rows, ["C0OSCARS"]) == {"C0OSCARS": [CEREMONY_NIGHT]}


BUDGET = "Finance minister unveils a leaner budget"
RALLY = "Thousands march against the new budget"


def test_a_protests_subscription_is_not_sent_news_dated_in_march(seed_db_path: Path, tmp_path: Path) -> None:
    """A protests digest takes a march on parliament, not a budget story whose every paragraph is dated in
    March (four mentions of "March" were a story's worth of protest when the month was read as a march)."""
    db = open_db(copy_archive(seed_db_path, tmp_path / "newsbot.db"))
    service.add(db, service.Request("news", "protests", None, "daily 08:00", "UTC"), channel="C0PROTEST")
    rows = [
        (BUDGET, "The finance minister presented a leaner budget on 4 March, cutting spending by 3%.\n\n"
         "Parliament will debate it from 18 March, and a vote is due by late March.\n\n" + _filler(4, 4)
         + "\n\nThe new tax rates take effect in March next year, the ministry said."),
        (RALLY, "Thousands of people marched on parliament on Saturday to protest against the budget.\n\n"
         "Protesters said the cuts would close schools.\n\n" + _filler(5, 4)),
    ]
    assert route_rows(db, tmp_path, "months", rows, ["C0PROTEST"]) == {"C0PROTEST": [RALLY]}


NURSES = "Nurses Vow To March On Health Ministry Over Pay"
PAY_TALKS = "Pay Talks With Nurses Pushed Back To March"


def test_a_title_case_headline_s_march_on_a_ministry_is_a_protest(seed_db_path: Path, tmp_path: Path) -> None:
    """A headline written in title case ("… Vow To March On Health Ministry") files the report under protests
    though its lead never says "march" again; one that puts talks off "To March" is still a date."""
    db = open_db(copy_archive(seed_db_path, tmp_path / "newsbot.db"))
    service.add(db, service.Request("news", "protests", None, "daily 08:00", "UTC"), channel="C0PROTEST")
    rows = [
        (NURSES, "Nurses' unions said on Monday their members would walk to the ministry next week if the "
         "government did not reopen talks on pay.\n\nHospitals said they would keep wards open.\n\n" + _filler(6, 4)),
        (PAY_TALKS, "Talks between the health ministry and the nurses' unions will not resume until the spring, "
         "officials said on Monday.\n\nBoth sides blamed the other.\n\n" + _filler(7, 4)),
    ]
    assert route_rows(db, tmp_path, "headline", rows, ["C0PROTEST"]) == {"C0PROTEST": [NURSES]}
