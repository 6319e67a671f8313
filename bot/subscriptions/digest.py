"""A digest: the new articles of a subscription grouped by story and, within a story, by development
(bot/subscriptions/developments.py), each development a section with what a reader needs.

Per development: its articles (title, link, source, date), one or two summary sentences, the new figures and
quotes, "follows earlier coverage" when article_related links it to an earlier article of the desk strongly
(FOLLOWS_SCORE: a link that would pass on its words alone) and that article is in the same story (the linker
joins a story on stronger evidence than it lists a related article; `/news related` lists the weaker ones
too, but a false "follows" in a digest costs more trust than a missed one), or else to the story's previous
development (the one before it in this digest, or the story's newest earlier article), and a flag when a new
figure disagrees with a stored one for the same measure and period, or with another outlet's figure of the
same measure within days (bot/subscriptions/measures.py: "differ", "rose from 20 to 60", "two counts:
confirmed vs suspected"). Figures are each quantity once, none already posted to the subscription with the
same value. Articles with no story id are a story each. Everything shown is a stored sentence or fact with its article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

import sqlite_utils

from bot.desks import get_desk
from bot.stories.link import WORDS_ALONE
from bot.subscriptions.developments import split, vectors_of
from bot.subscriptions.lines import Headlines, newsworthy, replies_after
from bot.subscriptions.matching import person_of
from bot.subscriptions.measures import (
    OUTCOME_LABELS,
    SUSPECTED_LABELS,
    WINDOW_DAYS,
    added,
    around,
    contrast,
    measure_of,
    of_each,
    same_thing,
)
from bot.words import DEFAULT
from storage import subscriptions as store

MAX_FIGURES = 3
MAX_QUOTES = 2
MAX_CONFLICTS = 2
SUMMARY_SENTENCES = 2
# A digest says "follows earlier coverage" only for a link at least this strong: the score at which words
# alone would link two articles. On a one-beat desk archive (InSight Crime 2020, bench/related.py
# --corpus insight) the weaker links were mostly other stories of the beat sharing its vocabulary.
FOLLOWS_SCORE = WORDS_ALONE


@dataclass
class Entry:
    id: int
    title: str
    url: str | None
    source: str | None
    published: str | None


@dataclass
class Figure:
    article_id: int
    figure: str  # "36%", as the article wrote it
    measure: str
    period: str | None
    unit: str | None
    value: float | None


@dataclass
class Quote:
    article_id: int
    speaker: str | None
    quote: str
    paraphrase: bool
    said: dict[str, Any] = field(default_factory=dict)  # the stored quote (verb, role): rendered by quote_line


@dataclass
class Conflict:
    """Two outlets' figures for one measure: stated for the same period, or (`how`) of one measure within
    days of each other: "differ" (the same day), "rose" or "fell" (the later one is `new`), or "counts": a
    confirmed and a suspected count side by side."""

    measure: str
    period: str
    new: Figure
    new_source: Entry
    old: Figure
    old_source: Entry
    how: str = "differ"
    contrast: str = ""  # "confirmed vs suspected", "estimate vs official": what each sentence says it counts


@dataclass
class Story:
    story_id: int | None
    articles: list[Entry]
    summary: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    follows: Entry | None = None
    outlets: list[str] = field(default_factory=list)  # the development's outlets, newest first: corroboration

    @property
    def article_ids(self) -> list[int]:
        return [a.id for a in self.articles]


@dataclass
class Digest:
    subscription_id: int
    channel: str
    desk: str
    about: str  # "crime", "who José Jerí", "everything"
    stories: list[Story]
    note: str = ""  # a one-minute message's last line: what was folded, and where the rest is
    of: tuple[int, int] | None = None  # a one-minute message: (articles, stories) of the whole digest
    language: str = DEFAULT  # the desk's: the language of the words the bot adds around the articles'

    @property
    def article_ids(self) -> list[int]:
        return [i for s in self.stories for i in s.article_ids]

    @property
    def counts(self) -> tuple[int, int]:
        """(new articles, stories) the digest reports: of the whole digest, when this is its short form; a story
        split into developments is one story."""
        keys = {s.story_id if s.story_id is not None else ("article", s.articles[0].id) for s in self.stories}
        return self.of or (len(self.article_ids), len(keys))

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "article_ids": self.article_ids}


def entry(row: dict[str, Any]) -> Entry:
    return Entry(row["id"] if "id" in row else row["article_id"], row["title"], row.get("url"), row.get("source"),
                 row.get("published"))


def group_by_story(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Articles sharing a story id together (oldest first inside); no story id: a story of its own.
    Stories newest first (by their newest article)."""
    groups: dict[Any, list[dict[str, Any]]] = {}
    for row in sorted(rows, key=lambda r: r["id"]):
        key = ("story", row["story_id"]) if row.get("story_id") is not None else ("article", row["id"])
        groups.setdefault(key, []).append(row)
    return sorted(groups.values(), key=lambda g: -max(r["id"] for r in g))


