"""Statistics: the figures an article states, with their unit, what they count, period and qualifier.

A reporter quoting "90,000 hectares" needs to know it was "just under" and in 2024, so each figure
keeps its qualifier and the year it refers to. Only counts and measures are figures: years, dates,
times, ages, list numbering and numbers inside names ("Apollo 11", "G7") are not. One pass over the
tokens of the article's body sentences, using the parse already made; no extra model runs.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from bot.extract.facts_common import is_boilerplate, sentence_index, text_of
from bot.extract.months import MONTH_NUMBERS
from bot.extract.types import ArticleContext, Statistic

_SMALL = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {w: (i + 2) * 10 for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "dozen": 12,
}
# "£13.5bn", "$2 m": a scale written short, after a currency (a bare "2m" may be metres; "bn" is never)
_SCALE_ABBREVIATIONS = {"bn": 1_000_000_000, "tn": 1_000_000_000_000, "m": 1_000_000, "k": 1_000}
_SUFFIXED = re.compile(r"^(\d{1,3}(?:,\d{3})*(?:\.\d+)?)(bn|tn|m|k)$", re.I)
# "a quarter of a million", "three-quarters of a million", "half a million": a share of a scale
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "quarters": 0.25, "third": 1 / 3, "thirds": 1 / 3}
_ORDINALS = {
    w: i + 2
    for i, w in enumerate(
        "second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
    )
}
_OPENERS = frozenset({"a", "an", "one", "half"} | set(_SMALL) | set(_TENS) | set(_ORDINALS))  # a figure's first word
_ORDINAL_DIGITS = re.compile(r"^(\d+)(st|nd|rd|th)$")
_NUMERIC = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")
_QUALIFIERS = sorted(
    """more than|less than|fewer than|just under|just over|nearly|almost|about|around|approximately
    |at least|up to|as many as|as much as|at most|over|under|some|roughly|an estimated|close to|
    more than a|upwards of""".replace("\n", "").split("|"),
    key=len,
    reverse=True,
)
_QUALIFIERS = [q.strip() for q in _QUALIFIERS if q.strip()]
_PERCENT = {"%", "percent", "per cent", "pct"}
_CURRENCY = {"$": "$", "£": "£", "€": "€", "US$": "$"}
_TIME_UNITS = {"day", "week", "month", "year", "hour", "minute", "decade", "century"}
_MONEY_UNITS = {"dollar", "euro", "pound", "sol", "peso"}  # money written out: "2,500 soles", "six million dollars"
_CHANGE_NOUNS = {
    "increase",
    "rise",
    "decrease",
    "drop",
    "fall",
    "decline",
    "growth",
    "jump",
    "reduction",
    "surge",
    "cut",
    "gain",
    "loss",
    "spike",
    "hike",
}
_CHANGE_VERBS = frozenset(
    """rise fall drop increase decrease grow decline jump climb slip gain lose surge plunge tumble soar slump
    sink shrink fell rose reduce cut raise lower double triple halve""".split()
)
_CLOCK = frozenset("a.m. p.m. am pm gmt bst est edt utc cet hrs".split())  # "1000 EST", "1900 hrs": times of day
_MONTHS = frozenset(MONTH_NUMBERS)  # "23 Dec 2011 - 44 people": the 23 is a day
_MEASURE_UNITS = {
    "hectare",
    "kilometre",
    "kilometer",
    "km",
    "mile",
    "tonne",
    "ton",
    "kg",
    "kilogram",
    "metre",
    "meter",
    "acre",
    "litre",
    "liter",
    "barrel",
    "dollar",
    "euro",
    "pound",
    "sol",
    "peso",
    "gram",
} | _TIME_UNITS


def extract_statistics(doc: Doc, ctx: ArticleContext) -> list[Statistic]:
    """Every figure of the body sentences, in text order.

    Not figures: numbers inside quotation marks (a speaker's rhetoric, "guys with two machine guns"), the
    sentences of a correction note, a rate's base ("8 per 100,000 inhabitants": the base joins the rate's
    unit). A range ("between 18,000 and 20,000 pesos", "three or four million") is one figure that keeps
    both ends: its value is the upper end, its text and `low` the rest.
    """
    body = [(s.start, s.end) for s in ctx.sentences if s.kind == "body" and not is_boilerplate(s.text)]
    stats: list[Statistic] = []
    ends: list[int] = []  # each figure's last number token
    i = 0
    while i < len(doc):
        tok = doc[i]
        if not _may_start_number(tok) or not _starts_number(tok) or not any(a <= tok.idx < b for a, b in body) \
                or _in_quotes(tok):
            i += 1
            continue
        run = _number_run(doc, i)
        upper = _range_end(doc, run)
        if upper is not None:
            low = _value(run)
            stat = _statistic(doc, upper, ctx)
            if stat is not None and low is not None and not low[1]:
                scale = 1.0
                last = upper[-1].lower_
                if last in _SCALES and run[-1].lower_ not in _SCALES and low[0] * _SCALES[last] <= stat.value:
                    scale = _SCALES[last]  # "three or four million": three million; not "200,000 and half a million"
                stat.low = low[0] * scale
                stat.text = doc[_start_of(doc, stat, run) : _end_of(doc, stat, upper) + 1].text
                if _after_between(doc, run):
                    stat.text = "between " + stat.text
        else:
            stat = _statistic(doc, run, ctx)
        if stat is not None and _converted(doc, run, stat, ends):
            stat = None  # "70km (45 miles)", "$17bn (£10.7 bn)": the same figure in other units
        if stat is not None:
            _share_range_measure(stats, stat, doc)
            stats.append(stat)
            ends.append((upper or run)[-1].i)
        i = (upper or run)[-1].i + 1
    return stats


def _converted(doc: Doc, run: list[Token], stat: Statistic, ends: list[int]) -> bool:
    """An amount of money or a measure that opens a bracket right after the previous figure and its unit:
    a conversion of it ("70km (45 miles)"), not a part of it ("12 people (five women)")."""
    if stat.unit not in _CURRENCY.values() and not _is_unit(doc, run[-1].i + 1):
        return False
    i = run[0].i - 1
    if i >= 0 and doc[i].text in _CURRENCY:
        i -= 1
    if i < 0 or doc[i].text != "(" or not ends:
        return False
    between = doc[ends[-1] + 1 : i]
    return len(between) <= 3 and not any(t.is_punct or t.like_num for t in between)


def _in_quotes(tok: Token) -> bool:
    """True inside quotation marks of its sentence: a figure of speech, not a stated figure."""
    before = tok.doc[tok.sent.start : tok.i].text
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _range_end(doc: Doc, run: list[Token]) -> list[Token] | None:
    """The upper end's number run of "X or Y", "X to Y", "between X and Y", "X-Y"; None if not a range."""
    j = run[-1].i + 1
    if j < len(doc) and doc[j].text in _PERCENT:
        j += 1  # "between 3% and 6%": the unit written at both ends
    if j + 1 >= len(doc):
        return None
    link = doc[j].lower_
    between = _after_between(doc, run)
    if link in ("or", "to", "-", "–") or (link == "and" and between):
        k = j + 2 if doc[j + 1].text in _CURRENCY and j + 2 < len(doc) else j + 1  # "£10bn or £11bn"
        if _starts_number(doc[k]) and not _value(run)[1]:
            upper = _number_run(doc, k)
            # "3,838 - 2,493 civilians", "2011 - 44 people": two numbers, no range
            return upper if _value(upper)[0] >= _value(run)[0] else None
    return None


