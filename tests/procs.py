"""Processes as Linux's /proc shows them: a server's children, whether one still runs (the serve tests and
bench/slack.py both look at `newsbot serve`'s answer and jobs processes this way), and peak memory (the
hostile-input tests measure what a bomb costs the process that meets it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any


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


_PEAK = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
         "print('peak-rss-mb', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, file=sys.stderr); "
         "sys.exit(code)")


def run_with_peak(args: list[str], **kwargs: Any) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run `args` and measure its peak resident memory in MB (through a small parent whose only child it
    is: the kernel keeps the peak of reaped children). Its stderr comes back without the measurement."""
    done = subprocess.run([sys.executable, "-c", _PEAK, *args], capture_output=True, text=True, **kwargs)
    lines = done.stderr.splitlines()
    peak = int(lines[-1].split()[1])
    done.stderr = "\n".join(lines[:-1])
    return done, peak


def peak_rss_mb(pid: int) -> int:
    """The highest resident memory a running process has had, in MB (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    raise ValueError(f"no VmHWM for {pid}")
