"""The answer's buttons: "Share in channel" and "More".

A button carries the desk, the command text and the page (never the answer itself: a value holds
2,000 characters), so both recompute the answer from the archive. Sharing posts with the bot token
(chat.postMessage, retried on 429/5xx) and names who shared it; "More" replaces the ephemeral
message with the next page through response_url.
"""

from __future__ import annotations

from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web import WebClient

from bot.app import NewsbotApp, Newsroom
from handlers.blocks import MORE_ACTION, SHARE_ACTION, answer_message, parse_button_value, text_message
from handlers.reply import SeenOnce, ack_only, ask_safely, log, reply, reported


def _request(newsroom: Newsroom, body: dict[str, Any]) -> dict[str, Any]:
    """The button's value, with a desk that exists (a forged value cannot pick an unknown scope)."""
    actions = body.get("actions") or [{}]
    value = parse_button_value(actions[0].get("value", ""))
    if value["desk"] not in newsroom.desks():
        value["desk"] = newsroom.default_desk()
    return value


def share(newsroom: Newsroom, body: dict[str, Any], client: WebClient) -> bool:
    """Post the same answer in the channel, attributed to the user, then drop the ephemeral copy;
    False (and the user told why) when Slack refuses the post."""
    req = _request(newsroom, body)
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    user = (body.get("user") or {}).get("id")
    answer = ask_safely(newsroom, req["text"], req["desk"], offset=req["offset"], limit=req["limit"])
    message = answer_message(answer, newsroom.desk_title(req["desk"]), req["text"], shared_by=user)
    try:
        client.chat_postMessage(channel=channel, unfurl_links=False, unfurl_media=False, **message)
    except SlackApiError as exc:
        error = exc.response.get("error", "error") if exc.response is not None else "error"
        log.warning("share failed: %s", error)
        hint = " Invite me to the channel first (`/invite @newsbot`)." if error == "not_in_channel" else ""
        reply(body.get("response_url"), {"response_type": "ephemeral", "replace_original": False,
                                         **text_message(f":warning: Could not share: `{error}`.{hint}")})
        return False
    reply(body.get("response_url"), {"delete_original": True})
    return True


def more(newsroom: Newsroom, body: dict[str, Any]) -> None:
    """Replace the ephemeral answer with its next page."""
    req = _request(newsroom, body)
    answer = ask_safely(newsroom, req["text"], req["desk"], offset=req["offset"], limit=req["limit"])
    message = answer_message(answer, newsroom.desk_title(req["desk"]), req["text"])
    reply(body.get("response_url"), {"response_type": "ephemeral", "replace_original": True, **message})


def register(app: NewsbotApp) -> None:
    """Both buttons ack at once; the answer is recomputed and posted by the lazy half."""
    newsroom = app.newsroom

    shared = SeenOnce(newsroom, "share")

    def lazy_share(body: dict[str, Any], client: WebClient) -> None:
        with reported(body.get("response_url"), "share"):
            message_ts = (body.get("container") or {}).get("message_ts")
            value = ((body.get("actions") or [{}])[0]).get("value")
            key = f"{message_ts}:{value}" if message_ts else None
            if not shared.first_time(key):
                return  # a double click: the answer is already in the channel
            done = False
            try:
                done = share(newsroom, body, client)
            finally:
                if not done:
                    shared.forget(key)  # refused or failed: a click after "/invite @newsbot" must work

    def lazy_more(body: dict[str, Any]) -> None:
        with reported(body.get("response_url"), "more"):
            more(newsroom, body)

    app.action(SHARE_ACTION)(ack=ack_only, lazy=[lazy_share])
    app.action(MORE_ACTION)(ack=ack_only, lazy=[lazy_more])
