"""The reporter check on Spanish desks (`python bench/spanish.py --reporter`): see bench/spanish.py's docstring.

The articles are read from the shared corpora where they lie (nothing is copied): media-framing-mx-co's text
files (title on the first line; no date or link is given) and the Spanish fake-news corpus's XLSX sheets, read
with the standard library (an XLSX is a zip of XML; no spreadsheet library is a dependency), true items only.
An item's publication date is the one its link carries (".../2018/03/15/..."), else none.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from bench.answers import claim
from bench.common import CORPORA, ROOT, table
from bot.ingest.model import RawArticle

LABELS = ROOT / "bench" / "spanish_labels.jsonl"
FRAMING = CORPORA / "media-framing-mx-co" / "src" / "datasets" / "exploration_datasets" / "bronze" / \
    "the_media_framing_dataset" / "articles"
FAKE_NEWS = CORPORA / "spanish-fake-news-corpus"
LIMIT = 5  # one first page, as a reporter sees it
WHO_LIMIT = 1
COLOMBIA = '''
[colombia]
command = "/colombia"
title = "Colombia desk"
tz = "America/Bogota"
language = "es"
tags = ["colombia"]
places = ["Colombia", "colombiano", "colombiana", "Bogotá", "Medellín", "Cali", "Barranquilla", "Cartagena",
          "Cúcuta", "Antioquia", "Cauca", "Nariño", "Chocó", "Valle del Cauca", "Norte de Santander", "Arauca",
          "Putumayo", "Catatumbo", "Bucaramanga", "Santa Marta", "Buenaventura", "Tumaco", "Córdoba", "Meta"]
'''

# Written before any answer was read, as a reporter on each desk would ask (Mexico: El Universal and the 2018
# and 2020-21 fake-news corpus's true items; Colombia: El Tiempo; /news: all of it).
REPORTER_QUESTIONS = [
    "/mexico summary", "/mexico homicidios summary", "/mexico migrantes summary", "/colombia summary",
    "/colombia Clan del Golfo summary", "/news vacuna summary",
    "/mexico facts", "/mexico homicidios facts", "/colombia facts", "/news covid facts",
    "/mexico timeline", "/colombia timeline", "/news elecciones timeline", "/news vacuna timeline",
    "/mexico quotes", "/mexico López Obrador quotes", "/colombia quotes", "/colombia Petro quotes",
    "/news covid quotes",
    "/mexico who López Obrador", "/mexico who Morena", "/mexico who Marcelo Ebrard", "/colombia who Gustavo Petro",
    "/colombia who Clan del Golfo", "/news who Donald Trump", "/news who Anthony Fauci",
]


def xlsx_rows(path: Path) -> list[list[str]]:
    """The first sheet's rows as strings: shared strings looked up, inline strings and numbers as written."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as book:
        shared = ["".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t"))
                  for si in ElementTree.fromstring(book.read("xl/sharedStrings.xml")).findall("m:si", ns)]
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iter(f"{{{ns['m']}}}row"):
        cells: dict[int, str] = {}
        for c in row.findall("m:c", ns):
            col = sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(re.sub(r"\d", "", c.get("r", "A")))))
            value = c.find("m:v", ns)
            text = "".join(t.text or "" for t in c.iter(f"{{{ns['m']}}}t")) if c.get("t") == "inlineStr" else (
                shared[int(value.text)] if c.get("t") == "s" and value is not None else (value.text or "")
                if value is not None else "")
            cells[col - 1] = text
        rows.append([cells.get(i, "") for i in range(max(cells) + 1)] if cells else [])
    return rows


_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?:/|-|$)")


def url_date(url: str) -> str | None:
    """The publication date a link carries ('/2018/03/15/'), else None."""
    m = _URL_DATE.search(url or "")
    return f"{m[1]}-{m[2]}-{m[3]}" if m and 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 31 else None


def fake_news_true(path: Path, sheet: str) -> list[RawArticle]:
    """The sheet's items marked true (v1: Category "True"; v2: CATEGORY 1), with their headline, text, source, link."""
    rows = xlsx_rows(path)
    head = [h.strip().lower() for h in rows[0]]
    col = {name: head.index(name) for name in head}
    raws = []
    for row in rows[1:]:
        row = row + [""] * (len(head) - len(row))
        if row[col["category"]].strip().lower() not in ("true", "1"):
            continue
        link = row[col["link"]].strip()
        raws.append(RawArticle(title=row[col["headline"]].strip() or row[col["text"]].strip()[:80],
                               text=row[col["text"]].strip(), url=link or None, source=row[col["source"]].strip(),
                               published=url_date(link), language="es",
                               origin=f"sfn:{sheet}:{row[col.get('id', 0)]}"))
    return raws


