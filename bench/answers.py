"""Precision of the answers a desk reads, against hand labels, archive by archive (a script, not a test).

Each archive is ingested into a temporary SQLite file through the real ingest service, with desks the
bench defines for it (written to a temporary seeds folder, NEWSBOT_SEEDS; seeds/ is never edited), and
every question of QUESTIONS for it is asked through `bot.answer.engine.ask` (what `newsbot ask --json`
calls). Each first-page item is looked up in the labels file (bench/answers_labels.jsonl): correct,
off-desk (true, but not about the desk's places) or wrong, each with why and, for off-desk and wrong, the
kind of error (issue 21's numbering: 1 entities merged, 2 quote attribution or not a quote, 3 not one
standalone sentence, 4 furniture, 5 timeline date, 6 figure, 7 desk by place, 8 who card, 9 pages, or
"other"). Precision per action = correct / labelled items. Items change as the code changes, so a label
is keyed by the archive, the question and the item's claim (`claim`: what a reader is told, e.g. speaker +
verb + quote); a new claim is counted as unlabelled and listed with `--todo FILE` for a person to label.

Archives (ARCHIVES):
- insight: the 38 InSight Crime articles of 2020 and the seed; the repo's desks (/peru /mexico /news).
- t17dev: the Timeline17 dev stories haiti_bbc, H1N1_{bbc,guardian,reuters}, LibyaWar_reuters and
  SyrianCrisis_bbc, each article dated by its publication date; desks /haiti /libya /syria by place,
  /flu fed by the H1N1 stories' feeds (their articles carry its tag), and /news.
- untuned, measured once at the end (`--untuned`): t17test (Timeline17 bpoil_bbc, bpoil_guardian, MJ_bbc:
  /oil /mj /news), bbcpolitics (BBC News Summary politics: /uk /news), polnear (PolNeAR test: /us /news).
  Their questions were written before anyone looked at their answers or texts.

The tuned questions are split: `tune` (looked at while fixing) and `held` (only measured); the untuned
archives' are all `untuned`. Each archive runs in its own process (desks, lexicon and places are cached
per process).

Usage: python bench/answers.py [--archive NAME ...] [--untuned] [--db-dir DIR] [--todo todo.jsonl] [--show]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import (  # noqa: E402
    SEEDS,
    bbc_topic_raws,
    insight_csvs,
    polnear_raws,
    t17_story_raws,
    table,
)

LABELS = ROOT / "bench" / "answers_labels.jsonl"
LIMIT = 5  # one first page, as a reporter sees it
WHO_LIMIT = 1
ACTIONS = ("summary", "facts", "timeline", "quotes", "who")
VERDICTS = ("correct", "off-desk", "wrong")
KINDS = {"1": "entities merged", "2": "quote attribution / not a quote", "3": "not one standalone sentence",
         "4": "furniture", "5": "timeline date", "6": "figure", "7": "desk by place", "8": "who card",
         "9": "pages", "other": "other"}

T17_DESKS = """[haiti]
title = "Haiti desk"
places = ["Haiti", "Haitian", "Haitians", "Port-au-Prince", "Léogâne", "Leogane", "Jacmel", "Pétionville",
          "Petionville", "Carrefour", "Cap-Haïtien", "Cap-Haitien", "Gonaïves", "Gonaives"]

[flu]
title = "Flu desk"
tags = ["flu"]

[libya]
title = "Libya desk"
places = ["Libya", "Libyan", "Libyans", "Tripoli", "Benghazi", "Misrata", "Misurata", "Sirte", "Zawiya",
          "Brega", "Ras Lanuf", "Ajdabiyah", "Bani Walid", "Tobruk", "Sabha", "Nafusa", "Zintan"]

[syria]
title = "Syria desk"
places = ["Syria", "Syrian", "Syrians", "Damascus", "Homs", "Hama", "Aleppo", "Deraa", "Daraa", "Idlib",
          "Latakia", "Houla", "Deir ez-Zor", "Deir al-Zor", "Jisr al-Shughour", "Baba Amr", "Douma", "Banias"]

