"""Why each recent article was or was not posted to each subscription (`newsbot log`, App Home).

One line per (article, subscription), its latest state: posted (where, when), skipped (a duplicate of an
article it already has, outside the desk, off-topic), failed (why, next retry), or pending (waiting for
the next digest); filtered by channel, article and status. For one article and a channel, `explain` says
why it was or was not posted to each of the channel's subscriptions, with what the article says of their
topic words (bot/subjects.py): "why was X not in #oil?".
"""

from __future__ import annotations

from typing import Any

import sqlite_utils

from bot.when import desk_time
from storage import subscriptions as store


def _about(row: dict[str, Any]) -> str:
    parts = [p for p in (row.get("topics"), f"who {row['who']}" if row.get("who") else "") if p]
    return f"{row.get('desk') or '?'}: {', '.join(parts) or 'everything'}"


STATUSES = ("posted", "skipped", "failed", "pending")


def entries(db: sqlite_utils.Database, limit: int = 50, only: store.LogFilter | None = None) -> list[dict[str, Any]]:
    """The newest `limit` entries (of `only`'s channel, article and status), newest first, as plain dicts
    (the `--json` shape)."""
    only = only or store.LogFilter()
    found: list[dict[str, Any]] = []
    logged = [] if only.status == "pending" else store.latest_log(db, limit, only)
    for row in logged:
        when = desk_time(row["at"], row.get("desk"))
        detail = {
            "posted": f"posted to {row['channel']} {when}" + (f" (message {row['ts']})" if row["ts"] else ""),
            "skipped": f"skipped: {row['reason']}",
            "failed": f"failed: {row['reason']}; next retry {desk_time(row['next_retry'], row.get('desk'))}",
        }[row["status"]]
        found.append(_entry(row, row["status"], detail, row.get("reason"), row.get("next_retry")))
    seen = {(e["subscription_id"], e["article_id"]) for e in found}
    pending = store.pending_entries(db, limit, only) if only.status in (None, "pending") else []
    for row in pending:
        if (row["subscription_id"], row["article_id"]) in seen:  # failed before: that entry says when it retries
            continue
        due = f"next digest {desk_time(row.get('next_run_at'), row.get('desk'))}".strip()
        found.append(_entry(row, "pending", f"pending: {due}", None, row.get("next_run_at")))
    for row in store.duplicates_since(db, limit, only) if only.status in (None, "skipped") else []:
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


def find_article(db: sqlite_utils.Database, ref: str) -> dict[str, Any] | None:
    """The article `--article` names: an id, or a link (its own or a copy's)."""
    from bot.ingest.canonical import url_key

    ref = ref.strip()
    if ref.isdigit():
        return store.article_by_ref(db, int(ref), None, None)
    return store.article_by_ref(db, None, ref, url_key(ref))


def explain(db: sqlite_utils.Database, article: dict[str, Any], channel: str | None) -> list[dict[str, Any]]:
    """For each subscription (of `channel`): whether the article was posted, and why or why not."""
    return [{"subscription_id": sub["id"], "channel": sub["channel"], "subscription": _about(sub),
             "article_id": article["id"], "title": article.get("title"), "url": article.get("url"),
             **verdict(db, sub, article["id"])} for sub in store.subscriptions(db, channel=channel)]


def verdict(db: sqlite_utils.Database, sub: dict[str, Any], article_id: int) -> dict[str, str]:
    """`status` (posted, pending, failed, skipped, not yet matched) and `why`, in the words of the desk."""
    from bot.subscriptions.matching import OUTSIDE, judge_one

    if article_id <= int(sub["start_after"]):
        return {"status": "skipped", "why": f"stored before the subscription began (it starts after article "
                                            f"{sub['start_after']}): a subscription never posts the backlog"}
    posted = store.delivery(db, sub["id"], article_id)
    matched = judge_one(db, sub, article_id)
    about = "; ".join(v.reason() for v in matched.verdicts) if matched.verdicts else matched.scope
    if posted:
        where = f"posted to {posted['channel']} at {posted['posted_at']}" + (
            f" (message {posted['ts']})" if posted.get("ts") else "")
        return {"status": "posted", "why": f"{where}; matched: {about}"}
    last = store.last_log(db, sub["id"], article_id)
    if article_id in store.queued(db, sub["id"]):
        failed = f" (last try failed: {last['reason']}; next retry {last['next_retry']})" if (
            last and last["status"] == "failed") else ""
        return {"status": "pending", "why": f"matched ({about}), waiting for the next digest{failed}"}
    if article_id > int(sub["checked_through"]):
        return {"status": "not yet matched", "why": f"stored after the subscription's last pass; it will "
                                                    f"{'be posted' if matched.wanted else 'not be posted'}: {about}"}
    if matched.scope == OUTSIDE:
        return {"status": "skipped", "why": "outside the desk"}
    if not matched.wanted:
        return {"status": "skipped", "why": f"off-topic: {about}"}
    reason = last["reason"] if last and last.get("reason") else "skipped when it was matched"
    return {"status": "skipped", "why": f"{reason} (it matches now: {about})"}


def explanation_text(entry: dict[str, Any]) -> str:
    """`#2 C0OIL (news: oil spill) · article 14 “Title” · skipped: off-topic: oil spill: never mentioned`"""
    title = f" “{entry['title']}”" if entry.get("title") else ""
    return (f"#{entry['subscription_id']} {entry['channel']} ({entry['subscription']}) · article "
            f"{entry['article_id']}{title} · {entry['status']}: {entry['why']}")
