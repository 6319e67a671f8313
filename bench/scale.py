"""What a 100,000-article archive costs beyond answers (a script, not a test; it prints tables). Issue 24.

Works on the archives bench/ask.py builds (bench/out/ask-<N>.db: distinct texts, with furniture counts, the
copy check's index and stories, as an ingest leaves them), never changing them: each write goes to a copy.

`tables ARCHIVE...`: bytes on disk per table (its indexes and FTS shadow tables counted with it, from SQLite's
dbstat), rows, and bytes per article, side by side, and how bytes per article change from the smallest
archive to the largest: a table that grows with the archive stays flat per article, one that grows with
every sentence ever seen does not.

`burst ARCHIVE... [--articles 1000]`: on a fresh copy of each archive, a burst of new feed articles
(Timeline17 past the 300 ask.py uses, then WikiRef220: texts no archive holds) through
`bot.ingest.service.ingest_items`, what a feed poll calls; then bare `nlp.pipe` over exactly the texts the
ingest parsed, in the same run (the ratio ingest / bare, budget >= 0.9); both on CPU time too. Every text is
parsed once untimed first (spaCy's vocabulary grows the first time it meets a word). Per-article CPU time of
the copy check and of story linking (wrapped from this script, as bench/ingest.py does) tells whether they
stay flat as the archive grows.

`reanalyse ARCHIVE [--sample 300]`: `newsbot ingest --reanalyse` on a copy of the archive, cut to an evenly
spaced sample of its articles (the service's own `reanalyse_archive`, its reading of the archive cut, as
bench/ingest.py cuts its readers), timed; the whole archive's time is extrapolated from it, and the read of
every stored article (what the full run starts with) is timed over the whole archive.

Usage: python bench/scale.py tables bench/out/ask-10000.db bench/out/ask-100000.db
       python bench/scale.py burst bench/out/ask-10000.db bench/out/ask-100000.db [--articles 1000]
       python bench/scale.py reanalyse bench/out/ask-100000.db [--sample 300]
"""

from __future__ import annotations

import argparse
import gc
import shutil
import sqlite3
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from common import OUT, StageProfiler, capture_parsed, machine, t17_raws, table, wikiref_raws, words

BUDGET_RATIO = 0.9
FTS_SHADOWS = ("_data", "_idx", "_content", "_docsize", "_config")


# ---------------------------------------------------------------- tables


