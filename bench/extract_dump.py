"""Everything the extractors produce for a fixed set of dev articles, dumped to compare before/after a speed change
(a dev script, not a test; issue 24). Also the CPU time of each extractor, per article.

English: Timeline17's dev stories (haiti, H1N1, LibyaWar, SyrianCrisis) round-robin, then BBC business; Spanish: the
true articles bench/spanish_reporter.py reads (media-framing-mx-co, then the fake-news corpus). The parse is done once
and kept as a DocBin in bench/out/ (the Docs, with their tags, parse, entities and lemmas), so a check runs only the
project's own code: each run loads fresh Docs and runs `analyse_doc` on them, as `analyse` does after its parse.

```
python bench/extract_dump.py --out bench/out/dump-before.jsonl [--english 320 --spanish 120]
python bench/extract_dump.py --out bench/out/dump-after.jsonl --compare bench/out/dump-before.jsonl
python bench/extract_dump.py --out /tmp/x.jsonl --profile bench/out/extract.prof
```
The dump holds, per article, what `save_article` stores: sentences (kind, alone, shown, topics), entities with their
aliases and mentions, summary, desks and passages, statistics, events, quotes, roles, the stored body and errors.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import sys
import time
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from spacy.tokens import DocBin  # noqa: E402

from bench.common import OUT, bbc_topic_raws, t17_story_raws  # noqa: E402
from bench.spanish_reporter import spanish_raws  # noqa: E402
from bot.extract import pipeline  # noqa: E402
from bot.ingest.model import RawArticle  # noqa: E402
from bot.language import detect as detect_language  # noqa: E402
from bot.nlp import BATCH_SIZE, get_nlp  # noqa: E402

T17_DEV = ("haiti_bbc", "H1N1_bbc", "H1N1_guardian", "H1N1_reuters", "LibyaWar_reuters", "SyrianCrisis_bbc")


def english_raws(count: int) -> list[RawArticle]:
    """`count` English dev articles: the Timeline17 dev stories taken in turn, then BBC business."""
    stories = [t17_story_raws([story]) for story in T17_DEV]
    t17 = [s[i] for i in range(max(map(len, stories))) for s in stories if i < len(s)]
    half = count * 2 // 3
    return t17[:half] + bbc_topic_raws("business")[: count - half]


def docs_for(raws: list[RawArticle], prepared: list[pipeline.Prepared], cache: Path) -> list[Any]:
    """The articles' Docs, parsed once by the pipeline's own `parse_by_language` and kept in `cache`."""
    if not cache.exists():
        docs = pipeline.parse_by_language(raws, [p.text for p in prepared], BATCH_SIZE)
        bins = {"en": DocBin(store_user_data=False), "es": DocBin(store_user_data=False)}
        for raw, doc in zip(raws, docs, strict=True):
            bins["es" if raw.language == "es" else "en"].add(doc)
        cache.mkdir(parents=True, exist_ok=True)
        for language, docbin in bins.items():
            (cache / f"{language}.spacy").write_bytes(docbin.to_bytes())
    loaded = {language: iter(DocBin().from_bytes((cache / f"{language}.spacy").read_bytes())
                             .get_docs(get_nlp(language).vocab)) for language in ("en", "es")}
    return [next(loaded["es" if raw.language == "es" else "en"]) for raw in raws]


def as_record(analysis: pipeline.Analysis) -> dict[str, Any]:
    """What save_article stores of an Analysis, as JSON (sets sorted)."""
    record = {name: getattr(analysis, name) for name in (
        "sentences", "topics", "summary", "desks", "passages", "statistics", "events", "quotes", "roles", "truncated",
        "body", "text")}
    record = json.loads(json.dumps(record, default=lambda o: asdict(o)))
    record["entities"] = [{**asdict(c), "aliases": sorted(c.aliases)} for c in analysis.entities]
    record["errors"] = [asdict(e) for e in analysis.errors]
    record["origin"] = analysis.raw.origin or analysis.raw.url
    return record


def timed_steps(totals: dict[str, float]) -> None:
    """Wrap each extractor of both tables to add its CPU time to `totals`."""
    for table, prefix in ((pipeline.EXTRACTORS, "en"), (pipeline.SPANISH_EXTRACTORS, "es")):
        for name, step in list(table.items()):
            def run(p: Any, step: Any = step, key: str = f"{prefix}:{name}") -> Any:
                start = time.process_time()
                try:
                    return step.run(p)
                finally:
                    totals[key] += time.process_time() - start
            table[name] = pipeline.Step(step.field, run, step.empty)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--compare", type=Path, default=None, help="a previous dump: print every difference")
    parser.add_argument("--english", type=int, default=320)
    parser.add_argument("--spanish", type=int, default=120)
    parser.add_argument("--cache", type=Path, default=OUT / "extract-dump-docs")
    parser.add_argument("--profile", type=Path, default=None, help="write a cProfile of the extraction here")
    args = parser.parse_args()
    raws = english_raws(args.english) + spanish_raws(args.spanish)
    for raw in raws:
        raw.language = raw.language or detect_language(raw.title, raw.text)
    prepared = [pipeline.doc_text(raw) for raw in raws]
    docs = docs_for(raws, prepared, args.cache)
    totals: dict[str, float] = defaultdict(float)
    timed_steps(totals)
    profile = cProfile.Profile() if args.profile else None
    start = time.process_time()
    if profile:
        profile.enable()
    records = [as_record(pipeline.analyse_doc(raw, doc, prep)) for raw, doc, prep in zip(raws, docs, prepared,
                                                                                            strict=True)]
    if profile:
        profile.disable()
        profile.dump_stats(args.profile)
    spent = time.process_time() - start
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records))
    counts = {"en": sum(r.language != "es" for r in raws), "es": sum(r.language == "es" for r in raws)}
    print(f"{len(records)} articles ({counts['en']} English, {counts['es']} Spanish): analyse_doc {spent:.1f} s CPU")
    for key, total in sorted(totals.items()):
        print(f"  {key:<16} {1000 * total / max(counts[key[:2]], 1):7.2f} ms/article")
    if args.compare:
        return compare(args.compare, records)
    return 0


def compare(path: Path, records: list[dict[str, Any]]) -> int:
    """Print each article and field that differs from the earlier dump; 1 when any does."""
    before = [json.loads(line) for line in path.read_text().splitlines()]
    if len(before) != len(records):
        print(f"DIFFERENT: {len(before)} articles before, {len(records)} now")
        return 1
    differences = 0
    for old, new in zip(before, records, strict=True):
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                differences += 1
                print(f"DIFFERENT: {new['origin']} {key}")
    print(f"{differences} differences against {path}")
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main())
