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
from bot.words import say


def subscription_answer(db: sqlite_utils.Database, answer: Answer, desk: Desk) -> Answer:
    if answer.action == "subscriptions":
        subs = [s for s in service.listed(db) if desk.all or s["desk"] == desk.name]
        answer.items = [{"text": f"{service.describe(s, answer.language)} → {s['channel']}", "source_id": None,
                         "subscription": service.to_json(s)} for s in subs]
        answer.total = len(answer.items)
        answer.text = "\n".join(it["text"] for it in answer.items) or say(
            "no_subs_desk", answer.language, desk=desk.title, command=desk.command)
        return answer
    if answer.action == "subscribe":
        answer.text = say("subscribe_in_channel", answer.language, command=desk.command, desk=desk.name)
    else:
        answer.text = say("unsubscribe_in_channel", answer.language, command=desk.command)
    return answer