def _after_between(doc: Doc, run: list[Token]) -> bool:
    """The number follows "between", with or without its currency: "between 18,000 and", "between $5 and"."""
    i = run[0].i - 1
    if i >= 0 and doc[i].text in _CURRENCY:
        i -= 1
    return i >= 0 and doc[i].lower_ == "between"


def _start_of(doc: Doc, stat: Statistic, run: list[Token]) -> int:
    return run[0].i - (1 if stat.unit in _CURRENCY.values() and doc[run[0].i - 1].text in _CURRENCY else 0)


def _end_of(doc: Doc, stat: Statistic, run: list[Token]) -> int:
    """The last token of the figure's text as `_statistic` wrote it."""
    words = stat.text.split()
    end = run[-1].i
    while end + 1 < len(doc) and doc[run[0].i : end + 1].text.split()[-1:] != words[-1:]:
        end += 1
        if end - run[-1].i > 6:
            return run[-1].i
    return end


_RATE = ("per", "every")
_TIME_SPANS = {"days", "weeks", "months", "years", "hours", "minutes", "decades", "centuries", "day", "week",
               "month", "year", "hour", "minute", "decade", "century"}
_REFERENCE = {"the", "these", "those", "both", "its", "their", "his", "her", "our"}


def _rate_base(doc: Doc, last: Token) -> tuple[str, int] | None:
    """ "8 per 100,000 inhabitants", "8 out of every 100,000": the rate's unit with its base, and its last token."""
    for i in range(last.i + 1, min(last.i + 6, last.sent.end - 1)):
        if doc[i].lower_ in _RATE and _starts_number(doc[i + 1]):
            base = _number_run(doc, i + 1)
            end = base[-1].i
            if end + 1 < len(doc) and doc[end + 1].pos_ == "NOUN":
                end += 1
            return "per " + doc[base[0].i : end + 1].text, end
        if doc[i].like_num or doc[i].is_punct:
            return None
    return None


def _per_unit(doc: Doc, end: int, unit: str) -> tuple[str, int] | None:
    """ "a day", "per barrel" right after a figure, and its last token: "per" and a noun, "a/an/each/every"
    and a unit of time, or "a/an" and a noun after a money amount ("$100 a barrel"). Not "gave five people a
    chance": the noun after "a" must be a time, or the figure money."""
    if end + 2 >= len(doc) or doc[end + 2].pos_ != "NOUN" or doc[end + 2].tag_ != "NN":
        return None
    word, noun = doc[end + 1].lower_, doc[end + 2]
    timed = noun.lemma_.lower() in _TIME_UNITS
    if word == "per" or (word in ("a", "an", "each", "every") and timed) or (word in ("a", "an")
                                                                           and unit in _CURRENCY.values()):
        return f"{word} {noun.text}", noun.i
    return None


def _rate_measure(doc: Doc, first: Token) -> str:
    """What a rate measures: the nearest "... rate" before it in the sentence ("homicide rate")."""
    for i in range(first.i - 1, first.sent.start - 1, -1):
        if doc[i].lemma_.lower() == "rate":
            return _phrase(doc[i])
    return "rate"


def _text_start(doc: Doc, stat: Statistic, last: Token) -> int:
    """The first token of a figure's text (it ends at or after `last`)."""
    first = stat.text.split()[0]
    i = last.i
    while i > 0 and doc[i].text != first:
        i -= 1
    return i


def _share_range_measure(stats: list[Statistic], stat: Statistic, doc: Doc) -> None:
    """ "from 95,000 hectares ... to 90,000 hectares": the second figure measures the same thing."""
    if not stats:
        return
    prev = stats[-1]
    if prev.sent == stat.sent and prev.unit == stat.unit and prev.measure and " to " in _between(doc, prev, stat):
        stat.measure = prev.measure


def _between(doc: Doc, first: Statistic, second: Statistic) -> str:
    """The text between two statistics of one sentence."""
    start = text_of(doc).find(first.text)
    end = text_of(doc).find(second.text, start + 1)
    return text_of(doc)[start + len(first.text) : end] if 0 <= start < end else ""


def _may_start_number(tok: Token) -> bool:
    """What every token `_starts_number` accepts has: a leading digit or a number word of its own (most tokens
    have neither, and this costs one look, where `_starts_number` looks ahead several tokens)."""
    return tok.text[:1].isdigit() or tok.lower_ in _OPENERS


def _starts_number(tok: Token) -> bool:
    """A token that may open a figure: digits, a spelled number, an ordinal, "a hundred", "a quarter of a
    million", "half a million", "£13.5bn"."""
    low = tok.lower_
    if _fraction_end(tok.doc, tok.i) is not None:
        return True
    if low in ("a", "an") and tok.i + 1 < len(tok.doc):
        return tok.doc[tok.i + 1].lower_ in _SCALES
    if _SUFFIXED.match(tok.text):
        suffix = _SUFFIXED.match(tok.text).group(2).lower()
        return suffix in ("bn", "tn") or (tok.i > 0 and tok.doc[tok.i - 1].text in _CURRENCY)
    return (
        bool(_NUMERIC.match(tok.text))
        or low in _SMALL
        or low in _TENS
        or low in _ORDINALS
        or bool(_ORDINAL_DIGITS.match(low))
    )


def _fraction_end(doc: Doc, i: int) -> int | None:
    """The last token of "[a|one|three] [-] quarter(s)|half|third(s) [of] [a|an] million" from token i, or
    None: a share of a scale is one number ("three-quarters of a million" is 750,000, not "a million")."""
    j = i
    if doc[j].lower_ in ("a", "an", "one") or doc[j].lower_ in _SMALL:
        j += 1
        if j < len(doc) and doc[j].text == "-":
            j += 1
    elif doc[j].lower_ != "half":
        return None
    if j >= len(doc) or doc[j].lower_ not in _FRACTIONS:
        return None
    j += 1
    if j < len(doc) and doc[j].lower_ == "of":
        j += 1
    if j < len(doc) and doc[j].lower_ in ("a", "an"):
        j += 1
    return j if j < len(doc) and doc[j].lower_ in _SCALES and _SCALES[doc[j].lower_] >= 1000 else None


def _number_run(doc: Doc, i: int) -> list[Token]:
    """The tokens of one number: "a hundred", "1.5 million", "twenty - five", "two hundred and ten",
    "a quarter of a million", "£2 m"."""
    end = _fraction_end(doc, i)
    if end is not None:
        return list(doc[i : end + 1])
    run = [doc[i]]
    j = i + 1
    if j < len(doc) and _short_scale(doc, i, j):
        return [doc[i], doc[j]]  # "£2m", "$1.5 bn", "20m people" as the tokenizer splits them
    while j < len(doc):
        low = doc[j].lower_
        if low in _SCALES or low in _SMALL or low in _TENS:
            run.append(doc[j])
        elif (
            low in ("-", "and")
            and j + 1 < len(doc)
            and (doc[j + 1].lower_ in _SMALL or doc[j + 1].lower_ in _TENS)
            and run[-1].lower_ in (*_TENS, *_SCALES)
        ):
            run.append(doc[j])
        else:
            break
        j += 1
    return run


