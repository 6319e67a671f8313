"""The Slack leftovers of issue 20, over signed HTTP to the running app and the loopback Slack stand-in.

Each test asserts what a member would see in the posted payload: content shown as text, echoes without
invisible characters, links that are valid URLs, dates people read, commands that work on the desk they
are offered on, and messages whose parts Slack accepts.
"""

from __future__ import annotations

import html
import re
import sqlite3
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_archive
from digest_fixtures import clone_article
from feedsite import Item, article_html, items, publish
from slack_harness import Harness, blocks_of, button, rendered, running_app
from slack_sdk.models.blocks import Block
from slack_standin import BOT_TOKEN, SlackStandin, button_click, slash_body
from webserver import Page, WebServer

from bot.cli import main as cli
from bot.feeds.manage import add_feed
from bot.feeds.poll import poll_feed
from bot.slack_client import web_client
from bot.subscriptions.deliver import digest_client, run_digests
from handlers.blocks import MORE_ACTION, PREVIOUS_ACTION
from storage.db import open_db


@pytest.fixture(scope="module")
def slack(seed_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    with running_app(copy_archive(seed_db_path, tmp_path_factory.mktemp("leftovers") / "newsbot.db")) as harness:
        yield harness


def shown(message: dict[str, Any]) -> str:
    """What Slack shows of a message: every rendered string, entities decoded."""
    return html.unescape("\n".join(rendered(message)))


def actions_id(message: dict[str, Any]) -> str:
    return blocks_of(message, "actions")[0]["block_id"]


def test_more_and_previous_give_the_replaced_message_new_block_ids(slack: Harness) -> None:
    first = slack.ask("timeline", "ids-first")
    slack.click(button_click(MORE_ACTION, button(first, MORE_ACTION), slack.standin.response_url("ids-more")))
    second = slack.answer("ids-more")
    assert second["replace_original"] is True
    slack.click(button_click(PREVIOUS_ACTION, button(second, PREVIOUS_ACTION), slack.standin.response_url("ids-prev")))
    third = slack.answer("ids-prev")
    ids = [actions_id(m) for m in (first, second, third)]
    assert len(set(ids)) == 3, ids  # each version of the message has block ids it never had


RAW_TIME = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d|\d+\.0\b")  # an ISO timestamp, or a float as Python prints it
READABLE = r"\d{1,2} [A-Z][a-z]{2}(?: \d{4})?, \d\d:\d\d \({zone}\)"  # 7 Dec, 14:03 (Lima)


def readable_time(zone: str) -> re.Pattern[str]:
    return re.compile(READABLE.replace("{zone}", zone))


def raw_time(text: str) -> re.Match[str] | None:
    """A raw timestamp or float in `text`, links aside (a loopback address is no float)."""
    return RAW_TIME.search(re.sub(r"https?://\S+", "", text))


def test_the_feed_alert_and_the_feeds_list_say_the_desks_time_and_command(
    empty_db: Any, web: WebServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEWSBOT_ALLOW_PRIVATE_URLS", "1")
    monkeypatch.setenv("NEWSBOT_HOST_GAP_SECONDS", "0")
    monkeypatch.setenv("NEWSBOT_FEED_ALERT_HOURS", "2")
    monkeypatch.setenv("NEWSBOT_ALERT_CHANNEL", "C0MEXICODESK")
    now = datetime.now(UTC).replace(microsecond=0)
    feed_id = add_feed(empty_db, publish(web, items(1)), "mexico", now=now).feed_id
    web.pages["/feed.xml"] = Page("down", "text/plain", 500)
    with SlackStandin() as standin:
        client = web_client(BOT_TOKEN, standin.api_url)
        for hours in (0, 3):
            poll_feed(empty_db, feed_id, now + timedelta(hours=hours), client)
        alert = html.unescape(standin.calls_of("chat.postMessage")[0].body["text"])
    assert f"`/mexico feeds remove {feed_id}` stops it" in alert  # the command that works in Slack
    assert readable_time("Mexico City").search(alert) and not raw_time(alert), alert
    assert cli(["--db", str(empty_db.conn.execute("PRAGMA database_list").fetchone()[2]), "feeds", "list"]) == 0
    listed = capsys.readouterr().out
    assert re.search("FAILING since " + READABLE.replace("{zone}", "Mexico City"), listed), listed
    assert not raw_time(listed), listed


def test_facts_show_reads_as_a_person_reads_it(seed_db_path: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    db = str(copy_archive(seed_db_path, tmp_path / "facts.db"))
    fact = sqlite3.connect(db).execute("SELECT id FROM facts WHERE kind = 'statistic' LIMIT 1").fetchone()[0]
    assert cli(["--db", db, "facts", "fix", str(fact), "value=12"]) == 0
    capsys.readouterr()
    assert cli(["--db", db, "facts", "show", str(fact)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Fact {fact} (statistic, article ") and "value: " in out
    assert re.search("corrected " + READABLE.replace("{zone}", "Lima") + ": value=12\n", out), out
    assert not raw_time(out) and "{" not in out, out


def test_app_home_digest_log_says_when_in_the_desks_time(slack: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "Subscribed" in shown(slack.ask("subscribe instant", "home-subscribe"))
    clone_article(open_db(slack.db_path), "Callao port workers strike over extortion")
    monkeypatch.setenv("SLACK_API_URL", slack.standin.api_url)
    run_digests(open_db(slack.db_path), digest_client(BOT_TOKEN), datetime.now(UTC), channel="C0PERUDESK")
    slack.event({"type": "app_home_opened", "user": "U0REPORTER", "channel": "D0HOME", "tab": "home"})
    view = slack.standin.wait_for("views.publish")[-1].body["view"]
    log = next(s for s in (b["text"]["text"] for b in blocks_of(view, "section")) if "posted to C0PERUDESK" in s)
    assert re.search("posted to C0PERUDESK " + READABLE.replace("{zone}", "Lima"), log), log
    assert not raw_time(log), log


def in_channel(slack: Harness, command: str, text: str, name: str, channel: str) -> dict[str, Any]:
    """A slash command typed in `channel`, and its answer."""
    assert slack.post(slash_body(command, text, slack.standin.response_url(name), channel=channel)).status_code == 200
    return slack.answer(name)


def usages(message: dict[str, Any]) -> list[str]:
    """The commands a help message offers (each line's code span)."""
    return re.findall(r"^`([^`]+)`", "\n".join(s for b in blocks_of(message, "section")
                                               for s in b["text"]["text"].split("\n")), re.M)


def test_news_help_offers_only_what_works_on_news_and_mentions_related(slack: Harness) -> None:
    offered = usages(slack.ask("help", "news-help", command="/news"))
    assert offered and all(u.startswith(("/news", "/peru", "/mexico", "@newsbot")) for u in offered), offered
    assert not [u for u in offered if u.startswith("/news feeds add")], offered  # /news refuses it
    assert "/news feeds" in offered  # what /news does with feeds: list every desk's
    refused = shown(slack.ask("feeds add https://example.org/feed.xml", "news-feeds-add", command="/news"))
    assert "Add a feed from a desk's command" in refused
    assert any(u.startswith("/news related") for u in offered), offered
    assert any(u.startswith("/peru related") for u in usages(slack.ask("help", "peru-help"))), "related on /peru"


@pytest.mark.parametrize("text", ["subscriptions", "unsubscribe", "unsubscribe nothing-like-it",
                                  "subscribe who"])
def test_mexico_subscription_messages_give_mexico_examples(slack: Harness, text: str) -> None:
    message = in_channel(slack, "/mexico", text, "mx-" + text.replace(" ", "-"), "C0MEXICODESK")
    said = shown(message)
    assert "/mexico " in said and "/peru" not in said, said


def subscriptions_in(slack: Harness, channel: str) -> list[tuple[str, str]]:
    return slack.sql("SELECT topics, schedule FROM subscriptions WHERE channel = ?", (channel,))


@pytest.mark.parametrize("text", ["subscribe crime at dawn sometimes", "subscribe crime every morning",
                                  "subscribe extortion 7am", "subscribe crime daly 08:00"])
def test_a_schedule_that_does_not_parse_is_caught_not_saved_as_topic_words(slack: Harness, text: str) -> None:
    channel = f"C0TYPO{zlib.crc32(text.encode())}"
    said = shown(in_channel(slack, "/peru", text, "typo-" + text.replace(" ", "-"), channel))
    assert "nothing was saved" in said and "instant, hourly, daily HH:MM, weekly DAY HH:MM" in said, said
    assert subscriptions_in(slack, channel) == []


def test_a_subscription_confirmation_says_how_the_command_was_read(slack: Harness) -> None:
    said = shown(in_channel(slack, "/peru", "subscribe crime", "read-as", "C0READAS"))
    assert "Read as: topic words “crime” · schedule daily 08:00 (the default: none was given)" in said, said
    assert "Schedules: instant, hourly, daily HH:MM, weekly DAY HH:MM" in said
    said = shown(in_channel(slack, "/peru", 'subscribe "at dawn" raids hourly', "read-as-quoted", "C0READAS"))
    assert "Read as: topic words “\"at dawn\" raids” · schedule hourly." in said, said  # quoted: topic words
    assert subscriptions_in(slack, "C0READAS") == [("crime", "daily 08:00"), ('"at dawn" raids', "hourly")]


def digest_of(slack: Harness, title: str, channel: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """An instant subscription in `channel`, an article called `title` stored, the digest Slack got."""
    assert "Subscribed" in shown(in_channel(slack, "/peru", "subscribe instant", f"sub-{channel}", channel))
    clone_article(open_db(slack.db_path), title)
    monkeypatch.setenv("SLACK_API_URL", slack.standin.api_url)
    run_digests(open_db(slack.db_path), digest_client(BOT_TOKEN), datetime.now(UTC), channel=channel)
    return [c.body for c in slack.standin.calls_of("chat.postMessage", ok_only=True)
            if c.body.get("channel") == channel and c.body.get("blocks")][-1]


def test_digests_are_built_with_slack_sdk_models_and_their_header_shows_text(
    slack: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    digest = digest_of(slack, "Lima raids :rotating_light: at dawn", "C0DIGESTMODEL", monkeypatch)
    for block in digest["blocks"]:
        assert Block.parse(block).to_dict() == block  # the shape slack_sdk's models build, limits checked
    head = blocks_of(digest, "header")[0]["text"]
    assert head["emoji"] is False  # a feed's :shortcode: in a title is shown as typed, not as an emoji


def test_the_subscriptions_lists_fallback_text_says_what_the_message_says(slack: Harness) -> None:
    in_channel(slack, "/peru", "subscribe extortion hourly", "fallback-sub", "C0FALLBACK")
    listed = in_channel(slack, "/peru", "subscriptions", "fallback-list", "C0FALLBACK")
    assert "extortion · hourly" in listed["text"], listed["text"]  # what notifications and screen readers say


BAD_URL = "https://insightcrime.example/peru war|<!channel>> on crime/"
FORMATTED_TITLE = "Peru's *war* on _crime_ ~fails~ `again` :rotating_light: says *Jerí"


@pytest.fixture(scope="module")
def hostile(seed_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    """The app on an archive whose seed article has a feed's raw link and a title full of mrkdwn."""
    path = copy_archive(seed_db_path, tmp_path_factory.mktemp("hostile") / "newsbot.db")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE articles SET url = ?, title = ?, source = ? WHERE id = 1",
                     (BAD_URL, FORMATTED_TITLE, "*Insight* _Crime_"))
    with running_app(path) as harness:
        yield harness


VALID_URL = re.compile(r"https?://[A-Za-z0-9.\-]+(?::\d+)?(?:/[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*)?"
                       r"(?:\?[A-Za-z0-9\-._~%!$&'()*+,;=:@/?]*)?(?:#[A-Za-z0-9\-._~%!$&'()*+,;=:@/?]*)?")


def option_urls(message: dict[str, Any]) -> list[str]:
    return [o["url"] for b in blocks_of(message, "section") if b.get("accessory")
            for o in b["accessory"].get("options", []) if "url" in o]


def test_a_raw_feed_link_becomes_a_valid_url_or_is_left_out(hostile: Harness) -> None:
    message = hostile.ask("crime summary", "bad-link")
    urls = option_urls(message)
    assert urls, "the article's items keep their Open the article option"
    for url in urls:
        assert VALID_URL.fullmatch(url), url  # Slack refuses a whole message over one invalid url
    assert "https://insightcrime.example/peru%20war%7C%3C!channel%3E%3E%20on%20crime/" in urls
    said = "\n".join(rendered(message))
    assert "<!channel>" not in said and "|<!channel>" not in said
    with sqlite3.connect(hostile.db_path) as conn:
        conn.execute("UPDATE articles SET url = ? WHERE id = 1", ("https://<!channel>|x/a",))
    try:
        left_out = hostile.ask("crime summary", "no-host")
        assert option_urls(left_out) == [] and "(no link recorded)" in shown(left_out)
        assert any(o["text"]["text"] == "Report a problem" for b in blocks_of(left_out, "section")
                   if b.get("accessory") for o in b["accessory"]["options"])
    finally:
        with sqlite3.connect(hostile.db_path) as conn:
            conn.execute("UPDATE articles SET url = ? WHERE id = 1", (BAD_URL,))


LOOKALIKES = str.maketrans({"∗": "*", "ˍ": "_", "∼": "~", "ˋ": "`", "꞉": ":"})
MARKUP = ("*war*", "_crime_", "~fails~", "`again`", ":rotating_light:", "*Insight*", "_Crime_")


def test_formatting_in_content_is_shown_as_text_and_keeps_the_bots_bold(hostile: Harness) -> None:
    for command in ("latest", "crime summary"):
        message = hostile.ask(command, f"formatting-{command.replace(' ', '-')}")
        texts = rendered(message)
        for markup in MARKUP:
            assert not [t for t in texts if markup in t], (markup, command)  # not bold, italic, struck, code, emoji
        readable = html.unescape("\n".join(texts)).translate(LOOKALIKES)
        assert FORMATTED_TITLE in readable and "*Insight* _Crime_" in readable  # yet it reads as written
    head = next(s for s in rendered(hostile.ask("latest", "formatting-bold")) if "Jerí" in s and s.startswith("*<"))
    line = head.split("\n")[0]
    assert line.count("*") == 2 and re.fullmatch(r"\*<[^>]+>\* · .*", line), line  # the bot's bold, whole


INVISIBLE = ("\u202e", "\u200b", "\u2066", "\u200f", "\ufeff")


@pytest.mark.parametrize("text", ["\u202ecrime\u200b sum\u2066mary", "feeds remove \u202e12\u200b\ufeff",
                                  "unsubscribe \u200fcrime\u202e waves"])
def test_invisible_characters_are_not_echoed_back(slack: Harness, text: str) -> None:
    message = in_channel(slack, "/peru", text, f"invisible-{zlib.crc32(text.encode())}", "C0INVISIBLE")
    texts = rendered(message)
    assert not [t for t in texts for c in INVISIBLE if c in t], texts
    said = shown(message)
    assert any(word in said for word in ("Summary: crime", "no feed 12 ", "“crime waves”")), said


SHOWN_TITLE = "Extortion in Lima: the page writes &lt;!channel&gt; and AT&amp;T"  # as the page shows it


def test_a_page_is_decoded_once_and_shows_what_it_showed(
    slack: Harness, web: WebServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSBOT_ALLOW_PRIVATE_URLS", "1")
    web.pages["/pre-escaped.html"] = Page(article_html(SHOWN_TITLE, "Extortion gangs in Lima wrote &lt;!here&gt; "
                                                       "on shop doors, the police in the district said on Monday."))
    message = slack.ask(f"add {web.url('/pre-escaped.html')}", "pre-escaped")
    said = shown(message)
    assert f"|{SHOWN_TITLE}>" in said, said  # never "<!channel>" nor "AT&T": what the page showed
    found = shown(slack.ask("search shop doors", "pre-escaped-search"))
    assert "wrote &lt;!here&gt; on *shop* *doors*" in found, found  # the search's own bold stays bold


def test_a_feed_entry_is_decoded_once(slack: Harness, web: WebServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBOT_ALLOW_PRIVATE_URLS", "1")
    monkeypatch.setenv("NEWSBOT_HOST_GAP_SECONDS", "0")
    entry = Item("att-raid", "AT&amp;T <b>office</b> raided in Lima over extortion",  # HTML, as RSS titles are
                 "Police raided the AT&T office in Lima on Monday over extortion threats against shop owners.",
                 guid="urn:test:att")
    db = open_db(slack.db_path)
    feed_id = add_feed(db, publish(web, [entry]), "peru").feed_id
    poll_feed(db, feed_id, datetime.now(UTC), None)
    said = shown(slack.ask("search AT&T office", "feed-once"))
    assert "|AT&T office raided in Lima over extortion>" in said, said  # as a feed reader shows it
