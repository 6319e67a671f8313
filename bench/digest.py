"""Digests at scale: 50 subscriptions × 2,000 new articles, and an instant subscriber's wait (a script, not a test).

Building. The seed, the InSight Crime articles and the first BBC articles are analysed once (cached in
bench/out with bench/common.py's analysis cache) and stored as the archive everyone already has. Then 50
subscriptions are made (desks /peru, /mexico, /news; topic words from the lexicon, free words, people;
instant, hourly, daily and weekly), and 2,000 new articles are stored after them: copies of the analysed
ones through the project's own storage path (bench/ask.py's copy_of: new title, URL, date, desk tags),
each copy in its original's story and linked to the copy before it (article_related), as "Feeds and
stories" would link them.

Measuring, in a fresh process that never loads spaCy, as `newsbot worker` would run:
- build: every subscription's digest built (match the 2,000, group by story, facts, conflicts), changing
  nothing (`newsbot digest --dry-run`'s path), and its peak memory (the process's RSS high-water mark;
  the Python heap peak from a second, traced pass);
- send: the same digests posted to the Slack stand-in and recorded (the ledger), then a second run that
  must post nothing;
- instant: a scheduler thread calls run_due_digests every --tick seconds (20, as the scheduler does);
  Peru articles are stored at random moments (subscription 0 is the whole Peru desk, instant); the time
  from an article's commit to the stand-in receiving its post is its wait (budget: 60 s).

Usage: python bench/digest.py [--subscriptions 50] [--articles 2000] [--instant 6] [--tick 20]

What a channel reads (--t17): days of multi-outlet traffic replayed from the Timeline17 dev stories (haiti,
H1N1, Libya, Syria; the test stories are never read here). Each story's busiest DAYS dates become replay
days 1..DAYS (at most PER_DAY articles of a story a day, across its outlets); each day the articles are
analysed and stored through the ingest's store step (stories linked), then every subscription's digest is
posted to the Slack stand-in, as a daily run would. Printed per subscription: channel messages, words per
message (median, max: all text of the blocks, links as their text), sections, thread replies (the full
digest under a one-minute message), routing precision and recall
against bench/digest_t17_labels.jsonl (which articles are about each subscription, labelled by reading),
developments split or merged wrongly (pairs of bench/digest_t17_developments.jsonl's articles sent in one
digest, labelled by reading), and the disagreement lines posted (each distinct one printed, to judge). Then
the summary, quote and figure lines the channels were shown, judged against bench/digest_t17_lines.jsonl (a
line is right when an editor could post it as it is: one whole sentence that stands alone, a quote with its
right speaker, a figure that says what it counts; 70 lines read in their articles, a hash-ordered sample of
the lines one replay showed): right / labelled per kind, and how many lines shown have no label.

Usage: python bench/digest.py --t17 [--days 8] [--per-day 6]

A Timeline17 article has no headline in the corpus: the bench makes one from its first sentence that reads as
a headline (t17_title: past the page's stamp, dateline and furniture, cut where the lead runs into it).

Stories nobody tuned on (--test-stories): the other Timeline17 stories have no articles in the shared corpus
(only timelines; bpoil and MJ are held out for another measurement), so the held-out replay is WikiRef220:
220 articles of five stories and eleven small ones (the Paris attacks, flight MH370, Michelle Obama, the
Premier League, the Galaxy S5; Greek elections and debt, Tohoku, ...), no dates: each story's articles are
dealt over the days in turn. Its subscriptions (France, Malaysia, Greece, Japan, Premier League, Samsung, who
Michelle Obama) were chosen, and bench/digest_wikiref_labels.jsonl written (story membership, then reading the
titles and leads for the exceptions), before any run; nothing is tuned on it afterwards.

Usage: python bench/digest.py --test-stories [--days 8]

Routing on dev material (--dev-routing): the BBC business and entertainment articles and the Timeline17 dev
replay's articles stored in one archive after five subscriptions (a country with many articles, Japan; a
country most articles name only in passing, Egypt; an award, the Oscars; a company, Yukos; a commodity, gold),
each matched as a matching pass does (bot/subscriptions/matching.match_new); precision and recall per
subscription against bench/digest_dev_labels.jsonl (the 214 articles naming a subject or its capital,
labelled from titles and leads before any run), and each wrong article with the reason the matcher gives.

Usage: python bench/digest.py --dev-routing
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
import tracemalloc
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))
from common import (  # noqa: E402
    CORPORA,
    OUT,
    bbc_raws,
    detokenize,
    insight_raws,
    load_analyses,
    machine,
    percentile,
    seed_raws,
    store_analyses,
    table,
)
from slack_standin import BOT_TOKEN, SlackStandin  # noqa: E402

from bot.ingest.canonical import text_hash  # noqa: E402
from bot.subscriptions.blocks import message_text  # noqa: E402

BBC_ARTICLES = 150
TOPICS = ["crime", "extortion", "homicide", "prisons", "drug trafficking", "illegal mining", "corruption", "gangs"]
FREE = ["police", "election", "economy", "president", "army", "market", "court", "oil"]
SCHEDULES = ["instant", "hourly", "daily 08:00", "weekly mon 08:00"]
DESKS = ["peru", "peru", "news", "mexico"]


# ---------------------------------------------------------------- building (parent process, with spaCy)


def cached_analyses(raws: list[Any], stale_ok: bool) -> dict[str, Any]:
    """The shared analysis cache with these articles in it: those missing are analysed now and stored for the
    next run."""
    from bot.extract.pipeline import analyse

    cache = load_analyses(stale_ok)
    missing = [r for r in raws if text_hash(r.title, r.text) not in cache]
    if missing:
        print(f"analysing {len(missing)} of {len(raws)} articles (cached for the next run) ...", flush=True)
        fresh = list(analyse(missing))
        print(f"  {store_analyses(fresh)}", flush=True)
        cache.update({text_hash(a.raw.title, a.raw.text): a for a in fresh})
    return cache


def analyses(stale_ok: bool) -> list[Any]:

    raws = seed_raws() + insight_raws(CORPORA) + bbc_raws(CORPORA, BBC_ARTICLES)
    cache = cached_analyses(raws, stale_ok)
    seen, out = set(), []
    for raw in raws:
        key = text_hash(raw.title, raw.text)
        if key not in seen:
            seen.add(key)
            out.append(cache[key])
    return out


def make_subscriptions(db: Any, count: int, rng: random.Random) -> None:
    from bot.subscriptions import service

    people = [r[0] for r in db.execute(
        "SELECT e.name FROM entities e JOIN mentions m ON m.entity_id = e.id WHERE e.type = 'PERSON'"
        " GROUP BY e.id ORDER BY COUNT(*) DESC LIMIT 20")]
    for i in range(count):
        desk = DESKS[i % len(DESKS)]
        kind = i % 5
        topics = rng.choice(TOPICS) if kind in (0, 1, 2) else (rng.choice(FREE) if kind == 3 else "")
        who = rng.choice(people) if kind == 4 and people else None
        if i == 0:  # the desk's instant subscriber whose wait is measured: the whole Peru desk
            topics, who = "", None
        request = service.Request(desk, topics, who, SCHEDULES[i % len(SCHEDULES)], "America/Lima")
        service.add(db, request, channel=f"C0BENCH{i:03d}")


def build(path: Path, subs: int, articles: int, stale_ok: bool) -> None:
    """The archive: analysed articles (the backlog), then subscriptions, then `articles` new ones."""
    from ask import copy_of

    from bot.ingest.rows import to_rows
    from storage.articles import save_article
    from storage.db import open_db

    uniques = analyses(stale_ok)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_db(path)
    story_of: dict[int, int] = {}
    last_copy: dict[int, int] = {}
    for u, analysis in enumerate(uniques):
        article_id, _ = save_article(db, to_rows(analysis))
        story_of[u], last_copy[u] = article_id, article_id
    make_subscriptions(db, subs, random.Random(5))
    start = time.perf_counter()
    order = list(range(len(uniques)))
    random.Random(17).shuffle(order)
    for i in range(articles):
        u = order[i % len(order)]
        article_id, created = save_article(db, to_rows(copy_of(uniques[u], i, 1 + i // len(order))))
        with db.conn:
            db.execute("UPDATE articles SET story_id = ? WHERE id IN (?, ?)", [story_of[u], article_id, story_of[u]])
            db.execute("INSERT OR IGNORE INTO article_related (article_id, related_id, score, reasons)"
                       " VALUES (?, ?, 0.5, '{}')", [article_id, last_copy[u]])
        last_copy[u] = article_id
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    print(f"archive: {len(uniques)} analysed articles, {subs} subscriptions, then {articles} new articles "
          f"stored in {time.perf_counter() - start:.0f} s", flush=True)


# ---------------------------------------------------------------- measuring (child process, no spaCy)


def store_copy(db: Any, source_id: int, title: str) -> int:
    """Store a new article now: a copy of a stored one with all its analysis rows (no spaCy in here)."""
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    with db.conn:
        new = db.execute(
            "INSERT INTO articles (url, url_key, text_hash, title, source, author, published, language, tags, text,"
            " summary, origin, ingested_at, updated_at) SELECT ?, ?, ?, ?, source, author, published, language, tags,"
            " text, summary, 'bench instant', ?, ? FROM articles WHERE id = ?",
            [f"https://bench.invalid/{title}", f"bench.invalid/{title}", text_hash(title, title), title, stamp, stamp,
             source_id]).lastrowid
        db.execute("INSERT INTO sentences (article_id, idx, kind, text, start, end, topics) SELECT ?, idx, kind, text,"
                   " start, end, topics FROM sentences WHERE article_id = ?", [new, source_id])
        db.execute("INSERT INTO sentence_topics (topic, sentence_id, article_id, published) SELECT j.value, s.id,"
                   " s.article_id, NULL FROM sentences s, json_each(s.topics) j WHERE s.article_id = ?"
                   " AND s.kind = 'body'", [new])
        db.execute("INSERT INTO mentions (entity_id, article_id, sentence_idx, text) SELECT entity_id, ?,"
                   " sentence_idx, text FROM mentions WHERE article_id = ?", [new, source_id])
        db.execute("INSERT INTO facts (key, article_id, sentence_idx, kind, entity_id, date, value, data, text)"
                   " SELECT key || ':' || ?, ?, sentence_idx, kind, entity_id, date, value, data, text FROM facts"
                   " WHERE article_id = ?", [new, new, source_id])
        db.execute("INSERT INTO article_desks (article_id, desk, published) SELECT ?, desk, published"
                   " FROM article_desks WHERE article_id = ?", [new, source_id])
    return int(new)


def measure(path: Path, instant: int, tick: float) -> dict[str, Any]:
    from bot.subscriptions.deliver import digest_client, run_digests, run_due_digests
    from storage.db import open_db

    db = open_db(path)
    result: dict[str, Any] = {"rss_start_mb": rss_mb()}
    subs = db.execute("SELECT COUNT(*) FROM subscriptions").fetchone()[0]
    new = db.execute("SELECT COUNT(*) FROM articles WHERE id > (SELECT MIN(start_after) FROM subscriptions)"
                     ).fetchone()[0]
    start = time.perf_counter()
    previews = run_digests(db, None, datetime.now(UTC), dry_run=True)
    result["build_s"] = time.perf_counter() - start
    result["rss_build_mb"] = rss_mb()
    tracemalloc.start()  # a second, traced pass: tracemalloc slows Python down, so it is not the timed one
    run_digests(db, None, datetime.now(UTC), dry_run=True)
    result["heap_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    result.update(subscriptions=subs, new_articles=new, matched=sum(len(r.article_ids) for r in previews),
                  stories=sum(len(r.built.stories) for r in previews if r.built is not None))
    with SlackStandin() as standin:
        os.environ["SLACK_API_URL"] = standin.api_url
        client = digest_client(BOT_TOKEN)
        start = time.perf_counter()
        sent = run_digests(db, client, datetime.now(UTC))
        result["send_s"] = time.perf_counter() - start
        result["messages"] = len(standin.calls_of("chat.postMessage", ok_only=True))
        result["failed"] = sum(r.status in ("failed", "error") for r in sent)
        result["ledger"] = db.execute("SELECT COUNT(*) FROM deliveries").fetchone()[0]
        start = time.perf_counter()
        again = run_digests(db, client, datetime.now(UTC))
        result["again_s"] = time.perf_counter() - start
        result["again_posted"] = sum(r.status == "posted" for r in again)
        result["rss_end_mb"] = rss_mb()
        result["waits_s"], result["tick_work_s"] = instant_waits(db, standin, client, run_due_digests, instant, tick)
    return result


def instant_waits(db: Any, standin: SlackStandin, client: Any, run_due: Any, samples: int, tick: float
                  ) -> tuple[list[float], list[float]]:
    """Store `samples` articles at random moments while a scheduler thread ticks; each one's store → post wait."""
    from storage.db import open_db

    stop = threading.Event()
    work: list[float] = []

    def scheduler() -> None:
        own = open_db(db.conn.execute("PRAGMA database_list").fetchone()[2])
        while not stop.wait(tick):
            began = time.perf_counter()
            run_due(own, client, datetime.now(UTC))
            work.append(time.perf_counter() - began)

    thread = threading.Thread(target=scheduler, daemon=True)
    thread.start()
    rng = random.Random(11)
    peru = [r[0] for r in db.execute("SELECT article_id FROM article_desks WHERE desk = 'peru' LIMIT 50")]
    waits = []
    for n in range(samples):
        time.sleep(rng.uniform(0, tick))
        title = f"Instant bench article {n} {time.time_ns()}"
        store_copy(db, rng.choice(peru), title)
        stored = time.monotonic()
        call = wait_for_post(standin, title, timeout=3 * tick + 30)
        waits.append(call - stored if call else float("inf"))
    stop.set()
    thread.join(tick + 30)
    return waits, work


