"""Every kind of message the app sends, parsed back with slack_sdk's Block Kit models.

Thirty-odd commands and clicks (every action, empty answers, errors, help per desk, More, Previous,
Share, a report, App Home, an @mention thread) go to the running app as signed requests; every
payload the Slack stand-in records must parse into slack_sdk models that validate Slack's limits
(`to_dict()` raises on an over-long section, header, button label or value), come back unchanged,
stay within the block counts, carry a top-level text, and label every button for screen readers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_archive
from slack_harness import Harness, button, buttons, running_app
from slack_sdk.models.blocks import Block
from slack_standin import BOT_USER, button_click, overflow_click

from handlers.blocks import MORE_ACTION, PREVIOUS_ACTION, SHARE_ACTION

COMMANDS = [
    ("/peru", "crime summary"), ("/peru", "summary"), ("/peru", "facts"), ("/peru", "extortion facts"),
    ("/peru", "timeline"), ("/peru", "quotes"), ("/peru", "quotes prisons"), ("/peru", "who Jerí"),
    ("/peru", "who Zevallos"), ("/peru", "who Nobody Atall"), ("/peru", "who"), ("/peru", 'search "gota a gota"'),
    ("/peru", "search"), ("/peru", "latest"), ("/peru", "help"), ("/peru", "zzqxv facts"),
    ("/peru", "/atlantis summary"), ("/peru", "subscribe crime daily 08:00"), ("/peru", "<!channel> summary"),
    ("/peru", "facts show 1"), ("/peru", "facts fix 1 colour=red"), ("/peru", "facts hide 999999"),
    ("/mexico", "help"), ("/mexico", "summary"), ("/mexico", "latest"),
    ("/news", "crime summary"), ("/news", "timeline"), ("/news", "latest"), ("/news", "help"),
]


@pytest.fixture(scope="module")
def payloads(seed_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[tuple[str, Any]]]:
    """(what, payload) for every message the app sent while a reporter used it."""
    db_path = copy_archive(seed_db_path, tmp_path_factory.mktemp("payloads") / "newsbot.db")
    with pytest.MonkeyPatch.context() as env, running_app(db_path) as slack:
        env.setenv("NEWSBOT_EDITORS_CHANNEL", "C0EDITORS")
        env.setenv("NEWSBOT_EDITORS", "U0EDITOR")
        for n, (command, text) in enumerate(COMMANDS):  # all sent at once, as a busy desk would
            assert slack.command(text, f"cmd-{n}", command).status_code == 200
        answers = {key: slack.answer(f"cmd-{n}") for n, key in enumerate(COMMANDS)}
        clicks(slack, answers[("/peru", "timeline")], answers[("/peru", "quotes")])
        thread_and_home(slack)
        yield [(call.method + " " + call.path, call.body) for call in slack.standin.calls
               if call.method in ("response_url", "chat.postMessage", "chat.postEphemeral", "views.publish")
               and call.body != {"delete_original": True}]


def clicks(slack: Harness, timeline: dict[str, Any], quotes: dict[str, Any]) -> None:
    """More, Previous and Share on an ephemeral answer; Report a problem on a quote."""
    slack.click(button_click(MORE_ACTION, button(timeline, MORE_ACTION), slack.standin.response_url("more")))
    second = slack.answer("more")
    slack.click(button_click(PREVIOUS_ACTION, button(second, PREVIOUS_ACTION), slack.standin.response_url("prev")))
    slack.answer("prev")
    posts = slack.posted("chat.postMessage")
    slack.click(button_click(SHARE_ACTION, button(second, SHARE_ACTION), slack.standin.response_url("share")))
    slack.standin.wait_for("chat.postMessage", posts + 1)
    value = quotes["blocks"][1]["accessory"]["options"][-1]["value"]
    slack.click(overflow_click(value, slack.standin.response_url("report")))
    slack.answer("report")
    slack.standin.wait_for("chat.postMessage", posts + 2)


def thread_and_home(slack: Harness) -> None:
    """An @mention answered in a thread, More on it (to the clicker alone), a Share into the thread,
    an empty mention (help), and the App Home."""
    posts = slack.posted("chat.postMessage")
    thread = "1700000200.000100"
    slack.event({"type": "app_mention", "user": "U0REPORTER", "text": f"<@{BOT_USER}> timeline", "ts": thread,
                 "channel": "C0PERUDESK", "event_ts": thread})
    public = slack.standin.wait_for("chat.postMessage", posts + 1)[-1].body
    ephemerals = slack.posted("chat.postEphemeral")
    slack.click(button_click(MORE_ACTION, button(public, MORE_ACTION), slack.standin.response_url("pub"),
                             user="U0OTHER", public={"ts": "1700000200.000200", "thread_ts": thread}))
    page = slack.standin.wait_for("chat.postEphemeral", ephemerals + 1)[-1].body
    slack.click(button_click(SHARE_ACTION, button(page, SHARE_ACTION), slack.standin.response_url("tshare")))
    slack.standin.wait_for("chat.postMessage", posts + 2)
    slack.event({"type": "app_mention", "user": "U0REPORTER", "text": f"<@{BOT_USER}>", "ts": "1700000200.000300",
                 "channel": "C0PERUDESK", "event_ts": "1700000200.000300"})
    slack.standin.wait_for("chat.postMessage", posts + 3)
    slack.event({"type": "app_home_opened", "user": "U0REPORTER", "channel": "D0HOME", "tab": "home",
                 "event_ts": "1700000200.000400"})
    slack.standin.wait_for("views.publish")


def check(what: str, payload: dict[str, Any]) -> None:
    """One payload within Slack's limits, parsed by slack_sdk's models and unchanged by the round trip."""
    home = what.startswith("views.publish")
    message = payload["view"] if home else payload
    blocks = message["blocks"]
    assert 0 < len(blocks) <= (100 if home else 50), what
    for block in blocks:
        model = Block.parse(block)
        assert model is not None, (what, block)
        assert model.to_dict() == block, (what, block)  # validates every limit on the way
    if not home:
        assert message["text"].strip() and len(message["text"]) <= 4000, what
    for element in buttons(message).values():
        assert element.get("accessibility_label"), (what, element)


def test_every_payload_parses_and_fits(payloads: list[tuple[str, Any]]) -> None:
    assert len(payloads) >= 30
    kinds = {what.split()[0] for what, _ in payloads}
    assert kinds == {"response_url", "chat.postMessage", "chat.postEphemeral", "views.publish"}
    for what, payload in payloads:
        check(what, payload)


def test_the_payloads_cover_every_action(payloads: list[tuple[str, Any]]) -> None:
    headers = {block["text"]["text"].split(" · ")[-1].split(":")[0]
               for _, payload in payloads for block in (payload.get("view") or payload).get("blocks", [])
               if block["type"] == "header"}
    for action in ("Summary", "Facts", "Timeline", "Quotes", "Who", "Search", "Latest", "Help", "Error"):
        assert action in headers, (action, headers)
