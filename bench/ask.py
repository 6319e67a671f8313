"""Answer latency and memory with 10,000 / 50,000 / 100,000 stored articles (a script, not a test).

Building the archives. The real corpora (the seed, the 38 InSight Crime articles, the BBC articles and
a share of Timeline17, detokenised) are analysed once each (cached in bench/out/analyses.pkl, shared
with bench/ingest.py). Article i of an archive is copy k = i // U of unique article perm[i % U]
(a fixed shuffle): copies get a title suffix " [k]", a URL path suffix, a published date k*41+ days
earlier (undated BBC articles get a synthetic 2005 date), and every 5th article a "peru" tag, every 5th
+1 a "mexico" tag, so both desks hold a good share. A copy is a distinct text (`vary`): 40 % of its
lower-case words are replaced by other words of the same length, the same way throughout the copy, so the
FTS indexes, the copy check's band index and the story index are the size a real archive's would be (names
and numbers stay, so the analysis's entities, facts and sentence offsets still hold). Each copy is stored as
the ingest stores a new article: its source's furniture counted (`Furniture.learn`), `to_rows` + `save_article`,
its copy-check index (`storage.dedup.index_article`), its story (`link_article`); only the parse is skipped.
Archive N is the first N articles of that sequence, so a bigger one starts as a copy of a smaller one.
Archives are cached as bench/out/ask-<N>.db (git-ignored) with a .json note of how they were built;
they are rebuilt only when the extraction code changed (or with --rebuild).

Measuring. Each archive is measured in a fresh child process (`--db PATH`) that never loads spaCy,
as `newsbot serve` would not: open the archive, warm up, then >= 200 queries per action through
`bot.answer.engine.ask` in a shuffled mix (summary with a topic, bare summary, facts, timeline, quotes,
who, search with a quoted phrase, latest, help; on /peru, /news and some /mexico; topics from the
lexicon and free words; names from the archive's own entities, some misspelt). Prints p50/p90/p99/max
per action, the process RSS (psutil) after loading and at the end, and how latency grows with size.
Budget (DESIGN.md): p50 <= 50 ms, p99 <= 200 ms with 100,000 articles; RSS <= 400 MB.

Usage: python bench/ask.py [--sizes 10000,50000,100000] [--queries 200] [--t17 300] [--rebuild]
       python bench/ask.py --db ARCHIVE.db [--queries 200]      (measure an existing archive only)
       python bench/ask.py --build-only                           (build or reuse the archives, measure nothing)
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

# As `newsbot serve` does (bot/cli.py): answers multiply small matrices; BLAS threads only add contention.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from common import (  # noqa: E402
    CORPORA,
    OUT,
    ROOT,
    analysis_fingerprint,
    bbc_raws,
    insight_raws,
    load_analyses,
    machine,
    percentile,
    seed_raws,
    store_analyses,
    t17_raws,
    table,
)

from bot.ingest.canonical import text_hash  # noqa: E402

BUDGET_P50_MS, BUDGET_P99_MS, BUDGET_RSS_MB = 50.0, 200.0, 400.0
BUDGET_SIZE = 100_000
DESK_TAGS = {0: "peru", 1: "mexico"}  # i % 5 → an extra desk tag
BIG_BUILD_LIMIT_S = 120 * 60
ACTIONS = ["summary topic", "summary bare", "facts", "timeline", "quotes", "who", "search phrase", "latest",
           "help"]
FREE_WORDS = ["election", "economy", "oil", "music", "film", "football", "internet", "tax", "bank", "health",
              "court", "president", "border", "gold", "cocaine", "army", "minister", "market", "flu", "earthquake"]
WARMUP_PER_ACTION = 10
ACTION_CAP_S = 60.0  # an action that has used this much time stops early (its n is then < --queries)


# ---------------------------------------------------------------- building


def unique_analyses(corpora: Path, t17: int, stale_ok: bool) -> list[Any]:
    """Every unique article of the bench corpora, analysed (from the cache where possible)."""
    from bot.extract.pipeline import analyse

    raws = seed_raws() + insight_raws(corpora) + bbc_raws(corpora) + (t17_raws(corpora, t17) if t17 else [])
    cache = load_analyses(stale_ok)
    missing = [r for r in raws if text_hash(r.title, r.text) not in cache]
    if missing:
        print(f"analysing {len(missing)} of {len(raws)} unique articles (the rest are cached) ...", flush=True)
        start = time.perf_counter()
        fresh = []
        for n, analysis in enumerate(analyse(missing), start=1):
            fresh.append(analysis)
            if n % 250 == 0:
                print(f"  {n}/{len(missing)} analysed, {time.perf_counter() - start:.0f} s", flush=True)
        print(f"  analysed in {time.perf_counter() - start:.0f} s; {store_analyses(fresh)}", flush=True)
        cache.update({text_hash(a.raw.title, a.raw.text): a for a in fresh})
    seen: set[str] = set()
    out = []
    for raw in raws:
        key = text_hash(raw.title, raw.text)
        if key not in seen:
            seen.add(key)
            out.append(cache[key])
    return out


def base_date(published: str | None, i: int) -> date:
    """The article's own date (a month or year counts as its first day), or a synthetic 2005 one."""
    if published:
        parts = [int(p) for p in published.split("-")] + [1, 1]
        return date(parts[0], parts[1], parts[2])
    return date(2005, 6, 30) - timedelta(days=i % 365)


