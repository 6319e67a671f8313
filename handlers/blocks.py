"""Block Kit rendering of an Answer, the App Home and the `add` result, built with slack_sdk's models.

Every block is a `slack_sdk.models.blocks` object, so Slack's limits (3,000 characters a section,
150 a header, 75 a button label, 2,000 a button value, 150 an option value ...) are checked when the
message is built, not discovered when chat.postMessage refuses it. Text from articles and users goes
through `bot.mrkdwn` (escaped, cut to size). The wording of each item (figures, dates, quotes,
who) comes from bot.answer.format, shared with the terminal.

A message is one of three kinds: `private` (the asker's ephemeral copy: Previous, More, Share),
`public` (a reply in a channel thread: More only, answered to the clicker alone) and `shared` (posted
for everyone: no buttons and no paging text, attributed to who shared it).
"""

from __future__ import annotations

import json
import re
import secrets
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    OverflowMenuElement,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.blocks.basic_components import Option

from bot.answer.format import human_date, item_line, not_analysed, outlet, roles_once, who_lines
from bot.answer.model import Answer, Source
from bot.answer.related import direction, why_related
from bot.ingest.links import add_error
from bot.mrkdwn import escape, fit, highlighted, link, safe_url, user_mention, web_url
from bot.words import DEFAULT, say, table

SHARE_ACTION = "share_answer"
MORE_ACTION = "more_answer"
PREVIOUS_ACTION = "previous_answer"
ITEM_MENU = "item_menu"
ACTION_IDS = (SHARE_ACTION, MORE_ACTION, PREVIOUS_ACTION, ITEM_MENU)
REPORT_PREFIX = "report"

MAX_BLOCKS = 50
MAX_HOME_BLOCKS = 100
SECTION_LIMIT = 3000
HEADER_LIMIT = 150
CONTEXT_LIMIT = 2000
BUTTON_VALUE_LIMIT = 2000
OPTION_VALUE_LIMIT = 150
FALLBACK_LIMIT = 3900  # Slack truncates a message's top-level text at 4,000 characters
ITEM_LIMIT = 2800  # room left in a section for the citation after the item text
MAX_ITEMS = 40  # header + items + sources + context + actions stay under MAX_BLOCKS
ITEM_ACTIONS = ("summary", "facts", "timeline", "quotes", "search", "latest", "who", "related")


def header(text: str) -> HeaderBlock:
    return HeaderBlock(text=PlainTextObject(text=fit(text, HEADER_LIMIT, own=True), emoji=False))  # plain text


def section(mrkdwn: str, accessory: Any = None) -> SectionBlock:
    """A mrkdwn section; `mrkdwn` must already be escaped. Over-long text is cut as a last resort."""
    if len(mrkdwn) > SECTION_LIMIT:
        mrkdwn = mrkdwn[: SECTION_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return SectionBlock(text=MarkdownTextObject(text=mrkdwn), accessory=accessory)


def context(mrkdwn: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=mrkdwn[:CONTEXT_LIMIT])])


def button(label: str, action_id: str, value: str, description: str, style: str | None = None) -> ButtonElement:
    """A button with the words a screen reader says (`accessibility_label`, up to 75 characters)."""
    return ButtonElement(text=PlainTextObject(text=label, emoji=False), action_id=action_id,
                         value=value[:BUTTON_VALUE_LIMIT], style=style, accessibility_label=description[:75])


def to_message(blocks: list[Block], text: str, limit: int = MAX_BLOCKS) -> dict[str, Any]:
    """`{"text", "blocks"}` with every block validated (to_dict raises on anything over Slack's limits)."""
    return {"text": text[:FALLBACK_LIMIT] or " ", "blocks": [b.to_dict() for b in blocks[:limit]]}


def button_value(desk: str, text: str, offset: int, limit: int, thread: str | None = None) -> str:
    """What a button needs to recompute an answer: the desk, the command text, the page, and the thread
    the answer belongs to (so a share from a thread goes back into it)."""
    value: dict[str, Any] = {"d": desk, "q": text[:1500], "o": offset, "l": limit}
    if thread:
        value["t"] = str(thread)[:40]
    return json.dumps(value, ensure_ascii=False)[:BUTTON_VALUE_LIMIT]


