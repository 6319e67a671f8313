"""The answers that look things up: who, search, latest, help."""

from __future__ import annotations

import json
import re
from difflib import SequenceMatcher

import sqlite_utils
from rapidfuzz import fuzz, process

from bot.answer.actions import same_words
from bot.answer.card_names import (
    SLIP_WRITTEN,
    THING_SENTENCES,
    not_a_companion,
    shown_aliases,
    shown_name,
    slip,
    treated_as_thing,
)
from bot.answer.card_roles import body_resolver, card_roles, spelled_otherwise
from bot.answer.format import not_analysed, quote_line, reported_clause, type_word
from bot.answer.grammar import Command
from bot.answer.model import Answer
from bot.answer.query import Query
from bot.answer.sources import SourceBook, human_date
from bot.desks import load_desks
from bot.extract.names import acronym_of, fold, given_names_of, name_key, related_names
from bot.extract.pointing import clause_points_back
from bot.extract.titles import ROLE_NOUNS, TITLE_WORDS
from bot.words import plural, say
from storage import entities, queries

NAME_SIMILARITY = 80
ACRONYM = re.compile(r"[A-Z][A-Z0-9-]{1,7}")


def initials(key: str) -> str:
    """ "andres manuel lopez obrador" → "amlo"; "ejercito de liberacion nacional" → "eln"; "" for a one-word name
    (its initial is no acronym)."""
    letters = acronym_of(key)
    return letters if len(letters) >= 2 else ""


def find_entity_id(db: sqlite_utils.Database, name: str) -> int | None:
    """An exact alias (accent- and case-insensitive) first, then the closest known name."""
    exact = queries.entity_by_alias(db, name_key(name))
    if exact:
        return exact[0]["id"]
    names = queries.entity_names(db)
    if ACRONYM.fullmatch(name.strip()):  # "AMLO": Andrés Manuel López Obrador, "ELN": Ejército de Liberación Nacional
        wanted = name.strip().lower()
        found = [entity_id for entity_id, key in names if initials(key) == wanted]
        if found:
            return max(set(found), key=found.count)
    typed = f" {name_key(name)} "
    holding = [entity_id for entity_id, key in names if typed in f" {key} "]  # "Jalisco Cartel": its full name
    if holding:
        return max(set(holding), key=holding.count)
    # a misspelling of a whole name ("Zevalos", "Kofi Anan", "Luna García"), never a name that only shares
    # a word with the one typed: "José Jerí" is not "José Albeiro Arrigui", "Sebastián Flores" not "Antonio
    # Astudillo Flores" (a partial-match score took both, and showed a stranger's card)
    best = process.extractOne(name_key(name), [k for _, k in names], scorer=fuzz.token_sort_ratio)
    if best and best[1] >= NAME_SIMILARITY and 2 * len(best[0]) >= len(name_key(name)):  # not "un" for "cartel suns"
        return names[best[2]][0]
    return None


