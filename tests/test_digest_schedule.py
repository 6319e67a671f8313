"""Schedules: a daily 08:00 digest goes out at 08:00 local time on both sides of a daylight-saving change.

The scheduler's entry point (run_due_digests) is called with the clock a test chooses, against a real
archive and the Slack stand-in; new articles arrive between days.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from digest_fixtures import clone_article, ledger
from slack_standin import BOT_TOKEN, SlackStandin

from bot.subscriptions import service
from bot.subscriptions.deliver import digest_client, run_due_digests
from bot.subscriptions.schedule import ScheduleError, next_due, parse_schedule


@pytest.fixture
def standin(monkeypatch: pytest.MonkeyPatch) -> Iterator[SlackStandin]:
    with SlackStandin() as server:
        monkeypatch.setenv("SLACK_API_URL", server.api_url)
        yield server


def local(day: date, hour: int, minute: int, tz: str) -> datetime:
    return datetime.combine(day, time(hour, minute), ZoneInfo(tz))


@pytest.mark.parametrize("tz, first_day", [
    ("America/New_York", date(2026, 3, 7)),  # clocks go forward on Sunday 8 March 2026
    ("Europe/London", date(2026, 3, 28)),  # forward on 29 March
    ("Europe/London", date(2026, 10, 24)),  # back on 25 October
])
def test_daily_digest_stays_at_local_eight_across_a_clock_change(
    seed_db: Any, standin: SlackStandin, tz: str, first_day: date
) -> None:
    made = local(first_day - timedelta(days=1), 12, 0, tz)
    sub = service.add(seed_db, service.Request("peru", "", None, "daily 08:00", tz), channel="C0MORNING", now=made)
    client = digest_client(BOT_TOKEN)
    posted_at_utc = []
    for offset in range(3):  # the day before the change, the day of it, the day after
        day = first_day + timedelta(days=offset)
        article = clone_article(seed_db, f"Overnight story {day}")
        assert run_due_digests(seed_db, client, local(day, 7, 59, tz)) == []  # a minute early: not due
        assert ledger(seed_db, sub["id"])[-1:] != [article]
        results = run_due_digests(seed_db, client, local(day, 8, 0, tz))
        assert [r.status for r in results] == ["posted"]
        assert ledger(seed_db, sub["id"])[-1] == article
        posted_at_utc.append(local(day, 8, 0, tz).astimezone(UTC).hour)
    assert len(standin.messages["C0MORNING"]) == 3
    assert posted_at_utc[0] != posted_at_utc[2]  # 08:00 local is a different UTC hour after the change


def test_next_due_for_each_schedule() -> None:
    after = datetime(2026, 3, 7, 14, 0, tzinfo=UTC)  # a Saturday, 09:00 in New York (EST)
    assert next_due(parse_schedule("instant"), "UTC", after) == after
    assert next_due(parse_schedule("hourly"), "Asia/Kolkata", after) == datetime(2026, 3, 7, 14, 30, tzinfo=UTC)
    assert next_due(parse_schedule("daily 08:00"), "America/New_York", after) == datetime(2026, 3, 8, 12, 0, tzinfo=UTC)
    weekly = next_due(parse_schedule("weekly mon 07:30"), "Europe/London", after)
    assert weekly == datetime(2026, 3, 9, 7, 30, tzinfo=UTC)
    gap = next_due(parse_schedule("daily 02:30"), "America/New_York", after)  # 02:30 does not exist on 8 March
    assert gap.astimezone(ZoneInfo("America/New_York")).strftime("%H:%M") == "03:30"


@pytest.mark.parametrize("text", ["daily 25:00", "weekly 08:00", "monthly", "instant 08:00", "daily noon"])
def test_a_schedule_that_cannot_be_read_is_refused_with_its_usage(text: str) -> None:
    with pytest.raises(ScheduleError):
        parse_schedule(text)


def test_subscription_request_words_who_and_schedule() -> None:
    request = service.parse_request('extortion "gota a gota" weekly friday 9:15', "peru")
    assert (request.topics, request.who, request.schedule) == ('extortion "gota a gota"', None, "weekly fri 09:15")
    who = service.parse_request("who José Jerí instant", "peru")
    assert (who.topics, who.who, who.schedule) == ("", "José Jerí", "instant")
    assert service.parse_request("", "peru").schedule == "daily 08:00"