def _short_scale(doc: Doc, i: int, j: int) -> bool:
    """Token j is a scale written short after the number at i: "bn" or "tn" always ("$1.5 bn"); "m" or "k"
    after a currency, written on or spaced ("£2m", "$5.5 m"), or written on before a plural noun ("20m
    people"; "a 20m wall" is metres)."""
    low = doc[j].lower_.rstrip(".")  # "$82m." closing a sentence
    if low not in _SCALE_ABBREVIATIONS or not _NUMERIC.match(doc[i].text):
        return False
    if low in ("bn", "tn"):
        return True
    money = i > 0 and doc[i - 1].text in _CURRENCY
    if doc[j].lower_ != low and not money:
        return False  # "20 m." is metres
    if doc[i].whitespace_:
        return money  # "$5.5 m", "£27.5 m": after money a spaced "m" is millions, never metres
    return money or (j + 1 < len(doc) and doc[j + 1].tag_ in ("NNS", "NNPS"))


def _value(run: list[Token]) -> tuple[float, bool] | None:
    """The number a run spells, and whether it is an ordinal."""
    first = run[0].lower_
    if first in _ORDINALS:
        return float(_ORDINALS[first]), True
    match = _ORDINAL_DIGITS.match(first)
    if match:
        return float(match.group(1)), True
    if any(t.lower_ in _FRACTIONS for t in run):
        count = _value(run[:1])[0] if _SMALL.get(first) or _NUMERIC.match(run[0].text) else 1.0
        share = next(_FRACTIONS[t.lower_] for t in run if t.lower_ in _FRACTIONS)
        return count * share * _SCALES[run[-1].lower_], False
    total, current = 0.0, 0.0
    for tok in run:
        low = tok.lower_
        suffixed = _SUFFIXED.match(tok.text)
        if suffixed:
            current += float(suffixed.group(1).replace(",", "")) * _SCALE_ABBREVIATIONS[suffixed.group(2).lower()]
        elif low.rstrip(".") in _SCALE_ABBREVIATIONS and current:
            current *= _SCALE_ABBREVIATIONS[low.rstrip(".")]
        elif low in ("a", "an"):
            current = 1
        elif _NUMERIC.match(tok.text):
            current += float(tok.text.replace(",", ""))
        elif low in _SMALL:
            current += _SMALL[low]
        elif low in _TENS:
            current += _TENS[low]
        elif low in _SCALES:
            current = max(current, 1) * _SCALES[low]
            if _SCALES[low] >= 1000:
                total, current = total + current, 0.0
    return total + current, False


def _statistic(doc: Doc, run: list[Token], ctx: ArticleContext) -> Statistic | None:
    """The statistic of one number run, or None when the number is a year, date, age, name or list."""
    if _not_a_figure(doc, run) or _aimed_at(run[-1]) or _in_comparison(run[-1]):
        return None
    parsed = _value(run)
    if parsed is None:
        return None
    value, ordinal = parsed
    last = run[-1]
    unit, unit_tok, end = _unit(doc, run)
    if ordinal:
        since = _counted_noun(last)
        if since is None or _prep_object(since, ("since",)) is None:
            return None  # "second-tier leaders", "the third attack": a rank, not a figure
        unit = "ordinal"
    qualifier, start = _qualifier(doc, run[0])
    anchor = unit_tok if unit_tok is not None and unit_tok.dep_ == "pobj" else last
    change = _from_to(anchor)
    if change is not None and anchor.head.lower_ == "from":
        return None  # "rose to 260 from 26": 26 is the base of the change, said with 260, not a figure of its own
    rate = _rate_base(doc, last) if unit in ("", "%") or unit_tok is not None else None
    if rate is not None:
        unit, end = rate
        return Statistic(value, unit, _rate_measure(doc, run[0]), _period(doc, end), qualifier,
                         doc[start : end + 1].text, sentence_index(ctx, run[0].idx))
    if unit in _CURRENCY.values() and start == run[0].i:
        start -= 1  # "$2.5 billion"
    noun = unit_tok if unit_tok is not None else _counted_noun(last)
    if noun is not None and noun.lower_ == "worth" and unit in _CURRENCY.values():
        noun = None  # "$2 billion worth of arms contracts": the contracts are what the sum measures
    if noun is None and last.i + 1 < len(doc) and doc[last.i + 1].lower_ == "of":
        noun = _prep_object(last, ("of",))  # "three of his sons": the sons are counted
        if noun is not None and noun.pos_ == "PRON":
            return None  # "nine of whom", "two of them": counts the words before, not a figure of its own
    measure = _measure(noun, unit) if noun is not None else ""
    if unit == "%" and noun is not None and measure:
        measure = _share_of(noun, measure)
    if noun is None and last.dep_ in ("nsubj", "nsubjpass") and last.head.pos_ in ("VERB", "AUX"):
        complement = _complement(last.head)
        if complement is not None:
            measure = _measure(complement, "")  # "16 were classified as attempted murders"
        else:
            measure = _partitive(doc, last)  # "Of the 42 airstrips …, 29 were in the north"
        if complement is None and last.head.pos_ == "VERB" and 0 < last.head.i - last.i <= 3:
            end = last.head.i  # "nearly 300 were detained": the verb reads with the figure, not as its label
            return Statistic(value, unit, measure, _period(doc, end), qualifier, doc[start : end + 1].text,
                             sentence_index(ctx, run[0].idx))
    if unit == "" and noun is not None and noun.lemma_.lower() not in _MEASURE_UNITS:
        unit = noun.text.lower()
    if unit == "" and not measure and noun is None:
        measure = _total_of(last)  # "the death toll rose to 44"
    if unit == "" and not measure:
        return None  # a bare number with nothing counted: "one of them", "the 13 of"
    if unit in _TIME_SPANS and not (end > last.i and doc[last.i + 1].text == "-"):
        return None  # "for over twenty years", "three months after": a span of time, not a figure
    if ordinal and noun is not None:
        since = _prep_object(noun, ("since",))
        measure = f"{measure} since {since.text}" if since is not None else measure
    if noun is not None and noun.lower_ == "times":
        return None  # "shot at least six times": how often, not how many of something
    if unit_tok is None and noun is not None and 0 < noun.i - last.i <= 4:
        end = noun.i  # "five prison officials", not just "five"
    elif unit_tok is not None and _modified_by_unit(unit_tok) is not None:
        end = _noun_end(_modified_by_unit(unit_tok), unit_tok.i + 3)  # "the five-ton shipment", not "five-ton"
    base = _per_unit(doc, end, unit)
    of = _prep_object(unit_tok, ("of",)) if unit_tok is not None and base is None else None
    if of is not None and of.i - end <= 3:  # "1.6 million barrels of oil a day": the base after what is measured
        base = _per_unit(doc, of.i, unit)
    if base is not None:  # "19,000 barrels a day", "$100 per barrel": a rate keeps its base
        words, end = base
        unit = unit if unit in _CURRENCY.values() else f"{unit} {words}"
    if unit in _CURRENCY.values() and not measure:
        measure = _money_measure(doc, last, end)
    if not measure and (unit in _SAYS_NOTHING or (unit_tok is not None and unit_tok.lemma_.lower() in _SAYS_NOTHING)):
        return None  # "around 77 percent ends up in Brazil", "$3 billion", "sold at 350 pesos", "rode five miles"
    after = doc[end + 1].lower_ if end + 1 < len(doc) else ""
    if unit in _TIME_SPANS and (not measure or set(measure.lower().split()) & _RECORDS or after in _RECORDS):
        return None  # "a four-month high": the highest in four months, a record's span, not a quantity
    counts = noun is not None and unit_tok is None and unit not in (*_CURRENCY.values(), "%") \
        and not any(c in doc[start : last.i + 1].text for c in _CURRENCY)  # "£6m contribution": a sum, not a count
    event = _event_of(noun) if counts else ""
    if event and not set(event.split()) & set(measure.lower().split()):
        measure = f"{measure} {event}"  # "people killed": the label says what happened to what is counted
    added = " ".join([*(t.lower_ for t in noun.lefts), measure]) if counts else ""
    total = _total_after(last) if counts and _INCREMENT.search(added) else None
    if total is not None:
        measure = f"{measure} (total {total})"  # "nine new cases, bringing the total to 27": the base it adds to
        if start > 0 and doc[start - 1].lower_ == "another":
            start -= 1  # "Another nine cases": the figure reads as the addition it is
    previous = None
    if change is not None:  # "rose to 260 from 26": the figure with its base and direction
        start, end = min(start, change[0]), max(end, change[1])
        previous = _base_value(change[2])
    text = doc[start : end + 1].text
    period = _period(doc, end)
    return Statistic(value, unit, measure, period, qualifier, text, sentence_index(ctx, run[0].idx), event=event,
                     previous=previous, direction=_direction(previous, value))


