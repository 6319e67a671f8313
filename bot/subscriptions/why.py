"""Why each recent article was or was not posted to each subscription (`newsbot log`, App Home).

One line per (article, subscription), its latest state: posted (where, when), skipped (a duplicate of an
article it already has, outside the desk, off-topic), failed (why, next retry), or pending (waiting for
the next digest).
"""

from __future__ import annotations

from typing import Any

import sqlite_utils

from bot.when import desk_time
from storage import subscriptions as store


def _about(row: dict[str, Any]) -> str:
    parts = [p for p in (row.get("topics"), f"who {row['who']}" if row.get("who") else "") if p]
    return f"{row.get('desk') or '?'}: {', '.join(parts) or 'everything'}"


def entries(db: sqlite_utils.Database, limit: int = 50) -> list[dict[str, Any]]:
    """The newest `limit` entries, newest first, as plain dicts (the `--json` shape)."""
    found: list[dict[str, Any]] = []
    for row in store.latest_log(db, limit):
        when = desk_time(row["at"], row.get("desk"))
        detail = {
            "posted": f"posted to {row['channel']} {when}" + (f" (message {row['ts']})" if row["ts"] else ""),
            "skipped": f"skipped: {row['reason']}",
            "failed": f"failed: {row['reason']}; next retry {desk_time(row['next_retry'], row.get('desk'))}",
        }[row["status"]]
        found.append(_entry(row, row["status"], detail, row.get("reason"), row.get("next_retry")))
    seen = {(e["subscription_id"], e["article_id"]) for e in found}
    for row in store.pending_entries(db, limit):
        if (row["subscription_id"], row["article_id"]) in seen:  # failed before: that entry says when it retries
            continue
        due = f"next digest {desk_time(row.get('next_run_at'), row.get('desk'))}".strip()
        found.append(_entry(row, "pending", f"pending: {due}", None, row.get("next_run_at")))
    for row in store.duplicates_since(db, limit):
        copy = row.get("copy_title") or row.get("copy_url") or f"copy {row['copy_id']}"
        reason = f"duplicate of #{row['article_id']}"
        entry = _entry(row, "skipped", f"skipped: {copy} is a {reason}", reason, None)
        entry["title"] = copy
        found.append(entry)
    found.sort(key=lambda e: e["at"] or "", reverse=True)
    return found[:limit]


def _entry(row: dict[str, Any], status: str, detail: str, reason: str | None, next_retry: str | None
           ) -> dict[str, Any]:
    return {
        "at": row.get("at"), "subscription_id": row["subscription_id"], "channel": row.get("sub_channel"),
        "subscription": _about(row), "desk": row.get("desk"), "article_id": row.get("article_id"),
        "title": row.get("title"), "url": row.get("url"), "status": status, "reason": reason,
        "next_retry": next_retry, "detail": detail,
    }


def entry_text(entry: dict[str, Any]) -> str:
    """`8 Mar, 07:00 (Lima) · #2 C0PERU (peru: crime) · article 14 “Title” · posted to C0PERU 8 Mar, …`"""
    title = f" “{entry['title']}”" if entry.get("title") else ""
    return (f"{desk_time(entry['at'], entry.get('desk'))} · #{entry['subscription_id']} {entry['channel']} "
            f"({entry['subscription']}) · article {entry['article_id']}{title} · {entry['detail']}")
