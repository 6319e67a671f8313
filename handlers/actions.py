"""The answer's buttons and item menus: Share, More, Previous, and ⋯ → "Report a problem".

A button carries the desk, the command text, the page and the thread (never the answer itself: a
value holds 2,000 characters), so each recomputes the answer from the archive.

Who sees what: a click acts for the clicker alone. On the clicker's own ephemeral copy, More and
Previous replace that copy (Previous brings the earlier page back). On a public message (an @mention
reply in a thread) More answers the clicker with an ephemeral page in the same thread; the public
message is never replaced or deleted because one person clicked. Share posts for everyone where the
answer lives — the thread it came from, or the channel — names who shared it, and then drops the
clicker's ephemeral copy (only ever an ephemeral one).
"""

from __future__ import annotations

from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web import WebClient

from bot.editors import editors_channel
from bot.intent import intent_of
from bot.mrkdwn import escape, escape_own, fit, link, user_mention
from bot.newsroom import NewsbotApp, Newsroom
from bot.reports import Report, file_report
from bot.words import say
from handlers.blocks import (
    ITEM_MENU,
    MORE_ACTION,
    PREVIOUS_ACTION,
    SHARE_ACTION,
    answer_message,
    parse_button_value,
    parse_report_value,
    text_message,
)
from handlers.reply import SeenOnce, ack_only, ask_safely, log, reply, reported


def _request(newsroom: Newsroom, body: dict[str, Any]) -> dict[str, Any]:
    """The button's value, with a desk that exists (a forged value cannot pick an unknown scope). Its text is
    a page of an answer, never a command that changes anything: Share and the pages refuse one that would."""
    actions = body.get("actions") or [{}]
    value = parse_button_value(actions[0].get("value", ""))
    if value["desk"] not in newsroom.desks():
        value["desk"] = newsroom.default_desk()
    return value


def _where(body: dict[str, Any]) -> tuple[str | None, str | None, bool]:
    """(channel, clicker, whether the clicked message is the clicker's own ephemeral copy)."""
    container = body.get("container") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id")
    user = (body.get("user") or {}).get("id")
    return channel, user, bool(container.get("is_ephemeral"))


def tell_clicker(client: WebClient, body: dict[str, Any], message: dict[str, Any], thread: str | None) -> None:
    """A message only the clicker sees: through response_url on their ephemeral copy, else as an
    ephemeral post in the same channel and thread (never touching the public message)."""
    channel, user, ephemeral = _where(body)
    if ephemeral or not (channel and user):
        reply(body.get("response_url"), {"response_type": "ephemeral", "replace_original": False, **message})
        return
    kwargs = {"thread_ts": thread} if thread else {}
    client.chat_postEphemeral(channel=channel, user=user, **kwargs, **message)


def share(newsroom: Newsroom, body: dict[str, Any], client: WebClient) -> bool:
    """Post the answer for everyone where it lives (its thread, or the channel), attributed to the
    clicker, then drop their ephemeral copy; False (and the clicker told why) when Slack refuses."""
    req = _request(newsroom, body)
    channel, user, ephemeral = _where(body)
    if intent_of(req["text"]).writes:
        tell_clicker(client, body, text_message(say("not_from_a_button", newsroom.language(req["desk"]))),
                     req["thread"])
        return True  # done: the same click must not be tried again
    answer = ask_safely(newsroom, req["text"], req["desk"], offset=req["offset"], limit=req["limit"])
    message = answer_message(answer, newsroom.desk_title(req["desk"]), req["text"], shared_by=user)
    thread = {"thread_ts": req["thread"]} if req["thread"] else {}
    try:
        client.chat_postMessage(channel=channel, unfurl_links=False, unfurl_media=False, **thread, **message)
    except SlackApiError as exc:
        error = exc.response.get("error", "error") if exc.response is not None else "error"
        log.warning("share failed: %s", error)
        lang = newsroom.language(req["desk"])
        hint = say("invite_first", lang) if error == "not_in_channel" else ""
        said = say("could_not_share", lang, error=escape_own(error))
        tell_clicker(client, body, text_message(f":warning: {said}{hint}"), req["thread"])
        return False
    if ephemeral:
        reply(body.get("response_url"), {"delete_original": True})
    return True


def turn_page(newsroom: Newsroom, body: dict[str, Any], client: WebClient) -> None:
    """More or Previous: the page asked for, to the clicker alone."""
    req = _request(newsroom, body)
    _, _, ephemeral = _where(body)
    if intent_of(req["text"]).writes:
        tell_clicker(client, body, text_message(say("not_from_a_button", newsroom.language(req["desk"]))),
                     req["thread"])
        return
    answer = ask_safely(newsroom, req["text"], req["desk"], offset=req["offset"], limit=req["limit"])
    message = answer_message(answer, newsroom.desk_title(req["desk"]), req["text"], thread=req["thread"])
    if ephemeral:
        reply(body.get("response_url"), {"response_type": "ephemeral", "replace_original": True, **message})
    else:
        tell_clicker(client, body, message, req["thread"])


