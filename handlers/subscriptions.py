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
    elsewhere, rest = other_channel(rest, command)
    if elsewhere:
        return not_here(action, elsewhere, command)
    if action == "subscriptions":
        return listing(newsroom, channel, slash_of(command))
    if action == "unsubscribe":
        return unsubscribe(newsroom, channel, desk, rest, slash_of(command))
    return subscribe(newsroom, command, client, desk, rest)


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


def not_here(action: str, named: str, command: dict[str, Any]) -> dict[str, Any]:
    """The refusal when the text names another channel: what to do instead; nothing is changed."""
    slash = slash_of(command)
    ref = _CHANNEL_REF.fullmatch(named)
    shown = escape(fit(named, 100))
    if ref and ref.group("id") and _CHANNEL_ID.fullmatch(ref.group("id")):
        shown = f"<#{ref.group('id')}>"
    doing = {"subscribe": "subscribe", "unsubscribe": "unsubscribe", "subscriptions": "list the subscriptions of"}
    return text_message(
        f":no_entry: I can only {doing.get(action, action)} the channel this command is typed in, not "
        f"{shown}. Go to that channel (you and I both need to be in it) and type `{slash} {escape(action)} …` "
        "there. Nothing was changed. (A topic that starts with # is read as a channel: leave the # out.)")


def listing(newsroom: Newsroom, channel: str, slash: str) -> dict[str, Any]:
    subs = service.listed(newsroom.db(), channel)
    if not subs:
        return text_message(f"No subscriptions in this channel. Try `{slash} subscribe crime daily 08:00`.")
    lines, used = ["*This channel's subscriptions*"], 0
    for n, sub in enumerate(subs):
        line = f"• {escape_own(service.describe(sub))}"
        if used + len(line) > 2800:
            lines.append(f"…and {len(subs) - n} more")
            break
        lines.append(line)
        used += len(line) + 1
    return text_message("\n".join(lines))  # the fallback text is the list itself, not only its title


def unsubscribe(newsroom: Newsroom, channel: str, desk: str, target: str, slash: str) -> dict[str, Any]:
    if not target:
        return text_message(f"Unsubscribe from what? Give its number or its words: `{slash} unsubscribe 3` or "
                            f"`{slash} unsubscribe crime` (`{slash} subscriptions` lists them).")
    removed = service.remove(newsroom.db(), target, channel=channel, desk=desk)
    if not removed:
        return text_message(f"No subscription “{fit(target, 200)}” in this channel. "
                            f"`{slash} subscriptions` lists this channel's.")
    names = ", ".join(escape_own(service.describe(s)) for s in removed)
    return text_message(f":white_check_mark: Unsubscribed: {names}")


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


def subscribe(newsroom: Newsroom, command: dict[str, Any], client: WebClient, desk: str, rest: str
              ) -> dict[str, Any]:
    db, channel, user = newsroom.db(), command.get("channel_id") or "", command.get("user_id")
    try:
        request = service.parse_request(rest, desk)
        request.tz = user_tz(client, user)
        sub = service.add(db, request, channel=channel, team=command.get("team_id"), user=user, active=False)
    except (service.SubscriptionError, ScheduleError) as exc:
        slash = slash_of(command)
        return text_message(f":warning: {escape_own(str(exc))}\nUsage: `{slash} subscribe <topic words> "
                            f"[instant | hourly | daily HH:MM | weekly DAY HH:MM]` or `{slash} subscribe who <name>`")
    what = escape(service.what(sub))
    confirmation = (f":newspaper: {user_mention(user)} subscribed this channel to {escape(newsroom.desk_title(desk))}"
                    f" · {what} ({escape_own(sub['schedule'])}, {escape_own(sub['tz'])}). Only articles stored from "
                    f"now on are posted; `{slash_of(command)} subscriptions` lists them.")
    try:
        client.chat_postMessage(channel=channel, text=confirmation, unfurl_links=False)
    except SlackApiError as exc:
        service.discard(db, sub["id"])
        error = exc.response.get("error") if exc.response is not None else "error"
        if error in CANNOT_POST:
            return text_message(":wave: I can't post in this channel yet. Invite me first (`/invite @newsbot`), "
                                "then subscribe again. Nothing was saved.")
        return text_message(f":warning: Slack refused the confirmation ({escape_own(str(error))}). Nothing was saved.")
    except Exception as exc:
        service.discard(db, sub["id"])
        log.warning("subscription confirmation failed: %s", type(exc).__name__)
        return text_message(":warning: Could not reach Slack to confirm the subscription. Nothing was saved.")
    service.activate(db, sub["id"])
    sub["active"] = 1
    return text_message(f":white_check_mark: Subscribed: {escape_own(service.describe(sub))}\n"
                        f"Read as: {escape_own(service.read_as(request))}. Schedules: {service.SCHEDULES}.")
