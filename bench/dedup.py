"""Near-duplicate detection: precision and recall of "same article" on pairs built from real corpora.

Every pair is judged by the ingest's own code (bot/ingest/dedup.py: `Fingerprint.of` on the body text,
`pair_similarity`: a shared MinHash LSH band key, then the exact Jaccard of the word 5-shingles), so what is
measured is what `newsbot ingest` and the feed poller decide.

Positives: a real article and a copy of it made the way copies arise:
- headline: a different headline, same body (a local headline over the wire copy);
- +sentence / -sentence: a sentence of another article inserted at a random place / one sentence dropped;
- -paragraph: one paragraph other than the lead dropped. BBC News Summary and Timeline17 merge a page's
  one- and two-sentence paragraphs into blocks, so a paragraph here is two sentences, as on the page;
- furniture: page furniture added (a comment prompt, a newsletter pitch, a licence line, a photo caption
  run into the lead, a "read more" line): one to four of them;
- wire: a local headline, a dateline before the lead and an added line ("Additional reporting by ...");
- combo: headline + -sentence + +sentence + furniture; combo2: wire + -paragraph + furniture.
Negatives (different articles):
- story, other outlet: Timeline17 articles of one story published the same day by different outlets
  (BBC, Guardian, Reuters, Fox News, Washington Post, CNN);
- random: random pairs of articles of the split;
- boilerplate: two different articles of one outlet carrying the same block of furniture (the shortest
  articles, where shared furniture weighs most).
Same outlet, same story, same day (Timeline17) pairs are not scored as pairs: the corpus holds one article
several times under different ids (a Reuters story refiled with a new lede, a BBC page scraped twice), and
BBC News Summary repeats some articles under other headlines. The archive check below scores them, against
hand labels (bench/dedup_gold.json).

Dev (tuning): BBC business + entertainment, Timeline17 haiti + H1N1. Test: everything else.
Last, an archive check: every article of both splits plus synthetic filler up to --archive articles
(default 10,000) indexed in a SQLite archive through storage/dedup.py; every positive of the test split
looked up through the ingest's Deduper, with lookup time.

Usage: python bench/dedup.py [--seed 1] [--archive 10000] [--no-archive]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from common import CORPORA, OUT, bbc_raws, detokenize, percentile, table

from bot.ingest.canonical import text_hash
from bot.ingest.dedup import MIN_SHINGLES, THRESHOLD, Deduper, Fingerprint, pair_similarity
from bot.ingest.model import RawArticle
from bot.ingest.records import from_record
from bot.ingest.similarity import jaccard
from storage.db import open_db
from storage.dedup import index_article

THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)
GOLD = json.loads((Path(__file__).with_name("dedup_gold.json")).read_text(encoding="utf-8"))
GOLD_SAME = {tuple(pair) for pair in GOLD["same"]}  # corpus pairs that are one article twice (read by hand)
DEV = {"business", "entertainment", "haiti", "h1n1"}
_SENTENCE = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘']?[A-Z0-9])")
FURNITURE = [
    "What are your thoughts? Click here to send us your comments.",
    "Sign up for our morning newsletter and get the day's top stories delivered to your inbox.",
    "© 2024 Example Media Ltd. All rights reserved. This material may not be published, broadcast, rewritten "
    "or redistributed.",
    "Photo: Police officers stand guard outside the building on Monday. (Reuters/File)",
    "Read more: the latest news, analysis and opinion from our correspondents around the world.",
    "Follow us on Twitter and Facebook for live updates.",
    "Have you been affected by the issues raised in this story? Share your experience with us.",
]
DATELINES = ["LIMA, Peru (AP) —", "LONDON (Reuters) -", "WASHINGTON —", "BOGOTÁ, Colombia —", "MEXICO CITY (AFP) —"]
REPORTERS = ["Ana Ruiz", "Tom Baker", "Lucía Gómez", "Peter Hall", "Mariana Silva"]


@dataclass
class Pair:
    kind: str
    split: str
    a: RawArticle
    b: RawArticle
    same: bool


def t17_raws() -> list[RawArticle]:
    """Timeline17, every article with text, tagged by story; the outlet is the source."""
    raws = []
    for path in sorted((CORPORA / "timeline17" / "dataset" / "t17").glob("*/articles.json")):
        story, outlet = path.parent.name.rsplit("_", 1)
        for i, item in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            record = {"title": f"{story} {item.get('uid', i)}", "text": detokenize(item.get("text") or ""),
                      "published": item.get("dct"), "source": outlet, "tags": story.lower(),
                      "url": f"https://t17.bench.invalid/{path.parent.name}/{item.get('uid', i)}"}
            try:
                raws.append(from_record(record, f"{path.parent.name} #{i}"))
            except ValueError:  # an item with no text left after cleaning is no article
                continue
    return raws


def split_of(raw: RawArticle) -> str:
    return "dev" if raw.tags and raw.tags[0] in DEV else "test"


def sentences(text: str) -> list[str]:
    return [s for p in text.split("\n\n") for s in _SENTENCE.split(p) if s.strip()]


def paragraphs(text: str) -> list[str]:
    """Two sentences a paragraph, as news pages set them (the corpora merge them into blocks)."""
    sents = sentences(text)
    return [" ".join(sents[i:i + 2]) for i in range(0, len(sents), 2)]


def variants(raw: RawArticle, rng: random.Random, pool: list[str], titles: list[str]) -> dict[str, RawArticle]:
    """The copies of one article, as they arise in the wild (see the module docstring)."""
    sents, paras = sentences(raw.text), paragraphs(raw.text)

    def body(parts: list[str]) -> str:
        return "\n\n".join(parts)

    def add_sentence(parts: list[str]) -> list[str]:
        out = list(parts)
        out.insert(rng.randrange(len(out) + 1), rng.choice(pool))
        return out

    def drop_sentence(parts: list[str]) -> list[str]:
        gone = rng.randrange(len(parts)) if len(parts) > 1 else -1
        return [s for i, s in enumerate(parts) if i != gone]

    def cut_paragraph(parts: list[str]) -> list[str]:
        gone = rng.randrange(1, len(parts)) if len(parts) > 1 else -1
        return [p for i, p in enumerate(parts) if i != gone]

    def furnish(parts: list[str]) -> list[str]:
        out = list(parts)
        for line in rng.sample(FURNITURE, rng.randint(1, 4)):
            if line.startswith("Photo:"):
                out[0] = f"{line} {out[0]}"  # a caption run into the lead
            else:
                out.insert(len(out) if rng.random() < 0.7 else rng.randrange(len(out) + 1), line)
        return out

    def wire(parts: list[str]) -> list[str]:
        out = list(parts)
        out[0] = f"{rng.choice(DATELINES)} {out[0]}"
        out.append(f"Additional reporting by {rng.choice(REPORTERS)}; editing by {rng.choice(REPORTERS)}.")
        return out

    headline = rng.choice(titles)
    made = {
        "headline": (headline, raw.text),
        "+sentence": (raw.title, body(add_sentence(paras))),
        "-sentence": (raw.title, " ".join(drop_sentence(sents))),
        "-paragraph": (raw.title, body(cut_paragraph(paras))),
        "furniture": (raw.title, body(furnish(paras))),
        "wire": (headline, body(wire(paras))),
        "combo": (headline, body(furnish(add_sentence([" ".join(drop_sentence(sents))])))),
        "combo2": (headline, body(furnish(wire(cut_paragraph(paras))))),
    }
    return {kind: replace(raw, title=title, text=text, url=f"{raw.url or 'https://copy.invalid'}#{kind}",
                          origin=f"{raw.origin} ({kind})") for kind, (title, text) in made.items()}


def build_pairs(raws: list[RawArticle], seed: int) -> list[Pair]:
    """Positives (copies made of every article) and negatives (see the module docstring)."""
    rng = random.Random(seed)
    pool = [s for r in rng.sample(raws, 400) for s in sentences(r.text) if 8 <= len(s.split()) <= 40]
    titles = [r.title for r in raws]
    pairs: list[Pair] = []
    for raw in raws:
        if len(sentences(raw.text)) >= 3:
            pairs += [Pair(k, split_of(raw), raw, v, True) for k, v in variants(raw, rng, pool, titles).items()]
    by_day: dict[tuple[str, str | None], list[RawArticle]] = defaultdict(list)
    for raw in raws:
        if raw.url and raw.url.startswith("https://t17."):
            by_day[(raw.tags[0], raw.published)].append(raw)
    for group in by_day.values():
        pairs += [Pair("story, other outlet", split_of(a), a, b, False)
                  for a, b in itertools.combinations(group, 2) if a.source != b.source]
    for split in ("dev", "test"):
        members = [r for r in raws if split_of(r) == split]
        for _ in range(5000):
            a, b = rng.sample(members, 2)
            pairs.append(Pair("random", split, a, b, False))
        by_source: dict[str, list[RawArticle]] = defaultdict(list)
        for raw in members:
            by_source[raw.source or ""].append(raw)
        for outlet in by_source.values():
            short = sorted(outlet, key=lambda r: len(r.text))[:150]
            for a, b in zip(short[::2], short[1::2], strict=False):
                if a.text == b.text:  # one text twice (pages that are all furniture): not two articles
                    continue
                block = rng.sample(FURNITURE, 4)
                pairs.append(Pair("boilerplate", split, furnished(a, block), furnished(b, block), False))
    return pairs


def furnished(raw: RawArticle, block: list[str]) -> RawArticle:
    return replace(raw, text=raw.text + "\n\n" + "\n\n".join(block))


_FINGERPRINTS: dict[int, Fingerprint] = {}


def fp(raw: RawArticle) -> Fingerprint:
    """The ingest's fingerprint of a body text, computed once per article object."""
    if id(raw) not in _FINGERPRINTS:
        _FINGERPRINTS[id(raw)] = Fingerprint.of(raw.text)
    return _FINGERPRINTS[id(raw)]