def who(db: sqlite_utils.Database, answer: Answer, command: Command, desk: str | None) -> Answer:
    """The entity's canonical name, type, roles, aliases, coverage, quotes and companions."""
    if not command.argument:
        answer.text = say("who_what", answer.language)
        return answer
    entity_id = find_entity_id(db, command.argument)
    profile = queries.entity_profile(db, entity_id, desk) if entity_id is not None else None
    if profile is None or not profile["article_ids"]:
        answer.text = no_one(db, command.argument, entity_id, desk, answer.language)
        return answer
    stated = queries.latest_roles(db, [entity_id]).get(entity_id, []) if profile["type"] == "PERSON" else []
    roles = card_roles(stated, body_resolver(lambda keys: entities.by_alias_keys(db, keys)))
    quotes = [q for q in card_quotes(queries.entity_facts(db, entity_id, "quote", desk))
              if not reported_points_back(q, profile["type"])]
    book = SourceBook(db)
    for article_id in profile["article_ids"][:5]:
        book.cite(article_id)
    stored, profile["name"] = profile["name"], shown_name(db, entity_id, profile["name"], profile["aliases"],
                                                           profile["type"] == "PERSON")
    named = [a for a in profile["aliases"] if a != stored or stored == profile["name"]]  # a slip is no alias either
    profile["aliases"] = shown_aliases(profile["name"], named, profile["type"] == "PERSON")
    item = {
        "name": profile["name"],
        "type": profile["type"],
        "roles": roles,
        "aliases": profile["aliases"],
        "mentions": profile["article_count"],
        "article_ids": profile["article_ids"][:5],  # the articles cited for the coverage line
        "mention_count": profile["mention_count"],
        "quotes": [{"quote": q["data"].get("quote"), "kind": q["data"].get("kind", "direct"),
                    "verb": q["data"].get("verb") or q["data"].get("cue"), "source_id": q["article_id"],
                    "language": q["data"].get("language"),
                    "fact_id": q["id"]} for q in quotes[:5]],
        "related": [{"name": r["name"], "type": r["type"] if sure_type(db, r) else None}
                    for r in companions(db, profile)],
        "namesakes": namesakes_of(db, command.argument, entity_id, profile),
        "source_id": profile["article_ids"][0],
    }
    lang = answer.language
    role_text = f", {'; '.join(roles)}" if roles else ""
    item["text"] = f"{profile['name']} ({type_word(profile['type'], lang)}){role_text}"
    answer.items, answer.total = [item], 1
    aliases = ", ".join(a for a in profile["aliases"] if a != profile["name"])
    lines = [item["text"], say("also_written", lang, aliases=aliases) if len(profile["aliases"]) > 1 else "",
             say("mentioned_in", lang, count=item["mentions"], noun=plural(item["mentions"], lang))]
    lines += [quote_line({**q, "speaker": profile["name"]}, language=lang) + f" [{book.cite(q['source_id'])}]"
              for q in item["quotes"]]
    if item["related"]:
        lines.append(say("appears_with", lang, names=", ".join(r["name"] for r in item["related"])))
    if item["namesakes"]:
        lines.append(say("also_called", lang, name=command.argument, names=", ".join(item["namesakes"])))
    answer.text = "\n".join(line for line in lines if line)
    answer.sources, answer.context = book.sources(), book.context(answer.language)
    return answer


def companions(db: sqlite_utils.Database, profile: dict) -> list[dict]:
    """Who appears with the card's entity, each once, by the name the archive uses (`shown_name`), and none
    of them the entity itself: a stored name that is the card's own short name ("Assad" beside Bashar
    al-Assad) or another companion written otherwise ("U.N" beside United Nations) is no second companion;
    a scrap that opens in lower case ("s Note", from "Editor's Note"), a role word alone ("Editor"), a name
    run into the next word ("Kofi Annan - Syrian") or a place or thing the tagger typed as a person or a
    body (`not_a_companion`) is no companion."""
    person = profile["type"] == "PERSON"
    kept: list[dict] = []
    for found in profile["related"]:
        name = shown_name(db, found["id"], found["name"], entities.aliases_of(db, found["id"]),
                          found["type"] == "PERSON")
        other = {**found, "name": name}
        if not name[:1].isupper() and not name[:1].isdigit() or name.lower() in _ROLE_WORDS | TITLE_WORDS:
            continue  # "Editor" of "Editor's Note": a role, nobody's name
        if _GLUE.search(name) or not_a_companion(name, other["type"]):
            continue
        if other["type"] == "ORG" and treated_as_thing(name, entities.mention_sentences(db, found["id"],
                                                                                         THING_SENTENCES)):
            continue  # "doses of Tamiflu", "Roche, which makes Tamiflu": a drug, no body
        if other["type"] == profile["type"] and related_names(_bare(name), _bare(profile["name"]), person=person):
            continue
        if any(k["type"] == other["type"] and related_names(_bare(name), _bare(k["name"]),
                                                            person=other["type"] == "PERSON") for k in kept):
            continue
        kept.append(other)
    return kept


SURE_SHARE = 2 / 3  # of the articles that typed a companion, those that typed it as the card shows it


def sure_type(db: sqlite_utils.Database, companion: dict) -> bool:
    """The archive's articles mostly agree on the companion's type: a card that says "(person)" of a name half
    its articles call a body says what the archive does not know, and shows no type instead."""
    votes = entities.type_votes(db, companion["id"])
    return votes.get(companion["type"], 0) >= SURE_SHARE * sum(votes.values())


_ARABIC_ARTICLE = re.compile(r"\b(?:al|el|ad|as|ash|at|az)-", re.IGNORECASE)


