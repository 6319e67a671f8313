"""Whether words open on one that points back at something said before them ("They …", "The plan …", "It
needed …"): the judgement a summary line and a who card's reported line both make. String-level and spaCy-free,
so the answer processes can use it without loading a model."""

from __future__ import annotations

import re

_POINTING = frozenset("they them their this these those one such both".split())
_TIME_WORDS = frozenset(
    "year years month months week weeks time times day days decade century morning afternoon evening weekend"
    " season spring summer autumn winter hour hours minutes".split()
)
_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten dozen".split())
_FIRST_PERSON = frozenset("we i our my us me ours".split())
_JOINING = frozenset("and but so yet or".split())
# Nouns that name something the article has just described: "the plan", "the move", "the decision".
_ANAPHORIC = frozenset(
    "plan move decision deal proposal measure step incident announcement idea offer request development".split()
)
_DEFINING = frozenset("to for of by that which from on in".split())  # "the plan to …", "the deal with …"
# an example of what came before, or the step after it: "For example, …", "Then in April …" (not "Then-president");
# a turn against it or a consequence of it: "However, …", "So, …", "Still, …", "As a result, …" (not "So far, …";
# "Meanwhile, …" and "Moreover, …" add news of their own and stand alone)
_LEANING = re.compile(r"^(?:(?:for example|for instance|then)(?=[\s,])|(?:however|so|still|yet|instead|nevertheless"
                      r"|nonetheless|thus|therefore|hence|even so|as a result|in that case|by contrast|in contrast"
                      r"|on the other hand|despite this|despite that)(?=,))", re.I)
_QUANTIFIERS = frozenset("much many some most all none one each both several few part".split())
_PRONOUNS_BACK = frozenset("it them they this these those that".split())
_SUBORDINATORS = frozenset("if when while although though because as since unless once until".split())
# "It appears more progress is made …" stands for nothing either; "It seems like it spreads …" is about "it".
_EXPLETIVE_IT = re.compile(
    r"^It(?:(?:'s|’s| is| was| has been| had been| will be| would be| seems| seemed| appears| appeared| remains"
    r"| remained| became| becomes| has become)\b[^.;]*?\b(?:that|to|whether|how|why|what|who|when|where|if)\b"
    r"| (?:seems|seemed|appears|appeared)\b(?! like| as\b))", re.I
)


_THAT_CLAUSE = re.compile(r"\bthat\s+(?=\S)", re.I)


def clause_points_back(text: str, speaker: frozenset[str] = frozenset()) -> bool:
    """Reported words that open, or go on after a "that", on a word that refers to something said before them:
    "he had been told before his trip that it needed medicine" (what needed it?). Shown as a line of their own
    (a card's "X said that …") they point at nothing. `speaker` holds the pronouns that stand for the one
    who spoke ("it" of a body that "said that it was ending …"); a quotation's words are the speaker's own."""
    clauses = [text] + [text[m.end():] for m in _THAT_CLAUSE.finditer(text)
                        if _outside_quotes(text[:m.end()]) and text[m.end()] not in "\"“"]
    return any(opens_pointing_back(c) and c.split()[0].lower().strip("“\"‘',") not in speaker
               for c in clauses if c.split())


def _outside_quotes(before: str) -> bool:
    """No quotation left open in the words before."""
    return (before.count('"') + before.count("“") - before.count("”")) % 2 == 0


def opens_pointing_back(text: str) -> bool:
    """The words open on one that refers to something said before them: "They …", "These gangs …",
    "One connects him …", "The two groups …" (not "This year …")."""
    words = text.split()
    if len(words) > 1 and words[0].lower() in _JOINING:
        words = words[1:]  # "And they pledged …", "But this …": the conjunction joins it to what came before
    first = words[0].lower().strip("“\"‘'") if words else ""
    second = words[1].lower().strip(",") if len(words) > 1 else ""
    if first in _POINTING:  # "Those who fled …" say who
        return second not in _TIME_WORDS and not (first == "those" and second in ("who", "whose", "that", "which"))
    if first in ("it", "its"):
        return not _EXPLETIVE_IT.match(" ".join(words))  # "Its inhabitants …", "It adds that …": what is it?
    if first in _FIRST_PERSON:
        return True  # "We had no luck finding …": the reporter (or a quote's speaker) talking, nobody a reader knows
    third = words[2].lower().strip(",") if len(words) > 2 else ""
    if _LEANING.match(" ".join(words)) or (first in _QUANTIFIERS and second == "of" and third in _PRONOUNS_BACK):
        return True  # "For example, …", "Then in April …", "Much of it focused on …": of what, after what?
    if first in _SUBORDINATORS and second in _PRONOUNS_BACK:  # "If it doesn't work …", "Since that list …"
        return not _EXPLETIVE_IT.match(" ".join(words[1:])) if second == "it" else third not in _TIME_WORDS
    if first == "the" and second in _ANAPHORIC and third not in _DEFINING:
        return True  # "The plan would cost …": which plan was said before; "The plan to build …" says which
    return first == "the" and (second in _NUMBER_WORDS or second in ("latter", "former", "largest", "same"))
