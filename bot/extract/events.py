"""Dated events: explicit date expressions resolved to ISO dates against the publication date.

A timeline that puts an event in the wrong year misleads a reporter, so only expressions that name a
day, a month or a weekday are events ("October 10", "in May", "January 2024", "April next year",
"on Tuesday"), and a bare year only where it dates something ("elected in 2006", "storms in 2008",
"the 2004 tsunami", "the floods of 1998"), never a figure's period ("36% ... in 2024"); spans and
vague periods ("the opening weeks", "the years prior to 2022", "just five days") are not. A date
without a year takes the publication year, moved one year back when a past-tense sentence names a
later date (a March article saying "in November the government fell" means last November) and one
year on when a future-tense sentence names an earlier one; a date that ends a period running at
publication ("schools closed until 6 May") is the nearest such date, whatever the tense. Without a
publication date, only expressions that carry their own year are kept.

"This year", "last year", "next year" count from the year the article is about, which is the publication
year unless the headline names another: "2019 Homicide Rates …" published in March 2020 is a review of
2019, and its "this year" is 2019 (`_article_year`). When the headline names some other year the
article's year is unclear, and those expressions, like a month without a year in a review, are left off
the timeline: a missing line costs a reader less than a wrong date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from bot.extract.facts_common import sentence_index, text_of, tokens_in
from bot.extract.months import MONTH_NUMBERS
from bot.extract.types import ArticleContext, Event, Sentence

_MONTHS = MONTH_NUMBERS
_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_LEADING_WORD = re.compile(r"^(?i:in|on|since|until|till|by|during|from|through|to|before|after|of)[- ]+(?=[A-Z])")
_THAT_YEAR = re.compile(r",?\s+(?:of\s+)?(?:that|the same|the following|the previous)\s+year")
# a span or a list of years is no one event's year: "in 2008-2010", "in 2008 and 2010", "in 1860, 1770 and 1751"
_NOT_ONE_YEAR = r"\s*[-–]|\s+(?:and|to)\s+\d|\s*,\s*\d{4}\b"
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()

# Most specific first: a later pattern never re-reads chars an earlier one used.
_PATTERNS = [
    re.compile(rf"\b{_MON}\s+{_DAY}(?:\s*(?:and|-|–)\s*\d{{1,2}})?(?:,?\s+{_YEAR})?(?![\d,]*\d)"),
    re.compile(rf"\b{_DAY}\s+{_MON}(?:,?\s+{_YEAR})?\b"),
    re.compile(rf"\b(?:(?:early|mid|late)[- ])?{_MON}(?:,|\s+of)?\s+{_YEAR}\b"),
    re.compile(rf"\b{_MON}\s+(?P<rel>next|last|this)\s+year\b"),
    re.compile(rf"\b(?P<rel>next|last|this)\s+{_MON}"),
    re.compile(
        rf"\b(?i:in|on|since|until|till|by|during|from|through|to|before|after|early|late|mid|of)"
        rf"[- ]+(?:early |late |mid-)?{_MON}(?![\w-])"
    ),
    re.compile(
        r"\b(?P<rel>last|this|next|on|since|by|until|from)?\s*(?P<wd>Monday|Tuesday|Wednesday"
        r"|Thursday|Friday|Saturday|Sunday)\b"
    ),
    re.compile(r"\b(?P<rel>yesterday|tomorrow)\b", re.I),
    re.compile(r"\b(?P<shift>(?i:last|this|next))\s+(?P<unit>year|month)\b"),
    re.compile(rf"\bin\s+{_YEAR}\b(?!{_NOT_ONE_YEAR})"),
    re.compile(rf"(?<=\b[Tt]he )(?P<label>){_YEAR}\s+(?=[A-Za-z])"),  # "the 2004 tsunami"
    re.compile(rf"(?<=[a-z] of )(?P<label>){_YEAR}\b(?!{_NOT_ONE_YEAR})"),  # "the hurricanes of 2008"
]


def extract_events(doc: Doc, ctx: ArticleContext) -> list[Event]:
    """Every dated expression of the article's sentences, with its ISO date and sentence."""
    events: list[Event] = []
    seen: set[tuple[str, int]] = set()
    year = _article_year(ctx)
    for sent in ctx.sentences:
        if sent.kind == "heading":
            continue  # a subhead, caption or factbox line (one run into a sentence split off too) tells no event
        used: list[tuple[int, int]] = []
        text = text_of(doc)[sent.start : sent.end]
        for pattern in _PATTERNS:
            for m in pattern.finditer(text):
                if any(m.start() < b and a < m.end() for a, b in used):
                    continue
                span = tokens_in(doc, sent.start + m.start(), sent.start + m.end())
                iso = None if _names_a_thing(span) else _resolve(m, doc, sent.start, ctx.published, year)
                if iso is None:
                    if m.group().endswith("year"):  # "May next year" of an unclear year is not "in May"
                        used.append((m.start(), m.end()))
                    continue
                used.append((m.start(), m.end()))
                idx = sentence_index(ctx, sent.start + m.start())
                if (iso, idx) not in seen:
                    seen.add((iso, idx))
                    # ties between dates of one rank go to the one written first in the sentence
                    rank = _rank(span, tokens_in(doc, sent.start, sent.end).root)
                    if _precedent_recalled(span, m, ctx.published):
                        rank = 3
                    rank += 0.99 * m.start() / max(len(text), 1)
                    events.append(Event(iso, _LEADING_WORD.sub("", m.group().strip()), idx, rank))
        _event_year_before_report(doc, sent, text, events)
        _main_clause_now(doc, sent, events)
    return events


