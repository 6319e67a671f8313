"""Who may change things from Slack: NEWSBOT_EDITORS, comma-separated Slack user ids (U…/W…) and user
group ids (S…). Unset means every member of the workspace may (and `newsbot serve` says so at start).
Reading is for everyone; changing things from Slack (following or dropping feeds, subscribing a channel,
fixing or hiding facts) is for editors: bot.intent.intent_of says whether a command changes anything,
`is_editor` whether its sender may, and `refusal` what everyone else is told. One check for every
command that changes something, so a new one (subscriptions) is guarded the same way."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from bot.words import DEFAULT, say

ENV = "NEWSBOT_EDITORS"
CHANNEL_ENV = "NEWSBOT_EDITORS_CHANNEL"
FACT_CHANGE = "change_facts"  # bot/words.py: what the refusal says the change is


def editor_ids(env: dict[str, str] | None = None) -> tuple[set[str], set[str]]:
    """(user ids, user-group ids) from NEWSBOT_EDITORS."""
    raw = (env if env is not None else os.environ).get(ENV) or ""
    ids = {part.strip() for part in raw.split(",") if part.strip()}
    return {i for i in ids if not i.startswith("S")}, {i for i in ids if i.startswith("S")}


def editors_configured(env: dict[str, str] | None = None) -> bool:
    users, groups = editor_ids(env)
    return bool(users or groups)


def is_editor(user_id: str | None, group_members: Callable[[str], Iterable[str]],
              env: dict[str, str] | None = None) -> bool:
    """True when no editors are configured, or the user is listed, or is in a listed user group.
    `group_members(S…)` asks Slack who is in a group (usergroups.users.list); a group Slack cannot
    list grants nothing."""
    users, groups = editor_ids(env)
    if not users and not groups:
        return True
    if not user_id:
        return False
    if user_id in users:
        return True
    for group in sorted(groups):
        try:
            if user_id in set(group_members(group)):
                return True
        except Exception:  # an unreadable group is not a reason to let someone in
            continue
    return False


def editors_channel(env: dict[str, str] | None = None) -> str | None:
    """The channel where reports go (NEWSBOT_EDITORS_CHANNEL), or None."""
    value = ((env if env is not None else os.environ).get(CHANNEL_ENV) or "").strip()
    return value or None


def start_notice(env: dict[str, str] | None = None) -> str:
    """What `newsbot serve` prints about who may correct facts from Slack."""
    if editors_configured(env):
        users, groups = editor_ids(env)
        return (f"editors: {len(users)} user(s), {len(groups)} user group(s) may change feeds and fix or hide facts"
                " from Slack")
    return (f"editors: {ENV} is unset, so every member of the workspace may change feeds and fix or hide facts"
            " from Slack;"
            f" set it to user ids (U…) and user-group ids (S…) to limit that")


def refusal(change: str, language: str = DEFAULT) -> str:
    """The polite no, for a member who is not one of the desk's editors, in the desk's language; `change` is
    the words key intent_of gives the change ("change_feeds")."""
    said = say("refusal", language, change=say(change, language))
    return said + say("refusal_facts", language) if change == FACT_CHANGE else said