def copy_of(analysis: Any, i: int, k: int) -> Any:
    """Copy k of an analysed article as a distinct article: title, URL, date, tags and desks altered."""
    from bot.desks import assign_desks

    raw = analysis.raw
    tags = list(raw.tags)
    extra = DESK_TAGS.get(i % 5)
    if extra and extra not in tags:
        tags.append(extra)
    if k == 0:
        title, url, published = raw.title, raw.url, raw.published
    else:
        title = f"{raw.title} [{k}]"
        url = f"{raw.url.rstrip('/')}/copy-{k}" if raw.url else None
        published = (base_date(raw.published, i) - timedelta(days=41 * k + i % 37)).isoformat()
    new_raw = dataclasses.replace(raw, title=title, url=url, published=published, tags=tags,
                                  origin=f"bench copy {k} of {raw.origin}")
    desks = sorted(set(analysis.desks) | set(assign_desks(title, tags, [])))
    return dataclasses.replace(analysis, raw=new_raw, desks=desks)



VARY_RATE = 40  # per cent of a copy's distinct lower-case words replaced (a copy's 5-shingles then share ~10 %)
_LOWER_WORD = re.compile(r"\b[a-z]{3,14}\b")


def vocabulary(uniques: list[Any]) -> dict[int, list[str]]:
    """Lower-case words of the unique texts by length (seen at least 3 times): what copies' words become."""
    from collections import Counter

    counts = Counter(w for a in uniques for w in _LOWER_WORD.findall(a.raw.text))
    by_length: dict[int, list[str]] = defaultdict(list)
    for word in sorted(w for w, n in counts.items() if n >= 3):
        by_length[len(word)].append(word)
    return dict(by_length)


