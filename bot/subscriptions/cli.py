"""`newsbot subscriptions add|list|remove`, `newsbot digest` and `newsbot log`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

import sqlite_utils

from bot.subscriptions import service, why
from bot.subscriptions.schedule import DEFAULT_SCHEDULE
from storage import subscriptions as store

COMMANDS = ("subscriptions", "digest", "log")


def add_parsers(sub: Any) -> None:
    """Register the three commands on the `newsbot` sub-parser."""
    subs = sub.add_parser("subscriptions", help="channel subscriptions to a desk, topic words or a person")
    verbs = subs.add_subparsers(dest="subscriptions_command", required=True)
    add = verbs.add_parser("add", help="subscribe a channel; prints the new id")
    add.add_argument("--channel", required=True, help="Slack channel id, e.g. C0123ABCD")
    add.add_argument("--desk", help="desk name (default: the default desk)")
    add.add_argument("--schedule", default=DEFAULT_SCHEDULE,
                     help='"instant", "hourly", "daily HH:MM" or "weekly DAY HH:MM" (default: daily 08:00)')
    add.add_argument("--who", help="only articles mentioning this person or organisation")
    add.add_argument("--tz", help="IANA time zone for the schedule (default: NEWSBOT_TZ, else UTC)")
    add.add_argument("words", nargs="*", metavar="WORDS", help="topic words (none: the whole desk)")
    listing = verbs.add_parser("list", help="every subscription")
    listing.add_argument("--json", action="store_true")
    remove = verbs.add_parser("remove", help="remove a subscription by id")
    remove.add_argument("id", type=int)

    digest = sub.add_parser("digest", help="send every subscription's pending digest now")
    digest.add_argument("--channel", help="only this channel's subscriptions")
    digest.add_argument("--dry-run", action="store_true", help="print the digests; post and change nothing")
    digest.add_argument("--json", action="store_true")

    logs = sub.add_parser("log", help="why each recent article was posted, skipped or failed")
    logs.add_argument("--json", action="store_true")
    logs.add_argument("--limit", type=int, default=50)
    logs.add_argument("--channel", help="only this channel's subscriptions")
    logs.add_argument("--article", help="one article (id or link): why it was or was not posted to each "
                                        "subscription (of --channel)")
    logs.add_argument("--status", choices=why.STATUSES, help="only entries in this state")


def run(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    if args.command == "subscriptions":
        return {"add": cmd_add, "list": cmd_list, "remove": cmd_remove}[args.subscriptions_command](db, args)
    if args.command == "digest":
        return cmd_digest(db, args)
    return cmd_log(db, args)


def cmd_add(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    from bot.desks import default_desk

    request = service.Request(args.desk or default_desk().name, " ".join(args.words), args.who, args.schedule,
                              args.tz)
    try:
        request.schedule = str(service.parse_schedule(request.schedule))
        sub = service.add(db, request, channel=args.channel)
    except (service.SubscriptionError, service.ScheduleError) as exc:
        print(f"newsbot subscriptions add: {exc}", file=sys.stderr)
        return 2
    print(sub["id"])
    return 0


def cmd_list(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    subs = service.listed(db)
    if args.json:
        print(json.dumps([service.to_json(s) for s in subs], ensure_ascii=False, indent=2))
    elif not subs:
        print("No subscriptions. Add one: newsbot subscriptions add --channel C0123ABCD crime")
    else:
        for s in subs:
            print(f"{service.describe(s)} → {s['channel']}")
    return 0


def cmd_remove(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    if not service.remove(db, str(args.id)):
        print(f"newsbot subscriptions remove: no subscription {args.id}", file=sys.stderr)
        return 1
    print(f"removed {args.id}")
    return 0


def cmd_digest(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    from bot.subscriptions.deliver import digest_client, run_digests, utcnow

    client = None
    if not args.dry_run:
        token = os.environ.get("SLACK_BOT_TOKEN", "").strip()
        if not token:
            print("newsbot digest: SLACK_BOT_TOKEN is not set (or use --dry-run)", file=sys.stderr)
            return 2
        client = digest_client(token)
    results = run_digests(db, client, utcnow(), channel=args.channel, dry_run=args.dry_run)
    if args.json:
        print(json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=2))
    else:
        for r in results:
            print(r.text if r.text else _line(r))
            if r.text:
                print()
        if not results:
            print("No subscriptions" + (f" for {args.channel}" if args.channel else "") + ".")
    return 1 if any(r.status in ("failed", "error") for r in results) else 0


def _line(r: Any) -> str:
    base = f"#{r.subscription_id} → {r.channel}: {r.status}"
    if r.status == "posted":
        return f"{base}, {len(r.article_ids)} article(s) in {r.messages} message(s)"
    if r.status == "failed":
        return f"{base}: {r.error}; next retry {r.next_retry}"
    if r.status == "busy":
        return f"{base} (another process is sending it)"
    return base + (f": {r.error}" if r.error else "")


def cmd_log(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    if args.article:
        return _explain(db, args)
    found = why.entries(db, max(1, args.limit), store.LogFilter(args.channel, None, args.status))
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
    elif not found:
        print("Nothing delivered, skipped or failed yet" + (f" for {args.channel}" if args.channel else "") + ".")
    else:
        for entry in found:
            print(why.entry_text(entry))
    return 0


def _explain(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    """`newsbot log --article X [--channel C]`: the article against each subscription, posted or why not."""
    article = why.find_article(db, args.article)
    if article is None:
        print(f"newsbot log: no stored article {args.article}", file=sys.stderr)
        return 1
    found = [e for e in why.explain(db, article, args.channel)
             if args.status is None or e["status"] == args.status]
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return 0
    if article.get("copy_of_url"):
        print(f"{args.article} is a copy of article {article['id']} “{article['title']}”")
    if not found:
        print("No subscriptions" + (f" for {args.channel}" if args.channel else "") + ".")
    for entry in found:
        print(why.explanation_text(entry))
    return 0
