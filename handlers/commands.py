"""The desk slash commands (`/peru crime summary`, `/peru add <url>`, `/peru facts fix 12 unit=%`),
one listener per desk.

The ack half answers Slack within milliseconds (an empty 200, or "Reading <url> …" for `add`);
the lazy half asks the engine, ingests or corrects, and answers through response_url, ephemeral.
Fixing and hiding facts is for the desk's editors (NEWSBOT_EDITORS); anyone may `facts show`.
"""

from __future__ import annotations

import shlex
from functools import partial
from typing import Any

from slack_sdk.web import WebClient

from bot.answer.limits import cap_command
from bot.corrections import apply_correction
from bot.desks import get_desk
from bot.editors import refusal
from bot.ingest.links import web_link
from bot.intent import Intent, intent_of
from bot.mrkdwn import escape, fit, link
from bot.newsroom import NewsbotApp, Newsroom
from bot.words import DEFAULT, say
from handlers import subscriptions
from handlers.blocks import add_result_message, answer_message, text_message
from handlers.reply import PAGE, ask_safely, log, may_change, reply, reported, slack_unescape


def ack_command(ack: Any, command: dict[str, Any]) -> None:
    """Ack within Slack's 3 s: nothing for a question, "Reading <url> …" for an `add` of a web link, and
    at once how to use `add` or that only web links can be added (then the lazy half does nothing)."""
    intent = intent_of(cap_command(command.get("text"))[0])
    slash = fit(command.get("command", "/peru"), 40)
    url = web_link(intent.rest) if intent.kind == "add" else None
    lang = command_language(slash)
    if intent.kind != "add":
        ack()
    elif not intent.rest.strip():
        ack(text=say("usage_add", lang, command=slash), response_type="ephemeral")
    elif url is None:
        ack(text=say("nothing_stored", lang, why=say("only_web_links", lang), usage=f"{slash} add https://…"),
            response_type="ephemeral")
    else:
        ack(text=say("reading", lang, url=link(url, url)), response_type="ephemeral")


def command_language(slash: str) -> str:
    """The language of a slash command's desk (its `language` in seeds/desks.toml); the ack has no newsroom
    at hand, and must answer within Slack's 3 s, so the desks' table is read directly (it is cached)."""
    desk = get_desk(slash)
    return desk.language if desk else DEFAULT


def answer_command(newsroom: Newsroom, command: dict[str, Any], client: WebClient | None = None) -> None:
    """The lazy half: ingest for `add`, correct for `facts fix|hide|show ID`, subscriptions in their channel,
    otherwise ask the engine and post the Block Kit answer. What the command is and whether its sender may
    run it come from one reading (bot.intent), so the check and the action never disagree."""
    desk = desk_of(newsroom, str(command.get("command") or ""))
    text, cut = cap_command(command.get("text"))
    intent = intent_of(text)
    respond = partial(_respond, command.get("response_url"))
    lang = newsroom.language(desk)
    if intent.kind == "add":
        url = web_link(intent.rest)
        if url is not None:  # else the ack said how to use `add`, or that only web links can be added
            respond(add_url_message(newsroom, url, lang))
        return
    if intent.change and not may_change(command.get("user_id"), client):
        respond(text_message(refusal(intent.change, lang)))
        return
    if intent.kind == "fact":
        respond(correct_fact(newsroom, command, intent, client))
        return
    if client is not None and intent.kind == "subscription":
        respond(subscriptions.answer(newsroom, command, client, desk, intent.action, intent.rest))
        return
    answer = ask_safely(newsroom, str(command.get("text")) if cut else text, desk, limit=PAGE)  # it says when cut
    respond(answer_message(answer, newsroom.desk_title(desk), text))


def _respond(response_url: str | None, message: dict[str, Any]) -> None:
    """The command's answer, to its sender alone."""
    reply(response_url, {"response_type": "ephemeral", **message})


def correct_fact(newsroom: Newsroom, command: dict[str, Any], intent: Intent,
                 client: WebClient | None) -> dict[str, Any]:
    """`facts show ID` for anyone; `facts fix ID field=value …` and `facts hide ID` (editors only: checked by
    the caller on the same Intent)."""
    verb, fact_id, rest = intent.action, int(intent.fact_id or 0), slack_unescape(intent.rest)
    user = command.get("user_id")
    desk = desk_of(newsroom, str(command.get("command") or ""))
    language = newsroom.language(desk)
    try:
        pairs = shlex.split(rest.replace("“", '"').replace("”", '"'))
    except ValueError:
        return text_message(say("quote_not_closed", language))
    note = f"from Slack by {user}" if user else "from Slack"
    code, said = apply_correction(newsroom.db(), verb, fact_id, pairs, note=note, by=user, desk=desk,
                                  language=language)
    if verb == "show" and code == 0:
        return text_message(f"```{fit(said, 2900)}```")
    icon = ":white_check_mark:" if code == 0 else ":warning:"
    return text_message(f"{icon} {escape(said)}")


def add_url_message(newsroom: Newsroom, url: str, language: str = DEFAULT) -> dict[str, Any]:
    """Fetch and store one URL under the URL rule; the message says what was stored or why not."""
    try:
        result = newsroom.add_url(url)
    except Exception:
        log.exception("add_url crashed")
        why = say("internal_error", language)
        return text_message(f":warning: {say('could_not_add', language, url=link(url, url), why=why)}")
    return add_result_message(url, result, language)


def desk_of(newsroom: Newsroom, command_name: str) -> str:
    """`/peru` → `peru`, through the desks' own command names (a workspace may rename a command)."""
    for name, desk in newsroom.desks().items():
        if getattr(desk, "command", None) == command_name:
            return name
    return command_name.lstrip("/") or newsroom.default_desk()


def register(app: NewsbotApp) -> None:
    """One listener per desk from seeds/, so a new desk needs a seed file and a manifest line only."""
    newsroom = app.newsroom

    def answered(command: dict[str, Any], client: WebClient) -> None:
        language = command_language(str(command.get("command") or ""))
        with reported(command.get("response_url"), "slash command", language):  # heard back even if rendering breaks
            answer_command(newsroom, command, client)

    def lazy_answer(command: dict[str, Any], client: WebClient) -> None:
        if intent_of(cap_command(command.get("text"))[0]).reads_link:  # a slow page holds only its own lane
            newsroom.read_links(partial(answered, command, client))
        else:
            answered(command, client)

    for desk in newsroom.desks().values():
        app.command(desk.command)(ack=ack_command, lazy=[lazy_answer])
