"""`facts fix/hide/show ID`: an editor corrects or hides a wrong fact, from the CLI or from Slack.

Both front ends call `apply_correction`, which returns what to tell the editor; a correction also
closes the open "Report a problem" reports on that fact.
"""

from __future__ import annotations

import argparse
from typing import Any

import sqlite_utils

from bot.desks import default_desk
from bot.when import desk_time
from bot.words import DEFAULT, say
from storage.corrections import correct, fact_by_id
from storage.reports import resolve_fact

EDITABLE = {
    "statistic": {"value", "unit", "measure", "period", "qualifier"},
    "event": {"date"},
    "quote": {"speaker", "quote", "kind", "verb"},
    "role": {"name", "role"},
}
VERBS = ("show", "fix", "hide")


def parse_fields(kind: str, pairs: list[str], language: str | None = DEFAULT) -> dict[str, object]:
    """FIELD=VALUE pairs, checked against what a fact of this kind has; numbers stay numbers. The refusal is
    said in `language`, the desk's."""
    fields: dict[str, object] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or name not in EDITABLE[kind]:
            allowed = ", ".join(sorted(EDITABLE[kind]))
            raise ValueError(say("cannot_set", language, name=name, kind=say(f"kind_{kind}", language),
                                 allowed=allowed))
        if name == "value":
            try:
                fields[name] = float(value)
            except ValueError:
                raise ValueError(say("value_not_number", language, value=value)) from None
        else:
            fields[name] = value or None
    return fields


def apply_correction(
    db: sqlite_utils.Database, verb: str, fact_id: int, pairs: list[str] | None = None,
    note: str | None = None, by: str | None = None, desk: str | None = None, language: str | None = DEFAULT,
) -> tuple[int, str]:
    """(exit code, message) for `show`, `fix` or `hide` of one fact: 0 done, 1 no such fact, 2 bad fields.
    `desk`: whose time zone `show` gives the correction's time in; `language`: the desk's, the message's."""
    fact = fact_by_id(db, fact_id)
    if fact is None:
        return 1, say("no_fact", language, id=fact_id)
    if verb == "show":
        return 0, fact_text(fact, desk, language)
    if verb == "hide":
        correct(db, fact["key"], "hide", {}, note)
        resolve_fact(db, fact_id, "hidden", by)
        return 0, say("fact_hidden", language, id=fact_id)
    if not pairs:
        allowed = ", ".join(sorted(EDITABLE[fact["kind"]]))
        return 2, say("fix_what", language, kind=say(f"kind_{fact['kind']}", language), allowed=allowed)
    try:
        fields = parse_fields(fact["kind"], pairs, language)
    except ValueError as exc:
        return 2, str(exc)
    correct(db, fact["key"], "fix", fields, note)
    resolve_fact(db, fact_id, "fixed", by)
    return 0, say("fact_corrected", language, id=fact_id, changes=", ".join(f"{k}={v}" for k, v in fields.items()))


INTERNAL = ("sent", "text")  # the sentence's index and the span: the first line shows the span


def fact_text(fact: dict[str, Any], desk: str | None, language: str | None = DEFAULT) -> str:
    """A fact as an editor reads it: what it is, its fields (numbers as numbers: 5, not 5.0), and its
    correction with the time in the desk's zone ("7 Dec, 14:03 (Lima)"), never a JSON dump. The field names
    stay as `facts fix` takes them."""
    lines = [say("fact_head", language, id=fact["id"], kind=say(f"kind_{fact['kind']}", language),
                 article=fact["article_id"], text=fact["text"])]
    fields = [(k, v) for k, v in fact["data"].items() if k not in INTERNAL and v not in (None, "")]
    lines += [f"{name}: {readable(value)}" for name, value in fields]
    if fact.get("correction"):
        done = say("fact_was_hidden" if fact["correction"] == "hide" else "fact_was_corrected", language)
        changes = ", ".join(f"{k}={readable(v)}" for k, v in (fact.get("corrected") or {}).items())
        when = desk_time(fact.get("corrected_at"), desk, language=language)
        line = f"{done} {when}".strip() + (f": {changes}" if changes else "")
        lines.append(line + (f" ({fact['note']})" if fact.get("note") else ""))
    return "\n".join(lines)


def readable(value: Any) -> str:
    """5.0 → '5', 0.36 → '0.36', a list → 'a, b'; text as it is."""
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.6g}"
    if isinstance(value, list | tuple):
        return ", ".join(readable(v) for v in value)
    return str(value)


def cmd_facts(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    code, message = apply_correction(db, args.facts_command, args.id, getattr(args, "fields", None),
                                     getattr(args, "note", None), desk=default_desk().name)
    print(message)
    return code
