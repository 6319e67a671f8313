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
from slack_standin import (
    BOT_TOKEN,
    BOT_USER,
    SlackStandin,
    button_click,
    event_body,
    interaction_body,
    sign,
    slash_body,
)

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

    def signed(self, body: str, content_type: str = FORM) -> None:
        """POST a signed interaction or event, as Slack would; it must be acked."""
        resp = httpx.post(f"{self.url}/slack/events", content=body, timeout=10,
                          headers={"Content-Type": content_type, **sign(SECRET, body)})
        assert resp.status_code == 200

    def all_subscriptions(self) -> list[tuple[str, str]]:
        with sqlite3.connect(self.db_path) as conn:
            return sorted(conn.execute("SELECT channel, topics FROM subscriptions"))

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


OTHER = "C0OTHERDESK"  # a channel the user is not in (and the bot may well be)


@pytest.mark.parametrize("text", [
    "subscribe crime in <#C0OTHERDESK|crime-desk> daily 08:00",  # Slack's channel link, picked from the menu
    "subscribe crime in #crime-desk instant",  # typed, unescaped
    "subscribe who José Jerí to <#C0OTHERDESK>",
    "subscribe crime channel=C0OTHERDESK",  # the CLI's spelling
    "subscribe extortion --channel C0OTHERDESK hourly",
])
def test_a_channel_named_in_the_command_is_never_subscribed(app: App, text: str) -> None:
    """Before: the channel reference became topic words and *this* channel was subscribed to
    "crime in <#C0OTHERDESK|crime-desk>"; the user believed the other channel would get the digest."""
    before = app.all_subscriptions()
    answer = wire(app.command(text, f"named-{abs(hash(text))}", channel="C0WHEREIAM", user="U0OUTSIDER"))
    assert "only subscribe the channel this command is typed in" in answer and "Nothing was changed" in answer
    assert app.all_subscriptions() == before
    assert not [c for c in app.standin.calls_of("chat.postMessage") if c.body.get("channel") in (OTHER, "C0WHEREIAM")]


def test_unsubscribing_another_channel_by_naming_it_is_refused(app: App) -> None:
    app.command("subscribe prisons weekly mon 08:00", "other-own", channel=OTHER)
    assert len(app.subscriptions(OTHER)) == 1
    answer = wire(app.command("unsubscribe prisons in <#C0OTHERDESK|crime-desk>", "other-unsub", channel="C0WHEREIAM"))
    assert "only unsubscribe the channel this command is typed in" in answer
    assert len(app.subscriptions(OTHER)) == 1


def test_naming_the_commands_own_channel_subscribes_it(app: App) -> None:
    answer = wire(app.command("subscribe crime in <#C0OWNDESK|own-desk> daily 08:00", "own", channel="C0OWNDESK"))
    assert "Subscribed" in answer
    [sub] = app.subscriptions("C0OWNDESK")
    assert (sub["topics"], sub["schedule"], sub["active"]) == ("crime", "daily 08:00", 1)


def test_buttons_mentions_and_app_home_never_make_a_subscription(app: App) -> None:
    """Every other way a channel id reaches the app, with the subscribe command forged into it: a More
    and a Share button whose value asks `subscribe` in a channel the clicker names, an @mention in a
    channel, App Home. None of them subscribes anything; the @mention answer says where to type it."""
    before = app.all_subscriptions()
    forged = '{"d": "peru", "q": "subscribe crime instant", "o": 0, "l": 5}'
    app.signed(interaction_body(button_click("more_answer", forged, app.standin.response_url("forged-more"),
                                             user="U0OUTSIDER", channel=OTHER)))
    app.standin.wait_for("response_url", 1, 20, path=app.standin.response_path("forged-more"))
    posts = len(app.standin.calls_of("chat.postMessage", ok_only=True))
    app.signed(interaction_body(button_click("share_answer", forged, app.standin.response_url("forged-share"),
                                             user="U0OUTSIDER", channel=OTHER)))
    refused = app.standin.wait_for("response_url", 1, 20, path=app.standin.response_path("forged-share"))[0].body
    assert "A button shows a page of an answer" in json.dumps(refused, ensure_ascii=False)  # and nothing shared
    mention = {"type": "app_mention", "user": "U0OUTSIDER", "channel": OTHER, "ts": "1700000000.000100",
               "text": f"<@{BOT_USER}> subscribe crime instant"}
    app.signed(event_body(mention), "application/json")
    said = app.standin.wait_for("chat.postMessage", posts + 1, 20)[-1].body
    app.signed(event_body({"type": "app_home_opened", "user": "U0OUTSIDER", "channel": "D0HOME", "tab": "home"}),
               "application/json")
    app.standin.wait_for("views.publish", 1, 20)
    assert app.all_subscriptions() == before
    assert "type `/peru subscribe" in json.dumps(said)
