"""The Slack leftovers of issue 20, over signed HTTP to the running app and the loopback Slack stand-in.

Each test asserts what a member would see in the posted payload: content shown as text, echoes without
invisible characters, links that are valid URLs, dates people read, commands that work on the desk they
are offered on, and messages whose parts Slack accepts.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_archive
from slack_harness import Harness, blocks_of, button, rendered, running_app
from slack_standin import button_click

from handlers.blocks import MORE_ACTION, PREVIOUS_ACTION


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
