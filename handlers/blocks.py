"""Block Kit rendering of an Answer, the App Home and the `add` result.

Everything that reaches Slack from here goes through `handlers.mrkdwn` (escaped, cut to size), and
every message stays inside Slack's limits — 50 blocks, 3,000 characters a section, 150 a header —
so a long answer is cut cleanly instead of being rejected by chat.postMessage or response_url.
"""

from __future__ import annotations

import json
import re
from typing import Any

from bot.answer.model import Answer, Source
from handlers.mrkdwn import escape, fit, link, user_mention

SHARE_ACTION = "share_answer"
MORE_ACTION = "more_answer"
ACTION_IDS = (SHARE_ACTION, MORE_ACTION)

MAX_BLOCKS = 50
MAX_HOME_BLOCKS = 100
SECTION_LIMIT = 3000
HEADER_LIMIT = 150
CONTEXT_LIMIT = 2000
BUTTON_VALUE_LIMIT = 2000
FALLBACK_LIMIT = 3000
ITEM_LIMIT = 2800  # room left in a section for the citation link after the item text
MAX_ITEMS = 40  # header + items + sources + context + actions stay under MAX_BLOCKS

Block = dict[str, Any]


def header(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": fit(text, HEADER_LIMIT)}}


def section(mrkdwn: str) -> Block:
    """A mrkdwn section; `mrkdwn` must already be escaped. Over-long text is cut as a last resort."""
    if len(mrkdwn) > SECTION_LIMIT:
        mrkdwn = mrkdwn[: SECTION_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return {"type": "section", "text": {"type": "mrkdwn", "text": mrkdwn}}


def context(mrkdwn: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": mrkdwn[:CONTEXT_LIMIT]}]}


def button_value(desk: str, text: str, offset: int, limit: int) -> str:
    """What a button needs to recompute an answer: the desk, the command text and the page."""
    value = {"d": desk, "q": text[:1500], "o": offset, "l": limit}
    return json.dumps(value, ensure_ascii=False)[:BUTTON_VALUE_LIMIT]


def parse_button_value(value: str) -> dict[str, Any]:
    """The inverse of button_value; a tampered or malformed value falls back to safe defaults."""
    try:
        data = json.loads(value)
    except (TypeError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    return {
        "desk": str(data.get("d") or ""),
        "text": str(data.get("q") or ""),
        "offset": _int(data.get("o"), 0, 0, 1_000_000),
        "limit": _int(data.get("l"), 5, 1, MAX_ITEMS),
    }


def _int(value: Any, default: int, low: int, high: int) -> int:
    try:
        return min(max(int(value), low), high)
    except (TypeError, ValueError):
        return default


def _source_index(sources: list[Source]) -> dict[Any, tuple[int, Source]]:
    return {s.id: (i, s) for i, s in enumerate(sources, start=1)}


def _cite(item: dict[str, Any], index: dict[Any, tuple[int, Source]]) -> str:
    found = index.get(item.get("source_id"))
    if not found:
        return ""
    n, src = found
    return " " + link(src.url, f"[{n}]")


def _join(*parts: Any) -> str:
    return ", ".join(str(p) for p in parts if p not in (None, "", []))


def item_text(action: str, item: dict[str, Any]) -> str:
    """The escaped mrkdwn line for one item, with the fields its action adds (date, speaker, value)."""
    text = item.get("text") or ""
    if action == "timeline" and item.get("date"):
        return f"*{escape(item['date'])}* {fit(text, ITEM_LIMIT)}"
    if action == "quotes" and (item.get("speaker") or item.get("quote")):
        who = escape(_join(item.get("speaker") or "Unattributed", item.get("speaker_role")))
        return f"*{who}*: “{fit(item.get('quote') or text, ITEM_LIMIT)}”"
    if action == "facts" and item.get("value") is not None:
        figure = escape(_join(f"{item.get('value')} {item.get('unit') or ''}".strip(), item.get("measure")))
        period = f" ({escape(item['period'])})" if item.get("period") else ""
        return f"*{figure}*{period} — {fit(text, ITEM_LIMIT)}"
    if action == "who" and item.get("name"):
        return who_text(item)
    if action == "related" and item.get("title"):
        return related_text(item)
    if action in ("search", "latest") and item.get("title"):
        published = f" · {escape(item['published'])}" if item.get("published") else ""
        snippet = item.get("snippet") or text
        return f"*{fit(item['title'], 300)}*{published}\n{fit(snippet, ITEM_LIMIT - 400)}"
    return fit(text, ITEM_LIMIT)


def related_text(item: dict[str, Any]) -> str:
    """Title, date, earlier or later, and why: the names both articles share and how alike their words are."""
    meta = " · ".join(escape(x) for x in (item.get("published") or "undated", item.get("direction")) if x)
    why = []
    if item.get("shared"):
        why.append("Shares " + ", ".join(str(n) for n in item["shared"]))
    if isinstance(item.get("similarity"), int | float):
        why.append(f"similarity {item['similarity']:.2f}")
    return f"*{fit(item['title'], 300)}* · {meta}\n{fit('; '.join(why), 600)}"


def who_text(item: dict[str, Any]) -> str:
    """Name, type, roles, other spellings, how many articles, who they appear with, a few quotes."""
    name = str(item["name"])
    aliases = [str(a) for a in item.get("aliases") or [] if str(a) != name]
    related = [str(r.get("name") if isinstance(r, dict) else r) for r in item.get("related") or []]
    n = item.get("mentions")
    lines = [f"*{fit(name, 200)}* ({fit(item.get('type') or '?', 40)})"]
    if item.get("roles"):
        lines.append(f"Roles: {fit(', '.join(map(str, item['roles'])), 600)}")
    if aliases:
        lines.append(f"Also written: {fit(', '.join(aliases), 600)}")
    if n is not None:
        lines.append(f"In {n} article{'s' if n != 1 else ''}")
    if related:
        lines.append(f"Appears with: {fit(', '.join(related[:8]), 600)}")
    for quote in (item.get("quotes") or [])[:3]:
        text = quote.get("quote") if isinstance(quote, dict) else quote
        lines.append(f"> “{fit(str(text), 500)}”")
    return "\n".join(lines)


def answer_title(answer: Answer, desk_title: str) -> str:
    """`Peru · Summary: crime` — the header a reader scans first."""
    title = f"{desk_title} · {answer.action.capitalize()}"
    return f"{title}: {answer.query}" if answer.query else title


def paging_line(answer: Answer) -> str:
    if not answer.items or answer.total <= len(answer.items):
        return ""
    first = answer.offset + 1
    return f"showing {first}–{answer.offset + len(answer.items)} of {answer.total_label}"


def body_blocks(answer: Answer) -> list[Block]:
    """The items with their citations, or the answer's text when it has no items (help, errors)."""
    if not answer.items:
        paragraphs = [p for p in (answer.text or "Nothing to show.").split("\n\n") if p.strip()]
        return [section(fit(p, SECTION_LIMIT)) for p in paragraphs[:MAX_ITEMS]]
    index = _source_index(answer.sources)
    blocks = [section(item_text(answer.action, it) + _cite(it, index)) for it in answer.items[:MAX_ITEMS]]
    if len(answer.items) > MAX_ITEMS:
        blocks.append(context(f"…and {len(answer.items) - MAX_ITEMS} more not shown"))
    return blocks


def sources_block(sources: list[Source]) -> Block | None:
    """One section listing the cited articles: `[1] <url|title> · source · date`, cut to fit."""
    lines: list[str] = []
    used = 0
    for n, src in enumerate(sources, start=1):
        meta = " · ".join(escape(x) for x in (src.source, src.published or "undated") if x)
        line = f"[{n}] {link(src.url, src.title or 'untitled', 250)}" + (f" · {meta}" if meta else "")
        if used + len(line) + 1 > SECTION_LIMIT - 40:
            lines.append(f"…and {len(sources) - n + 1} more sources")
            break
        lines.append(line)
        used += len(line) + 1
    return section("\n".join(lines)) if lines else None


def answer_message(
    answer: Answer, desk_title: str, command_text: str, *, shared_by: str | None = None, share: bool = True
) -> dict[str, Any]:
    """The whole message for an answer: ephemeral with buttons, or shared (no buttons, attributed)."""
    blocks: list[Block] = [header(answer_title(answer, desk_title)), *body_blocks(answer)]
    src = sources_block(answer.sources)
    if src:
        blocks.append(src)
    notes = [escape(answer.context), escape(paging_line(answer))]
    if shared_by is not None:
        notes.append(f"shared by {user_mention(shared_by)}")
    if any(notes):
        blocks.append(context(" · ".join(n for n in notes if n)))
    if shared_by is None and answer.action not in ("error", "help"):
        buttons = _buttons(answer, command_text, share)
        if buttons["elements"]:
            blocks.append(buttons)
    fallback = fit(answer.text or answer_title(answer, desk_title), FALLBACK_LIMIT)
    if shared_by is not None:
        fallback = f"{fallback}\n(shared by {user_mention(shared_by)})"
    return {"text": fallback, "blocks": blocks[:MAX_BLOCKS]}


def _buttons(answer: Answer, command_text: str, share: bool) -> Block:
    limit = answer.limit or max(len(answer.items), 1)
    elements: list[Block] = []
    if share:
        value = button_value(answer.desk, command_text, answer.offset, limit)
        elements.append({"type": "button", "action_id": SHARE_ACTION, "style": "primary",
                         "text": {"type": "plain_text", "text": "Share in channel"}, "value": value})
    if answer.has_more:
        more = button_value(answer.desk, command_text, answer.offset + limit, limit)
        elements.append({"type": "button", "action_id": MORE_ACTION,
                         "text": {"type": "plain_text", "text": "More"}, "value": more})
    return {"type": "actions", "elements": elements}


def add_result_message(url: str, result: Any) -> dict[str, Any]:
    """What `/peru add` stored (title, people, figures) or why it could not."""
    if not getattr(result, "ok", False):
        reason = getattr(result, "error", None) or "unknown error"
        text = f":warning: Could not add {link(url, url)}: {fit(reason, 1500)}"
        return {"text": text, "blocks": [section(text)]}
    title = result.title or url
    verb = "Stored" if getattr(result, "created", True) else "Already in the archive (refreshed):"
    lines = [f":white_check_mark: {verb} {link(url, title, 300)}"]
    if result.people:
        lines.append(f"*People:* {fit(', '.join(result.people), 1000)}")
    if result.figures:
        lines.append(f"*Figures:* {fit('; '.join(result.figures), 1000)}")
    text = "\n".join(lines)
    return {"text": f"{verb} {fit(title, 300)}", "blocks": [section(text)]}


def text_message(mrkdwn: str) -> dict[str, Any]:
    """A one-section message; `mrkdwn` must already be escaped."""
    return {"text": mrkdwn[:FALLBACK_LIMIT], "blocks": [section(mrkdwn)]}


def home_view(
    latest: list[tuple[str, str, Answer]], subscriptions: list[dict[str, Any]], help_answer: Answer | None
) -> dict[str, Any]:
    """The App Home tab: each desk's latest articles, the channel subscriptions, then the help.

    `latest` holds (command, desk title, latest answer) per desk. Home tabs allow 100 blocks.
    """
    blocks: list[Block] = [header("newsbot — your desk's coverage")]
    for command, title, answer in latest:
        blocks.append(header(f"Latest on {title} ({command})"))
        items = answer.items[:5]
        if not items:
            blocks.append(section(fit(answer.text or "No articles yet.", SECTION_LIMIT)))
        index = _source_index(answer.sources)
        blocks.extend(section(item_text("latest", it) + _cite(it, index)) for it in items)
        if answer.context:
            blocks.append(context(escape(answer.context)))
    blocks.append(header("Channel subscriptions"))
    if subscriptions:
        lines = [_subscription_line(s) for s in subscriptions[:40]]
        blocks.append(section("\n".join(lines)))
    else:
        blocks.append(section("No subscriptions yet. Try `/peru subscribe crime daily 08:00` in a channel."))
    if help_answer is not None:
        blocks.append(header("Help"))
        blocks.extend(body_blocks(help_answer)[:10])
    return {"type": "home", "blocks": blocks[:MAX_HOME_BLOCKS]}


def _subscription_line(row: dict[str, Any]) -> str:
    """`#channel — crime (daily 08:00)`; tolerant of whatever columns the subscriptions table has."""
    channel = str(row.get("channel") or row.get("channel_id") or "?")
    where = f"<#{channel}>" if re.fullmatch(r"[CG][A-Z0-9]{2,30}", channel) else f"#{fit(channel, 80)}"
    what = fit(" ".join(str(row.get(k)) for k in ("desk", "topic", "query") if row.get(k)), 200)
    when = fit(" ".join(str(row.get(k)) for k in ("schedule", "frequency", "time") if row.get(k)), 60)
    return f"• {where} — {what or 'everything'}" + (f" ({when})" if when else "")
