"""Where the editable seed data lives: seed articles, desks and the topic lexicon.

NEWSBOT_SEEDS wins; then ./seeds (a checkout); then the copy installed with the package.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO_SEEDS = Path(__file__).resolve().parent.parent / "seeds"
INSTALLED_SEEDS = Path(sys.prefix) / "share" / "newsbot" / "seeds"


def seeds_dir() -> Path:
    """The first seeds folder that has a desks file."""
    candidates = [os.environ.get("NEWSBOT_SEEDS"), Path.cwd() / "seeds", REPO_SEEDS, INSTALLED_SEEDS]
    for candidate in candidates:
        if candidate and (Path(candidate) / "desks.toml").exists():
            return Path(candidate)
    raise FileNotFoundError("no seeds folder with desks.toml found (set NEWSBOT_SEEDS)")
