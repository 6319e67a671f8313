"""Feed polling at scale: 200 local feeds x 20 entries, a first poll, then a round where every feed is 304.

A child process serves the feeds and their article pages from `--hosts` loopback addresses (127.0.1.x),
with ETag / Last-Modified validators and a 304 when they come back; this process runs the scheduler's feed
job (`bot.feeds.rounds.poll_due`) against a fresh archive under bench/out/, exactly as `newsbot worker`
would, with the product's per-host politeness.

Round 1 (first poll): every feed is new. `--unique` feeds (default 20) carry 20 distinct BBC News articles
each (400 analysed by spaCy); the other feeds are syndication mirrors whose entries link to those same
pages (their pages are fetched and read, and found already stored: no second analysis). spaCy on 4,000
distinct articles takes many minutes on a shared 2-core machine, which measures spaCy, not polling.
Round 2 (unchanged): all 200 feeds are polled again with their validators; every one must answer 304,
and nothing may be parsed (feedparser.parse is counted by wrapping it here) or stored.

Peak RSS is this process's resident memory sampled every 20 ms during the round (psutil).
The per-host gap of round 1 is `--first-gap` (0.2 s; the product default 1 s only adds idle waiting to a
round that fetches 4,200 pages); round 2 uses the product default (NEWSBOT_HOST_GAP_SECONDS unset: 1 s).

Usage: python bench/feeds.py [--feeds 200] [--entries 20] [--unique 20] [--hosts 50] [--first-gap 0.2]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import threading
import time
from datetime import UTC, datetime, timedelta
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import psutil
from common import OUT, bbc_raws, machine, table

os.environ["NEWSBOT_ALLOW_PRIVATE_URLS"] = "1"  # the local site is on loopback

import feedparser  # noqa: E402

from bot.feeds.manage import add_feed  # noqa: E402
from bot.feeds.rounds import poll_due  # noqa: E402
from bot.nlp import get_nlp  # noqa: E402
from storage.db import open_db  # noqa: E402

PARSES = 0


def counting_parse(original: Any) -> Any:
    def parse(*args: Any, **kwargs: Any) -> Any:
        global PARSES
        PARSES += 1
        return original(*args, **kwargs)

    return parse


feedparser.parse = counting_parse(feedparser.parse)


# ---------------------------------------------------------------- the site (child process)


def page_html(title: str, text: str) -> str:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title>"
            "<meta property='article:published_time' content='2025-10-27T09:00:00Z'></head><body>"
            "<header><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>"
            f"<article><h1>{escape(title)}</h1>{paragraphs}</article>"
            "<aside>Sign up for our newsletter</aside><footer>© Bench News</footer></body></html>")


def rss(title: str, items: list[dict[str, str]]) -> str:
    entries = "".join(
        f"<item><title>{escape(i['title'])}</title><link>{i['link']}</link><guid>{i['guid']}</guid>"
        f"<pubDate>Mon, 27 Oct 2025 09:00:00 GMT</pubDate><description>{escape(i['summary'])}</description></item>"
        for i in items)
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>{escape(title)}</title><link>http://bench.example/</link><description>bench</description>"
            f"{entries}</channel></rss>")


def serve_site(pages: dict[str, dict[str, bytes]], feed_list: list, ready: Any) -> None:
    """Serve `pages[host][path]` on http://host:port, the feeds written once the ports are bound; put
    {host: port} on `ready`; run until killed."""
    etag, modified = '"bench-v1"', "Mon, 27 Oct 2025 10:00:00 GMT"

    def handler_for(site: dict[str, bytes]) -> type[BaseHTTPRequestHandler]:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                body = site.get(self.path)
                if body is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                is_feed = self.path.endswith(".xml")
                if is_feed and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml" if is_feed else "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                if is_feed:
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", modified)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        return Handler

    servers = {host: ThreadingHTTPServer((host, 0), handler_for(site)) for host, site in pages.items()}
    ports = {host: server.server_address[1] for host, server in servers.items()}
    publish_feeds(pages, feed_list, ports)
    for server in servers.values():
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    ready.put(ports)
    threading.Event().wait()


def build_site(feeds: int, entries: int, unique: int, hosts: int) -> tuple[dict[str, dict[str, bytes]], list]:
    """pages[host][path] and the feed list [(host, path)]; feed i is on host i % hosts."""
    raws = bbc_raws(limit=unique * entries + 50)[: unique * entries]
    if len(raws) < unique * entries:
        raise SystemExit(f"only {len(raws)} BBC articles; lower --unique")
    names = [f"127.0.1.{n + 1}" for n in range(hosts)]
    pages: dict[str, dict[str, bytes]] = {h: {} for h in names}
    feed_list, items_of = [], []
    for f in range(feeds):
        host = names[f % hosts]
        if f < unique:
            batch = raws[f * entries:(f + 1) * entries]
            items = []
            for n, raw in enumerate(batch):
                path = f"/story/{f}-{n}.html"
                pages[host][path] = page_html(raw.title, raw.text).encode()
                items.append({"title": raw.title, "link": f"http://{host}:PORT{path}", "guid": f"bench:{f}:{n}",
                              "summary": raw.text.split("\n\n")[0][:300], "host": host})
            items_of.append(items)
        else:
            items = items_of[f % unique]  # a mirror: the same stories, on its own host's feed
        feed_list.append((host, f"/feed/{f}.xml", items))
    return pages, feed_list


def publish_feeds(pages: dict, feed_list: list, ports: dict[str, int]) -> None:
    for f, (host, path, items) in enumerate(feed_list):
        linked = [{**i, "link": i["link"].replace("PORT", str(ports[i["host"]]))} for i in items]
        pages[host][path] = rss(f"Bench feed {f}", linked).encode()


# ---------------------------------------------------------------- rounds


class PeakRss:
    """The process's peak resident set size while the block runs, sampled every 20 ms."""

    def __enter__(self) -> PeakRss:
        self.process, self.peak, self._stop = psutil.Process(), 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.process.memory_info().rss)
            self._stop.wait(0.02)

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.process.memory_info().rss)


