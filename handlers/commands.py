"""The desk slash commands (`/peru crime summary`, `/peru add <url>`), one listener per desk.

The ack half answers Slack within milliseconds (an empty 200, or "Reading <url> …" for `add`);
the lazy half asks the engine or ingests, and answers through response_url, ephemeral by default.
"""

from __future__ import annotations

from typing import Any

from slack_sdk.web import WebClient

from bot.app import NewsbotApp, Newsroom
from handlers import subscriptions
from handlers.blocks import add_result_message, answer_message, text_message
from handlers.mrkdwn import fit, link
from handlers.reply import PAGE, ask_safely, find_links, log, reply, reported


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
    url = add_target(command.get("text", ""))
    if url is None:
        ack()
    elif not url:
        usage = f"Usage: `{fit(command.get('command', '/peru'), 40)} add https://…`"
        ack(text=usage, response_type="ephemeral")
    else:
        ack(text=f"Reading {link(url, url)} …", response_type="ephemeral")


def answer_command(newsroom: Newsroom, command: dict[str, Any], client: WebClient | None = None) -> None:
    """The lazy half: ingest for `add`, subscriptions in their channel, otherwise ask the engine."""
    desk = desk_of(newsroom, command.get("command", ""))
    text = command.get("text", "") or ""
    url = add_target(text)
    if url == "":
        return
    if url is not None:
        reply(command.get("response_url"), {"response_type": "ephemeral", **add_url_message(newsroom, url)})
        return
    if client is not None and subscriptions.subscription_action(text):
        message = subscriptions.answer(newsroom, command, client, desk)
        reply(command.get("response_url"), {"response_type": "ephemeral", **message})
        return
    answer = ask_safely(newsroom, text, desk, limit=PAGE)
    message = answer_message(answer, newsroom.desk_title(desk), text)
    reply(command.get("response_url"), {"response_type": "ephemeral", **message})


def add_url_message(newsroom: Newsroom, url: str) -> dict[str, Any]:
    """Fetch and store one URL under the URL rule; the message says what was stored or why not."""
    from bot.ingest.service import add_url

    try:
        result = add_url(newsroom.db(), url)
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
