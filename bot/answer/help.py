"""`/peru help`: how to ask, with examples drawn from the desk's own coverage.

A desk's examples name its most-mentioned person and its biggest specific topic, so `/mexico help`
suggests Mexico's news, not Peru's. Two sections: what to ask the desk, and the other ways in
(`/news`, an @mention, the message shortcut, and the editors' corrections).
"""

from __future__ import annotations

import sqlite_utils

from bot.answer.model import Answer
from bot.desks import Desk, load_desks
from bot.topics import lexicon
from storage import coverage

FALLBACK_TOPIC = "crime"


def desk_topic(db: sqlite_utils.Database, desk: Desk) -> str | None:
    """The desk's biggest topic that is not an umbrella of others (crime covers most of a crime desk)."""
    lex = lexicon()
    found = coverage.top_topics(db, None if desk.all else desk.name)
    specific = [t for t in found if not getattr(lex.find(t), "includes", None)]
    return (specific or found or [None])[0]


def desk_person(db: sqlite_utils.Database, desk: Desk) -> str | None:
    """The desk's most-mentioned person named in full (a lone 'Guerrero' is as likely a state as a man)."""
    places = {p.lower() for p in desk.places}
    found = coverage.top_people(db, None if desk.all else desk.name)
    full = [n for n in found if " " in n.strip() and n.lower() not in places]
    return (full or [None])[0]


def feeds_line(desk: Desk) -> tuple[str, str]:
    """Feeds are followed by a desk: its command offers `feeds add`; the whole archive (`/news`) only lists
    every desk's, so its help never offers a command it would refuse."""
    if desk.all:
        return f"{desk.command} feeds", "the RSS and Atom feeds every desk follows (a desk's own command adds one)"
    return f"{desk.command} feeds add URL", "follow a site's RSS or Atom feed; `feeds` lists them"


def help_answer(db: sqlite_utils.Database, answer: Answer, desk: Desk) -> Answer:
    """The two help sections as items (one usage line each) and as text."""
    cmd = desk.command
    topic = desk_topic(db, desk)
    person = desk_person(db, desk)
    about = f"{topic} " if topic else ""
    ask = [
        (f"{cmd} {about}summary", "what the coverage says, each line linked to its article"),
        (f"{cmd} {about}facts", "the figures; `timeline` for dated events, `quotes` for who said what"),
        (f"{cmd} who {person or 'NAME'}", "who someone is, their roles and what they said"),
        (f'{cmd} search "exact words"', "articles containing a phrase"),
        (f"{cmd} latest", "the newest articles"),
        (f"{cmd} related ID", "an article's story: earlier and later coverage, and why (an id or a link)"),
        (f"{cmd} add URL", "read an article into the archive"),
        (f"{cmd} subscribe {topic or FALLBACK_TOPIC} daily 08:00",
         "new coverage posted to this channel (`instant`, `hourly`, `weekly mon 08:00`); `subscriptions` lists them"),
        feeds_line(desk),
    ]
    others = [d.command for d in load_desks().values() if not d.all and d.name != desk.name]
    across = (f"{others[0]} {about}summary", "the same question on one desk's coverage only") if desk.all and others \
        else (f"/news {about}summary", "the same question across every desk")
    other = [
        across,
        (f"@newsbot {desk.name} {about}summary", "in a channel: the answer comes in a thread"),
        ("Add to newsroom archive", "the message shortcut (a message's ⋯ menu): stores the articles it links to"),
        (f"{cmd} facts fix ID field=value", f"editors: correct a fact (`{cmd} facts hide ID` hides it)"),
    ]
    titles = {"ask": f"Ask {cmd} ({desk.title})", "elsewhere": "Other ways in"}
    answer.items = [{"text": f"{usage} — {what}", "source_id": None, "usage": usage, "what": what,
                     "section": section, "section_title": titles[section]}
                    for section, lines in (("ask", ask), ("elsewhere", other)) for usage, what in lines]
    answer.total = len(answer.items)
    answer.text = "\n\n".join(
        f"{titles[section]}:\n" + "\n".join(it["text"] for it in answer.items if it["section"] == section)
        for section in titles)
    return answer
