"""`subscribe`, `unsubscribe` and `subscriptions` asked of the engine, where there is no channel.

In Slack these commands are answered in the channel they are typed in (handlers/subscriptions.py). Asked
without a channel (`newsbot ask`, an @mention), `subscriptions` lists the desk's subscriptions in every
channel, and the other two say where they can be done.
"""

from __future__ import annotations

import sqlite_utils

from bot.answer.model import Answer
from bot.desks import Desk
from bot.subscriptions import service


def subscription_answer(db: sqlite_utils.Database, answer: Answer, desk: Desk) -> Answer:
    if answer.action == "subscriptions":
        subs = [s for s in service.listed(db) if desk.all or s["desk"] == desk.name]
        answer.items = [{"text": f"{service.describe(s)} → {s['channel']}", "source_id": None,
                         "subscription": service.to_json(s)} for s in subs]
        answer.total = len(answer.items)
        answer.text = "\n".join(it["text"] for it in answer.items) or (
            f"No subscriptions to {desk.title}. In a channel: `{desk.command} subscribe crime daily 08:00`.")
        return answer
    if answer.action == "subscribe":
        answer.text = (f"A subscription belongs to a channel: type `{desk.command} subscribe <topic words> "
                       "[instant | hourly | daily HH:MM | weekly DAY HH:MM]` in it, or run `newsbot subscriptions "
                       f"add --channel C0123ABCD --desk {desk.name} [WORDS...]`.")
    else:
        answer.text = (f"Unsubscribe in the channel itself (`{desk.command} unsubscribe <id or topic words>`), or "
                       "run `newsbot subscriptions remove ID` (`newsbot subscriptions list` shows the ids).")
    return answer