_RECORDS = frozenset("high highs low lows record records peak".split())
# Verbs of an aim: what follows is what someone meant to reach, not what happened ("was aiming to make £500")
_AIMS = frozenset("aim hope plan seek want intend try strive target wish".split())
_GOALS = frozenset("aim target goal ambition objective hope".split())  # "a target of 500 homes"
# Words that set what follows beside the story's own news: "in contrast to the 2010 quake, where …"
_COMPARING = frozenset("contrast compare comparison unlike like than".split())


def _aimed_at(last: Token) -> bool:
    """ "was aiming to make £500 in sponsorship", "hopes to build 2,000 homes", "a target of 500 arrests": the
    figure is an aim, not an outcome; a reporter reading the figure alone takes it for what was raised or built.
    What the aim acts on and the text tells of in its own words stays ("hoped to reach 30 miners trapped
    below")."""
    counted = last.head if last.dep_ == "nummod" else last
    if any(c.dep_ in ("acl", "relcl") for c in counted.children):
        return False
    tok = last
    for _ in range(6):
        head = tok.head
        if head.i == tok.i:
            return False
        if head.lower_ == "of" and head.head.lemma_.lower() in _GOALS:
            return True
        if head.pos_ in ("VERB", "AUX"):
            return head.dep_ == "xcomp" and _aims(head.head)
        tok = head
    return False


def _aims(verb: Token) -> bool:
    """A verb of aim by its lemma or, where the lemmatizer missed ("hoping" read as "hop"), by its form less its
    ending."""
    word = verb.lower_
    stem = word[:-3] if word.endswith("ing") else word[:-2] if word.endswith("ed") else word.rstrip("s")
    return bool({verb.lemma_.lower(), stem, stem + "e"} & _AIMS)


def _in_comparison(last: Token) -> bool:
    """The figure is told inside a phrase set beside the story's news: "in stark contrast to the 2010 quake,
    where fewer than 600 people died", "unlike the floods of 2008, which killed 40", "compared with the 120
    deaths of last year". It is another event's number, not this story's ("In contrast to last year, 600
    died" keeps its figure: the comparison is not above it)."""
    tok = last
    for _ in range(12):
        head = tok.head
        if head.i == tok.i:
            return False
        if head.lemma_.lower() in _COMPARING and head.i < last.i and tok.dep_ != "quantmod" \
                and (head.lower_ not in ("like", "than") or head.pos_ in ("ADP", "SCONJ")) \
                and not (head.lower_ == "than" and head.head.like_num):
            return True
        tok = head
    return False


def _share_of(noun: Token, base: str) -> str:
    """ "nearly 80% of those hospitalised have been under 50": a share says what it is of and what it counts,
    "under 50, of those hospitalised"; the base alone reads as the figure of those hospitalised. A share with
    no clause saying what it counts keeps its base ("70% of the population")."""
    share = noun
    while share.dep_ in ("pobj", "prep") and share.head.i != share.i and share.head.i < share.i:
        share = share.head
    of = _prep_object(share, ("of",))
    verb = share.head
    if of is None or share.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX") \
            or verb.lemma_.lower() in _SAYING or verb.lemma_.lower() in _CHANGE_VERBS:
        return base
    said = [c for c in verb.children if c.dep_ in ("acomp", "attr", "prep", "dobj", "advmod", "oprd", "agent", "xcomp")
            and c.i > verb.i]
    if verb.lemma_.lower() == "be" and not said:
        return base
    words = [] if verb.lemma_.lower() in ("be", "have") else \
        [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i)]
    pieces = sorted(words + said, key=lambda t: t.i)
    if not pieces:
        return base
    first = pieces[0] if pieces[0] in words else pieces[0].left_edge
    last = pieces[-1] if pieces[-1] in words else pieces[-1].right_edge
    predicate = noun.doc[first.i : last.i + 1]
    if len(predicate) > 8:
        return base
    return f"{predicate.text}, of {base}"


_INCREMENT = re.compile(r"\b(new|more|another|additional|further)\b")


def _total_after(last: Token) -> str | None:
    """The total an addition brings a count to, as the sentence writes it: "nine new cases …, bringing the total
    to 27" (27); None when the sentence says none."""
    for tok in last.sent:
        if tok.lemma_.lower() in ("bring", "take", "raise", "push") and tok.i > last.i \
                and any(c.lemma_.lower() in _TOTALS for c in tok.children if c.dep_ == "dobj"):
            to = _prep_object(tok, ("to",))
            if to is not None and to.like_num:
                return to.text
    return None


def _from_to(anchor: Token) -> tuple[int, int, Token] | None:
    """(first, last token, the other end) of "rose to 260 from 26" or "climbed from 26 to 260" when the figure
    (`anchor`: its number or unit) is one end of a change its verb states both ends of; None otherwise."""
    prep = anchor.head
    if anchor.dep_ != "pobj" or prep.lower_ not in ("from", "to") or prep.head.lemma_.lower() not in _CHANGE_VERBS:
        return None
    verb = prep.head
    other = "to" if prep.lower_ == "from" else "from"
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == other:
            end = next((c for c in child.children if c.dep_ == "pobj"), None)
            if end is not None and (end.like_num or any(c.like_num for c in end.children)):
                return verb.i, max(anchor.i, end.i), end
    return None