def wait_for_post(standin: SlackStandin, title: str, timeout: float) -> float | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for call in standin.calls_of("chat.postMessage", ok_only=True):
            if title in json.dumps(call.body, ensure_ascii=False):
                return call.at
        time.sleep(0.05)
    return None


def rss_mb() -> float:
    """This process's peak RSS (VmHWM: per address space, so not the parent's, unlike ru_maxrss on Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------- report


def report(res: dict[str, Any], tick: float) -> str:
    waits = [w for w in res["waits_s"] if w != float("inf")]
    lost = len(res["waits_s"]) - len(waits)
    rows = [
        ("subscriptions × new articles", f"{res['subscriptions']} × {res['new_articles']:,}"),
        ("articles matched (all subscriptions)", res["matched"]),
        ("stories in the digests", res["stories"]),
        ("build every digest (dry run), s", res["build_s"]),
        ("  per subscription, ms", 1000 * res["build_s"] / max(res["subscriptions"], 1)),
        ("peak RSS of the digest process, MB", res["rss_build_mb"]),
        ("peak Python heap while building, MB", res["heap_peak_mb"]),
        ("send every digest to the stand-in, s", res["send_s"]),
        ("messages posted / ledger rows", f"{res['messages']} / {res['ledger']:,}"),
        ("failed subscriptions", res["failed"]),
        ("second run: subscriptions posted again", res["again_posted"]),
        ("second run (nothing new), s", res["again_s"]),
        (f"instant: store → post, p50 s (tick {tick:g} s)", percentile(waits, 50) if waits else "-"),
        ("instant: store → post, max s (budget 60)", max(waits) if waits else "-"),
        ("instant: samples / never posted", f"{len(res['waits_s'])} / {lost}"),
        ("scheduler tick work, p50 / max ms", f"{1000 * percentile(res['tick_work_s'], 50):.0f} / "
                                              f"{1000 * max(res['tick_work_s'] or [0]):.0f}"),
        ("RSS at the end, MB", res["rss_end_mb"]),
    ]
    return table(["digests", "value"], rows, f"bench/digest.py — {machine()}")


# ---------------------------------------------------------------- Timeline17 replay (--t17)

T17_DEV = {"haiti": ["haiti_bbc"], "h1n1": ["H1N1_bbc", "H1N1_guardian", "H1N1_reuters"],
           "libya": ["LibyaWar_reuters"], "syria": ["SyrianCrisis_bbc"]}
T17_SUBS = [("C0HAITI", "Haiti", None), ("C0FLU", "swine flu", None), ("C0LIBYA", "Libya", None),
            ("C0SYRIA", "Syria", None), ("C0GADDAFI", "", "Muammar Gaddafi")]
DEV_ROUTING_SUBS = [("C0JAPAN", "Japan", None), ("C0EGYPT", "Egypt", None), ("C0OSCARS", "Oscars", None),
                    ("C0YUKOS", "Yukos", None), ("C0GOLD", "gold", None)]
DEV_ROUTING_LABELS = ROOT / "bench" / "digest_dev_labels.jsonl"  # from titles and leads, before any run
LABELS = ROOT / "bench" / "digest_t17_labels.jsonl"
DEVELOPMENTS = ROOT / "bench" / "digest_t17_developments.jsonl"  # which development each article reports, by reading
LINE_LABELS = ROOT / "bench" / "digest_t17_lines.jsonl"  # summary, quote and figure lines, judged by reading


def t17_days(days: int, per_day: int) -> list[list[Any]]:
    """Replay day → the raw articles stored that day: each dev story's busiest dates, in date order."""
    from bot.ingest.records import from_record

    base = CORPORA / "timeline17" / "dataset" / "t17"
    out: list[list[Any]] = [[] for _ in range(days)]
    for sets in T17_DEV.values():
        items = [(name, i, item) for name in sets
                 for i, item in enumerate(json.loads((base / name / "articles.json").read_text(encoding="utf-8")))
                 if len(item.get("text") or "") >= 200]
        by_date: dict[str, list[Any]] = {}
        for entry in items:
            by_date.setdefault(entry[2]["dct"][:10], []).append(entry)
        busiest = sorted(sorted(by_date, key=lambda d: -len(by_date[d]))[:days])
        for n, date in enumerate(busiest):
            for name, i, item in by_date[date][:per_day]:
                text = detokenize(item["text"])
                out[n].append(from_record({
                    "title": t17_title(text), "text": text,
                    "published": item["dct"], "source": name.split("_")[-1],
                    "url": f"https://t17.bench.invalid/{name}/{item.get('uid', i)}"}, f"{name} #{i}"))
    return out


