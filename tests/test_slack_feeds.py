"""Feeds from Slack: `/peru feeds add|remove`, `/peru feeds`, signed over HTTP; failure alerts posted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from feedsite import items, publish
from slack_standin import BOT_TOKEN, SlackStandin
from test_slack_app import Harness, rendered, slack  # noqa: F401 (the app-on-loopback fixture)
from webserver import Page, WebServer

from bot.feeds.manage import add_feed
from bot.feeds.poll import poll_feed
from bot.slack_client import web_client
from storage.feeds import get_feed


def test_peru_feeds_add_list_remove_over_signed_http(
    slack: Harness, web: WebServer, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    monkeypatch.setenv("NEWSBOT_ALLOW_PRIVATE_URLS", "1")
    url = publish(web, items(2))
    assert slack.command(f"feeds add <{url}>", "feeds-add").status_code == 200
    added = "\n".join(rendered(slack.answer("feeds-add", timeout=30)))
    assert "Following feed" in added and "Test News: Peru" in added

    assert slack.command("feeds", "feeds-list").status_code == 200
    listed = "\n".join(rendered(slack.answer("feeds-list", timeout=30)))
    assert url in listed and "desk peru" in listed
    assert slack.command("feeds", "feeds-mexico", command="/mexico").status_code == 200
    assert url not in "\n".join(rendered(slack.answer("feeds-mexico", timeout=30)))  # another desk's feed

    web.pages["/page.html"] = Page("<html><body><p>Just a page</p></body></html>")
    slack.command(f"feeds add {web.url('/page.html')}", "feeds-refused")
    refused = "\n".join(rendered(slack.answer("feeds-refused", timeout=30)))
    assert "Could not follow" in refused and "not an RSS or Atom feed" in refused

    feed_id = added.split("Following feed ")[1].split(":")[0]
    slack.command(f"feeds remove {feed_id}", "feeds-remove")
    assert "Stopped following" in "\n".join(rendered(slack.answer("feeds-remove", timeout=30)))


def test_a_feed_failing_past_the_alert_time_tells_its_desk_once_and_recovers_silently(
    empty_db, web: WebServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSBOT_ALLOW_PRIVATE_URLS", "1")
    monkeypatch.setenv("NEWSBOT_HOST_GAP_SECONDS", "0")
    monkeypatch.setenv("NEWSBOT_FEED_ALERT_HOURS", "2")
    monkeypatch.setenv("NEWSBOT_ALERT_CHANNEL", "C0PERUDESK")
    now = datetime.now(UTC).replace(microsecond=0)
    url = publish(web, items(1))
    feed_id = add_feed(empty_db, url, "peru", now=now).feed_id
    web.pages["/feed.xml"] = Page("<oops & <!channel>", "text/plain", 500)
    with SlackStandin() as standin:
        client = web_client(BOT_TOKEN, standin.api_url)
        for hours in (0, 1, 3, 9):  # told at the first failure past 2 hours, and only then
            poll_feed(empty_db, feed_id, now + timedelta(hours=hours), client)
        posts = standin.calls_of("chat.postMessage")
        assert len(posts) == 1 and posts[0].body["channel"] == "C0PERUDESK"
        assert f"Feed {feed_id}" in posts[0].body["text"] and "HTTP 500" in posts[0].body["text"]
        assert get_feed(empty_db, feed_id)["alerted_at"]

        publish(web, items(1))
        assert poll_feed(empty_db, feed_id, now + timedelta(hours=10), client).line() == "1 new"
        assert len(standin.calls_of("chat.postMessage")) == 1  # recovery says nothing
    recovered = get_feed(empty_db, feed_id)
    assert recovered["alerted_at"] is None and recovered["failures"] == 0 and recovered["last_error"] is None
