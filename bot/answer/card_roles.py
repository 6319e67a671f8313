"""The roles a who card shows: each office once, however the archive words it, and none as current that the
text puts in the past.

Wire copy names one office many ways: "WHO chief", "World Health Organization chief", "head of the World
Health Organisation"; "director-general" and "director general of the WHO"; "envoy" beside "joint envoy".
A card reads each office once, in its fullest wording. A role the text gives as "former UN secretary general"
makes the bare "secretary general" of the same office read as past, never as what the person is now.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rapidfuzz import fuzz

from bot.extract.names import fold, name_key

# words that make another office of the one they qualify: a "vice president" is not the president, nor a
# "secretary general" a secretary, so a role holding one of these never absorbs the bare office
OFFICE_CHANGERS = frozenset("""vice deputy prime assistant acting interim under co associate general lieutenant
    sub junior second first chief elect electo electa designate designado designada""".split())
# one office said by either word: "WHO chief" is the "head of the WHO"
_SYNONYMS = {"head": "chief", "ex": "former"}
_SKIPPED = frozenset({"the", "a", "an", "of", "for", "to", "and", "de", "del", "la", "el", "los", "las"})
_NAME_RUN = re.compile(r"(?:(?<=\s)|^)(?:[A-Z][\w.'’]*)(?:\s+(?:of\s+|the\s+|de\s+)?[A-Z][\w.'’]*)*")
PAST = "former"
_JOINED = re.compile(r"(?<=\w)-(?=\w)")
_WORD = re.compile(r"\w")
SAME_SPELLING = 90  # rapidfuzz ratio from which two folded names are one name spelled otherwise
SAME_WORD = 75  # ... and from which the one word they differ in is that word spelled otherwise


def spelled_otherwise(a: str, b: str) -> bool:
    """Two folded names that are one name spelled otherwise ("world health organisation" and "… organization",
    "world heath organization"): as many words, differing inside one word only. A whole word of difference is
    another name however alike the rest ("… council of syria" and "… council of libya")."""
    if a == b:
        return True
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b) or fuzz.ratio(a, b) < SAME_SPELLING:
        return False
    differ = [(x, y) for x, y in zip(words_a, words_b, strict=True) if x != y]
    return len(differ) == 1 and fuzz.ratio(*differ[0]) >= SAME_WORD

Resolver = Callable[[str], str]


def card_roles(roles: list[str], body_of: Resolver) -> list[str]:
    """The roles to show, newest first as stated: one wording per office (the same `role_words`), a role whose
    words a fuller role of the same office holds left out ("envoy" beside "joint UN envoy", "secretary general"
    beside "former UN secretary general") and a list's plural heading left out, in the archive's lower-case
    form when it has one. `body_of` names the body a name in a role stands for (the archive's entity, so
    "WHO" is the World Health Organization)."""
    words = {role: role_words(role, body_of) for role in roles}
    kept: list[str] = []
    for role in roles:
        if any(words[k] == words[role] for k in kept):
            continue
        if any(_said_more_fully(role, other, roles, words) or plural_of(words[role], words[other]) for other in roles):
            continue
        kept.append(role)
    return [_lower_form(role, roles, words) for role in kept]


def plural_of(plural: frozenset[str], single: frozenset[str]) -> bool:
    """One role the plural of another ("presidentes de Estados Unidos" beside "presidente de Estados Unidos"):
    the heading of a list of people ("los presidentes de Estados Unidos X e Y"), not what one of them is."""
    more, less = plural - single, single - plural
    if len(more) != 1 or len(less) != 1:
        return False
    word, base = next(iter(more)), next(iter(less))
    return word in (base + "s", base + "es")


def _said_more_fully(role: str, other: str, roles: list[str], words: dict[str, frozenset[str]]) -> bool:
    """`other` is `role` said more fully; when what it adds is "former", only if the text said so in an
    article as new as the bare role's (`roles` is newest first): a man president again is not shown as
    only a former president."""
    if not within(words[role], words[other]):
        return False
    return PAST not in words[other] - words[role] or roles.index(other) <= roles.index(role)


def _lower_form(role: str, roles: list[str], words: dict[str, frozenset[str]]) -> str:
    """The wording a sentence gives mid-sentence ("rebel leader", not the "Rebel leader" that opened one)."""
    folded = role.lower().replace("-", " ")
    same = [r for r in roles if words[r] == words[role] and r.lower().replace("-", " ") == folded]
    return min(same, key=lambda r: (r[:1].isupper(), roles.index(r)))


def within(small: frozenset[str], large: frozenset[str]) -> bool:
    """`small` is the same office as `large`, said with less: all its words are there and what `large` adds
    only qualifies it (a place, a body, "former", "joint"), never makes another office ("vice")."""
    return small < large and not (large - small) & OFFICE_CHANGERS


def role_words(role: str, body_of: Resolver) -> frozenset[str]:
    """What a role says, as a set: its office words (folded, "head" read as "chief", "ex" as "former",
    punctuation dropped) and the bodies its names stand for. "WHO chief", "World Health Organization chief"
    and "head of the World Health Organization" are one set when the archive knows WHO as the World Health
    Organization; "presidente de la República" and "presidente de la república" are one."""
    text = _JOINED.sub(" ", role)  # "director-general", "ex-president"; not the " - " between two bodies
    bodies: set[str] = set()

    def office_words_kept(run: re.Match[str]) -> str:
        office, name = _office_words(run.group(0).split())
        if name:
            bodies.add(body_of(" ".join(name)))
        return " ".join(office) + " "

    rest = _NAME_RUN.sub(office_words_kept, text)
    words = {_SYNONYMS.get(w, w) for w in fold(rest).split() if w not in _SKIPPED and _WORD.search(w)}
    return frozenset(words | bodies)


def _office_words(run: list[str]) -> tuple[list[str], list[str]]:
    """A capitalised run's office words at its edges, and the name between: a sentence's first word
    ("Former US president": "Former" and "US"), a title written capitalised ("UN Secretary General")."""
    start, end = 0, len(run)
    while start < end and _office_word(run[start]):
        start += 1
    while end > start and _office_word(run[end - 1]):
        end -= 1
    return run[:start] + run[end:], run[start:end]


def _office_word(word: str) -> bool:
    return word.lower() in OFFICE_CHANGERS or word.lower() in _TITLE_CASE


_TITLE_CASE = frozenset("""former ex president minister secretary director chairman chief head leader envoy
    governor mayor senator commander spokesman ambassador colonel rebel interim joint special""".split())


def body_resolver(keys_to_ids: Callable[[list[str]], list[tuple]]) -> Resolver:
    """A name of several words or an acronym in a role → the body it stands for: a name of the card's roles
    it only spells otherwise, else the archive's oldest entity of that name, else the name folded.
    `keys_to_ids` is the storage look-up by alias key."""
    cache: dict[str, str] = {}

    def body_of(name: str) -> str:
        key = name_key(name)
        if " " not in key and not name.isupper():
            return key  # one capitalised word is read as a word ("República", "Libyan"); acronyms are bodies
        if key not in cache:
            spelled = next((body for known, body in cache.items() if spelled_otherwise(known, key)), None)
            found = keys_to_ids([key]) if spelled is None else []
            cache[key] = spelled or (f"#{found[0][0]}" if found else key)  # "Organisation" as "Organization"
        return cache[key]

    return body_of