def judge_all(pairs: list[Pair]) -> list[tuple[Pair, float, float]]:
    """(pair, what the ingest sees of the pair alone, exact Jaccard) for every pair."""
    return [(pair, pair_similarity(fp(pair.a), fp(pair.b)), jaccard(fp(pair.a).shingles, fp(pair.b).shingles))
            for pair in pairs]


def scores(judged: list[tuple[Pair, float, float]], threshold: float) -> tuple[float, float, int, int, int]:
    """Precision, recall, TP, FP, FN of "same article" at a threshold on the ingest's similarity."""
    tp = sum(1 for p, s, _ in judged if p.same and s >= threshold)
    fp_ = sum(1 for p, s, _ in judged if not p.same and s >= threshold)
    fn = sum(1 for p, s, _ in judged if p.same and s < threshold)
    return tp / max(tp + fp_, 1), tp / max(tp + fn, 1), tp, fp_, fn


def threshold_table(judged: list[tuple[Pair, float, float]]) -> str:
    rows = []
    for split in ("dev", "test"):
        part = [j for j in judged if j[0].split == split]
        for t in sorted({*THRESHOLDS, THRESHOLD}):
            p, r, tp, fp_, fn = scores(part, t)
            rows.append([split, f"{t:.2f}{' *' if t == THRESHOLD else ''}", f"{p:.4f}", f"{r:.4f}", tp, fp_, fn])
    return table(["split", "threshold", "precision", "recall", "TP", "FP", "FN"], rows,
                 f"Pairs alone (no archive around them), same article at several thresholds "
                 f"(* = the ingest's THRESHOLD; MIN_SHINGLES = {MIN_SHINGLES})")


