"""Answering a command: text → (desk, topic words, action) → queries → an Answer.

The CLI and the Slack handlers both call `ask`; they differ only in how they render the Answer.
"""

from __future__ import annotations

import sqlite_utils
from rapidfuzz import fuzz, process

from bot.answer import actions, lookup, related
from bot.answer.feeds import feeds_action
from bot.answer.grammar import ACTIONS, Command, parse
from bot.answer.help import help_answer
from bot.answer.limits import TooSlow, answer_seconds, cap_command, cut_note, echo, time_limit, too_costly, too_slow
from bot.answer.model import Answer
from bot.answer.query import build_query, literal_query
from bot.answer.sources import SourceBook
from bot.desks import Desk, get_desk, load_desks
from bot.extract.names import name_key
from bot.topics import lexicon
from bot.words import DEFAULT, say
from storage import queries

DEFAULT_LIMIT = 5
NAME_SUGGESTION = 80  # rapidfuzz ratio from which a stored name is offered for a word that found nothing
TOPIC_SUGGESTION = 75  # rapidfuzz WRatio from which a topic of the lexicon is offered ("extorsion" → extortion)


def ask(
    db: sqlite_utils.Database, text: str, *, desk: str | None = None, limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> Answer:
    """Answer one command. `desk` is the slash command's desk; a `/desk` in the text overrides it.
    A command longer than MAX_COMMAND_CHARS is answered on its start, and the answer says so."""
    text, cut = cap_command(text)
    command = parse(text)
    chosen = get_desk(command.desk or desk)
    lang = chosen.language if chosen else DEFAULT
    if limit < 1 or offset < 0:
        wrong = say("bad_limit", lang, value=limit) if limit < 1 else say("bad_offset", lang, value=offset)
        return Answer("error", echo(command.desk or desk or "", 40), echo(text), language=lang,
                      text=say("cannot_answer", lang, why=wrong))
    if not command.words and not command.phrases and not command.argument and command.action == "summary" \
            and not _asked_for(text, "summary"):
        command.action = "help"  # an empty question (or a bare "/peru") gets the help
    if chosen is None:
        names = ", ".join(d.command for d in load_desks().values())
        return Answer("error", echo(command.desk or desk or "", 40), echo(text),
                      text=say("no_desk", DEFAULT, desk=echo(command.desk or desk, 40), names=names))
    answer = Answer(command.action, chosen.name, echo(command.query), limit=limit, offset=offset,
                    language=chosen.language)
    scope = None if chosen.all else chosen.name
    answer = bounded(db, answer, command, chosen, scope)
    if not answer.items and answer.action not in ("error", "add", "help", "feeds") and not answer.text:
        answer.text = past_the_end(answer) if answer.total else nothing_found(db, command, chosen)
    if cut:  # in the context line: both the terminal and Slack show it, with items or without
        note = cut_note(chosen.language)
        answer.context = f"{answer.context} · {note}" if answer.context else note
    return answer


def _asked_for(text: str, action: str) -> bool:
    """The action word itself was typed ("/peru summary"), not just implied by an empty question."""
    return any(ACTIONS.get(word.lower()) == action for word in text.split())


def past_the_end(answer: Answer) -> str:
    """A page after the last one: say so, and how many there were."""
    return say("no_more", answer.language, total=answer.total_label, first=answer.offset + 1)


def bounded(db: sqlite_utils.Database, answer: Answer, command: Command, desk: Desk, scope: str | None) -> Answer:
    """dispatch, unless the question has too many words to run, and within the time one answer may take
    (bot/answer/limits.py): one member's costly question must not stall everyone's answers."""
    refused = too_costly([*command.words, *command.phrases] or command.argument.split(), answer.language)
    if refused is None:
        seconds = answer_seconds()
        try:
            with time_limit(db.conn, seconds):
                return dispatch(db, answer, command, desk, scope)
        except TooSlow:
            refused = too_slow(seconds, answer.language)
    answer.text, answer.items, answer.total = refused, [], 0  # an answer that says why, not an error
    return answer


def dispatch(db: sqlite_utils.Database, answer: Answer, command: Command, desk: Desk, scope: str | None) -> Answer:
    action = command.action
    if action in ("subscribe", "unsubscribe", "subscriptions"):
        from bot.subscriptions.answers import subscription_answer

        return subscription_answer(db, answer, desk)
    if action == "help":
        return help_answer(db, answer, desk)
    if action == "who":
        return lookup.who(db, answer, command, scope)
    if action == "latest":
        return lookup.latest(db, answer, scope)
    if action == "add":
        return add(db, answer, command.argument)
    if action == "feeds":
        return feeds_action(db, answer, command.argument, desk)
    if action == "related":
        return related.related(db, answer, command.argument)
    if action == "search":
        return lookup.search(db, answer, literal_query(command), scope)
    handlers = {"summary": actions.summary, "facts": actions.facts, "timeline": actions.timeline,
                "quotes": actions.quotes}
    return handlers[action](db, answer, build_query(command), scope)


def add(db: sqlite_utils.Database, answer: Answer, url: str) -> Answer:
    """Read one link into the archive and say what was stored, or why not. (The ingest, and spaCy with
    it, is imported here: a process that only answers questions never loads it.)"""
    from bot.ingest.links import add_error, web_link
    from bot.ingest.service import add_url

    lang = answer.language
    if not url:
        answer.text = say("add_what", lang)
        return answer
    if web_link(url) is None:
        answer.action = "error"
        answer.text = say("nothing_stored", lang, why=say("only_web_links", lang), usage="add https://…")
        return answer
    result = add_url(db, url)
    if not result.ok:
        answer.action = "error"
        answer.text = say("could_not_add", lang, url=echo(url), why=add_error(result.error, lang))
        return answer
    answer.items = [{"text": result.title, "source_id": result.article_id, "title": result.title,
                     "people": result.people, "figures": result.figures}]
    answer.total = 1
    lines = [say("added" if result.created else "refreshed", lang, title=result.title)]
    if result.people:
        lines.append(say("people", lang, names=", ".join(result.people)))
    if result.figures:
        lines.append(say("figures", lang, figures="; ".join(result.figures)))
    answer.text = "\n".join(lines)
    book = SourceBook(db)
    book.cite(result.article_id)
    answer.sources = book.sources()
    return answer


def nothing_found(db: sqlite_utils.Database, command: Command, desk: Desk) -> str:
    """Say what was searched, and suggest the nearest topics or names that would find something on this
    desk: never the word typed again, another form of its own topic ("extortions" for "extortion"), or a
    topic the desk has no coverage of."""
    searched = echo(command.query) or say("anything", desk.language)
    words = " ".join(command.words + command.phrases) or command.argument
    suggestions = _suggestions(db, words, None if desk.all else desk.name) if words else []
    hint = say("try", desk.language, suggestions=", ".join(suggestions)) if suggestions else ""
    return say("nothing_found", desk.language, desk=desk.title, searched=searched, action=command.action, hint=hint)


def _suggestions(db: sqlite_utils.Database, words: str, scope: str | None) -> list[str]:
    """Up to three topics or names spelt like `words` that have coverage in scope, as a reader writes them."""
    typed = name_key(words)
    lex = lexicon()
    own_topic = lex.names.get(typed)
    topics = [lex.names[m[0]] for m in process.extract(typed, list(lex.names), scorer=fuzz.WRatio, limit=5)
              if m[1] >= TOPIC_SUGGESTION]
    names = queries.entity_display_names(db, 5000)
    # a name only when spelt nearly alike as a whole ("Zevalos" → "Zevallos"), not a piece of it ("m-1")
    matched = [names[m[0]] for m in process.extract(typed, list(names), scorer=fuzz.ratio, limit=5)
               if m[1] >= NAME_SUGGESTION and len(m[0]) >= min(len(typed), 4)]
    close = list({entity_id: alias for entity_id, alias in reversed(matched)}.values())[::-1]  # the closest spelling
    found: list[str] = []
    for candidate, phrase in [*((t, False) for t in topics if t != own_topic), *((n, True) for n in close)]:
        if name_key(candidate) == typed or candidate in found:
            continue
        if _finds_something(db, candidate, phrase, scope):
            found.append(candidate)
    return found[:3]


def _finds_something(db: sqlite_utils.Database, words: str, phrase: bool, scope: str | None) -> bool:
    """Whether asking for these words (a topic, or a name as a phrase) on the desk finds a sentence."""
    command = Command(None, "summary", [] if phrase else words.split(), [words] if phrase else [])
    return bool(queries.matching_sentences(db, build_query(command).match, scope, limit=1))