[news]
title = "All coverage"
all = true
default = true
"""

T17TEST_DESKS = """[oil]
title = "Oil spill desk"
tags = ["oil"]
places = ["Gulf of Mexico", "Louisiana", "Mississippi", "Alabama", "Florida", "New Orleans", "Houston"]

[mj]
title = "Michael Jackson desk"
tags = ["mj"]

[news]
title = "All coverage"
all = true
default = true
"""

UK_DESKS = """[uk]
title = "UK politics desk"
places = ["United Kingdom", "UK", "Britain", "British", "Briton", "Britons", "England", "English", "London",
          "Scotland", "Scottish", "Wales", "Welsh", "Northern Ireland", "Westminster"]

[news]
title = "All coverage"
all = true
default = true
"""

US_DESKS = """[us]
title = "US politics desk"
places = ["United States", "U.S.", "US", "USA", "America", "American", "Americans", "Washington"]

[news]
title = "All coverage"
all = true
default = true
"""


def _insight(db: Any) -> Any:
    """What `newsbot ingest seeds/ insight/*.csv` would store."""
    from bot.ingest.service import ingest

    return ingest(db, [str(SEEDS), *(str(p) for p in insight_csvs())])


def _raws(read: Callable[[], list[Any]]) -> Callable[[Any], Any]:
    """An archive builder from a corpus reader: its articles through the real ingest service."""

    def build(db: Any) -> Any:
        from bot.ingest.service import ingest_items

        return ingest_items(db, read())

    return build


@dataclass(frozen=True)
class Archive:
    name: str
    title: str
    tuned: bool
    build: Callable[[Any], Any]  # stores the archive's articles into a fresh database, returns the report
    desks: str | None = None  # the desks.toml the bench writes for it; None: the repo's seeds/desks.toml


ARCHIVES: dict[str, Archive] = {a.name: a for a in [
    Archive("insight", "InSight Crime 2020 + seed", True, _insight),
    Archive("t17dev", "Timeline17 dev: haiti, H1N1, LibyaWar, SyrianCrisis", True, _raws(lambda: (
        t17_story_raws(["haiti_bbc", "LibyaWar_reuters", "SyrianCrisis_bbc"])
        + t17_story_raws(["H1N1_bbc", "H1N1_guardian", "H1N1_reuters"], tags="flu"))), T17_DESKS),
    Archive("t17test", "Timeline17 test: bpoil, MJ (UNTUNED)", False, _raws(lambda: (
        t17_story_raws(["bpoil_bbc", "bpoil_guardian"], tags="oil") + t17_story_raws(["MJ_bbc"], tags="mj"))),
        T17TEST_DESKS),
    Archive("bbcpolitics", "BBC News Summary politics (UNTUNED)", False,
            _raws(lambda: bbc_topic_raws("politics")), UK_DESKS),
    Archive("polnear", "PolNeAR test (UNTUNED)", False, _raws(lambda: polnear_raws("test")), US_DESKS),
]}

# (archive, question, split): what a reporter new to the desk would ask.
QUESTIONS: list[tuple[str, str, str]] = [
    ("insight", "/peru crime summary", "tune"),
    ("insight", "/peru cocaine summary", "tune"),
    ("insight", "/peru mining summary", "held"),
    ("insight", "/peru summary", "held"),
    ("insight", "/mexico summary", "tune"),
    ("insight", "/mexico cartels summary", "held"),
    ("insight", "/mexico fentanyl summary", "tune"),
    ("insight", "/mexico homicide summary", "held"),
    ("insight", "/news prisons summary", "tune"),
    ("insight", "/news extortion summary", "held"),
    ("insight", "/news coronavirus summary", "held"),
    ("insight", "/peru facts", "tune"),
    ("insight", "/peru homicide facts", "held"),
    ("insight", "/peru mining facts", "held"),
    ("insight", "/mexico facts", "tune"),
    ("insight", "/mexico homicide facts", "held"),
    ("insight", "/mexico fentanyl facts", "tune"),
    ("insight", "/news cocaine facts", "tune"),
    ("insight", "/news homicide facts", "held"),
    ("insight", "/news prisons facts", "held"),
    ("insight", "/news extortion facts", "tune"),
    ("insight", "/peru timeline", "tune"),
    ("insight", "/peru timeline prisons", "tune"),
    ("insight", "/peru crime timeline", "held"),
    ("insight", "/mexico timeline", "tune"),
    ("insight", "/mexico timeline cartels", "held"),
    ("insight", "/news timeline prisons", "held"),
    ("insight", "/news timeline coronavirus", "tune"),
    ("insight", "/news timeline ms13", "held"),
    ("insight", "/news corruption timeline", "held"),
    ("insight", "/peru quotes", "tune"),
    ("insight", "/peru crime quotes", "held"),
    ("insight", "/mexico quotes", "tune"),
    ("insight", "/mexico cartels quotes", "held"),
    ("insight", "/news cockroaches quotes", "tune"),
    ("insight", "/news quotes prisons", "held"),
    ("insight", "/news cocaine quotes", "tune"),
    ("insight", "/news quotes corruption", "held"),
    ("insight", "/news quotes homicide", "held"),
    ("insight", "/news who MS13", "tune"),
    ("insight", "/news who ELN", "held"),
    ("insight", "/mexico who AMLO", "tune"),
    ("insight", "/news who Ortega", "tune"),
    ("insight", "/peru who Jerí", "held"),
    ("insight", "/news who PCC", "held"),
    ("insight", "/news who Bolsonaro", "held"),
    ("insight", "/news who Witzel", "tune"),
    ("insight", "/news who Nayib Bukele", "held"),
    ("insight", "/news who Juan Orlando Hernández", "held"),
    ("insight", "/news who Mara Salvatrucha", "tune"),
    ("insight", "/news who El Porky", "held"),
    ("insight", "/mexico who Jalisco Cartel", "held"),
    ("insight", "/peru who Zevallos", "held"),
    ("insight", "/news who Evo Morales", "held"),
    ("insight", "/news who Cartel of the Suns", "held"),
    ("insight", "/news who First Capital Command", "tune"),
    ("insight", "/news who Daniel Ortega", "held"),
    ("insight", "/news who Alexander Mendoza", "held"),
    ("insight", "/mexico who CJNG", "held"),
    ("insight", "/mexico who Los Ardillos", "held"),
    ("insight", "/news who van den Berghe", "held"),
    # InSight, asked afresh by a reporter new to the desks (issue 21): never looked at while tuning before
    ("insight", "/news kidnapping summary", "held"),
    ("insight", "/news deforestation summary", "held"),
    ("insight", "/mexico fuel theft summary", "held"),
    ("insight", "/news homicide summary", "tune"),
    ("insight", "/news money laundering facts", "held"),
    ("insight", "/news synthetic drugs facts", "tune"),
    ("insight", "/peru extortion facts", "held"),
    ("insight", "/news cocaine timeline", "held"),
    ("insight", "/news migration timeline", "tune"),
    ("insight", "/mexico indigenous quotes", "held"),
    ("insight", "/news women quotes", "tune"),
    ("insight", "/news police quotes", "held"),
    ("insight", "/news coronavirus quotes", "held"),
    ("insight", "/peru who José Jerí", "tune"),
    ("insight", "/peru who Dina Boluarte", "held"),
    ("insight", "/news who FARC", "held"),
    ("insight", "/news who Maduro", "held"),
    ("insight", "/news who InSight Crime", "tune"),
    ("insight", "/news who Contador", "held"),
    ("insight", "/peru prisons summary", "held"),
    ("insight", "/news gangs summary", "tune"),
    ("insight", "/mexico cartels facts", "held"),
    ("insight", "/news Venezuela timeline", "held"),
    ("insight", "/news gangs quotes", "tune"),
    ("insight", "/news drug trafficking quotes", "held"),
    ("insight", "/news who Jair Bolsonaro", "held"),
    ("insight", "/news who Sinaloa Cartel", "held"),
    # Timeline17 dev stories, desks /haiti /flu /libya /syria /news
    ("t17dev", "/haiti summary", "tune"),
    ("t17dev", "/haiti earthquake summary", "held"),
    ("t17dev", "/haiti aid summary", "tune"),
    ("t17dev", "/haiti facts", "tune"),
    ("t17dev", "/haiti death toll facts", "held"),
    ("t17dev", "/haiti timeline", "tune"),
    ("t17dev", "/haiti rescue timeline", "held"),
    ("t17dev", "/haiti quotes", "held"),
    ("t17dev", "/haiti aid quotes", "tune"),
    ("t17dev", "/haiti who Préval", "tune"),
    ("t17dev", "/haiti who René Préval", "held"),
    ("t17dev", "/news who Bill Clinton", "held"),
    ("t17dev", "/flu summary", "tune"),
    ("t17dev", "/flu vaccine summary", "held"),
    ("t17dev", "/flu facts", "tune"),
    ("t17dev", "/flu deaths facts", "held"),
    ("t17dev", "/flu timeline", "tune"),
    ("t17dev", "/flu Mexico timeline", "held"),
    ("t17dev", "/flu quotes", "held"),
    ("t17dev", "/flu vaccine quotes", "tune"),
    ("t17dev", "/flu who WHO", "tune"),
    ("t17dev", "/flu who Margaret Chan", "held"),
    ("t17dev", "/news swine flu summary", "held"),
    ("t17dev", "/news H1N1 facts", "tune"),
    ("t17dev", "/libya summary", "tune"),
    ("t17dev", "/libya Misrata summary", "held"),
    ("t17dev", "/libya oil summary", "held"),
    ("t17dev", "/libya facts", "tune"),
    ("t17dev", "/libya oil facts", "held"),
    ("t17dev", "/libya timeline", "tune"),
    ("t17dev", "/libya Sirte timeline", "held"),
    ("t17dev", "/libya quotes", "tune"),
    ("t17dev", "/libya NATO quotes", "held"),
    ("t17dev", "/libya who Gaddafi", "tune"),
    ("t17dev", "/libya who Muammar Gaddafi", "held"),
    ("t17dev", "/libya who NTC", "held"),
    ("t17dev", "/libya who National Transitional Council", "tune"),
    ("t17dev", "/libya who NATO", "held"),
    ("t17dev", "/libya who Saif al-Islam", "held"),
    ("t17dev", "/syria summary", "tune"),
    ("t17dev", "/syria Homs summary", "held"),
    ("t17dev", "/syria facts", "tune"),
    ("t17dev", "/syria refugees facts", "held"),
    ("t17dev", "/syria timeline", "tune"),
    ("t17dev", "/syria Homs timeline", "held"),
    ("t17dev", "/syria quotes", "tune"),
    ("t17dev", "/syria Annan quotes", "held"),
    ("t17dev", "/syria who Assad", "tune"),
    ("t17dev", "/syria who Bashar al-Assad", "held"),
    ("t17dev", "/syria who Kofi Annan", "held"),
    ("t17dev", "/syria who Free Syrian Army", "held"),
    ("t17dev", "/news who Arab League", "tune"),
    ("t17dev", "/news sanctions summary", "held"),
    ("t17dev", "/news timeline refugees", "tune"),
    ("t17dev", "/news ceasefire quotes", "held"),
    ("t17dev", "/syria Aleppo quotes", "held"),
    ("t17dev", "/libya who Mustafa Abdel Jalil", "held"),
    # UNTUNED: written before anyone looked at these archives' answers or texts (only their folder and file
    # names and SOURCE.md were read). Never tune on them; measured once, at the end, with --untuned.
    # Timeline17 test stories: /oil (BP's Gulf of Mexico spill), /mj (Michael Jackson's death), /news
    ("t17test", "/oil summary", "untuned"),
    ("t17test", "/oil spill summary", "untuned"),
    ("t17test", "/oil cleanup summary", "untuned"),
    ("t17test", "/oil BP summary", "untuned"),
    ("t17test", "/oil facts", "untuned"),
    ("t17test", "/oil barrels facts", "untuned"),
    ("t17test", "/oil compensation facts", "untuned"),
    ("t17test", "/oil timeline", "untuned"),
    ("t17test", "/oil well timeline", "untuned"),
    ("t17test", "/oil quotes", "untuned"),
    ("t17test", "/oil BP quotes", "untuned"),
    ("t17test", "/oil who Tony Hayward", "untuned"),
    ("t17test", "/oil who BP", "untuned"),
    ("t17test", "/oil who Thad Allen", "untuned"),
    ("t17test", "/oil who Transocean", "untuned"),
    ("t17test", "/oil who Ken Salazar", "untuned"),
    ("t17test", "/oil who Bob Dudley", "untuned"),
    ("t17test", "/news who Obama", "untuned"),
    ("t17test", "/news oil spill facts", "untuned"),
    ("t17test", "/mj summary", "untuned"),
    ("t17test", "/mj trial summary", "untuned"),
    ("t17test", "/mj facts", "untuned"),
    ("t17test", "/mj timeline", "untuned"),
    ("t17test", "/mj quotes", "untuned"),
    ("t17test", "/mj funeral quotes", "untuned"),
    ("t17test", "/mj who Michael Jackson", "untuned"),
    ("t17test", "/mj who Conrad Murray", "untuned"),
    ("t17test", "/mj who AEG Live", "untuned"),
    ("t17test", "/news summary", "untuned"),
    # BBC News Summary politics (2004-05): /uk, /news
    ("bbcpolitics", "/uk summary", "untuned"),
    ("bbcpolitics", "/uk election summary", "untuned"),
    ("bbcpolitics", "/uk Iraq summary", "untuned"),
    ("bbcpolitics", "/uk tax summary", "untuned"),
    ("bbcpolitics", "/uk facts", "untuned"),
    ("bbcpolitics", "/uk election facts", "untuned"),
    ("bbcpolitics", "/uk tax facts", "untuned"),
    ("bbcpolitics", "/uk timeline", "untuned"),
    ("bbcpolitics", "/uk election timeline", "untuned"),
    ("bbcpolitics", "/uk quotes", "untuned"),
    ("bbcpolitics", "/uk Iraq quotes", "untuned"),
    ("bbcpolitics", "/uk immigration quotes", "untuned"),
    ("bbcpolitics", "/uk who Tony Blair", "untuned"),
    ("bbcpolitics", "/uk who Gordon Brown", "untuned"),
    ("bbcpolitics", "/uk who Michael Howard", "untuned"),
    ("bbcpolitics", "/uk who Charles Kennedy", "untuned"),
    ("bbcpolitics", "/uk who Labour", "untuned"),
    ("bbcpolitics", "/uk who Conservatives", "untuned"),
    ("bbcpolitics", "/news who Liberal Democrats", "untuned"),
    ("bbcpolitics", "/news quotes", "untuned"),
    # PolNeAR test (US election 2016): /us, /news
    ("polnear", "/us summary", "untuned"),
    ("polnear", "/us election summary", "untuned"),
    ("polnear", "/us emails summary", "untuned"),
    ("polnear", "/us facts", "untuned"),
    ("polnear", "/us polls facts", "untuned"),
    ("polnear", "/us timeline", "untuned"),
    ("polnear", "/us FBI timeline", "untuned"),
    ("polnear", "/us quotes", "untuned"),
    ("polnear", "/us debate quotes", "untuned"),
    ("polnear", "/us who Donald Trump", "untuned"),
    ("polnear", "/us who Hillary Clinton", "untuned"),
    ("polnear", "/us who Obama", "untuned"),
    ("polnear", "/us who FBI", "untuned"),
    ("polnear", "/us who James Comey", "untuned"),
    ("polnear", "/us who WikiLeaks", "untuned"),
    ("polnear", "/us who John Podesta", "untuned"),
    ("polnear", "/news markets summary", "untuned"),
    ("polnear", "/news Trump quotes", "untuned"),
]


def questions_of(archive: str) -> list[tuple[str, str]]:
    return [(q, split) for a, q, split in QUESTIONS if a == archive]


def claim(action: str, item: dict[str, Any], card: str = "") -> str:
    """What a reader is told by one item: the label judges this, so it keys the label. A who card is judged
    whole, so its key is the card as printed (`card`, the answer's text: roles, quotes, companions; read for a
    who card only), after its name, type, roles, aliases and namesakes: a card whose quotes or companions
    change is judged again."""
    if action == "facts":
        return f"{item.get('figure')} | {item.get('measure')} | {item.get('period')} | {item['text']}"
    if action == "timeline":
        return f"{item.get('date')} | {item['text']}"
    if action == "quotes":
        return f"{item.get('speaker')} | {item.get('verb')} | {item.get('quote')} | {item['text']}"
    if action == "who":
        also = "; ".join(item.get("namesakes") or [])
        return (f"{item.get('name')} | {item.get('type')} | {'; '.join(item.get('roles') or [])}"
                f" | {', '.join(sorted(item.get('aliases') or []))} | {also} || {card}")
    return item["text"]


def load_labels() -> dict[tuple[str, str, str], dict[str, Any]]:
    """(archive, question, claim) → label; rows written before archives existed are InSight's."""
    labels = {}
    if LABELS.exists():
        for line in LABELS.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                labels[(row.get("archive", "insight"), row["question"], row["claim"])] = row
    return labels


