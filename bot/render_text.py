"""Rendering an Answer for the terminal: the answer as a person reads it, then its sources."""

from __future__ import annotations

from bot.answer.model import Answer
from bot.answer.sources import human_date


def render_text(answer: Answer) -> str:
    lines = [answer.text] if answer.text else []
    if answer.has_more:
        lines.append(f"(showing {answer.offset + 1}–{answer.offset + len(answer.items)} of {answer.total_label};"
                     f" use --offset {answer.offset + len(answer.items)} for more)")
    if answer.context:
        lines.append(answer.context)
    if answer.sources:
        lines.append("Sources:")
        for number, source in enumerate(answer.sources, start=1):
            where = source.url or "no link recorded"
            origin = f"{source.source}, " if source.source else ""
            lines.append(f"  [{number}] {source.title} — {origin}{human_date(source.published)} — {where}")
    return "\n".join(lines)
