"""Stories: how well the archive groups articles into stories (a script, not a test).

For each corpus, the articles are written as one JSON Lines archive in arrival order (Timeline17: by
publication date; WikiRef220 has no dates: a fixed shuffle, so "earlier" is "stored earlier") and ingested
through the real pipeline (`bot.ingest.service.ingest`) into a fresh archive. The parse is the slow part
(~75 ms an article), so analyses come from the shared cache (bench/out/analyses.pkl, keyed by text and
by the extraction code's fingerprint); everything after it — rows, storage, story linking — runs for real.

Scores, against the gold labels (WikiRef220: the file-name label; Timeline17: the topic, across outlets):
pairwise precision / recall / F1 (every pair of articles put in one story), B-cubed precision / recall /
F1, and the share of first-of-their-story articles (the earliest of each gold story) that were linked to
nothing. Beside it, in the same run and order, a baseline: TF-IDF cosine only (each article joins the
story of its most similar earlier article when the cosine passes a threshold; no names, no time).

Usage: python bench/related.py [--corpus wikiref|t17|insight|all] [--prepare] [--sweep] [--scale 4]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from common import (
    CORPORA,
    OUT,
    SEEDS,
    insight_csvs,
    load_analyses,
    machine,
    store_analyses,
    t17_raws,
    table,
    wikiref_raws,
)

from bot.extract.pipeline import analyse
from bot.ingest import service
from bot.ingest.canonical import text_hash
from bot.ingest.files import read_path
from bot.ingest.model import RawArticle
from bot.subscriptions.digest import FOLLOWS_SCORE
from storage.db import open_db

SHUFFLE_SEED = 220
STRONG_LINKS: dict[str, dict[int, list[int]]] = {}  # per archive: the links a digest calls "follows"
T17_DEV = ("haiti", "h1n1")  # the Timeline17 topics tuning may look at (COMMON.md); the rest is test


# ---------------------------------------------------------------- corpora in arrival order


# The links a digest calls "follows earlier coverage" (bot/subscriptions/digest.py): strong enough, to an
# earlier article of the same story.
FOLLOWS_SQL = ("SELECT r.article_id, r.related_id FROM article_related r JOIN articles a ON a.id = r.article_id"
               " JOIN articles b ON b.id = r.related_id WHERE r.score >= ? AND a.story_id = b.story_id")

def label_of(url: str) -> str:
    """The gold story of a bench article: the first path segment of its synthetic URL."""
    path = url.split("://", 1)[1].split("/")
    return path[1].split("_")[0].lower()


def arrival(corpus: str, corpora: Path) -> list[RawArticle]:
    if corpus == "wikiref":
        raws = wikiref_raws(corpora)
        random.Random(SHUFFLE_SEED).shuffle(raws)
        return raws
    raws = t17_raws(corpora)
    return sorted(raws, key=lambda r: r.published or "")  # stable: same-day articles keep the reader's order


def write_archive(corpus: str, raws: list[RawArticle]) -> Path:
    """The corpus as the JSON Lines archive `newsbot ingest` reads, one article a line, in arrival order."""
    path = OUT / f"related-{corpus}.jsonl"
    OUT.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for raw in raws:
            row = {"title": raw.title, "text": raw.text, "url": raw.url, "published": raw.published,
                   "source": raw.source, "tags": raw.tags}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def archive_raws(path: Path) -> list[RawArticle]:
    return [r for r in read_path(path) if isinstance(r, RawArticle)]


# ---------------------------------------------------------------- analyses, cached


def analyse_missing(raws: list[RawArticle], cache: dict[str, Any]) -> tuple[int, list[str]]:
    """Analyse what the cache lacks (one article that trips an extractor is skipped and named)."""
    missing = [r for r in raws if text_hash(r.title, r.text) not in cache]
    if not missing:
        return 0, []
    print(f"  analysing {len(missing)} articles ...", flush=True)
    start, fresh, failed = time.perf_counter(), [], []
    for n, analysis in enumerate(analyse(missing), start=1):  # the ingest's own pipeline, faults isolated
        raw = analysis.raw
        if analysis.errors:
            failed.append(f"{raw.origin}: " + "; ".join(f"{e.extractor}: {e.message}" for e in analysis.errors))
        fresh.append(analysis)
        cache[text_hash(raw.title, raw.text)] = analysis
        if n % 200 == 0:
            print(f"  {n}/{len(missing)} analysed, {time.perf_counter() - start:.0f} s", flush=True)
            store_analyses(fresh)
            fresh = []
    print(f"  analysed in {time.perf_counter() - start:.0f} s; {store_analyses(fresh)}", flush=True)
    return len(missing), failed


# ---------------------------------------------------------------- the real ingest


def ingest(corpus: str, archive: Path | list[Path], cache: dict[str, Any]) -> tuple[Path, float, int, list[str]]:
    """`service.ingest(db, [archive])` into a fresh file, analyses served from the cache (misses are
    analysed for real); returns the archive path, seconds spent linking, articles linked, and problems."""
    path = OUT / f"related-{corpus}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_db(path)
    real_analyse, real_link = service.analyse, service.link_article
    spent = [0.0, 0]

    def cached(raws: Iterable[RawArticle], *args: Any, **kwargs: Any) -> Iterator[Any]:
        for raw in raws:
            found = cache.get(text_hash(raw.title, raw.text))  # keyed by text: it may come from another
            yield from [replace(found, raw=raw)] if found is not None else real_analyse([raw])  # file or URL

    def timed_link(db: Any, article_id: int) -> Any:
        start = time.process_time()
        try:
            return real_link(db, article_id)
        finally:
            spent[0] += time.process_time() - start
            spent[1] += 1

    service.analyse, service.link_article = cached, timed_link
    try:
        sources = archive if isinstance(archive, list) else [archive]
        report = service.ingest(db, [str(a) for a in sources])
    finally:
        service.analyse, service.link_article = real_analyse, real_link
    db.conn.close()
    return path, spent[0], spent[1], [str(p) for p in report.problems]


# ---------------------------------------------------------------- scores


def pair_count(n: int) -> int:
    return n * (n - 1) // 2


def scores(system: dict[int, Any], gold: dict[int, str]) -> dict[str, float]:
    """Pairwise and B-cubed precision, recall and F1 of a clustering against gold labels."""
    by_sys: dict[Any, set[int]] = defaultdict(set)
    by_gold: dict[str, set[int]] = defaultdict(set)
    for item, label in gold.items():
        by_sys[system[item]].add(item)
        by_gold[label].add(item)
    both = Counter((system[i], gold[i]) for i in gold)
    tp = sum(pair_count(n) for n in both.values())
    sys_pairs = sum(pair_count(len(c)) for c in by_sys.values())
    gold_pairs = sum(pair_count(len(c)) for c in by_gold.values())
    p = tp / sys_pairs if sys_pairs else 1.0
    r = tp / gold_pairs if gold_pairs else 1.0
    bp = sum(both[(system[i], gold[i])] / len(by_sys[system[i]]) for i in gold) / len(gold)
    br = sum(both[(system[i], gold[i])] / len(by_gold[gold[i]]) for i in gold) / len(gold)
    return {"p": p, "r": r, "f": f1(p, r), "bp": bp, "br": br, "bf": f1(bp, br), "clusters": len(by_sys)}


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def archive_state(path: Path) -> tuple[dict[int, Any], dict[int, str], list[int], dict[int, list[int]]]:
    """Story per article, gold label per article, ids in arrival order, and each article's earlier links."""
    db = open_db(path)
    rows = db.execute("SELECT id, url, story_id FROM articles ORDER BY id").fetchall()
    links: dict[int, list[int]] = defaultdict(list)
    for a, b in db.execute("SELECT article_id, related_id FROM article_related"):
        links[a].append(b)
    strong = defaultdict(list)
    for a, b in db.execute(FOLLOWS_SQL, [FOLLOWS_SCORE]):
        strong[a].append(b)
    STRONG_LINKS[str(path)] = strong
    db.conn.close()
    system = {r[0]: r[2] if r[2] is not None else f"none-{r[0]}" for r in rows}
    return system, {r[0]: label_of(r[1]) for r in rows}, [r[0] for r in rows], links