_STAMP = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\|")  # a time or a byline's bar: "William Crawley | 22:29 UK time"
_UPDATED = re.compile(r"\s(?:\d{1,2} [A-Z][a-z]+ \d{4} )?Last updated\b")
# A page's stamp before its first sentence: "Mary Hockaday | 17:45 UK time, Wednesday, 29 April 2009 ",
# "Last updated: 1 may, 2009 - 17:54 GMT ", "13 June 2012 Last updated at 21:40 GMT Help "
_LEADING_STAMP = re.compile(
    r"^(?:[^|]{0,60}\| )?(?:\d{1,2} [A-Za-z]+,? \d{4} )?(?:Last updated:?(?: at)? )?"
    r"(?:\d{1,2} [A-Za-z]+,? \d{4} ?-? ?)?"
    r"\d{1,2}[:.]\d{2} ?(?:UK time|GMT|BST|EST|[ap]m)?(?:,? [A-Z][a-z]+day)?(?:,? \d{1,2} [A-Za-z]+,? \d{4})?\s+"
    r"(?:Help )?")


def t17_title(text: str) -> str:
    """A headline for a Timeline17 article (the corpus keeps only its text): the first sentence that reads as
    one, after the page header and dateline the ingest strips (furniture.strip_run_ins) and not a line it
    knows as furniture; not a byline or time stamp, nor corpus debris (a lower-case or all-capitals start);
    cut where the page's date stamp or the lead runs into it ("… amputations A lack of …",
    lines.RUN_TOGETHER) or the page's furniture follows ("… mass graves To play this content JavaScript must be
    turned on …"); a blog's byline and time stamp before it go.
    The first sentence when none reads as a headline."""
    from bot.ingest.furniture import builtin_furniture, rough_sentences, strip_run_ins
    from bot.subscriptions.lines import RUN_TOGETHER

    sentences = [s.strip() for s in rough_sentences(_LEADING_STAMP.sub("", strip_run_ins(text)))[:8] if s.strip()]
    chosen = sentences[0] if sentences else text
    for sentence in sentences:
        for cut in (_UPDATED.search(sentence), RUN_TOGETHER.search(sentence)):
            if cut and len(sentence[:cut.start()].split()) >= 4:
                sentence = sentence[:cut.start() + (len(cut.group(0).split(" ")[0]) if cut.re is RUN_TOGETHER else 0)]
        for gap in re.finditer(r" (?=[A-Z])", sentence):  # a headline with the page's furniture run into it
            if len(sentence[:gap.start()].split()) >= 4 and builtin_furniture(None, sentence[gap.end():]):
                sentence = sentence[:gap.start()]
                break
        if (len(sentence.split()) >= 4 and sentence[0] in "\"“‘'" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                and sentence.upper() != sentence and not _STAMP.search(sentence)
                and not builtin_furniture(None, sentence)):
            chosen = sentence
            break
    return chosen if len(chosen) <= 140 else chosen[:137].rsplit(" ", 1)[0] + "..."


