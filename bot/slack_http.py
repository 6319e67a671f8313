"""What `newsbot serve` checks in a request to POST /slack/events before Bolt sees it.

In this order, so that nothing a stranger sends costs more than its headers: a Content-Length that is a
number within MAX_BODY (no length → 411, nonsense → 400, too large → 413, the body unread); the body, read
by a deadline (bot/serve.py); Slack's signature over it (401, or 400 for a timestamp that is no number);
never the same signed request twice (409: a replay within Slack's five minutes would run a command again);
and a body that parses to the envelope Slack sends (a JSON object of bounded depth whose envelope fields have
Slack's types), else 400. Each refusal is one short log line, at most one every few seconds per reason, never
a traceback. Slack's own redeliveries (X-Slack-Retry-Num) carry a new timestamp and signature: the listeners
act once per event id and per click (handlers/reply.SeenOnce, in the archive), and this ledger once per
signed request.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import Any

from slack_bolt.request.internals import parse_body
from slack_sdk.signature import SignatureVerifier

from storage.requests import Ledger

MAX_BODY = 1 << 20  # Slack payloads are a few KB; refuse anything absurd before reading it
MAX_DEPTH = 64  # Slack's deepest payloads (blocks in a message in an event) nest about 15 levels
SIGNATURE_SECONDS = 11 * 60  # a signature is valid 5 minutes either side of its timestamp; kept past both
LOG_EVERY_SECONDS = 10.0
log = logging.getLogger("newsbot.serve")


class Refusal(Exception):
    """A request refused with `status`; the message is what the log says (one line) and the body."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


def content_length(headers: Any) -> int:
    """The declared length of the body, checked before a byte of it is read."""
    if headers.get("Transfer-Encoding"):
        raise Refusal(411, "a body without a Content-Length is not read")
    declared = headers.get("Content-Length")
    if declared is None:
        raise Refusal(411, "no Content-Length")
    declared = declared.strip()
    if not declared.isdigit() or not declared.isascii():
        raise Refusal(400, "the Content-Length is not a number")
    if int(declared) > MAX_BODY:
        raise Refusal(413, f"the body is larger than {MAX_BODY // 1024} KB")
    return int(declared)


def check_signature(secret: str, headers: Any, body: str) -> tuple[str, str]:
    """Slack's v0 signature over the body, within five minutes; (timestamp, signature) when it holds."""
    timestamp = (headers.get("X-Slack-Request-Timestamp") or "").strip()
    signature = (headers.get("X-Slack-Signature") or "").strip()
    if not timestamp or not signature:
        raise Refusal(401, "not signed")
    if not timestamp.isdigit() or not timestamp.isascii() or len(timestamp) > 12:
        raise Refusal(400, "the request timestamp is not a number")
    if not SignatureVerifier(secret).is_valid(body, timestamp, signature):
        raise Refusal(401, "a bad or stale signature")
    return timestamp, signature


def parse_payload(body: str, content_type: str | None) -> dict[str, Any]:
    """The payload as Bolt will read it (a form, a form's `payload` JSON, or JSON), if it is an object."""
    try:
        payload = parse_body(body, (content_type or "").split(";")[0].strip() or None)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
        raise Refusal(400, f"the body does not parse ({type(exc).__name__})") from exc
    if not isinstance(payload, dict):
        raise Refusal(400, f"the payload is a JSON {json_kind(payload)}, not an object")
    if _depth(payload) > MAX_DEPTH:
        raise Refusal(400, f"the payload nests deeper than {MAX_DEPTH} levels")
    check_envelope(payload)
    return payload


def json_kind(value: Any) -> str:
    """What a parsed JSON value is, in JSON's words (null, array ...), for a refusal."""
    kinds = {type(None): "null", bool: "boolean", int: "number", float: "number", str: "string", list: "array",
             dict: "object"}
    return kinds.get(type(value), type(value).__name__)


