"""Words that stand before or for a person's name: courtesy and military titles, and the office nouns a role
is made of. Kept free of spaCy, so the answer processes (who cards) read them without loading the parser."""

from __future__ import annotations

TITLE_WORDS = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sen",
    "rep",
    "gov",
    "gen",
    "lt",
    "col",
    "sgt",
    "capt",
    "president",
    "senator",
    "governor",
    "general",
    "minister",
    "judge",
    "mayor",
    "secretary",
    "chancellor",
    "sir",
    "dame",
    "lord",
    "lady",
    "prof",
    "professor",
    "rev",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "former",
    "ex",
    "vice",
    "prime",
    "chief",
    "commissioner",
    "ambassador",
    "director",
    "sheriff",
    "congressman",
    "congresswoman",
    "speaker",
    "leader",
    "representative",
    "assemblyman",
    "assemblywoman",
    "councilman",
    "councilwoman",
}

ROLE_NOUNS = frozenset(
    """president minister secretary governor mayor prosecutor commander director chief head leader founder senator
    deputy judge general officer official spokesperson spokesman spokeswoman manager analyst researcher journalist
    attorney commissioner ambassador congressman congresswoman lawmaker legislator superintendent warden
    coordinator investigator expert professor editor reporter activist lawyer""".split()
)