def message_words(body: dict[str, Any]) -> int:
    """Words a reader sees in a posted message: every block's text, a link counted as its text."""
    texts = []
    for block in body.get("blocks") or []:
        texts += [block[k]["text"] for k in ("text",) if isinstance(block.get(k), dict)]
        texts += [e.get("text", "") for e in block.get("elements") or [] if isinstance(e, dict)]
    plain = re.sub(r"<[^|>]*\|([^>]*)>", r"\1", " ".join(texts))
    return len(plain.split())


WIKIREF_SUBS = [("C0FRANCE", "France", None), ("C0MALAYSIA", "Malaysia", None), ("C0GREECE", "Greece", None),
                ("C0JAPAN", "Japan", None), ("C0LEAGUE", "Premier League", None), ("C0SAMSUNG", "Samsung", None),
                ("C0MICHELLE", "", "Michelle Obama")]
WIKIREF_LABELS = ROOT / "bench" / "digest_wikiref_labels.jsonl"  # by story membership and reading, before any run
WIKIREF_START = datetime(2026, 1, 5, 9, tzinfo=UTC)  # the corpus has no dates: replay day 1


def wikiref_days(days: int) -> list[list[Any]]:
    """Replay day → the WikiRef220 articles stored that day: each story's articles (file order) dealt over the
    days in turn, dated that day (the corpus has none); the small "noise" stories come too."""
    from dataclasses import replace
    from datetime import timedelta

    from common import wikiref_raws

    out: list[list[Any]] = [[] for _ in range(days)]
    dealt: dict[str, int] = {}
    for raw in wikiref_raws(CORPORA):
        story = raw.url.split("/")[-2]
        n = dealt[story] = dealt.get(story, -1) + 1
        when = WIKIREF_START + timedelta(days=n % days, minutes=n)
        out[n % days].append(replace(raw, published=when.isoformat(timespec="seconds")))
    return out


