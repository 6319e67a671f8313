"""The calls every handler group shares: asking the engine safely, and answering through response_url.

Bolt's own `respond()` builds a WebhookClient without retry handlers; answers posted here retry on
429/5xx/dropped connections like every other Web API call. Failures are logged without the
response_url (it is a capability: anyone holding it can post as the app for 30 minutes).
"""

from __future__ import annotations

import html
import logging
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from slack_sdk.web import WebClient
from slack_sdk.webhook import WebhookClient

from bot.answer.model import Answer
from bot.editors import is_editor
from bot.newsroom import Newsroom
from bot.slack_client import retry_handlers, tls_context
from bot.words import DEFAULT, say
from handlers.blocks import text_message

log = logging.getLogger("newsbot.slack")
PAGE = 5
_LINK_RE = re.compile(r"<(https?://[^>|\s]+)(?:\|[^>]*)?>|(?<![<\w])(https?://[^\s<>|]+)")


class SeenOnce:
    """Keys already handled: Slack redelivers an event it thinks timed out, and a double click sends a
    button twice; each must act once, also across a restart, so the keys live in the archive's
    `handled` table (kept a week: Slack retries within minutes)."""

    KEEP_S = 7 * 24 * 3600

    def __init__(self, newsroom: Newsroom, scope: str) -> None:
        self._newsroom, self._scope = newsroom, scope

    def first_time(self, key: str | None) -> bool:
        """True, once, for a key; always True for no key (nothing to tell repeats apart by)."""
        if not key:
            return True
        db, now = self._newsroom.db(), time.time()
        with db.conn:
            cursor = db.conn.execute(
                "INSERT OR IGNORE INTO handled (key, at) VALUES (?, ?)", [f"{self._scope}:{key}", now]
            )
            db.conn.execute("DELETE FROM handled WHERE at < ?", [now - self.KEEP_S])
        return cursor.rowcount == 1

    def forget(self, key: str | None) -> None:
        """Let the key act again: the work it stood for did not get done (a share Slack refused)."""
        if key:
            with self._newsroom.db().conn as conn:
                conn.execute("DELETE FROM handled WHERE key = ?", [f"{self._scope}:{key}"])


def reply(response_url: str | None, message: dict[str, Any]) -> bool:
    """POST `message` to the interaction's response_url; True when Slack took it."""
    if not response_url:
        log.warning("no response_url to answer on")
        return False
    client = WebhookClient(url=response_url, timeout=10, retry_handlers=retry_handlers(), ssl=tls_context())
    try:
        resp = client.send_dict(message)
    except Exception as exc:  # network failure after retries: report, never crash the worker
        log.warning("response_url post failed: %s", type(exc).__name__)
        return False
    if resp.status_code != 200:
        log.warning("response_url post refused: HTTP %s %s", resp.status_code, resp.body[:200])
    return resp.status_code == 200


def ask_safely(newsroom: Newsroom, text: str, desk: str, *, offset: int = 0, limit: int = PAGE) -> Answer:
    """The engine's answer, or an `error` Answer that says so — a listener must always reply."""
    try:
        return newsroom.ask(text, desk, limit=limit, offset=offset)
    except Exception:
        log.exception("ask failed for desk %s", desk)
        lang = newsroom.language(desk)
        return Answer(action="error", desk=desk, query=text, language=lang, text=say("sorry", lang))


def may_change(user_id: str | None, client: WebClient | None) -> bool:
    """Whether a Slack user may change things (feeds, subscriptions, facts): one of the desk's editors
    (NEWSBOT_EDITORS: users, or members of its user groups), or anyone when no editors are set. The one
    check every handler that changes something calls, with bot.intent.intent_of(...).change and bot.editors.refusal."""
    return is_editor(user_id, lambda group: group_members(client, group))


def group_members(client: WebClient | None, group: str) -> list[str]:
    """Who is in a Slack user group (usergroups.users.list; needs the usergroups:read scope)."""
    if client is None:
        return []
    return list(client.usergroups_users_list(usergroup=group).get("users") or [])


def slack_unescape(text: str) -> str:
    """Message text from Slack arrives with & < > as entities; the engine wants what the user typed."""
    return html.unescape(text or "")


def find_links(text: str, limit: int = 5) -> list[str]:
    """http(s) links in Slack message text (`<url|label>`, `<url>` or bare), first `limit`, no repeats."""
    found: list[str] = []
    for m in _LINK_RE.finditer(text or ""):
        url = html.unescape(m.group(1) or m.group(2) or "")
        if url and url not in found:
            found.append(url)
    return found[:limit]


@contextmanager
def reported(response_url: str | None, what: str, language: str = DEFAULT) -> Iterator[None]:
    """Run a lazy listener's work so that any failure is logged and told to the user: Slack already
    has its 200, so an exception here would otherwise leave the reporter waiting in silence."""
    try:
        yield
    except Exception:
        report_failure(response_url, what, language)


def report_failure(response_url: str | None, what: str, language: str = DEFAULT) -> None:
    """Log the exception being handled and tell the user (in the desk's language), so a failure is never
    silent."""
    log.exception("%s failed", what)
    message = f":warning: {say('sorry_short', language)}"
    reply(response_url, {"response_type": "ephemeral", "replace_original": False, **text_message(message)})


def ack_only(ack: Any) -> None:
    """Acknowledge at once; the lazy listener does the work after Slack has its 200."""
    ack()