def _bare(name: str) -> str:
    """A name as its short forms meet it: an acronym without its dots ("U.N." → "UN", to meet United
    Nations), a surname without its article ("Bashar al-Assad" → "Bashar Assad", to meet "Assad")."""
    if re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?\.?", name.strip()):
        return name.replace(".", "")
    return _ARABIC_ARTICLE.sub("", name)


_NAMESAKE_TYPES = {"PERSON": ("PERSON",), "ORG": ("ORG",)}


def namesakes_of(db: sqlite_utils.Database, typed: str, entity_id: int, profile: dict) -> list[str]:
    """Others the typed name may mean: people for a person, bodies for a body (either for a place), each
    named in full. A bare surname ("Annan"), a headline in capitals ("GADDAFI FIGHTS BACK"), the card's own
    name written otherwise (`same_name`) or a name glued to another (`glued_name`) is nobody to tell apart
    from the card."""
    kinds = _NAMESAKE_TYPES.get(profile["type"], ("PERSON", "ORG"))
    own = [name_key(a) for a in profile["aliases"]] or [name_key(profile["name"])]
    return [r["name"] for r in queries.namesakes(db, name_key(typed), entity_id)
            if r["type"] in kinds and " " in r["name"].strip() and not r["name"].isupper()
            and not same_name(r["name"], own) and not described(r["name"], own)
            and not glued_name(db, r["name"], typed, {entity_id, r["id"]})
            and not in_full(db, profile, r) and not misnamed(db, profile, r)]


def misnamed(db: sqlite_utils.Database, profile: dict, other: dict) -> bool:
    """The card's body named with a run-on "of …" once or twice ("Arab League of Nations", after the League of
    Nations) while the archive names it often: the same body misnamed (`slip`), not another of that name."""
    own = name_key(profile["name"])
    return (profile["type"] == other["type"] == "ORG" and name_key(other["name"]).startswith(f"{own} of ")
            and slip(db, profile["id"], other["name"]) and entities.written(db, other["id"], None, SLIP_WRITTEN + 1)
            <= SLIP_WRITTEN)


def in_full(db: sqlite_utils.Database, profile: dict, other: dict) -> bool:
    """The card's person named in full: the card's name and one surname more ("Gustavo Petro Urrego" beside
    "Gustavo Petro"), in an article that also names the card's person. The article's own use of both ties
    them, as it does when the two join at ingest (`given_names_of`); never the names alone."""
    return (profile["type"] == other["type"] == "PERSON" and given_names_of(profile["name"], other["name"])
            and entities.named_together(db, profile["id"], other["id"]))


def same_name(name: str, own: list[str]) -> bool:
    """The card's own name written otherwise: spelled otherwise ("World Health Organisation"), its words in
    another order ("Transitional National Council") or with its own acronym beside it ("National
    Transitional Council NTC"), or with a space where it has a hyphen ("Hamad bin Khalifa Al Thani" of "… al-Thani").
    Showing it as someone else of that name says the card is two bodies."""
    key = name_key(name)
    words = set(key.split())
    singles = {k for k in own if " " not in k}
    return any(spelled_otherwise(key.replace("-", " "), k.replace("-", " "))
               or (" " in k and set(k.split()) <= words <= set(k.split()) | singles) for k in own)


DESCRIPTIVE = re.compile(r"[A-Z][a-z]+(?:an|i|ese|ish|ic)")  # "Libyan", "Sunni", "Lebanese", "Kurdish", "Islamic"


def described(name: str, own: list[str]) -> bool:
    """The card's own name of three words or more with a word before it that describes, not names ("Sunni
    Free Syrian Army", "Libyan National Transitional Council"): the same body, said of its people or faith."""
    first, _, rest = name.partition(" ")
    return bool(DESCRIPTIVE.fullmatch(first)) and len(rest.split()) >= 3 and name_key(rest) in own


_GLUE = re.compile(r"\s[-–—]+\s|[,&/:;|]|\s[-–—]+$")  # "Kofi Annan - Syrian", "Gaddafi, National ...", "NTC & NATO"
_NAME_JOINERS = frozenset("of for and de del della der di da do dos das du la las los e y el al bin ibn van von den"
                          .split())