@dataclass
class Focus:
    """A who subscription's person: the entities that are him, and the sentences naming him per article.
    His sentences and quotes come first in the digest: the channel follows him, not the story."""

    entity_ids: list[int] = field(default_factory=list)
    sentences: dict[int, list[int]] = field(default_factory=dict)

    def lines(self, article_id: int) -> list[int]:
        return self.sentences.get(article_id, [])


def focus_of(db: sqlite_utils.Database, sub: dict[str, Any], ids: list[int]) -> Focus:
    if not sub.get("who"):
        return Focus()
    entity_ids = person_of(db, sub).entity_ids
    return Focus(entity_ids, store.sentences_naming(db, ids, entity_ids) if entity_ids and ids else {})


class Pool:
    """The figures a digest compares, indexed by article and by measure (outcome, unit, addition or total):
    each development looks only at its own figures and those of their measure."""

    def __init__(self, facts: list[dict[str, Any]]) -> None:
        self.by_article: dict[int, list[dict[str, Any]]] = {}
        self.by_measure: dict[tuple[str, str, bool], list[dict[str, Any]]] = {}
        for fact in facts:
            self.by_article.setdefault(fact["article_id"], []).append(fact)
            self.by_measure.setdefault(_measure_key(fact), []).append(fact)


def _measure_key(fact: dict[str, Any]) -> tuple[str, str, bool]:
    m = fact["measure"]
    return (m.outcome, m.unit, m.increment)


@dataclass
class Context:
    """What every development of one digest is built from, read once for the digest."""

    facts: dict[int, list[dict[str, Any]]]
    related: list[dict[str, Any]]
    desk: str | None
    focus: Focus
    pending: list[int]  # the digest's articles
    shown_before: set[tuple[float, str]]  # figures (value, unit) already posted or shown in this message
    pool: Pool  # figures of a known measure around the digest's days (store.figures_between)
    flagged: set[tuple[int, int, str]] = field(default_factory=set)  # pairs of articles already said to differ


