"""A digest as Slack messages (Block Kit) and as text for the terminal.

Slack's limits hold for every message: at most 50 blocks, 3,000 characters a section, 150 a header; the
blocks are slack_sdk's models, as the answers' are, so a block over a limit fails when it is built.
A story is one section (cut line by line to fit) and a divider; twenty stories make a message, three
messages make a run, and anything beyond ends the last message with "and N more" and the command that
lists them. Text from articles is escaped for mrkdwn (bot/mrkdwn.py: the one escaping rule of the
project, a pure-text module, imported here because digests are posted by the scheduler, not a listener).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.answer.format import quote_line
from bot.answer.sources import human_date
from bot.extract.speech_verbs import SPEECH_LEMMAS
from bot.mrkdwn import escape, fit, link
from bot.subscriptions.digest import Conflict, Digest, Entry, Figure, Story
from bot.words import DEFAULT, count, say

MAX_BLOCKS = 50
SECTION_LIMIT = 3000
HEADER_LIMIT = 150
STORIES_PER_MESSAGE = 20  # a section and a divider each, plus header, context and the "more" line: 43 blocks
MAX_MESSAGES = 3
MAX_STORIES = STORIES_PER_MESSAGE * MAX_MESSAGES  # shown in full; the rest are "and N more"


@dataclass
class Message:
    """One chat.postMessage: its payload and the articles it delivers (they go in the ledger together)."""

    payload: dict[str, Any]
    article_ids: list[int]


def day(published: str | None, language: str = DEFAULT) -> str:
    """'27 Oct 2025' ('27 oct 2025') for a date or a timestamp; 'date unknown' for anything unreadable."""
    try:
        return human_date((published or "")[:10] or None, language)
    except ValueError:
        return published or say("date_unknown", language)


def _meta(article: Entry, language: str) -> str:
    return " · ".join(escape(x) for x in (article.source, day(article.published, language)) if x)


def _article_line(article: Entry, lead: bool, language: str) -> str:
    title = link(article.url, article.title or say("untitled_lower", language), 250)
    return f"{'*' + title + '*' if lead else '• ' + title} · {_meta(article, language)}"


def _lead_line(story: Story, language: str) -> str:
    """The development in one line: its newest headline, then every outlet that carried it ("BBC,
    Guardian, Reuters": corroboration at a glance) and the date."""
    newest = story.articles[-1]
    if len(story.outlets) < 2:
        return _article_line(newest, True, language)
    title = link(newest.url, newest.title or say("untitled_lower", language), 250)
    return f"*{title}* · {escape(', '.join(story.outlets))} · {day(newest.published, language)}"


def figure_label(f: Figure) -> str:
    """`22 killed drivers`, `About 60 percent — bus routes, 2024`: the figure as written, and what it counts
    unless the figure already says it (a measure that only adds words before the counted noun joins it)."""
    said, measure = f.figure.split(), f.measure.split()
    shared = _shared_tail(said, measure)
    joined = _joined(said, measure)
    if joined:
        label = " ".join([*said, *measure[joined:]])  # "27 military personnel" + "military personnel buried"
    elif shared and shared < len(measure):
        label = " ".join([*said[:-shared], *measure])  # "five prison officials" + "arrested prison officials"
    elif measure and f.measure.lower() not in f.figure.lower():
        label = f"{f.figure} — {f.measure}"
    else:
        label = f.figure
    return f"{label}, {f.period}" if f.period else label


def _joined(said: list[str], measure: list[str]) -> int:
    """How many first words of the measure the figure ends on ("27 military personnel", "military personnel
    buried": 2), so the label reads "27 military personnel buried"; 0 when it ends on none."""
    low = [w.lower() for w in said]
    return next((k for k in range(min(len(said) - 1, len(measure)), 0, -1)
                 if low[-k:] == [w.lower() for w in measure[:k]]), 0)


def _shared_tail(said: list[str], measure: list[str]) -> int:
    """How many last words the figure and its measure share ("five prison officials", "arrested prison
    officials": 2), so the label can read "five arrested prison officials" rather than say it twice."""
    n = 0
    while n < min(len(said) - 1, len(measure)) and said[-1 - n].lower() == measure[-1 - n].lower():
        n += 1
    return n


def conflict_words(c: Conflict, name: Callable[[Entry, int], str], esc: Callable[[str, int], str],
                   language: str = DEFAULT) -> str:
    """The line of two figures of one measure: they disagree (a period stated, or the same day), or one rose or
    fell to the other across days; with what each sentence says it counts ("confirmed vs suspected").
    `name` renders an article's outlet (a link in Slack), `esc` a text cut to a length; the bot's words are
    the desk's `language`, the figures and what they count as the articles wrote them."""
    both = {"old": esc(c.old.figure, 60), "old_source": name(c.old_source, 120),
            "old_day": day(c.old_source.published, language), "new": esc(c.new.figure, 60),
            "new_source": name(c.new_source, 120), "new_day": day(c.new_source.published, language),
            "kinds": f" ({esc(c.contrast, 60)})" if c.contrast else ""}
    if c.how == "counts":
        return say("counts_differ", language, measure=esc(c.measure, 150), **both)
    if c.how in ("rose", "fell"):
        return say(c.how, language, measure=esc(c.measure[:1].upper() + c.measure[1:], 150), **both)
    period = f" ({esc(c.period, 60)})" if c.period else ""
    return say("disagree", language, measure=esc(c.measure, 150), period=period, **both)


def _conflict_line(c: Conflict, language: str) -> str:
    marks = {"rose": ":chart_with_upwards_trend:", "fell": ":chart_with_downwards_trend:", "counts": ":scales:"}
    mark = marks.get(c.how, ":warning:")
    return f"{mark} " + conflict_words(c, lambda a, n: link(a.url, a.source or a.title, n), fit, language)


def story_lines(story: Story, language: str = DEFAULT) -> list[str]:
    """The story's mrkdwn lines, most important first (cutting from the end keeps the essentials)."""
    lines = [_lead_line(story, language)] + [_article_line(a, False, language) for a in reversed(story.articles[:-1])]
    lines += [fit(s, 600) for s in story.summary]
    lines += [_conflict_line(c, language) for c in story.conflicts]
    if story.figures:
        lines.append(say("figures", language, figures="; ".join(fit(figure_label(f), 250) for f in story.figures)))
    for q in story.quotes:
        lines.append("> " + quote_line(spoken(q.said), name=lambda s: f"*{fit(s, 100)}*", text=lambda s: fit(s, 400),
                                       language=language))
    if story.follows:
        f = story.follows
        title = link(f.url, f.title or say("untitled_lower", language), 250)
        lines.append(f"_{say('follows', language, title=title, day=day(f.published, language))}_")
    return lines


# Speech verbs whose past or third person is irregular; the regular ones are undone by their endings (_lemmas)
_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write", "spoke": "speak",
              "spoken": "speak", "swore": "swear", "sworn": "swear", "quipped": "quip", "pled": "plead"}