def seeds_for(archive: Archive, tmp: Path) -> Path:
    """The seeds folder the archive is built and asked with: the repo's, or a copy whose desks.toml is the
    bench's own (topics and places as the repo has them)."""
    if archive.desks is None:
        return SEEDS
    folder = tmp / f"seeds-{archive.name}"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("topics.toml", "places.toml"):
        shutil.copy(SEEDS / name, folder / name)
    (folder / "desks.toml").write_text(archive.desks, encoding="utf-8")
    return folder


def measure(archive: Archive, db_path: Path, show: bool) -> dict[str, Any]:
    """Build the archive if its file is missing, ask every question, look each first-page item up."""
    from bot.answer.engine import ask
    from storage.db import open_db

    if not db_path.exists():
        report = archive.build(open_db(db_path))
        print(f"ingested {len(report.added)} articles into {db_path} ({len(report.problems)} problems)",
              file=sys.stderr)
    db = open_db(db_path)
    labels = load_labels()
    counts: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    kinds: Counter = Counter()
    todo = []
    for question, split in questions_of(archive.name):
        answer = ask(db, question, limit=WHO_LIMIT if " who " in question else LIMIT)
        titles = {s.id: s.title for s in answer.sources}
        items = answer.items or ([{"text": answer.text, "name": None}] if answer.action == "who" else [])
        lines = answer.text.splitlines()
        for n, item in enumerate(items):
            key = claim(answer.action, item, answer.text)
            label = labels.get((archive.name, question, key))
            verdict = label["label"] if label else "unlabelled"
            counts[answer.action][split][verdict] += 1
            if verdict in ("off-desk", "wrong"):
                kinds[str(label.get("kind", "?"))] += 1
            if show:
                print(f"[{verdict}] {question} :: {key}")
            if not label:
                todo.append({"archive": archive.name, "question": question, "action": answer.action,
                             "claim": key, "label": "", "kind": "", "why": "",
                             "title": titles.get(item.get("source_id"), ""),
                             "line": lines[n] if answer.action != "who" and n < len(lines) else answer.text})
    return {"counts": {a: {s: dict(c) for s, c in by.items()} for a, by in counts.items()},
            "kinds": dict(kinds), "todo": todo}


