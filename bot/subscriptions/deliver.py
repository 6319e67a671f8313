"""Sending digests exactly once: match → queue → post → ledger, one subscription at a time under a lease.

For each message: an attempt row is written (its key travels in the message's metadata), the message is
posted, and as soon as Slack confirms, one transaction writes the ledger rows, empties the queue of those
articles, closes the attempt and logs them as posted. A refusal Slack states (HTTP 200 `ok: false` such as
`channel_not_found`, or 429 after the client's retries) means nothing was posted: the attempt is closed and
the articles stay queued for the next run, logged as failed with its time. A post with no clear answer (a
5xx, a timeout, a dropped connection, or this process killed) leaves its attempt open; the next run, before
posting anything, looks for the attempt's key in the channel's recent history (conversations.history with
message metadata) and records what it finds instead of posting it again. See the README for the window
that remains.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlite_utils
from slack_sdk.errors import SlackApiError
from slack_sdk.web import WebClient

from bot.desks import get_desk
from bot.subjects import forget_folded
from bot.subscriptions import service
from bot.subscriptions.blocks import MAX_STORIES, Message, digest_messages, message_text
from bot.subscriptions.brief import one_minute, subjects_for
from bot.subscriptions.digest import Digest, build_digest
from bot.subscriptions.matching import desk_scope, match_new
from bot.subscriptions.schedule import iso, next_due, parse_iso, parse_schedule
from bot.turns import heavy_step, release_memory
from bot.words import DEFAULT
from storage import subscriptions as store
from storage.leases import leased

log = logging.getLogger("newsbot.digest")
EVENT_TYPE = "newsbot_digest"
HISTORY_PAGES = 5
RETRY_FIRST_S = 60
RETRY_MAX_S = 3600
# How long the delivery log (what was posted, skipped or failed, shown by `newsbot log` and App
# Home) keeps an entry. It gains a "skipped" row per subscription for every article that did not match, so
# unpruned it grows with subscriptions × articles; the ledger (`deliveries`) that keeps posts exactly-once
# is never pruned.
LOG_KEEP_DAYS = float(os.environ.get("NEWSBOT_DIGEST_LOG_DAYS", "30"))


def lease_seconds() -> float:
    """How long a digest run holds its subscription (NEWSBOT_DIGEST_LEASE_SECONDS, default 300): after a
    crash, another process may take the subscription over once this has passed."""
    return float(os.environ.get("NEWSBOT_DIGEST_LEASE_SECONDS", "300"))


@dataclass
class RunResult:
    subscription_id: int
    channel: str
    status: str  # posted | nothing new | failed | busy | dry run | error
    messages: int = 0
    article_ids: list[int] = field(default_factory=list)
    error: str | None = None
    next_retry: str | None = None
    digest: dict[str, Any] | None = None
    render: Callable[[], str] | None = field(default=None, repr=False)  # a dry run's text, made when printed
    built: Any = field(default=None, repr=False)  # the Digest posted; made a dict only if someone asks

    def to_json(self) -> dict[str, Any]:
        """`--json`: the digest as a dict is built here, not on every post: for a 400-article digest that
        took a third of the run's CPU, in the thread `newsbot serve` acks Slack from."""
        if self.digest is None and self.built is not None:
            self.digest = self.built.to_json()
        return {k: v for k, v in self.__dict__.items() if k not in ("render", "built")}

    @property
    def text(self) -> str:
        """What a dry run would post, as a terminal shows it (rendered only when asked: building the
        messages costs as much as building the digest, and a run that only counts never needs it)."""
        return self.render() if self.render is not None else ""


class PostFailed(Exception):
    def __init__(self, reason: str, ambiguous: bool) -> None:
        super().__init__(reason)
        self.reason, self.ambiguous = reason, ambiguous


