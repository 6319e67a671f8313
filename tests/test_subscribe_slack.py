"""Subscriptions made, listed and removed from Slack: signed slash commands to the app on loopback.

The channel is the one the command was typed in; the time zone is the user's (users.info); a channel the
bot cannot post in keeps nothing.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import copy_archive
from digest_fixtures import clone_article
from slack_standin import BOT_TOKEN, SlackStandin, event_body, sign, slash_body

from bot.app import create_app
from bot.serve import build_http_server
from bot.subscriptions.deliver import digest_client, run_digests
from storage.db import open_db

SECRET = "test-signing-secret-subscriptions"
FORM = "application/x-www-form-urlencoded"
DESK_CHANNEL = "C0PERUDESK"


@dataclass
class App:
    standin: SlackStandin
    url: str
    db_path: Path

    def command(self, text: str, name: str, channel: str = DESK_CHANNEL, user: str = "U0EDITOR") -> dict[str, Any]:
        """Send `/peru <text>` signed as Slack signs it; return the answer posted to its response_url."""
        body = slash_body("/peru", text, self.standin.response_url(name), user=user, channel=channel)
        resp = httpx.post(f"{self.url}/slack/events", content=body, timeout=10,
                          headers={"Content-Type": FORM, **sign(SECRET, body)})
        assert resp.status_code == 200
        return self.standin.wait_for("response_url", 1, 20, path=self.standin.response_path(name))[0].body

    def subscriptions(self, channel: str) -> list[dict[str, Any]]:
        with sqlite3.connect(self.db_path) as conn:
            conn.row_factory = sqlite3.Row
            return [dict(r) for r in conn.execute("SELECT * FROM subscriptions WHERE channel = ?", [channel])]


@pytest.fixture(scope="module")
def app(seed_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    standin = SlackStandin().start()
    db_path = copy_archive(seed_db_path, tmp_path_factory.mktemp("subscribe") / "newsbot.db")
    bolt = create_app(db_path=str(db_path), token=BOT_TOKEN, signing_secret=SECRET, base_url=standin.api_url)
    server = build_http_server(bolt, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    yield App(standin, f"http://127.0.0.1:{server.server_address[1]}", db_path)
    server.shutdown()
    server.server_close()
    standin.stop()


def wire(message: dict[str, Any]) -> str:
    return " ".join(b["text"]["text"] for b in message.get("blocks", []) if b.get("type") == "section")


def test_signed_subscribe_makes_an_active_subscription_in_the_users_time_zone(app: App) -> None:
    app.standin.user_tz["U0EDITOR"] = "Europe/London"
    answer = app.command("subscribe crime daily 08:00", "subscribe")
    assert "Subscribed" in wire(answer)
    [sub] = app.subscriptions(DESK_CHANNEL)
    assert (sub["desk"], sub["topics"], sub["schedule"], sub["tz"]) == ("peru", "crime", "daily 08:00", "Europe/London")
    assert (sub["active"], sub["team"], sub["created_by"]) == (1, "T0NEWSROOM", "U0EDITOR")
    confirmation = [c for c in app.standin.calls_of("chat.postMessage", ok_only=True)
                    if c.body.get("channel") == DESK_CHANNEL]
    assert confirmation and "crime" in confirmation[-1].body["text"]

    listed = app.command("subscriptions", "list")
    assert f"#{sub['id']}" in wire(listed) and "crime" in wire(listed)

    removed = app.command("unsubscribe crime", "unsubscribe")
    assert "Unsubscribed" in wire(removed)
    assert app.subscriptions(DESK_CHANNEL) == []


def test_not_in_channel_keeps_nothing_and_says_to_invite(app: App) -> None:
    app.standin.fail_next("chat.postMessage", error="not_in_channel")
    answer = app.command("subscribe who José Jerí instant", "private", channel="G0PRIVATE")
    assert "/invite" in wire(answer) and "Nothing was saved" in wire(answer)
    assert app.subscriptions("G0PRIVATE") == []


def test_unreadable_schedule_is_explained_and_nothing_stored(app: App) -> None:
    answer = app.command("subscribe crime daily 25:00", "bad-schedule", channel="C0BADTIME")
    assert "25:00" in wire(answer) and "Usage" in wire(answer)
    assert app.subscriptions("C0BADTIME") == []


def test_only_editors_change_subscriptions_when_editors_are_named(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBOT_EDITORS", "U0EDITOR")
    answer = app.command("subscribe crime", "not-editor", channel="C0LOCKED", user="U0INTERN")
    assert "editors" in wire(answer)
    assert app.subscriptions("C0LOCKED") == []


def test_app_home_shows_subscriptions_and_why_articles_were_posted(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    app.command("subscribe instant", "home-subscribe", channel="C0HOMEDESK")
    db = open_db(app.db_path)
    clone_article(db, "Callao port workers strike over extortion")
    monkeypatch.setenv("SLACK_API_URL", app.standin.api_url)
    run_digests(db, digest_client(BOT_TOKEN), datetime.now(UTC), channel="C0HOMEDESK")
    body = event_body({"type": "app_home_opened", "user": "U0EDITOR", "channel": "D0HOME", "tab": "home"})
    resp = httpx.post(f"{app.url}/slack/events", content=body, timeout=10,
                      headers={"Content-Type": "application/json", **sign(SECRET, body)})
    assert resp.status_code == 200
    view = json.dumps(app.standin.wait_for("views.publish")[-1].body["view"])
    assert "<#C0HOMEDESK>" in view and "Digests: posted, skipped, failed" in view
    assert "Callao port workers strike over extortion" in view and "posted to C0HOMEDESK" in view
