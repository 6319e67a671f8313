"""Precision of the answers a crime desk reads, against hand labels (a script, not a test).

The 38 InSight Crime articles of 2020 and the seed are ingested into a temporary archive through the real
ingest service; every question of QUESTIONS is asked through `bot.answer.engine.ask` (what
`newsbot ask --json` calls) and each first-page item is looked up in the labels file
(bench/answers_labels.jsonl): correct, off-desk (true, but not about the desk's places) or wrong, each with
why. Precision per action = correct / labelled items. Items change as the code changes, so a label is
keyed by the question and the item's claim (`claim`: what a reader is told, e.g. speaker + verb + quote);
a new claim is counted as unlabelled and listed with `--todo FILE` for a person to label.

The questions are split: `tune` (looked at while fixing) and `held` (only measured).

Usage: python bench/answers.py [--db ARCHIVE.db] [--todo todo.jsonl] [--show]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import SEEDS, insight_csvs, table  # noqa: E402

from bot.answer.engine import ask  # noqa: E402
from bot.ingest.service import ingest  # noqa: E402
from storage.db import open_db  # noqa: E402

LABELS = ROOT / "bench" / "answers_labels.jsonl"
LIMIT = 5  # one first page, as a reporter sees it
WHO_LIMIT = 1

# (question, split): what a crime-desk reporter would ask on /peru, /mexico and /news.
QUESTIONS: list[tuple[str, str]] = [
    ("/peru crime summary", "tune"),
    ("/peru cocaine summary", "tune"),
    ("/peru mining summary", "held"),
    ("/peru summary", "held"),
    ("/mexico summary", "tune"),
    ("/mexico cartels summary", "held"),
    ("/mexico fentanyl summary", "tune"),
    ("/mexico homicide summary", "held"),
    ("/news prisons summary", "tune"),
    ("/news extortion summary", "held"),
    ("/news coronavirus summary", "held"),
    ("/peru facts", "tune"),
    ("/peru homicide facts", "held"),
    ("/peru mining facts", "held"),
    ("/mexico facts", "tune"),
    ("/mexico homicide facts", "held"),
    ("/mexico fentanyl facts", "tune"),
    ("/news cocaine facts", "tune"),
    ("/news homicide facts", "held"),
    ("/news prisons facts", "held"),
    ("/news extortion facts", "tune"),
    ("/peru timeline", "tune"),
    ("/peru timeline prisons", "tune"),
    ("/peru crime timeline", "held"),
    ("/mexico timeline", "tune"),
    ("/mexico timeline cartels", "held"),
    ("/news timeline prisons", "held"),
    ("/news timeline coronavirus", "tune"),
    ("/news timeline ms13", "held"),
    ("/news corruption timeline", "held"),
    ("/peru quotes", "tune"),
    ("/peru crime quotes", "held"),
    ("/mexico quotes", "tune"),
    ("/mexico cartels quotes", "held"),
    ("/news cockroaches quotes", "tune"),
    ("/news quotes prisons", "held"),
    ("/news cocaine quotes", "tune"),
    ("/news quotes corruption", "held"),
    ("/news quotes homicide", "held"),
    ("/news who MS13", "tune"),
    ("/news who ELN", "held"),
    ("/mexico who AMLO", "tune"),
    ("/news who Ortega", "tune"),
    ("/peru who Jerí", "held"),
    ("/news who PCC", "held"),
    ("/news who Bolsonaro", "held"),
    ("/news who Witzel", "tune"),
    ("/news who Nayib Bukele", "held"),
    ("/news who Juan Orlando Hernández", "held"),
    ("/news who Mara Salvatrucha", "tune"),
    ("/news who El Porky", "held"),
    ("/mexico who Jalisco Cartel", "held"),
    ("/peru who Zevallos", "held"),
    ("/news who Evo Morales", "held"),
    ("/news who Cartel of the Suns", "held"),
    ("/news who First Capital Command", "tune"),
    ("/news who Daniel Ortega", "held"),
    ("/news who Alexander Mendoza", "held"),
    ("/mexico who CJNG", "held"),
    ("/mexico who Los Ardillos", "held"),
    ("/news who van den Berghe", "held"),
]


def claim(action: str, item: dict[str, Any]) -> str:
    """What a reader is told by one item: the label judges this, so it keys the label."""
    if action == "facts":
        return f"{item.get('figure')} | {item.get('measure')} | {item.get('period')} | {item['text']}"
    if action == "timeline":
        return f"{item.get('date')} | {item['text']}"
    if action == "quotes":
        return f"{item.get('speaker')} | {item.get('verb')} | {item.get('quote')} | {item['text']}"
    if action == "who":
        also = "; ".join(item.get("namesakes") or [])
        return (f"{item.get('name')} | {item.get('type')} | {'; '.join(item.get('roles') or [])}"
                f" | {', '.join(sorted(item.get('aliases') or []))} | {also}")
    return item["text"]


def build(path: Path) -> None:
    db = open_db(path)
    report = ingest(db, [str(SEEDS), *(str(p) for p in insight_csvs())])
    print(f"ingested {len(report.added)} articles into {path} ({len(report.problems)} problems)", file=sys.stderr)


def load_labels() -> dict[tuple[str, str], dict[str, Any]]:
    labels = {}
    if LABELS.exists():
        for line in LABELS.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                labels[(row["question"], row["claim"])] = row
    return labels


def run(args: argparse.Namespace) -> None:
    path = args.db or Path(tempfile.mkdtemp(prefix="answers-")) / "archive.db"
    if not path.exists():
        build(path)
    db = open_db(path)
    labels = load_labels()
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    todo = []
    for question, split in QUESTIONS:
        answer = ask(db, question, limit=WHO_LIMIT if " who " in question else LIMIT)
        titles = {s.id: s.title for s in answer.sources}
        items = answer.items or ([{"text": answer.text, "name": None}] if answer.action == "who" else [])
        for item in items:
            key = claim(answer.action, item)
            label = labels.get((question, key))
            verdict = label["label"] if label else "unlabelled"
            counts[(answer.action, split)][verdict] += 1
            if args.show:
                print(f"[{verdict}] {question} :: {key}")
            if not label:
                todo.append({"question": question, "action": answer.action, "claim": key, "label": "",
                             "why": "", "title": titles.get(item.get("source_id"), ""),
                             "line": answer.text.splitlines()[items.index(item)]
                             if answer.action != "who" else answer.text})
    if args.todo:
        args.todo.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in todo), encoding="utf-8")
    print(report(counts))


def report(counts: dict[tuple[str, str], Counter]) -> str:
    rows = []
    for action in ("summary", "facts", "timeline", "quotes", "who"):
        cells: list[Any] = [action]
        for split in ("tune", "held", "all"):
            c = sum((counts[(action, s)] for s in ("tune", "held") if split in (s, "all")), Counter())
            judged = c["correct"] + c["off-desk"] + c["wrong"]
            cells.append(f"{c['correct']}/{judged} = {100 * c['correct'] / judged:.0f}%" if judged else "-")
        total = sum((counts[(action, s)] for s in ("tune", "held")), Counter())
        cells += [total["off-desk"], total["wrong"], total["unlabelled"]]
        rows.append(cells)
    return table(["action", "tune precision", "held-out precision", "all", "off-desk", "wrong", "unlabelled"],
                 rows, title="bench/answers.py: first-page items judged correct (InSight Crime 2020 + seed)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None, help="reuse (or build once into) this archive")
    parser.add_argument("--todo", type=Path, default=None, help="write unlabelled items here, to label")
    parser.add_argument("--show", action="store_true", help="print every item with its label")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
