"""Slash-command latency of `newsbot serve` over the real protocol, on loopback (a script, not a test).

Starts the Slack stand-in (tests/slack_standin.py) and `newsbot serve` (HTTP) against an archive,
sends N signed slash commands (mixed actions and desks) from C concurrent clients, and prints p50/p99
of the time to the ack (Slack's 3 s clock) and of the time until the answer reaches response_url
(what the reporter waits for), per action and overall, with errors and the server's RSS.
Budget (DESIGN.md): p50 <= 50 ms, p99 <= 200 ms with 10,000 articles; zero errors.

Usage: python bench/slack.py --db ARCHIVE.db [--requests 500] [--concurrency 20]
(build a 10,000-article archive with bench/ask.py; without --db the seeds are ingested into a temp DB)

Under load (issue 14): `--during-ingest 2000 --requests 50 --concurrency 50` starts a bulk `newsbot ingest`
of that many BBC articles into the served archive, waits until it is writing, then sends the commands
all at once while it runs. Targets: 0 errors, ack p99 <= 200 ms, answer p99 <= 1 s.
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
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from slack_standin import BOT_TOKEN, SlackStandin, sign, slash_body  # noqa: E402

SECRET = "bench-signing-secret"
MIX = [  # (command, text): the actions reporters use, over three desks
    ("/peru", "crime summary"), ("/peru", "extortion facts"), ("/peru", "timeline prisons"),
    ("/peru", "quotes prisons"), ("/peru", "who Jerí"), ("/peru", 'search "gota a gota"'),
    ("/peru", "latest"), ("/peru", "mining summary"), ("/news", "crime summary"),
    ("/news", "corruption facts"), ("/mexico", "fentanyl facts"), ("/mexico", "cartel summary"),
    ("/peru", "help"),
]
MAX_REQUESTS = 5000
VERBS = {"summary", "facts", "timeline", "quotes", "who", "search", "latest", "help"}


@dataclass
class Result:
    action: str
    ack_ms: float
    response_ms: float | None
    error: str | None


def server_command() -> list[str]:
    """`newsbot serve` from this checkout (an installed console script may be another branch's code)."""
    return [sys.executable, "-m", "bot.cli", "serve"]


def start_server(db: str, standin: SlackStandin, port: int = 0, reuse: bool = False
                 ) -> tuple[subprocess.Popen[str], str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.update(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=standin.api_url,
               NEWSBOT_HOST="127.0.0.1", NEWSBOT_DB=db, NEWSBOT_REUSE_PORT="1" if reuse else "0",
               PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p))
    proc = subprocess.Popen([*server_command(), "--port", str(port)], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if "listening on" not in line:
        proc.kill()
        raise SystemExit(f"newsbot serve did not start: {line}{proc.stderr.read() if proc.stderr else ''}")
    return proc, line.split("listening on ")[1].split()[0]


def one(client: httpx.Client, base: str, standin: SlackStandin, i: int, timeout: float) -> Result:
    """Send command i, wait for its response_url post; times from just before the POST."""
    command, text = MIX[i % len(MIX)]
    verb = next((w for w in text.split() if w in VERBS), "summary")
    action = f"{command} {verb}"
    body = slash_body(command, text, standin.response_url(f"b{i}"))
    started = time.monotonic()
    try:
        resp = client.post(f"{base}/slack/events", content=body,
                           headers={"Content-Type": "application/x-www-form-urlencoded", **sign(SECRET, body)})
    except httpx.HTTPError as exc:
        return Result(action, (time.monotonic() - started) * 1000, None, type(exc).__name__)
    ack_ms = (time.monotonic() - started) * 1000
    if resp.status_code != 200:
        return Result(action, ack_ms, None, f"ack HTTP {resp.status_code}")
    try:
        call = standin.wait_for("response_url", 1, timeout, path=standin.response_path(f"b{i}"))[0]
    except TimeoutError:
        return Result(action, ack_ms, None, "no response")
    error = "error answer" if "went wrong" in json.dumps(call.body) else None
    return Result(action, ack_ms, (call.at - started) * 1000, error)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))] if ordered else 0.0


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process (Linux /proc), to tell server work from load-generator work."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def report(results: list[Result], elapsed: float, rss: float, articles: int | None, cpu: float) -> None:
    print(f"\n{len(results)} signed slash commands, {elapsed:.1f} s, {len(results) / elapsed:.0f} req/s; "
          f"archive: {articles if articles is not None else '?'} articles; server RSS {rss:.0f} MB, "
          f"server CPU {cpu / len(results) * 1000:.1f} ms/command; {os.cpu_count()} CPUs shared with this bench")
    print(f"{'action':<24}{'n':>5}{'ack p50':>10}{'ack p99':>10}{'resp p50':>10}{'resp p99':>10}{'errors':>8}")
    groups = sorted({r.action for r in results}) + ["ALL"]
    for group in groups:
        rows = [r for r in results if group in ("ALL", r.action)]
        acks = [r.ack_ms for r in rows]
        resps = [r.response_ms for r in rows if r.response_ms is not None]
        errors = sum(1 for r in rows if r.error)
        print(f"{group:<24}{len(rows):>5}{pct(acks, 50):>10.1f}{pct(acks, 99):>10.1f}"
              f"{pct(resps, 50):>10.1f}{pct(resps, 99):>10.1f}{errors:>8}")
    kinds = sorted({r.error for r in results if r.error})
    if kinds:
        print("errors:", ", ".join(f"{k} x{sum(1 for r in results if r.error == k)}" for k in kinds))
    print("(ms; ack = signed request in → HTTP 200; resp = request sent → answer posted to response_url)")


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
    """`count` BBC articles as JSON Lines, for a bulk ingest running beside the commands."""
    from common import bbc_raws

    path = tmp / "bulk.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for raw in bbc_raws(limit=int(count * 1.1))[:count]:
            out.write(json.dumps({"title": raw.title, "text": raw.text, "source": raw.source, "tags": raw.tags,
                                  "url": f"https://bbc.example/{abs(hash(raw.title))}"}) + "\n")
    return path