def framing() -> list[RawArticle]:
    """media-framing-mx-co: title on line 1, body after it; no date or link is given."""
    raws = []
    for path in sorted(FRAMING.glob("Noticia_*.txt"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0)):
        title, _, body = path.read_text(encoding="utf-8").strip().partition("\n")
        raws.append(RawArticle(title=title.strip(), text=body.strip(), language="es", origin=f"mf:{path.stem}"))
    return raws


def spanish_raws(limit: int | None = None) -> list[RawArticle]:
    """The true Spanish articles, in a fixed order: media-framing, then the fake-news corpus's development and
    test sheets' true items."""
    raws = framing() + fake_news_true(FAKE_NEWS / "development.xlsx", "dev") + \
        fake_news_true(FAKE_NEWS / "test.xlsx", "test")
    return raws[:limit] if limit else raws


def seeds_with_spanish_desks(folder: Path) -> Path:
    """The shipped seeds with the Mexico desk speaking Spanish and a Spanish Colombia desk, as a newsroom would
    write its own desks.toml."""
    seeds = shutil.copytree(ROOT / "seeds", folder / "seeds")
    desks = seeds / "desks.toml"
    text = desks.read_text(encoding="utf-8")
    text = text.replace('title = "Mexico desk"\n', 'title = "Mexico desk"\nlanguage = "es"\n')
    desks.write_text(text + COLOMBIA, encoding="utf-8")
    return seeds


def load_labels() -> dict[tuple[str, str], dict[str, Any]]:
    labels = {}
    if LABELS.exists():
        for line in LABELS.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                labels[(row["question"], row["claim"])] = row
    return labels


def reporter(args: argparse.Namespace) -> int:
    """Ingest (once), ask every question, print each first-page item with its label, then the table."""
    work = Path(tempfile.mkdtemp(prefix="spanish-reporter-"))
    os.environ["NEWSBOT_SEEDS"] = str(seeds_with_spanish_desks(work))
    from bot.answer.engine import ask
    from bot.ingest.service import ingest_items
    from storage.db import open_db

    path = args.db or work / "archive.db"
    if not path.exists():
        raws = spanish_raws(args.limit)
        report = ingest_items(open_db(path), raws)
        print(f"ingested {len(raws)} articles ({len(report.added)} stored, {len(report.problems)} problems)",
              file=sys.stderr)
    db = open_db(path)
    labels = load_labels()
    counts: dict[str, Counter] = defaultdict(Counter)
    todo = []
    for question in REPORTER_QUESTIONS:
        answer = ask(db, question, limit=WHO_LIMIT if " who " in question else LIMIT)
        items = answer.items or ([{"text": answer.text, "name": None}] if answer.action == "who" else [])
        print(f"\n== {question} ({answer.action}, {len(items)} items)")
        for n, item in enumerate(items):
            key = claim(answer.action, item, answer.text)
            label = labels.get((question, key))
            verdict = label["label"] if label else "unlabelled"
            counts[answer.action][verdict] += 1
            print(f"  [{verdict}] {key}" if args.show or not label else f"  [{verdict}] {key[:150]}")
            if not label:
                lines = answer.text.splitlines()
                todo.append({"question": question, "action": answer.action, "claim": key, "label": "", "why": "",
                             "line": lines[n] if answer.action != "who" and n < len(lines) else answer.text})
    if args.todo:
        args.todo.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in todo), encoding="utf-8")
    rows = []
    for action in ("summary", "facts", "timeline", "quotes", "who"):
        c = counts[action]
        judged = c["correct"] + c["wrong"]
        rows.append([action, f"{c['correct']}/{judged}", f"{100 * c['correct'] / judged:.0f}%" if judged else "-",
                     c["unlabelled"]])
    print()
    print(table(["action", "right/labelled", "%", "unlabelled"], rows,
                title=f"bench/spanish.py --reporter: first-page items right on Spanish desks ({path})"))
    return 0
