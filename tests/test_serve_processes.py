"""`newsbot serve` computes answers in worker processes and runs its jobs in a child process.

What a desk notices: a slash command is answered, the channel's digest is posted by the server alone,
an answer process that dies costs no answer, and a server killed outright leaves no process behind that
would go on polling feeds and posting digests.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from conftest import FIXTURES, copy_archive
from digest_fixtures import EVERYTHING, build_archive
from feedsite import article_html, items, publish
from procs import alive, children
from slack_standin import SlackStandin, sign, slash_body
from webserver import Page, WebServer

from bot.answer.engine import ask
from bot.answer_processes import AnswerProcesses
from bot.feeds.manage import add_feed
from storage.db import open_db

ROOT = Path(__file__).resolve().parents[1]
SECRET = "processes-signing-secret-7777"


@contextmanager
def serving(db: Path, standin: SlackStandin, **env_vars: str) -> Iterator[tuple[str, list[int], int]]:
    """`newsbot serve` on `db` as a real process (its base URL, its children, its pid); killed with -9 at the end,
    and every child it started must be gone by itself."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "NEWSBOT_"))}
    env.update(PYTHONPATH=str(ROOT), NEWSBOT_DB=str(db), NEWSBOT_HOST="127.0.0.1", NEWSBOT_ALLOW_PRIVATE_URLS="1",
               SLACK_BOT_TOKEN=standin.token, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=standin.api_url, **env_vars)
    serve = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--port", "0"], cwd=ROOT, env=env,
                             text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    helpers: list[int] = []
    try:
        line = serve.stdout.readline()
        assert "listening on" in line, line + (serve.stderr.read() if serve.poll() is not None else "")
        helpers = children(serve.pid)
        yield line.split("listening on ")[1].split()[0], helpers, serve.pid
    finally:
        serve.kill()
        serve.wait(timeout=30)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(alive(pid) for pid in helpers):
            time.sleep(0.2)
        left = [pid for pid in helpers if alive(pid)]
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        serve.communicate(timeout=30)  # the pipes close once every child is gone
    assert not left, "processes left running after kill -9 of serve"


def command(base: str, standin: SlackStandin, text: str, name: str) -> None:
    body = slash_body("/peru", text, standin.response_url(name))
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(SECRET, body)}
    assert httpx.post(f"{base}/slack/events", content=body, headers=headers, timeout=10).status_code == 200


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_serve_answers_adds_posts_digests_and_leaves_no_orphans(seed_db_path: Path, tmp_path: Path,
                                                                 web: WebServer) -> None:
    db = build_archive(seed_db_path, tmp_path / "newsbot.db")
    web.pages["/story.html"] = Page((FIXTURES / "slack_article.html").read_text(encoding="utf-8"))
    with SlackStandin() as standin, serving(db, standin, NEWSBOT_ANSWER_PROCESSES="2") as (base, helpers, pid):
        assert len(helpers) >= 3, helpers  # two answer processes and the jobs process
        for name, text in (("q", "crime summary"), ("add", f"add {web.url('/story.html')}")):
            command(base, standin, text, name)
        answer = standin.wait_for("response_url", path=standin.response_path("q"), timeout=60)[0].body
        assert "War on Crime" in json.dumps(answer, ensure_ascii=False)
        added = standin.wait_for("response_url", path=standin.response_path("add"), timeout=60)[0].body
        assert "Extortion Gangs Squeeze" in json.dumps(added, ensure_ascii=False)
        stored = open_db(db).execute("SELECT count(*) FROM articles WHERE title LIKE '%Extortion Gangs Squeeze%'")
        assert stored.fetchone()[0] == 1
        assert "/spacy/" not in Path(f"/proc/{pid}/maps").read_text()  # the listener never loads the analysis
        posts = standin.wait_for("chat.postMessage", timeout=60)  # the instant subscription's digest
        assert posts[0].body["channel"] == EVERYTHING


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_question_is_answered_while_pages_that_drip_are_being_read(seed_db_path: Path, tmp_path: Path,
                                                                      web: WebServer) -> None:
    """Four `/peru add` of a page that sends a byte every half second (each read runs to the fetcher's
    deadline) and a shared message of it: another member's question is still answered before any of them."""
    db = copy_archive(seed_db_path, tmp_path / "newsbot.db")
    web.pages["/drip.html"] = Page("<html><body>" + "slow " * 200 + "</body></html>", drip=0.5)
    adds = [f"add-{n}" for n in range(4)]
    with SlackStandin() as standin, serving(db, standin, NEWSBOT_ANSWER_PROCESSES="1",
                                            NEWSBOT_FETCH_DEADLINE="60") as (base, _, _pid):
        for name in adds:
            command(base, standin, f"add {web.url('/drip.html')}", name)
        while not web.hits("/drip.html"):  # a read is in flight (the test's own timeout bounds this wait)
            time.sleep(0.1)
        command(base, standin, "crime summary", "question")
        answer = standin.wait_for("response_url", path=standin.response_path("question"), timeout=60)[0].body
        assert "War on Crime" in json.dumps(answer, ensure_ascii=False)
        assert not [c for c in standin.calls if c.path in {standin.response_path(n) for n in adds}]


