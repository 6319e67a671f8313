"""Slash-command latency of `newsbot serve` over the real protocol, on loopback (a script, not a test).

Starts the Slack stand-in (tests/slack_standin.py) and `newsbot serve` (HTTP) against an archive,
sends N signed slash commands (mixed actions and desks) from C concurrent clients, and prints p50/p99
of the time to the ack (Slack's 3 s clock) and of the time until the answer reaches response_url
(what the reporter waits for), per action and overall, with errors and the server's RSS.
Budget (DESIGN.md): p50 <= 50 ms, p99 <= 200 ms with 100,000 articles; zero errors; serving memory <= 400 MB.

Usage: python bench/slack.py --db ARCHIVE.db [--requests 500] [--concurrency 20] [--live-feed 60]
(build the 10k/50k/100k archives with bench/ask.py; without --db the seeds are ingested into a temp DB)

With a live feed (issue 24, `--live-feed N`): a loopback news site (tests/webserver.py) serves an RSS feed of
N articles no archive holds (WikiRef220 and Timeline17, from the end of the list the bulk ingest takes from),
followed by the served copy of the archive (`newsbot feeds add --every 1m`); new entries appear on it every
`--feed-every` seconds. The commands start once the server's jobs process has stored the feed's first
articles (so it has loaded spaCy), and the memory of every process of `newsbot serve` (RSS and PSS, from
/proc) is sampled each second from then until the digest run has ended (at least 30 s, or `--watch S`
seconds); the table shows each process at the sample with the largest total, against the 400 MB budget, and
with --watch each process's PSS over time (whether the jobs process creeps up while the feed goes on).

Under load (issue 14): `--during-ingest 2000 --requests 50 --concurrency 50` serves a working copy of the
archive (bench/out/slack-load.db, remade each run), starts a bulk `newsbot ingest` of that many articles it
does not hold (Timeline17, then WikiRef220) into it, waits until it is writing, and sends the commands all at
once while it runs and while a digest run is under way: `--digests 20` subscriptions (desks, topics, instant
and daily) whose backlog is the last `--backlog 400` articles are made due so that the server's own scheduler
(the digest job `newsbot serve` runs every 20 s in its jobs process, as in a deployment without a separate
worker) sends them in the tick the commands are timed to start with, posting to the same Slack stand-in. The
table then says how many digest messages and articles were delivered, when, and any failure. Targets: 0
errors, ack p99 <= 200 ms, answer p99 <= 1 s.
The server and the ingest are this checkout's code (`python -m bot.cli` from this directory), never an
installed `newsbot`, so a bench measures the branch it sits in.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from procs import children  # noqa: E402
from slack_standin import BOT_TOKEN, SlackStandin, sign, slash_body  # noqa: E402

SECRET = "bench-signing-secret"
SERVER_LOG = ROOT / "bench" / "out" / "slack-serve.log"
MIX = [  # (command, text): the actions reporters use, over three desks
    ("/peru", "crime summary"), ("/peru", "extortion facts"), ("/peru", "timeline prisons"),
    ("/peru", "quotes prisons"), ("/peru", "who Jerí"), ("/peru", 'search "gota a gota"'),
    ("/peru", "latest"), ("/peru", "mining summary"), ("/news", "crime summary"),
    ("/news", "corruption facts"), ("/mexico", "fentanyl facts"), ("/mexico", "cartel summary"),
    ("/peru", "help"),
]
MAX_REQUESTS = 5000
MEMORY_BUDGET_MB = 400
VERBS = {"summary", "facts", "timeline", "quotes", "who", "search", "latest", "help"}


@dataclass
class Result:
    action: str
    ack_ms: float
    response_ms: float | None
    error: str | None
    wire_ms: float | None = None  # last request byte written → response headers read (Slack's own view)


def server_command() -> list[str]:
    """`newsbot serve` from this checkout (an installed console script may be another branch's code)."""
    return [sys.executable, "-m", "bot.cli", "serve"]


def start_server(db: str, standin: SlackStandin, port: int = 0, reuse: bool = False, **settings: str
                 ) -> tuple[subprocess.Popen[str], str]:
    """`newsbot serve` on `db` with any further NEWSBOT_ `settings`; returns once it listens (its scheduler's
    first tick is that moment)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.update(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=standin.api_url,
               NEWSBOT_HOST="127.0.0.1", NEWSBOT_DB=db, NEWSBOT_REUSE_PORT="1" if reuse else "0",
               PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p), **settings)
    log = SERVER_LOG.with_name(f"{SERVER_LOG.stem}-{port or 'first'}-{time.time_ns()}.log")
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as errors:  # a file, not a pipe: a chatty server must never block on a full pipe
        proc = subprocess.Popen([*server_command(), "--port", str(port)], cwd=ROOT, env=env, text=True,
                                stdout=subprocess.PIPE, stderr=errors)
    proc.log = log  # type: ignore[attr-defined]
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if "listening on" not in line:
        proc.kill()
        raise SystemExit(f"newsbot serve did not start: {line}{log.read_text()}")
    return proc, line.split("listening on ")[1].split()[0]


def one(client: httpx.Client, base: str, standin: SlackStandin, i: int, timeout: float) -> Result:
    """Send command i, wait for its response_url post; times from just before the POST."""
    command, text = MIX[i % len(MIX)]
    verb = next((w for w in text.split() if w in VERBS), "summary")
    action = f"{command} {verb}"
    body = slash_body(command, text, standin.response_url(f"b{i}"))
    marks: dict[str, float] = {}

    def trace(event: str, info: Any) -> None:  # httpcore's trace: when the bytes actually went and came
        if event in ("http11.send_request_body.complete", "http11.receive_response_headers.complete"):
            marks[event.split(".")[1]] = time.monotonic()

    started = time.monotonic()
    try:
        resp = client.post(f"{base}/slack/events", content=body, extensions={"trace": trace},
                           headers={"Content-Type": "application/x-www-form-urlencoded", **sign(SECRET, body)})
    except httpx.HTTPError as exc:
        return Result(action, (time.monotonic() - started) * 1000, None, type(exc).__name__)
    ack_ms = (time.monotonic() - started) * 1000
    wire = marks.get("receive_response_headers", 0) - marks.get("send_request_body", 0)
    wire_ms = wire * 1000 if len(marks) == 2 else None
    if resp.status_code != 200:
        return Result(action, ack_ms, None, f"ack HTTP {resp.status_code}")
    try:
        call = standin.wait_for("response_url", 1, timeout, path=standin.response_path(f"b{i}"))[0]
    except TimeoutError:
        return Result(action, ack_ms, None, "no response", wire_ms)
    error = "error answer" if "went wrong" in json.dumps(call.body) else None
    return Result(action, ack_ms, (call.at - started) * 1000, error, wire_ms)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))] if ordered else 0.0


def family(pid: int) -> list[int]:
    """A server process and its children, in start order: the spawn tracker, the answer processes, the jobs."""
    return [pid, *children(pid)]


def _proc_mb(path: str, field: str) -> float:
    """A "Field:   N kB" line of a /proc file, in MB (0 when the process has gone)."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def rss_mb(pid: int) -> float:
    return _proc_mb(f"/proc/{pid}/status", "VmRSS")


def pss_mb(pid: int) -> float:
    """Proportional set size: a page shared by N processes counts 1/N in each, so the sum over the server's
    processes is what they use together (an RSS sum counts the shared interpreter and libraries each time)."""
    return _proc_mb(f"/proc/{pid}/smaps_rollup", "Pss")


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process (Linux /proc), to tell server work from load-generator work."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def report(results: list[Result], elapsed: float, rss: list[float], pss: float, articles: int | None,
           cpu: list[float]) -> None:
    """`rss`, `cpu`: each server process's RSS and CPU seconds while the commands ran, in `family` order
    (the listener, the spawn tracker, the answer processes, the jobs process)."""
    print(f"\n{len(results)} signed slash commands, {elapsed:.1f} s, {len(results) / elapsed:.0f} req/s; "
          f"archive: {articles if articles is not None else '?'} articles; server RSS {sum(rss):.0f} MB "
          f"({' + '.join(f'{r:.0f}' for r in rss)}; PSS {pss:.0f} MB), "
          f"server CPU {sum(cpu) / len(results) * 1000:.1f} ms/command "
          f"({' + '.join(f'{c * 1000:.0f}' for c in cpu)} ms); {os.cpu_count()} CPUs shared with this bench; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'action':<24}{'n':>5}{'ack p50':>10}{'ack p99':>10}{'wire p99':>10}{'resp p50':>10}{'resp p99':>10}"
          f"{'errors':>8}")
    groups = sorted({r.action for r in results}) + ["ALL"]
    for group in groups:
        rows = [r for r in results if group in ("ALL", r.action)]
        acks = [r.ack_ms for r in rows]
        wires = [r.wire_ms for r in rows if r.wire_ms is not None]
        resps = [r.response_ms for r in rows if r.response_ms is not None]
        errors = sum(1 for r in rows if r.error)
        print(f"{group:<24}{len(rows):>5}{pct(acks, 50):>10.1f}{pct(acks, 99):>10.1f}{pct(wires, 99):>10.1f}"
              f"{pct(resps, 50):>10.1f}{pct(resps, 99):>10.1f}{errors:>8}")
    kinds = sorted({r.error for r in results if r.error})
    if kinds:
        print("errors:", ", ".join(f"{k} x{sum(1 for r in results if r.error == k)}" for k in kinds))
    print("(ms; ack = client.post called → HTTP 200, so it includes this process queueing its own 50 sends; "
          "wire = last request byte written → response headers read, the server's share as Slack would time it; "
          "resp = client.post called → answer posted to response_url)")


