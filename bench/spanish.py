"""Spanish extraction against the hand-checked gold (spanish-gold/dev.jsonl), and the reporter check on Spanish desks.

```
python bench/spanish.py [--language es|en]
python bench/spanish.py --reporter [--limit N] [--db ARCHIVE.db] [--todo todo.jsonl] [--show]
```

Each gold sentence goes through the whole analysis (`bot.extract.pipeline.analyse`) as a one-paragraph article
in the language given (`en` reproduces what the archive did before Spanish was analysed as Spanish), with the
gold's publication date. Scores, per kind:
- speakers (reporting + quotes): the expected speaker among the quotes' speakers (a surname or a fuller form of
  the same name counts); when the gold says nobody is named, no quote may name anyone;
- verbs (reporting + quotes): every expected reporting verb among the quotes' cues;
- dates: every expected ISO date among the events' dates (none expected: none given for that expression);
- figures: each expected figure's value among the statistics' values (counted per figure);
- roles: each expected person with the expected role (the first when the gold lists several), accent- and
  case-insensitive.

`--reporter` is the issue's reporter check: the true Spanish articles of the shared corpora (media-framing-mx-co's
140 El Universal and El Tiempo articles, and the items marked true in the Spanish fake-news corpus's development
and test sheets: 576 in all, or the first `--limit`) are ingested through the ingest service into a temporary
archive whose seeds give the Mexico desk and a Colombia desk `language = "es"`; every question of
REPORTER_QUESTIONS is asked through `bot.answer.engine.ask` (what `newsbot ask --json` calls) and each first-page
item is printed with its label from bench/spanish_labels.jsonl, keyed by question + claim as bench/answers.py's
are (`correct` or `wrong`, with why). A claim without a label is counted and listed (`--todo` writes them to
label); the table gives right / labelled per action.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dataclasses import replace  # noqa: E402

from bench.common import CORPORA  # noqa: E402
from bot.extract.es.dates import spanish_dates  # noqa: E402
from bot.extract.es.figures import spanish_figures  # noqa: E402
from bot.extract.names import name_key  # noqa: E402
from bot.extract.pipeline import Analysis, analyse, published_date  # noqa: E402
from bot.extract.types import ArticleContext  # noqa: E402
from bot.ingest.model import RawArticle  # noqa: E402

GOLD = "spanish-gold/dev.jsonl"


def same_name(expected: str, found: str | None) -> bool:
    """One name as the other, or one the other's last words ("Pulgar" and "Eduardo Pulgar")."""
    if not found:
        return False
    a, b = name_key(expected), name_key(found)
    return a == b or a.endswith(" " + b) or b.endswith(" " + a)


def as_list(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def score(row: dict, analysis: Analysis) -> dict[str, tuple[int, int]]:
    """(right, total) per kind for one gold row."""
    exp, kind = row["expected"], row["kind"]
    out: dict[str, tuple[int, int]] = {}
    if kind in ("reporting", "quotes"):
        speakers = [q.speaker for q in analysis.quotes]
        want = exp.get("speaker")
        right = (not any(speakers)) if want is None else any(same_name(want, s) for s in speakers)
        out["speakers"] = (int(right), 1)
        verbs = [v for v in as_list(exp.get("verb")) if " " not in v]
        if verbs:
            cues = {(q.cue or "").lower() for q in analysis.quotes}
            out["verbs"] = (int(all(v.lower() in cues for v in verbs)), 1)
    elif kind == "dates":
        dates = {e.date for e in analysis.events}
        want = as_list(exp.get("expected"))
        right = all(d in dates for d in want) if want else not any(
            e.text.lower() in exp["date_text"].lower() or exp["date_text"].lower() in e.text.lower()
            for e in analysis.events)
        out["dates"] = (int(right), 1)
    elif kind == "figures":
        values = [s.value for s in analysis.statistics]
        figures = exp["figures"]
        out["figures"] = (sum(any(abs(v - f["value"]) < 1e-6 * max(1, f["value"]) for v in values) for f in figures),
                          len(figures))
    elif kind == "roles":
        found = [(r.name, name_key(r.role)) for r in analysis.roles]
        people = exp["people"]
        out["roles"] = (sum(any(same_name(p["person"], n) and r == name_key(as_list(p["role"])[0]) for n, r in found)
                            for p in people), len(people))
    return out


def gold(args: argparse.Namespace) -> int:
    """The per-kind table on the dev half of the gold."""
    rows = [json.loads(line) for line in (CORPORA / GOLD).read_text(encoding="utf-8").splitlines() if line]
    raws = [RawArticle(title="Noticia", text=r["sentence"], published=r["expected"].get("published")
                       or r.get("published_from_url"), language=args.language, origin=r["id"]) for r in rows]
    totals: dict[str, list[int]] = {}
    shown: dict[str, list[int]] = {}
    for row, analysis in zip(rows, analyse(raws), strict=True):
        for kind, (right, total) in score(row, extracted(analysis)).items():
            totals.setdefault(kind, [0, 0])
            totals[kind][0] += right
            totals[kind][1] += total
        for kind, (right, total) in score(row, analysis).items():
            shown.setdefault(kind, [0, 0])
            shown[kind][0] += right
            shown[kind][1] += total
    print(f"Spanish gold (dev, {len(rows)} sentences), analysed as {args.language!r}")
    print(f"{'kind':<10}{'right':>7}{'of':>5}{'%':>7}   {'stored':>7}")
    for kind in ("speakers", "verbs", "dates", "figures", "roles"):
        right, total = totals.get(kind, [0, 0])
        print(f"{kind:<10}{right:>7}{total:>5}{100 * right / max(total, 1):>7.0f}   {shown.get(kind, [0])[0]:>7}")
    print("(stored: of those, the ones an answer may show: a figure or date of a sentence that does not stand alone,"
          " 'Recordó que …', is read but not stored, in both languages)")
    return 0


def extracted(analysis: Analysis) -> Analysis:
    """The analysis with every figure and date the Spanish extractors read, including those of sentences that do
    not stand alone: the gold scores the extractors (a gold sentence is lifted out of its article, so 'Recordó
    que …' is rightly not shown alone), the pipeline then keeps what an answer may show."""
    if analysis.raw.language != "es":
        return analysis
    ctx = ArticleContext(published_date(analysis.raw.published), analysis.sentences, analysis.entities)
    return replace(analysis, statistics=spanish_figures(ctx), events=spanish_dates(ctx))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--language", default="es", help="analyse the sentences as this language (default es)")
    parser.add_argument("--reporter", action="store_true", help="the reporter check on Spanish desks instead")
    parser.add_argument("--limit", type=int, default=None, help="--reporter: only the first N articles")
    parser.add_argument("--db", type=Path, default=None, help="--reporter: reuse (or build once into) this archive")
    parser.add_argument("--todo", type=Path, default=None, help="--reporter: write unlabelled items here")
    parser.add_argument("--show", action="store_true", help="--reporter: print every item with its label")
    args = parser.parse_args()
    if args.reporter:
        from bench.spanish_reporter import reporter

        return reporter(args)
    return gold(args)


if __name__ == "__main__":
    raise SystemExit(main())
