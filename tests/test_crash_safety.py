"""Crash safety: `newsbot ingest` and `newsbot feeds poll` killed with SIGKILL at random points.

After every kill the archive passes PRAGMA integrity_check; after the loop a rerun completes, and the
archive holds exactly what one uninterrupted run stores: the same articles (no URL twice, none missing,
each with its sentences) and, for feeds, the same entries. Small fixtures, a few kills each.
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
