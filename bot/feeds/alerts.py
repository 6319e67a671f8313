"""Telling a desk, once, that one of its feeds has failed for a day (NEWSBOT_FEED_ALERT_HOURS).

The post goes to the desk's `channel` (seeds/desks.toml) or NEWSBOT_ALERT_CHANNEL through the Slack
WebClient the scheduler was given; without a client or a channel, `feeds list` alone says it. A feed that
recovers clears its alert without a word (poll.py resets alerted_at), so a flapping feed is not a stream
of posts, and a post Slack refused is tried again at the next failed poll.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

from bot.desks import get_desk
from bot.feeds.settings import alert_channel, alert_hours
from bot.mrkdwn import escape, link
from bot.when import desk_time
from storage import feeds as store

log = logging.getLogger("newsbot.feeds")


def due_alert(feed: dict[str, Any], now: datetime) -> bool:
    """Failing without a break for the alert period, and not yet told."""
    if feed.get("alerted_at") or not feed.get("failing_since") or feed.get("status") != "active":
        return False
    return now - datetime.fromisoformat(feed["failing_since"]) >= timedelta(hours=alert_hours())


def alert_text(feed: dict[str, Any]) -> str:
    """The post in the desk's channel: which feed, since when (the desk's time), why, and the desk's own
    slash command that stops it (in Slack a bare `feeds remove 2` is no command at all)."""
    name = feed.get("title") or feed["url"]
    desk = get_desk(feed.get("desk"))
    command = desk.command if desk else "/news"
    return (f":warning: Feed {feed['id']} ({escape(name)}, {link(feed['url'], feed['url'])}) has failed since "
            f"{escape(desk_time(feed['failing_since'], feed.get('desk')))}: "
            f"{escape(feed.get('last_error') or 'unknown error')}. It is still tried "
            f"every few hours; `{escape(command)} feeds remove {feed['id']}` stops it.")


def desk_channel(desk: str) -> str | None:
    found = get_desk(desk)
    return (getattr(found, "channel", None) if found else None) or alert_channel()


def maybe_alert(db: sqlite_utils.Database, feed: dict[str, Any], now: datetime, client: Any) -> bool:
    """Post the alert if one is due; True when the desk has now been told (in Slack or the list)."""
    if not due_alert(feed, now):
        return False
    channel = desk_channel(feed["desk"])
    if client is not None and channel:
        try:
            client.chat_postMessage(channel=channel, text=alert_text(feed), unfurl_links=False,
                                    unfurl_media=False)
        except Exception as exc:  # Slack down or the bot not in the channel: the list still shows it
            log.warning("feed %s: could not post the failure alert to %s (%s)", feed["id"], channel,
                        type(exc).__name__)
            return False
    store.update_feed(db, feed["id"], alerted_at=now.isoformat(timespec="seconds"))
    return True
