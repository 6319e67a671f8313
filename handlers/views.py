"""App Home: each desk's latest articles, the channel subscriptions, the digest log and the help
(views.publish). A part that cannot be read is logged and left out; the Home is always published."""

from __future__ import annotations

import sqlite3
from typing import Any

from slack_sdk.web import WebClient

from bot.newsroom import NewsbotApp, Newsroom
from handlers.blocks import home_view
from handlers.digest_home import home_subscriptions, log_blocks, with_digest_log
from handlers.reply import ack_only, ask_safely, log


def subscriptions(db: Any, language: str) -> list[dict[str, Any]]:
    """The workspace's subscriptions, as home_view lists them."""
    try:
        return home_subscriptions(db, language)
    except sqlite3.Error as exc:
        log.warning("subscriptions unreadable: %s", exc)
        return []


def digest_log(db: Any, desk: str, language: str) -> list[dict[str, Any]]:
    try:
        return log_blocks(db, desk, language)
    except sqlite3.Error as exc:
        log.warning("digest log unreadable: %s", exc)
        return []


def publish_home(newsroom: Newsroom, event: dict[str, Any], client: WebClient) -> None:
    """Build and publish the Home tab for the user who opened it."""
    if event.get("tab", "home") != "home":
        return
    latest = [
        (str(desk.command), newsroom.desk_title(name), ask_safely(newsroom, "latest", name))
        for name, desk in newsroom.desks().items()
    ]
    desk = newsroom.default_desk()
    help_answer = ask_safely(newsroom, "help", desk)
    lang = newsroom.language(desk)
    view = with_digest_log(home_view(latest, subscriptions(newsroom.db(), lang), help_answer, lang),
                           digest_log(newsroom.db(), desk, lang))
    try:
        client.views_publish(user_id=event["user"], view=view)
    except Exception as exc:
        log.warning("views.publish failed: %s", type(exc).__name__)


def register(app: NewsbotApp) -> None:
    """Publish on every Home open: the tab then always shows the archive as it is now."""
    newsroom = app.newsroom

    def lazy_home(event: dict[str, Any], client: WebClient) -> None:
        try:
            publish_home(newsroom, event, client)
        except Exception:  # no response_url on events: the log is the only place to say it
            log.exception("App Home failed")

    app.event("app_home_opened")(ack=ack_only, lazy=[lazy_home])