def ratio(c: Counter) -> str:
    judged = sum(c[v] for v in VERDICTS)
    return f"{c['correct']}/{judged} = {100 * c['correct'] / judged:.0f}%" if judged else "-"


def archive_table(archive: Archive, counts: dict[str, dict[str, dict[str, int]]]) -> str:
    """Action × split: correct / labelled with the percentage; off-desk, wrong and unlabelled counts."""
    splits = ["tune", "held"] if archive.tuned else ["untuned"]
    rows = []
    every: dict[str, Counter] = defaultdict(Counter)
    for action in (*ACTIONS, "all actions"):
        by = ({s: Counter(counts.get(action, {}).get(s, {})) for s in splits} if action != "all actions"
              else every)
        if action != "all actions":
            for s in splits:
                every[s] += by[s]
        total = sum(by.values(), Counter())
        cells: list[Any] = [action, *(ratio(by[s]) for s in splits)]
        if len(splits) > 1:
            cells.append(ratio(total))
        rows.append([*cells, total["off-desk"], total["wrong"], total["unlabelled"]])
    headers = ["action", *(f"{s} precision" for s in splits), *(["all"] if len(splits) > 1 else []),
               "off-desk", "wrong", "unlabelled"]
    return table(headers, rows, title=f"bench/answers.py [{archive.name}]: first-page items judged correct "
                                      f"({archive.title})")


