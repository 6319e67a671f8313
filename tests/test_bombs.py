"""Decompression bombs: a few KB on the wire that decode to a gigabyte, through every fetch path (a page,
`feeds add`, a poll of a feed that turns into one, an entry page that is one, a member's `/peru add`).

Each is refused with one short line and the process that fetched it stays small: peak memory is measured
in the process itself (the kernel's high-water mark), never by timing. Before the body was decoded layer by
layer, `gzip, gzip` decoded one network chunk to the whole gigabyte before the 5 MB cap counted it.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import zlib
from pathlib import Path

import httpx
import pytest
from conftest import ROOT
from feedsite import RSS, bomb, items, publish
from procs import peak_rss_mb, run_with_peak
from slack_standin import SlackStandin, sign, slash_body
from webserver import Page, WebServer

from bot.ingest.fetch import FetchError, fetch

LAYERS = [("gzip", "gzip"), ("gzip", "gzip", "gzip"), ("deflate", "gzip")]
GROWTH_MB = 60  # what a refused fetch may add to a process's peak (a 1 GiB bomb used to add over 1,000)
REFUSED = "larger than the 5 MB limit"


def serve_bomb(web: WebServer, path: str, layers: tuple[str, ...], content_type: str = "text/html") -> str:
    web.pages[path] = Page(bomb(layers), content_type, headers={"Content-Encoding": ", ".join(layers)})
    return web.url(path)


def newsbot(db: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], int]:
    """The CLI in its own process, and that process's peak memory in MB."""
    env = {**os.environ, "NEWSBOT_ALLOW_PRIVATE_URLS": "1", "NEWSBOT_HOST_GAP_SECONDS": "0"}
    env.pop("SLACK_BOT_TOKEN", None)
    return run_with_peak([sys.executable, "-m", "bot.cli", "--db", str(db), *args], cwd=ROOT, env=env, timeout=300)


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "raw-deflate", "gzip, identity"])
def test_compressed_pages_still_read(encoding: str, web: WebServer, allow_loopback) -> None:
    page = b"<html><body><p>" + b"Bus drivers in Lima stopped work. " * 2000 + b"</p></body></html>"
    body = {"gzip": gzip.compress, "deflate": zlib.compress, "gzip, identity": gzip.compress,
            "raw-deflate": lambda b: zlib.compress(b)[2:-4]}[encoding](page)
    web.pages["/page.html"] = Page(body, headers={"Content-Encoding": encoding.replace("raw-", "")})
    assert fetch(web.url("/page.html")).body == page


@pytest.mark.parametrize("layers", LAYERS, ids=", ".join)
def test_a_bomb_page_is_refused_in_bounded_memory(layers: tuple[str, ...], web: WebServer, allow_loopback) -> None:
    url = serve_bomb(web, "/bomb.html", layers)
    script = ("import resource, sys; from bot.ingest.fetch import FetchError, fetch;"
              "peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024; before = peak()\n"
              "try:\n fetch(sys.argv[1]); print('read it all')\nexcept FetchError as exc:\n print(exc)\n"
              "print(peak() - before)")
    done = subprocess.run([sys.executable, "-c", script, url], cwd=ROOT, capture_output=True, text=True, timeout=120)
    said, growth = done.stdout.splitlines()
    assert REFUSED in said, done.stdout + done.stderr
    assert int(growth) < GROWTH_MB, f"{layers}: the fetch added {growth} MB to the peak"


def test_a_damaged_compressed_page_is_refused_in_one_line(web: WebServer, allow_loopback) -> None:
    web.pages["/broken.html"] = Page(b"\x1f\x8b\x08\x00" + b"\xff" * 64, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="^the site sent a damaged compressed page$"):
        fetch(web.url("/broken.html"))


def test_encodings_nobody_decodes_are_refused_unread(web: WebServer, allow_loopback) -> None:
    url = serve_bomb(web, "/four.html", ("gzip",) * 4)
    with pytest.raises(FetchError, match="compressed the page 4 times"):
        fetch(url)
    web.pages["/br.html"] = Page(b"\x8b\x02\x80hello\x03", headers={"Content-Encoding": "br"})
    with pytest.raises(FetchError, match=r"encoding newsbot cannot read \(br\)"):
        fetch(web.url("/br.html"))