@dataclass
class Replay:
    """Days of traffic replayed through the store step and the digests, and what they are measured against."""

    name: str  # the archive is bench/out/digest-<name>.db
    heading: str
    plan: list[list[Any]]
    subs: list[tuple[str, str, str | None]]
    labels: Path  # routing: which articles are about each subscription
    developments: Path | None = None  # which development each article reports
    lines: Path | None = None  # digest lines judged right or wrong, by their text


def replay(run: Replay, stale_ok: bool) -> None:
    from bot.ingest.dedup import Deduper
    from bot.ingest.service import IngestReport, store_analysis
    from bot.subscriptions import service
    from bot.subscriptions.deliver import digest_client, run_digests
    from storage.db import open_db

    plan = run.plan
    raws = [r for day in plan for r in day]
    cache = cached_analyses(raws, stale_ok)
    path = OUT / f"digest-{run.name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_db(path)
    for channel, topics, who in run.subs:
        service.add(db, service.Request("news", topics, who, "daily 08:00", "UTC"), channel=channel)
    words: dict[str, list[int]] = {c: [] for c, _, _ in run.subs}
    sections: dict[str, int] = dict.fromkeys(words, 0)
    replies: dict[str, int] = dict.fromkeys(words, 0)
    longest: dict[str, dict[str, Any]] = {}
    compared: list[dict[str, Any]] = []  # channel messages with a disagreement line, as posted
    full: dict[str, list[list[str]]] = {c: [] for c in words}  # per channel, the full digests' sections
    url_of: dict[int, str] = {}
    build_ms: list[float] = []
    with SlackStandin() as standin:
        os.environ["SLACK_API_URL"] = standin.api_url
        client = digest_client(BOT_TOKEN)
        for day in plan:
            report, dedup = IngestReport(), Deduper(db, False)
            for raw in sorted(day, key=lambda r: r.published or ""):
                article_id = store_analysis(db, cache[text_hash(raw.title, raw.text)], report, dedup)
                if article_id is not None:
                    url_of[article_id] = raw.url
            seen = len(standin.calls_of("chat.postMessage", ok_only=True))
            began = time.perf_counter()
            run_digests(db, client, datetime.now(UTC))
            build_ms.append(1000 * (time.perf_counter() - began) / len(run.subs))
            for call in standin.calls_of("chat.postMessage", ok_only=True)[seen:]:
                full[call.body["channel"]].append(section_texts(call.body))
                if call.body.get("thread_ts"):  # the full digest under a one-minute message
                    replies[call.body["channel"]] += 1
                    continue
                words[call.body["channel"]].append(message_words(call.body))
                if any(m in json.dumps(call.body) for m in (":warning:", "_trend:", ":scales:")):
                    compared.append(call.body)
                if words[call.body["channel"]][-1] >= max(words[call.body["channel"]]):
                    longest[call.body["channel"]] = call.body
                sections[call.body["channel"]] += sum(b["type"] == "section" for b in call.body["blocks"])
    labels = {json.loads(line)["url"]: set(json.loads(line)["about"])
              for line in run.labels.read_text(encoding="utf-8").splitlines() if line.strip()}
    dev_rows = development_errors(full, run.developments) if run.developments else {}
    rows = []
    for sub_id, (channel, topics, who) in enumerate(run.subs, start=1):
        name = topics or f"who {who}"
        got = {url_of[r[0]] for r in db.execute("SELECT article_id FROM deliveries WHERE subscription_id = ?",
                                                [sub_id]) if r[0] in url_of}
        gold = {u for u, about in labels.items() if name in about and u in url_of.values()}
        hit = len(got & gold)
        rows.append((channel, name, len(words[channel]), percentile(words[channel], 50) if words[channel] else 0,
                     max(words[channel] or [0]), sections[channel], replies[channel], f"{len(got)}/{len(gold)}",
                     f"{hit / len(got):.2f}" if got else "-", f"{hit / len(gold):.2f}" if gold else "-",
                     *dev_rows.get(channel, ("-", "-", "-")), flags(full[channel])))
    print(table(["channel", "subscription", "messages", "words p50", "words max", "sections", "thread replies",
                 "routed/gold", "precision", "recall", "dev pairs", "split wrongly", "merged wrongly",
                 "disagreements flagged"], rows,
                f"bench/digest.py {run.heading} — {len(raws)} articles over {len(plan)} days; digest run per "
                f"subscription p50 {percentile(build_ms, 50):.0f} ms — {machine()}"))
    shown = digest_lines(full)
    if run.lines is not None:
        print("\n" + lines_judged(shown, run.lines))
    if os.environ.get("DIGEST_LINES_DUMP"):  # for labelling: every line shown, by kind
        Path(os.environ["DIGEST_LINES_DUMP"]).write_text(json.dumps({k: sorted(v) for k, v in shown.items()},
                                                                    ensure_ascii=False, indent=1), encoding="utf-8")
    said = sorted({re.sub(r"<[^|>]*\|([^>]*)>", r"\1", line) for digests in full.values() for sections in digests
                   for text in sections for line in text.splitlines() if ":warning:" in line or "_trend:" in line
                   or ":scales:" in line})
    print(f"\nDisagreement lines ({len(said)} distinct):" if said else "\nNo disagreement line.")
    for line in said:
        print("  " + line)
    if compared:
        print(f"\nA message with a disagreement line ({compared[0]['channel']}, {message_words(compared[0])} words), "
              "as posted:\n")
        print(message_text(compared[0], addresses=False))
    if longest:
        channel = max(longest, key=lambda c: message_words(longest[c]))
        print(f"\nThe longest channel message ({channel}, {message_words(longest[channel])} words), as posted:\n")
        print(message_text(longest[channel], addresses=False))


