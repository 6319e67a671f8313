"""Message shortcut "Add to newsroom archive": ingest the links of a message someone posted.

Ingesting a page takes seconds (fetch + spaCy), so the ack is immediate and the result comes back
through the shortcut's response_url, one line per link, only to the person who asked.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from bot.newsroom import NewsbotApp, Newsroom
from bot.words import say
from handlers.blocks import MAX_BLOCKS, text_message
from handlers.commands import add_url_message
from handlers.reply import ack_only, find_links, reply, reported

ADD_SHORTCUT = "add_to_archive"
MAX_LINKS = 5


def message_links(message: dict[str, Any]) -> list[str]:
    """Links in the message text and in its attachments' title links, first MAX_LINKS."""
    texts = [message.get("text") or ""]
    for att in message.get("attachments") or []:
        texts.extend(str(att.get(k) or "") for k in ("title_link", "from_url", "original_url"))
    return find_links(" ".join(texts), MAX_LINKS)


def add_from_message(newsroom: Newsroom, body: dict[str, Any]) -> None:
    """Ingest each link of the message and report every result in one ephemeral reply."""
    links = message_links(body.get("message") or {})
    lang = newsroom.language(newsroom.default_desk())  # a shortcut names no desk: the default desk's words
    if not links:
        reply(body.get("response_url"), {"response_type": "ephemeral",
                                         **text_message(say("no_links_to_add", lang))})
        return
    blocks: list[dict[str, Any]] = []
    texts: list[str] = []
    for url in links:
        msg = add_url_message(newsroom, url, lang)
        blocks.extend(msg["blocks"])
        texts.append(msg["text"])
    reply(body.get("response_url"), {"response_type": "ephemeral", "text": "\n".join(texts)[:3000],
                                     "blocks": blocks[:MAX_BLOCKS]})


def register(app: NewsbotApp) -> None:
    """The shortcut acks at once (Slack shows an error after 3 s); ingesting runs lazily."""
    newsroom = app.newsroom

    def added(body: dict[str, Any]) -> None:
        with reported(body.get("response_url"), "add shortcut"):
            add_from_message(newsroom, body)

    def lazy_add(body: dict[str, Any]) -> None:
        newsroom.read_links(partial(added, body))  # a slow page holds only the links' lane, never the answers'

    app.shortcut(ADD_SHORTCUT)(ack=ack_only, lazy=[lazy_add])
