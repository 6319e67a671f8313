"""Processes as Linux's /proc shows them: a server's children, and whether one still runs (the serve
tests and bench/slack.py both look at `newsbot serve`'s answer and jobs processes this way)."""

from __future__ import annotations

from pathlib import Path


def _stat(pid: int | str) -> list[str]:
    """The fields of /proc/PID/stat after the command name (state first, then the parent's pid)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid`, oldest first (in pid order: the order they were started)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(_stat(stat.parent.name)[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return sorted(found)


def alive(pid: int) -> bool:
    """Whether `pid` still runs (a zombie waiting for its parent does not)."""
    try:
        return _stat(pid)[0] != "Z"
    except (OSError, IndexError):
        return False
