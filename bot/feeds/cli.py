"""`newsbot feeds add|list|remove|poll` and `newsbot worker [--once]`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bot.desks import default_desk, get_desk
from bot.feeds.settings import parse_every
from bot.language import language_code


def add_parsers(sub: Any) -> None:
    feeds = sub.add_parser("feeds", help="the feeds a desk follows: add, list, remove, poll")
    feeds_sub = feeds.add_subparsers(dest="feeds_command", required=True)
    add = feeds_sub.add_parser("add", help="follow an RSS or Atom feed (checked once now)")
    add.add_argument("url")
    add.add_argument("--desk", help="the desk it is for (default: the default desk)")
    add.add_argument("--language", type=language_code,
                     help="its articles' language (ISO 639-1, e.g. es; default: what each page states, else detected)")
    add.add_argument("--every", help="poll interval, e.g. 5m, 2h (default: NEWSBOT_POLL_MINUTES or 15m)")
    listing = feeds_sub.add_parser("list", help="every feed and how it is doing")
    listing.add_argument("--json", action="store_true")
    listing.add_argument("--desk", help="only this desk's feeds")
    remove = feeds_sub.add_parser("remove", help="stop following a feed (its articles stay)")
    remove.add_argument("id", type=int)
    poll = feeds_sub.add_parser("poll", help="poll now: every active feed, or the ones named")
    poll.add_argument("ids", nargs="*", type=int, metavar="ID")

    worker = sub.add_parser("worker", help="run the background jobs (feed polls ...) without Slack")
    worker.add_argument("--once", action="store_true", help="one round of every job, then exit (cron, tests)")


def cmd_feeds(db: Any, args: argparse.Namespace) -> int:
    return {"add": _add, "list": _list, "remove": _remove, "poll": _poll}[args.feeds_command](db, args)


def _add(db: Any, args: argparse.Namespace) -> int:
    from bot.feeds.manage import add_feed

    desk = get_desk(args.desk) if args.desk else default_desk()
    if desk is None:
        print(f"feeds add: there is no desk {args.desk!r}", file=sys.stderr)
        return 2
    try:
        every = parse_every(args.every) if args.every else None
    except ValueError as exc:
        print(f"feeds add: {exc}", file=sys.stderr)
        return 2
    result = add_feed(db, args.url, desk.name, every, language=args.language)
    if not result.ok:
        print(f"feeds add: refused {args.url}: {result.error}", file=sys.stderr)
        return 1
    if result.existing:
        print(f"feed {result.feed_id} already follows {args.url} (desk {result.desk})", file=sys.stderr)
    else:
        print(f"feed {result.feed_id}: {result.title or '(untitled)'}, {result.entries} entries now; desk "
              f"{desk.name}. First poll: `newsbot feeds poll {result.feed_id}`, or the worker within a minute.",
              file=sys.stderr)
    print(result.feed_id)
    return 0


def _list(db: Any, args: argparse.Namespace) -> int:
    from bot.feeds.manage import describe, feeds_view

    desk = None
    if args.desk:
        found = get_desk(args.desk)
        desk = found.name if found else args.desk
    views = feeds_view(db, desk)
    if args.json:
        print(json.dumps(views, ensure_ascii=False, indent=2))
    elif not views:
        print("No feeds yet: newsbot feeds add URL [--desk DESK]")
    else:
        print("\n".join(describe(v) for v in views))
    return 0


def _remove(db: Any, args: argparse.Namespace) -> int:
    from bot.feeds.manage import remove_feed

    if not remove_feed(db, args.id):
        print(f"feeds remove: there is no feed {args.id}", file=sys.stderr)
        return 1
    print(f"feed {args.id} removed (its articles stay in the archive)")
    return 0


def _poll(db: Any, args: argparse.Namespace) -> int:
    from bot.feeds.rounds import poll_feeds
    from bot.scheduler import slack_client
    from storage.feeds import list_feeds

    ids = args.ids or [f["id"] for f in list_feeds(db) if f["status"] == "active"]
    if not ids:
        print("No active feeds to poll.")
        return 0
    results = poll_feeds(db, ids, slack_client())
    for r in results:
        print(f"feed {r.feed_id}{' ' + r.url if r.url else ''}: {r.line()}")
    return 1 if any(r.failed for r in results) else 0