def run_due_digests(db: sqlite_utils.Database, client: WebClient, now: datetime) -> list[RunResult]:
    """Send every digest that is due at `now` (an aware datetime); the scheduler calls this every ~20 s.

    `instant` subscriptions are due on every call and post as soon as a matching article is stored;
    hourly, daily and weekly ones when their local due time has passed; a failed post is retried after a
    back-off (1, 2, 4 ... minutes, at most an hour). Subscriptions another process is sending are left to
    it. One subscription that fails never stops the others. Returns what happened to each one it touched.

    `client`: best `digest_client(SLACK_BOT_TOKEN)`, which does not retry a 5xx or a dropped connection
    on its own (such a post may have gone out; the next run checks the channel before posting again).
    `db` is the calling thread's connection (sqlite3 connections stay on their thread).
    """
    store.prune_log(db, iso(now - timedelta(days=LOG_KEEP_DAYS)))
    return run_digests(db, client, now, due_only=True)


def run_digests(
    db: sqlite_utils.Database, client: WebClient | None, now: datetime, *, channel: str | None = None,
    due_only: bool = False, dry_run: bool = False,
) -> list[RunResult]:
    """`newsbot digest`: every subscription (of `channel`) now, whatever its schedule; or only the due ones."""
    results = []
    newest = store.newest_article_id(db)
    try:
        for sub in store.subscriptions(db, channel=channel):
            if due_only and not is_due(db, sub, now, newest):
                continue
            try:
                results.append(preview(db, sub) if dry_run else run_one(db, client, sub, now, scheduled=due_only))
            except Exception as exc:  # one broken subscription never stops the others
                log.exception("digest for subscription %s failed", sub["id"])
                results.append(RunResult(sub["id"], sub["channel"], "error", error=type(exc).__name__))
    finally:
        forget_folded()
        release_memory()  # the folded texts just let go
    return results


def built(
    db: sqlite_utils.Database, sub: dict[str, Any], pending: list[int]
) -> tuple[Digest, list[Message], list[Message]]:
    """The digest of the pending articles and its channel and thread messages, built as a heavy step
    (bot/turns.py): never beside a parse, its memory handed back after it. Only the build: a post that
    Slack holds up, or its retries, keep no parse waiting."""
    with heavy_step():
        digest = build_digest(db, sub, pending, _about(sub), desk_scope(sub), MAX_STORIES)
        messages, thread = messages_for(db, sub, digest) if pending else ([], [])
    return digest, messages, thread


def is_due(db: sqlite_utils.Database, sub: dict[str, Any], now: datetime, newest: int) -> bool:
    """Due time passed (or a retry's); an instant one only when something may be waiting (cheap check)."""
    due = parse_iso(sub.get("next_run_at"))
    if due is not None and due > now:
        return False
    if sub["schedule"] != "instant":
        return True
    return newest > max(sub["checked_through"], sub["start_after"]) or bool(
        store.queued(db, sub["id"]) or store.attempts(db, sub["id"]))


def _labels(sub: dict[str, Any]) -> tuple[str, str]:
    desk = get_desk(sub["desk"])
    return (desk.title, desk.command) if desk else (sub["desk"], f"/{sub['desk']}")


def _about(sub: dict[str, Any]) -> str:
    """What the digest is about, in the words of the subscription's desk."""
    desk = get_desk(sub["desk"])
    return service.what(sub, desk.language if desk else DEFAULT)


def preview(db: sqlite_utils.Database, sub: dict[str, Any]) -> RunResult:
    """What the next run would post, changing nothing (`--dry-run`): the channel's message as posted (the
    one-minute brief on a busy day) and, after it, what its thread would hold."""
    found = match_new(db, sub, store.newest_article_id(db))
    pending = sorted(set(store.queued(db, sub["id"])) | set(found.matched))
    digest, messages, thread = built(db, sub, pending)
    result = RunResult(sub["id"], sub["channel"], "dry run" if pending else "nothing new", article_ids=pending,
                       built=digest)  # made a dict only for --json
    if pending:
        result.render = lambda: preview_text(sub, messages, thread)
    return result