def start_ingest(db: str, source: Path) -> subprocess.Popen[str]:
    """A bulk `newsbot ingest` on the served archive; returns once it has stored its first article."""
    before = count_articles(db) or 0
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "--db", db, "ingest", "--quiet", str(source)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, text=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while (count_articles(db) or 0) <= before and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    print(f"bulk ingest of {source.name} running (pid {proc.pid}); it is writing articles")
    return proc


def run(db: str, requests: int, concurrency: int, timeout: float, servers: int = 1,
        bulk: Path | None = None) -> None:
    with SlackStandin() as standin:
        procs, base = start_servers(db, standin, servers)
        ingest = None
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
                started, cpu = time.monotonic(), sum(cpu_s(p.pid) for p in procs)
                with ThreadPoolExecutor(max_workers=concurrency) as pool:
                    results = list(pool.map(lambda i: one(client, base, standin, i, timeout), range(requests)))
                elapsed, cpu = time.monotonic() - started, sum(cpu_s(p.pid) for p in procs) - cpu
            report(results, elapsed, sum(rss_mb(p.pid) for p in procs), count_articles(db), cpu)
            if ingest is not None:
                running = ingest.poll() is None
                print(f"bulk ingest during the commands: {(count_articles(db) or 0) - stored} articles stored while "
                      f"they ran; {'still running at the end (stopped now)' if running else 'it had finished'}; "
                      "no digest runs on this branch (issue 12 not merged)")
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="archive to serve (default: the seeds in a temporary archive)")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for each answer")
    parser.add_argument("--servers", type=int, default=1, help="`newsbot serve` processes sharing the port")
    parser.add_argument("--during-ingest", type=int, default=0, metavar="N",
                        help="send the commands while a bulk ingest of N BBC articles writes to the archive")
    args = parser.parse_args()
    requests = min(max(args.requests, 1), MAX_REQUESTS)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or seed_archive(Path(tmp))
        if not Path(db).exists():
            raise SystemExit(f"no archive at {db}")
        bulk = bulk_source(Path(tmp), args.during_ingest) if args.during_ingest > 0 else None
        run(db, requests, max(1, min(args.concurrency, 100)), args.timeout, max(1, min(args.servers, 8)), bulk)


if __name__ == "__main__":
    main()