def kind_table(judged: list[tuple[Pair, float, float]]) -> str:
    rows = []
    kinds = dict.fromkeys(p.kind for p, _, _ in judged)
    for split in ("dev", "test"):
        for kind in kinds:
            part = [(p, s, j) for p, s, j in judged if p.split == split and p.kind == kind]
            if not part:
                continue
            called = sum(1 for _, s, _ in part if s >= THRESHOLD)
            js = [j for _, _, j in part]
            rows.append([split, kind, "copy" if part[0][0].same else "different", len(part),
                         f"{called / len(part):.3f}", percentile(js, 5), percentile(js, 50), percentile(js, 95),
                         max(js)])
    return table(["split", "pair kind", "truth", "pairs", "called same", "J p5", "J p50", "J p95", "J max"], rows,
                 f"Pairs alone, by kind, at THRESHOLD {THRESHOLD} (called same: recall for copies, error rate "
                 "for different articles)")


@dataclass
class Archive:
    db: Any
    ids: dict[int, int]  # id(raw) -> stored article id
    names: dict[int, str]  # stored article id -> corpus label
    raws: dict[int, RawArticle]  # stored article id -> the article
    seconds: float


def build_archive(raws: list[RawArticle], size: int, seed: int) -> Archive:
    """Every article of both splits, plus filler up to `size`, stored and indexed through storage/dedup.py."""
    path = OUT / "dedup-archive.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    db = open_db(path)
    rng = random.Random(seed)
    pool = [s for r in raws for s in sentences(r.text)]
    stored = list(raws)
    while len(stored) < size:  # filler: distinct texts of real sentences, to bring the archive to size
        stored.append(RawArticle(title=f"filler {len(stored)}", text=" ".join(rng.sample(pool, rng.randint(8, 25))),
                                 url=f"https://filler.invalid/{len(stored)}"))
    archive = Archive(db, {}, {}, {}, 0.0)
    started = time.perf_counter()
    with db.conn:
        for raw in stored:
            cursor = db.execute(
                "INSERT OR IGNORE INTO articles (url, url_key, text_hash, title, source, text, ingested_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, '', '')",
                [raw.url, raw.url, text_hash(raw.title, raw.text), raw.title, raw.source, raw.text])
            if cursor.rowcount:
                archive.ids[id(raw)] = cursor.lastrowid
                archive.raws[cursor.lastrowid] = raw
                archive.names[cursor.lastrowid] = label(raw)
    for raw in stored:
        if id(raw) in archive.ids:
            index_article(db, archive.ids[id(raw)], text_hash(raw.title, raw.text), fp(raw).keys)
    archive.seconds = time.perf_counter() - started
    return archive


