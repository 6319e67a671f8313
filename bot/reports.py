"""Report a problem: a reporter flags an answer item; the desk's editors get the item, the stored
sentence, the article and who reported it, as a record (storage/reports.py, shown by `newsbot log`)
and, when NEWSBOT_EDITORS_CHANNEL is set, as a post that says how to fix or hide the fact."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlite_utils

from storage.reports import add_report, report_context


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


def file_report(db: sqlite_utils.Database, target: dict[str, Any], reporter: str | None,
                channel: str | None) -> Report:
    """Record a report on the item `target` names (desk, action, article_id, sentence, fact_id)."""
    found = report_context(db, target.get("article_id"), target.get("sentence"), target.get("fact_id"))
    fact = found["fact"] or {}
    article_id = target.get("article_id") if target.get("article_id") is not None else fact.get("article_id")
    sentence_idx = target.get("sentence") if target.get("sentence") is not None else fact.get("sentence_idx")
    shown = found["sentence"] or fact.get("text") or found["title"] or ""
    report_id = add_report(
        db, reporter=reporter, channel=channel, desk=target.get("desk"), action=target.get("action"),
        article_id=article_id, sentence_idx=sentence_idx, fact_id=fact.get("id"), item=shown,
    )
    return Report(report_id, reporter, str(target.get("desk") or ""), str(target.get("action") or ""),
                  article_id, sentence_idx, fact.get("id"), fact.get("kind"), found["sentence"],
                  found["title"], found["url"])
