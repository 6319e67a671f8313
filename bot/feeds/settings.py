"""Feed settings from the environment, read when used so a test or an operator can change them."""

from __future__ import annotations

import os
import re

MAX_BACKOFF = 6 * 3600  # a failing feed is still tried at least every 6 hours
MIN_EVERY = 60  # `--every` below a minute would hammer a site for nothing


def poll_seconds() -> int:
    """The default interval: NEWSBOT_POLL_MINUTES (15)."""
    return int(float(os.environ.get("NEWSBOT_POLL_MINUTES") or 15) * 60)


def alert_hours() -> float:
    """How long a feed fails without a break before its desk is told: NEWSBOT_FEED_ALERT_HOURS (24)."""
    return float(os.environ.get("NEWSBOT_FEED_ALERT_HOURS") or 24)


def host_gap() -> float:
    """Seconds between two requests to one host: NEWSBOT_HOST_GAP_SECONDS (1)."""
    return float(os.environ.get("NEWSBOT_HOST_GAP_SECONDS") or 1.0)


def poll_threads() -> int:
    """Feeds fetched at once (different hosts only): NEWSBOT_POLL_THREADS (4)."""
    return max(1, int(os.environ.get("NEWSBOT_POLL_THREADS") or 4))


def alert_channel() -> str | None:
    """Where a failing feed is reported when its desk names no `channel`: NEWSBOT_ALERT_CHANNEL."""
    return (os.environ.get("NEWSBOT_ALERT_CHANNEL") or "").strip() or None


_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)?\s*$", re.I)
_UNIT = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}


def parse_every(text: str) -> int:
    """'5m', '90s', '2h', '1d' or a bare number of minutes → seconds; ValueError with the reason."""
    match = _EVERY.match(text or "")
    if not match:
        raise ValueError(f"cannot read the interval {text!r}; write it like 5m, 2h or 1d")
    seconds = int(float(match.group(1)) * _UNIT[(match.group(2) or "m").lower()])
    if seconds < MIN_EVERY:
        raise ValueError("a feed is polled at most once a minute")
    return seconds