def build_digest(db: sqlite_utils.Database, sub: dict[str, Any], article_ids: list[int], about: str,
                 desk_scope: str | None, detailed: int | None = None) -> Digest:
    """The digest of `article_ids`, one section a development (bot/subscriptions/developments.py), the newest
    story first and in it the newest development; only the first `detailed` sections (those a message will
    show) get their summary, figures, quotes, conflicts and earlier coverage, and stories are split only while
    those last; the rest are counted in "and N more"."""
    groups = group_by_story(store.digest_articles(db, article_ids))
    limit = detailed if detailed is not None else len(article_ids)
    vectors = vectors_of(db, [r["id"] for g in groups[:limit] if len(g) > 1 for r in g])
    stories_parts: list[list[list[dict[str, Any]]]] = []
    sections = 0
    for group in groups:  # split while the sections a message shows last; the rest are counted, not read
        stories_parts.append(split(group, vectors) if sections < limit else [group])
        sections += len(stories_parts[-1])
    plan = [d for parts in stories_parts for d in reversed(parts)]  # sections in the order they are shown
    detail = plan[:detailed] if detailed is not None else plan
    shown_ids = [r["id"] for d in detail for r in d]
    facts: dict[int, list[dict[str, Any]]] = {}
    for fact in store.article_facts(db, shown_ids, ("statistic", "quote"), desk_scope):
        facts.setdefault(fact["article_id"], []).append(fact)
    values = sorted({float(f["value"]) for fs in facts.values() for f in fs if f["value"] is not None})
    ctx = Context(facts, store.earlier_related(db, shown_ids, desk_scope, article_ids), desk_scope,
                  focus_of(db, sub, shown_ids), article_ids, store.delivered_figures(db, sub["id"], values),
                  Pool(_pool(db, [r for d in detail for r in d])))
    made = {id(d): _story(db, d, ctx) if n < len(detail) else
            Story(d[0].get("story_id"), [entry(r) for r in d], outlets=_outlets(d)) for n, d in enumerate(plan)}
    for parts in stories_parts:
        for before, after in zip(parts, parts[1:], strict=False):
            made[id(after)].follows = made[id(before)].articles[-1]  # the story's previous development here
    desk = get_desk(sub["desk"])
    return Digest(sub["id"], sub["channel"], sub["desk"], about, [made[id(d)] for d in plan],
                  language=desk.language if desk else DEFAULT)


def _outlets(group: list[dict[str, Any]]) -> list[str]:
    """The distinct outlets of the articles, newest first ("BBC, Guardian, Reuters": corroboration)."""
    return list(dict.fromkeys(r["source"] for r in sorted(group, key=lambda r: -r["id"]) if r.get("source")))