_NOW_WORDS = frozenset({"today", "now", "currently", "tonight", "recently"})


def _main_clause_now(doc: Doc, sent: Sentence, events: list[Event]) -> None:
    """ "Koussa fled to Britain last week and police want to question him over the 1988 Lockerbie bombing",
    "Countermeasures exist today which did not exist in 1918": the main clause says when its event is, in
    words a timeline cannot date ("today", "last week"), so a date deeper in the sentence is not its event
    and the sentence stays off the timeline. A report ("said today that the plant opened in 1995") keeps
    the date of what it reports."""
    span = tokens_in(doc, sent.start, sent.end)
    if not len(span):
        return
    root = span.root  # the project sentence may be a piece of the parser's (a caption split off)
    if root.lemma_.lower() in _REPORTING:
        return
    verbs = [root, *(c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
    if not any(_says_now(c) for v in verbs for c in v.children):
        return
    for n, e in enumerate(events):
        if e.sent == sent.idx and e.rank >= 1:
            events[n] = Event(e.date, e.text, e.sent, 3 + e.rank % 1)


def _says_now(tok: Token) -> bool:
    """A verb's own undated time: "today", "now", "last week", "this week"."""
    if tok.dep_ not in ("advmod", "npadvmod"):
        return False
    if tok.lower_ in _NOW_WORDS:
        return True
    return tok.lower_ == "week" and any(c.lower_ in ("last", "this") for c in tok.children)


_OPENING_YEAR = re.compile(rf"^In\s+{_YEAR},")


def _event_year_before_report(doc: Doc, sent: Sentence, text: str, events: list[Event]) -> None:
    """ "In 2015, two officials met …, El Faro reported in 2018": when a sentence's other dates are the one
    it was reported on or dates deeper in the sentence ("In 1976, a strain of swine flu … was thought to be
    related to the 1918 flu virus"), the year it opens with is its event's."""
    idx = sent.idx
    mine = [e for e in events if e.sent == idx]
    m = _OPENING_YEAR.match(text)
    if m and mine and all(e.rank >= 1 for e in mine) and all(e.date != m.group("year") for e in mine):
        events.append(Event(m.group("year"), m.group()[:-1], idx, 0.0))


_NAME_TYPES = frozenset({"ORG", "FAC", "PERSON", "NORP", "WORK_OF_ART", "PRODUCT", "LAW"})


def _names_a_thing(span) -> bool:
    """The date is part of a name, not a date: "the February 17 Martyrs' Brigade" (a militia), "the 6
    April Youth Movement", "the 17th February Coalition". Its words hang from a proper noun of a named
    organisation or the like, or, however the parser reads them, come after "the" and before a capitalised
    word that goes on the name ("the 2004 tsunami" and "the 17 February protests" are dates of a thing)."""
    if not len(span):
        return False
    root = span.root
    head = root.head
    if head.i != root.i and not span.start <= head.i < span.end and head.pos_ == "PROPN" \
            and head.ent_type_ in _NAME_TYPES and root.dep_ in ("nmod", "compound", "poss", "nummod", "amod"):
        return True
    doc = span.doc
    if span.end >= len(doc) or span.start == 0 or doc[span.start - 1].lower_ != "the":
        return False
    if not any(t.lower_.rstrip(".") in _MONTHS for t in span):
        return False  # a year dates its thing: "the 1968 Hong Kong flu"
    nxt = doc[span.end]
    return bool(span[-1].whitespace_) and nxt.is_title and nxt.is_alpha and nxt.ent_type_ != "NORP" \
        and nxt.lower_ not in _MONTHS and nxt.lower_ not in _WEEKDAYS


_REPORTING = frozenset("report say publish release tell announce reveal write reply state claim".split())
_DOCUMENTS = frozenset("report study survey article document investigation analysis paper census".split())


def _rank(span, root: Token) -> int:
    """How surely a date is the sentence's own event, for a timeline that shows each sentence once:
    0 the main clause's date ("dropped in 2019 after the launch of ... in February 2019"), 1 a date deeper
    in the sentence, 2 the date of a report of it ("In 2015, officials met ..., El Faro reported in
    2018"), 3 no date of this sentence's event at all: a document's ("according to a December 2019
    report") or one in a clause about something else (`_in_side_clause`). `root` is the main verb of the sentence
    as the project split it (a caption cut off the parser's sentence has its own)."""
    if not len(span):
        return 1
    tok, through_noun = span[-1], False
    for _ in range(8):
        head = tok.head
        if head.lemma_.lower() in _DOCUMENTS and head.pos_ == "NOUN":
            return 3
        if not span.start <= head.i < span.end and _in_passing(head, through_noun):
            return 3
        if head.pos_ in ("VERB", "AUX") and _counterfactual(head):
            return 3  # "By Saturday we'd have been of limited use": what did not happen dates nothing
        if head.pos_ in ("VERB", "AUX") and _in_side_clause(span, root):
            return 3  # also "an investigation published in November": a report of something else
        if head.lemma_.lower() in _REPORTING and head.pos_ == "VERB":
            return 2
        if head.pos_ in ("VERB", "AUX"):
            return 0 if head == root and not through_noun else 1
        if head.i == tok.i:
            return 1
        through_noun = through_noun or (head.pos_ in ("NOUN", "PROPN") and not span.start <= head.i < span.end)
        tok = head
    return 1


_RECALLING = frozenset("note recall add remember observe point cite mention".split())
_PRECEDENT_YEARS = 2  # a year this far before publication, told as what had happened, is background


def _precedent_recalled(span, m: re.Match[str], published: date | None) -> bool:
    """ "Osei said it was hard to say how long the mission would last, but noted that the UN operation in Chad
    in 2008, which was expected to take weeks, had lasted for months": a speaker recalls a precedent, a year
    in a past perfect ("had lasted") under a saying verb, to set beside the story's news; the line is about
    now, and a timeline that dates it 2008 shows a comparison as an event. A month or day ("said the rebels
    had seized the town on Monday") and a recent year are the story's own, and a simple past ("said the bridge
    was built in 1995") tells the thing reported."""
    groups = m.groupdict()
    if published is None or not groups.get("year") or groups.get("mon") or not len(span):
        return False
    if int(groups["year"] or 0) > published.year - _PRECEDENT_YEARS:
        return False
    verb = span[-1]
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.tag_ != "VBN" or not any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
        return False
    saying = verb.head
    for _ in range(4):
        if saying.lemma_.lower() in _SPEAKING | _RECALLING and saying.pos_ == "VERB":
            return True
        if saying.head.i == saying.i:
            break
        saying = saying.head
    return False


_COMPARISONS = frozenset({"than", "like", "unlike"})
_MODALS = frozenset({"would", "could", "might", "should", "'d"})


def _in_passing(tok: Token, through_noun: bool) -> bool:
    """`tok`, a word above the date, makes the date a thing's told in passing, not the sentence's event: a
    comparison ("worse than in 2005", "a flu like the 1918 one"), or a preposition that hangs a dated thing
    on a word other than a verb or noun ("ahead of the general election in May", "those from the 1918
    pandemic"). A dated thing hung on a verb ("hit by the 1918 virus", "set up after the 1979
    revolution") or a subject ("the 1918 pandemic struck") is the event's."""
    if tok.pos_ != "ADP":
        return False
    return tok.lower_ in _COMPARISONS or (through_noun and tok.head.pos_ in ("ADJ", "ADV", "PRON"))


def _counterfactual(verb: Token) -> bool:
    """ "would have arrived on Saturday", "we'd have been of use by Saturday": a modal with "have", what
    would have happened and did not."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(aux & _MODALS) and "have" in aux


_SIDE_CLAUSES = frozenset({"relcl", "acl", "appos"})
_BACKGROUND_MARKS = frozenset({"since", "before"})  # "until" dates the end of the main event itself
_BACKGROUND_PREPOSITIONS = frozenset({"after", "before", "since", "following"})
_SCHEDULED = frozenset("schedule set plan due slate expect date".split())  # "the letter dated Thursday"
_SPEAKING = frozenset("speak talk address write testify".split()) | _REPORTING


def _in_side_clause(span, root: Token) -> bool:
    """The date sits in a clause that tells about something else than the sentence's event, so it does not
    date it: a relative clause ("Deraa, where the unrest started in March"; "Aujali, who resigned in
    February, said"), a clause or participle describing a noun ("a civil war ignited in February"), an
    apposition ("Homs, one of the first cities to join the uprising last March"), a clause of what came
    before ("arrested since the protests began in March", "before the uprising began last year"; "until the
    election in April" is when the main event ends, and stays) or a participle of it ("After visiting Homs
    last week, ..."; not "Speaking on Sunday, Clooney said": that is the saying). A noun's schedule or date
    is its event ("a meeting scheduled for Friday", "in the letter dated Thursday, he said"). A subject of
    "be" tells its event in such a clause ("The question the experts sought to answer on March 5 was: …"),
    a date a participle's own complement holds may be the main event's, the parse's attachment a guess
    ("Police arrested four people accused of extorting drivers on Tuesday": the arrest), and a sentence
    whose main verb is a bare participle was misread ("Police wearing masks
    sealed off the hotel on Friday night, ordering …" hung on "ordering"): its clauses are not trusted."""
    tok = span.root
    if root.tag_ in ("VBG", "VBN") and not any(c.dep_ in ("aux", "auxpass") for c in root.children):
        return False
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    through_verb = False  # a verb between the date and the clause: the date is the nested verb's
    for _ in range(12):
        head = tok.head
        if head.i == tok.i:
            return False
        if not span.start <= tok.i < span.end or tok.dep_ == "appos":
            if _side_clause(tok) and not (root.lemma_ == "be" and head == subject) \
                    and not (tok.dep_ == "acl" and through_verb):
                return True
            through_verb = through_verb or tok.pos_ in ("VERB", "AUX")
        tok = head
    return False


def _side_clause(tok: Token) -> bool:
    """One step of `_in_side_clause`: `tok` heads a clause about something else than its head's event. Also
    a "since" phrase: "quiet since the 1973 war", "in office since independence in 1971", "rescued since the
    12 January earthquake" tell what a state has lasted from, not when the sentence's event was."""
    if tok.dep_ == "prep" and tok.lower_ == "since":
        return True
    if tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "mark" and c.lower_ == "whether" for c in tok.children):
        return True  # "raises questions about whether the government is keen to … in May": an open question
    if tok.dep_ == "dep" and tok.pos_ == "VERB" and not any(c.dep_.startswith("nsubj") for c in tok.children):
        return True  # "the flag of the king Gaddafi overthrew in 1969": a relative clause the parse left loose
    if tok.dep_ in _SIDE_CLAUSES:
        if tok.dep_ == "appos" and tok.head.ent_type_ == "DATE":
            return False  # "on Sunday, February 20": one date said twice
        return not _schedule_of_noun(tok)
    if tok.dep_ == "advcl":
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        participle = tok.tag_ in ("VBG", "VBN") and not marks and tok.lemma_.lower() not in _SPEAKING \
            and not any(c.dep_.startswith("nsubj") for c in tok.children)
        return bool(marks & _BACKGROUND_MARKS) or participle or _as_it_did(tok, marks)
    return tok.dep_ == "pcomp" and tok.head.lower_ in _BACKGROUND_PREPOSITIONS


_PRO_VERBS = frozenset({"do", "have", "be"})


def _as_it_did(verb: Token, marks: set[str]) -> bool:
    """ "The rebels attacking the town do not have local support as they did when they seized the port on
    August 12": a clause of "as" with a verb standing in for the main one ("did", "had", "were") compares
    the story's news with another time, and what it tells of that time is no event of the sentence."""
    objects = any(c.dep_ in ("dobj", "attr", "acomp", "xcomp") for c in verb.children)
    return "as" in marks and verb.lemma_.lower() in _PRO_VERBS and not objects


_HEADLINE_YEAR = re.compile(r"(?<![\d.,/-])(?:1[89]|20)\d\d(?![\d.,/-]*\d)")
_REVIEW_MONTHS = 6  # a review of last year appears in the first half of the next


def _article_year(ctx: ArticleContext) -> int | None:
    """The year the article is about, which "this year" means; None when the headline leaves it unclear.

    The publication year, unless the headline names another year. A headline naming only the year
    before publication, published in the first half of the year ("Capital Murder: 2019 Homicide Rates
    …", 5 March 2020), is a review of that year. Any other year in a headline ("Ten Years After the 2010
    Earthquake", "Ahead of 2021 Vote") may or may not be the article's period, so it is unclear."""
    if ctx.published is None:
        return None
    pub = ctx.published
    named = {int(y) for s in ctx.sentences if s.kind == "title" for y in _HEADLINE_YEAR.findall(s.text)}
    named.discard(pub.year)
    if not named:
        return pub.year
    if named == {pub.year - 1} and pub.month <= _REVIEW_MONTHS:
        return pub.year - 1
    return None


def _resolve(
    m: re.Match[str], doc: Doc, offset: int, published: date | None, year: int | None
) -> str | None:
    """The ISO date of one match, or None when it cannot be resolved or is not a date. `year` is the
    article's own year (`_article_year`); relative years count from it."""
    groups = m.groupdict()
    token = tokens_in(doc, offset + m.start(), offset + m.end())
    anchor = token[-1] if len(token) else None
    if groups.get("wd") or (groups.get("rel") or "").lower() in ("yesterday", "tomorrow"):
        return _relative_day(groups, anchor, published)
    if groups.get("unit"):
        return _this_period(groups, published, year)
    if groups.get("label") is not None:
        return _year_of_thing(doc, offset + m.start("year"), groups["year"])
    if groups.get("mon") is None:
        return _bare_year(doc, offset + m.start(), groups["year"])
    month = _month_no(groups["mon"])
    if groups["mon"] == "May" and not _may_is_month(m):
        return None
    if _THAT_YEAR.match(text_of(doc), offset + m.end()):
        return None  # "by June of that year": a year the text names elsewhere
    day = int(groups["day"]) if groups.get("day") else None
    if day is not None and not 1 <= day <= 31:
        return None
    if published is not None and not groups.get("year") and not groups.get("rel") and _ends_a_period(token):
        found: int | None = _nearest_year((month, day), published)
    else:
        found = _year(groups, m.group().endswith("year"), (month, day), anchor, published, year)
    if found is None:
        return None
    return f"{found:04d}-{month:02d}-{day:02d}" if day else f"{found:04d}-{month:02d}"


_PERIOD_ENDS = frozenset({"until", "till", "through"})


def _ends_a_period(span) -> bool:
    """ "closed until 6 May", "flights cancelled until May 5": the date ends something running when the
    article was written, whatever the tense of its verb."""
    if not len(span):
        return False
    before = span.doc[span.start - 1] if span.start > 0 else None
    return span[0].lower_ in _PERIOD_ENDS or (before is not None and before.lower_ in _PERIOD_ENDS)


def _nearest_year(when: tuple[int, int | None], published: date) -> int | None:
    """The year that puts a month (and day) nearest the publication date: "until May 5" in a 29 April
    article is six days on, not a year back; None for a day no such month has ("until April 31")."""
    month, day = when
    pub = date(published.year, published.month, published.day if day else 1)

    def gap(year: int) -> int:
        """Days between that year's date and publication; never for a day the month lacks that year."""
        try:
            return abs((date(year, month, day or 1) - pub).days)
        except ValueError:  # 29 February of a year without one, or 31 April of any
            return 1 << 30

    best = min((published.year - 1, published.year, published.year + 1), key=gap)
    return best if gap(best) < 1 << 30 else None


def _month_no(name: str) -> int:
    """Month number of a month name or abbreviation ("Sept." is 9)."""
    key = name.lower().rstrip(".")
    return 9 if key.startswith("sept") else _MONTHS[key[:3]]


def _may_is_month(m: re.Match[str]) -> bool:
    """ "May" is a month after a preposition or next to a day or year, not the modal verb."""
    groups = m.groupdict()
    return bool(groups.get("day") or groups.get("year") or groups.get("rel")) or not m.group().startswith("May")


def _year(
    groups: dict[str, str | None],
    rel_year: bool,
    when: tuple[int, int | None],
    anchor: Token | None,
    published: date | None,
    year: int | None,
) -> int | None:
    """The year of a day/month expression: written, relative to the article's year ("April next year",
    "this May") or to publication ("next April"), or inferred from tense. `year` is the article's own
    (`_article_year`)."""
    if groups.get("year"):
        return int(groups["year"] or 0)
    if published is None:
        return None
    rel = (groups.get("rel") or "").lower()
    if rel in ("next", "last"):
        if rel_year:
            return None if year is None else year + (1 if rel == "next" else -1)
        return _rel_month(rel, when[0], published)
    if rel == "this":
        return year
    found = _year_by_tense(when, anchor, published)
    # in a review of last year, "in March" of a March article may be either year's March
    return None if year is not None and year < published.year and found != year else found


def _year_by_tense(when: tuple[int, int | None], anchor: Token | None, published: date) -> int:
    """ "In November the government fell" in a March article is last November; "will take effect in
    January" in a March article is next January."""
    tense = _tense(anchor)
    if anchor is not None and tense == "future" and _infinitive_of_past(anchor):
        tense = "past"  # "a panel sought to answer on March 5 …": what was sought, not what will be
    month, day = when
    stated = (month, day or 1)
    pub = (published.month, published.day if day else 1)
    if tense == "past" and stated > pub:
        return published.year - 1
    if tense == "future" and stated < pub:
        return published.year + 1
    return published.year


def _infinitive_of_past(token: Token) -> bool:
    """The date hangs from a "to" infinitive of a past-tense verb ("sought to answer on March 5"), with no
    modal of its own ("said the vaccine will arrive in November" stays future)."""
    verb, through_noun = token, False
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX"):
            break
        if verb.head.i == verb.i:
            return False
        verb = verb.head
        through_noun = through_noun or (verb.pos_ == "NOUN")
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    # "sought to answer at a conference on March 5": the date is the conference's, a thing that happened;
    # "hoped to get the doses in August", "advised the school to shut until 7 June" look forward
    return through_noun and verb.tag_ == "VB" and "to" in aux and verb.dep_ == "xcomp" \
        and verb.head.tag_ == "VBD"  # "sought", not "are scheduled to run … in June"


def _rel_month(rel: str, month: int, published: date) -> int:
    """ "next April" / "last April": the first such month after / before publication."""
    if rel == "next":
        return published.year if month > published.month else published.year + 1
    return published.year if month < published.month else published.year - 1


def _tense(token: Token | None) -> str:
    """ "past", "future" or "" for the verb governing a date expression."""
    if token is None:
        return ""
    verb = token
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX") and not _schedule_of_noun(verb):
            tense = _verb_tense(verb)
            if tense or verb.tag_ not in ("VBG", "VB") or verb.dep_ == "ROOT":
                return tense  # a participle ("since moving ...") takes the tense of its clause
        if verb.head.i == verb.i:
            return ""
        verb = verb.head
    return ""


def _schedule_of_noun(verb: Token) -> bool:
    """ "talks scheduled for Monday", "a vote set for Sunday": the participle says when the noun is due, and
    has no tense of its own; the clause the noun is in has it ("will attend talks scheduled for Monday")."""
    return verb.dep_ == "acl" and verb.lemma_.lower() in _SCHEDULED and verb.tag_ in ("VBN", "JJ")


def _verb_tense(verb: Token) -> str:
    """ "past", "future" or "" from a verb's tag and auxiliaries."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if "'d" in aux and ("have" in aux or verb.tag_ == "VB"):
        aux.add("would")  # "we'd go", "we'd have been": would; "we'd gone": had
    if aux & {"will", "shall", "'ll", "could", "would", "may", "might", "should", "can", "must"}:
        return "future"  # "will be held", "could be administered"
    if "to" in aux and not aux & {"have", "has", "had"} and verb.tag_ == "VB":
        return "future"  # "are to meet on Thursday", "hoped to get the doses in August"
    if verb.lower_ in ("will", "shall"):
        return "future"
    if verb.tag_ in ("VBD", "VBN") or aux & {"was", "were", "had", "did", "has", "have", "'ve", "'d"}:
        return "past"
    return ""


def _this_period(groups: dict[str, str | None], published: date | None, year: int | None) -> str | None:
    """ "last year" → YYYY counted from the article's year (None when that is unclear), "this month" →
    YYYY-MM counted from the publication date."""
    if published is None:
        return None
    step = {"last": -1, "this": 0, "next": 1}[(groups.get("shift") or "").lower()]
    if groups.get("unit") == "year":
        return None if year is None else f"{year + step:04d}"
    month = published.year * 12 + published.month - 1 + step
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def _relative_day(groups: dict[str, str | None], anchor: Token | None, published: date | None) -> str | None:
    """Weekdays and yesterday/tomorrow, counted from the publication date."""
    if published is None:
        return None
    rel = (groups.get("rel") or "").lower()
    if rel == "yesterday":
        return (published - timedelta(days=1)).isoformat()
    if rel == "tomorrow":
        return (published + timedelta(days=1)).isoformat()
    target = _WEEKDAYS.index((groups.get("wd") or "").lower())
    delta = (target - published.weekday()) % 7
    future = rel == "next" or (rel != "last" and _tense(anchor) == "future")
    if future:
        return (published + timedelta(days=delta if rel != "next" else delta or 7)).isoformat()
    back = (published.weekday() - target) % 7
    if rel == "last" and back == 0:
        back = 7
    if rel in ("", "on") and back == 6 and _ongoing(anchor):
        return (published + timedelta(days=1)).isoformat()
    return (published - timedelta(days=back)).isoformat()


def _ongoing(anchor: Token | None) -> bool:
    """ "Rebels were converging on the town on Monday" in a wire story stamped Sunday evening: a progressive
    tells what is going on as the story is written, and the weekday after publication's is the day where it is
    filed (Sunday 7:37 pm in New York is Monday in Tripoli), not six days back, which a report of what was
    going on then would date ("last Monday", "on Aug. 22"); a finished action ("took the town on Monday")
    still counts back, and so does a progressive a "when" clause breaks into ("were gathering … on Monday when
    police fired"): a story told of a past day."""
    verb = anchor
    for _ in range(8):
        if verb is None or verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb is None or verb.tag_ != "VBG" or _broken_into(verb):
        return False
    return any(c.dep_ == "aux" and c.lemma_.lower() == "be" for c in verb.children)


def _broken_into(verb: Token) -> bool:
    """The progressive has a clause of "when" after it, the event that interrupted it ("… when police fired")."""
    return any(c.dep_ == "advcl" and c.i > verb.i and any(w.lower_ == "when" and w.dep_ in ("advmod", "mark")
                                                          for w in c.children) for c in verb.children)


def _bare_year(doc: Doc, char: int, year: str | None) -> str | None:
    """ "in 2004" attached to an event, not a figure's period ("36% ... in 2024" is not an event)."""
    if year is None:
        return None
    toks = tokens_in(doc, char, char + 2)
    if not len(toks):
        return None
    first = toks[0]
    year_tok = doc[first.i + 1] if first.i + 1 < len(doc) else first
    head = first.head
    if head.pos_ in ("VERB", "AUX"):  # "elected in 2006"
        return None if _figure_near(year_tok, after=0) else year
    if head.pos_ == "NOUN":  # "storms in 2008", but not "Sales in 2023 reached 5 billion"
        return None if _figure_near(year_tok) else year
    return None


def _year_of_thing(doc: Doc, char: int, year: str) -> str | None:
    """ "the 2004 tsunami", "the hurricanes of 2008": a thing the year dates. Not a count ("the 1900
    miners", "a crowd of 2000 protesters") nor a figure's period ("the 2024 budget of 5 billion")."""
    toks = tokens_in(doc, char, char + 4)
    if not len(toks) or _figure_near(toks[0]):
        return None
    tok = toks[0]
    counted = tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ in ("NOUN", "ADJ")  # "of 2000 protesters"
    if tok.dep_ == "pobj" and not counted:  # "the floods of 1998"
        head = tok.head.head
    elif tok.head.i > tok.i and tok.head.tag_ != "NNS":  # "the 2004 tsunami", not "the 1900 miners"
        head = tok.head
    else:
        return None
    return year if head.pos_ == "NOUN" else None


def _figure_near(tok: Token, before: int = 6, after: int = 6) -> bool:
    """A number or percentage other than `tok` within a few words of it in its sentence."""
    sent = tok.sent
    near = tok.doc[max(sent.start, tok.i - before) : min(sent.end, tok.i + after + 1)]
    return any((t.like_num or t.text == "%") and t.i != tok.i for t in near)
