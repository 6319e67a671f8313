"""Saying a reporting verb the way an answer line needs it: "X denied that …", "X said …".

A paraphrase shown without its verb can reverse its meaning ("WHO, paraphrased: cocaine protects against
the coronavirus" where the WHO denied it), so every quote line keeps the verb the article used, put in
the past tense so that lines from many articles read alike.
"""

from __future__ import annotations

from bot.stop_words import STOP_WORDS

_IRREGULAR = {
    "say": "said", "tell": "told", "write": "wrote", "speak": "spoke", "give": "gave", "hold": "held",
    "swear": "swore", "bring": "brought", "think": "thought", "put": "put", "read": "read", "feel": "felt",
    "admit": "admitted", "regret": "regretted", "commit": "committed", "rebut": "rebutted",
}


def past_tense(verb: str | None, lemma: str | None = None) -> str | None:
    """ "denying" / "denies" / "deny" → "denied"; "says" → "said"; "according to" stays; None stays None."""
    if not verb:
        return None
    words = verb.split()
    if len(words) > 1 or verb.lower() == "according":
        return verb
    base = (lemma or _lemma(verb)).lower()
    if base in _IRREGULAR:
        return _IRREGULAR[base]
    if verb.lower().endswith("ed") and not lemma:
        return verb.lower()
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ied"
    return base + "ed"


def _lemma(word: str) -> str:
    """A crude dictionary form for a speech verb as written ("denies", "denying", "claimed")."""
    low = word.lower()
    for irregular, past in _IRREGULAR.items():
        if low in (past, irregular + "s", irregular + "ing"):
            return irregular
    if low.endswith("ying"):
        return low[:-4] + "y"
    if low.endswith("ies"):
        return low[:-3] + "y"
    if low.endswith("ing"):
        stem = low[:-3]
        return stem + "e" if stem.endswith(("at", "ot", "ud", "ar", "ur", "iv", "ag", "s", "ot", "ut")) else stem
    if low.endswith("ied"):
        return low[:-3] + "y"
    if low.endswith("ed"):
        return low[:-1] if low[:-2].endswith(("at", "ot", "ud", "ar", "ur", "iv", "ag", "s", "ut", "is")) else low[:-2]
    if low.endswith("es") and low[:-2].endswith(("ss", "sh", "ch", "x")):
        return low[:-2]
    if low.endswith("s"):
        return low[:-1]
    return low


def continued(clause: str) -> str:
    """A sentence's words carried on after "X said that": "However, the case …" → "however, the case …";
    a name or an acronym keeps its capital."""
    first = clause.split(" ", 1)[0].strip(",")
    if first.lower() in STOP_WORDS and first[:1].isupper() and not first.isupper():
        return clause[:1].lower() + clause[1:]
    return clause