def _pool(db: sqlite_utils.Database, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Figures of a known measure published within WINDOW_DAYS of one of the digest's articles (none undated):
    the only ones `_differences` compares a development's figures with."""
    days = sorted({d for d in (_day(r.get("published")) for r in rows) if d})
    if not days:
        return []
    first, last = days[0] - timedelta(days=WINDOW_DAYS), days[-1] + timedelta(days=WINDOW_DAYS + 1)
    pool = []
    for fact in store.figures_between(db, first.isoformat(), last.isoformat(), lambda p: _near(_day(p), days)):
        said = str(fact["data"].get("text") or "")
        counted = f"{said} {fact['data'].get('measure') or ''}"  # the figure and what it counts
        fact["measure"] = None if of_each(fact["sentence"], said) else measure_of(
            fact["data"].get("unit"), around(fact["sentence"], said), fact["places"], added(fact["sentence"], said),
            counted)
        fact["day"] = _day(fact["published"])
        fact["outlet"] = str(fact.get("source") or fact.get("url") or "").strip().lower()
        if fact["measure"] is not None and fact["data"].get("value") is not None and fact["day"]:
            pool.append(fact)
    return pool


def _near(day: date | None, days: list[date]) -> bool:
    """Whether `day` is within WINDOW_DAYS of one of `days` (sorted)."""
    if day is None:
        return False
    at = bisect.bisect_left(days, day - timedelta(days=WINDOW_DAYS))
    return at < len(days) and days[at] <= day + timedelta(days=WINDOW_DAYS)


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat((published or "")[:10])
    except ValueError:
        return None


def _story(db: sqlite_utils.Database, group: list[dict[str, Any]], ctx: Context) -> Story:
    ids = {r["id"] for r in group}
    facts, related, desk, focus, pending = ctx.facts, ctx.related, ctx.desk, ctx.focus, ctx.pending
    story = Story(group[0].get("story_id"), [entry(r) for r in group], outlets=_outlets(group))
    story.summary = _summary(db, group, desk, focus)
    mine = [f for r in group for f in facts.get(r["id"], [])]
    language = {r["id"]: r.get("language") for r in group}  # an English article's figure says what happened
    shown = [f for f in mine if f["kind"] == "statistic" and says_what_it_counts(f["data"], language[f["article_id"]])]
    story.figures = worth_a_slot([_figure(f) for f in sorted(shown, key=_minor)], ctx.shown_before)[:MAX_FIGURES]
    # a quote whose speaker the article leaves unknown is no line an editor can post ("Unattributed: …")
    said = [f for f in mine if f["kind"] == "quote" and f["data"].get("quote") and f["data"].get("speaker")]
    his = set(focus.entity_ids)  # a who subscription's person speaks first
    said.sort(key=lambda f: (bool(his) and f.get("entity_id") not in his, f["data"].get("kind") == "paraphrase"))
    story.quotes = [_quote(f) for f in said][:MAX_QUOTES]
    story.conflicts = _conflicts(db, [_figure(f) for f in mine if f["kind"] == "statistic"], story.articles)
    story.conflicts += _differences(ids, ctx)[:MAX_CONFLICTS - len(story.conflicts)]
    earlier = [r for r in related if r["article_id"] in ids and r["score"] >= FOLLOWS_SCORE
               and story.story_id is not None and r["related_story"] == story.story_id]
    story.follows = entry({**earlier[0], "id": earlier[0]["related_id"]}) if earlier else None
    if story.follows is None and story.story_id is not None:  # the story's previous development, posted or not
        before = store.previous_in_story(db, story.story_id, min(ids), desk, pending)
        story.follows = entry(before) if before else None
    return story


def _summary(db: sqlite_utils.Database, group: list[dict[str, Any]], desk: str | None, focus: Focus) -> list[str]:
    """One or two lines of what is new: from the story's newest article that has some in the desk's part of
    it (a desk holding only a round-up's paragraph on Lima is not shown Caracas), never a line that
    repeats a headline or speaks to the reader (bot/subscriptions/lines.py); for a who subscription, the
    sentences naming its person, each article's first, newest article first, before any other."""
    titles = Headlines([r["title"] or "" for r in group])
    newest = sorted(group, key=lambda r: r["id"], reverse=True)
    named: list[str] = []
    for row in newest:
        texts = _before_replies(db, row["id"], focus.lines(row["id"]), desk) if focus.lines(row["id"]) else {}
        named += [t for _, t in sorted(texts.items()) if newsworthy(t, titles)][:1]
    if named:
        return named[:SUMMARY_SENTENCES]
    for row in newest:
        idxs = list(row["summary"])
        texts = _before_replies(db, row["id"], idxs, desk) if idxs else {}
        kept = [texts[i] for i in idxs if i in texts and newsworthy(texts[i], titles)][:SUMMARY_SENTENCES]
        if kept:
            return kept
    return []


def _before_replies(db: sqlite_utils.Database, article_id: int, idxs: list[int], desk: str | None) -> dict[int, str]:
    """The article's sentences at these positions that stand alone, as shown alone (a pronoun named, "that
    list …" never: bot/extract/standalone.py), and none after a call for readers' views: on a page that asks
    "What are your concerns?", what follows may be the readers' replies, never the article's news."""
    asked = replies_after(store.sentences_saying(db, article_id, max(idxs), "your"))  # every call says "your"
    wanted = store.sentences_of(db, article_id, idxs, desk)
    return {i: alone for i, (_, alone) in wanted.items() if alone and (asked is None or i < asked)}


def worth_a_slot(figures: list[Figure], shown_before: set[tuple[float, str]]) -> list[Figure]:
    """Each quantity once ("11 killed workers" and "11 workers" of two outlets are one figure), and none
    the subscription was already sent in an earlier article with the same value and unit: background
    repeated in every piece ("11 workers were killed" ran in 39 messages) is news once; a changed value is
    shown again. `shown_before` is filled by store.delivered_figures, shared by the digest's developments."""
    kept: list[Figure] = []
    for fig in figures:
        key = (float(fig.value), str(fig.unit or "").lower()) if fig.value is not None else None
        if key is not None and key in shown_before:
            continue
        if key is not None:
            shown_before.add(key)
        kept.append(fig)
    return kept


# Figures that count nothing a reader can name, by kind: (pattern over the figure as written, or over its
# measure, what it is). A figure must also have a measure, and not be an ordinal ("third").
NOT_COUNTS = (
    ("text", re.compile(r"^\S+-(year|month|week|day|hour|minute|decade|century)s?$", re.I),
     "a length of time describing a noun ('four-month high', 'four-decade grip')"),
    ("text", re.compile(r"^0\d"), "a code, not a quantity ('0370 numbers')"),
    ("measure", re.compile(r"\b(local time|GMT|BST|EST|UTC)\b|^time$", re.I), "a time of day"),
    ("measure", re.compile(r"^(?!.*[^\W\d_]{3})"), "no word of what is counted ('74 n')"),
)
BARE = {"people", "persons", "children", "men", "women", "cents", "pence", "dollars", "euros", "pounds", "$", "£",
        "€"}  # a count of these with nothing more said ("at least 27 people", "95 cents") says not what happened
# Nouns that say what happened, or what is measured, by their own meaning: "25 deaths", "40 arrests", "192,000
# jobs", "$30 billion in assets". Any other noun ("27 people", "150 bodies", "74 countries", "three rounds") is a
# figure only with what its sentence says happened to what it counts ("27 people killed", "bodies found").
MEASURE_NOUNS = frozenset("""death dead casualty fatality victim injury injured wounded case infection
    hospitalisation hospitalization admission arrest detention detainee refugee evacuee homeless missing murder
    homicide killing attack bombing shooting airstrike strike raid clash protest vote seat job layoff sale export
    import output production aid funding fund loan debt deficit budget spending investment donation compensation
    fine damages reserve asset revenue profit earnings loss wage salary tax amputation evacuation
    deportation execution abduction kidnapping disappearance seizure emission toll deal contract contribution
    prize cash turnover dividend bonus pension bill subsidy""".split())
# Words of a quantity that name it only with what they are of: "number of confirmed cases", "price of bread"
QUANTITY_OF = frozenset("number total amount share level rate tally count figure value".split())
PRICED = frozenset("price cost value".split())  # only with what is priced: "price of bread", never "Prices" alone
TIME_SPANS = frozenset("hour hrs minute day week month year decade century".split())
UNITS_OF_MEASURE = frozenset("barrel tonne ton kg kilogram gram litre liter gallon hectare acre km kilometre kilometer"
                             " mile metre meter ounce".split())
PER_UNIT = re.compile(r"\b(a|an|per)\s+[a-z]+$")  # "$108 a barrel": a price of one unit of something
CHANGED = re.compile(r"\((\w+)\)$")  # "Brent crude (fall)": a change with its direction


def says_what_it_counts(data: dict[str, Any], language: str | None = DEFAULT) -> bool:
    """A figure worth a digest's slot says what it counts: not a time, a code or a length of time describing a
    noun (NOT_COUNTS), and not a bare number of people or money whose measure adds nothing to the unit; in an
    English article, also what happened to what it counts or a measure of its own (`says_what_happened`)."""
    measure, unit = str(data.get("measure") or "").strip(), str(data.get("unit") or "").strip()
    if not measure or unit == "ordinal" or data.get("unit") == "time":
        return False
    fields = {"text": str(data.get("text") or ""), "measure": measure}
    if any(pattern.search(fields[field]) for field, pattern, _ in NOT_COUNTS):
        return False
    if unit.lower() in BARE and measure.lower() in (unit.lower(), ""):
        return False
    return (language or DEFAULT) != DEFAULT or says_what_happened(data)


def says_what_happened(data: dict[str, Any]) -> bool:
    """The label of a figure says what is counted, as an editor would post it: what happened to what it counts
    ("27 people killed": the event the parse found), a measure that carries its meaning ("25 deaths", "$30
    billion in assets", "number of confirmed cases", "price of bread", a rate's or a unit's named thing: "19,000
    barrels a day of oil"), or a change with its direction ("Brent crude (fall)"). Not a length of time
    describing a noun ("16-month revolt"), nor a noun with nothing said of it ("150 bodies", "70 percent of the
    population", "£20m — government")."""
    if data.get("event"):
        return True
    unit = str(data.get("unit") or "").lower()
    measure = str(data.get("measure") or "").strip()
    if _noun_form(unit.split()[0] if unit.split() else "") in TIME_SPANS:
        return False
    if CHANGED.search(measure) and not unit.isalpha():
        return True  # "$3 — Brent crude (fall)", "12% — homicides (increase)"
    if " by " in measure and unit in ("$", "£", "€"):
        return True  # "£20m — pledged by government": what the money was
    if " " in unit and measure.lower() != unit:
        return True  # "19,000 barrels a day — oil": a rate with what flows
    if _noun_form(unit) in UNITS_OF_MEASURE:
        return measure.lower() != unit  # "1.6 million barrels — oil"
    words = CHANGED.sub("", measure).strip().lower()
    if unit in ("$", "£", "€") and PER_UNIT.search(str(data.get("text") or "")):
        last = (words.split() or ["s"])[-1]
        return not last.endswith("s") or _measured_thing(words)  # a price of gold, not of "fears"
    return _measured_thing(words) or _noun_form(unit) in MEASURE_NOUNS


def _measured_thing(measure: str) -> bool:
    """Whether a measure's own words say what is measured (see says_what_happened)."""
    head, _, of = measure.partition(" of ")
    words = head.split()
    if not words:
        return False
    last = _noun_form(words[-1])
    if of and last in PRICED:
        return True
    if of and last in QUANTITY_OF:
        return _measured_thing(of)
    return any(_noun_form(w) in MEASURE_NOUNS for w in words)


KNOWN = MEASURE_NOUNS | TIME_SPANS | QUANTITY_OF | PRICED | UNITS_OF_MEASURE


def _noun_form(word: str) -> str:
    """A noun's singular as MEASURE_NOUNS lists it ("deaths" → "death", "losses" → "loss", "casualties" →
    "casualty"); a word that is not plural as it is."""
    word = word.lower()
    if word in KNOWN or len(word) < 4:
        return word
    for plural, singular in (("ies", "y"), ("sses", "ss"), ("es", ""), ("s", "")):
        if word.endswith(plural) and word[: len(word) - len(plural)] + singular in KNOWN:
            return word[: len(word) - len(plural)] + singular
    return word


def _minor(fact: dict[str, Any]) -> bool:
    """A small whole count of things ("two officials", "three times") says less than a total, a share or
    a sum; with room for three figures a digest shows those first (a stable sort keeps article order)."""
    value, unit = fact["data"].get("value"), str(fact["data"].get("unit") or "")
    if value is None or unit in ("%", "$", "€", "£") or unit.startswith("per "):
        return False
    return float(value) < 10 and float(value).is_integer()


def _figure(fact: dict[str, Any]) -> Figure:
    data = fact["data"]
    return Figure(fact["article_id"], str(data.get("text") or fact["text"]), str(data.get("measure") or ""),
                  data.get("period"), data.get("unit"), data.get("value"))


def _quote(fact: dict[str, Any]) -> Quote:
    data = fact["data"]
    return Quote(fact["article_id"], data.get("speaker"), str(data["quote"]), data.get("kind") == "paraphrase",
                 dict(data))


def _conflicts(db: sqlite_utils.Database, figures: list[Figure], articles: list[Entry]) -> list[Conflict]:
    """New figures that another stored article states differently for the same measure, unit and period."""
    by_id = {a.id: a for a in articles}
    found: list[Conflict] = []
    for fig in figures:
        if not (fig.period and fig.measure and fig.value is not None):
            continue
        old = store.disagreeing_figure(db, fig.period, " ".join(fig.measure.split()), fig.unit, float(fig.value),
                                       fig.article_id)
        if old:
            found.append(Conflict(fig.measure, fig.period, fig, by_id[fig.article_id], _figure(old),
                                  entry({**old, "id": old["article_id"]})))
        if len(found) >= MAX_CONFLICTS:
            break
    return found


def _differences(ids: set[int], ctx: Context) -> list[Conflict]:
    """The development's figures that another outlet (in this development or not) states differently for one
    measure of one thing within WINDOW_DAYS (two additions: the same day, since another day's "12 new cases"
    is that day's news, not a rise from "5 new cases"): the nearest such figure in time; "differ" on the same
    day, else "rose" or "fell" from the earlier to the later. Each pair of articles is said once a digest."""
    found: list[Conflict] = []
    for fig in (f for article_id in sorted(ids) for f in ctx.pool.by_article.get(article_id, [])):
        value = float(fig["data"]["value"])
        others = [o for o in ctx.pool.by_measure[_measure_key(fig)] if o["article_id"] != fig["article_id"]
                  and o["outlet"] != fig["outlet"] and same_thing(o["measure"], fig["measure"])
                  and abs(float(o["data"]["value"]) - value) > 1e-9
                  and abs((o["day"] - fig["day"]).days) <= (0 if fig["measure"].increment else WINDOW_DAYS)]
        for other in sorted(others, key=lambda o: abs((o["day"] - fig["day"]).days)):
            key = (min(fig["article_id"], other["article_id"]), max(fig["article_id"], other["article_id"]),
                   fig["measure"].outcome)
            if key in ctx.flagged:
                continue
            difference = _difference(fig, other)
            if not _explained(difference):
                continue
            ctx.flagged.add(key)
            found.append(difference)
            break
    return found


def _difference(fig: dict[str, Any], other: dict[str, Any]) -> Conflict:
    """The pair as a line's parts: the later one is `new`; the same day, `how` is "differ"."""
    early, late = sorted((other, fig), key=lambda f: (f["day"], f["article_id"]))
    apart = (late["day"] - early["day"]).days
    change = float(late["data"]["value"]) - float(early["data"]["value"])
    if early["measure"].certainty != late["measure"].certainty:
        how = "counts"  # a confirmed and a suspected count: two measures side by side, never a change
    else:
        how = "differ" if apart == 0 else ("rose" if change > 0 else "fell")
    measure = fig["measure"]
    label = OUTCOME_LABELS[measure.outcome] if measure.unit == "people" else f"{measure.unit} ({measure.outcome})"
    if early["measure"].certainty == late["measure"].certainty == "suspected":
        label = SUSPECTED_LABELS.get(measure.outcome, label)  # "suspected cases rose from 14 to 230"
    said = [around(f["sentence"], str(f["data"].get("text") or "")) for f in (early, late)]
    return Conflict(label, "", _fact_figure(late), entry({**late, "id": late["article_id"]}), _fact_figure(early),
                    entry({**early, "id": early["article_id"]}), how,
                    contrast(*(said if how != "differ" else said[::-1])))  # in the order the line names them


def _explained(conflict: Conflict) -> bool:
    """A confirmed and a suspected count are shown only when both sentences say which they are."""
    return conflict.how != "counts" or bool(conflict.contrast)


def _fact_figure(fact: dict[str, Any]) -> Figure:
    data = fact["data"]
    return Figure(fact["article_id"], str(data.get("text") or ""), str(data.get("measure") or ""), data.get("period"),
                  data.get("unit"), data.get("value"))
