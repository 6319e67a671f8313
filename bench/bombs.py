"""Peak memory of `newsbot serve` under decompression bombs (a script, not a test; issue 20).

Starts the Slack stand-in, a loopback site serving 1 GiB bombs (a few KB on the wire: `gzip, gzip`,
`gzip, gzip, gzip`, `deflate, gzip`) and `newsbot serve` (HTTP) on an empty archive, then, over signed HTTP:
`/peru add` of each bomb page, `/peru feeds add` of a feed that is a bomb, `/peru feeds add` of a plain feed
whose second entry's page is a bomb (the jobs process polls it), and finally turns that feed into a bomb
and lets the jobs process poll it again. Prints what each step answered and, per process (listener,
answer process, jobs process), the peak resident memory (VmHWM) before the bombs (after the same commands on
a missing page, so both sides have imported what those paths need) and after them.

Usage: python bench/bombs.py   (about two minutes: the jobs process polls once a minute)
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from feedsite import RSS, bomb, items, publish  # noqa: E402
from procs import children, peak_rss_mb  # noqa: E402
from slack import SECRET, start_server  # noqa: E402  (bench/slack.py)
from slack_standin import SlackStandin, sign, slash_body  # noqa: E402
from webserver import Page, WebServer  # noqa: E402

PAGES = {"/gzip2.html": ("gzip", "gzip"), "/gzip3.html": ("gzip", "gzip", "gzip"),
         "/deflate-gzip.html": ("deflate", "gzip")}


def serve_bomb(web: WebServer, path: str, layers: tuple[str, ...], content_type: str = "text/html") -> str:
    web.pages[path] = Page(bomb(layers), content_type, headers={"Content-Encoding": ", ".join(layers)})
    return web.url(path)


def command(base: str, standin: SlackStandin, name: str, text: str) -> str:
    """A signed `/peru TEXT`; the first lines of what was posted back."""
    body = slash_body("/peru", text, standin.response_url(name))
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(SECRET, body)}
    httpx.post(f"{base}/slack/events", content=body, headers=headers, timeout=10).raise_for_status()
    answer = standin.wait_for("response_url", path=standin.response_path(name), timeout=120)[0].body
    return json.dumps(answer.get("text") or answer, ensure_ascii=False)[:160]


def wait_until(db: str, query: str, test, seconds: float = 180) -> object:
    """Poll the archive until `test(row)` holds (the jobs process works on its own clock)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with sqlite3.connect(db) as conn:
            row = conn.execute(query).fetchone()
        if row and test(row):
            return row
        time.sleep(1)
    raise SystemExit(f"timed out waiting for: {query}")


def peaks(pid: int) -> dict[int, int]:
    """VmHWM in MB of the server and each of its children."""
    return {p: peak_rss_mb(p) for p in [pid, *children(pid)]}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, SlackStandin() as standin, WebServer() as web:
        db = str(Path(tmp) / "bombs.db")
        for path, layers in PAGES.items():
            serve_bomb(web, path, layers)
        bomb_feed = serve_bomb(web, "/bomb-feed.xml", ("gzip", "gzip"), RSS)
        entries = items(2)
        feed = publish(web, entries)
        serve_bomb(web, f"/{entries[1].slug}.html", ("deflate", "gzip"))
        proc, base = start_server(db, standin, NEWSBOT_ALLOW_PRIVATE_URLS="1", NEWSBOT_HOST_GAP_SECONDS="0")
        try:
            time.sleep(5)  # the answer and jobs processes start
            # the same paths once on a missing page, so that "before" has their imports and only bombs differ
            print(f"/peru add (404): {command(base, standin, 'warm-add', 'add ' + web.url('/missing.html'))}")
            print(f"/peru feeds add (404): {command(base, standin, 'warm-feed', 'feeds add ' + web.url('/gone.xml'))}")
            before = peaks(proc.pid)
            for n, path in enumerate(PAGES):
                print(f"/peru add {path}: {command(base, standin, f'add{n}', f'add {web.url(path)}')}")
            print(f"/peru feeds add (a bomb): {command(base, standin, 'feed-bomb', f'feeds add {bomb_feed}')}")
            print(f"/peru feeds add (plain): {command(base, standin, 'feed-plain', f'feeds add {feed}')}")
            wait_until(db, "SELECT count(*) FROM feed_entries", lambda row: row[0] >= 2)
            with sqlite3.connect(db) as conn:
                print("first poll, entries:", conn.execute("SELECT entry_key, state FROM feed_entries").fetchall())
            serve_bomb(web, "/feed.xml", ("gzip", "gzip", "gzip"), RSS)
            with sqlite3.connect(db) as conn, conn:
                conn.execute("UPDATE feeds SET next_poll_at = '2000-01-01T00:00:00+00:00'")
            row = wait_until(db, "SELECT last_error FROM feeds", lambda row: bool(row[0]))
            print("second poll (the feed is a bomb now):", row[0])
            after = peaks(proc.pid)
        finally:
            proc.terminate()
            proc.communicate(timeout=30)
    names = ["listener", *[f"child {n}" for n in range(1, len(after))]]
    print(f"{'process':<10} {'peak before MB':>15} {'peak after MB':>14}")
    for name, pid in zip(names, after, strict=True):
        print(f"{name:<10} {before.get(pid, 0):>15} {after[pid]:>14}")
    print(f"{'all':<10} {sum(before.values()):>15} {sum(after.values()):>14}  (sum of the peaks: an upper bound)")


if __name__ == "__main__":
    main()
