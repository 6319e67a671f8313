"""Which figures count the same thing, so a digest can say when outlets differ or a toll rose.

Almost no figure states its period ("at least 20 people" died in Mexico, says Reuters; "at least 60", says
the BBC), so a figure is compared by its measure instead: what happened to what is counted (the outcome
word of its sentence: dead, injured, cases, arrested, displaced, flowing, produced), the kind of unit
(people, or a rate such as barrels a day), and the places its sentence names. Two figures of one measure
within WINDOW_DAYS from different outlets that differ are worth a line: "rose from 20 to 60" when the
larger one is later, "differ" only on the same day. A sentence that says which kind of count it is
("confirmed" or "suspected", "estimated" or "official") keeps it, so the line can say "confirmed vs
suspected". The rules are tables, one row a kind of word.

Two figures are one measure only when what each counts says the same (its counted words: "confirmed UK
cases" is not "cases", "British victims" not "victims"); a count of what is left beside others its sentence
names ("14 other possible cases", "the remaining patients") measures nothing on its own and is never compared;
two additions ("5 new cases", "12 new cases") are compared only the same day: a later day's addition is
another day's news, not a rise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.topics import lexicon

WINDOW_DAYS = 3
# (pattern over the sentence, outcome): the first that matches is what the figure's sentence says happened
OUTCOMES = (
    (re.compile(r"\b(dead|died|die|dying|deaths?|killed|killing|fatalit(y|ies)|death toll|lost their lives)\b",
                re.I), "dead"),
    (re.compile(r"\b(injured|wounded|hurt|injuries)\b", re.I), "injured"),
    (re.compile(r"\b(arrested|detained|arrests?|detentions?|rounded up)\b", re.I), "arrested"),
    (re.compile(r"\b(displaced|fled|refugees|evacuated)\b", re.I), "displaced"),
    (re.compile(r"\b(infected|infections?|cases?|fallen ill|sickened)\b", re.I), "cases"),
    (re.compile(r"\b(leak(s|ed|ing)?|flow(s|ed|ing)?|gush(es|ed|ing)?|spill(s|ed|ing)?)\b", re.I), "flowing"),
    (re.compile(r"\b(produc(e|es|ed|ing|tion)|output|pump(s|ed|ing)?|export(s|ed|ing)?)\b", re.I), "produced"),
)
OUTCOME_LABELS = {"dead": "the death toll", "injured": "the number injured", "arrested": "arrests",
                  "displaced": "the number displaced", "cases": "cases"}  # a count of people, by its outcome
SUSPECTED_LABELS = {"dead": "the suspected death toll", "cases": "suspected cases"}
PEOPLE = {"people", "persons", "deaths", "cases", "bodies", "victims", "fatalities", "casualties", "arrests",
          "patients", "refugees", "dead", "infections", ""}  # units that count people (or nothing named)
RATES = {"barrels a day": "barrels a day", "barrels per day": "barrels a day", "bpd": "barrels a day",
         "barrels a day (bpd)": "barrels a day", "gallons a day": "gallons a day", "gallons per day": "gallons a day"}
OUTCOMES_OF_RATES = {"flowing", "produced"}
# (pattern, kind, family): counts of one family that say different kinds are not a disagreement but two counts
KINDS = (
    (re.compile(r"\b(confirmed|laboratory[- ]confirmed|lab[- ]confirmed)\b", re.I), "confirmed", "certainty"),
    (re.compile(r"\b(suspected|possible|probable|presumed|feared)\b", re.I), "suspected", "certainty"),
    (re.compile(r"\b(official(ly)?|government figures?)\b", re.I), "official", "source"),
    (re.compile(r"\b(estimate[sd]?|estimating|as many as|could be|up to)\b", re.I), "estimate", "source"),
)


EACH = re.compile(r"^\W*(each|apiece)\b", re.I)  # "two cases each": a count per place or person, not a total
INCREMENT = re.compile(r"\b(new|more|another|additional|further|extra)\b", re.I)  # "three new cases": not a total
# "14 other possible cases", "the remaining 30 patients": a count beside others its own sentence names
RELATIVE = re.compile(r"\b(other|others|previous|remaining|rest)\b", re.I)
SCOPE = re.compile(r"\b[A-Z][\w'-]*")  # the counted words' names: "UK cases", "British victims": who is counted


@dataclass(frozen=True)
class Measure:
    """What a figure counts: the outcome, the unit's kind, the places its sentence names, and whether it
    counts what was added ("nine more cases") rather than a total."""

    outcome: str
    unit: str
    places: frozenset[int]
    increment: bool = False
    certainty: str = ""  # "suspected" for a count of possible cases; a confirmed count and it are two measures
    scope: frozenset[str] = frozenset()  # the names in what is counted ("UK cases": {"uk"})


BEFORE, AFTER = 40, 60  # characters of the sentence around the figure that say what it counts


def around(sentence: str, figure: str) -> str:
    """The words around the figure in its sentence: "20 people died and 300 were infected" says "dead"
    of the 20 and "cases" of the 300 (the whole sentence when the figure is not found as written)."""
    at = sentence.find(figure)
    if at < 0:
        return sentence
    return sentence[max(0, at - BEFORE): at + len(figure) + AFTER]


def added(sentence: str, figure: str) -> bool:
    """Whether the figure counts an addition ("three new cases", "another nine", "20 more deaths"), not a
    total."""
    at = sentence.find(figure)
    near = sentence[max(0, at - 12): at + len(figure) + 6] if at >= 0 else figure
    return bool(INCREMENT.search(near))


def of_each(sentence: str, figure: str) -> bool:
    """Whether the figure counts per place or person ("Spain and the UK confirmed two cases each"): not the
    count of any one thing named, so never compared."""
    at = sentence.find(figure)
    return at >= 0 and bool(EACH.search(sentence[at + len(figure):]))


def measure_of(unit: str | None, sentence: str, places: set[int], increment: bool = False,
               counted: str = "") -> Measure | None:
    """The figure's measure (`sentence`: the words around it; `counted`: the figure and what the extractor
    says it counts, "14 other possible cases"), or None when they do not say what happened to what it counts
    or where (a figure of no known measure, or of no named place, is never compared: "four people" and
    "almost 900 cases" of one flu story may be a school and a country), or when it counts what is left beside
    others (RELATIVE: its total is its own sentence's, not a measure another article can state)."""
    if RELATIVE.search(counted):
        return None
    low = (unit or "").strip().lower()
    if low in RATES:
        kind = RATES[low]
        allowed = OUTCOMES_OF_RATES
    elif low in PEOPLE:
        kind, allowed = "people", {o for _, o in OUTCOMES} - OUTCOMES_OF_RATES
    else:
        return None
    outcome = next((o for pattern, o in OUTCOMES if pattern.search(sentence)), None)
    if outcome is None or outcome not in allowed or not places:
        return None
    certainty = "suspected" if kinds(sentence).get("certainty") == "suspected" else ""
    return Measure(outcome, kind, frozenset(places), increment, certainty, scope_of(counted))


def scope_of(counted: str) -> frozenset[str]:
    """The names in what a figure counts ("confirmed UK cases": {"uk"}), past its first word (a figure or a
    sentence's capital): a count of British victims is not a count of victims. A name of the story's subject
    ("31 H1N1 cases") is not whose count it is: "31 H1N1 cases" and "25 cases" count one thing."""
    words = counted.split()
    names = [w for w in SCOPE.findall(" ".join(words[1:])) if not w[0].isdigit()]
    return frozenset(w.lower().strip("'-") for w in names if not names_the_story(w))


def names_the_story(word: str) -> bool:
    """Whether a capitalised word names what the story is about rather than a place or a body counted apart: a
    strain's or a product's code, letters and digits mixed ("H1N1", "H5N1", "COVID-19"), or a topic's term in
    seeds/topics.toml ("Ebola" where the lexicon has it)."""
    return any(c.isdigit() for c in word) or bool(lexicon().sentence_topics(word))


def same_thing(a: Measure, b: Measure) -> bool:
    """One measure of one thing: the same outcome and unit, both totals or both additions, the same names in
    what is counted, and a place in common. Whether each is confirmed or suspected is compared by the caller
    (two counts, not a change)."""
    return (a.outcome == b.outcome and a.unit == b.unit and a.increment == b.increment and a.scope == b.scope
            and bool(a.places & b.places))


def kinds(sentence: str) -> dict[str, str]:
    """Which kind of count the sentence says it is, by family: {"certainty": "confirmed"}."""
    found: dict[str, str] = {}
    for pattern, kind, family in KINDS:
        if family not in found and pattern.search(sentence):
            found[family] = kind
    return found


def contrast(a: str, b: str) -> str:
    """"confirmed vs suspected" when the two sentences say different kinds of count, else ""."""
    ka, kb = kinds(a), kinds(b)
    for family in ("certainty", "source"):
        if family in ka and family in kb and ka[family] != kb[family]:
            return f"{ka[family]} vs {kb[family]}"
    return ""