def table_bytes(path: Path) -> tuple[int, dict[str, tuple[int, int]]]:
    """(articles, {table: (bytes on disk with its indexes and FTS shadows, rows)}) of one archive."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    owner = {name: tbl for name, tbl in conn.execute("SELECT name, tbl_name FROM sqlite_master")}
    fts = [n for n, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
           if sql and "VIRTUAL TABLE" in sql.upper()]
    for name in fts:
        owner.update({f"{name}{suffix}": name for suffix in FTS_SHADOWS})
    sizes: dict[str, int] = defaultdict(int)
    for name, size in conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"):
        sizes[owner.get(name, name)] += size
    rows = {}
    for name in sizes:
        if name.startswith("sqlite_"):
            continue
        rows[name] = conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
    articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    conn.close()
    return articles, {name: (sizes[name], rows.get(name, 0)) for name in sizes}


def tables_report(paths: list[Path]) -> str:
    """Bytes, rows and bytes per article of every table, per archive, and the per-article change."""
    measured = [(path, *table_bytes(path)) for path in paths]
    names = sorted({n for _, _, t in measured for n in t}, key=lambda n: -measured[-1][2].get(n, (0, 0))[0])
    headers = ["table"]
    for _, articles, _ in measured:
        k = f"{articles // 1000}k"
        headers += [f"MB {k}", f"rows {k}", f"bytes/article {k}"]
    headers.append(f"per article {measured[-1][1] // 1000}k/{measured[0][1] // 1000}k")
    out_rows = []
    for name in names:
        row: list[Any] = [name]
        for _, articles, sizes in measured:
            size, count = sizes.get(name, (0, 0))
            row += [size / 1e6, count, size / max(articles, 1)]
        first, last = measured[0], measured[-1]
        a = first[2].get(name, (0, 0))[0] / max(first[1], 1)
        b = last[2].get(name, (0, 0))[0] / max(last[1], 1)
        row.append(f"{b / a:.2f}" if a else "-")
        out_rows.append(row)
    total: list[Any] = ["whole file"]
    for path, articles, _ in measured:
        size = path.stat().st_size
        total += [size / 1e6, articles, size / max(articles, 1)]
    per_first = paths[0].stat().st_size / max(measured[0][1], 1)
    total.append(f"{paths[-1].stat().st_size / max(measured[-1][1], 1) / per_first:.2f}")
    out_rows.append(total)
    return table(headers, out_rows, "Table sizes (indexes and FTS shadow tables counted with their table; dbstat)")


# ---------------------------------------------------------------- burst


def working_copy(path: Path, name: str) -> Path:
    """A fresh copy of a built archive to write into (the archive itself stays as built)."""
    target = OUT / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(path, target)
    return target


def new_articles(count: int) -> list[Any]:
    """Articles no bench archive holds, as a feed would bring them (Timeline17 past 300, then WikiRef220)."""
    return (t17_raws()[300:] + wikiref_raws())[:count]


def burst(path: Path, count: int) -> dict[str, Any]:
    """A burst of `count` new feed articles into a copy of the archive, against bare nlp.pipe."""
    from ingest import bare_parse

    import bot.extract.pipeline as pipeline
    import bot.ingest.dedup as dedup
    import bot.ingest.furniture as furniture
    import bot.ingest.service as service
    from bot.nlp import BATCH_SIZE, get_nlp
    from storage.db import open_db

    raws = new_articles(count)
    print(f"[{path.name}] warm-up: {len(raws)} texts parsed once, untimed ...", flush=True)
    bare_parse([pipeline.doc_text(raw)[0] for raw in raws], BATCH_SIZE)
    copy = working_copy(path, f"burst-{path.stem}.db")
    db = open_db(copy)
    before = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    profiler = StageProfiler(time.process_time)
    stages = {(dedup.Deduper, "judge"): "copy check (judge)", (dedup.Deduper, "stored"): "copy check (index)",
              (service, "link_article"): "story linking", (service, "save_article"): "save_article",
              (furniture.Furniture, "learn"): "furniture counts"}
    undo = [profiler.patch(module, attr, name) for (module, attr), name in stages.items()]
    parsed: list[str] = []
    undo.append(capture_parsed(parsed))
    print(f"[{path.name}] ingest of {len(raws)} new feed articles into {copy} ...", flush=True)
    gc.collect()
    try:
        start, cpu = time.perf_counter(), time.process_time()
        report = service.ingest_items(db, raws)
        ingest_s, ingest_cpu = time.perf_counter() - start, time.process_time() - cpu
    finally:
        for step in reversed(undo):
            step()
    print(f"[{path.name}] bare nlp.pipe over the same {len(parsed)} texts ...", flush=True)
    get_nlp()
    bare_s, bare_cpu = bare_parse(parsed, BATCH_SIZE)
    added = len(report.added)
    db.conn.close()
    return {"archive": before, "path": path, "parsed": len(parsed), "words": sum(words(t) for t in parsed),
            "added": added, "copies": len(report.copies), "problems": len(report.problems),
            "ingest_s": ingest_s, "ingest_cpu": ingest_cpu, "bare_s": bare_s, "bare_cpu": bare_cpu,
            "stages": {name: (profiler.totals[name], profiler.calls[name]) for name in stages.values()}}


def burst_report(runs: list[dict[str, Any]]) -> str:
    rows = []
    for r in runs:
        rows.append([f"{r['archive']:,}", r["parsed"], r["added"], r["copies"], r["problems"], r["ingest_s"],
                     r["bare_s"], r["parsed"] / r["ingest_s"], r["parsed"] / r["bare_s"], r["bare_s"] / r["ingest_s"],
                     r["bare_cpu"] / r["ingest_cpu"],
                     "ok" if r["bare_cpu"] / r["ingest_cpu"] >= BUDGET_RATIO else "UNDER"])
    lines = [table(["archive", "parsed", "added", "copies", "problems", "ingest s", "bare s", "ingest art/s",
                    "bare art/s", "ratio (wall)", "ratio (CPU)", f">= {BUDGET_RATIO}"], rows,
                   "Burst of new feed articles: ingest_items against bare nlp.pipe on the same texts")]
    stage_rows = []
    for name in runs[0]["stages"]:
        row: list[Any] = [name]
        for r in runs:
            total, calls = r["stages"][name]
            row += [calls, 1000 * total / max(calls, 1)]
        if len(runs) > 1:
            a = runs[0]["stages"][name][0] / max(runs[0]["stages"][name][1], 1)
            b = runs[-1]["stages"][name][0] / max(runs[-1]["stages"][name][1], 1)
            row.append(f"{b / a:.2f}" if a else "-")
        stage_rows.append(row)
    headers = ["stage (CPU, exclusive)"]
    for r in runs:
        headers += [f"calls {r['archive'] // 1000}k", f"ms/call {r['archive'] // 1000}k"]
    if len(runs) > 1:
        headers.append(f"{runs[-1]['archive'] // 1000}k/{runs[0]['archive'] // 1000}k")
    lines.append(table(headers, stage_rows, "Per article as the archive grows"))
    return "\n\n".join(lines)


# ---------------------------------------------------------------- reanalyse


def reanalyse_sample(path: Path, sample: int) -> str:
    """`ingest --reanalyse` on an evenly spaced sample of a copy's articles, timed and extrapolated."""
    import bot.ingest.service as service
    from bot.nlp import get_nlp
    from storage.db import open_db

    copy = working_copy(path, f"reanalyse-{path.stem}.db")
    db = open_db(copy)
    get_nlp()  # loaded before the clock starts, as in a run of the whole archive it is once
    start = time.perf_counter()
    everything = service.stored_articles(db)
    read_s = time.perf_counter() - start
    total = len(everything)
    step = max(total // sample, 1)
    chosen = everything[::step][:sample]
    del everything
    stored_articles = service.stored_articles
    service.stored_articles = lambda _db: chosen
    try:
        start, cpu = time.perf_counter(), time.process_time()
        report = service.reanalyse_archive(db)
        elapsed, used = time.perf_counter() - start, time.process_time() - cpu
    finally:
        service.stored_articles = stored_articles
    db.conn.close()
    per = elapsed / max(len(chosen), 1)
    rows = [[f"{total:,}", len(chosen), len(report.updated), len(report.problems), elapsed, used,
             1000 * per, read_s, (read_s + per * total) / 3600]]
    return table(["archive", "sample", "updated", "problems", "sample s", "sample CPU s", "ms/article",
                  "read all s", "whole archive h (extrapolated)"], rows,
                 "ingest --reanalyse: a timed sample, extrapolated to the whole archive")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    tables = sub.add_parser("tables")
    tables.add_argument("archives", nargs="+", type=Path)
    bursts = sub.add_parser("burst")
    bursts.add_argument("archives", nargs="+", type=Path)
    bursts.add_argument("--articles", type=int, default=1000)
    again = sub.add_parser("reanalyse")
    again.add_argument("archive", type=Path)
    again.add_argument("--sample", type=int, default=300)
    args = parser.parse_args()
    print(machine())
    if args.command == "tables":
        print(tables_report(args.archives))
    elif args.command == "burst":
        print(burst_report([burst(path, args.articles) for path in args.archives]))
    else:
        print(reanalyse_sample(args.archive, args.sample))


if __name__ == "__main__":
    main()
