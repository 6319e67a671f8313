"""Rendering an Answer for the terminal: the answer as a person reads it, then its sources.

Items are written through bot.answer.format, the wording the Slack blocks use too, so a figure, a
date or a paraphrase reads the same in the terminal and in Slack.
"""

from __future__ import annotations

from typing import Any

from bot.answer.format import human_date, item_line, outlet, roles_once, who_lines
from bot.answer.model import Answer
from bot.words import say


def render_text(answer: Answer) -> str:
    """The answer, its paging line, context and sources; the bot's words in the desk's language."""
    lang = answer.language
    numbers = {s.id: n for n, s in enumerate(answer.sources, start=1)}

    def cite(source_id: Any) -> str:
        return f"[{numbers[source_id]}]" if source_id in numbers else ""

    lines = body_lines(answer, cite)
    if answer.has_more:
        shown = answer.offset + len(answer.items)
        lines.append(say("more_cli", lang, first=answer.offset + 1, last=shown, total=answer.total_label, next=shown))
    if answer.context:
        lines.append(answer.context)
    if answer.sources:
        lines.append(say("sources", lang))
        for number, source in enumerate(answer.sources, start=1):
            where = source.url or say("no_link", lang)
            origin = outlet(source.source, source.url)
            origin = f"{origin}, " if origin else ""
            lines.append(f"  [{number}] {source.title} — {origin}{human_date(source.published, lang)} — {where}")
    return "\n".join(lines)


def body_lines(answer: Answer, cite) -> list[str]:
    """Each item through the shared formatter; answers without cited items (help, errors) as their text, and
    `related` as its text too: the heading names the article asked about, and each line says why (the
    names both share, how alike their words are), which a bare list of headlines would drop."""
    if answer.action == "who" and answer.items:
        return who_lines(answer.items[0], cite=cite, language=answer.language)
    if not answer.items or answer.action in ("help", "add", "related"):
        return [answer.text] if answer.text else []
    return [" ".join(p for p in (item_line(answer.action, it, language=answer.language), cite(it.get("source_id")))
                     if p)
            for it in roles_once(answer.items)]