def label(raw: RawArticle) -> str:
    """'LibyaWar_reuters/185', 'bbc/tech/037.txt': how dedup_gold.json names corpus articles."""
    if raw.url and raw.url.startswith("https://t17."):
        return "/".join(raw.url.rsplit("/", 2)[-2:])
    path = Path(raw.origin)
    return f"bbc/{path.parent.name}/{path.name}"


def archive_probes(archive: Archive, pairs: list[Pair], per_kind: int, seed: int) -> tuple[list, list, list]:
    """Through the ingest's Deduper.best_match: sampled copies (must find their article), and every corpus
    article against the archive without itself (leave one out: anything found is a different article,
    unless GOLD_SAME says the corpus holds that article twice). Returns (copies, others, lookup ms)."""
    dedup = Deduper(archive.db)
    rng = random.Random(seed)
    copies, others, took = [], [], []
    by_kind: dict[tuple[str, str], list[Pair]] = defaultdict(list)
    for pair in pairs:
        if pair.same and id(pair.a) in archive.ids:
            by_kind[(pair.split, pair.kind)].append(pair)
    for (split, kind), members in by_kind.items():
        for pair in rng.sample(members, min(per_kind, len(members))):
            start = time.perf_counter()
            score, found, _ = dedup.best_match(fp(pair.b), text_hash(pair.b.title, pair.b.text))
            took.append((time.perf_counter() - start) * 1000)
            original = archive.ids[id(pair.a)]
            right = found == original or found is not None and pair_of(archive, original, found) in GOLD_SAME
            copies.append((split, kind, score, right))
    for article_id, raw in archive.raws.items():
        if raw.url and raw.url.startswith("https://filler."):
            continue
        score, found, _ = dedup.best_match(fp(raw), exclude={article_id})
        if found is not None:
            pair = pair_of(archive, article_id, found)
            others.append((split_of(raw), score, pair, pair in GOLD_SAME, article_id, found))
    return copies, others, took


def pair_of(archive: Archive, one: int, two: int) -> tuple[str, str]:
    a, b = sorted((archive.names[one], archive.names[two]))
    return a, b


