"""Shared fixtures: the seed archive (ingested once per session), copies of it, a local web server."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from webserver import WebServer

from bot.ingest.service import ingest
from storage.db import open_db

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seed_db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds ingested once: spaCy costs seconds, and most tests only read."""
    path = tmp_path_factory.mktemp("seed") / "seed.db"
    report = ingest(open_db(path), [str(SEEDS)])
    assert report.ok, report.problems
    return path


def copy_archive(source: Path, target: Path) -> Path:
    """A consistent copy of a WAL-mode archive (SQLite's backup API, not a file copy)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


@pytest.fixture
def seed_db(seed_db_path: Path, tmp_path: Path):
    """A private, writable copy of the seed archive."""
    return open_db(copy_archive(seed_db_path, tmp_path / "newsbot.db"))


@pytest.fixture
def empty_db(tmp_path: Path):
    return open_db(tmp_path / "empty.db")


@pytest.fixture
def web() -> Iterator[WebServer]:
    with WebServer() as server:
        yield server


@pytest.fixture
def allow_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the URL rule accept the local test server (the explicit dev/test override)."""
    monkeypatch.setenv("NEWSBOT_ALLOW_PRIVATE_URLS", "1")