def overall_table(results: dict[str, dict[str, Any]]) -> str:
    """One row per archive and one for them all (tuned and untuned archives are never mixed in a run)."""
    rows = []
    grand = Counter()
    for name, result in results.items():
        c = sum((Counter(by) for a in result["counts"].values() for by in a.values()), Counter())
        grand += c
        rows.append([name, ratio(c), c["off-desk"], c["wrong"], c["unlabelled"]])
    rows.append(["overall", ratio(grand), grand["off-desk"], grand["wrong"], grand["unlabelled"]])
    return table(["archive", "precision", "off-desk", "wrong", "unlabelled"], rows,
                 title="bench/answers.py: every action, every split")


def kinds_table(results: dict[str, dict[str, Any]]) -> str:
    """Wrong and off-desk items by the issue's kind of error, per archive ('?' = labelled before kinds)."""
    names = list(results)
    keys = sorted({k for r in results.values() for k in r["kinds"]}, key=lambda k: (not k.isdigit(), k.zfill(3)))
    rows = [[k if k == "other" else f"{k} {KINDS.get(k, 'kind not given')}",
             *(results[n]["kinds"].get(k, 0) for n in names), sum(results[n]["kinds"].get(k, 0) for n in names)]
            for k in keys]
    return table(["kind", *names, "all"], rows, title="bench/answers.py: wrong and off-desk items by kind")


