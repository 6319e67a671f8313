"""The Slack app end to end, over the real protocol on loopback.

The app runs as a real HTTP server (bot.serve's), its WebClient points at the Slack stand-in, and
every request is form-encoded or JSON and signed exactly as Slack signs it. Assertions are on what
crossed the wire: the HTTP status of the ack, and the calls the stand-in recorded.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import FIXTURES, copy_archive
from slack_harness import SECRET, Harness, blocks_of, button, rendered, running_app, settle
from slack_standin import (
    BOT_TOKEN,
    BOT_USER,
    button_click,
    event_body,
    interaction_body,
    slash_body,
)
from webserver import Page, WebServer

from bot.app import create_app
from bot.serve import build_http_server


@pytest.fixture(scope="module")
def slack(seed_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    """The seed archive (conftest's seed_db_path, ingested once) served by the app on loopback."""
    with running_app(copy_archive(seed_db_path, tmp_path_factory.mktemp("slack-app") / "newsbot.db")) as harness:
        yield harness


@pytest.fixture
def article_site(web: WebServer) -> str:
    """A local web server with one news article (its title tries to ping @channel)."""
    web.pages["/story.html"] = Page((FIXTURES / "slack_article.html").read_text(encoding="utf-8"))
    return web.url("/story.html")


def test_health_endpoint(slack: Harness) -> None:
    resp = httpx.get(f"{slack.url}/healthz", timeout=5)
    assert resp.status_code == 200 and resp.json() == {"ok": True}


def test_bad_signature_is_refused_and_changes_nothing(slack: Harness, article_site: str) -> None:
    before = slack.articles()
    body = slash_body("/peru", f"add {article_site}", slack.standin.response_url("forged"))
    resp = slack.post(body, secret="not-the-secret")
    assert resp.status_code == 401
    settle()
    assert not [c for c in slack.standin.calls if c.path == slack.standin.response_path("forged")]
    assert slack.articles() == before


def test_url_verification_challenge_is_answered(slack: Harness) -> None:
    body = json.dumps({"token": "legacy", "challenge": "c-123", "type": "url_verification"})
    resp = slack.post(body, "application/json")
    assert resp.status_code == 200 and resp.json() == {"challenge": "c-123"}


def test_stale_timestamp_is_refused(slack: Harness) -> None:
    body = slash_body("/peru", "crime summary", slack.standin.response_url("stale"))
    resp = slack.post(body, timestamp=int(time.time()) - 10 * 60)
    assert resp.status_code == 401
    settle()
    assert not [c for c in slack.standin.calls if c.path == slack.standin.response_path("stale")]


SEED_TITLE = "Win His ‘War on Crime’"


def test_crime_summary_round_trip(slack: Harness) -> None:
    started = time.monotonic()
    resp = slack.command("crime summary", "summary")
    assert resp.status_code == 200 and time.monotonic() - started < 2.5  # acked well inside 3 s
    message = slack.answer("summary")
    assert message["response_type"] == "ephemeral"
    header = blocks_of(message, "header")[0]["text"]["text"]
    assert "Summary" in header and "crime" in header
    wire = json.dumps(message, ensure_ascii=False)
    assert SEED_TITLE in wire  # cites the seed article
    assert "[1]" in wire and blocks_of(message, "context")  # items cite; context line
    assert button(message, "share_answer")


def test_share_in_channel_posts_once_attributed(slack: Harness) -> None:
    slack.command("crime summary", "share-src")
    value = button(slack.answer("share-src"), "share_answer")
    click = button_click("share_answer", value, slack.standin.response_url("share-click"))
    posted_before = len(slack.standin.calls_of("chat.postMessage", ok_only=True))
    again = button_click("share_answer", value, slack.standin.response_url("share-click"),
                         message_ts=click["container"]["message_ts"])  # a double click: its own action_ts
    assert slack.post(interaction_body(click)).status_code == 200
    assert slack.post(interaction_body(again)).status_code == 200
    posts = slack.standin.wait_for("chat.postMessage", posted_before + 1)
    settle()
    posts = slack.standin.calls_of("chat.postMessage", ok_only=True)
    assert len(posts) == posted_before + 1
    body = posts[-1].body
    assert body["channel"] == "C0PERUDESK"
    wire = json.dumps(body, ensure_ascii=False)
    assert "shared by <@U0REPORTER>" in wire and SEED_TITLE in wire
    assert "share_answer" not in wire  # the shared copy has no buttons


def test_a_refused_share_says_why_and_a_later_click_shares(slack: Harness) -> None:
    slack.command("crime summary", "refused-src")
    value = button(slack.answer("refused-src"), "share_answer")
    posted_before = len(slack.standin.calls_of("chat.postMessage", ok_only=True))
    slack.standin.fail_next("chat.postMessage", 1, error="not_in_channel")
    click = button_click("share_answer", value, slack.standin.response_url("refused-click"), message_ts="17.1")
    assert slack.post(interaction_body(click)).status_code == 200
    refusal = slack.answer("refused-click")
    assert "not_in_channel" in refusal["text"] and "/invite @newsbot" in refusal["text"]
    # the reporter invites the bot and clicks the same button again: this time it is shared
    again = button_click("share_answer", value, slack.standin.response_url("refused-again"), message_ts="17.1")
    assert slack.post(interaction_body(again)).status_code == 200
    slack.standin.wait_for("chat.postMessage", posted_before + 1)
    settle()
    assert len(slack.standin.calls_of("chat.postMessage", ok_only=True)) == posted_before + 1


def test_a_click_the_app_cannot_handle_still_gets_a_reply(slack: Harness) -> None:
    slack.command("crime summary", "broken-src")
    value = button(slack.answer("broken-src"), "share_answer")
    click = button_click("share_answer", value, slack.standin.response_url("broken-click"))
    click["channel"] = "C0PERUDESK"  # malformed: Slack sends an object here
    posted_before = len(slack.standin.calls_of("chat.postMessage", ok_only=True))
    assert slack.post(interaction_body(click)).status_code == 200
    reply = slack.answer("broken-click")
    assert reply["response_type"] == "ephemeral" and "something went wrong" in reply["text"]
    assert len(slack.standin.calls_of("chat.postMessage", ok_only=True)) == posted_before


def test_more_gives_the_next_page(slack: Harness) -> None:
    slack.command("timeline", "more-src")
    first = slack.answer("more-src")
    value = json.loads(button(first, "more_answer"))
    click = button_click("more_answer", json.dumps(value), slack.standin.response_url("more-click"))
    assert slack.post(interaction_body(click)).status_code == 200
    second = slack.answer("more-click")
    assert second["replace_original"] is True
    first_items = [b["text"]["text"] for b in blocks_of(first, "section")]
    second_items = [b["text"]["text"] for b in blocks_of(second, "section")]
    assert second_items and second_items[0] not in first_items
    assert f"Items {value['o'] + 1}–" in json.dumps(second, ensure_ascii=False)


def test_rate_limited_post_is_retried_and_lands_once(slack: Harness) -> None:
    slack.command("crime summary", "ratelimit-src")
    value = button(slack.answer("ratelimit-src"), "share_answer")
    ok_before = len(slack.standin.calls_of("chat.postMessage", ok_only=True))
    slack.standin.fail_next("chat.postMessage", 1, status=429, retry_after=1)
    click = button_click("share_answer", value, slack.standin.response_url("ratelimit-click"))
    assert slack.post(interaction_body(click)).status_code == 200
    slack.standin.wait_for("chat.postMessage", ok_before + 1, timeout=20)
    settle()
    calls = slack.standin.calls_of("chat.postMessage")
    assert [c.status for c in calls].count(429) >= 1
    assert len(slack.standin.calls_of("chat.postMessage", ok_only=True)) == ok_before + 1
    limited = next(i for i, c in enumerate(calls) if c.status == 429)
    assert calls[limited + 1].at - calls[limited].at >= 1.0  # Retry-After honoured


def test_user_text_cannot_ping_or_forge_links(slack: Harness) -> None:
    slack.command("<!channel> <http://evil.example|your bank> summary", "evil")
    shown = "\n".join(rendered(slack.answer("evil")))
    assert "<!channel>" not in shown and "<http://evil.example" not in shown
    assert "&lt;!channel&gt;" in shown


def test_add_acks_first_then_reports_what_was_stored(
    slack: Harness, article_site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSBOT_ALLOW_PRIVATE_URLS", "1")
    before = slack.articles()
    resp = slack.command(f"add {article_site}", "add")
    assert resp.status_code == 200
    assert "Reading" in resp.json()["text"] and article_site in resp.json()["text"]
    assert not [c for c in slack.standin.calls if c.path == slack.standin.response_path("add")]
    message = slack.answer("add", timeout=60)
    wire = "\n".join(rendered(message))
    assert "Extortion Gangs Squeeze" in wire and "Stored" in wire
    assert "<!channel>" not in wire and "&lt;!channel&gt;" in wire  # the page's title cannot ping
    assert slack.articles() == before + 1


def test_add_refuses_a_loopback_url_without_the_dev_override(
    slack: Harness, article_site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSBOT_ALLOW_PRIVATE_URLS", raising=False)
    before = slack.articles()
    url = article_site.replace("story.html", "other.html")
    assert "Reading" in slack.command(f"add {url}", "add-refused").json()["text"]
    wire = json.dumps(slack.answer("add-refused", timeout=30), ensure_ascii=False)
    assert "Could not add" in wire
    assert slack.articles() == before


def test_message_shortcut_adds_linked_articles(
    slack: Harness, article_site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSBOT_ALLOW_PRIVATE_URLS", "1")
    payload = {
        "type": "message_action", "callback_id": "add_to_archive", "trigger_id": "1.2.3",
        "team": {"id": "T0NEWSROOM", "domain": "newsroom"},
        "channel": {"id": "C0PERUDESK", "name": "peru-desk"},
        "user": {"id": "U0REPORTER", "name": "reporter"}, "message_ts": "1700000000.000200",
        "message": {"type": "message", "user": "U0EDITOR", "ts": "1700000000.000200",
                    "text": f"Worth a read: <{article_site}|bus drivers story> &amp; more"},
        "response_url": slack.standin.response_url("shortcut"),
    }
    assert slack.post(interaction_body(payload)).status_code == 200
    wire = json.dumps(slack.answer("shortcut", timeout=60), ensure_ascii=False)
    assert "Extortion Gangs Squeeze" in wire


def test_app_mention_answers_in_a_thread(slack: Harness) -> None:
    event = {"type": "app_mention", "user": "U0REPORTER", "text": f"<@{BOT_USER}> crime summary",
             "ts": "1700000000.000300", "channel": "C0PERUDESK", "event_ts": "1700000000.000300"}
    before = len(slack.standin.calls_of("chat.postMessage", ok_only=True))
    body = event_body(event)
    assert slack.post(body, "application/json").status_code == 200
    post = slack.standin.wait_for("chat.postMessage", before + 1)[-1].body
    assert post["thread_ts"] == "1700000000.000300" and post["channel"] == "C0PERUDESK"
    assert SEED_TITLE in json.dumps(post, ensure_ascii=False)
    redelivered = int(time.time()) + 1  # Slack's redelivery: the same event, signed again
    assert slack.post(body, "application/json", timestamp=redelivered).status_code == 200
    settle()
    assert len(slack.standin.calls_of("chat.postMessage", ok_only=True)) == before + 1


def test_a_redelivery_after_a_restart_is_not_answered_twice(slack: Harness) -> None:
    event = {"type": "app_mention", "user": "U0REPORTER", "text": f"<@{BOT_USER}> crime summary",
             "ts": "1700000000.000500", "channel": "C0PERUDESK", "event_ts": "1700000000.000500"}
    body = event_body(event)
    before = len(slack.standin.calls_of("chat.postMessage", ok_only=True))
    assert slack.post(body, "application/json").status_code == 200
    slack.standin.wait_for("chat.postMessage", before + 1)
    # the app restarts on the same archive; Slack redelivers the event it never saw acknowledged
    app = create_app(db_path=str(slack.db_path), token=BOT_TOKEN, signing_secret=SECRET,
                     base_url=slack.standin.api_url)
    server = build_http_server(app, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        restarted = Harness(slack.standin, f"http://127.0.0.1:{server.server_address[1]}", slack.db_path)
        assert restarted.post(body, "application/json", timestamp=int(time.time()) + 1).status_code == 200
        settle()
        assert len(slack.standin.calls_of("chat.postMessage", ok_only=True)) == before + 1
    finally:
        server.shutdown()
        server.server_close()


def test_app_home_shows_latest_and_offers_only_what_works(slack: Harness) -> None:
    event = {"type": "app_home_opened", "user": "U0REPORTER", "channel": "D0HOME", "tab": "home",
             "event_ts": "1700000000.000400"}
    assert slack.post(event_body(event), "application/json").status_code == 200
    call = slack.standin.wait_for("views.publish")[-1].body
    assert call["user_id"] == "U0REPORTER"
    wire = json.dumps(call["view"], ensure_ascii=False)
    assert call["view"]["type"] == "home" and "Latest on" in wire
    assert "/peru subscribe" in wire and "/peru feeds add" in wire  # both work now (see test_subscribe_slack)
    assert "not available" not in wire
