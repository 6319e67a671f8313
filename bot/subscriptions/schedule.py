"""When a subscription's digest is due: instant, hourly, daily HH:MM or weekly DAY HH:MM, in a time zone.

Each due time is built from local wall time with zoneinfo (the date, then HH:MM on that date in the
zone), never by adding 24 hours to the previous one, so a daily 08:00 digest stays at 08:00 local on
both sides of a daylight-saving change. A wall time that does not exist that day (02:30 on a spring-
forward night) falls just after the gap; one that happens twice (an autumn night) goes out the first time.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.words import DEFAULT, Said, months, say, weekdays

DEFAULT_SCHEDULE = "daily 08:00"
DEFAULT_TIME = "08:00"
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_DAY_NAMES = {name: i for i, day in enumerate(DAYS) for name in (day, day + "day", {
    "mon": "monday", "tue": "tuesday", "wed": "wednesday", "thu": "thursday", "fri": "friday",
    "sat": "saturday", "sun": "sunday"}[day], day[:2])}
_TIME_RE = re.compile(r"^([01]?\d|2[0-3])(?::([0-5]\d))?\s*(am|pm)?$", re.I)
KINDS = ("instant", "hourly", "daily", "weekly")


class ScheduleError(Said):
    """A schedule or time zone a person typed that cannot be understood; the message says how to write it."""


@dataclass(frozen=True)
class Schedule:
    kind: str  # instant | hourly | daily | weekly
    at: time | None = None  # daily and weekly
    weekday: int | None = None  # weekly: 0 = Monday

    def __str__(self) -> str:
        if self.kind in ("instant", "hourly"):
            return self.kind
        hhmm = f"{self.at:%H:%M}" if self.at else DEFAULT_TIME
        return f"daily {hhmm}" if self.kind == "daily" else f"weekly {DAYS[self.weekday or 0]} {hhmm}"


def parse_time(text: str) -> time:
    m = _TIME_RE.match(text.strip())
    if not m:
        raise ScheduleError("not_a_time", text=text)
    hour, minute, half = int(m.group(1)), int(m.group(2) or 0), (m.group(3) or "").lower()
    if half and not 1 <= hour <= 12:
        raise ScheduleError("not_a_time", text=text)
    if half:
        hour = hour % 12 + (12 if half == "pm" else 0)
    return time(hour, minute)


def weekday(word: str) -> int | None:
    return _DAY_NAMES.get(word.strip().lower().rstrip("."))


def parse_schedule(text: str | None) -> Schedule:
    """"instant", "hourly", "daily", "daily 08:00", "weekly mon 08:00", "weekly monday" (08:00 by default)."""
    words = (text or DEFAULT_SCHEDULE).lower().split()
    if not words or words[0] not in KINDS:
        raise ScheduleError("bad_schedule", text=text, usage=say("schedule_usage"))
    kind, rest = words[0], words[1:]
    if kind in ("instant", "hourly"):
        if rest:
            raise ScheduleError("takes_no_time", text=text, kind=kind, usage=say("schedule_usage"))
        return Schedule(kind)
    if kind == "daily":
        if len(rest) > 1:
            raise ScheduleError("bad_schedule", text=text, usage=say("schedule_usage"))
        return Schedule("daily", parse_time(rest[0] if rest else DEFAULT_TIME))
    if not rest or weekday(rest[0]) is None or len(rest) > 2:
        raise ScheduleError("weekly_needs_day", text=text)
    return Schedule("weekly", parse_time(rest[1] if len(rest) > 1 else DEFAULT_TIME), weekday(rest[0]))


def default_tz() -> str:
    """The desk's time zone: NEWSBOT_TZ (an IANA name such as America/Lima), else UTC."""
    return os.environ.get("NEWSBOT_TZ", "").strip() or "UTC"


def zone(name: str | None) -> ZoneInfo:
    """A ZoneInfo for an IANA name; a clear error for anything else."""
    try:
        return ZoneInfo((name or default_tz()).strip())
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ScheduleError("not_a_zone", name=name) from None


def _local(day: date, at: time, tz: ZoneInfo) -> datetime:
    """`at` on `day` in `tz`, as UTC. fold=0 (PEP 495): a wall time in a spring-forward gap is read with
    the offset before the change (so it lands just after the gap); a repeated one is its first occurrence."""
    return datetime.combine(day, at).replace(tzinfo=tz, fold=0).astimezone(UTC)


def next_due(schedule: Schedule, tz_name: str, after: datetime) -> datetime:
    """The first due time strictly after `after` (aware), in UTC. `instant` is due at once."""
    after = after.astimezone(UTC)
    if schedule.kind == "instant":
        return after
    tz = zone(tz_name)
    if schedule.kind == "hourly":
        t = after.replace(second=0, microsecond=0) + timedelta(minutes=1)
        while t.astimezone(tz).minute != 0:  # the local hour's start (zones offset by :30 or :45 too)
            t += timedelta(minutes=1)
        return t
    day = after.astimezone(tz).date() - timedelta(days=1)
    while True:
        due = _local(day, schedule.at or time(8), tz)
        if due > after and (schedule.kind == "daily" or day.weekday() == schedule.weekday):
            return due
        day += timedelta(days=1)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def parse_iso(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def local_label(moment: datetime, tz_name: str, language: str = DEFAULT) -> str:
    """`Tue 3 Mar 08:00 EST` (`mar 3 mar 08:00 EST`): a due time as the subscriber reads it."""
    local = moment.astimezone(zone(tz_name))
    day, month = weekdays(language)[local.weekday()], months(language)[local.month - 1]
    return f"{day} {local.day} {month} {local:%H:%M} {local.tzname()}"