def run_round(db: Any, now: datetime) -> dict[str, Any]:
    global PARSES
    PARSES = 0
    articles_before = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    start = time.perf_counter()
    with PeakRss() as rss_peak:
        results = poll_due(db, None, now)
    elapsed = time.perf_counter() - start
    return {
        "feeds": len(results), "seconds": elapsed, "peak_mb": rss_peak.peak / 2**20, "parses": PARSES,
        "304": sum(r.outcome == "unchanged" for r in results), "new": sum(r.new for r in results),
        "failed": sum(r.failed for r in results),
        "articles": db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] - articles_before,
        "errors": sorted({r.error for r in results if r.failed})[:3],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--unique", type=int, default=20, help="feeds with distinct articles (the rest mirror)")
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--first-gap", type=float, default=0.2, help="per-host gap (s) in round 1")
    args = parser.parse_args()

    print(f"bench/feeds.py — {machine()}")
    pages, feed_list = build_site(args.feeds, args.entries, args.unique, args.hosts)
    ctx = multiprocessing.get_context("fork")
    ready = ctx.Queue()
    site = ctx.Process(target=serve_site, args=(pages, feed_list, ready), daemon=True)
    site.start()
    ports = ready.get(timeout=120)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "feeds.db"
    for suffix in ("", "-wal", "-shm"):
        (OUT / f"feeds.db{suffix}").unlink(missing_ok=True)
    db = open_db(path)
    get_nlp()  # spaCy loaded before the clock starts
    now = datetime.now(UTC)
    for f, (host, feed_path, _) in enumerate(feed_list):
        result = add_feed(db, f"http://{host}:{ports[host]}{feed_path}", "news", now=now)
        if not result.ok:
            raise SystemExit(f"feed {f}: {result.error}")

    os.environ["NEWSBOT_HOST_GAP_SECONDS"] = str(args.first_gap)
    first = run_round(db, now)
    os.environ.pop("NEWSBOT_HOST_GAP_SECONDS")
    second = run_round(db, now + timedelta(days=1))
    site.kill()
    rows = [
        ["1: first poll", first["feeds"], first["new"], first["articles"], first["304"], first["parses"],
         first["failed"], first["seconds"], first["peak_mb"], f"{args.first_gap:g} s"],
        ["2: unchanged", second["feeds"], second["new"], second["articles"], second["304"], second["parses"],
         second["failed"], second["seconds"], second["peak_mb"], "1 s (default)"],
    ]
    print(table(["round", "feeds", "new entries", "new articles", "304s", "feed parses", "failed", "seconds",
                 "peak RSS MB", "host gap"], rows,
                f"{args.feeds} feeds x {args.entries} entries on {args.hosts} hosts; {args.unique} feeds with "
                f"distinct articles ({args.unique * args.entries} analysed), the rest mirror them"))
    for name, r in (("round 1", first), ("round 2", second)):
        if r["errors"]:
            print(f"{name} errors: {r['errors']}")
    ok = second["parses"] == 0 and second["304"] == args.feeds and second["articles"] == 0
    print("304 round: " + ("no parse, nothing stored, every feed 304" if ok else "FAILED the budget"))


if __name__ == "__main__":
    main()
