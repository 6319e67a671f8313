"""Times as people read them: "7 Dec, 14:03 (Lima)", in the desk's time zone.

The archive keeps ISO timestamps in UTC ("2026-12-07T19:03:11+00:00"): right for JSON and for sorting,
unreadable in a message. A desk's `tz` (seeds/desks.toml) is where its readers are; a desk without one,
and `/news`, reads UTC. The year is said only when it is not this year's.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.desks import get_desk
from bot.words import DEFAULT, months


def zone(name: str | None) -> tzinfo:
    """The IANA zone called `name`; UTC for none or an unknown name (a typo in a seed file is no crash)."""
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def desk_zone(desk: str | None) -> str | None:
    """The desk's time zone name from seeds/desks.toml, or None (UTC)."""
    found = get_desk(desk) if desk else None
    return found.tz if found else None


def zone_label(name: str | None) -> str:
    """'Lima' for America/Lima, 'Mexico City' for America/Mexico_City, 'UTC' without a zone."""
    if zone(name) is UTC:
        return "UTC"
    return str(name).rsplit("/", 1)[-1].replace("_", " ")


def human_time(stamp: str | None, tz: str | None = None, now: datetime | None = None,
               language: str | None = DEFAULT) -> str:
    """'7 Dec, 14:03 (Lima)' for an ISO timestamp (a naive one is UTC), '7 dic, 14:03 (Lima)' in Spanish; '' for
    none; the text itself when it is not a timestamp."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(str(stamp))
    except ValueError:
        return str(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(zone(tz))
    this_year = (now or datetime.now(UTC)).astimezone(zone(tz)).year
    day = f"{local.day} {months(language)[local.month - 1]}" + ("" if local.year == this_year else f" {local.year}")
    return f"{day}, {local:%H:%M} ({zone_label(tz)})"


def desk_time(stamp: str | None, desk: str | None, now: datetime | None = None,
              language: str | None = DEFAULT) -> str:
    """`human_time` in the desk's zone."""
    return human_time(stamp, desk_zone(desk), now, language)