def seed_archive(tmp: Path) -> str:
    """No --db: the seeds, ingested through the CLI into a throwaway archive."""
    db = str(tmp / "seed.db")
    subprocess.run([sys.executable, "-m", "bot.cli", "--db", db, "ingest", "--quiet", str(ROOT / "seeds")],
                   cwd=ROOT, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return db


def count_articles(db: str) -> int | None:
    import sqlite3

    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.Error:
        return None


def start_servers(db: str, standin: SlackStandin, count: int) -> tuple[list[subprocess.Popen[str]], str]:
    """One `newsbot serve`, or `count` of them sharing a port (NEWSBOT_REUSE_PORT)."""
    first, base = start_server(db, standin, reuse=count > 1)
    port = int(base.rsplit(":", 1)[1])
    return [first, *(start_server(db, standin, port, reuse=True)[0] for _ in range(count - 1))], base


def bulk_source(tmp: Path, count: int) -> Path:
    """`count` articles the archive does not hold, as JSON Lines, for a bulk ingest beside the commands.

    Not BBC: bench/ask.py's archive holds every BBC article, and an ingest of them only finds them
    unchanged (no parse, no load). Timeline17 past the 300 ask.py uses, then WikiRef220."""
    from common import t17_raws, wikiref_raws

    path = tmp / "bulk.jsonl"
    raws = (t17_raws()[300:] + wikiref_raws())[:count]
    with path.open("w", encoding="utf-8") as out:
        for n, raw in enumerate(raws):
            out.write(json.dumps({"title": raw.title, "text": raw.text, "source": raw.source, "tags": raw.tags,
                                  "published": raw.published, "url": raw.url or f"https://bulk.example/{n}"}) + "\n")
    return path


def start_ingest(db: str, source: Path) -> subprocess.Popen[str]:
    """A bulk `newsbot ingest` on the served archive; returns once it has stored its first article."""
    before = count_articles(db) or 0
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "--db", db, "ingest", "--quiet", str(source)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, text=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    print(f"bulk ingest: {sum(1 for _ in source.open(encoding='utf-8'))} articles not in the archive", flush=True)
    deadline = time.monotonic() + 300
    while (count_articles(db) or 0) <= before and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    print(f"bulk ingest of {source.name} running (pid {proc.pid}); it is writing articles")
    return proc


FEED_PATH = "/live.xml"


class LiveFeed:
    """A news site on loopback whose RSS feed gains `step` new articles every `every` seconds."""

    def __init__(self, count: int, step: int, every: float) -> None:
        from common import t17_raws, wikiref_raws
        from webserver import WebServer

        self.raws = (t17_raws()[300:] + wikiref_raws())[::-1][:count]
        self.step, self.every = step, every
        self.site = WebServer()
        self.published = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._grow, daemon=True)

    def __enter__(self) -> LiveFeed:
        self.site.__enter__()
        self.publish(self.step)
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.site.__exit__(*exc)

    @property
    def url(self) -> str:
        return self.site.url(FEED_PATH)

    def publish(self, more: int) -> None:
        """Put `more` new entries (and their pages) on the feed, newest first, with a new ETag."""
        from html import escape

        from webserver import Page

        for n in range(self.published, min(self.published + more, len(self.raws))):
            raw = self.raws[n]
            paragraphs = "".join(f"<p>{escape(p)}</p>" for p in raw.text.split("\n\n") if p.strip())
            self.site.pages[f"/live/{n}.html"] = Page(
                f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{escape(raw.title)}</title>"
                f"</head><body><article><h1>{escape(raw.title)}</h1>{paragraphs}</article></body></html>")
        self.published = min(self.published + more, len(self.raws))
        items = "".join(
            f"<item><title>{escape(self.raws[n].title)}</title><link>{self.site.url(f'/live/{n}.html')}</link>"
            f"<guid isPermaLink='false'>urn:live:{n}</guid><description>{escape(self.raws[n].text[:200])}"
            "</description></item>" for n in reversed(range(self.published)))
        body = (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Live wire</title>"
                f"<link>{self.site.url('/')}</link><description>bench</description>{items}</channel></rss>")
        self.site.pages[FEED_PATH] = Page(body, "application/rss+xml; charset=utf-8", etag=f'"v{self.published}"')

    def _grow(self) -> None:
        while not self._stop.wait(self.every) and self.published < len(self.raws):
            self.publish(self.step)