def first_unlinked(order: list[int], gold: dict[int, str], links: dict[int, list[int]]) -> tuple[int, int]:
    """Of the first article of each gold story, how many are linked to nothing (and how many there are)."""
    seen: set[str] = set()
    firsts = []
    for item in order:
        if gold[item] not in seen:
            seen.add(gold[item])
            firsts.append(item)
    return sum(1 for i in firsts if not links.get(i)), len(firsts)


def link_precision(gold: dict[int, str], links: dict[int, list[int]]) -> tuple[float, int]:
    pairs = [(a, b) for a, bs in links.items() for b in bs]
    right = sum(1 for a, b in pairs if gold[a] == gold[b])
    return (right / len(pairs) if pairs else 1.0), len(pairs)


# ---------------------------------------------------------------- the baseline


def baseline(path: Path, order: list[int], thresholds: list[float]) -> dict[float, dict[int, Any]]:
    """TF-IDF cosine only, in arrival order: each article joins the story of its most similar earlier
    article (any date) when the cosine passes the threshold; document frequencies grow as articles arrive.
    The same words and weights as the system (bot.stories.terms), no names and no time."""
    from bot.stories.terms import term_counts, unit_vector

    db = open_db(path)
    texts = dict(db.execute("SELECT id, title || char(10) || text FROM articles").fetchall())
    db.conn.close()
    df: Counter[str] = Counter()
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    nearest: dict[int, tuple[int | None, float]] = {}
    for n, item in enumerate(order, start=1):
        title, _, text = texts[item].partition("\n")
        counts = term_counts(title, text)
        df.update(counts.keys())
        vector = unit_vector(counts, df, n, 150)
        dots: Counter[int] = Counter()
        for term, weight in vector.items():
            for other, w in postings[term]:
                dots[other] += weight * w
        nearest[item] = dots.most_common(1)[0] if dots else (None, 0.0)
        for term, weight in vector.items():
            postings[term].append((item, weight))
    out = {}
    for t in thresholds:
        story: dict[int, Any] = {}
        for item in order:
            other, cos = nearest[item]
            story[item] = story[other] if other is not None and cos >= t else item
        out[t] = story
    return out


