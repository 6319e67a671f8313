"""Configuration from the environment: where the archive lives, and how much is logged."""

from __future__ import annotations

import logging
import os

DEFAULT_DB = "newsbot.db"


def db_path(override: str | None = None) -> str:
    """--db wins, then NEWSBOT_DB, then ./newsbot.db."""
    return override or os.environ.get("NEWSBOT_DB") or DEFAULT_DB


def configure_logging() -> None:
    """The log level from NEWSBOT_LOG (default WARNING), one format, for every long-running process:
    `newsbot serve`, its jobs process and `newsbot worker`."""
    logging.basicConfig(level=os.environ.get("NEWSBOT_LOG", "WARNING").upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
