"""The `newsbot` command: ingest, ask, serve, feeds, worker, fact corrections, subscriptions, digests, log,
backup."""

from __future__ import annotations

import argparse
import json
import os
import sys

# Answers multiply small matrices; OpenBLAS threads only add contention on a busy 2-core server.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from bot.config import db_path  # noqa: E402 (after the thread setting above)
from bot.language import language_code  # noqa: E402
from storage.db import open_db  # noqa: E402


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsbot", description="A newsroom desk's archive, answering questions.")
    parser.add_argument("--db", help="SQLite archive (default: NEWSBOT_DB or ./newsbot.db)")
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest", help="read files, folders, archives (.csv/.jsonl), URLs or feeds")
    ingest.add_argument("targets", nargs="*", metavar="PATH_OR_URL")
    ingest.add_argument("--reanalyse", action="store_true",
                        help="re-extract articles already stored (with no paths: the whole archive, from its text)")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    ingest.add_argument("--language", type=language_code, help="the articles' language (ISO 639-1, e.g. es), "
                        "whatever the source or text says (default: what the source states, else detected)")

    ask = sub.add_parser("ask", help='answer a command, e.g. "/peru crime summary"')
    ask.add_argument("text", nargs="+")
    ask.add_argument("--json", action="store_true", help="print the JSON answer contract")
    ask.add_argument("--limit", type=int, default=5, help="how many items (default: one page of 5)")
    ask.add_argument("--offset", type=int, default=0, help="skip this many items (next page)")

    serve = sub.add_parser("serve", help="run the Slack app (HTTP, or Socket Mode with SLACK_APP_TOKEN)")
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "3000")))
    mode = serve.add_mutually_exclusive_group()
    mode.add_argument("--socket-mode", dest="socket_mode", action="store_true", default=None,
                      help="Socket Mode (default when SLACK_APP_TOKEN is set)")
    mode.add_argument("--http", dest="socket_mode", action="store_false", help="HTTP mode even with SLACK_APP_TOKEN")

    facts = sub.add_parser("facts", help="correct or hide a wrong fact (survives re-ingestion)")
    facts_sub = facts.add_subparsers(dest="facts_command", required=True)
    fix = facts_sub.add_parser("fix", help="set fields of a fact, e.g. speaker='Dina Boluarte'")
    fix.add_argument("id", type=int)
    fix.add_argument("fields", nargs="+", metavar="FIELD=VALUE")
    fix.add_argument("--note")
    hide = facts_sub.add_parser("hide", help="hide a fact from every answer")
    hide.add_argument("id", type=int)
    hide.add_argument("--note")
    show = facts_sub.add_parser("show", help="show a fact and any correction")
    show.add_argument("id", type=int)

    backup = sub.add_parser("backup", help="a consistent copy of the archive, safe while serve and worker write")
    backup.add_argument("path", help="the copy to write (replaced only once the new copy is complete)")

    from bot.feeds.cli import add_parsers as add_feed_parsers

    add_feed_parsers(sub)

    from bot.subscriptions.cli import add_parsers as add_subscription_parsers

    add_subscription_parsers(sub)
    _db_after_command(sub)
    return parser


def _db_after_command(sub: argparse._SubParsersAction) -> None:
    """Accept `--db` after the command too (`newsbot ingest FILE --db X`), as people type it; one given
    before the command still counts when none follows (SUPPRESS leaves the earlier value alone)."""
    for command in sub.choices.values():
        if not any("--db" in action.option_strings for action in command._actions):
            command.add_argument("--db", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                _db_after_command(action)


def main(argv: list[str] | None = None) -> int:
    """The `newsbot` command. A reader that stops early (`newsbot ask ... | head -1`) is not an error of
    ours: the rest of the output goes to /dev/null and the exit status is 141 (128 + SIGPIPE), as for a
    tool killed by the signal, without a traceback (the recipe of Python's `signal` documentation)."""
    try:
        status = _run(argv)
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the interpreter's last flush at exit must not raise again
        return 141


def _run(argv: list[str] | None = None) -> int:
    from bot.redact import install

    install()  # no token or signing secret in any log line or crash report, whatever logs it
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        from bot.serve import run_serve

        return run_serve(db_path(args.db), args.port, args.socket_mode)
    if args.command == "worker":
        from bot.scheduler import run_worker

        return run_worker(db_path(args.db), once=args.once)
    if args.command == "backup":
        return cmd_backup(db_path(args.db), args.path)
    db = open_db(db_path(args.db))
    if args.command == "feeds":
        from bot.feeds.cli import cmd_feeds

        return cmd_feeds(db, args)
    if args.command == "ingest":
        return cmd_ingest(db, args)
    if args.command == "ask":
        return cmd_ask(db, args)
    if args.command in ("subscriptions", "digest", "log"):
        from bot.subscriptions.cli import run as run_subscriptions

        return run_subscriptions(db, args)
    from bot.corrections import cmd_facts

    return cmd_facts(db, args)


def lower_priority() -> None:
    """A bulk ingest is a batch job, usually on the machine that answers Slack: it gives way to `newsbot
    serve` (nice NEWSBOT_INGEST_NICE, default 10; 0 keeps the priority). Niced, it still gets every idle
    cycle, so alone it is as fast; beside a busy bot, the bot's acks and answers come first
    (bench/README.md, slack.py under load)."""
    try:
        step = int(os.environ.get("NEWSBOT_INGEST_NICE", "10"))
    except ValueError:
        step = 10
    if step > 0 and hasattr(os, "nice"):
        try:
            os.nice(step)
        except OSError:
            pass  # not allowed here: run at the priority we have


def cmd_ingest(db, args: argparse.Namespace) -> int:
    from bot.ingest.service import ingest, reanalyse_archive

    lower_priority()
    if not args.targets and not args.reanalyse:
        print("newsbot ingest: give files, folders or URLs (or --reanalyse alone for the whole archive)",
              file=sys.stderr)
        return 2
    if args.targets:
        report = ingest(db, args.targets, progress=not args.quiet, reanalyse=args.reanalyse, language=args.language)
    else:
        report = reanalyse_archive(db, progress=not args.quiet)
    for problem in report.problems:
        print(f"failed: {problem}", file=sys.stderr)
    for failure in report.failures:
        print(f"extractor error: {failure} (stored without it)", file=sys.stderr)
    for origin in report.truncated:
        print(f"note: {origin}: only the first 100,000 characters were analysed (all of it is stored)",
              file=sys.stderr)
    print(report.summary())
    return 0 if report.ok else 1


def cmd_backup(archive: str, path: str) -> int:
    """Copy the archive as it is (not migrated: a backup before an upgrade is the archive before it)."""
    from storage.backup import BackupError, backup

    try:
        result = backup(archive, path)
    except BackupError as exc:
        print(f"newsbot backup: {exc}", file=sys.stderr)
        return 1
    print(f"Backed up {archive} to {result.path}: {result.articles:,} articles, {result.bytes / 1e6:,.1f} MB,"
          f" schema version {result.schema_version}.")
    return 0


def cmd_ask(db, args: argparse.Namespace) -> int:
    from bot.answer.engine import ask
    from bot.ingest.service import ensure_seeded
    from bot.render_text import render_text

    seeded = ensure_seeded(db)
    if seeded is not None:
        print(f"The archive was empty: ingested the seed articles ({seeded.summary()}).", file=sys.stderr)
    answer = ask(db, " ".join(args.text), limit=args.limit, offset=args.offset)
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
    else:
        print(render_text(answer))
    return 1 if answer.action == "error" else 0


if __name__ == "__main__":
    sys.exit(main())
