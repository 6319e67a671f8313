"""Building FTS5 match expressions from user words, so user text never reaches FTS syntax unescaped.

Every term is emitted as a double-quoted string (inner quotes doubled); a trailing * becomes FTS5's
prefix operator outside the quotes. Operators, column filters, parentheses and NEAR typed by a user are
just words inside quotes.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")


def quote_term(term: str) -> str | None:
    """One term or phrase as a safe FTS5 string; None if it has no searchable characters."""
    prefix = term.endswith("*")
    words = _WORD.findall(term)
    if not words:
        return None
    phrase = '"' + " ".join(words).replace('"', '""') + '"'
    return phrase + "*" if prefix and len(words) == 1 else phrase


def all_of(groups: list[str | None]) -> str | None:
    """AND of alternatives: each group is an OR expression (already safe), parenthesised."""
    present = [g for g in groups if g]
    if not present:
        return None
    return " AND ".join(f"({g})" for g in present)