def preview_text(sub: dict[str, Any], messages: list[Message], thread: list[Message]) -> str:
    """The channel's message as it would be posted, then what its thread would hold, for a terminal."""
    head = f"→ {sub['channel']} (subscription #{sub['id']}, {sub['schedule']}), as it would be posted:"
    parts = [head, *(message_text(m.payload) for m in messages)]
    if thread:
        parts.append(f"In its thread ({len(thread)} {'reply' if len(thread) == 1 else 'replies'}):")
        parts += [message_text(m.payload) for m in thread]
    return "\n\n".join(parts)


def messages_for(db: sqlite_utils.Database, sub: dict[str, Any], digest: Digest) -> tuple[list[Message], list[Message]]:
    """The channel's messages and its thread's: the whole digest as it is when it fits a minute's reading;
    else the one-minute brief (carrying every article, for the ledger), the whole digest in its thread."""
    title, command = _labels(sub)
    messages = digest_messages(digest, title, command, sub["schedule"])
    brief = one_minute(digest, subjects_for(db, sub))
    if brief is None:
        return messages, []
    main = digest_messages(brief, title, command, sub["schedule"])[0]
    main.article_ids = [i for m in messages for i in m.article_ids]
    return [main], messages


def run_one(db: sqlite_utils.Database, client: WebClient | None, sub: dict[str, Any], now: datetime, *,
            scheduled: bool) -> RunResult:
    """One subscription under its lease: settle open attempts, match, post what is queued, reschedule."""
    with leased(db, f"digest:{sub['id']}", lease_seconds()) as mine:
        if not mine:
            return RunResult(sub["id"], sub["channel"], "busy")
        if client is None:
            raise ValueError("no Slack client")
        reconcile(db, client, sub, now)
        with heavy_step():  # reading and judging the backlog: no Slack call inside, so no parse waits on one
            found = match_new(db, sub, store.newest_article_id(db))
        store.queue_and_skip(db, sub["id"], found.matched, found.skipped, found.upto, iso(now))
        pending = store.queued(db, sub["id"])
        result = RunResult(sub["id"], sub["channel"], "nothing new")
        if pending:
            result = _send(db, client, sub, pending, now)
        if result.status != "failed":
            fields: dict[str, Any] = {"last_run_at": iso(now), "failures": 0, "last_error": None}
            if scheduled or sub.get("failures"):
                fields["next_run_at"] = iso(next_due(parse_schedule(sub["schedule"]), sub["tz"], now))
            store.update_subscription(db, sub["id"], **fields)
        return result


def _send(db: sqlite_utils.Database, client: WebClient, sub: dict[str, Any], pending: list[int],
          now: datetime) -> RunResult:
    digest, messages, thread = built(db, sub, pending)
    result = RunResult(sub["id"], sub["channel"], "posted", built=digest)
    for message in messages:
        try:
            ts = post(db, client, sub, message, now)
        except PostFailed as exc:
            left = [i for i in pending if i not in result.article_ids]
            retry = now + timedelta(seconds=min(RETRY_FIRST_S * 2 ** int(sub.get("failures") or 0), RETRY_MAX_S))
            store.record_failed(db, sub["id"], left, exc.reason, iso(retry), iso(now))
            result.status, result.error, result.next_retry = "failed", exc.reason, iso(retry)
            return result
        result.messages += 1
        result.article_ids += message.article_ids
    for reply in thread:
        reply_in_thread(client, sub, reply, ts)
    return result


def reply_in_thread(client: WebClient, sub: dict[str, Any], message: Message, ts: str) -> None:
    """The full digest under its one-minute message ("More"). Its articles are in the ledger with the
    message already, so a failed reply is logged, not retried: the articles are in the channel as
    headlines or counted as folded, and `newsbot log` lists each."""
    try:
        client.chat_postMessage(channel=sub["channel"], thread_ts=ts, unfurl_links=False, unfurl_media=False,
                                **message.payload)
    except Exception as exc:
        log.warning("subscription %s: the full digest's thread reply failed (%s)", sub["id"], type(exc).__name__)


