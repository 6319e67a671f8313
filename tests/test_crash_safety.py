"""Crash safety: `newsbot ingest`, `newsbot feeds poll` and `newsbot digest` killed with SIGKILL at random points.

After every kill the archive passes PRAGMA integrity_check; after the loop a rerun completes, and the
archive holds exactly what one uninterrupted run stores: the same articles (no URL twice, none missing,
each with its sentences), for feeds the same entries, and for digests the same ledger, with every
message the Slack stand-in took recorded in it (each due article posted once). Small fixtures, a few kills each.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from feedsite import items, publish
from webserver import WebServer

ROOT = Path(__file__).resolve().parents[1]
KILLS = 2
PEOPLE = ["Ana Torres", "Luis Quispe", "Rosa Mamani", "Jorge Salas", "Elena Ríos", "Pedro Huamán", "Carla Vega"]
PLACES = ["Lima", "Trujillo", "Arequipa", "Piura", "Cusco", "Chiclayo", "Iquitos", "Tacna", "Puno", "Huancayo"]
THINGS = ["businesses", "bus drivers", "miners", "shopkeepers", "teachers", "farmers", "fishermen", "nurses"]
DOINGS = ["reported extortion threats", "stopped work", "asked for police protection", "closed early",
          "marched to the town hall", "signed a petition", "met the prefect", "filed complaints"]


def articles(count: int, seed: int = 7) -> list[dict]:
    """Distinct short news articles (names, places, figures and wording vary)."""
    rng = random.Random(seed)
    found = []
    for n in range(count):
        sentences = [f"{rng.choice(PEOPLE)} said on {rng.choice(['Monday', 'Tuesday', 'Friday'])} that "
                     f"{rng.randint(3, 900)} {rng.choice(THINGS)} in {rng.choice(PLACES)} had "
                     f"{rng.choice(DOINGS)} since {rng.choice(['January', 'March', 'July'])} {2020 + n % 5}."
                     for _ in range(6)]
        found.append({"title": f"Report {n}: {rng.choice(THINGS)} in {rng.choice(PLACES)}", "text": " ".join(sentences),
                      "url": f"https://news.example/{n}", "published": f"2025-10-{1 + n % 28:02d}", "source": "Test"})
    return found


def cli(db: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bot.cli", "--db", str(db), *args], cwd=ROOT,
                            env=env or os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def state(db: Path) -> dict:
    """What a person would count: articles and their urls, articles without sentences, feed entries."""
    with sqlite3.connect(db) as conn:
        urls = [r[0] for r in conn.execute("SELECT url FROM articles")]
        hollow = conn.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                              "(SELECT 1 FROM sentences s WHERE s.article_id = a.id)").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        entries = (sorted(r[0] for r in conn.execute("SELECT entry_key FROM feed_entries WHERE article_id IS NOT NULL"))
                   if "feed_entries" in tables else [])
    return {"articles": len(urls), "urls": sorted(urls), "duplicate_urls": len(urls) - len(set(urls)),
            "hollow": hollow, "entries": entries}


def kill_in_a_loop(db: Path, args: tuple[str, ...], env: dict[str, str] | None, rng: random.Random) -> None:
    for _ in range(KILLS):
        proc = cli(db, *args, env=env)
        time.sleep(rng.uniform(1.0, 4.0))  # start-up (spaCy) takes about 2 s; then articles are written
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        assert integrity(db) == "ok"


def finish(db: Path, args: tuple[str, ...], env: dict[str, str] | None) -> None:
    proc = cli(db, *args, env=env)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()[-2000:]


def test_ingest_killed_at_random_points_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    source = tmp_path / "archive.jsonl"
    source.write_text("\n".join(json.dumps(a) for a in articles(40)) + "\n", encoding="utf-8")
    reference, crashed = tmp_path / "reference.db", tmp_path / "crashed.db"
    uninterrupted = cli(reference, "ingest", str(source))  # beside the kills: the same work, never stopped
    kill_in_a_loop(crashed, ("ingest", str(source)), None, random.Random(11))
    assert uninterrupted.wait(timeout=300) == 0
    finish(crashed, ("ingest", str(source)), None)
    assert integrity(crashed) == "ok"
    expected, found = state(reference), state(crashed)
    assert found == expected and found["duplicate_urls"] == 0 and found["hollow"] == 0 and found["articles"] > 30


def test_feed_poll_killed_at_random_points_loses_and_duplicates_nothing(tmp_path: Path, web: WebServer) -> None:
    url = publish(web, items(4))
    env = {**os.environ, "NEWSBOT_ALLOW_PRIVATE_URLS": "1", "NEWSBOT_HOST_GAP_SECONDS": "0"}
    reference, crashed = tmp_path / "reference.db", tmp_path / "crashed.db"
    for db in (reference, crashed):
        subprocess.run([sys.executable, "-m", "bot.cli", "--db", str(db), "feeds", "add", url], cwd=ROOT, env=env,
                       check=True, capture_output=True, timeout=120)
    uninterrupted = cli(reference, "feeds", "poll", env=env)
    kill_in_a_loop(crashed, ("feeds", "poll"), env, random.Random(5))
    assert uninterrupted.wait(timeout=300) == 0
    finish(crashed, ("feeds", "poll"), env)
    assert integrity(crashed) == "ok"
    expected, found = state(reference), state(crashed)
    assert len(expected["entries"]) == 4
    assert found == expected and found["duplicate_urls"] == 0


DIGEST_CHANNELS = {"C0KILLALL1": ("", "instant"), "C0KILLALL2": ("", "daily 08:00"),
                   "C0KILLCRIME": ("crime", "daily 08:00"), "C0KILLEXTORT": ("extortion", "hourly")}
DIGEST_ARTICLES = 45  # each its own story: 20 stories a message, so a whole-desk digest is 3 posts


def digest_archive(seed_db_path: Path, target: Path) -> Path:
    """The seeds, then subscriptions, then new Peru articles (copies of the seed's, so no spaCy): all due."""
    from conftest import copy_archive
    from digest_fixtures import clone_article

    from bot.subscriptions import service
    from storage.db import open_db

    db = open_db(copy_archive(seed_db_path, target))
    for channel, (topics, schedule) in DIGEST_CHANNELS.items():
        service.add(db, service.Request("peru", topics, None, schedule, "America/Lima"), channel=channel)
    sources = [r[0] for r in db.execute("SELECT article_id FROM article_desks WHERE desk = 'peru' ORDER BY 1")]
    for n in range(DIGEST_ARTICLES):
        clone_article(db, f"Peru report {n}", source_id=sources[n % len(sources)])
    db.conn.close()
    return target


def digest_env(standin: object) -> dict[str, str]:
    from slack_standin import BOT_TOKEN

    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    return {**env, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": standin.api_url}  # type: ignore[attr-defined]


def digest_state(db: Path, standin: object) -> dict:
    """Per channel: the articles in the ledger, and whether every message the stand-in took is one the
    ledger recorded (a post nobody recorded is a repeat waiting to happen, or one that happened)."""
    with sqlite3.connect(db) as conn:
        ledger = {ch: sorted(r[0] for r in conn.execute(
            "SELECT d.article_id FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id"
            " WHERE s.channel = ?", [ch])) for ch in DIGEST_CHANNELS}
        ts = {ch: {r[0] for r in conn.execute("SELECT DISTINCT ts FROM deliveries WHERE channel = ?", [ch])}
              for ch in DIGEST_CHANNELS}
        posted_twice = conn.execute("SELECT count(*) FROM (SELECT 1 FROM delivery_log WHERE status = 'posted'"
                                    " GROUP BY subscription_id, article_id HAVING count(*) > 1)").fetchone()[0]
        left = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 (two fixed names)
                for t in ("digest_queue", "delivery_attempts")}
    # the channel's messages; a long digest's thread reply (the full digest under its one-minute message)
    # carries no articles of its own: they are in the ledger with the message
    top = {ch: [m for m in standin.messages.get(ch, []) if not m.get("thread_ts")]  # type: ignore[attr-defined]
           for ch in DIGEST_CHANNELS}
    messages = {ch: {m["ts"] for m in top[ch]} for ch in DIGEST_CHANNELS}
    posts = {ch: len(top[ch]) for ch in DIGEST_CHANNELS}
    return {"ledger": ledger, "unrecorded_posts": {ch: sorted(messages[ch] - ts[ch]) for ch in DIGEST_CHANNELS},
            "recorded_not_posted": {ch: sorted(ts[ch] - messages[ch]) for ch in DIGEST_CHANNELS},
            "posts": posts, "posted_twice": posted_twice, "left": left}


def test_digest_killed_at_random_points_posts_each_article_exactly_once(seed_db_path: Path, tmp_path: Path) -> None:
    """`newsbot digest` killed while posting (the stand-in answers each post 0.15 s after taking it, so
    kills land before a post, between a post and its answer, and between the answer and the ledger; a
    rerun must find the taken posts in the channel history rather than post them again).
    After each kill the archive is sound; after a rerun every due article was posted once, and the
    stand-in holds no message the ledger does not know."""
    from slack_standin import SlackStandin

    reference, crashed = tmp_path / "reference.db", tmp_path / "crashed.db"
    digest_archive(seed_db_path, reference)
    copy_archive_file(reference, crashed)
    with SlackStandin() as once, SlackStandin() as killed:
        killed.delays["chat.postMessage"] = 0.15
        finish(reference, ("digest",), digest_env(once))
        rng = random.Random(3)
        for _ in range(4):
            kill_digest_mid_run(cli(crashed, "digest", env=digest_env(killed)), killed, rng)
            assert integrity(crashed) == "ok"
        finish(crashed, ("digest",), digest_env(killed))
        assert integrity(crashed) == "ok"
        expected, found = digest_state(reference, once), digest_state(crashed, killed)
    assert all(expected["ledger"].values()) and len(expected["ledger"]["C0KILLALL1"]) == DIGEST_ARTICLES
    assert found["ledger"] == expected["ledger"]
    assert found["unrecorded_posts"] == {ch: [] for ch in DIGEST_CHANNELS}
    assert found["recorded_not_posted"] == {ch: [] for ch in DIGEST_CHANNELS}
    assert found["posted_twice"] == 0 and found["left"] == {"digest_queue": 0, "delivery_attempts": 0}


def kill_digest_mid_run(proc: subprocess.Popen, standin: object, rng: random.Random) -> None:
    """SIGKILL once the stand-in has taken 0-3 more posts (0: during start-up, matching or the history
    check), then a random part of its answer delay later: before, during or after a post's answer."""
    taken = sum(len(m) for m in standin.messages.values())  # type: ignore[attr-defined]
    wanted, deadline = taken + rng.randint(0, 3), time.monotonic() + 60
    while (sum(len(m) for m in standin.messages.values()) < wanted  # type: ignore[attr-defined]
           and proc.poll() is None and time.monotonic() < deadline):
        time.sleep(0.01)
    time.sleep(rng.uniform(0.0, 0.25) if wanted > taken else rng.uniform(0.3, 1.0))
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)


def copy_archive_file(source: Path, target: Path) -> Path:
    from conftest import copy_archive

    return copy_archive(source, target)