def _depth(value: Any) -> int:
    """How deep objects and lists nest (iteratively: the depth is what is being checked)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                stack.extend((child, level + 1) for child in (node.values() if isinstance(node, dict) else node))
    return deepest


# The fields of Slack's envelopes that Bolt reads as objects, strings or lists before any listener runs,
# with the JSON types Slack sends them as (slash commands are a form: every field a string).
ENVELOPE: dict[str, tuple[type, ...]] = {
    "type": (str,), "event_id": (str,), "event": (dict,), "view": (dict,), "container": (dict,),
    "message": (dict,), "previous_message": (dict,), "channel": (dict, str), "user": (dict, str),
    "team": (dict, str, type(None)), "enterprise": (dict, str, type(None)), "authorizations": (list,),
    "actions": (list,), "callback_id": (str,), "command": (str,), "text": (str,), "response_url": (str,),
    "state": (dict,), "workflow_step": (dict,), "function_data": (dict,),
}
NESTED = ("event", "view", "message", "previous_message")  # objects whose own fields Bolt reads too
REQUIRED = {  # payload type → (field, what it must hold) Bolt's matchers index without checking
    "event_callback": [("event", "type")],
    "view_submission": [("view", "type"), ("view", "callback_id")],
    "view_closed": [("view", "type"), ("view", "callback_id")],
}


def check_envelope(payload: dict[str, Any], level: int = 0) -> None:
    """Refuse an envelope whose fields have types Slack never sends (Bolt would crash on them: HTTP 500)."""
    for name, types in ENVELOPE.items():
        if name in payload and not isinstance(payload[name], types):
            raise Refusal(400, f"`{name}` is a JSON {json_kind(payload[name])}")
    actions = payload.get("actions")
    if actions is not None and (not actions or not all(isinstance(a, dict) for a in actions)):
        raise Refusal(400, "`actions` is not a list of actions")
    if payload.get("type") == "block_actions" and not all(isinstance(a.get("action_id"), str) for a in actions or [{}]):
        raise Refusal(400, "an action has no action_id")
    if not all(isinstance(a, dict) for a in payload.get("authorizations") or []):
        raise Refusal(400, "`authorizations` is not a list of objects")
    for holder, field in REQUIRED.get(payload.get("type") or "", []):
        if not isinstance(payload.get(holder, {}).get(field), str):
            raise Refusal(400, f"`{holder}.{field}` is missing")
    if level < 2:
        for name in NESTED:
            if isinstance(payload.get(name), dict):
                check_envelope(payload[name], level + 1)


class RequestLedger:
    """Replays: each signed request runs once."""

    def __init__(self, path: str) -> None:
        self._ledger = Ledger(path)

    def check_new(self, timestamp: str, signature: str) -> None:
        """Refuse a signed request already handled (the same signature over the same timestamp)."""
        if not self._ledger.first_time(f"{timestamp}:{signature}", SIGNATURE_SECONDS):
            raise Refusal(409, "a replay of a request already handled")

    def close(self) -> None:
        self._ledger.close()


class QuietLog:
    """One warning per reason every LOG_EVERY_SECONDS, with how many were left out: a flood of bad requests
    must not flood the log (200 of them used to add 440 KB of tracebacks)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last: dict[str, float] = {}
        self._skipped: dict[str, int] = {}

    def refused(self, status: int, reason: str, client: str) -> None:
        now = time.monotonic()
        with self._lock:
            if now - self._last.get(reason, float("-inf")) < LOG_EVERY_SECONDS:
                self._skipped[reason] = self._skipped.get(reason, 0) + 1
                return
            self._last[reason], skipped = now, self._skipped.pop(reason, 0)
        more = f" (and {skipped} more since the last such line)" if skipped else ""
        log.warning("refused a request from %s with %d: %s%s", client, status, reason, more)


def refusal_body(exc: Refusal) -> str:
    """What the client is told: the status's reason in one JSON line."""
    return json.dumps({"error": str(exc)})
