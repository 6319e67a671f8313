"""One reading of a command decides both what it does and who may run it; a button never runs a change.

Over signed HTTP to the app on loopback, with NEWSBOT_EDITORS set: a member who is not an editor cannot
subscribe a channel by hiding the word in quotes, and a forged More, Previous or Share value that holds a
command which would change something (feeds add/remove, subscribe, unsubscribe, facts fix/hide, add) is
refused and changes nothing, whoever clicks it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from feedsite import items, publish
from slack_harness import Harness, rendered, settle
from slack_standin import button_click
from test_slack_app import slack  # noqa: F401 (the app-on-loopback fixture)
from webserver import Page, WebServer

from bot.words import say

EDITOR, MEMBER = "U0EDITOR", "U0REPORTER"

NOT_FROM_A_BUTTON = say("not_from_a_button", "en")


@pytest.fixture
def editors_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBOT_EDITORS", EDITOR)
    monkeypatch.setenv("NEWSBOT_ALLOW_PRIVATE_URLS", "1")


def subscriptions(slack: Harness) -> int:  # noqa: F811
    return slack.sql("SELECT count(*) FROM subscriptions")[0][0]


@pytest.mark.parametrize("text", ['" subscribe crime " subscriptions', "“ subscribe crime ” subscriptions",
                                  "subscriptions 'subscribe' crime", '"unsubscribe 1" subscriptions'])
def test_a_quoted_subscribe_is_the_list_for_everyone(slack: Harness, editors_named: None,  # noqa: F811
                                                     text: str) -> None:
    before, posts = subscriptions(slack), slack.posted("chat.postMessage")
    said = "\n".join(rendered(slack.ask(text, f"quoted-{abs(hash(text)) % 10**8}", user=MEMBER)))
    assert "subscriptions" in said.lower() and "Subscribed" not in said
    settle()
    assert subscriptions(slack) == before and slack.posted("chat.postMessage") == posts


def test_the_bare_subscribe_is_still_refused_to_a_member(slack: Harness, editors_named: None) -> None:  # noqa: F811
    said = "\n".join(rendered(slack.ask("subscribe crime daily 08:00", "bare-subscribe", user=MEMBER)))
    assert "only the desk's editors" in said and subscriptions(slack) == 0


@pytest.mark.parametrize("action_id", ["more_answer", "previous_answer", "share_answer"])
@pytest.mark.parametrize("clicker", [MEMBER, EDITOR])
def test_a_forged_button_value_changes_nothing(slack: Harness, editors_named: None, web: WebServer,  # noqa: F811
                                               action_id: str, clicker: str) -> None:
    feed_url = publish(web, items(1))
    web.pages["/story.html"] = Page((Path(__file__).parent / "fixtures" / "slack_article.html").read_text("utf-8"))
    added = "\n".join(rendered(slack.ask(f"feeds add <{feed_url}>", f"feed-{action_id}-{clicker}", user=EDITOR)))
    assert "Following feed" in added or "Already following" in added
    feeds = slack.sql("SELECT id FROM feeds")
    fact = slack.sql("SELECT id FROM facts LIMIT 1")[0][0]
    articles, hits, posts = slack.articles(), web.hits("/story.html"), slack.posted("chat.postMessage")
    forged = [f"feeds remove {feeds[0][0]}", f"feeds add {web.url('/other.xml')}", "subscribe crime instant",
              "unsubscribe 1", f"facts hide {fact}", f"facts fix {fact} unit=%", f"add {web.url('/story.html')}",
              f"crime add {web.url('/story.html')}", "add /etc/passwd"]
    for n, text in enumerate(forged):
        name = f"forged-{action_id}-{clicker}-{n}"
        value = json.dumps({"d": "peru", "q": text, "o": 0, "l": 5})
        slack.click(button_click(action_id, value, slack.standin.response_url(name), user=clicker))
        assert NOT_FROM_A_BUTTON in json.dumps(slack.answer(name), ensure_ascii=False)
    assert slack.sql("SELECT id FROM feeds") == feeds and web.hits("/other.xml") == 0
    assert subscriptions(slack) == 0 and not slack.sql("SELECT * FROM fact_corrections")
    assert slack.articles() == articles and web.hits("/story.html") == hits
    assert slack.posted("chat.postMessage") == posts  # Share posted nothing for everyone


def test_a_real_page_still_turns(slack: Harness, editors_named: None) -> None:  # noqa: F811
    value = json.dumps({"d": "peru", "q": "crime summary", "o": 5, "l": 5})
    slack.click(button_click("more_answer", value, slack.standin.response_url("real-more"), user=MEMBER))
    said = json.dumps(slack.answer("real-more"), ensure_ascii=False)
    assert NOT_FROM_A_BUTTON not in said and "crime" in said.lower()