def parse_button_value(value: str) -> dict[str, Any]:
    """The inverse of button_value; a tampered or malformed value falls back to safe defaults."""
    try:
        data = json.loads(value)
    except (TypeError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    thread = str(data.get("t") or "")
    return {
        "desk": str(data.get("d") or ""),
        "text": str(data.get("q") or ""),
        "offset": _int(data.get("o"), 0, 0, 1_000_000),
        "limit": _int(data.get("l"), 5, 1, MAX_ITEMS),
        "thread": thread if re.fullmatch(r"\d{1,12}\.\d{1,8}", thread) else None,
    }


def _int(value: Any, default: int, low: int, high: int) -> int:
    try:
        return min(max(int(value), low), high)
    except (TypeError, ValueError):
        return default


def report_value(desk: str, action: str, item: dict[str, Any]) -> str:
    """The overflow option's value for "Report a problem": what the item is, not its text (150 chars)."""
    parts = [REPORT_PREFIX, desk, action, item.get("source_id"), item.get("sentence"), item.get("fact_id")]
    return ":".join("" if p is None else str(p) for p in parts)[:OPTION_VALUE_LIMIT]


def parse_report_value(value: str) -> dict[str, Any] | None:
    """The inverse of report_value, or None for another option (or a forged value)."""
    parts = (value or "").split(":")
    if len(parts) != 6 or parts[0] != REPORT_PREFIX:
        return None

    def number(text: str) -> int | None:
        return int(text) if text.isdigit() else None

    return {"desk": parts[1][:40], "action": parts[2][:20], "article_id": number(parts[3]),
            "sentence": number(parts[4]), "fact_id": number(parts[5])}


class Citations:
    """The answer's sources by id: their number ([1], [2] ...) and link, for citing items."""

    def __init__(self, sources: list[Source]) -> None:
        self.by_id = {s.id: (n, s) for n, s in enumerate(sources, start=1)}

    def mark(self, source_id: Any) -> str:
        found = self.by_id.get(source_id)
        return f"[{found[0]}]" if found else ""

    def source(self, source_id: Any) -> Source | None:
        found = self.by_id.get(source_id)
        return found[1] if found else None


def item_menu(desk: str, action: str, item: dict[str, Any], src: Source | None,
              language: str = DEFAULT) -> OverflowMenuElement | None:
    """⋯ on an item: open its article (when it has a link) and report a problem with it."""
    if item.get("source_id") is None:
        return None
    options = []
    url = web_url(src.url) if src else None
    if url:  # a valid URL or no option: one bad link must not stop the whole answer from posting
        options.append(Option(value="open", text=say("open_article", language), url=url))
    options.append(Option(value=report_value(desk, action, item), text=say("report_problem", language)))
    return OverflowMenuElement(action_id=ITEM_MENU, options=options)


def _mark(text: str) -> str:
    return f"*{text}*"


def item_mrkdwn(action: str, item: dict[str, Any], cites: Citations, *, cite: bool = True,
                language: str = DEFAULT) -> str:
    """The escaped mrkdwn line for one item with its citation (none where no source list follows, as
    in App Home); search and latest link their headline."""
    mark = cites.mark(item.get("source_id")) if cite else ""
    if action in ("search", "latest") and item.get("title"):
        src = cites.source(item.get("source_id"))
        title = link(src.url if src else None, str(item["title"]), 300)
        snippet = " ".join(str(item.get("snippet") or "").split())
        when = human_date(item.get("published"), language) + not_analysed(item.get("language"), language)
        head = f"*{title}* · {escape(when)} {mark}".rstrip()
        shown = highlighted(snippet, ITEM_LIMIT - 600) if action == "search" else fit(snippet, ITEM_LIMIT - 600)
        return f"{head}\n{shown}" if snippet else head
    if action == "related" and item.get("title"):
        return f"{related_text(item, cites, language)} {mark}".rstrip()
    line = item_line(action, item, name=lambda s: _mark(fit(s, 300)), text=lambda s: fit(s, ITEM_LIMIT),
                     language=language)
    return f"{line} {mark}".rstrip()


def related_text(item: dict[str, Any], cites: Citations, language: str = DEFAULT) -> str:
    """Title (linked), date, earlier or later, and why: the names both articles share and how alike their
    words are."""
    src = cites.source(item.get("source_id"))
    title = link(src.url if src else None, str(item["title"]), 300)
    when = human_date(item.get("published"), language) if item.get("published") else say("undated", language)
    meta = " · ".join(escape(x) for x in (when, direction(item, language)) if x)
    why = "; ".join(why_related(item, language))
    return f"*{title}* · {meta}\n{fit(why[:1].upper() + why[1:], 600)}"


def who_blocks(answer: Answer, cites: Citations) -> list[Block]:
    """The profile (its citations on the coverage line), each quote with its own citation and report
    menu, and the people and organisations they appear with."""
    item = answer.items[0]
    lang = answer.language
    lines = who_lines(item, name=lambda s: _mark(fit(s, 200)), text=lambda s: fit(s, 600), cite=cites.mark,
                      language=lang)
    quotes = item.get("quotes") or []
    n_quotes = len(quotes)
    related = lines[-1] if item.get("related") else None
    profile = lines[: len(lines) - n_quotes - (1 if related else 0)]
    src = cites.source(item.get("source_id"))
    blocks: list[Block] = [section("\n".join(profile), item_menu(answer.desk, "who", item, src, lang))]
    for quote, line in zip(quotes, lines[len(profile): len(profile) + n_quotes], strict=True):
        q = quote if isinstance(quote, dict) else {}
        menu = item_menu(answer.desk, "quotes", q, cites.source(q.get("source_id")), lang)
        blocks.append(section(f"> {line}", menu))
    if related:
        blocks.append(context(related))
    return blocks


def help_blocks(answer: Answer) -> list[Block]:
    """Help in its sections: a bold title, then one line per command (the command as code)."""
    sections: dict[str, list[dict[str, Any]]] = {}
    for item in answer.items:
        sections.setdefault(str(item.get("section_title") or "Help"), []).append(item)

    def usage(text: str) -> str:
        return f"`{fit(text, 200, own=True)}`" if text[:1] in "/@" else f"“{fit(text, 200, own=True)}”"

    return [section(f"*{fit(title, 200, own=True)}*\n" + "\n".join(
        f"{usage(str(it.get('usage') or ''))} — {fit(it.get('what'), 400, own=True)}" for it in items))
        for title, items in sections.items()]


def body_blocks(answer: Answer) -> list[Block]:
    """The items with their citations and menus, or the answer's text when it has none (help, errors)."""
    if answer.action == "help" and answer.items and answer.items[0].get("usage"):
        return help_blocks(answer)
    if not answer.items or answer.action not in ITEM_ACTIONS:
        shown = answer.text or say("nothing_to_show", answer.language)
        paragraphs = [p for p in shown.split("\n\n") if p.strip()]
        return [section(fit(p, SECTION_LIMIT, own=True)) for p in paragraphs[:MAX_ITEMS]]  # the bot's words
    cites = Citations(answer.sources)
    if answer.action == "who":
        return who_blocks(answer, cites)
    lang = answer.language
    blocks: list[Block] = [
        section(item_mrkdwn(answer.action, it, cites, language=lang),
                item_menu(answer.desk, answer.action, it, cites.source(it.get("source_id")), lang))
        for it in roles_once(answer.items[:MAX_ITEMS])
    ]
    if len(answer.items) > MAX_ITEMS:
        blocks.append(context(say("more_not_shown", lang, count=len(answer.items) - MAX_ITEMS)))
    return blocks


def source_line(n: int, src: Source, language: str = DEFAULT) -> str:
    """`[1] <url|Headline> — InSight Crime, 5 Mar 2020`; without a link, the line says so in words."""
    where = outlet(src.source, src.url)
    meta = ", ".join(escape(x) for x in (where, human_date(src.published, language)) if x)
    linked = safe_url(src.url) is not None
    line = f"[{n}] {link(src.url, src.title or say('untitled', language), 250)} — {meta}"
    return line if linked else f"{line} ({say('no_link', language)})"


def sources_block(sources: list[Source], language: str = DEFAULT) -> SectionBlock | None:
    """One section listing the cited articles, headlines as the link text, cut to fit."""
    lines: list[str] = []
    used = 0
    for n, src in enumerate(sources, start=1):
        line = source_line(n, src, language)
        if used + len(line) + 1 > SECTION_LIMIT - 40:
            lines.append(say("more_sources", language, count=len(sources) - n + 1))
            break
        lines.append(line)
        used += len(line) + 1
    return section("\n".join(lines)) if lines else None


def answer_title(answer: Answer, desk_title: str) -> str:
    """`Peru desk · Summary: crime` — the header a reader scans first."""
    words = table(answer.language)
    title = f"{desk_title} · {words.get('action_' + answer.action, answer.action.capitalize())}"
    return f"{title}: {answer.query}" if answer.query and answer.action != "help" else title


def paging_line(answer: Answer) -> str:
    """'Items 6–10 of 23' when there is more than one page; '' otherwise."""
    if not answer.items or (answer.offset == 0 and not answer.has_more):
        return ""
    first = answer.offset + 1
    return say("items_of", answer.language, first=first, last=answer.offset + len(answer.items),
               total=answer.total_label)


def has_content(answer: Answer) -> bool:
    """An answer worth sharing or paging: items from the archive, not help, an error or 'nothing found'."""
    return bool(answer.items) and answer.action in ITEM_ACTIONS


def answer_message(
    answer: Answer, desk_title: str, command_text: str, *, mode: str = "private",
    shared_by: str | None = None, thread: str | None = None,
) -> dict[str, Any]:
    """The whole message for an answer. `mode`: private (Previous/More/Share), public (More, answered to
    the clicker alone), shared (no buttons, no paging text, 'shared by'). `thread`: the thread the
    answer lives in, carried by the buttons."""
    if shared_by is not None:
        mode = "shared"
    title = answer_title(answer, desk_title)
    blocks: list[Block] = [header(title), *body_blocks(answer)]
    src = sources_block(answer.sources, answer.language) if answer.action != "help" else None
    if src:
        blocks.append(src)
    notes = [escape(answer.context)]
    if mode != "shared":
        notes.append(escape(paging_line(answer)))
    if shared_by is not None:
        notes.append(say("shared_by", answer.language, user=user_mention(shared_by)))
    notes = [n for n in notes if n]
    if notes:
        blocks.append(context(" · ".join(notes)))
    if mode != "shared" and has_content(answer):
        buttons = _buttons(answer, command_text, mode, thread)
        if buttons:
            blocks.append(ActionsBlock(block_id=actions_block_id(answer.offset), elements=buttons))
    return to_message(blocks, fallback_text(title, blocks))


def actions_block_id(offset: int) -> str:
    """A block id new for every version of a message: More and Previous replace the message they are
    clicked on, and Slack asks that a replacement's blocks carry ids the message never had (a reused id
    can keep the old block's state or be dropped as a duplicate)."""
    return f"answer_actions_{offset}_{secrets.token_hex(4)}"


def fallback_text(title: str, blocks: list[Block]) -> str:
    """What notifications and screen readers read: the header and the same words as the blocks."""
    parts = [fit(title, HEADER_LIMIT)]
    for block in blocks:
        if isinstance(block, SectionBlock) and block.text is not None:
            parts.append(block.text.text)
        elif isinstance(block, ContextBlock):
            parts.extend(e.text for e in block.elements if isinstance(e, MarkdownTextObject))
    text = "\n".join(parts)
    return text if len(text) <= FALLBACK_LIMIT else text[: FALLBACK_LIMIT - 1].rsplit("\n", 1)[0] + "\n…"


def _buttons(answer: Answer, command_text: str, mode: str, thread: str | None) -> list[ButtonElement]:
    limit = answer.limit or max(len(answer.items), 1)
    lang = answer.language
    elements: list[ButtonElement] = []
    if mode == "private" and answer.offset > 0:
        back = button_value(answer.desk, command_text, max(answer.offset - limit, 0), limit, thread)
        elements.append(button(say("previous", lang), PREVIOUS_ACTION, back, say("previous_items", lang, count=limit)))
    if answer.has_more:
        more = button_value(answer.desk, command_text, answer.offset + limit, limit, thread)
        said = say("next_items_private", lang) if mode == "public" else say("next_items", lang, count=limit)
        elements.append(button(say("more", lang), MORE_ACTION, more, said))
    if mode == "private":
        value = button_value(answer.desk, command_text, answer.offset, limit, thread)
        where = say("this_thread" if thread else "the_channel", lang)
        elements.append(button(say("share_thread" if thread else "share_channel", lang), SHARE_ACTION, value,
                               say("post_here", lang, where=where), style="primary"))
    return elements


def add_result_message(url: str, result: Any, language: str = DEFAULT) -> dict[str, Any]:
    """What `/peru add` stored (title, people, figures) or why it could not, in the desk's language."""
    if not getattr(result, "ok", False):
        reason = add_error(getattr(result, "error", None), language) or say("internal_error", language)
        text = f":warning: {say('could_not_add', language, url=link(url, url), why=fit(reason, 1500))}"
        return to_message([section(text)], text)
    title = link(url, result.title or url, 300)
    stored = say("stored" if getattr(result, "created", True) else "stored_again", language, title=title)
    lines = [f":white_check_mark: {stored}"]
    if result.people:
        lines.append(_bold_label(say("people", language, names=fit(", ".join(result.people), 1000))))
    if result.figures:
        lines.append(_bold_label(say("figures", language, figures=fit("; ".join(result.figures), 1000))))
    text = "\n".join(lines)
    return to_message([section(text)], text)


def _bold_label(line: str) -> str:
    """'People: a, b' as '*People:* a, b': the label before the first colon in bold."""
    label, _, rest = line.partition(": ")
    return f"*{label}:* {rest}"


def text_message(mrkdwn: str) -> dict[str, Any]:
    """A one-section message; `mrkdwn` must already be escaped."""
    return to_message([section(mrkdwn)], mrkdwn)


def home_view(
    latest: list[tuple[str, str, Answer]], subscriptions: list[dict[str, Any]], help_answer: Answer | None,
    language: str = DEFAULT,
) -> dict[str, Any]:
    """The App Home tab: each desk's latest articles (headlines linked), channel subscriptions when
    there are any, then the help. `latest` holds (command, desk title, latest answer) per desk; a desk's
    part reads in its own language, the rest in `language` (the default desk's)."""
    blocks: list[Block] = [header(say("home_title", language))]
    for command, title, answer in latest:
        lang = answer.language
        blocks.append(header(say("home_latest", lang, title=title, command=command)))
        items = answer.items[:5]
        if not items:
            blocks.append(section(fit(answer.text or say("no_articles_yet", lang), SECTION_LIMIT, own=True)))
        cites = Citations(answer.sources)
        blocks.extend(section(item_mrkdwn("latest", it, cites, cite=False, language=lang)) for it in items)
        if answer.context:
            blocks.append(context(escape(answer.context)))
    if subscriptions:
        blocks.append(header(say("channel_subscriptions", language)))
        blocks.append(section("\n".join(_subscription_line(s, language) for s in subscriptions[:40])))
    if help_answer is not None:
        blocks.append(header(say("action_help", help_answer.language)))
        blocks.extend(body_blocks(help_answer)[:10])
    return {"type": "home", "blocks": [b.to_dict() for b in blocks[:MAX_HOME_BLOCKS]]}


def _subscription_line(row: dict[str, Any], language: str = DEFAULT) -> str:
    """`#channel — crime (daily 08:00)`; tolerant of whatever columns the subscriptions table has."""
    channel = str(row.get("channel") or row.get("channel_id") or "?")
    where = f"<#{channel}>" if re.fullmatch(r"[CG][A-Z0-9]{2,30}", channel) else f"#{fit(channel, 80)}"
    what = fit(" ".join(str(row.get(k)) for k in ("desk", "topic", "query") if row.get(k)), 200)
    when = fit(" ".join(str(row.get(k)) for k in ("schedule", "frequency", "time") if row.get(k)), 60)
    return f"• {where} — {what or say('everything', language)}" + (f" ({when})" if when else "")
