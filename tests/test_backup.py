"""An operator's archive survives backups and upgrades: `newsbot backup` copies a live archive consistently,
an archive written by the previous release opens and migrates without loss, and a kill -9 in the middle of
either leaves nothing half-done presented as done."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import FIXTURES, ROOT, copy_archive

from bot.answer.engine import ask
from bot.cli import main
from storage.db import open_db
from storage.schema import MIGRATIONS

RELEASE_DUMP = FIXTURES / "release_59f25b4.sql"  # tests/fixtures/make_release_dump.py, run on commit 59f25b4
RELEASE_VERSION = 16

WRITER = """
import sys, time
from storage.articles import ArticleRows, save_article
from storage.db import open_db
db = open_db(sys.argv[1])
n = 0
while True:
    n += 1
    text = f"Writer article {n} says the port of Callao handled {n} ships. It was a busy week for the port."
    rows = ArticleRows(
        {"title": f"Writer {n}", "text": text, "text_hash": f"writer-{n}", "source": "writer", "published": None},
        [{"idx": 0, "kind": "body", "text": text[:text.index('.') + 1], "start": 0, "end": text.index('.') + 1,
          "topics": []},
         {"idx": 1, "kind": "body", "text": "It was a busy week for the port.", "start": text.index('It'),
          "end": len(text), "topics": []}],
        [], [])
    save_article(db, rows)
    print(n, flush=True)
    time.sleep(0.002)
"""

KILLED_AT = """
import os, signal, sys
import storage.backup as backup
from bot.cli import main

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

setattr(backup.os if sys.argv[3] == "replace" else backup, sys.argv[3], die)
main(["--db", sys.argv[1], "backup", sys.argv[2]])
"""

MIGRATION_KILLED = """
import os, signal, sys
import storage.db as db

def migrate_and_die(conn_db):
    steps = iter(range(int(sys.argv[2])))
    conn_db.conn.set_progress_handler(lambda: next(steps, None) is None and os.kill(os.getpid(), signal.SIGKILL), 1)
    return original(conn_db)

original = db.migrate
db.migrate = migrate_and_die
db.open_db(sys.argv[1])
print("migrated before the kill", flush=True)
"""


def python(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def sound(path: Path) -> dict[str, int]:
    """Check an archive as a copy must be: pages, FTS against its tables, each article whole; table sizes."""
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for fts in ("sentences_fts", "articles_fts"):
        conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
    torn = conn.execute("SELECT COUNT(*) FROM articles a WHERE a.source = 'writer' AND"
                        " (SELECT COUNT(*) FROM sentences s WHERE s.article_id = a.id) != 2").fetchone()[0]
    assert torn == 0
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'")]
    sizes = {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    conn.close()
    return sizes


def release_archive(path: Path) -> Path:
    """The previous release's archive, loaded from its text dump."""
    conn = sqlite3.connect(path)
    conn.executescript(RELEASE_DUMP.read_text(encoding="utf-8"))
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    return path


def release_columns() -> dict[str, list[str]]:
    """The previous release's tables (less FTS and furniture, compared on their own) and their columns."""
    conn = sqlite3.connect(":memory:")
    conn.executescript(RELEASE_DUMP.read_text(encoding="utf-8"))
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' AND name != 'furniture'")]
    return {t: [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables}


RELEASE_COLUMNS = release_columns()


def contents(path: Path) -> dict[str, object]:
    """What an operator would miss if it went: rows of every table of the previous release (in its columns:
    a column a migration adds is new, not a loss), texts, and what search finds."""
    conn = sqlite3.connect(path)
    out: dict[str, object] = {
        t: conn.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{t}" ORDER BY 1, 2').fetchall()
        for t, cols in RELEASE_COLUMNS.items()}
    out["furniture"] = conn.execute("SELECT source, hash, text, articles FROM furniture ORDER BY 1, 2").fetchall()
    for word in ("extortion", "prison", "licence", "Jerí"):
        out[f"search {word}"] = conn.execute(
            "SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ? ORDER BY rowid", [f'"{word}"']).fetchall()
    conn.close()
    return out


def test_backup_of_a_live_archive_is_a_consistent_copy(seed_db_path: Path, tmp_path: Path) -> None:
    archive = copy_archive(seed_db_path, tmp_path / "live.db")
    open_db(archive).conn.close()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(archive)], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True)
    try:
        assert writer.stdout.readline()  # writing
        copies = []
        for n in range(3):
            target = tmp_path / f"backup-{n}.db"
            before = sound(archive)["articles"]
            assert main(["--db", str(archive), "backup", str(target)]) == 0
            copies.append((before, target))
            time.sleep(0.2)
        assert writer.poll() is None  # still writing throughout
    finally:
        writer.kill()
        writer.wait()
    counts = []
    for before, target in copies:
        sizes = sound(target)
        assert sizes["articles"] >= before
        assert not Path(f"{target}-wal").exists() and not Path(f"{target}.partial").exists()
        counts.append(sizes["articles"])
        assert ask(open_db(target), "/peru crime summary").items  # a backup is an archive the bot answers from
    assert counts == sorted(counts) and counts[-1] > counts[0]  # each copy is the archive at a later moment