def _thread_of(body: dict[str, Any]) -> str | None:
    message = body.get("message") or {}
    return message.get("thread_ts") or None


def report_problem(newsroom: Newsroom, body: dict[str, Any], client: WebClient) -> None:
    """⋯ → Report a problem: record it, tell the editors' channel once per item, thank the reporter (or say
    that the item was already reported, or that they reached the limit: bot/reports.py decides)."""
    action = (body.get("actions") or [{}])[0]
    target = parse_report_value(((action.get("selected_option") or {}).get("value")) or "")
    if target is None:
        return  # "Open the article" is a link: Slack opens it, nothing to do here
    if target["desk"] not in newsroom.desks():
        target["desk"] = newsroom.default_desk()
    channel, user, _ = _where(body)
    filed = file_report(newsroom.db(), target, user, channel)
    posted = filed.report is not None and post_to_editors(newsroom, client, filed.report)
    tell_clicker(client, body, text_message(filed.reply(posted, newsroom.language(target["desk"]))), _thread_of(body))


def post_to_editors(newsroom: Newsroom, client: WebClient, report: Report) -> bool:
    """Post the report to NEWSBOT_EDITORS_CHANNEL with the commands that fix or hide the fact."""
    channel = editors_channel()
    if not channel:
        return False
    try:
        client.chat_postMessage(channel=channel, unfurl_links=False, unfurl_media=False,
                                **text_message(report_text(newsroom, report)))
    except SlackApiError as exc:
        log.warning("report post failed: %s", exc.response.get("error") if exc.response is not None else "error")
        return False
    from storage.reports import mark_posted

    mark_posted(newsroom.db(), report.id)
    return True


def report_text(newsroom: Newsroom, report: Report) -> str:
    """Report #12 from @reporter on a quote in /peru quotes: the sentence, the article, what to do, in the
    language of the desk the item was reported on."""
    desk = newsroom.desks().get(report.desk)
    command = escape(getattr(desk, "command", f"/{report.desk}"))
    language = newsroom.language(report.desk)
    what = (say("report_on_fact", language, kind=say(f"kind_{report.fact_kind}", language), id=report.fact_id)
            if report.fact_id else say("report_on_item", language, action=escape(report.action)))
    lines = [say("report_head", language, id=report.id, user=user_mention(report.reporter), what=what,
                 command=command, action=escape(report.action))]
    if report.sentence:
        lines.append(f"> {fit(report.sentence, 1500)}")
    if report.title:
        article = link(report.url, report.title, 250) + ("" if report.url else f" ({say('no_link', language)})")
        lines.append(say("report_article", language, link=article))
    if report.fact_id:
        lines.append(say("report_fix", language, command=command, id=report.fact_id))
    return "\n".join(lines)


def register(app: NewsbotApp) -> None:
    """Every click acks at once; the answer is recomputed and posted by the lazy half."""
    newsroom = app.newsroom

    shared = SeenOnce(newsroom, "share")

    def lazy_share(body: dict[str, Any], client: WebClient) -> None:
        with reported(body.get("response_url"), "share"):
            message_ts = (body.get("container") or {}).get("message_ts")
            value = ((body.get("actions") or [{}])[0]).get("value")
            key = f"{message_ts}:{value}" if message_ts else None
            if not shared.first_time(key):
                return  # a double click: the answer is already shared
            done = False
            try:
                done = share(newsroom, body, client)
            finally:
                if not done:
                    shared.forget(key)  # refused or failed: a click after "/invite @newsbot" must work

    def lazy_page(body: dict[str, Any], client: WebClient) -> None:
        with reported(body.get("response_url"), "page"):
            turn_page(newsroom, body, client)

    reports = SeenOnce(newsroom, "report")

    def lazy_report(body: dict[str, Any], client: WebClient) -> None:
        with reported(body.get("response_url"), "report"):
            action = (body.get("actions") or [{}])[0]
            if reports.first_time(action.get("action_ts") and f"{action.get('action_ts')}:{action.get('block_id')}"):
                report_problem(newsroom, body, client)

    app.action(SHARE_ACTION)(ack=ack_only, lazy=[lazy_share])
    app.action(MORE_ACTION)(ack=ack_only, lazy=[lazy_page])
    app.action(PREVIOUS_ACTION)(ack=ack_only, lazy=[lazy_page])
    app.action(ITEM_MENU)(ack=ack_only, lazy=[lazy_report])