def _base_value(end: Token) -> float | None:
    """The value a change started from: the number of its other end ("from 26", "from 26 cases")."""
    number = end if end.like_num else next((c for c in end.children if c.like_num), None)
    parsed = _value(_number_run(end.doc, number.i)) if number is not None else None
    return parsed[0] if parsed is not None else None


def _direction(previous: float | None, value: float) -> str | None:
    """"up" or "down" for a change with its base, as the Spanish figures say it; None without a base."""
    if previous is None or previous == value:
        return None
    return "up" if value > previous else "down"


# alone, a share, a sum or a distance says nothing: of what, for what, between what? ("19,000 barrels a day"
# and "900 hectares" name what they count)
_DISTANCES = {"mile", "km", "kilometre", "kilometer", "metre", "meter"}
_SAYS_NOTHING = {"%", "times", *_CURRENCY.values(), *_MONEY_UNITS, *_DISTANCES}


def _money_measure(doc: Doc, last: Token, end: int) -> str:
    """What a sum of money is: "$34 billion in assets", "$520m a month in revenue", "$1m worth of drugs", or
    what the clause says has, costs or reaches it ("reserves were estimated at $17bn"), or what it was spent
    on ("the US has spent $135 million on aid to Libya": the aid, not the spender)."""
    i = end + 1
    if i < len(doc) and doc[i].text == "(":  # "$5.5 m (£3.5 m) in help": past the conversion
        close = next((t.i for t in doc[i : min(i + 8, len(doc))] if t.text == ")"), None)
        i = close + 1 if close is not None else i
    if i < len(doc) and doc[i].lower_ == "worth":
        i += 1
    if i + 1 < len(doc) and doc[i].lower_ in ("in", "of"):
        noun = _noun_after(doc, i + 1)
        if noun is not None:
            return _phrase(noun)
    return _measured(last, "$")


def _not_a_figure(doc: Doc, run: list[Token]) -> bool:
    """Years, dates, times, ages, list numbers and numbers that are part of a name."""
    first, last = run[0], run[-1]
    low = first.lower_
    if low in ("one", "first", "zero") and len(run) == 1:
        return True
    if re.match(r"0\d", first.text):
        return True  # "0370 numbers", "dial 0800 …": a code, not a quantity
    if re.fullmatch(r"(1[5-9]|20)\d\d", first.text) and len(run) == 1:
        return not _is_unit(doc, last.i + 1)
    prev = doc[first.i - 1] if first.i > 0 else None
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if (prev is not None and prev.lower_.rstrip(".") in _MONTHS) or (nxt is not None and nxt.lower_ in _MONTHS):
        return True
    if nxt is not None and (nxt.lower_ in _CLOCK or nxt.text == ":"):
        return True
    if nxt is not None and nxt.lower_ == "local" and last.i + 2 < len(doc) and doc[last.i + 2].lower_ == "time":
        return True  # "about 1300 local time": a time of day
    if first.ent_type_ in ("PERSON", "ORG", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "EVENT", "GPE", "TIME"):
        return True
    if first.ent_type_ == "DATE" and not _is_unit(doc, last.i + 1) and not _count_after_date(doc, run):
        return True
    if prev is not None and prev.lower_ in ("aged", "age", "no.", "number", *_RATE, *_READINGS):
        return True  # an age, a number in a list, a rate's base ("per 100,000"), a reading ("magnitude 8.8")
    if prev is not None and prev.lower_ in _REFERENCE and not _is_unit(doc, last.i + 1):
        return True  # "the two groups": a reference back, not a count
    if prev is not None and prev.lower_ in ("the", "these", "those") and _said_again(doc, last):
        return True  # "the journey of the five tons": the figure told before, not a new one
    if prev is not None and prev.lower_ in ("top", "bottom") and not _is_unit(doc, last.i + 1):
        return True  # "placed in the top 15 of countries": a rank, not a count
    if nxt is not None and nxt.tag_ == "JJS":
        return True  # "one of the country's two largest groups": a rank among few, not a count
    if nxt is not None and nxt.text == "-" and not _is_unit(doc, last.i + 1):
        return True  # "a five-way battle", "two-time champion"
    before = doc[max(first.sent.start, first.i - 4) : first.i].text.lower()
    if before.endswith(("young as", "old as")):
        return True  # "children as young as six": an age
    if "equivalent to" in before or "the size of" in before:
        return True  # "equivalent to almost 3,000 football fields": a comparison, not a figure
    if (
        nxt is not None
        and nxt.text == "-"
        and last.i + 2 < len(doc)
        and doc[last.i + 2].lemma_.lower() in _TIME_UNITS
        and last.i + 4 < len(doc)
        and doc[last.i + 4].lower_ == "old"
    ):
        return True  # "45-year-old", "the eight-month-old uprising": an age
    if first.is_sent_start and nxt is not None and nxt.text in (".", ")"):
        return True  # list numbering
    return prev is not None and prev.pos_ == "PROPN" and prev.is_title and not prev.whitespace_


_TOTALS = frozenset("toll total tally count number figure".split())
_READINGS = frozenset("magnitude category level grade phase stage".split())  # a scale's reading, not a count


def _total_of(last: Token) -> str:
    """A bare number a total is said to be or reach: "the death toll rose to 44", "put the death toll at
    3,838" (the toll); "" when the clause names no total."""
    verb = last.head
    while verb.dep_ in ("prep", "pobj") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return ""
    totals = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lemma_.lower() in _TOTALS]
    # "The latest figures gave the number of cases as 70,893": the number, not the figures
    total = min(totals, key=lambda c: c.dep_ != "dobj", default=None)
    return _phrase(total) if total is not None else ""


def _partitive(doc: Doc, last: Token) -> str:
    """ "Of the 36 runways destroyed, 31 were located in Zulia": a sentence opening on "Of the …" says what a
    bare number counts."""
    sent = last.sent
    if doc[sent.start].lower_ != "of" or last.i <= sent.start:
        return ""
    noun = _noun_after(doc, sent.start + 1)
    return _described(noun) if noun is not None and noun.i < last.i else ""


def _count_after_date(doc: Doc, run: list[Token]) -> bool:
    """ "23 Dec 2011 - 44 people were killed": a count after a dated line's dash, which the tagger reads as
    the end of the date."""
    i, nxt = run[0].i, run[-1].i + 1
    return i >= 2 and doc[i - 1].text in ("-", "–", ":") and bool(re.fullmatch(r"(19|20)\d\d", doc[i - 2].text)) \
        and nxt < len(doc) and doc[nxt].tag_ == "NNS"


def _said_again(doc: Doc, last: Token) -> bool:
    """ "the five tons" without what they are of: a unit of measure (not a percentage, nor a modifier like
    "the 30-day state of emergency") named again."""
    i = last.i + 1
    if i + 1 >= len(doc) or doc[i].lemma_.lower() not in _MEASURE_UNITS - _TIME_UNITS:
        return False
    return doc[i + 1].lower_ != "of"


