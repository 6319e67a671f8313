"""English month names as articles write them, in full and abbreviated ("March", "Mar", "Sept"): one table for
every reader of dates (events, figures, standalone lines, topic words). Kept free of spaCy, so the topic
lexicon and the answer processes read it without loading the parser."""

from __future__ import annotations

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
# every written form, lower case, to the month's number: "march", "mar", "sept"
MONTH_NUMBERS: dict[str, int] = {
    **{name.lower(): i + 1 for i, name in enumerate(MONTH_NAMES)},
    **{name[:3].lower(): i + 1 for i, name in enumerate(MONTH_NAMES)},
    "sept": 9,
}
# the same forms as written in a text, longest first for a regex's alternation ("Sept" before "Sep")
MONTH_FORMS = tuple(sorted({key.capitalize() for key in MONTH_NUMBERS}, key=len, reverse=True))