def follow_feed(db: str, url: str) -> None:
    """`newsbot feeds add URL --every 1m` on the served archive (this checkout's CLI)."""
    subprocess.run([sys.executable, "-m", "bot.cli", "--db", db, "feeds", "add", url, "--desk", "news", "--every",
                    "1m"], cwd=ROOT, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL)


def feed_articles(db: str) -> int:
    """Articles the live feed has brought into the archive so far."""
    import sqlite3

    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT COUNT(*) FROM feed_entries WHERE article_id IS NOT NULL").fetchone()[0]
    except sqlite3.Error:
        return 0


def wait_for_feed(db: str, timeout: float = 600) -> float:
    """Block until the server's jobs process has stored the feed's first articles; seconds waited."""
    start = time.monotonic()
    while feed_articles(db) == 0 and time.monotonic() - start < timeout:
        time.sleep(1)
    return time.monotonic() - start


class MemorySampler:
    """Every second, each server process's RSS and PSS; keeps the sample with the largest total PSS."""

    def __init__(self, pids: list[int]) -> None:
        self.pids = pids
        self.peak: list[tuple[int, float, float]] = []
        self.samples = 0
        self.series: list[tuple[float, list[tuple[int, float, float]]]] = []  # (seconds from start, sample)
        self._start = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            sample = [(pid, rss_mb(pid), pss_mb(pid)) for pid in self.pids]
            self.samples += 1
            self.series.append((time.monotonic() - self._start, sample))
            if sum(p for _, _, p in sample) > sum(p for _, _, p in self.peak):
                self.peak = sample
            if self._stop.wait(1.0):
                return


