"""Configuration from the environment: where the archive lives."""

from __future__ import annotations

import os

DEFAULT_DB = "newsbot.db"


def db_path(override: str | None = None) -> str:
    """--db wins, then NEWSBOT_DB, then ./newsbot.db."""
    return override or os.environ.get("NEWSBOT_DB") or DEFAULT_DB
