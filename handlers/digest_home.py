"""App Home's digest section: this workspace's subscriptions, and why recent articles were or were not posted.

The same entries as `newsbot log` (bot/subscriptions/why.py), rendered as Block Kit and slotted in before
the help, within the Home tab's 100 blocks.
"""

from __future__ import annotations

import re
from typing import Any

from bot.mrkdwn import escape, fit
from bot.subscriptions import service, why
from bot.words import DEFAULT, WORDS, say
from handlers.blocks import MAX_HOME_BLOCKS, context, header, section

LOG_LINES = 15
_STATUS = {"posted": ":white_check_mark:", "skipped": ":fast_forward:", "failed": ":x:", "pending": ":hourglass:"}
_CHANNEL_RE = re.compile(r"[CG][A-Z0-9]{2,30}")


def home_subscriptions(db: Any, language: str = DEFAULT) -> list[dict[str, Any]]:
    """Rows in the shape home_view shows: channel, what, schedule."""
    return [{"channel": s["channel"], "desk": s["desk"], "topic": service.what(s, language),
             "schedule": s["schedule"] if s["schedule"] == "instant" else f"{s['schedule']} {s['tz']}"}
            for s in service.listed(db)]


def _where(channel: str | None) -> str:
    return f"<#{channel}>" if channel and _CHANNEL_RE.fullmatch(channel) else escape(channel or "?")


def log_line(entry: dict[str, Any]) -> str:
    title = fit(entry.get("title") or f"article {entry.get('article_id')}", 150)
    return (f"{_STATUS.get(entry['status'], '•')} *{title}* → {_where(entry.get('channel'))} "
            f"(#{entry['subscription_id']} {escape(entry['subscription'])}): {fit(entry['detail'], 300)}")


def log_blocks(db: Any, desk: str = "peru", language: str = DEFAULT) -> list[dict[str, Any]]:
    """Why recent articles were or were not posted; the example command is the default desk's."""
    entries = why.entries(db, LOG_LINES)
    blocks = [header(say("digests_log", language))]
    if not entries:
        blocks.append(section(say("nothing_delivered", language, command=f"/{desk}")))
        return [b.to_dict() for b in blocks]
    lines, used = [], 0
    for entry in entries:
        line = log_line(entry)
        if used + len(line) + 1 > 2900:
            break
        lines.append(line)
        used += len(line) + 1
    blocks += [section("\n".join(lines)), context(say("log_more", language))]
    return [b.to_dict() for b in blocks]


def with_digest_log(view: dict[str, Any], blocks: list[dict[str, Any]]) -> dict[str, Any]:
    """Insert the section before the Help header (the last header, when the help is shown: "Help", "Ayuda")
    or at the end, keeping the Home tab within 100 blocks."""
    existing = view["blocks"]
    helps = {words["action_help"] for words in WORDS.values()}
    at = next((i for i, b in enumerate(existing) if b.get("type") == "header"
               and b["text"].get("text", "") in helps), len(existing))
    room = MAX_HOME_BLOCKS - len(existing)
    view["blocks"] = existing[:at] + blocks[:max(room, 0)] + existing[at:]
    return view