_SHOWN = SPEECH_LEMMAS | {"speak", "swear", "comment", "reiterate", "respond", "text", "email", "read", "according"}


def _lemmas(word: str) -> set[str]:
    """The lemmas an English verb form may have ("makes" → make, "denied" → deny, "telling" → tell, tel):
    over-generating is harmless, since only a lemma in the speech list is looked for."""
    w = word.lower()
    if w in _IRREGULAR:
        return {_IRREGULAR[w]}
    found = {w}
    for ending, back in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                         ("d", ""), ("ing", ""), ("ing", "e")):
        if w.endswith(ending) and len(w) > len(ending) + 1:
            stem = w[:-len(ending)] + back
            found |= {stem, stem[:-1]} if len(stem) > 2 and stem[-1] == stem[-2] else {stem}  # "stopped"
    return found


def spoken(said: dict[str, Any]) -> dict[str, Any]:
    """The quote with a verb a reader reads as its speaker's speech: the extractor keeps the verb by the quote
    as written, and that verb is sometimes the sentence's other action ("Najib Razak makes: “…”", "went",
    "included"); a verb that reports no speech reads "said" (which a direct quote shows as "Name: “…”").
    A Spanish quote keeps the article's verb (its own verb table)."""
    verb = str(said.get("verb") or said.get("cue") or "").strip()
    first = verb.split(" ", 1)[0]
    if said.get("language") not in (None, "en") or not any(c.isalpha() for c in first):
        return said
    if _lemmas(first) & _SHOWN or str(said.get("cue_lemma") or "") in _SHOWN:
        return said
    return {**said, "verb": "said", "cue": "said"}


