"""Keeping secrets out of every log line and crash report the process writes.

Libraries log more than we do: at DEBUG slack_sdk prints requests and responses, and Bolt logs the body
of every request whose signature fails (a forged request may carry a token). Rather than trust each
one, every log record is made through a factory that masks secrets in its message and traceback, and
uncaught exceptions (main thread and others) are printed through the same mask. A secret is the value
of a credential variable (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN, SLACK_CLIENT_SECRET),
anything shaped like a Slack token (xox…-, xapp-), a bearer credential, or a response_url/webhook
address (a capability: whoever holds it may post as the app).
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
import traceback
from typing import Any

SECRET_VARS = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_CLIENT_SECRET")
MASK = "[redacted]"
_SHAPES = re.compile(
    r"\bxox[a-z]-[A-Za-z0-9-]{6,}|\bxapp-[A-Za-z0-9-]{6,}|(?i:bearer)\s+[A-Za-z0-9._~+/=-]{8,}"
    r"|https://hooks\.slack\.com/[^\s'\"<>|]+"
)
_installed = False


def redact(text: str) -> str:
    """`text` with every known secret value and every secret-shaped string masked."""
    for name in SECRET_VARS:
        value = (os.environ.get(name) or "").strip()
        if len(value) >= 8:
            text = text.replace(value, MASK)
    return _SHAPES.sub(MASK, text)


def install() -> None:
    """Mask secrets in every log record and uncaught exception from now on (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    make = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make(*args, **kwargs)
        try:
            record.msg, record.args = redact(record.getMessage()), None
        except Exception:  # a message that cannot be formatted is shown as its template, masked
            record.msg, record.args = redact(str(record.msg)), None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return record

    logging.setLogRecordFactory(factory)

    def excepthook(kind: type[BaseException], value: BaseException, tb: Any) -> None:
        sys.stderr.write(redact("".join(traceback.format_exception(kind, value, tb))))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is not SystemExit:
            name = args.thread.name if args.thread else "a thread"
            sys.stderr.write(f"Exception in {name}:\n")
            excepthook(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    sys.excepthook = excepthook
    threading.excepthook = thread_hook
