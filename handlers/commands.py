"""The desk slash commands (`/peru crime summary`, `/peru add <url>`, `/peru facts fix 12 unit=%`),
one listener per desk.

The ack half answers Slack within milliseconds (an empty 200, or "Reading <url> …" for `add`);
the lazy half asks the engine, ingests or corrects, and answers through response_url, ephemeral.
Fixing and hiding facts is for the desk's editors (NEWSBOT_EDITORS); anyone may `facts show`.
"""

from __future__ import annotations

import re
import shlex
from typing import Any

from slack_sdk.web import WebClient

from bot.answer.limits import cap_command
from bot.corrections import apply_correction
from bot.editors import change_requested, refusal
from bot.mrkdwn import escape, fit, link
from bot.newsroom import NewsbotApp, Newsroom
from handlers import subscriptions
from handlers.blocks import add_result_message, answer_message, text_message
from handlers.reply import PAGE, ask_safely, find_links, log, may_change, reply, reported, slack_unescape

_FACTS = re.compile(r"^\s*facts\s+(show|fix|hide)\s+#?(\d{1,12})\b(.*)$", re.IGNORECASE | re.DOTALL)


def add_target(text: str) -> str | None:
    """The URL of `add <url>` (plain, or `<url>` when Slack escapes links); "" for a bare `add`."""
    words = (text or "").strip().split()
    if not words or words[0].lower() != "add":
        return None
    rest = " ".join(words[1:])
    links = find_links(rest, 1)
    if links:
        return links[0]
    return rest.strip("<>").split("|")[0] if rest else ""


def ack_command(ack: Any, command: dict[str, Any]) -> None:
    """Ack within Slack's 3 s: nothing for a question, "Reading <url> …" for an `add`."""
    url = add_target(cap_command(command.get("text"))[0])
    if url is None:
        ack()
    elif not url:
        usage = f"Usage: `{fit(command.get('command', '/peru'), 40)} add https://…`"
        ack(text=usage, response_type="ephemeral")
    else:
        ack(text=f"Reading {link(url, url)} …", response_type="ephemeral")


def answer_command(newsroom: Newsroom, command: dict[str, Any], client: WebClient | None = None) -> None:
    """The lazy half: ingest for `add`, correct for `facts fix|hide|show ID`, subscriptions in their channel,
    otherwise ask the engine and post the Block Kit answer."""
    desk = desk_of(newsroom, str(command.get("command") or ""))
    text, cut = cap_command(command.get("text"))
    url = add_target(text)
    if url == "":
        return
    if url is not None:
        reply(command.get("response_url"), {"response_type": "ephemeral", **add_url_message(newsroom, url)})
        return
    correction = _FACTS.match(text)
    if correction:
        message = correct_fact(newsroom, command, correction, client)
        reply(command.get("response_url"), {"response_type": "ephemeral", **message})
        return
    change = change_requested(text)
    if change and not may_change(command.get("user_id"), client):
        reply(command.get("response_url"), {"response_type": "ephemeral", **text_message(refusal(change))})
        return
    if client is not None and subscriptions.subscription_action(text):
        message = subscriptions.answer(newsroom, command, client, desk)
        reply(command.get("response_url"), {"response_type": "ephemeral", **message})
        return
    answer = ask_safely(newsroom, str(command.get("text")) if cut else text, desk, limit=PAGE)  # it says when cut
    message = answer_message(answer, newsroom.desk_title(desk), text)
    reply(command.get("response_url"), {"response_type": "ephemeral", **message})


def correct_fact(newsroom: Newsroom, command: dict[str, Any], match: re.Match[str],
                 client: WebClient | None) -> dict[str, Any]:
    """`facts show ID` for anyone; `facts fix ID field=value …` and `facts hide ID` for editors only."""
    verb, fact_id, rest = match.group(1).lower(), int(match.group(2)), slack_unescape(match.group(3))
    user = command.get("user_id")
    if verb != "show" and not may_change(user, client):
        return text_message(
            "Sorry — only the desk's editors can fix or hide facts. If something is wrong, use "
            "*Report a problem* in the ⋯ menu beside the item and an editor will look at it.")
    try:
        pairs = shlex.split(rest.replace("“", '"').replace("”", '"'))
    except ValueError:
        return text_message("Could not read that: a quotation mark is not closed. "
                            "Example: `facts fix 12 speaker=\"Dina Boluarte\"`")
    note = f"from Slack by {user}" if user else "from Slack"
    desk = desk_of(newsroom, str(command.get("command") or ""))
    code, said = apply_correction(newsroom.db(), verb, fact_id, pairs, note=note, by=user, desk=desk)
    if verb == "show" and code == 0:
        return text_message(f"```{fit(said, 2900)}```")
    icon = ":white_check_mark:" if code == 0 else ":warning:"
    return text_message(f"{icon} {escape(said)}")


def add_url_message(newsroom: Newsroom, url: str) -> dict[str, Any]:
    """Fetch and store one URL under the URL rule; the message says what was stored or why not."""
    try:
        result = newsroom.add_url(url)
    except Exception:
        log.exception("add_url crashed")
        return text_message(f":warning: Could not add {link(url, url)}: an internal error (logged).")
    return add_result_message(url, result)


def desk_of(newsroom: Newsroom, command_name: str) -> str:
    """`/peru` → `peru`, through the desks' own command names (a workspace may rename a command)."""
    for name, desk in newsroom.desks().items():
        if getattr(desk, "command", None) == command_name:
            return name
    return command_name.lstrip("/") or newsroom.default_desk()


def register(app: NewsbotApp) -> None:
    """One listener per desk from seeds/, so a new desk needs a seed file and a manifest line only."""
    newsroom = app.newsroom

    def lazy_answer(command: dict[str, Any], client: WebClient) -> None:
        with reported(command.get("response_url"), "slash command"):  # heard back even if rendering breaks
            answer_command(newsroom, command, client)

    for desk in newsroom.desks().values():
        app.command(desk.command)(ack=ack_command, lazy=[lazy_answer])