def test_feeds_add_of_a_bomb_is_refused_in_bounded_memory(web: WebServer, tmp_path: Path) -> None:
    """Compared with `feeds add` of a plain feed, in the same kind of process."""
    plain = newsbot(tmp_path / "plain.db", "feeds", "add", publish(web, items(2), "/plain.xml"), "--desk", "peru")
    assert plain[0].returncode == 0, plain[0].stderr
    url = serve_bomb(web, "/feed.xml", ("gzip", "gzip"), RSS)
    added, peak = newsbot(tmp_path / "a.db", "feeds", "add", url, "--desk", "peru")
    assert added.returncode == 1
    assert added.stderr.strip() == f"feeds add: refused {url}: the page is {REFUSED}"
    assert peak - plain[1] < GROWTH_MB, f"feeds add of a bomb peaked at {peak} MB, of a plain feed {plain[1]} MB"


def test_a_feed_that_becomes_a_bomb_and_an_entry_page_that_is_one(web: WebServer, tmp_path: Path) -> None:
    """The first poll reads the feed, whose second entry's page is a bomb: that entry is stored from its
    summary; then the feed itself turns into a bomb and the next poll fails, saying why."""
    db = tmp_path / "desk.db"
    entries = items(2)
    url = publish(web, entries)
    serve_bomb(web, f"/{entries[1].slug}.html", ("deflate", "gzip"))
    assert newsbot(db, "feeds", "add", url, "--desk", "peru")[0].returncode == 0
    first, first_peak = newsbot(db, "feeds", "poll")
    assert "2 new" in first.stdout, first.stdout + first.stderr
    serve_bomb(web, "/feed.xml", ("gzip", "gzip", "gzip"), RSS)
    second, second_peak = newsbot(db, "feeds", "poll")
    assert f"failed: the page is {REFUSED}" in second.stdout, second.stdout + second.stderr
    listed, _ = newsbot(db, "feeds", "list")
    assert REFUSED in listed.stdout
    assert max(first_peak, second_peak) < 700, (first_peak, second_peak)  # spaCy loaded: ~400 MB


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_a_members_add_of_a_bomb_leaves_serve_small(seed_db_path: Path, tmp_path: Path, web: WebServer) -> None:
    """`/peru add` of a bomb over signed HTTP to `newsbot serve`: a short refusal, and the server's peak
    memory (VmHWM) grows by less than GROWTH_MB over what an `add` of a missing page left it at."""
    url = serve_bomb(web, "/bomb.html", ("gzip", "gzip"))
    secret = "bomb-signing-secret-0123"
    with SlackStandin() as standin:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "NEWSBOT_"))}
        env.update(NEWSBOT_DB=str(tmp_path / "serve.db"), NEWSBOT_HOST="127.0.0.1", NEWSBOT_ALLOW_PRIVATE_URLS="1",
                   NEWSBOT_ANSWER_PROCESSES="0", SLACK_BOT_TOKEN=standin.token, SLACK_SIGNING_SECRET=secret,
                   SLACK_API_URL=standin.api_url)
        serve = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--port", "0"], cwd=ROOT, env=env,
                                 text=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            line = serve.stdout.readline()
            assert "listening on" in line, line
            base = line.split("listening on ")[1].split()[0]
            warm = add(base, secret, standin, "warm", web.url("/missing.html"))  # the ingest path imported
            assert "HTTP 404" in str(warm)
            before = peak_rss_mb(serve.pid)
            answer = add(base, secret, standin, "bomb", url)
            after = peak_rss_mb(serve.pid)
        finally:
            serve.terminate()
            serve.communicate(timeout=30)
    assert REFUSED in str(answer)
    assert after - before < GROWTH_MB, f"serve's peak went from {before} to {after} MB"


def add(base: str, secret: str, standin: SlackStandin, name: str, url: str) -> dict:
    """`/peru add URL` signed as Slack sends it; the answer posted to its response_url."""
    body = slash_body("/peru", f"add {url}", standin.response_url(name))
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(secret, body)}
    assert httpx.post(f"{base}/slack/events", content=body, headers=headers, timeout=10).status_code == 200
    return standin.wait_for("response_url", path=standin.response_path(name), timeout=60)[0].body