def run_child(name: str, db_dir: Path | None, tmp: Path, show: bool) -> dict[str, Any]:
    """One archive in its own process, with its own seeds folder: its table printed, its result returned."""
    archive = ARCHIVES[name]
    env = {**os.environ, "NEWSBOT_SEEDS": str(seeds_for(archive, tmp))}
    out = tmp / f"result-{name}.json"
    db = (db_dir or tmp) / f"answers-{name}.db"
    command = [sys.executable, __file__, "--one", name, "--db", str(db), "--result", str(out)]
    subprocess.run(command + (["--show"] if show else []), env=env, check=True)
    return json.loads(out.read_text(encoding="utf-8"))


def run(args: argparse.Namespace) -> None:
    names = args.archive or [n for n, a in ARCHIVES.items() if a.tuned]
    unknown = [n for n in names if n not in ARCHIVES]
    if unknown:
        sys.exit(f"unknown archive(s): {', '.join(unknown)}; known: {', '.join(ARCHIVES)}")
    untuned = [n for n in names if not ARCHIVES[n].tuned]
    if untuned and not args.untuned:
        sys.exit(f"{', '.join(untuned)} is measured once, at the end: add --untuned to run it")
    if untuned and len(untuned) < len(names):
        sys.exit("tuned and untuned archives are measured in separate runs")
    if args.db_dir:
        args.db_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="answers-"))
    results = {name: run_child(name, args.db_dir, tmp, args.show) for name in names}
    for name in names:
        print(archive_table(ARCHIVES[name], results[name]["counts"]), end="\n\n")
    print(overall_table(results), end="\n\n")
    print(kinds_table(results))
    if args.todo:
        todo = [row for r in results.values() for row in r["todo"]]
        args.todo.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in todo), encoding="utf-8")
        print(f"{len(todo)} unlabelled items written to {args.todo}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", action="append", default=None,
                        help=f"one of {', '.join(ARCHIVES)} (repeat for several); default: every tuned archive")
    parser.add_argument("--untuned", action="store_true", help="allow the untuned archives (the final measurement)")
    parser.add_argument("--db-dir", type=Path, default=None,
                        help="reuse (or build once into) DIR/answers-ARCHIVE.db; default: a fresh temporary build")
    parser.add_argument("--todo", type=Path, default=None, help="write unlabelled items here, to label")
    parser.add_argument("--show", action="store_true", help="print every item with its label")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # the child process: one archive
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        result = measure(ARCHIVES[args.one], args.db, args.show)
        args.result.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    else:
        run(args)


if __name__ == "__main__":
    main()
