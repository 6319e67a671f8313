"""Bounded input and output, and who may change things, over signed HTTP to the running app.

A 100,000-character question is answered on its first 1,000 characters and never printed back whole;
every answer, whatever the input, parses into slack_sdk's Block Kit models (which enforce Slack's
limits). Following or dropping a feed from Slack is for the desk's editors; everyone else is told so,
politely, and nothing changes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from feedsite import items, publish
from slack_harness import Harness, rendered
from slack_sdk.models.blocks import Block
from slack_standin import BOT_USER
from test_slack_app import slack  # noqa: F401 (the app-on-loopback fixture)
from webserver import WebServer

from bot.answer.limits import MAX_COMMAND_CHARS
from bot.intent import intent_of

ROOT = Path(__file__).resolve().parents[1]
HUGE = " ".join(f"extortion{n}" for n in range(10_000))  # ~110,000 characters


def within_slack_limits(message: dict) -> None:
    assert len(message.get("text", "")) <= 4000
    blocks = message.get("blocks", [])
    assert 0 < len(blocks) <= 50
    for block in blocks:
        assert Block.parse(block).to_dict() == block  # to_dict() raises on any over-long field


def longest_echo(message: dict, typed: str) -> int:
    """The longest run of the typed words that the message repeats."""
    words, shown = typed.split(), json.dumps(message, ensure_ascii=False)
    longest, size = 0, 1
    while size <= len(words) and " ".join(words[:size]) in shown:
        longest, size = len(" ".join(words[:size])), size * 2
    return longest


@pytest.mark.parametrize("text", [HUGE, f"who {HUGE}", f"search {HUGE}", f'"{HUGE}', f"/{HUGE}",
                                  f"add https://example.com/{'a' * 5000}", f"feeds remove {'9' * 3000}",
                                  "<!channel> " * 500, "\u202e\u0000" * 2000, "facts show " + "1" * 4000])
def test_any_command_is_answered_inside_slack_limits_and_echoed_short(slack: Harness, text: str) -> None:  # noqa: F811
    name = f"bounds-{abs(hash(text)) % 10**8}"
    message = slack.ask(text, name)
    within_slack_limits(message)
    assert "something went wrong" not in message["text"]
    assert longest_echo(message, text) <= 200
    assert "<!channel>" not in json.dumps(message)


def test_a_long_question_is_answered_on_its_start_and_says_so(slack: Harness) -> None:  # noqa: F811
    message = slack.ask(HUGE, "huge-question")
    assert f"cut to its first {MAX_COMMAND_CHARS:,} characters" in "\n".join(rendered(message))
    found = "\n".join(rendered(slack.ask("crime summary " + "crime " * 300, "long-with-answers")))
    assert "War on Crime" in found and f"cut to its first {MAX_COMMAND_CHARS:,} characters" in found


def test_the_cli_never_prints_a_huge_question_back(seed_db_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "bot.cli", "--db", str(seed_db_path), "ask", "--json", HUGE[:100_000]],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert len(out) < 5000 and "extortion0 extortion1" in out and "extortion500 " not in out


def test_editors_only_follow_and_drop_feeds(slack: Harness, web: WebServer,  # noqa: F811
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBOT_ALLOW_PRIVATE_URLS", "1")
    monkeypatch.setenv("NEWSBOT_EDITORS", "U0EDITOR,S0DESKEDS")
    slack.standin.usergroups["S0DESKEDS"] = ["U0GROUPIE"]
    url = publish(web, items(1))
    refused = "\n".join(rendered(slack.ask(f"feeds add <{url}>", "feed-refused", user="U0REPORTER")))
    assert "only the desk's editors can follow or stop feeds" in refused
    assert web.hits("/feed.xml") == 0 and not slack.sql("SELECT id FROM feeds")
    before, public = slack.posted("chat.postEphemeral"), slack.posted("chat.postMessage")
    slack.event({"type": "app_mention", "user": "U0REPORTER", "text": f"<@{BOT_USER}> feeds add {url}",
                 "ts": "1700000300.000100", "channel": "C0PERUDESK", "event_ts": "1700000300.000100"})
    said = slack.standin.wait_for("chat.postEphemeral", before + 1)[-1].body  # to the asker alone
    assert "only the desk's editors" in "\n".join(rendered(said)) and web.hits("/feed.xml") == 0
    assert (said["user"], said["thread_ts"]) == ("U0REPORTER", "1700000300.000100")
    assert slack.posted("chat.postMessage") == public  # nothing in the public thread

    added = "\n".join(rendered(slack.ask(f"feeds add <{url}>", "feed-by-group", user="U0GROUPIE")))
    assert "Following feed" in added
    feed_id = slack.sql("SELECT id FROM feeds")[0][0]
    listed = "\n".join(rendered(slack.ask("feeds", "feed-list", user="U0REPORTER")))  # reading is for everyone
    assert url in listed
    kept = "\n".join(rendered(slack.ask(f"feeds remove {feed_id}", "feed-keep", user="U0REPORTER")))
    assert "only the desk's editors" in kept and slack.sql("SELECT id FROM feeds") == [(feed_id,)]
    gone = "\n".join(rendered(slack.ask(f"feeds remove {feed_id}", "feed-remove", user="U0EDITOR")))
    assert "Stopped following" in gone and not slack.sql("SELECT id FROM feeds")


def test_what_counts_as_a_change() -> None:
    def change(text: str) -> str | None:
        return intent_of(text).change

    assert change("feeds add https://x") == change("FEEDS rm 3") == "change_feeds"  # bot/words.py's key
    assert change("subscribe crime daily 08:00") and change("unsubscribe 4")
    assert change("facts hide 12") == "change_facts"
    assert not any(change(t) for t in ("feeds", "feeds list", "crime summary", "facts show 3", "add x"))
