"""`/peru subscribe …`, `/peru unsubscribe …` and `/peru subscriptions`, typed in the channel they are for.

A subscription is made inactive, a confirmation is posted to the channel, and only when Slack takes it is
the subscription switched on: a channel the bot cannot post in (`not_in_channel`, a private channel it was
not invited to) keeps nothing, and the user is told to invite the bot first. The schedule's time zone is
the subscribing user's (users.info), else NEWSBOT_TZ.

Nobody can subscribe a channel they are not in: the channel is always the command's own `channel_id`,
which Slack signs and sets to where the user typed. Text that names another channel (`in #crime-desk`,
Slack's `<#C…|name>`, `channel=C…`) is refused with where to go instead, never read as topic words (which
once subscribed *this* channel to "in #crime-desk") and never followed; naming the command's own channel
is allowed and dropped. Buttons, @mentions and App Home never make subscriptions (the engine only says
where to type the command), and the tests in tests/test_subscribe_slack.py try each of them.
"""

from __future__ import annotations

import re
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web import WebClient

from bot.mrkdwn import escape, escape_own, fit, user_mention
from bot.newsroom import Newsroom
from bot.subscriptions import service
from bot.subscriptions.schedule import ScheduleError
from bot.words import DEFAULT, say
from handlers.blocks import text_message
from handlers.reply import log

CANNOT_POST = ("not_in_channel", "channel_not_found", "is_archived", "restricted_action")
_CHANNEL_ID = re.compile(r"[CGD][A-Z0-9]{2,30}")
# A channel named in the text: Slack's link <#C0123|name>, a typed #name (with a letter: `#3` is a
# subscription's number), or channel=C0123 / --channel C0123 as the CLI spells it; with a leading "in", "to"...
_CHANNEL_REF = re.compile(
    r"(?i)(?:(?<!\S)(?:in|to|into|for|on)\s+)?"
    r"(?:<#(?P<id>[A-Z0-9]+)(?:\|(?P<label>[^>]*))?>"
    r"|(?<![\w&#])#(?P<name>(?=[\w.-]*[^\W\d_])[\w.-]{1,80})"
    r"|(?<!\S)(?:--)?channel(?:\s*[=:]\s*|\s+(?=(?-i:[CG][A-Z0-9]{2,30})\b))(?P<arg>[^\s>]+))")


def answer(newsroom: Newsroom, command: dict[str, Any], client: WebClient, desk: str, action: str, rest: str
           ) -> dict[str, Any]:
    """The ephemeral reply (Block Kit) to a subscription command: `action` and `rest` as bot.intent read the
    command, the same reading that decided who may run it (handlers/commands.py, before this is called)."""
    channel = command.get("channel_id") or ""
    lang = newsroom.language(desk)
    elsewhere, rest = other_channel(rest, command)
    if elsewhere:
        return not_here(action, elsewhere, command, lang)
    if action == "subscriptions":
        return listing(newsroom, channel, slash_of(command), lang)
    if action == "unsubscribe":
        return unsubscribe(newsroom, channel, desk, rest, slash_of(command), lang)
    return subscribe(newsroom, command, client, desk, rest, lang)


def slash_of(command: dict[str, Any]) -> str:
    """The desk's slash command as typed (`/mexico`), escaped, for the examples a reply gives: an example
    in another desk's command would subscribe the channel to the wrong desk."""
    return escape(fit(command.get("command") or "/news", 40))


def other_channel(text: str, command: dict[str, Any]) -> tuple[str | None, str]:
    """(the first channel `text` names that is not the command's own, as the user wrote it; `text` without
    the references to the command's own channel). A subscription can only be for the channel the command
    came from: Slack vouches that the user is in it, and for no other."""
    own_id, own_name = command.get("channel_id") or "", (command.get("channel_name") or "").lower()
    for found in _CHANNEL_REF.finditer(text or ""):
        named = found.group("id") or found.group("arg") or ""
        label = (found.group("label") or found.group("name") or "").lower()
        if (named and named.upper() != own_id.upper()) or (not named and label != own_name):
            return found.group(0).strip(), text
    return None, " ".join(_CHANNEL_REF.sub(" ", text or "").split())