def vary(text: str, k: int, vocab: dict[int, list[str]]) -> str:
    """Copy k's own wording of a text: VARY_RATE % of its lower-case words replaced, each by a word of the
    same length (so every sentence offset still holds), the same word the same way throughout the copy.
    Names (capitalised) and numbers stay, so entities, mentions and facts still point where they did.
    Copy 0 is the article as written."""
    if k == 0:
        return text

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        roll = zlib.crc32(f"{k}|{word}".encode())
        bucket = vocab.get(len(word))
        if not bucket or roll % 100 >= VARY_RATE:
            return word
        return bucket[(roll // 100) % len(bucket)]

    return _LOWER_WORD.sub(swap, text)


def varied_rows(analysis: Any, k: int, vocab: dict[int, list[str]]) -> tuple[Any, Any]:
    """The storage rows of copy k with its own text (article, sentences, facts), and the RawArticle as the
    ingest would have read it (for the furniture counts and the copy check's index)."""
    from bot.ingest.canonical import text_hash
    from bot.ingest.rows import to_rows

    raw = dataclasses.replace(analysis.raw, text=vary(analysis.raw.text, k, vocab))
    rows = to_rows(analysis)
    rows.article["text"] = vary(rows.article["text"], k, vocab)
    rows.article["text_hash"] = text_hash(raw.title, raw.text)
    for sentence in rows.sentences:
        sentence["text"] = vary(sentence["text"], k, vocab)
        if sentence.get("shown"):
            sentence["shown"] = vary(sentence["shown"], k, vocab)
    for fact in rows.facts:
        fact["text"] = vary(fact["text"], k, vocab)
    return rows, raw

def archive_path(size: int) -> Path:
    return OUT / f"ask-{size}.db"


def note_path(size: int) -> Path:
    return OUT / f"ask-{size}.json"


def read_note(size: int) -> dict[str, Any] | None:
    path, note = archive_path(size), note_path(size)
    if not path.exists() or not note.exists():
        return None
    return json.loads(note.read_text())


def build_recipe(uniques: list[Any], t17: int) -> dict[str, Any]:
    """What an archive's content depends on: the code version and the unique articles used."""
    digest = text_hash("|".join(sorted(text_hash(a.raw.title, a.raw.text) for a in uniques)), str(t17))
    return {"fingerprint": analysis_fingerprint(), "uniques": len(uniques), "corpus_digest": digest[:12],
            "copies": f"distinct texts ({VARY_RATE} % of words varied), furniture, copy index, stories"}


def close(db: Any) -> None:
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()


def build(size: int, uniques: list[Any], recipe: dict[str, Any], smaller: list[int], stale_ok: bool = False
          ) -> dict[str, Any]:
    """Build archive `size`, starting from a copy of the largest matching smaller one; return its note.

    Each copy is stored as the ingest stores a new article (bot/ingest/service.py): its source's furniture
    counted, the article saved, its text indexed for the copy check, and its story linked; only the parse
    is skipped (the analysis is the unique article's, its words varied with the text)."""
    from bot.ingest.dedup import Fingerprint
    from bot.ingest.furniture import Furniture
    from bot.stories.link import link_article
    from storage.articles import save_article
    from storage.db import open_db
    from storage.dedup import index_article

    path = archive_path(size)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    start_at, inherited_s = 0, 0.0
    for prev in sorted(smaller, reverse=True):
        note = read_note(prev)
        if note and (stale_ok or {k: note.get(k) for k in recipe} == recipe) and prev < size:
            shutil.copyfile(archive_path(prev), path)
            start_at, inherited_s = prev, note["build_s"]
            break
    order = list(range(len(uniques)))
    random.Random(17).shuffle(order)
    vocab = vocabulary(uniques)
    db = open_db(path)
    db.conn.execute("PRAGMA synchronous=OFF")  # the build's own durability only: the rows are the same
    furniture = Furniture(db)
    print(f"building {path}: articles {start_at:,}..{size:,} ...", flush=True)
    start = time.perf_counter()
    for i in range(start_at, size):
        k, u = divmod(i, len(uniques))
        rows, raw = varied_rows(copy_of(uniques[order[u]], i, k), k, vocab)
        furniture.learn(raw)
        article_id, created = save_article(db, rows)
        if not created:
            raise RuntimeError(f"copy {i} collided with stored article {article_id}")
        index_article(db, article_id, rows.article["text_hash"], Fingerprint.of(raw.text).keys)
        link_article(db, article_id)
        if (i + 1) % 5000 == 0:
            print(f"  {i + 1:,} articles, {time.perf_counter() - start:.0f} s", flush=True)
    elapsed = time.perf_counter() - start
    count = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    close(db)
    note = {**recipe, "size": size, "articles": count, "build_s": inherited_s + elapsed,
            "increment_s": elapsed, "increment_from": start_at,
            "ms_per_article": 1000 * elapsed / max(size - start_at, 1)}
    note_path(size).write_text(json.dumps(note, indent=1))
    print(f"  built {count:,} articles in {elapsed:.0f} s (+{start_at:,} inherited); "
          f"{note['ms_per_article']:.1f} ms/article; {path.stat().st_size / 1e6:.0f} MB", flush=True)
    return note


# ---------------------------------------------------------------- measuring (child process)


def workload(db: Any, per_action: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(action, desk, command text) for every query, shuffled: >= per_action of each action."""
    from bot.topics import lexicon

    topics = list(lexicon().topics)
    names = [r[0] for r in db.execute(
        "SELECT e.name FROM entities e JOIN mentions m ON m.entity_id = e.id WHERE e.type IN ('PERSON', 'ORG')"
        " GROUP BY e.id ORDER BY COUNT(*) DESC LIMIT 300")]
    phrases: list[str] = []
    max_id = db.execute("SELECT MAX(id) FROM sentences").fetchone()[0] or 0
    while len(phrases) < 300 and max_id:
        row = db.execute("SELECT text FROM sentences WHERE id = ? AND kind = 'body'",
                         [rng.randint(1, max_id)]).fetchone()
        words = [w for w in re.findall(r"[A-Za-z]+", row[0])] if row else []
        pairs = [(a, b) for a, b in zip(words, words[1:], strict=False) if len(a) > 3 and len(b) > 3]
        if pairs:
            phrases.append(" ".join(rng.choice(pairs)))

    def desk() -> str:
        return rng.choice(["/peru", "/peru", "/news", "/news", "/mexico"])

    def topic() -> str:
        return rng.choice(topics) if rng.random() < 0.7 else rng.choice(FREE_WORDS)

    def name() -> str:
        chosen = rng.choice(names) if names else "José Jerí"
        roll = rng.random()
        if roll < 0.15 and len(chosen) > 5:  # a typo: one letter dropped
            cut = rng.randrange(1, len(chosen) - 1)
            return chosen[:cut] + chosen[cut + 1:]
        if roll < 0.3:
            return chosen.split()[-1]  # the surname alone
        return chosen

    makers = {
        "summary topic": lambda d: f"{d} {topic()} summary",
        "summary bare": lambda d: f"{d} summary",
        "facts": lambda d: f"{d} {topic()} facts",
        "timeline": lambda d: f"{d} timeline {topic()}" if rng.random() < 0.7 else f"{d} timeline",
        "quotes": lambda d: f"{d} quotes {topic()}",
        "who": lambda d: f"{d} who {name()}",
        "search phrase": lambda d: f'{d} search "{rng.choice(phrases) if phrases else "gota a gota"}"',
        "latest": lambda d: f"{d} latest",
        "help": lambda d: f"{d} help",
    }
    items = []
    for action, make in makers.items():
        for _ in range(per_action):
            d = desk()
            items.append((action, d, make(d)))
    rng.shuffle(items)
    return items


def measure(path: Path, per_action: int, result: Path | None, cap_s: float = ACTION_CAP_S) -> dict[str, Any]:
    """Latency of each action through `ask` on a warm process, and the process RSS.

    An action whose queries have taken `cap_s` seconds in all is not run further (the queries are in a
    random order, so the ones measured are a random sample); the table says so in its `n` column.
    """
    import psutil

    proc = psutil.Process()
    rss_start = proc.memory_info().rss
    from bot.answer.engine import ask
    from storage.db import open_db

    db = open_db(path)
    articles = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    desks = dict(db.execute("SELECT desk, COUNT(*) FROM article_desks GROUP BY desk").fetchall())
    rss_loaded = proc.memory_info().rss
    rng = random.Random(4)
    for _action, _desk, text in workload(db, WARMUP_PER_ACTION, random.Random(99)):
        ask(db, text)  # warm: modules, lexicon, desks, SQLite pages
    rss_warm = proc.memory_info().rss
    times: dict[str, list[float]] = defaultdict(list)
    by_desk: dict[tuple[str, str], list[float]] = defaultdict(list)
    answered: dict[str, int] = defaultdict(int)
    errors: list[str] = []
    slowest: dict[str, tuple[float, str]] = {}
    spent: dict[str, float] = defaultdict(float)
    capped: dict[str, int] = defaultdict(int)
    for action, desk, text in workload(db, per_action, rng):
        if spent[action] > cap_s:
            capped[action] += 1
            continue
        start = time.perf_counter()
        try:
            answer = ask(db, text)
        except Exception as exc:  # a crash is a result to report, not a reason to stop measuring
            errors.append(f"{text}: {type(exc).__name__}: {exc}")
            continue
        ms = 1000 * (time.perf_counter() - start)
        spent[action] += ms / 1000
        times[action].append(ms)
        by_desk[(action, desk)].append(ms)
        answered[action] += bool(answer.items)
        if ms > slowest.get(action, (0.0, ""))[0]:
            slowest[action] = (ms, text)
    rss_end = proc.memory_info().rss
    mb = 1024 * 1024
    out = {
        "path": str(path), "articles": articles, "desks": desks,
        "rss_start_mb": rss_start / mb, "rss_loaded_mb": rss_loaded / mb, "rss_warm_mb": rss_warm / mb,
        "rss_end_mb": rss_end / mb, "errors": errors,
        "actions": {
            a: {"n": len(v), "p50": percentile(v, 50), "p90": percentile(v, 90), "p99": percentile(v, 99),
                "max": max(v), "answered": answered[a] / len(v),
                "p50_peru": percentile(by_desk[(a, "/peru")], 50), "p50_news": percentile(by_desk[(a, "/news")], 50),
                "slowest": slowest[a][1], "capped": capped[a]}
            for a, v in times.items()
        },
    }
    out["all"] = {"p50": percentile([t for v in times.values() for t in v], 50),
                  "p99": percentile([t for v in times.values() for t in v], 99)}
    print(report(out), flush=True)
    if result:
        result.write_text(json.dumps(out))
    return out


def report(res: dict[str, Any]) -> str:
    """The per-action table of one archive, with budgets and RSS."""
    rows = []
    for action in ACTIONS:
        a = res["actions"].get(action)
        if not a:
            continue
        ok = a["p50"] <= BUDGET_P50_MS and a["p99"] <= BUDGET_P99_MS
        n = f"{a['n']} (cap)" if a.get("capped") else a["n"]
        rows.append([action, n, a["p50"], a["p90"], a["p99"], a["max"], a["p50_peru"], a["p50_news"],
                     f"{100 * a['answered']:.0f}%", "ok" if ok else "OVER"])
    rows.append(["all actions", sum(a["n"] for a in res["actions"].values()), res["all"]["p50"], "", res["all"]["p99"],
                 "", "", "", "", ""])
    desks = ", ".join(f"{d} {n:,}" for d, n in sorted(res["desks"].items()))
    title = f"ask latency, {res['articles']:,} articles ({desks}) — {res['path']}"
    lines = [table(["action", "n", "p50 ms", "p90 ms", "p99 ms", "max ms", "p50 /peru", "p50 /news", "answered",
                    f"p50<={BUDGET_P50_MS:.0f} p99<={BUDGET_P99_MS:.0f}"], rows, title)]
    rss_ok = "ok" if res["rss_end_mb"] <= BUDGET_RSS_MB else "OVER"
    lines.append(f"RSS: {res['rss_start_mb']:.0f} MB at start, {res['rss_loaded_mb']:.0f} MB after loading "
                 f"(imports + archive open), {res['rss_warm_mb']:.0f} MB warm, {res['rss_end_mb']:.0f} MB at the end "
                 f"(budget {BUDGET_RSS_MB:.0f} MB: {rss_ok})")
    slow = [f"{a} {res['actions'][a]['max']:.0f} ms `{res['actions'][a]['slowest']}`"
            for a in ACTIONS if a in res["actions"] and res["actions"][a]["max"] > BUDGET_P50_MS]
    if slow:
        lines.append("slowest (over 50 ms): " + "; ".join(slow))
    if any(a.get("capped") for a in res["actions"].values()):
        lines.append(f"(cap): the action stopped after {ACTION_CAP_S:.0f} s of queries; its n queries are a random "
                     "sample of the planned ones")
    lines.append(f"errors: {len(res['errors'])}" + "".join(f"\n  {e}" for e in res["errors"][:10]))
    return "\n".join(lines)


def growth(results: dict[int, dict[str, Any]]) -> str:
    """How each action's latency grows with the archive (ratios of p50 and p99 between sizes)."""
    sizes = sorted(results)
    if len(sizes) < 2:
        return "growth: only one archive size measured"
    pairs = list(zip(sizes, sizes[1:], strict=False))
    headers = ["action"] + [f"p50 {b // 1000}k/{a // 1000}k" for a, b in pairs] + [
        f"p99 {b // 1000}k/{a // 1000}k" for a, b in pairs]
    rows = []
    for action in [*ACTIONS, "all"]:
        def stat(size: int, key: str, action: str = action) -> float:
            res = results[size]
            return res["all"][key] if action == "all" else res["actions"].get(action, {}).get(key, 0.0)

        rows.append([action] + [stat(b, "p50") / max(stat(a, "p50"), 1e-9) for a, b in pairs]
                    + [stat(b, "p99") / max(stat(a, "p99"), 1e-9) for a, b in pairs])
    archive = ", ".join(f"{b / a:.0f}x ({a // 1000}k→{b // 1000}k)" for a, b in pairs)
    return table(headers, rows, f"Latency growth (archive grows {archive}; < archive ratio = sublinear)")


# ---------------------------------------------------------------- driver


def measure_in_child(path: Path, per_action: int) -> dict[str, Any]:
    """Measure an archive in a fresh process (no spaCy, no build state), as a server would run."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result = Path(handle.name)
    try:
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--db", str(path), "--queries",
                        str(per_action), "--result", str(result)], check=True, cwd=ROOT)
        return json.loads(result.read_text())
    finally:
        result.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,50000,100000", help="archive sizes, comma-separated")
    parser.add_argument("--queries", type=int, default=200, help="queries per action (>= 200 for the budget)")
    parser.add_argument("--db", type=Path, help="only measure this existing archive")
    parser.add_argument("--t17", type=int, default=300, help="Timeline17 articles among the unique texts")
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--rebuild", action="store_true", help="rebuild archives even if cached")
    parser.add_argument("--stale-ok", action="store_true", help="reuse cached analyses/archives made by older code")
    parser.add_argument("--max-build-s", type=float, default=BIG_BUILD_LIMIT_S,
                        help="skip a size whose estimated build time exceeds this")
    parser.add_argument("--build-only", action="store_true", help="build (or reuse) the archives, measure nothing")
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.db:
        if not args.db.exists():
            sys.exit(f"no archive at {args.db}")
        measure(args.db, args.queries, args.result)
        return

    print(machine())
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    OUT.mkdir(parents=True, exist_ok=True)
    uniques = unique_analyses(args.corpora, args.t17, args.stale_ok)
    recipe = build_recipe(uniques, args.t17)
    print(f"{len(uniques):,} unique analysed articles; archive i = copy i // {len(uniques):,}")
    notes: dict[int, dict[str, Any]] = {}
    skipped: list[str] = []
    for size in sizes:
        note = read_note(size)
        fresh = note and (args.stale_ok or {k: note.get(k) for k in recipe} == recipe)
        if note and fresh and not args.rebuild:
            print(f"reusing {archive_path(size)} ({note['articles']:,} articles, built in {note['build_s']:.0f} s)")
            notes[size] = note
            continue
        built = [s for s in notes if s < size]
        if built:
            prev = max(built)
            rate = notes[prev]["build_s"] / prev
            estimate = rate * (size - prev) * 1.25  # tables grow: allow a quarter more per article
            if estimate > args.max_build_s:
                skipped.append(f"{size:,}: estimated {estimate / 60:.0f} min to build from {prev:,} "
                               f"(at {1000 * rate:.1f} ms/article), over the {args.max_build_s / 60:.0f} min limit")
                print(f"SKIPPED {skipped[-1]}")
                continue
        notes[size] = build(size, uniques, recipe, built, args.stale_ok)
    if args.build_only:
        for size, note in sorted(notes.items()):
            print(f"{archive_path(size)}: {note['articles']:,} articles, built in {note['build_s'] / 60:.0f} min")
        return
    results: dict[int, dict[str, Any]] = {}
    for size in sorted(notes):
        print()
        results[size] = measure_in_child(archive_path(size), args.queries)
    print()
    print(table(["archive", "articles", "build s (cumulative)", "ms/article (last step)", "MB on disk"],
                [[str(archive_path(s)), n["articles"], n["build_s"], n.get("ms_per_article", 0.0),
                  os.path.getsize(archive_path(s)) / 1e6] for s, n in sorted(notes.items())], "Archives"))
    for line in skipped:
        print(f"not built: {line}")
    print()
    print(growth(results))
    if BUDGET_SIZE in notes:
        print(f"\n100,000-article archive for bench/slack.py: {archive_path(BUDGET_SIZE)}")


if __name__ == "__main__":
    main()
