"""The digest job of the scheduler: every 20 s, send the digests that are due (instant ones within a minute).

It posts through its own client (`digest_client`), not the scheduler's shared one: that one retries a 5xx
or a dropped connection by itself, and a digest post that may already have gone out must instead be
settled from the channel's history on the next run (exactly once, bot/subscriptions/deliver.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.scheduler import register_job
from bot.subscriptions.deliver import RunResult, digest_client, run_due_digests

TICK_SECONDS = 20  # an instant subscriber waits at most about this long after the article is stored


def digest_job(db: Any, client: Any, now: datetime) -> list[RunResult]:
    """The due digests; without a Slack token (no client) nothing can be posted, so nothing is touched."""
    if client is None:
        return []
    return run_due_digests(db, digest_client(client.token), now)


def describe(results: list[RunResult]) -> list[str]:
    """`newsbot worker --once` lines: one per subscription the run touched."""
    return [
        f"digests: subscription {r.subscription_id} → {r.channel}: {r.status}"
        + (f", {r.messages} message(s), {len(r.article_ids)} article(s)" if r.status == "posted" else "")
        + (f" ({r.error}; next try {r.next_retry})" if r.error else "")
        for r in results
    ]


register_job("digests", digest_job, TICK_SECONDS)
