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
from bot.words import say
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
        return f"{desk.command} feeds", say("help_feeds_all", desk.language)
    return f"{desk.command} feeds add URL", say("help_feeds", desk.language)


def help_answer(db: sqlite_utils.Database, answer: Answer, desk: Desk) -> Answer:
    """The two help sections as items (one usage line each) and as text; the prose in the desk's language,
    the commands as typed (the grammar's words are English on every desk)."""
    cmd, lang = desk.command, desk.language
    topic = desk_topic(db, desk)
    person = desk_person(db, desk)
    about = f"{topic} " if topic else ""
    ask = [
        (f"{cmd} {about}summary", say("help_summary", lang)),
        (f"{cmd} {about}facts", say("help_facts", lang)),
        (f"{cmd} who {person or 'NAME'}", say("help_who", lang)),
        (f'{cmd} search "exact words"', say("help_search", lang)),
        (f"{cmd} latest", say("help_latest", lang)),
        (f"{cmd} related ID", say("help_related", lang)),
        (f"{cmd} add URL", say("help_add", lang)),
        (f"{cmd} subscribe {topic or FALLBACK_TOPIC} daily 08:00", say("help_subscribe", lang)),
        feeds_line(desk),
    ]
    others = [d.command for d in load_desks().values() if not d.all and d.name != desk.name]
    across = (f"{others[0]} {about}summary", say("help_one_desk", lang)) if desk.all and others \
        else (f"/news {about}summary", say("help_every_desk", lang))
    other = [
        across,
        (f"@newsbot {desk.name} {about}summary", say("help_mention", lang)),
        (say("help_shortcut_name", lang), say("help_shortcut", lang)),
        (f"{cmd} facts fix ID field=value", say("help_fix", lang, command=cmd)),
    ]
    titles = {"ask": say("help_ask", lang, command=cmd, title=desk.title), "elsewhere": say("help_elsewhere", lang)}
    answer.items = [{"text": f"{usage} — {what}", "source_id": None, "usage": usage, "what": what,
                     "section": section, "section_title": titles[section]}
                    for section, lines in (("ask", ask), ("elsewhere", other)) for usage, what in lines]
    answer.total = len(answer.items)
    answer.text = "\n\n".join(
        f"{titles[section]}:\n" + "\n".join(it["text"] for it in answer.items if it["section"] == section)
        for section in titles)
    return answer