def story_section(story: Story, language: str = DEFAULT) -> SectionBlock:
    """The story as one section, its lines cut from the end to fit Slack's 3,000 characters."""
    kept: list[str] = []
    used = 0
    for line in story_lines(story, language):
        if used + len(line) + 1 > SECTION_LIMIT:
            break
        kept.append(line)
        used += len(line) + 1
    return SectionBlock(text=MarkdownTextObject(text="\n".join(kept)))


def digest_messages(digest: Digest, desk_title: str, desk_command: str, schedule: str) -> list[Message]:
    """The digest as at most MAX_MESSAGES messages; nothing new means no message."""
    if not digest.stories:
        return []
    chunks = [digest.stories[i:i + STORIES_PER_MESSAGE] for i in range(0, len(digest.stories), STORIES_PER_MESSAGE)]
    shown, rest = chunks[:MAX_MESSAGES], [s for chunk in chunks[MAX_MESSAGES:] for s in chunk]
    lang = digest.language
    total, stories_count = digest.counts
    title = say("digest_title", lang, desk=desk_title, about=digest.about)
    summary = say("digest_counts", lang, articles=count(total, "new_article", lang),
                  stories=count(stories_count, "story", lang))
    subscription = say("subscription_no", lang, id=digest.subscription_id)
    messages = []
    for n, stories in enumerate(shown, start=1):
        part = f" · {say('part_of', lang, n=n, total=len(shown))}" if len(shown) > 1 else ""
        blocks: list[Block] = [
            HeaderBlock(text=PlainTextObject(text=fit(title, HEADER_LIMIT, own=True), emoji=False)),  # plain text
            _context(escape(f"{summary} · {schedule} · {subscription}{part}")),
        ]
        for story in stories:
            blocks += [story_section(story, lang), DividerBlock()]
        ids = [i for s in stories for i in s.article_ids]
        if n == len(shown) and rest:
            articles = sum(len(s.articles) for s in rest)
            blocks.append(_context(say("digest_rest", lang, stories=count(len(rest), "more_story", lang),
                                       articles=count(articles, "article", lang), command=escape(desk_command))))
            ids += [i for s in rest for i in s.article_ids]
        if n == len(shown) and digest.note:
            blocks.append(_context(escape(digest.note)))
        lead = stories[0].articles[-1].title or say("new_coverage", lang)
        text = fit(f"{title}: {summary}. {lead}", 3000)
        messages.append(Message({"text": text, "blocks": [b.to_dict() for b in blocks[:MAX_BLOCKS]]}, ids))
    return messages


def _context(mrkdwn: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=mrkdwn)])


_LINK = re.compile(r"<([^|>]*)\|([^>]*)>")


def message_text(payload: dict[str, Any], addresses: bool = True) -> str:
    """A message as its reader sees it, for a terminal (`newsbot digest --dry-run`, the bench): each block's
    text on its lines, a link as its label (and its address in angle brackets), a divider as a rule, the
    mrkdwn escapes undone."""
    lines = []
    for block in payload.get("blocks") or []:
        texts = [block["text"]["text"]] if isinstance(block.get("text"), dict) else []
        texts += [e.get("text", "") for e in block.get("elements") or [] if isinstance(e, dict)]
        lines += [html.unescape(_LINK.sub(r"\2 <\1>" if addresses else r"\2", t)) for t in texts]
        if block.get("type") == "divider":
            lines.append("---")
    return "\n".join(lines)
