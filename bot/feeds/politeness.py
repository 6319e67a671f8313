"""Per-host politeness: one request at a time to a host, and a minimum gap between two requests to it.

Every feed and article-page request of a poll goes through `GATE.fetch`, so a site that serves many feeds
(or a feed and its twenty article pages) sees them one after another, never in a burst, whatever number
of poll threads run. The gap is NEWSBOT_HOST_GAP_SECONDS (1 s).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from bot.feeds.settings import host_gap
from bot.ingest.fetch import Fetched, fetch


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class HostGate:
    """A lock and the time of the last request, per host."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}

    @contextmanager
    def turn(self, url: str) -> Iterator[None]:
        """Wait for the host to be free and its gap to pass; the request runs inside the block."""
        host = host_of(url)
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            wait = self._last.get(host, float("-inf")) + host_gap() - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                self._last[host] = time.monotonic()

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> Fetched:
        """bot.ingest.fetch.fetch (the URL rule), in the host's turn."""
        with self.turn(url):
            return fetch(url, headers=headers)


GATE = HostGate()