def dev_routing_articles() -> list[tuple[str, Any]]:
    """(label key, raw article): BBC business and entertainment once each ("bbc/business/006.txt"), then the
    Timeline17 dev replay's articles (their URL)."""
    from common import bbc_files, read_bbc

    out, seen = [], set()
    for path in bbc_files(CORPORA):
        if path.parent.name in ("business", "entertainment"):
            raw = read_bbc(path)
            if (raw.title, raw.text) not in seen:
                seen.add((raw.title, raw.text))
                out.append((f"bbc/{path.parent.name}/{path.name}", raw))
    return out + [(raw.url, raw) for day in t17_days(8, 6) for raw in day]


def dev_routing(stale_ok: bool) -> None:
    """Route the dev articles to DEV_ROUTING_SUBS with the matcher and score them against the labels."""
    from bot.ingest.dedup import Deduper
    from bot.ingest.service import IngestReport, store_analysis
    from bot.subscriptions import service
    from bot.subscriptions.matching import match_new
    from storage import subscriptions as store
    from storage.db import open_db

    items = dev_routing_articles()
    cache = cached_analyses([raw for _, raw in items], stale_ok)
    path = OUT / "digest-dev-routing.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_db(path)
    for channel, topics, who in DEV_ROUTING_SUBS:
        service.add(db, service.Request("news", topics, who, "daily 08:00", "UTC"), channel=channel)
    key_of: dict[int, str] = {}
    report, dedup = IngestReport(), Deduper(db, False)
    for key, raw in items:
        article_id = store_analysis(db, cache[text_hash(raw.title, raw.text)], report, dedup)
        if article_id is not None:
            key_of[article_id] = key
    labels = {json.loads(line)["url"]: set(json.loads(line)["about"])
              for line in DEV_ROUTING_LABELS.read_text(encoding="utf-8").splitlines() if line.strip()}
    upto = max(key_of)
    rows, wrong = [], []
    for sub in store.subscriptions(db):
        name = sub["topics"] or f"who {sub['who']}"
        found = match_new(db, sub, upto)
        got = {key_of[i] for i in found.matched if i in key_of}
        why = {key_of[i]: reason for i, reason in found.skipped if i in key_of}
        gold = {k for k, about in labels.items() if name in about and k in key_of.values()}
        hit = len(got & gold)
        rows.append((sub["channel"], name, f"{len(got)}/{len(gold)}", f"{hit / len(got):.2f}" if got else "-",
                     f"{hit / len(gold):.2f}" if gold else "-"))
        wrong += [f"  {name}: routed, not about it: {k}" for k in sorted(got - gold)]
        wrong += [f"  {name}: missed: {k} ({why.get(k, '')})" for k in sorted(gold - got)]
    print(table(["channel", "subscription", "routed/gold", "precision", "recall"], rows,
                f"bench/digest.py --dev-routing — {len(key_of)} articles (BBC business+entertainment, Timeline17 "
                f"dev replay), labels {DEV_ROUTING_LABELS.name} — {machine()}"))
    print("\n".join(["", "Wrong:"] + wrong) if wrong else "\nNothing routed wrongly.")


