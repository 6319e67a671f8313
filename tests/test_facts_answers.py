"""The seed's facts as a reporter gets them from `newsbot ask --json`: figures, dates, quotes, roles."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_archive

from bot.answer.engine import ask
from bot.ingest.service import ingest
from storage.db import open_db


@pytest.fixture(scope="module")
def cli(seed_db_path: Path, tmp_path_factory: pytest.TempPathFactory):
    db = copy_archive(seed_db_path, tmp_path_factory.mktemp("cli") / "newsbot.db")

    def run(text: str, limit: int = 50) -> dict:
        done = subprocess.run(
            [sys.executable, "-m", "bot.cli", "--db", str(db), "ask", "--json", "--limit", str(limit), text],
            capture_output=True, text=True, cwd=ROOT, timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    return run


def test_figures(cli) -> None:
    items = cli("/peru facts")["items"]
    got = {(i["value"], i["unit"], i["period"], i["qualifier"]) for i in items}
    assert {
        (36.0, "%", "2024", None),
        (95000.0, "hectares", "2022", None),
        (90000.0, "hectares", "2024", "just under"),
        (13.0, "workers", None, None),
        (100.0, "people", None, "more than"),
        (30.0, "days", None, None),
        (5.0, "officials", None, None),
        (6.0, "ordinal", None, None),
    } <= got
    measures = {i["value"]: i["measure"] for i in items}
    assert "homicides" in measures[36.0] and "coca cultivation" in measures[90000.0]
    assert not {2020.0, 2022.0, 2024.0, 10.0, 23.0} & set(measures)  # years and days of month are not figures


def test_figures_follow_the_topic(cli) -> None:
    values = {i["value"] for i in cli("/peru homicide facts")["items"]}
    assert 36.0 in values and 13.0 in values  # "a 36% increase in homicides", "13 massacred ... workers"
    assert not values & {95000.0, 90000.0, 30.0}  # coca and the state of emergency are not about killings


def test_timeline(cli) -> None:
    items = cli("/peru timeline")["items"]
    dates = [i["date"] for i in items]
    assert dates == sorted(dates) and dates[0] == "2020-11"
    for expected in ("2024-01", "2025-05", "2025-10-10", "2025-10-15", "2025-10-19", "2025-10-21",
                     "2025-10-23", "2026-04"):
        assert expected in dates
    assert dates.index("2025-10-10") < dates.index("2025-10-23")
    by_date = {i["date"]: i["text"] for i in items}
    assert "assumed the presidency" in by_date["2025-10-10"]
    assert "Congress approved a bill" in by_date["2025-10-23"]
    assert "Pataz" in by_date["2025-05"] and "Merino" in by_date["2020-11"]


def test_quotes_and_speakers(cli) -> None:
    items = cli("/peru quotes")["items"]
    direct = {i["quote"][:28]: i for i in items if i["kind"] == "direct"}
    fear = direct["There’s widespread fear … Th"]  # one quote, split around its attribution
    assert fear["speaker"] == "Nicolás Zevallos Trigoso"
    assert "They knock on the door" in fear["quote"]
    assert "former public security vice minister" in fear["speaker_role"]
    assert direct["It is clearly proven that th"]["speaker"] == "Nicolás Zevallos Trigoso"  # "he said"
    assert direct["This issue of there being no"]["speaker"] == "Sebastián Flores"
    quoted = " ".join(i["quote"] for i in items)
    assert "war on crime" not in quoted.lower() and "drop-by-drop" not in quoted  # scare quotes
    paraphrase = [i for i in items if i["kind"] == "paraphrase" and i["quote"].startswith("small criminal groups")]
    assert paraphrase and paraphrase[0]["speaker"] == "Nicolás Zevallos Trigoso"


def test_roles(cli) -> None:
    jeri = cli("/peru who José Jerí")["items"][0]
    assert "president" in jeri["roles"] and any("Somos Perú" in r for r in jeri["roles"])
    flores = cli("/peru who Sebastián Flores")["items"][0]
    assert flores["roles"] == ["general manager of the National Criminology Consultancy"]
    zevallos = cli("/peru who Nicolás Zevallos Trigoso")["items"][0]
    assert {"former public security vice minister", "director of the Institute of Criminology"} <= set(
        zevallos["roles"])
    assert "Zeballos Trigoso" in zevallos["aliases"]


def test_a_correction_survives_reingestion(seed_db_path: Path, tmp_path: Path) -> None:
    db_path = copy_archive(seed_db_path, tmp_path / "fix.db")
    fact = next(i for i in ask(open_db(db_path), "facts", limit=50).items if i["value"] == 13.0)
    hidden = next(i for i in ask(open_db(db_path), "facts", limit=50).items if i["figure"] == "two protestors")
    for args in (["fix", str(fact["fact_id"]), "measure=security workers killed in Pataz", "--note", "clearer"],
                 ["hide", str(hidden["fact_id"])]):
        done = subprocess.run([sys.executable, "-m", "bot.cli", "--db", str(db_path), "facts", *args],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert done.returncode == 0, done.stderr
    db = open_db(db_path)
    ingest(db, [str(ROOT / "seeds")], reanalyse=True)
    items = ask(db, "facts", limit=50).items
    assert next(i for i in items if i["value"] == 13.0)["measure"] == "security workers killed in Pataz"
    assert "two protestors" not in {i["figure"] for i in items}