def _with_spacy(pids: list[int]) -> list[int]:
    """The processes that have spaCy's code mapped: they import the analysis (the pipeline comes with it)."""
    return [pid for pid in pids if alive(pid) and "/spacy/" in Path(f"/proc/{pid}/maps").read_text()]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_link_is_read_while_a_poll_runs_and_one_process_holds_spacy(seed_db_path: Path, tmp_path: Path,
                                                                       web: WebServer, allow_loopback) -> None:
    """The jobs process reads links too: `/peru add` is answered while that process is in the middle of a
    feed poll (its entry page drips a byte every half second), and spaCy is loaded in that process alone,
    not in a second one for links (which cost 217 MB)."""
    db = copy_archive(seed_db_path, tmp_path / "newsbot.db")
    entry = items(1)[0]
    feed = publish(web, [entry])
    web.pages[f"/{entry.slug}.html"] = Page(article_html(entry.title, entry.lead), drip=0.5)
    assert add_feed(open_db(db), feed, "peru").ok
    web.pages["/story.html"] = Page((FIXTURES / "slack_article.html").read_text(encoding="utf-8"))
    with SlackStandin() as standin, serving(db, standin, NEWSBOT_FETCH_DEADLINE="120") as (base, _, pid):
        while not web.hits(f"/{entry.slug}.html"):  # the poll is reading the entry (the test's timeout bounds this)
            time.sleep(0.1)
        command(base, standin, f"add {web.url('/story.html')}", "add")
        added = standin.wait_for("response_url", path=standin.response_path("add"), timeout=90)[0].body
        assert "Extortion Gangs Squeeze" in json.dumps(added, ensure_ascii=False)
        titles = [row[0] for row in open_db(db).execute("SELECT title FROM articles")]
        assert entry.title not in titles  # the poll has not got past its page: the add did not wait for it
        helpers = children(pid)
        assert len(_with_spacy(helpers)) == 1
        for child in helpers:  # each child's C library keeps to two malloc arenas (bot/serve.py)
            assert b"MALLOC_ARENA_MAX=2\0" in Path(f"/proc/{child}/environ").read_bytes()


def test_a_dead_answer_process_costs_no_answer(seed_db_path: Path) -> None:
    pool = AnswerProcesses(str(seed_db_path), 1)
    try:
        first = pool.ask("crime summary", "peru", limit=5, offset=0)
        expected = ask(open_db(seed_db_path), "crime summary", desk="peru", limit=5)
        assert first.to_json() == expected.to_json()
        for pid in pool.pids():
            os.kill(pid, signal.SIGKILL)
        again = pool.ask("crime summary", "peru", limit=5, offset=0)
        assert again.to_json() == expected.to_json()
    finally:
        pool.shutdown()