def not_here(action: str, named: str, command: dict[str, Any], language: str = DEFAULT) -> dict[str, Any]:
    """The refusal when the text names another channel: what to do instead; nothing is changed."""
    slash = slash_of(command)
    ref = _CHANNEL_REF.fullmatch(named)
    shown = escape(fit(named, 100))
    if ref and ref.group("id") and _CHANNEL_ID.fullmatch(ref.group("id")):
        shown = f"<#{ref.group('id')}>"
    doing = say(f"do_{action}", language) if action in ("subscribe", "unsubscribe", "subscriptions") else action
    return text_message(say("not_here", language, doing=doing, shown=shown, command=slash, action=escape(action)))


def listing(newsroom: Newsroom, channel: str, slash: str, language: str = DEFAULT) -> dict[str, Any]:
    subs = service.listed(newsroom.db(), channel)
    if not subs:
        return text_message(say("no_subs_here", language, command=slash))
    lines, used = [say("subs_here", language)], 0
    for n, sub in enumerate(subs):
        line = f"• {escape_own(service.describe(sub, language))}"
        if used + len(line) > 2800:
            lines.append(say("and_more", language, count=len(subs) - n))
            break
        lines.append(line)
        used += len(line) + 1
    return text_message("\n".join(lines))  # the fallback text is the list itself, not only its title


def unsubscribe(newsroom: Newsroom, channel: str, desk: str, target: str, slash: str,
                language: str = DEFAULT) -> dict[str, Any]:
    if not target:
        return text_message(say("unsubscribe_what", language, command=slash))
    removed = service.remove(newsroom.db(), target, channel=channel, desk=desk)
    if not removed:
        return text_message(say("no_such_subscription", language, target=fit(target, 200), command=slash))
    names = ", ".join(escape_own(service.describe(s, language)) for s in removed)
    return text_message(f":white_check_mark: {say('unsubscribed', language, names=names)}")


def user_tz(client: WebClient, user: str | None) -> str | None:
    """The user's IANA time zone from users.info; None (NEWSBOT_TZ applies) when Slack does not say."""
    if not user:
        return None
    try:
        tz = (client.users_info(user=user).get("user") or {}).get("tz")
    except Exception as exc:  # no users:read scope, a deleted user, the network: the desk's zone will do
        log.warning("users.info failed: %s", type(exc).__name__)
        return None
    return str(tz) if tz else None


def subscribe(newsroom: Newsroom, command: dict[str, Any], client: WebClient, desk: str, rest: str,
              language: str = DEFAULT) -> dict[str, Any]:
    db, channel, user = newsroom.db(), command.get("channel_id") or "", command.get("user_id")
    try:
        request = service.parse_request(rest, desk)
        request.tz = user_tz(client, user)
        sub = service.add(db, request, channel=channel, team=command.get("team_id"), user=user, active=False)
    except (service.SubscriptionError, ScheduleError) as exc:
        usage = say("subscribe_usage", language, command=slash_of(command))
        return text_message(f":warning: {escape_own(exc.said(language))}\n{usage}")
    confirmation = ":newspaper: " + say(
        "subscribed_channel", language, user=user_mention(user), desk=escape(newsroom.desk_title(desk)),
        what=escape(service.what(sub, language)), schedule=escape_own(sub["schedule"]), tz=escape_own(sub["tz"]),
        command=slash_of(command))
    try:
        client.chat_postMessage(channel=channel, text=confirmation, unfurl_links=False)
    except SlackApiError as exc:
        service.discard(db, sub["id"])
        error = exc.response.get("error") if exc.response is not None else "error"
        if error in CANNOT_POST:
            return text_message(f":wave: {say('invite_to_subscribe', language)}")
        return text_message(f":warning: {say('slack_refused', language, error=escape_own(str(error)))}")
    except Exception as exc:
        service.discard(db, sub["id"])
        log.warning("subscription confirmation failed: %s", type(exc).__name__)
        return text_message(f":warning: {say('slack_unreachable', language)}")
    service.activate(db, sub["id"])
    sub["active"] = 1
    read = say("read_as", language, read=escape_own(service.read_as(request, language)), schedules=service.SCHEDULES)
    done = say("subscribed", language, what=escape_own(service.describe(sub, language)))
    return text_message(f":white_check_mark: {done}\n{read}")