def archive_tables(archive: Archive, copies: list, others: list, took: list[float]) -> str:
    rows = []
    count = {split: sum(1 for r in archive.raws.values() if split_of(r) == split and not r.title.startswith("filler"))
             for split in ("dev", "test")}
    for split in ("dev", "test"):
        mine = [c for c in copies if c[0] == split]
        theirs = [o for o in others if o[0] == split]
        for t in sorted({*THRESHOLDS, THRESHOLD}):
            found = sum(1 for c in mine if c[3] and c[2] >= t)
            wrong = sum(1 for c in mine if not c[3] and c[2] >= t)
            false = {o[2] for o in theirs if o[1] >= t and not o[3]}
            gold = {o[2] for o in theirs if o[1] >= t and o[3]}
            tp, fp_ = found + len(gold), wrong + len(false)
            rows.append([split, f"{t:.2f}{' *' if t == THRESHOLD else ''}", f"{found / max(len(mine), 1):.4f}",
                         wrong, len(false), f"{1000 * len(false) / max(count[split], 1):.2f}", len(gold),
                         f"{tp / max(tp + fp_, 1):.4f}"])
    plan = " | ".join(r[3] for r in archive.db.execute(
        "EXPLAIN QUERY PLAN SELECT article_id, COUNT(*) FROM dedup_bands WHERE key IN (1, 2) GROUP BY article_id"))
    stored = archive.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    out = [table(["split", "threshold", "copies found", "copy->wrong article", "different called same",
                  "per 1,000 articles", "corpus copies found", "precision"], rows,
                 f"In an archive of {stored:,} indexed articles, through Deduper.best_match: {len(copies):,} sampled "
                 "copies; every corpus article against the rest (leave one out)")]
    out.append(f"indexing {stored:,} articles: {archive.seconds:.0f} s; lookup p50 {percentile(took, 50):.1f} ms, "
               f"p99 {percentile(took, 99):.1f} ms; band lookup plan: {plan}")
    errors = sorted({(o[2], o[1], o[4], o[5]) for o in others if o[1] >= min(THRESHOLDS) and not o[3]},
                    key=lambda x: -x[1])
    seen: set[tuple[str, str]] = set()
    rows = []
    for pair, score, one, two in errors:
        if pair not in seen:
            seen.add(pair)
            rows.append([f"{pair[0]} ~ {pair[1]}", score, opening(archive.raws[one]), opening(archive.raws[two])])
    gold = len({o[2] for o in others if o[1] >= min(THRESHOLDS) and o[3]})
    out.append(table(["different articles", "similarity", "opening of one", "opening of the other"], rows,
                     f"Leave one out: the different articles matched at >= {min(THRESHOLDS)} ({gold} more pairs "
                     "matched are one article twice, by the hand labels)"))
    return "\n\n".join(out)


def opening(raw: RawArticle) -> str:
    return " ".join(raw.text.split()[:10]) + " ..."


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--archive", type=int, default=10_000, help="articles in the archive check")
    parser.add_argument("--per-kind", type=int, default=300, help="sampled copies per kind and split, archive check")
    parser.add_argument("--no-archive", action="store_true")
    args = parser.parse_args(argv)
    raws = bbc_raws() + t17_raws()
    pairs = build_pairs(raws, args.seed)
    counted: dict[tuple[str, bool], int] = defaultdict(int)
    for pair in pairs:
        counted[(pair.split, pair.same)] += 1
    print(f"{len(raws):,} articles (BBC News Summary, Timeline17); pairs: " + ", ".join(
        f"{split} {'copies' if same else 'different'} {n:,}" for (split, same), n in sorted(counted.items())))
    started = time.perf_counter()
    judged = judge_all(pairs)
    print(f"judged {len(pairs):,} pairs in {time.perf_counter() - started:.1f} s\n")
    print(threshold_table(judged), end="\n\n")
    print(kind_table(judged), end="\n\n")
    if not args.no_archive:
        archive = build_archive(raws, args.archive, args.seed)
        print(archive_tables(archive, *archive_probes(archive, pairs, args.per_kind, args.seed)))


if __name__ == "__main__":
    main()