def _is_unit(doc: Doc, i: int) -> bool:
    """True when token i (or the one after a hyphen) is a unit of time or measure ("30-day")."""
    if i < len(doc) and doc[i].text == "-":
        i += 1
    if i >= len(doc):
        return False
    return doc[i].lemma_.lower() in _MEASURE_UNITS or doc[i].text in _PERCENT


def _unit(doc: Doc, run: list[Token]) -> tuple[str, Token | None, int]:
    """(unit, the unit's token, index of the figure's last token) after the number."""
    last = run[-1]
    i = last.i + 1
    if i < len(doc) and doc[i].lower_ in _PERCENT:
        return "%", doc[i], i
    if i + 1 < len(doc) and doc[i].lower_ == "per" and doc[i + 1].lower_ == "cent":
        return "%", doc[i + 1], i + 1
    if i + 1 < len(doc) and doc[i].text == "-" and doc[i + 1].lemma_.lower() in _MEASURE_UNITS:
        return doc[i + 1].lemma_.lower() + "s", doc[i + 1], i + 1  # "30-day" → days
    if i < len(doc) and doc[i].lemma_.lower() in _MEASURE_UNITS:
        return doc[i].text.lower(), doc[i], i
    if i < len(doc) and doc[i].lower_ == "m" and not last.whitespace_:
        return "m", doc[i], i  # "a 20m boat": metres (a scale, "20m people", is read with the number)
    prev = doc[run[0].i - 1] if run[0].i > 0 else None
    if prev is not None and prev.text in _CURRENCY:
        return _CURRENCY[prev.text], None, last.i
    return "", None, last.i


def _counted_noun(last: Token) -> Token | None:
    """The noun a number counts: its head ("13 ... workers"), or the noun right after it."""
    head = _hyphen_head(last.head)
    if head.ent_type_ == "PERSON":
        return None  # "estimated at 150,000 John Taylor was …": a caption's number before a name counts no Taylors
    if last.dep_ in ("nummod", "amod", "quantmod", "compound") and head.pos_ in ("NOUN", "PROPN") and head.i > last.i:
        while head.dep_ == "compound" and head.head.i == head.i + 1 and head.head.pos_ == "NOUN":
            head = head.head  # "three weapons production plants" counts plants
        return head
    nxt = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    if nxt is not None and nxt.pos_ == "NOUN":
        return nxt
    return None


def _hyphen_head(tok: Token) -> Token:
    """The last part of a hyphenated noun ("ex-presidents" → "presidents")."""
    doc = tok.doc
    while (
        tok.i + 2 < len(doc) and not tok.whitespace_ and doc[tok.i + 1].text == "-" and not doc[tok.i + 1].whitespace_
    ):
        tok = doc[tok.i + 2]
    return tok


def _measure(noun: Token, unit: str) -> str:
    """What a figure is about, in a few words: "homicides (increase)", "coca cultivation"."""
    if unit in ("%", "m") or noun.lemma_.lower() in _MEASURE_UNITS:
        return _measured(noun, unit)
    words = [t for t in noun.lefts if t.dep_ in ("amod", "compound") and t.is_alpha and _wordlike(t)
             and t.lemma_.lower() not in _SAYING]  # "an estimated 150 people": the estimate is the qualifier's
    if words:  # "weapons production plants": the compound's own compounds
        words[0:0] = [t for t in words[0].lefts if t.dep_ == "compound" and t.is_alpha and _wordlike(t)]
    if words and words[-1].i + 1 < noun.i and not words[-1].whitespace_:
        words[-1:] = [noun.doc[words[-1].i : noun.i]]  # keep "ex-" in "ex-presidents"
    first = words[0].start if words and isinstance(words[0], Span) else (words[0].i if words else 0)
    end = words[0].end if words and isinstance(words[0], Span) else first + 1
    if words and first >= 2 and noun.doc[first - 1].text == "-" and not noun.doc[first - 2].whitespace_:
        words[0:1] = [noun.doc[first - 2 : end]]  # keep "medium-" in "medium-sized" (also in "medium-ex-x")
    phrase = " ".join([t.text for t in words] + [noun.text])
    return phrase.replace("- ", "-")


# Verbs that say what someone said or thought of a count, not what happened to what it counts ("150 people are
# estimated", "three were said to be British"): the event, if any, is in the clause they introduce.
_SAYING = frozenset("""say tell think believe estimate expect report know fear feel consider presume suppose
    understand claim allege rumour rumor""".split())
# Verbs whose subject gives the money, not what the money measures ("the government pledged £20m"; but "the port
# cost $2.5 billion": the port's cost)
_GIVING = frozenset("""pledge give donate spend pay offer promise allocate grant provide contribute lend invest send
    approve earmark commit announce award""".split())
# Verbs that say nothing of what happened ("27 people have a", "people attend the school")
_LIGHT = frozenset("be have do get make go come take give include remain become seem need want use hold attend"
                   " live work".split())
# Past participles that differ from the past tense or from the -ed rule: "killing" → "killed" is the rule
_PARTICIPLES = {"leave": "left", "take": "taken", "hold": "held", "find": "found", "send": "sent", "bring": "brought",
                "build": "built", "catch": "caught", "give": "given", "keep": "kept", "lose": "lost", "make": "made",
                "put": "put", "sell": "sold", "shoot": "shot", "strike": "struck", "hit": "hit", "hurt": "hurt",
                "cut": "cut", "feed": "fed", "fight": "fought", "flee": "fled", "choose": "chosen", "drive": "driven",
                "steal": "stolen", "throw": "thrown", "write": "written", "spend": "spent", "pay": "paid",
                "beat": "beaten", "break": "broken", "buy": "bought", "draw": "drawn", "fall": "fallen",
                "rise": "risen", "grow": "grown", "lead": "led", "lay": "laid", "run": "run", "win": "won",
                "withdraw": "withdrawn",
                "hide": "hidden", "bear": "borne", "forget": "forgotten", "freeze": "frozen", "seize": "seized",
                "wound": "wounded", "bury": "buried", "die": "died", "sit": "sat", "stand": "stood", "swear": "sworn"}


# Prepositions that say only where or when a subject's event happened ("died in the quake"); with any other
# ("talked to", "passed through", "signed up for") the verb alone misreports what happened to them
_WHERE_WHEN = frozenset("in on at during after since near across inside outside within throughout".split())


def _event_of(noun: Token) -> str:
    """What happened to what a count noun counts, as its sentence says it, so a figure line can say it: "27
    people were killed" and "killed 27 people" (killed), "people who died" (died), "1.5 million were left
    homeless" (left homeless), "27 people were dead" (dead); "" when the sentence says nothing that happened
    to them ("around 60 firefighters are heading home", "an estimated 150 people", "attend the school")."""
    first = noun
    while first.dep_ == "conj" and first.head.i < first.i:  # "seized 4,500 kilograms of cocaine and 1,200 rifles"
        first = first.head
    verb = first.head
    if first.dep_ in ("nsubjpass", "nsubj", "dobj") and verb.pos_ in ("VERB", "AUX"):
        return _verb_event(verb, first.dep_)
    for child in noun.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":  # "the 108 people killed on 25 May"
            return _verb_event(child, "nsubjpass")
        if child.dep_ == "relcl":  # "people who were killed", "people who died"
            who = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WP", "WDT")),
                       None)
            return _verb_event(child, who.dep_) if who is not None else ""
    return ""


