"""The `feeds` action: `/peru feeds`, `/peru feeds add <url>`, `/peru feeds remove <id>`.

Feeds added here belong to the command's desk; `/news feeds` (the whole archive) lists every desk's.
"""

from __future__ import annotations

import re

import sqlite_utils

from bot.answer.limits import echo
from bot.answer.model import Answer
from bot.desks import Desk

USAGE = "Feeds: `{cmd} feeds` lists them, `{cmd} feeds add https://…` follows one, `{cmd} feeds remove ID` stops one."


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
    answer.text = USAGE.format(cmd=desk.command)
    return answer


def _add(db: sqlite_utils.Database, answer: Answer, url: str, desk: Desk) -> Answer:
    from bot.feeds.manage import add_feed, clean_url
    from bot.ingest.links import ONLY_WEB_LINKS, web_link

    link = web_link(url)
    if link is None:  # a feed is a web address too: nothing else is fetched or named
        answer.action, answer.text = "error", f"{ONLY_WEB_LINKS}: `{desk.command} feeds add https://…`."
        return answer
    if desk.all:
        answer.action, answer.text = "error", "Add a feed from a desk's command (e.g. `/peru feeds add …`)."
        return answer
    result = add_feed(db, link, desk.name)
    shown = clean_url(link)
    if not result.ok:
        answer.action, answer.text = "error", f"Could not follow {shown}: {result.error}"
    elif result.existing:
        answer.text = f"Already following {shown} as feed {result.feed_id} (desk {result.desk})."
    else:
        answer.text = (f"Following feed {result.feed_id}: {result.title or shown} ({result.entries} entries now). "
                       f"New articles arrive with the next poll, within a few minutes.")
    return answer


def _remove(db: sqlite_utils.Database, answer: Answer, text: str, desk: Desk) -> Answer:
    from bot.feeds.manage import remove_feed
    from storage.feeds import get_feed

    wanted = text.strip()
    feed = get_feed(db, int(wanted)) if re.fullmatch(r"[0-9]{1,12}", wanted) else None
    if feed is None or (not desk.all and feed["desk"] != desk.name):
        answer.action = "error"
        answer.text = f"There is no feed {echo(wanted, 40)} on {desk.title}; `{desk.command} feeds` lists them."
        return answer
    remove_feed(db, feed["id"])
    answer.text = f"Stopped following feed {feed['id']} ({feed['title'] or feed['url']}); its articles stay."
    return answer


def _list(db: sqlite_utils.Database, answer: Answer, desk: Desk) -> Answer:
    from bot.feeds.manage import describe, feeds_view

    views = feeds_view(db, None if desk.all else desk.name)
    if not views:
        answer.text = f"{desk.title} follows no feeds yet. " + USAGE.format(cmd=desk.command)
        return answer
    answer.items = [{"text": describe(v), "source_id": None, **v} for v in views]
    answer.total = len(views)
    answer.text = "\n".join(describe(v) for v in views)
    return answer
