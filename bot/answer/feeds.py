"""The `feeds` action: `/peru feeds`, `/peru feeds add <url>`, `/peru feeds remove <id>`.

Feeds added here belong to the command's desk; `/news feeds` (the whole archive) lists every desk's.
"""

from __future__ import annotations

import re

import sqlite_utils

from bot.answer.limits import echo
from bot.answer.model import Answer
from bot.desks import Desk
from bot.words import say, say_again


def feeds_action(db: sqlite_utils.Database, answer: Answer, argument: str, desk: Desk) -> Answer:
    words = argument.split()
    verb = words[0].lower() if words else "list"
    rest = " ".join(words[1:])
    if verb == "add" and rest:
        return _add(db, answer, rest, desk)
    if verb in ("remove", "delete", "rm") and rest:
        return _remove(db, answer, rest, desk)
    if verb in ("list", "ls") and not rest:
        return _list(db, answer, desk)
    answer.text = say("feeds_usage", answer.language, command=desk.command)
    return answer


def _add(db: sqlite_utils.Database, answer: Answer, url: str, desk: Desk) -> Answer:
    from bot.feeds.manage import add_feed, clean_url
    from bot.ingest.links import web_link

    lang = answer.language
    link = web_link(url)
    if link is None:  # a feed is a web address too: nothing else is fetched or named
        answer.action = "error"
        answer.text = say("feed_web_links", lang, why=say("only_web_links", lang), command=desk.command)
        return answer
    if desk.all:
        answer.action, answer.text = "error", say("feed_from_desk", lang)
        return answer
    result = add_feed(db, link, desk.name)
    shown = clean_url(link)
    if not result.ok:
        why = say_again(str(result.error), "why_", lang)  # a fetch's reason, in the desk's words
        answer.action, answer.text = "error", say("feed_failed", lang, url=shown, why=why)
    elif result.existing:
        answer.text = say("feed_existing", lang, url=shown, id=result.feed_id, desk=result.desk)
    else:
        answer.text = say("feed_added", lang, id=result.feed_id, title=result.title or shown, entries=result.entries)
    return answer


def _remove(db: sqlite_utils.Database, answer: Answer, text: str, desk: Desk) -> Answer:
    from bot.feeds.manage import remove_feed
    from storage.feeds import get_feed

    wanted = text.strip()
    feed = get_feed(db, int(wanted)) if re.fullmatch(r"[0-9]{1,12}", wanted) else None
    if feed is None or (not desk.all and feed["desk"] != desk.name):
        answer.action = "error"
        answer.text = say("no_feed", answer.language, feed=echo(wanted, 40), desk=desk.title, command=desk.command)
        return answer
    remove_feed(db, feed["id"])
    answer.text = say("feed_removed", answer.language, id=feed["id"], title=feed["title"] or feed["url"])
    return answer


def _list(db: sqlite_utils.Database, answer: Answer, desk: Desk) -> Answer:
    from bot.feeds.manage import describe, feeds_view

    views = feeds_view(db, None if desk.all else desk.name)
    if not views:
        answer.text = say("no_feeds", answer.language, desk=desk.title) + " " + say(
            "feeds_usage", answer.language, command=desk.command)
        return answer
    answer.items = [{"text": describe(v), "source_id": None, **v} for v in views]
    answer.total = len(views)
    answer.text = "\n".join(describe(v) for v in views)
    return answer