def process_names(pids: list[int]) -> list[str]:
    """What each server process is (in `family` order): the listener, the spawn tracker, the answer
    processes, and the jobs process (feeds, digests), the last one started."""
    names = []
    for pid in pids:
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            cmd = ""
        names.append("spawn tracker" if "resource_tracker" in cmd else "answers" if "spawn_main" in cmd
                     else "listener (newsbot serve)")
    spawned = [i for i, name in enumerate(names) if name == "answers"]
    if spawned:
        names[spawned[-1]] = "jobs (feeds, digests: spaCy)"
    return [f"{pid} {name}" for pid, name in zip(pids, names, strict=True)]


def memory_report(sampler: MemorySampler, feed_count: int) -> None:
    """Each process of `newsbot serve` at the peak sample, RSS and PSS, against the budget."""
    print(f"\nServing memory with a live feed ({feed_count} feed articles stored by the end), every process of "
          f"`newsbot serve` at the sample of largest total PSS ({sampler.samples} samples, 1 s apart, from the "
          "first command until the digest run ended, or 30 s, or --watch):")
    print(f"{'process':<40}{'RSS MB':>9}{'PSS MB':>9}")
    for name, (_, rss, pss) in zip(process_names([p for p, _, _ in sampler.peak]), sampler.peak, strict=True):
        print(f"{name:<40}{rss:>9.0f}{pss:>9.0f}")
    rss_total, pss_total = sum(r for _, r, _ in sampler.peak), sum(p for _, _, p in sampler.peak)
    verdict = "ok" if pss_total <= MEMORY_BUDGET_MB else "OVER"
    print(f"{'total':<40}{rss_total:>9.0f}{pss_total:>9.0f}   budget {MEMORY_BUDGET_MB} MB (PSS): {verdict}; "
          f"RSS sum {'ok' if rss_total <= MEMORY_BUDGET_MB else 'over'} (counts shared pages once per process)")