def _verb_event(verb: Token, dep: str) -> str:
    """The event a verb says of its subject or object (`dep`): a passive's or a past tense's participle with its
    state ("left homeless"), a copula's adjective ("dead"), a saying verb's clause ("are feared to have died");
    "" for a verb in the present or future, or one that says nothing happened."""
    lemma = verb.lemma_.lower()
    if lemma in _SAYING:  # "are reported to have been killed": reported killed, the hedge kept
        clause = next((c for c in verb.children if c.dep_ in ("xcomp", "oprd", "acomp")), None)
        if clause is not None and clause.pos_ == "ADJ":
            said = clause.lower_ if clause.is_alpha else ""  # "were feared dead"
        else:
            said = _verb_event(clause, "nsubjpass" if clause.tag_ == "VBN" else "nsubj") if clause is not None else ""
        if not said or dep != "nsubjpass":
            return said if dep != "nsubjpass" else ""
        passive = clause.pos_ == "ADJ" or any(c.dep_ == "auxpass" for c in clause.children)
        return f"{_participle(verb)} {said}" if passive else f"{_participle(verb)} to have {said}"
    if lemma == "be" and dep == "nsubj":
        state = next((c for c in verb.children if c.dep_ == "acomp" and c.pos_ in ("ADJ", "VERB")), None)
        return state.lower_ if state is not None and state.is_alpha else ""
    if lemma in _LIGHT or not verb.is_alpha:
        return ""
    if dep == "nsubjpass" and verb.tag_ == "VBN" or dep == "dobj" and verb.tag_ in ("VBD", "VBN", "VBG"):
        state = next((c for c in verb.children if c.dep_ in ("oprd", "acomp") and c.pos_ == "ADJ"), None)
        participle = _participle(verb)
        return f"{participle} {state.lower_}" if state is not None else participle
    objects = {c.dep_ for c in verb.children}
    preps = {c.lower_ for c in verb.children if c.dep_ in ("prep", "agent")}
    if dep == "nsubj" and verb.tag_ in ("VBD", "VBN") and preps <= _WHERE_WHEN \
            and not objects & {"dobj", "ccomp", "xcomp", "attr", "oprd", "acomp", "prt", "dative"}:
        return verb.lower_  # "people died", "1,000 fled": a past event with nothing else to say but where or when
    return ""


def _participle(verb: Token) -> str:
    """The past participle of a verb as written ("killed", "killing" → "killed", "took" → "taken")."""
    lemma = verb.lemma_.lower()
    if lemma in _PARTICIPLES:
        return _PARTICIPLES[lemma]
    if verb.tag_ in ("VBD", "VBN"):
        return verb.lower_
    stem = verb.lower_.removesuffix("ing")
    return f"{stem[:-1]}ied" if stem.endswith("y") and stem[-2:-1] not in "aeiou" else f"{stem}ed"


def _complement(verb: Token) -> Token | None:
    """What a bare number is said to be: "16 were classified as attempted murders" (murders), "107 were
    homicide victims" (victims); None when the verb says what happened to it, not what it is."""
    for child in verb.children:
        if child.dep_ == "attr" and child.pos_ in ("NOUN", "PROPN"):
            return child
    obj = _prep_object(verb, ("as",))
    return obj if obj is not None and obj.pos_ in ("NOUN", "PROPN") else None


