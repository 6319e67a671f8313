"""One engine for rule tables: a table is an ordered list of (pattern, meaning) rows, most specific first.

A language's extractor is its tables plus what each meaning does; the scan is the same for every table: each
row's matches in order, a later row never re-reading characters an earlier row used, results in text order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One row of a table: what to find, and what it means to the extractor that reads the table."""

    pattern: re.Pattern[str]
    meaning: str


def scan(text: str, table: Sequence[Rule]) -> Iterator[tuple[Rule, re.Match[str]]]:
    """Every match of the table's rows in `text`, without overlaps (earlier rows win), in text order."""
    used: list[tuple[int, int]] = []
    found: list[tuple[Rule, re.Match[str]]] = []
    for rule in table:
        for m in rule.pattern.finditer(text):
            if m.end() == m.start() or any(m.start() < b and a < m.end() for a, b in used):
                continue
            used.append((m.start(), m.end()))
            found.append((rule, m))
    yield from sorted(found, key=lambda f: f[1].start())


def alternatives(words: Sequence[str]) -> str:
    """A regex group matching any of the words, longest first (so "mil millones" wins over "mil")."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"
