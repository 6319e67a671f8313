"""The Slack app running on loopback for tests: signed requests in, the stand-in's records out.

`running_app(db_path)` serves the Bolt app (bot.serve's HTTP server) with its WebClient pointed at a
SlackStandin; `Harness` signs and posts what Slack would send and reads back what was posted.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from slack_standin import BOT_TOKEN, SlackStandin, event_body, interaction_body, sign, slash_body

from bot.app import create_app
from bot.serve import build_http_server

SECRET = "test-signing-secret-0123456789abcdef"
FORM = "application/x-www-form-urlencoded"


@dataclass
class Harness:
    standin: SlackStandin
    url: str
    db_path: Path

    def post(self, body: str, content_type: str = FORM, *, timestamp: int | None = None,
             secret: str = SECRET) -> httpx.Response:
        headers = {"Content-Type": content_type, **sign(secret, body, timestamp)}
        return httpx.post(f"{self.url}/slack/events", content=body, headers=headers, timeout=10)

    def command(self, text: str, name: str, command: str = "/peru", user: str = "U0REPORTER") -> httpx.Response:
        return self.post(slash_body(command, text, self.standin.response_url(name), user=user))

    def answer(self, name: str, count: int = 1, timeout: float = 20) -> dict[str, Any]:
        """The `count`-th message posted to the response_url called `name`."""
        calls = self.standin.wait_for("response_url", count, timeout, path=self.standin.response_path(name))
        return calls[count - 1].body

    def ask(self, text: str, name: str, command: str = "/peru", user: str = "U0REPORTER") -> dict[str, Any]:
        """A slash command and its answer."""
        assert self.command(text, name, command, user).status_code == 200
        return self.answer(name)

    def click(self, payload: dict[str, Any]) -> None:
        assert self.post(interaction_body(payload)).status_code == 200

    def event(self, event: dict[str, Any]) -> None:
        assert self.post(event_body(event), "application/json").status_code == 200

    def posted(self, method: str) -> int:
        return len(self.standin.calls_of(method, ok_only=True))

    def articles(self) -> int:
        with sqlite3.connect(self.db_path) as conn:
            return conn.execute("select count(*) from articles").fetchone()[0]

    def sql(self, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.db_path) as conn:
            return conn.execute(query, params).fetchall()


@contextmanager
def running_app(db_path: Path, standin: SlackStandin | None = None) -> Iterator[Harness]:
    """The app serving `db_path` on a loopback port, talking to `standin` (a new one if not given)."""
    own = standin is None
    standin = standin or SlackStandin().start()
    app = create_app(db_path=str(db_path), token=BOT_TOKEN, signing_secret=SECRET, base_url=standin.api_url)
    server = build_http_server(app, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield Harness(standin, f"http://127.0.0.1:{server.server_address[1]}", db_path)
    finally:
        server.shutdown()
        server.server_close()
        if own:
            standin.stop()


def blocks_of(message: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [b for b in message.get("blocks", []) if b["type"] == kind]


def buttons(message: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The message's buttons by action_id."""
    return {e["action_id"]: e for b in blocks_of(message, "actions") for e in b["elements"]}


def button(message: dict[str, Any], action_id: str) -> str:
    found = buttons(message).get(action_id)
    if found is None:
        raise AssertionError(f"no {action_id} button in {json.dumps(message)[:500]}")
    return found["value"]


def sections(message: dict[str, Any]) -> list[str]:
    return [b["text"]["text"] for b in blocks_of(message, "section")]


def settle(seconds: float = 0.8) -> None:
    """Give lazy listeners time to do something they should not (for 'nothing happened' checks)."""
    time.sleep(seconds)


def rendered(node: Any) -> list[str]:
    """Every string Slack renders (each `text`), leaving out button values: opaque data, never shown."""
    if isinstance(node, dict):
        return [t for k, v in node.items() if k != "value"
                for t in ([v] if k == "text" and isinstance(v, str) else rendered(v))]
    if isinstance(node, list):
        return [t for v in node for t in rendered(v)]
    return []