_GLUE_WORDS = frozenset("is are was were or says said".split())  # "WHO is Health Action in Crisis"
_ARTICLES = frozenset("the a an".split())
# a role beside a name is a title the tagger took in ("Arab League Doctor", "Council Coordinator Adel Dabbechi"),
# not a word of a body's name; words that also open bodies' names ("General Assembly", "Chief Rabbinate") are left
_ROLE_WORDS = (ROLE_NOUNS | {"doctor", "envoy"}) - {"general", "head", "chief", "deputy", "official", "officer"}


def glued_name(db: sqlite_utils.Database, name: str, typed: str, skip: set[int]) -> bool:
    """A name the tagger ran into its neighbours, not a namesake: punctuation between two names ("Kofi
    Annan - Syrian"), a word no name holds ("a Free Syrian Army", "Assad The", "WHO is Health Action in
    Crisis"), or beside the typed name another stored entity's whole name ("Reuters Gaddafi", "Assad Turkey",
    "National Transitional Council of Syria", "... Coordinator Adel Dabbechi")."""
    if _GLUE.search(name):
        return True
    words = name.split()
    if any(w in _GLUE_WORDS for w in words) or words[0] in _ARTICLES:
        return True
    if any(w.lower() in _ARTICLES and w[:1].isupper() for w in words[1:]):  # "Panetta The Free Syrian Army"
        return True
    beside = _beside(name_key(name), name_key(typed))
    if any(w in _ROLE_WORDS for run in beside for w in run.split()):  # "Arab League Doctor", "... Coordinator X"
        return True
    return any(r[0] not in skip for r in entities.by_alias_keys(db, beside))


def _beside(key: str, typed: str) -> list[str]:
    """The words before and after the typed name in a name's key, and each run of them that ends or starts
    at the name ("rebel national transitional council coordinator adel dabbechi": "rebel", "coordinator
    adel dabbechi", "adel dabbechi", "coordinator"...), small joining words at their edges dropped."""
    at = f" {key} ".find(f" {typed} ")
    if at < 0 or not typed:
        return []
    before, after = key[:at].split(), key[at + len(typed):].split()
    runs = [before[i:] for i in range(len(before))] + [after[:j] for j in range(1, len(after) + 1)]
    runs += [after[i:] for i in range(1, len(after))]
    trimmed = []
    for run in runs:
        while run and run[0] in _NAME_JOINERS:
            run = run[1:]
        while run and run[-1] in _NAME_JOINERS:
            run = run[:-1]
        if run:
            trimmed.append(" ".join(run))
    return list(dict.fromkeys(trimmed))


def no_one(db: sqlite_utils.Database, typed: str, entity_id: int | None, desk: str | None, language: str) -> str:
    """Why there is no card: the name is known only off this desk (say where to ask, never a card that
    reads "In 0 articles"), or nobody is called that, and then who shares its surname ("Sebastián Flores":
    not Antonio Astudillo Flores, who is another man, but worth naming)."""
    whole = next((d.command for d in load_desks().values() if d.all), None)
    if entity_id is not None and desk is not None and whole:
        return say("not_on_desk", language, name=typed, whole=whole)
    text = say("no_one", language, name=typed)
    surname = name_key(typed).split()[-1] if name_key(typed) else ""
    others = [r["name"] for r in queries.namesakes(db, surname, -1)] if " " in name_key(typed) else []
    return text + (say("try", language, suggestions=", ".join(others)) if others else "")


def card_quotes(quotes: list[dict]) -> list[dict]:
    """The entity's quotes, each sentence once and each quote once: a sentence read both as a direct quote
    and as its paraphrase, a quote the article repeats as "he said that …", one quote carried by two
    articles (`same_words`), or a headline's piece of a quote the body gives whole ("We discussed the need
    to end the violence" of "… discussed the need to end the violence, and ways and means of doing so") is
    one line of the card (the direct one, the whole one)."""
    ranked = sorted(quotes, key=lambda q: (q["data"].get("kind", "direct") != "direct", -len(_said(q))))
    kept: list[dict] = []
    for quote in ranked:
        if any((k["article_id"], k["sentence_idx"]) == (quote["article_id"], quote["sentence_idx"])
               or same_words(_said(quote), _said(k)) or part_of(_said(quote), _said(k)) for k in kept):
            continue
        pieces = [k for k in kept if part_of(_said(k), _said(quote))]  # a direct piece of a reported whole
        kept = [k for k in kept if k not in pieces]
        kept.append(quote)
    return sorted(kept, key=quotes.index)