# ---------------------------------------------------------------- tuning: relink a built archive


def relink(path: Path, order: list[int]) -> None:
    """Clear every story table of a built archive and link its articles again in arrival order, with
    the module's current constants (the same `link_article` the ingest calls)."""
    from bot.stories.link import link_article

    db = open_db(path)
    with db.conn:
        for table_name in ("story_terms", "story_vectors", "story_keys", "article_related", "stories", "story_merges"):
            db.execute(f"DELETE FROM {table_name}")
        db.execute("UPDATE articles SET story_id = NULL")
    for item in order:
        link_article(db, item)
    db.conn.close()


def sweep(paths: dict[str, Path], weights: list[float], thresholds: list[float], decays: list[float],
          merges: list[float] | None = None, alike: list[float] | None = None, cores: str = "",
          joins: list[float] | None = None) -> None:
    from bot.stories import link

    merges, alike, joins = merges or [link.MERGE_SCORE], alike or [link.MERGE_STORY], joins or [link.JOIN_SCORE]
    core_grid = [tuple(float(x) for x in c.split(":")) for c in cores.split(",") if c] or [
        (link.CORE_MIN, link.CORE_SHARE, link.CORE_IDF, link.CORE_COUNT)]
    grid = [(w, t, d, m, a, c, j) for w in weights for t in thresholds for d in decays for m in merges
            for a in alike for c in core_grid for j in joins]
    rows = []
    for w, t, d, m, a, c, j in grid:
        link.WORD_WEIGHT, link.THRESHOLD, link.DECAY_DAYS, link.MERGE_SCORE, link.MERGE_STORY = w, t, d, m, a
        link.CORE_MIN, link.CORE_SHARE, link.CORE_IDF, link.CORE_COUNT = int(c[0]), c[1], c[2], c[3]
        link.JOIN_SCORE = j
        row: list[Any] = [w, t, d, m, a, ":".join(f"{x:g}" for x in c), j]
        for corpus, path in paths.items():
            system, gold, order, links = archive_state(path)
            relink(path, order)
            system, gold, order, links = archive_state(path)
            dev = {i: g for i, g in gold.items() if corpus != "t17" or g in T17_DEV}
            s = scores(system, dev)
            row += [s["p"], s["r"], s["bf"]]
        rows.append(row)
        print(row, flush=True)
    heads = ["words w", "threshold", "decay d", "merge pair", "merge alike", "core min:share:idf:count", "join"]
    heads += [f"{c} {m}" for c in paths for m in ("P", "R", "B3 F1")]
    print(table(heads, rows, "Sweep (T17: dev topics haiti, H1N1 only)"))


