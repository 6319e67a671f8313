"""Making, listing and removing subscriptions: the one place the CLI, Slack and the engine go through.

A subscription is a channel's standing order for a desk, optionally narrowed to topic words and to a
person or organisation, delivered on a schedule in a time zone. It starts now: its start is the newest
article stored when it is made, and nothing at or below that is ever posted (no backlog flood).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from difflib import get_close_matches
from typing import Any

import sqlite_utils

from bot.answer.grammar import tokenize
from bot.desks import get_desk, load_desks
from bot.subscriptions.schedule import (
    KINDS,
    ScheduleError,
    iso,
    local_label,
    next_due,
    parse_iso,
    parse_schedule,
    zone,
)
from bot.words import DEFAULT, Said, say
from storage import subscriptions as store


class SubscriptionError(Said):
    """Something a person asked for that cannot be done; the message says why, in a sentence."""


@dataclass
class Request:
    """What `/peru subscribe ...` or `newsbot subscriptions add ...` asks for."""

    desk: str
    topics: str = ""
    who: str | None = None
    schedule: str = "daily 08:00"
    tz: str | None = None
    schedule_given: bool = True  # False: none was typed and the default applies (the confirmation says so)


SCHEDULES = "instant, hourly, daily HH:MM, weekly DAY HH:MM"
# Words a person types to say *when*, not *what*: a schedule we cannot read must never become topic words
# (`subscribe crime at dawn sometimes` once saved the topic "crime at dawn sometimes", daily at 08:00).
_WHEN_WORDS = {
    "every", "each", "morning", "mornings", "evening", "evenings", "night", "nights", "nightly", "noon",
    "midday", "midnight", "dawn", "dusk", "sometimes", "often", "weekday", "weekdays", "weekend", "weekends",
    "monthly", "yearly", "annually", "biweekly", "fortnightly", "minutely", "today", "tomorrow", "am", "pm",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}
_CLOCK = re.compile(r"^\d{1,2}(?:[:.h]\d\d|h|\s?[ap]\.?m\.?)$|^\d{1,2}[:.]\d\d\s?[ap]\.?m\.?$", re.I)


def schedule_like(word: str) -> bool:
    """A word that says when rather than what: a clock time, a day, `morning`, `every`, or a near miss of
    a schedule kind (`dialy`, `hourley`)."""
    low = word.lower().strip(".,;")
    if low in _WHEN_WORDS or low.rstrip("s") in _WHEN_WORDS or _CLOCK.match(low):
        return True
    return len(low) >= 4 and bool(get_close_matches(low, KINDS, n=1, cutoff=0.85))


def unreadable_schedule(words: list[str]) -> SubscriptionError | None:
    """The refusal for topic words that hold a schedule we cannot read (nothing is saved), or None."""
    plain = [w for w, quoted in tokenize(" ".join(words)) if not quoted]
    odd = [w for w in plain if schedule_like(w)]
    if not odd:
        return None
    return SubscriptionError("unreadable_schedule", odd=" ".join(odd), schedules=SCHEDULES, first=odd[0])


def parse_request(text: str, desk: str) -> Request:
    """`crime daily 08:00`, `who José Jerí weekly mon 08:00`, `extortion "gota a gota" instant`, `hourly`.

    The schedule is the tail starting at the first schedule word; `who` first means the rest is a name.
    Topic words that say when (`at dawn`, `every morning`, `8am`, `dialy`) are a schedule we cannot read:
    refused, never saved as topic words.
    """
    tokens = text.split()
    start = next((i for i, t in enumerate(tokens) if t.lower() in KINDS), len(tokens))
    schedule = " ".join(tokens[start:]) or "daily 08:00"
    words = tokens[:start]
    odd = unreadable_schedule(words[1:] if words and words[0].lower() == "who" else words)
    if odd:
        raise odd
    who = None
    if words and words[0].lower() == "who":
        who = " ".join(words[1:]).strip("\"“”")
        if not who:
            raise SubscriptionError("who_subscribe")
        words = []
    topics = " ".join(f'"{t}"' if quoted else t for t, quoted in tokenize(" ".join(words)))
    return Request(desk, topics, who, str(parse_schedule(schedule)), schedule_given=start < len(tokens))


def read_as(request: Request, language: str = DEFAULT) -> str:
    """How a subscribe command was read, so a typo shows: `topic words “crime” · schedule daily 08:00 (the
    default: none was given)` (plain text)."""
    parts = [say("read_topics", language, topics=request.topics) if request.topics
             else say("read_no_topics", language)]
    if request.who:
        parts.append(say("read_who", language, name=request.who))
    default = "" if request.schedule_given else say("read_default", language)
    parts.append(say("read_schedule", language, schedule=request.schedule, default=default))
    return " · ".join(parts)


def add(
    db: sqlite_utils.Database, request: Request, *, channel: str, team: str | None = None, user: str | None = None,
    active: bool = True, now: datetime | None = None,
) -> dict[str, Any]:
    """Validate and store a subscription; returns its row. Raises SubscriptionError with the reason."""
    channel = (channel or "").strip()
    if not channel:
        raise SubscriptionError("needs_channel")
    desk = get_desk(request.desk)
    if desk is None:
        names = ", ".join(d.command for d in load_desks().values())
        raise SubscriptionError("no_desk", desk=request.desk, names=names)
    try:
        schedule = parse_schedule(request.schedule)
        tz = request.tz or None
        tz_name = str(zone(tz).key)
    except ScheduleError as exc:
        raise SubscriptionError(exc.key, **exc.fields) from None
    now = now or datetime.now(UTC)
    entity_id = _entity(db, request.who) if request.who else None
    sub_id = store.insert_subscription(db, {
        "team": team, "channel": channel, "desk": desk.name, "topics": request.topics.strip(),
        "who": request.who, "entity_id": entity_id, "schedule": str(schedule), "tz": tz_name,
        "created_by": user, "created_at": iso(now), "active": 1 if active else 0,
        "next_run_at": iso(next_due(schedule, tz_name, now)),
    })
    return store.subscription(db, sub_id) or {}


def _entity(db: sqlite_utils.Database, name: str) -> int | None:
    from bot.answer.lookup import find_entity_id

    return find_entity_id(db, name)


def activate(db: sqlite_utils.Database, sub_id: int) -> None:
    store.update_subscription(db, sub_id, active=1)


def discard(db: sqlite_utils.Database, sub_id: int) -> None:
    """Forget a subscription that never became active (the bot could not post in its channel)."""
    store.delete_subscription(db, sub_id)


def remove(db: sqlite_utils.Database, target: str, *, channel: str | None = None, desk: str | None = None
           ) -> list[dict[str, Any]]:
    """Remove by id (`3`, `#3`) or by topic words / `who NAME`, within a channel (and desk) if given."""
    target = target.strip()
    candidates = store.subscriptions(db, channel=channel)
    if target.lstrip("#").isdigit():
        chosen = [s for s in candidates if s["id"] == int(target.lstrip("#"))]
    else:
        wanted = _normal(target)
        chosen = [s for s in candidates if (desk is None or s["desk"] == desk) and wanted in (
            _normal(s["topics"]), _normal(f"who {s['who']}") if s["who"] else None, _normal(s["who"] or ""),
            _normal(what(s)))]
    for sub in chosen:
        store.delete_subscription(db, sub["id"])
    return chosen


def _normal(text: str | None) -> str:
    return " ".join((text or "").lower().replace('"', " ").replace("“", " ").replace("”", " ").split())


def listed(db: sqlite_utils.Database, channel: str | None = None) -> list[dict[str, Any]]:
    return store.subscriptions(db, channel=channel)


def what(sub: dict[str, Any], language: str = DEFAULT) -> str:
    """`crime`, `who José Jerí`, `crime, who José Jerí` or `everything` (plain text; the bot's words in
    `language`, the subscription's own words as typed)."""
    who = say("about_who", language, name=sub["who"]) if sub.get("who") else ""
    parts = [p for p in (sub.get("topics"), who) if p]
    return ", ".join(parts) or say("everything", language)


def describe(sub: dict[str, Any], language: str = DEFAULT) -> str:
    """`#3 Peru · crime · daily 08:00 America/Lima · next Tue 3 Mar 08:00 -05` (plain text)."""
    desk = get_desk(sub["desk"])
    title = desk.title if desk else sub["desk"]
    due = parse_iso(sub.get("next_run_at"))
    when = f"{sub['schedule']} {sub['tz']}" if sub["schedule"] != "instant" else "instant"
    scheduled = due and sub["schedule"] != "instant"
    nxt = say("next_due", language, when=local_label(due, sub["tz"], language)) if scheduled else ""
    error = say("last_failed", language, error=sub["last_error"]) if sub.get("last_error") else ""
    return f"#{sub['id']} {title} · {what(sub, language)} · {when}{nxt}{error}"


def to_json(sub: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "team", "channel", "desk", "topics", "who", "entity_id", "schedule", "tz", "created_by",
            "created_at", "active", "next_run_at", "last_run_at", "failures", "last_error")
    return {k: sub.get(k) for k in keys}