def test_a_backup_killed_midway_is_never_presented_as_complete(seed_db_path: Path, tmp_path: Path) -> None:
    archive = copy_archive(seed_db_path, tmp_path / "live.db")
    target = tmp_path / "nightly.db"
    assert main(["--db", str(archive), "backup", str(target)]) == 0
    previous = target.read_bytes()
    db = open_db(archive)
    db.execute("DELETE FROM articles WHERE id = (SELECT MAX(id) FROM articles)")
    db.conn.commit()
    for point in ("_check", "replace"):  # the copy written, not yet checked; checked, not yet in place
        killed = python(KILLED_AT, str(archive), str(target), point)
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        assert target.read_bytes() == previous  # the last complete backup, untouched
        assert Path(f"{target}.partial").exists()
    assert main(["--db", str(archive), "backup", str(target)]) == 0
    assert not Path(f"{target}.partial").exists()
    assert sound(target)["articles"] == sound(archive)["articles"] == sound(tmp_path / "nightly.db")["articles"]
    assert target.read_bytes() != previous


def test_an_archive_of_the_previous_release_opens_and_migrates_without_loss(tmp_path: Path, capsys) -> None:
    path = release_archive(tmp_path / "release.db")
    before = contents(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == RELEASE_VERSION
    db = open_db(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    after = contents(path)
    assert after == before
    columns = [r[1] for r in db.execute("PRAGMA table_info(furniture)")]
    assert "seen" in columns  # the furniture bound (issue 24) applies to the upgraded archive
    answer = ask(db, "/peru crime summary")
    assert answer.items and all(item["source_id"] for item in answer.items)
    capsys.readouterr()
    assert main(["--db", str(path), "facts", "show", "1"]) == 0
    assert "\nhidden" in capsys.readouterr().out  # the editor's correction survived
    assert 1 not in [item.get("fact_id") for item in ask(db, "/news facts", limit=100).items]


def test_a_migration_killed_midway_opens_and_finishes_next_time(tmp_path: Path) -> None:
    path = release_archive(tmp_path / "release.db")
    before = contents(path)
    killed = python(MIGRATION_KILLED, str(path), "200")
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == RELEASE_VERSION  # nothing half-applied
    assert "seen" not in [r[1] for r in conn.execute("PRAGMA table_info(furniture)")]
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    db = open_db(path)  # the next start finishes the upgrade
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert contents(path) == before
    assert ask(db, "/peru crime summary").items


ARTICLE_KILLED = """
import os, signal, sys
import storage.articles as articles
from storage.articles import ArticleRows, save_article
from storage.db import open_db

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

articles._insert_children = die  # the article's row written, its sentences not yet
text = "Half-written article says the port of Callao handled 12 ships. It was a busy week."
save_article(open_db(sys.argv[1]), ArticleRows(
    {"title": "Half-written", "text": text, "text_hash": "half-written", "source": "writer", "published": None},
    [{"idx": 0, "kind": "body", "text": text, "start": 0, "end": len(text), "topics": []}], [], []))
"""


def test_an_article_killed_half_written_is_not_in_the_archive(seed_db_path: Path, tmp_path: Path) -> None:
    """One transaction per article: killed between its row and its sentences, nothing of it is stored, so the
    next ingest stores it whole (a stored row would make it 'unchanged' and leave it without sentences)."""
    archive = copy_archive(seed_db_path, tmp_path / "live.db")
    before = sound(archive)
    killed = python(ARTICLE_KILLED, str(archive))
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert sound(archive) == before
    assert not sqlite3.connect(archive).execute("SELECT 1 FROM articles WHERE title = 'Half-written'").fetchone()