def post(db: sqlite_utils.Database, client: WebClient, sub: dict[str, Any], message: Message, now: datetime) -> str:
    """Post one message; the ledger is written in the same breath as Slack's confirmation."""
    key = f"{sub['id']}:{uuid.uuid4().hex}"
    store.open_attempt(db, key, sub["id"], sub["channel"], message.article_ids, time.time())
    try:
        resp = client.chat_postMessage(
            channel=sub["channel"], unfurl_links=False, unfurl_media=False,
            metadata={"event_type": EVENT_TYPE, "event_payload": {"delivery": key}}, **message.payload)
    except SlackApiError as exc:
        status = exc.response.status_code if exc.response is not None else 0
        error = (exc.response.get("error") if exc.response is not None else None) or f"HTTP {status}"
        ambiguous = status >= 500
        if not ambiguous:  # Slack said no: nothing was posted
            store.drop_attempt(db, key)
        raise PostFailed(f"{error} (HTTP {status})" if status != 200 else error, ambiguous) from None
    except Exception as exc:  # no answer at all: it may have been posted; the next run looks for it
        raise PostFailed(f"no answer from Slack ({type(exc).__name__})", True) from None
    store.record_posted(db, key, sub["id"], sub["channel"], resp.get("ts"), message.article_ids, iso(now))
    return str(resp.get("ts") or "")


def reconcile(db: sqlite_utils.Database, client: WebClient, sub: dict[str, Any], now: datetime) -> None:
    """Settle attempts a dead or timed-out run left open: found in the channel → recorded as posted;
    not found → closed, so their articles (still queued) go out in this run."""
    for attempt in store.attempts(db, sub["id"]):
        ts = find_posted(client, attempt)
        if ts:
            store.record_posted(db, attempt["key"], sub["id"], attempt["channel"], ts, attempt["article_ids"],
                                iso(now))
            log.info("subscription %s: attempt %s had been posted (%s); recorded", sub["id"], attempt["key"], ts)
        else:
            store.drop_attempt(db, attempt["key"])


def find_posted(client: WebClient, attempt: dict[str, Any]) -> str | None:
    """The ts of the message carrying the attempt's key, from the channel history since it started.

    None when it is not there, or when the history cannot be read (no channels:history scope, a channel
    the bot left): then the articles are posted again, the one repeat the README documents."""
    cursor = None
    try:
        for _ in range(HISTORY_PAGES):
            resp = client.conversations_history(channel=attempt["channel"], oldest=f"{attempt['started_at'] - 5:.6f}",
                                                include_all_metadata=True, limit=200, cursor=cursor)
            for message in resp.get("messages") or []:
                payload = (message.get("metadata") or {}).get("event_payload") or {}
                if payload.get("delivery") == attempt["key"]:
                    return str(message.get("ts"))
            cursor = (resp.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return None
    except SlackApiError as exc:
        error = exc.response.get("error") if exc.response is not None else "error"
        log.warning("history of %s unreadable (%s): its open digest is posted again", attempt["channel"], error)
    except Exception as exc:
        log.warning("history of %s unreadable (%s): its open digest is posted again", attempt["channel"],
                    type(exc).__name__)
    return None


def digest_client(token: str) -> WebClient:
    """The WebClient for digests: retries 429 (Slack did not take the post; Retry-After is honoured), but
    not a 5xx or a dropped connection, which may have been posted already: the run stops there and the
    next one settles it through the history check before posting again."""
    from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

    from bot.slack_client import api_url

    return WebClient(token=token, base_url=api_url(), timeout=10,
                     retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=3)])


def utcnow() -> datetime:
    return datetime.now(UTC)