LINE_KINDS = ("summary", "quote", "figure")


def digest_lines(full: dict[str, list[list[str]]]) -> dict[str, set[str]]:
    """The summary, quote and figure lines the channels were shown (messages and threads), as a reader reads
    them (links as their text, mrkdwn escapes undone), by kind: a quote line is "Speaker said …", a figure
    each item of a "Figures:" line; headlines, disagreement and "Follows" lines are not counted here."""
    import html

    out: dict[str, set[str]] = {k: set() for k in LINE_KINDS}
    for digests in full.values():
        for sections in digests:
            for text in sections:
                for line in html.unescape(re.sub(r"<[^|>]*\|([^>]*)>", r"\1", text)).splitlines():
                    if line.startswith(("*", "•", "_Follows", ":")) or not line.strip():
                        continue
                    if line.startswith("Figures: "):
                        out["figure"] |= {f.strip() for f in line.removeprefix("Figures: ").split("; ")}
                    elif line.startswith("> "):
                        out["quote"].add(line.removeprefix("> ").replace("*", ""))
                    else:
                        out["summary"].add(line)
    return out


def lines_judged(shown: dict[str, set[str]], labels: Path) -> str:
    """Per kind: lines judged right / lines labelled among those shown, and how many shown have no label.
    A line is right when an editor could post it as it is: one whole sentence that stands alone, a quote with
    its right speaker, a figure that says what it counts (labels: by reading each line in its article)."""
    judged = {}
    for line in labels.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            judged[(row["kind"], row["line"])] = bool(row["right"])
    rows = []
    for kind in LINE_KINDS:
        marks = [judged[(kind, line)] for line in shown[kind] if (kind, line) in judged]
        rows.append((kind, f"{sum(marks)}/{len(marks)}", f"{sum(marks) / len(marks):.2f}" if marks else "-",
                     len(shown[kind]) - len(marks)))
    return table(["digest lines", "right/labelled", "share right", "unlabelled"], rows,
                 f"lines judged right ({labels.name})")


