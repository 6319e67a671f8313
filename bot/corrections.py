"""`newsbot facts fix/hide/show ID`: an editor corrects or hides a wrong fact."""

from __future__ import annotations

import argparse
import json

import sqlite_utils

from storage.corrections import correct, fact_by_id

EDITABLE = {
    "statistic": {"value", "unit", "measure", "period", "qualifier"},
    "event": {"date"},
    "quote": {"speaker", "quote", "kind"},
    "role": {"name", "role"},
}


def parse_fields(kind: str, pairs: list[str]) -> dict[str, object]:
    """FIELD=VALUE pairs, checked against what a fact of this kind has; numbers stay numbers."""
    fields: dict[str, object] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or name not in EDITABLE[kind]:
            allowed = ", ".join(sorted(EDITABLE[kind]))
            raise ValueError(f"cannot set “{name}” on a {kind}; fields: {allowed}")
        fields[name] = float(value) if name == "value" else (value or None)
    return fields


def cmd_facts(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    fact = fact_by_id(db, args.id)
    if fact is None:
        print(f"No fact with id {args.id}.")
        return 1
    if args.facts_command == "show":
        print(json.dumps(fact, ensure_ascii=False, indent=2))
        return 0
    if args.facts_command == "hide":
        correct(db, fact["key"], "hide", {}, args.note)
        print(f"Fact {args.id} is hidden from every answer.")
        return 0
    try:
        fields = parse_fields(fact["kind"], args.fields)
    except ValueError as exc:
        print(str(exc))
        return 2
    correct(db, fact["key"], "fix", fields, args.note)
    print(f"Fact {args.id} corrected: " + ", ".join(f"{k}={v}" for k, v in fields.items()))
    return 0