# ---------------------------------------------------------------- cost as the archive grows


def scale(source: Path, copies: int, shift_days: int) -> None:
    """Linking cost per article as the archive grows to ~10,000: the built Timeline17 archive plus copies of
    its articles (and their mentions) with dates moved `shift_days` * k later, so copies overlap in time
    and every window holds more articles than the original; then every article linked again, oldest first,
    with the CPU time of each block of 1,000."""
    import shutil

    from bot.stories.link import link_article

    path = OUT / "related-scale.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copy(source, path)
    db = open_db(path)
    with db.conn:
        originals = [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id")]
        for k in range(1, copies + 1):
            for article_id in originals:
                cursor = db.execute(
                    "INSERT INTO articles (url, url_key, text_hash, title, source, published, language, tags, text,"
                    " summary, origin, ingested_at, updated_at) SELECT url || ?, url_key || ?, text_hash || ?, title,"
                    " source, date(published, ?), language, tags, text, summary, origin, ingested_at, updated_at"
                    " FROM articles WHERE id = ?",
                    [f"#{k}", f"#{k}", f"#{k}", f"+{k * shift_days} days", article_id])
                db.execute("INSERT INTO mentions (entity_id, article_id, sentence_idx, text) SELECT entity_id, ?,"
                           " sentence_idx, text FROM mentions WHERE article_id = ?", [cursor.lastrowid, article_id])
        for table_name in ("story_terms", "story_vectors", "story_keys", "article_related", "stories", "story_merges"):
            db.execute(f"DELETE FROM {table_name}")
        db.execute("UPDATE articles SET story_id = NULL")
    order = [r[0] for r in db.execute("SELECT id FROM articles ORDER BY published, id")]
    rows, start = [], time.process_time()
    for n, article_id in enumerate(order, start=1):
        link_article(db, article_id)
        if n % 1000 == 0 or n == len(order):
            spent = time.process_time() - start
            rows.append([n, 1000 * spent / (n - (len(rows) * 1000)), len(order)])
            start = time.process_time()
    db.conn.close()
    print(table(["stored so far", "link ms/article (cpu, this block)", "archive"], rows,
                f"Linking cost as the archive grows (Timeline17 + {copies} copies, {shift_days} days apart)"))


# ---------------------------------------------------------------- a real one-beat desk archive, for reading

INSIGHT_LABELS = Path(__file__).with_name("related_insight_labels.jsonl")


def insight(corpora: Path) -> None:
    """The 38 InSight Crime 2020 articles and the seed, ingested as `bench/answers.py` does (for real, no
    cached analyses: 39 articles parse in seconds, and the cache skips per-source furniture): twelve
    countries in five weeks on one beat, hardly two articles of one story, so every link is a claim to
    read. Prints each stored link (later -> earlier, score, shared names, both headlines and ledes), the
    stories of more than one article, and, against the hand judgements in related_insight_labels.jsonl
    (a pair of URLs, "same" true or false, judged by reading both articles), how many links are right."""
    path = OUT / "related-insight.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_db(path)
    problems = service.ingest(db, [str(SEEDS), *(str(p) for p in insight_csvs(corpora))]).problems
    arts = {r[0]: r[1:] for r in db.execute("SELECT id, title, url, published, substr(text, 1, 160) FROM articles")}
    links = db.execute("SELECT article_id, related_id, score, reasons FROM article_related"
                       " ORDER BY article_id, score DESC").fetchall()
    said = set(db.execute(FOLLOWS_SQL, [FOLLOWS_SCORE]).fetchall())
    sizes = db.execute("SELECT story_id, COUNT(*) FROM articles WHERE story_id IS NOT NULL GROUP BY story_id"
                       " HAVING COUNT(*) > 1 ORDER BY 2 DESC").fetchall()
    members = defaultdict(list)
    for aid, sid in db.execute("SELECT id, story_id FROM articles"):
        members[sid].append(aid)
    db.conn.close()
    labels = load_insight_labels()
    verdicts: Counter[str] = Counter()
    follows: Counter[str] = Counter()
    for a, b, sc, why in links:
        key = frozenset((arts[a][1], arts[b][1]))
        verdict = {True: "right", False: "WRONG"}.get(labels.get(key), "unjudged")
        verdicts[verdict] += 1
        if (a, b) in said:
            follows[verdict] += 1
        shared = ", ".join(json.loads(why or "{}").get("shared", []))
        print(f"\n[{verdict}] {a} -> {b}  score {sc:.3f}  shared: {shared}")
        for x in (a, b):
            title, url, published, lede = arts[x]
            print(f"   {x} {published or '?':10} {title[:90]}\n      {url}\n      {' '.join(lede.split())[:150]}")
    print()
    for sid, n in sizes:
        print(f"story {sid}: {n} articles: " + " | ".join(arts[i][0][:40] for i in sorted(members[sid])))
    rows = [[len(arts), len(links), verdicts["right"], verdicts["WRONG"], verdicts["unjudged"],
             f"{follows['right']} / {follows['WRONG']} / {follows['unjudged']}",
             max((n for _s, n in sizes), default=1), len(sizes)]]
    follows_head = f"digest follows (>= {FOLLOWS_SCORE}, same story) r/w/u"
    print(table(["articles", "links", "right", "wrong", "unjudged", follows_head, "largest story", "stories > 1"], rows,
                f"InSight Crime 2020 + seed: stored links judged by hand ({len(problems)} problems)"))


def load_insight_labels() -> dict[frozenset[str], bool]:
    """Hand judgements of InSight article pairs (by URL): the same story or not."""
    if not INSIGHT_LABELS.exists():
        return {}
    out = {}
    for line in INSIGHT_LABELS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[frozenset((row["a"], row["b"]))] = bool(row["same"])
    return out


# ---------------------------------------------------------------- report


def report(corpus: str, path: Path, link_s: float, linked: int, problems: list[str], base_t: float) -> list[list]:
    system, gold, order, links = archive_state(path)
    rows = []
    subsets = [("all", set(gold.values()))]
    if corpus == "t17":
        subsets += [("dev (haiti, h1n1)", set(T17_DEV)), ("test (the rest)", set(gold.values()) - set(T17_DEV))]
    base = baseline(path, order, [base_t])[base_t]
    for name, labels in subsets:
        part = {i: g for i, g in gold.items() if g in labels}
        ids = [i for i in order if i in part]
        unlinked, firsts = first_unlinked(ids, part, links)
        lp, pairs = link_precision(part, {i: links.get(i, []) for i in ids})
        fp, fpairs = link_precision(part, {i: STRONG_LINKS[str(path)].get(i, []) for i in ids})
        for system_name, clustering in (("stories (bot.stories)", system), (f"TF-IDF cosine >= {base_t}", base)):
            s = scores(clustering, part)
            rows.append([f"{corpus} {name}", system_name, len(part), len(set(part.values())), s["clusters"],
                         s["p"], s["r"], s["f"], s["bp"], s["br"], s["bf"],
                         f"{unlinked}/{firsts}" if system_name.startswith("stories") else "",
                         f"{lp:.3f} of {pairs}" if system_name.startswith("stories") else "",
                         f"{fp:.3f} of {fpairs}" if system_name.startswith("stories") else ""])
    print(f"[{corpus}] linking: {1000 * link_s / max(linked, 1):.1f} ms/article (cpu) over {linked} articles;"
          f" {len(problems)} problems", flush=True)
    for line in problems[:10]:
        print(f"  problem: {line}")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", choices=["wikiref", "t17", "insight", "all"], default="all",
                        help="insight: the InSight Crime 2020 archive's links printed for reading (no gold)")
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--prepare", action="store_true", help="only analyse and cache the corpora")
    parser.add_argument("--sweep", action="store_true", help="relink the built archives over a grid of settings")
    parser.add_argument("--scale", type=int, default=0, metavar="COPIES",
                        help="linking cost as the built Timeline17 archive grows by COPIES copies (4: ~10,000)")
    parser.add_argument("--weights", default="0.4,0.5,0.6", help="sweep: WORD_WEIGHT values")
    parser.add_argument("--thresholds", default="0.15,0.2,0.25", help="sweep: THRESHOLD values")
    parser.add_argument("--decays", default="10,20,40", help="sweep: DECAY_DAYS values")
    parser.add_argument("--merges", default="", help="sweep: MERGE_SCORE values (default: the module's)")
    parser.add_argument("--alike", default="", help="sweep: MERGE_STORY values (default: the module's)")
    parser.add_argument("--cores", default="", help="sweep: story core settings MIN:SHARE:IDF:COUNT, comma "
                        "separated (0:0:0:0 turns the core test off; default: the module's)")
    parser.add_argument("--joins", default="", help="sweep: JOIN_SCORE values (default: the module's; 0 joins "
                        "on any passing link, as before)")
    parser.add_argument("--baseline", type=float, default=None, help="the baseline's cosine threshold "
                        "(default: its best pairwise F1 on WikiRef220, chosen in this run)")
    args = parser.parse_args()
    print(machine())
    corpora = ["wikiref", "t17"] if args.corpus == "all" else [args.corpus]
    if args.scale:
        scale(OUT / "related-t17.db", args.scale, 400)
        return
    if args.sweep:
        floats = lambda text: [float(x) for x in text.split(",")]  # noqa: E731
        sweep({c: OUT / f"related-{c}.db" for c in corpora}, floats(args.weights), floats(args.thresholds),
              floats(args.decays), floats(args.merges) if args.merges else None,
              floats(args.alike) if args.alike else None, args.cores, floats(args.joins) if args.joins else None)
        return
    if args.corpus == "insight":
        insight(args.corpora)
        return
    cache = load_analyses()
    built = {}
    for corpus in corpora:
        archive = write_archive(corpus, arrival(corpus, args.corpora))
        raws = archive_raws(archive)
        print(f"[{corpus}] {len(raws)} articles", flush=True)
        _count, failed = analyse_missing(raws, cache)
        for line in failed:
            print(f"  analysis failed (not stored): {line}")
        if args.prepare:
            continue
        built[corpus] = ingest(corpus, archive, cache)
    if args.prepare:
        return
    base_t = args.baseline if args.baseline is not None else best_baseline(OUT / "related-wikiref.db", args)
    rows = [row for corpus, result in built.items() for row in report(corpus, *result, base_t)]
    heads = ["corpus", "system", "articles", "gold stories", "stories", "pair P", "pair R", "pair F1",
             "B3 P", "B3 R", "B3 F1", "first unlinked", "links right", "follows right"]
    print()
    print(table(heads, rows, "Stories against gold labels (pairwise and B-cubed); first unlinked: first article "
                             "of each gold story linked to nothing; links right: related rows within one gold story; "
                             f"follows right: the same for links >= {FOLLOWS_SCORE}, those a digest calls "
                             "'follows earlier coverage'"))


def best_baseline(wikiref: Path, args: argparse.Namespace) -> float:
    """The baseline's threshold with the best pairwise F1 on WikiRef220 (built in this run, or before)."""
    if not wikiref.exists():
        built = ingest("wikiref", write_archive("wikiref", arrival("wikiref", args.corpora)), load_analyses())
        wikiref = built[0]
    _system, gold, order, _links = archive_state(wikiref)
    grid = [round(0.025 * k, 3) for k in range(2, 21)]
    results = baseline(wikiref, order, grid)
    best = max(grid, key=lambda t: scores(results[t], gold)["f"])
    print(f"baseline threshold: {best} (best pairwise F1 on WikiRef220 over {grid[0]}..{grid[-1]})")
    return best


if __name__ == "__main__":
    main()