def _measured(unit_tok: Token, unit: str) -> str:
    """For a percentage, an amount of money or a unit of measure, the thing measured."""
    head = unit_tok.head if unit == "%" and unit_tok.dep_ in ("compound", "amod", "nmod") else unit_tok
    spike = _change_after(unit_tok) if unit == "%" else None
    if spike is not None:
        return spike
    if head.lemma_.lower() in _CHANGE_NOUNS:
        obj = _prep_object(head, ("in", "of"))
        if obj is not None and obj.lemma_.lower() in _TIME_UNITS:
            return ""  # "a 1,346 percent increase in three years": the span, not what increased
        return f"{_phrase(obj)} ({head.lemma_.lower()})" if obj is not None else head.lemma_.lower()
    modified = _modified_by_unit(unit_tok)
    if modified is not None:  # "a 30-day state of emergency", "the five-ton shipment", "a 29-year presence"
        obj = _prep_object(modified, ("of",))
        return f"{modified.text} of {_phrase(obj)}" if obj is not None else _described(modified)
    while head.dep_ == "conj" and head.head.i < head.i:  # "£10bn or £11bn": the range's upper end
        head = head.head
    obj = _prep_object(head, ("of",))
    if unit == "%" and head.i != unit_tok.i and head.pos_ == "NOUN":  # "a 3% chance of success", "a 10% stake"
        return f"{_phrase(head)} of {_phrase(obj)}" if obj is not None else _phrase(head)
    if obj is not None and obj.pos_ == "PROPN" and obj.ent_type_ in ("ORG", "FAC", "PRODUCT"):
        return f"share of {_described(obj)}"  # "bought 51 percent of Sahara Oil Services": a stake in it
    if obj is not None:
        return _described(obj)  # "52% of the vote", "3% of clinical cases"
    amount = unit == "%" or unit in _CURRENCY.values() or unit_tok.lemma_.lower() in _MONEY_UNITS
    of = head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
    if amount and of is not None and of.head.pos_ == "NOUN":
        return _described(of.head)  # "annual earnings of three or four million dollars": the earnings
    owner = head.head if head.dep_ == "pobj" else head
    while owner.dep_ in ("prep", "pobj", "agent"):  # "reduced by 30%": "by" is the passive's agent
        owner = owner.head
    if owner.head.lower_ == "worth":  # "are estimated to be worth $1.5 bn"
        owner = owner.head
    if owner.lower_ == "worth" and owner.head.pos_ in ("VERB", "AUX"):
        owner = owner.head
    if owner.dep_ in ("npadvmod", "dobj", "attr") and owner.head.pos_ in ("VERB", "AUX") \
            and (amount or owner.head.lemma_.lower() in _CHANGE_VERBS):
        owner = owner.head  # "demand falls 0.5%": how far it fell; "MAS has 31 percent": what MAS has
    spent = _spent_on(unit_tok, owner) if amount and unit != "%" and owner.pos_ == "VERB" else None
    if spent is not None:
        return spent  # "has spent $135 million on humanitarian and other aid": the aid
    changed = [c for c in owner.children if c.dep_ == "compound"] if owner.lemma_.lower() in _CHANGE_NOUNS else []
    if changed:
        return _phrase(changed[-1])
    subj = _subject(owner) if amount else next((c for c in owner.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.lower_ in ("which", "that", "who") and owner.dep_ == "relcl":
        subj = owner.head  # "the incarceration of women, which increased by 52 percent"
    if subj is None or subj.pos_ == "PRON":
        return ""
    change = owner.lemma_.lower()  # a change keeps its direction: "demand (fall)", "prices (rise)"
    if owner.pos_ == "VERB" and change in _CHANGE_VERBS:
        return f"{_phrase(subj)} ({change})"
    if unit in _CURRENCY.values() and subj.dep_ == "nsubj" and owner.tag_ in ("VBD", "VBN") and change in _GIVING:
        return f"{owner.lower_} by {_phrase(subj)}"  # "the government pledged £20m": pledged, not a government
    return _phrase(subj)


def _spent_on(amount: Token, verb: Token) -> str | None:
    """ "spent $135 million on humanitarian and other aid": what the money went on, with the words before
    its noun; None when no "on" follows the sum or its verb."""
    noun = _prep_object(amount, ("on",)) or _prep_object(verb, ("on",))
    if noun is None or noun.pos_ != "NOUN" or noun.i - noun.left_edge.i > 5:
        return None
    return noun.doc[noun.left_edge.i : noun.i + 1].text


def _noun_end(noun: Token, limit: int) -> int:
    """The last token of a noun with what it is "of", if near: "state of emergency"."""
    obj = _prep_object(noun, ("of",))
    end = obj.i if obj is not None and obj.i - noun.i <= 3 else noun.i
    return end if end <= limit + 3 else noun.i


def _modified_by_unit(unit_tok: Token) -> Token | None:
    """The noun a unit hyphenated or written on to its number describes ("five-ton shipment", "a 20m boat"),
    or a time unit's compound head ("30 day state of emergency")."""
    head = unit_tok.head
    if head.i <= unit_tok.i or head.pos_ != "NOUN":
        return None
    before = unit_tok.doc[unit_tok.i - 1] if unit_tok.i > 0 else unit_tok
    hyphenated = before.text == "-" or (before.like_num and not before.whitespace_ and unit_tok.text not in _PERCENT)
    if hyphenated and unit_tok.dep_ in ("compound", "nmod", "amod"):
        return head
    return head if unit_tok.lemma_.lower() in _TIME_UNITS and unit_tok.dep_ == "compound" else None


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, or of the clause a participle without one hangs from: "The number of taps
    has skyrocketed, increasing nearly 5,000 percent" (the number), "Oil theft became a trade, reaching
    $3.25 billion" (oil theft)."""
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None or verb.dep_ not in ("advcl", "xcomp", "conj") or verb.tag_ not in ("VBG", "VBN", "VB"):
            return subj
        verb = verb.head
    return None


def _change_after(unit_tok: Token) -> str | None:
    """ "a 45 percent spike in homicides": the change the percentage sizes, however the tagger read its
    word (it took "spike" for an adjective and hung "in homicides" on the verb), with what changed."""
    doc = unit_tok.doc
    i = unit_tok.i + 1
    if i >= len(doc) or doc[i].lower_.rstrip("s") not in _CHANGE_NOUNS or doc[i].pos_ == "VERB":
        return None
    change = doc[i].lower_.rstrip("s")
    if i + 1 < len(doc) and doc[i + 1].lower_ in ("in", "of"):
        noun = _noun_after(doc, i + 2)
        if noun is not None and noun.lemma_.lower() in _TIME_UNITS:
            return ""  # "a 1,346 percent increase in three years": the span, not what increased
        if noun is not None:
            return f"{_phrase(noun)} ({change})"
    return change


def _noun_after(doc: Doc, i: int) -> Token | None:
    """The last common noun of the noun phrase starting at token i ("the number of homicides" → number)."""
    noun = None
    while i < len(doc) and doc[i].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM"):
        if doc[i].pos_ == "NOUN":
            noun = doc[i]
        elif noun is not None:
            break
        i += 1
    return noun


def _prep_object(head: Token, preps: tuple[str, ...]) -> Token | None:
    """The object of the first of `preps` attached to head."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _described(tok: Token) -> str:
    """A noun with its compounds and adjectives: "clinical cases", "illegal taps"; "those" with what says who
    they are ("80% of those hospitalised", "of those who died")."""
    if tok.lower_ in ("those", "these") and tok.right_edge.i > tok.i and tok.right_edge.i - tok.i <= 6:
        return tok.doc[tok.i : tok.right_edge.i + 1].text
    run = []  # the words right before the noun that describe it: "confirmed fever cases", not just "fever cases"
    i = tok.i - 1
    while i >= 0 and tok.doc[i].head.i == tok.i and tok.doc[i].dep_ in ("amod", "compound"):
        run.insert(0, tok.doc[i])
        i -= 1
    adjectives = [t.text for t in run if t.dep_ == "amod" and t.is_alpha and all(
        r.dep_ == "amod" for r in run if r.i < t.i)]
    return " ".join([*adjectives, _phrase(tok)])


def _wordlike(tok: Token) -> bool:
    """A word that can name what is counted: not a number, a percent sign or a currency ("a 3% chance")."""
    return not tok.like_num and tok.text not in _PERCENT and tok.text not in _CURRENCY \
        and tok.lower_ not in _SCALE_ABBREVIATIONS and tok.lemma_.lower() not in _MEASURE_UNITS


_QUANTITY_NOUNS = frozenset("number amount share level rate value volume price cost total".split())


def _phrase(tok: Token) -> str:
    """A noun with its compounds: "coca cultivation", "homicides"; a quantity with what it counts: "number of
    illegal taps"."""
    words = [t for t in tok.lefts if t.dep_ == "compound" and _wordlike(t)]
    for w in list(words):
        words[0:0] = [t for t in w.lefts if t.dep_ == "compound" and _wordlike(t)]
    words.sort(key=lambda t: t.i)  # "Sahara Oil Services", as written
    phrase = " ".join([t.text for t in words] + [tok.text])
    counted = _prep_object(tok, ("of",)) if tok.lemma_.lower() in _QUANTITY_NOUNS else None
    if counted is not None and not any(c.like_num for c in counted.children):  # not "rate of 42.5 homicides"
        phrase += " of " + _described(counted)
    return phrase


def _qualifier(doc: Doc, first: Token) -> tuple[str | None, int]:
    """("just under", index of its first token) when a qualifier precedes the number."""
    start = first.i
    window = doc[max(first.sent.start, start - 3) : start]
    text = " ".join(t.lower_ for t in window)
    for q in _QUALIFIERS:
        if text.endswith(q) and (len(text) == len(q) or text[-len(q) - 1] == " "):
            return q, start - len(q.split())
    return None, start


def _period(doc: Doc, end: int) -> str | None:
    """The year a figure refers to: "in 2024" shortly after it, before the next figure."""
    sent_end = doc[end].sent.end
    for i in range(end + 1, min(end + 9, sent_end)):
        tok = doc[i]
        if tok.text in (";",) or (tok.like_num and not re.fullmatch(r"(19|20)\d\d", tok.text)):
            return None
        if re.fullmatch(r"(19|20)\d\d", tok.text) and doc[i - 1].lower_ in ("in", "during", "for", "of"):
            return tok.text
    return None
