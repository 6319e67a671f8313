"""One memory-heavy step at a time in a process, and its memory handed back to the system after it.

`newsbot serve`'s jobs process (and `newsbot worker`) runs the feed poll and the digest run on two scheduler
threads, and reads `/peru add` links on a third. A parse (spaCy's `nlp.pipe` on up to PARSE_CHARS, 10,000
characters: +21 MB at its peak; +55 MB when it was 20,000) and a digest run take the process above its
resting size for seconds; at the same moment they added up (bench/slack.py --live-feed: the jobs process at
535 MB PSS before turns). Taking turns, the process peaks at the larger of the two. spaCy's pipeline is
not promised to be safe for two threads at once either, so two parses take turns as well.

glibc keeps the memory a step freed for the next allocation instead of returning it, so the process
stayed at its highest point long after the step (+95 MB after a digest run); `malloc_trim` after each
step returns the free pages. Elsewhere than glibc the trim is skipped.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

_TURN = threading.Lock()


@lru_cache(maxsize=1)
def _libc() -> Any:
    """The C library, when it is glibc (it has malloc_trim); None elsewhere."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def release_memory() -> None:
    """Return the heap's free pages to the system (glibc's malloc_trim); nothing elsewhere."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


@contextmanager
def heavy_step() -> Iterator[None]:
    """Run the block when no other heavy step of this process runs; afterwards, hand its memory back."""
    with _TURN:
        try:
            yield
        finally:
            release_memory()
