"""The feed job of the scheduler: every minute, poll the feeds whose next poll time has come."""

from __future__ import annotations

from bot.feeds.rounds import poll_due
from bot.scheduler import register_job

TICK_SECONDS = 60  # how often due feeds are looked for; each feed's own interval is in the archive

register_job("feeds", poll_due, TICK_SECONDS)
