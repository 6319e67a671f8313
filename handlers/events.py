"""`@newsbot crime summary` in a channel: the answer goes in a thread under the mention.

The text may name a desk first (`@newsbot /mexico fentanyl facts` or `@newsbot mexico ...`);
otherwise the default desk answers. Slack sends message text with & < > as entities and mentions
as `<@U123>`, so both are undone before the engine sees what the user typed. The reply is public,
so its only button, More, answers whoever clicks it alone (see handlers/actions.py).
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from slack_sdk.web import WebClient

from bot.answer.limits import cap_command
from bot.editors import refusal
from bot.intent import intent_of
from bot.mrkdwn import escape
from bot.newsroom import NewsbotApp, Newsroom
from bot.words import DEFAULT, say
from handlers.blocks import answer_message, text_message
from handlers.reply import PAGE, SeenOnce, ack_only, ask_safely, log, may_change, slack_unescape

_MENTION_RE = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")


def split_desk(newsroom: Newsroom, text: str) -> tuple[str, str]:
    """(desk, rest of the text): a leading `/desk` or desk name picks the desk."""
    words = text.split()
    if words:
        first = words[0].lower().lstrip("/")
        if first in newsroom.desks():
            return first, " ".join(words[1:])
    return newsroom.default_desk(), text.strip()


def mention_text(event: dict[str, Any]) -> str:
    """What the user typed after @newsbot, as typed (entities undone, mentions out, capped)."""
    return cap_command(slack_unescape(_MENTION_RE.sub(" ", event.get("text") or "")).strip())[0]


def answer_mention(newsroom: Newsroom, event: dict[str, Any], client: WebClient) -> None:
    """Answer in the thread of the mention (or the thread it was made in); a refusal (not an editor, not a
    web link) goes to the person who asked alone, never into the public thread."""
    desk, query = split_desk(newsroom, mention_text(event))
    thread = event.get("thread_ts") or event.get("ts")
    refused = mention_refusal(query, event.get("user"), client, newsroom.language(desk))
    if refused:
        client.chat_postEphemeral(channel=event["channel"], user=event.get("user"), thread_ts=thread,
                                  **text_message(escape(refused)))
        return
    answer = ask_safely(newsroom, query or "help", desk, limit=PAGE)
    message = answer_message(answer, newsroom.desk_title(desk), query or "help", mode="public", thread=thread)
    try:
        client.chat_postMessage(channel=event["channel"], thread_ts=thread, unfurl_links=False, **message)
    except Exception as exc:
        log.warning("mention answer failed: %s", type(exc).__name__)


def mention_refusal(query: str, user: str | None, client: WebClient, language: str = DEFAULT) -> str | None:
    """Why the mention's command is refused to its sender, or None: one reading (bot.intent) says what it is."""
    intent = intent_of(query)
    if intent.link_refused:
        return say("nothing_stored", language, why=say("only_web_links", language), usage="@newsbot add https://…")
    if intent.change and not may_change(user, client):
        return refusal(intent.change, language)
    return None


def register(app: NewsbotApp) -> None:
    """Events are acked at once so Slack does not redeliver them while the answer is built."""
    newsroom = app.newsroom

    seen = SeenOnce(newsroom, "event")

    def lazy_mention(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        if not seen.first_time(body.get("event_id")):
            return
        query = split_desk(newsroom, mention_text(event))[1]
        if intent_of(query).reads_link:  # a slow page holds only the links' lane, never the answers'
            newsroom.read_links(partial(answered, event, client))
        else:
            answered(event, client)

    def answered(event: dict[str, Any], client: WebClient) -> None:
        try:
            answer_mention(newsroom, event, client)
        except Exception:  # no response_url on events: the log is the only place to say it
            log.exception("mention answer failed")

    app.event("app_mention")(ack=ack_only, lazy=[lazy_mention])
