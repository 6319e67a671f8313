"""App Home: each desk's latest articles, the channel subscriptions and the help (views.publish).

Subscriptions belong to another part of the bot: the Home lists them when its table has rows (a
schema it does not know is shown column by column as best it can) and otherwise offers nothing about
them, so it never suggests a command this bot cannot answer.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from slack_sdk.web import WebClient

from bot.app import NewsbotApp, Newsroom
from handlers.blocks import home_view
from handlers.reply import ack_only, ask_safely, log


def subscriptions(db: Any, limit: int = 40) -> list[dict[str, Any]]:
    """Rows of the `subscriptions` table if there is one, else none."""
    try:
        table = db["subscriptions"]
        if not table.exists():
            return []
        return list(table.rows_where(limit=limit))
    except sqlite3.Error as exc:
        log.warning("subscriptions unreadable: %s", exc)
        return []


def publish_home(newsroom: Newsroom, event: dict[str, Any], client: WebClient) -> None:
    """Build and publish the Home tab for the user who opened it."""
    if event.get("tab", "home") != "home":
        return
    latest = [
        (str(desk.command), newsroom.desk_title(name), ask_safely(newsroom, "latest", name))
        for name, desk in newsroom.desks().items()
    ]
    help_answer = ask_safely(newsroom, "help", newsroom.default_desk())
    view = home_view(latest, subscriptions(newsroom.db()), help_answer)
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