_BODY_PRONOUNS = frozenset("it its they their".split())  # a body that "said that it was ending …" means itself


def reported_points_back(quote: dict, etype: str) -> bool:
    """A paraphrase whose words point back at something its line does not show (`clause_points_back`): "Bill
    Clinton said that he had been told that it needed medicine" (what needed it?). A card line stands alone,
    as a summary line must; a body's "it" is the body itself, and a direct quote's words are the speaker's."""
    data = quote["data"]
    if data.get("kind") != "paraphrase" or data.get("language") not in (None, "en"):
        return False
    # as the line reads it: a "However, …" the line drops (`reported_clause`) is not judged
    return clause_points_back(reported_clause(_said(quote)), _BODY_PRONOUNS if etype != "PERSON" else frozenset())


def _said(quote: dict) -> str:
    return str(quote["data"].get("quote") or "")


_WORD = re.compile(r"\w+")
PART_MIN_WORDS = 6  # a shorter piece is in every quote ("we will", "the people")
PART_SHARE = 0.8  # of the piece's words found in order in the longer quote


def part_of(piece: str, whole: str) -> bool:
    """`piece` is a part of `whole`: nearly all its words, in their order, inside the longer quote (a
    headline's cut, a pronoun dropped: "We discussed …" within "… discussed …, and ways and means …"; a
    wire update's shorter telling: "retreated from the strategic X district, a densely packed area" within
    "retreated from X, a densely packed area … where rebel fighters had been dug in")."""
    words, within = _WORD.findall(fold(piece)), _WORD.findall(fold(whole))
    if len(words) < PART_MIN_WORDS or len(words) >= len(within):
        return False
    matched = SequenceMatcher(None, words, within, autojunk=False).get_matching_blocks()
    return sum(block.size for block in matched) >= PART_SHARE * len(words)


def search(db: sqlite_utils.Database, answer: Answer, query: Query, desk: str | None) -> Answer:
    """Matching articles with highlighted snippets; phrases in quotes stay phrases."""
    if not query.match.fts:
        answer.text = say("search_what", answer.language)
        return answer
    total, found = queries.search_articles(db, query.match.fts, desk, answer.limit, answer.offset)
    book = SourceBook(db)
    answer.total = total
    answer.items = [
        {
            "text": r["title"],
            "source_id": r["id"],
            "title": r["title"],
            "snippet": marked(r["snippet"]),
            "published": r["published"],
            "language": r["language"],
        }
        for r in found
    ]
    answer.text = "\n".join(
        f"{it['title']} ({human_date(it['published'], answer.language)})"
        f"{not_analysed(it['language'], answer.language)} [{book.cite(it['source_id'])}]: {it['snippet']}"
        for it in answer.items
    )
    answer.sources, answer.context = book.sources(), book.context(answer.language)
    return answer


def latest(db: sqlite_utils.Database, answer: Answer, desk: str | None) -> Answer:
    """The desk's newest articles: the lede as the one line, and the three-sentence summary."""
    total, found = queries.latest_articles(db, desk, answer.limit, answer.offset)
    book = SourceBook(db)
    items = []
    for r in found:
        summary = queries.sentence_texts(db, r["id"], json.loads(r["summary"] or "[]"))
        lede = queries.lede(db, r["id"]) or (summary[0] if summary else "")
        items.append({"text": r["title"], "source_id": r["id"], "title": r["title"], "snippet": lede,
                      "summary": summary, "published": r["published"], "language": r["language"]})
    answer.total, answer.items = total, items
    answer.text = "\n".join(
        f"{it['title']} ({human_date(it['published'], answer.language)})"
        f"{not_analysed(it['language'], answer.language)} [{book.cite(it['source_id'])}] {it['snippet']}"
        for it in items
    )
    answer.sources, answer.context = book.sources(), book.context(answer.language)
    return answer


HIGHLIGHT = "*"  # around the words a search matched, in a snippet; the text's own * becomes ∗ (U+2217)


def marked(snippet: str) -> str:
    """The FTS snippet with its matches between `*`, and no other `*`: the text's own asterisks become `∗`,
    so a renderer can tell the highlight from the article (Slack bolds the one, shows the other)."""
    return snippet.replace(HIGHLIGHT, "\u2217").replace("\x02", HIGHLIGHT).replace("\x03", HIGHLIGHT)
