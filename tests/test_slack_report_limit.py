""""Report a problem" cannot flood the editors' channel: signed block_actions to the app on loopback.

The same item reported again is folded into the first report (no new post; the reporter is told it is
already there, and how many reported it); one member's reports are limited per window, and the member is
told so when the limit applies.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import copy_archive
from slack_harness import Harness, running_app
from slack_standin import overflow_click

from bot.reports import REPORTS_PER_WINDOW
from storage.db import open_db
from storage.reports import reports

EDITORS = "C0EDITORS"


@pytest.fixture
def slack(seed_db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Harness]:
    monkeypatch.setenv("NEWSBOT_EDITORS_CHANNEL", EDITORS)
    with running_app(copy_archive(seed_db_path, tmp_path / "newsbot.db")) as harness:
        yield harness


def editor_posts(slack: Harness) -> int:
    return sum(1 for c in slack.standin.calls_of("chat.postMessage", ok_only=True) if c.body["channel"] == EDITORS)


def report(slack: Harness, name: str, article: int, sentence: int, user: str = "U0REPORTER") -> str:
    """Click ⋯ → Report a problem on a sentence of an article; what the reporter is told."""
    value = f"report:peru:summary:{article}:{sentence}:"
    slack.click(overflow_click(value, slack.standin.response_url(name), user=user))
    return str(slack.answer(name)["text"])


def test_the_same_item_reported_again_is_posted_once(slack: Harness) -> None:
    article, sentence = slack.sql("SELECT article_id, idx FROM sentences LIMIT 1")[0]
    first = report(slack, "first", article, sentence)
    assert "reported as #" in first and editor_posts(slack) == 1
    number = first.split("#")[1].split(".")[0]
    for n in range(5):
        again = report(slack, f"again-{n}", article, sentence)
        assert f"already reported as #{number}" in again
    other = report(slack, "other", article, sentence, user="U0OTHER")
    assert f"already reported as #{number} (2 reports on it)" in other
    assert editor_posts(slack) == 1
    assert len(reports(open_db(slack.db_path))) == 2  # one record per reporter


def test_one_members_reports_are_limited_and_they_are_told(slack: Harness) -> None:
    items = slack.sql("SELECT article_id, idx FROM sentences LIMIT ?", (REPORTS_PER_WINDOW + 5,))
    said = [report(slack, f"many-{n}", article, idx) for n, (article, idx) in enumerate(items)]
    assert all("reported as #" in s for s in said[:REPORTS_PER_WINDOW])
    assert all(f"You have sent {REPORTS_PER_WINDOW} reports" in s and "not recorded" in s
               for s in said[REPORTS_PER_WINDOW:])
    assert editor_posts(slack) == REPORTS_PER_WINDOW
    assert len(reports(open_db(slack.db_path))) == REPORTS_PER_WINDOW
    article, idx = items[-1]
    assert "reported as #" in report(slack, "someone-else", article, idx, user="U0OTHER")  # a limit per member
