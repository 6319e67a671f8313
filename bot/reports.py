"""Report a problem: a reporter flags an answer item; the desk's editors get the item, the stored
sentence, the article and who reported it, as a record (storage/reports.py, shown by `newsbot log`)
and, when NEWSBOT_EDITORS_CHANNEL is set, as a post that says how to fix or hide the fact."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlite_utils

from bot.words import DEFAULT, say
from storage.db import transaction
from storage.reports import add_report, iso, report_context, reports_by, reports_on_item


@dataclass
class Report:
    id: int
    reporter: str | None
    desk: str
    action: str
    article_id: int | None
    sentence_idx: int | None
    fact_id: int | None
    fact_kind: str | None
    sentence: str | None
    title: str | None
    url: str | None


@dataclass
class Filed:
    """What became of a click on "Report a problem"."""

    report_id: int | None  # the report that stands for the item (the first one, when it was reported before)
    count: int = 1  # reports now open on the item
    report: Report | None = None  # set when the editors' channel should be told: a new item only
    limited: bool = False  # the reporter reached REPORTS_PER_WINDOW: nothing was recorded

    def reply(self, posted: bool, language: str | None = DEFAULT) -> str:
        """What the reporter is told (mrkdwn), in the desk's language."""
        if self.limited:
            return say("report_limited", language, count=REPORTS_PER_WINDOW, minutes=WINDOW_S // 60)
        if self.report is None:
            others = say("report_others", language, count=self.count) if self.count > 1 else ""
            return say("report_again", language, id=self.report_id, others=others)
        where = say("report_posted" if posted else "report_recorded", language)
        return say("report_thanks", language, id=self.report_id, where=where)


REPORTS_PER_WINDOW = 10  # one member's reports in WINDOW_S: 300 in 28 s once made 300 posts to the editors
WINDOW_S = 3600


def file_report(db: sqlite_utils.Database, target: dict[str, Any], reporter: str | None,
                channel: str | None, now: datetime | None = None) -> Filed:
    """Record a report on the item `target` names (desk, action, article_id, sentence, fact_id), unless its
    reporter sent REPORTS_PER_WINDOW in the last WINDOW_S. An open item the editors' channel was already told
    about gets no new post, and the same reporter's repeat no second record: the editors hear of an item once."""
    found = report_context(db, target.get("article_id"), target.get("sentence"), target.get("fact_id"))
    fact = found["fact"] or {}
    article_id = target.get("article_id") if target.get("article_id") is not None else fact.get("article_id")
    sentence_idx = target.get("sentence") if target.get("sentence") is not None else fact.get("sentence_idx")
    item = {"desk": target.get("desk"), "action": target.get("action"), "article_id": article_id,
            "sentence_idx": sentence_idx, "fact_id": fact.get("id")}
    since = iso((now or datetime.now(UTC)) - timedelta(seconds=WINDOW_S))
    with transaction(db):  # the count and the insert as one: parallel clicks cannot pass the limit
        if reports_by(db, reporter, since) >= REPORTS_PER_WINDOW:
            return Filed(None, limited=True)
        earlier = reports_on_item(db, **item)
        if earlier and any(r["reporter"] == reporter for r in earlier):
            return Filed(earlier[0]["id"], len(earlier))
        shown = found["sentence"] or fact.get("text") or found["title"] or ""
        report_id = add_report(db, reporter=reporter, channel=channel, item=shown, **item)
    told = [r["id"] for r in earlier if r["posted"]]
    if told:
        return Filed(told[0], len(earlier) + 1)
    return Filed(report_id, len(earlier) + 1, Report(
        report_id, reporter, str(target.get("desk") or ""), str(target.get("action") or ""), article_id,
        sentence_idx, fact.get("id"), fact.get("kind"), found["sentence"], found["title"], found["url"]))