def memory_over_time(sampler: MemorySampler, every: float = 30.0) -> None:
    """Each process's PSS over the whole sampling, a row per `every` seconds: at the window's largest total
    (a parse or a digest build under way), with the window's smallest total beside it (the processes at
    rest), so a process that creeps up while the feed goes on shows in the rests, not only in the peaks."""
    names = [n.split(" ", 1)[1].split(" (")[0] for n in process_names(sampler.pids)]
    print(f"\nMemory over time (PSS MB per process at the largest total of each {every:.0f} s window; the "
          "window's smallest total is the rest):")
    print(f"{'s':>5}" + "".join(f"{n[:12]:>14}" for n in names) + f"{'total PSS':>11}{'total RSS':>11}"
          f"{'rest PSS':>10}")
    windows: dict[int, list[list[tuple[int, float, float]]]] = {}
    for at, sample in sampler.series:
        windows.setdefault(int(at // every), []).append(sample)
    for key, samples in sorted(windows.items()):
        top = max(samples, key=lambda sample: sum(p for _, _, p in sample))
        rest = min(sum(p for _, _, p in sample) for sample in samples)
        print(f"{key * every:>5.0f}" + "".join(f"{p:>14.0f}" for _, _, p in top)
              + f"{sum(p for _, _, p in top):>11.0f}{sum(r for _, r, _ in top):>11.0f}{rest:>10.0f}")


DIGEST_TICK_S = 20  # bot/subscriptions/jobs.py TICK_SECONDS: the server's scheduler runs the digests this often
DIGEST_PLAN = [  # (desk, topic words, schedule): what desks subscribe their channels to
    ("news", "", "daily 08:00"), ("news", "economy", "daily 08:00"), ("news", "election", "instant"),
    ("news", "market", "hourly"), ("news", "court", "daily 08:00"), ("peru", "", "instant"),
    ("peru", "crime", "daily 08:00"), ("peru", "extortion", "daily 08:00"), ("mexico", "", "daily 08:00"),
    ("mexico", "drug trafficking", "instant"), ("news", "police", "daily 08:00"), ("news", "oil", "weekly mon 08:00"),
]


def load_copy(db: str) -> str:
    """A fresh copy of the archive to load (the ingest and the digests write to it; the original stays as built)."""
    import sqlite3

    target = ROOT / "bench" / "out" / "slack-load.db"
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(db) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return str(target)


def add_subscriptions(db: str, count: int, backlog: int) -> int:
    """`count` subscriptions (DIGEST_PLAN round-robin, one channel each) whose start is `backlog` articles
    back, so each has a day's worth of new articles waiting; not due until `make_due`. Returns how many."""
    from datetime import UTC, datetime, timedelta

    from bot.subscriptions import service
    from storage.db import open_db

    handle = open_db(db)
    newest = handle.execute("SELECT COALESCE(MAX(id), 0) FROM articles").fetchone()[0]
    later = (datetime.now(UTC) + timedelta(days=30)).isoformat(timespec="seconds")
    for i in range(count):
        desk, topics, schedule = DIGEST_PLAN[i % len(DIGEST_PLAN)]
        sub = service.add(handle, service.Request(desk, topics, None, schedule, "America/Lima"),
                          channel=f"C0LOAD{i:03d}")
        with handle.conn:
            handle.execute("UPDATE subscriptions SET start_after = ?, checked_through = ?, next_run_at = ?"
                           " WHERE id = ?", [max(0, newest - backlog)] * 2 + [later, sub["id"]])
    handle.conn.close()
    return count


def make_due(db: str) -> str:
    """Every subscription due now (the server's next digest tick sends them); returns the moment, ISO."""
    import sqlite3
    from datetime import UTC, datetime

    now = datetime.now(UTC).isoformat(timespec="seconds")
    with sqlite3.connect(db, timeout=30) as conn:
        conn.execute("UPDATE subscriptions SET next_run_at = ?", [now])
    return now


def digest_posts(standin: SlackStandin) -> list[Any]:
    """The digest messages the stand-in took (they carry newsbot_digest metadata), with their arrival times."""
    return [c for c in standin.calls_of("chat.postMessage", ok_only=True)
            if '"newsbot_digest"' in json.dumps(c.body.get("metadata") or "")]


def wait_for_digests(db: str, since: str, timeout: float = 180) -> dict[str, Any]:
    """Until every subscription has run since `since` (or `timeout`): what the run did, from the archive."""
    import sqlite3

    deadline = time.monotonic() + timeout
    while True:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
            total, ran = conn.execute("SELECT count(*), count(*) FILTER (WHERE last_run_at >= ? OR last_error IS NOT"
                                      " NULL) FROM subscriptions", [since]).fetchone()
            posted, failed = conn.execute(
                "SELECT count(*) FILTER (WHERE status = 'posted'), count(*) FILTER (WHERE status = 'failed')"
                " FROM delivery_log WHERE at >= ?", [since]).fetchone()
            errors = [r[0] for r in conn.execute("SELECT DISTINCT last_error FROM subscriptions WHERE last_error"
                                                 " IS NOT NULL")]
        if ran >= total or time.monotonic() > deadline:
            return {"subscriptions": total, "ran": ran, "articles": posted, "failed": failed, "errors": errors}
        time.sleep(0.5)


def digest_report(done: dict[str, Any], posts: list[Any], burst: tuple[float, float], tick: float) -> None:
    """One line under the table: what the digest run delivered, and whether it overlapped the commands."""
    if not done["subscriptions"]:
        return
    first = f"{posts[0].at - tick:+.1f}" if posts else "-"
    last = f"{posts[-1].at - tick:+.1f}" if posts else "-"
    during = sum(1 for c in posts if burst[0] <= c.at <= burst[1])
    print(f"digest run (the server's scheduler, tick at {tick - burst[0]:+.1f} s from the first command): "
          f"{done['ran']}/{done['subscriptions']} subscriptions ran, {len(posts)} digest messages "
          f"({done['articles']} articles) posted to the stand-in, {during} of them while the commands ran "
          f"(commands {burst[1] - burst[0]:.1f} s; digest posts from {first} s to {last} s after the tick); "
          f"failed deliveries {done['failed']}" + (f", errors: {'; '.join(done['errors'])}" if done["errors"] else ""))


def run(db: str, requests: int, concurrency: int, timeout: float, servers: int = 1,
        bulk: Path | None = None, digests: int = 0, backlog: int = 400, feed: LiveFeed | None = None,
        watch: float = 0.0) -> None:
    if digests:
        add_subscriptions(db, digests, backlog)
    if feed is not None:
        follow_feed(db, feed.url)
    with SlackStandin() as standin:
        procs, base = start_servers(db, standin, servers)
        if feed is not None:
            waited = wait_for_feed(db)
            print(f"live feed: the jobs process stored its first articles {waited:.0f} s after start "
                  f"({feed_articles(db)} so far; {feed.published} published)", flush=True)
        first_tick = time.monotonic()  # the scheduler's first run is at start; then every DIGEST_TICK_S
        ingest = None
        done: dict[str, Any] = {"subscriptions": 0}
        try:
            limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
            with httpx.Client(limits=limits, timeout=timeout) as client:
                with ThreadPoolExecutor(max_workers=concurrency) as pool:  # every worker thread, every process
                    warm = list(pool.map(lambda i: one(client, base, standin, -1 - i, timeout),
                                         range(max(len(MIX), 4 * concurrency) * servers)))
                print(f"warm-up (not measured): {len(warm)} commands, {sum(1 for r in warm if r.error)} errors")
                if bulk is not None:
                    ingest = start_ingest(db, bulk)
                    stored = count_articles(db) or 0
                tick = 0.0
                if digests:  # start the commands with the server's next digest tick, the digests made due
                    tick = first_tick + DIGEST_TICK_S * (1 + int((time.monotonic() + 2 - first_tick) // DIGEST_TICK_S))
                    time.sleep(max(0.0, tick - 1.0 - time.monotonic()))
                    due_at = make_due(db)
                    time.sleep(max(0.0, tick + 0.05 - time.monotonic()))
                pids = [pid for p in procs for pid in family(p.pid)]
                started, cpu = time.monotonic(), [cpu_s(pid) for pid in pids]
                with MemorySampler(pids) as sampler, ThreadPoolExecutor(max_workers=concurrency) as pool:
                    results = list(pool.map(lambda i: one(client, base, standin, i, timeout), range(requests)))
                    elapsed = time.monotonic() - started
                    if feed is not None:  # keep sampling while the feed goes on delivering, and the digests run
                        time.sleep(max(0.0, 30 - elapsed))
                        if digests:
                            done = wait_for_digests(db, due_at)
                        time.sleep(max(0.0, watch - (time.monotonic() - started)))
                cpu = [cpu_s(pid) - before for pid, before in zip(pids, cpu, strict=True)]
            memory = [rss_mb(pid) for pid in pids], sum(pss_mb(pid) for pid in pids)
            report(results, elapsed, *memory, count_articles(db), cpu)
            if feed is not None:
                memory_report(sampler, feed_articles(db))
                if watch:
                    memory_over_time(sampler)
            if digests:
                done = done if done["subscriptions"] else wait_for_digests(db, due_at)
                digest_report(done, digest_posts(standin), (started, started + elapsed), tick)
            if ingest is not None:
                running = ingest.poll() is None
                print(f"bulk ingest during the commands: {(count_articles(db) or 0) - stored} articles stored while "
                      f"they ran and the digests were sent; "
                      f"{'still running at the end (stopped now)' if running else 'it had finished'}"
                      + ("" if digests else "no digest run (--digests 0)"))
        finally:
            if ingest is not None and ingest.poll() is None:
                ingest.send_signal(signal.SIGTERM)
                ingest.wait(timeout=60)
            if ingest is not None and ingest.stderr and "locked" in (errors := ingest.stderr.read()):
                print("ingest saw a locked database:", errors[-500:])
            for p in procs:
                p.send_signal(signal.SIGTERM)
            for p in procs:
                try:
                    p.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    p.kill()
            logged = "".join(p.log.read_text() for p in procs)  # type: ignore[attr-defined]
            trouble = [line for line in logged.splitlines() if "locked" in line or "ERROR" in line or "failed" in line]
            if trouble:
                print(f"server log: {len(trouble)} error lines, e.g. {trouble[0][:300]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="archive to serve (default: the seeds in a temporary archive)")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for each answer")
    parser.add_argument("--servers", type=int, default=1, help="`newsbot serve` processes sharing the port")
    parser.add_argument("--during-ingest", type=int, default=0, metavar="N",
                        help="send the commands while a bulk ingest of N BBC articles writes to the archive")
    parser.add_argument("--digests", type=int, default=None, metavar="S",
                        help="S subscriptions sent by the server's digest job as the commands start "
                             "(default: 20 with --during-ingest, else 0)")
    parser.add_argument("--backlog", type=int, default=400, help="articles waiting for each digest subscription")
    parser.add_argument("--live-feed", type=int, default=0, metavar="N",
                        help="a loopback feed of N new articles the server follows (memory with spaCy loaded)")
    parser.add_argument("--watch", type=float, default=0.0, metavar="S",
                        help="with --live-feed: sample memory for S seconds from the first command (at least until "
                             "the digests end), and print each process's PSS over time")
    parser.add_argument("--feed-every", type=float, default=20.0, help="seconds between new feed entries")
    parser.add_argument("--feed-step", type=int, default=5, help="entries added to the feed each time")
    args = parser.parse_args()
    requests = min(max(args.requests, 1), MAX_REQUESTS)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or seed_archive(Path(tmp))
        if not Path(db).exists():
            raise SystemExit(f"no archive at {db}")
        digests = args.digests if args.digests is not None else (20 if args.during_ingest > 0 else 0)
        if args.during_ingest > 0 or digests or args.live_feed > 0:
            db = load_copy(db)  # the ingest, digests and feed write; every run starts from the same archive
        bulk = bulk_source(Path(tmp), args.during_ingest) if args.during_ingest > 0 else None
        if args.live_feed > 0:
            os.environ["NEWSBOT_ALLOW_PRIVATE_URLS"] = "1"  # the feed's site is on loopback (the dev/test override)
        with LiveFeed(args.live_feed, args.feed_step, args.feed_every) if args.live_feed > 0 else _nothing() as feed:
            run(db, requests, max(1, min(args.concurrency, 100)), args.timeout, max(1, min(args.servers, 8)), bulk,
                max(0, min(digests, 200)), max(0, args.backlog), feed, max(0.0, args.watch))


@contextmanager
def _nothing() -> Any:
    yield None


if __name__ == "__main__":
    main()