def section_texts(body: dict[str, Any]) -> list[str]:
    return [b["text"]["text"] for b in body.get("blocks") or [] if b.get("type") == "section"]


def development_errors(full: dict[str, list[list[str]]], developments: Path) -> dict[str, tuple[int, int, int]]:
    """Per channel, over pairs of articles of `developments` it was sent in one digest: (pairs, pairs of one
    development shown in different sections, pairs of different developments in one section). An article's
    section is its full digest's (the thread's, when the message was cut to a minute): the one whose lines
    list it, not a later one's "Follows" line."""
    dev = {json.loads(line)["url"]: json.loads(line)["development"]
           for line in developments.read_text(encoding="utf-8").splitlines() if line.strip()}
    out = {}
    for channel, digests in full.items():
        where: dict[str, tuple[int, int]] = {}
        for n, sections in enumerate(digests):
            for k, text in enumerate(sections):
                listed = " ".join(line for line in text.splitlines() if "Follows" not in line)
                for url in re.findall(r"<(https://t17[^|>]*)\|", listed):
                    if url in dev:  # the thread reply comes after its one-minute message: the last wins
                        where[url] = (n, k)
        urls = sorted(where)
        pairs = [(a, b) for i, a in enumerate(urls) for b in urls[i + 1:] if where[a][0] == where[b][0]]
        split = sum(dev[a] == dev[b] and where[a] != where[b] for a, b in pairs)
        merged = sum(dev[a] != dev[b] and where[a] == where[b] for a, b in pairs)
        out[channel] = (len(pairs), split, merged)
    return out


def flags(digests: list[list[str]]) -> int:
    """Disagreement lines in the channel's posts."""
    return sum(text.count(":warning:") + text.count("_trend:") + text.count(":scales:")
               for sections in digests for text in sections)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subscriptions", type=int, default=50)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--instant", type=int, default=6, help="instant samples (store → post)")
    parser.add_argument("--tick", type=float, default=20.0, help="scheduler interval, seconds")
    parser.add_argument("--stale-ok", action="store_true", help="reuse cached analyses made by older code")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the child process
    parser.add_argument("--t17", action="store_true", help="replay the Timeline17 dev stories (see above)")
    parser.add_argument("--test-stories", action="store_true",
                        help="replay WikiRef220's stories, never tuned on (see above)")
    parser.add_argument("--dev-routing", action="store_true",
                        help="routing precision and recall on dev articles (see above)")
    parser.add_argument("--days", type=int, default=8, help="--t17, --test-stories: replay days")
    parser.add_argument("--per-day", type=int, default=6, help="--t17: articles of a story a day, at most")
    args = parser.parse_args()
    if args.t17:
        replay(Replay("t17", "--t17", t17_days(args.days, args.per_day), T17_SUBS, LABELS, DEVELOPMENTS,
                      LINE_LABELS), args.stale_ok)
        return
    if args.dev_routing:
        dev_routing(args.stale_ok)
        return
    if args.test_stories:
        replay(Replay("wikiref", "--test-stories (WikiRef220)", wikiref_days(args.days), WIKIREF_SUBS,
                      WIKIREF_LABELS), args.stale_ok)
        return
    if args.measure:
        print(json.dumps(measure(args.measure, args.instant, args.tick)))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    base = OUT / f"digest-{args.subscriptions}x{args.articles}.db"
    build(base, args.subscriptions, args.articles, args.stale_ok)
    work = OUT / "digest-run.db"
    shutil.copyfile(base, work)
    child = subprocess.run([sys.executable, __file__, "--measure", str(work), "--instant", str(args.instant),
                            "--tick", str(args.tick)], capture_output=True, text=True, cwd=ROOT)
    if child.returncode != 0:
        sys.exit(child.stderr[-3000:])
    print(report(json.loads(child.stdout.strip().splitlines()[-1]), args.tick))


if __name__ == "__main__":
    main()
