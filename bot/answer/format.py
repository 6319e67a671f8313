"""How an answer's pieces read, whatever renders them: figures, dates, outlets, quotes, entity types.

The CLI text, the Slack blocks and Slack's fallback `text` all call these, so "36%" in one is "36%"
in the others. Each line-building function takes two small hooks, `name` (how a speaker or figure is
marked: bold in Slack, plain in a terminal) and `text` (how article text is escaped and cut), so the
wording is decided here once and each front end only decides its markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from bot.extract.speech_verbs import SPEECH_LEMMAS
from bot.language import is_analysed
from bot.words import DEFAULT, months, plural, say

PLAIN: Callable[[str], str] = str

_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_DIGITS = re.compile(r"\d[\d,.]*")
_NO_UNIT = {"", "ordinal", "number", "count"}


def human_date(iso: str | None, language: str = DEFAULT) -> str:
    """'5 Mar 2020', 'Oct 2025' when only the month is known, '2025', or 'date unknown' ('5 mar 2020',
    'fecha desconocida' on a Spanish desk)."""
    if not iso:
        return say("date_unknown", language)
    m = _ISO.match(str(iso))
    if not m:
        return str(iso)
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day:
        try:
            d = date(int(year), int(month), int(day))
        except ValueError:
            return str(iso)
        return f"{d.day} {months(language)[d.month - 1]} {d.year}"
    if month and 1 <= int(month) <= 12:
        return f"{months(language)[int(month) - 1]} {year}"
    return year


def date_span(first: str | None, last: str | None, language: str = DEFAULT) -> str:
    """'12–27 Oct 2025', '5 Mar 2020–16 Mar 2020', or 'no known date'."""
    if not first and not last:
        return say("no_known_date", language)
    if first == last or not first:
        return human_date(last, language)
    if not last:
        return human_date(first, language)
    a, b = first.split("-"), last.split("-")
    if len(a) == len(b) == 3 and a[:2] == b[:2]:
        return f"{int(a[2])}–{human_date(last, language)}"
    return f"{human_date(first, language)}–{human_date(last, language)}"


def host_name(url: str | None) -> str | None:
    """'insightcrime.org' for 'https://www.insightcrime.org/news/...'; None without a usable URL."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    host = host.removeprefix("www.")
    return host or None


def outlet(source: str | None, url: str | None) -> str | None:
    """Who published it: the outlet the article (or its feed, or its site's metadata) names at ingest,
    else the host name of its link; None when there is neither."""
    name = (source or "").strip()
    return name or host_name(url)


def number(value: Any) -> str:
    """30000.0 → '30,000'; 35.5 → '35.5'; 0.125 → '0.125'."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if v.is_integer():
        return f"{int(v):,}"
    return f"{v:,.3f}".rstrip("0").rstrip(".")


def _unit_suffix(unit: str) -> str:
    if unit in _NO_UNIT:
        return ""
    if unit in ("%", "percent", "per cent"):
        return "%"
    return f" {unit}"


def _built_figure(item: dict[str, Any]) -> str:
    """The figure from its parts, for facts with no written span (or one an editor's fix made stale)."""
    unit = str(item.get("unit") or "")
    high = item.get("high") if item.get("high") is not None else item.get("value_high")
    value = number(item.get("value"))
    if high is not None:
        value = f"{value}–{number(high)}"
    qualifier = str(item.get("qualifier") or "").strip()
    if unit in _CURRENCIES:
        return f"{qualifier} {unit}{value}".strip()  # "$4,000,000,000", not "4,000,000,000 $"
    return f"{qualifier} {value}{_unit_suffix(unit)}".strip()


_CURRENCIES = {"$", "€", "£"}


def _stale(written: str, item: dict[str, Any]) -> bool:
    """True when the written span shows digits that are not the (possibly corrected) value."""
    digits = [d.replace(",", "").rstrip(".") for d in _DIGITS.findall(written)]
    if not digits or item.get("value") is None:
        return False
    scales = [s for w, s in _SCALE_WORDS.items() if w in written.lower()]
    scales += [_SHORT_SCALES[m.lower()] for m in _SHORT_SCALE.findall(written)]
    scales.append(1)  # "a 20m boat" is 20 metres
    wanted = {number(float(item["value"]) / s).replace(",", "") for s in scales}  # "$3.25 billion" is 3.25e9
    return not wanted & set(digits)


_SCALE_WORDS = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000}
# "£13.5bn", "$1.5 bn", "£2m", "20m people": a scale written short after the digits
_SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000, "tn": 1_000_000_000_000}
_SHORT_SCALE = re.compile(r"\d\s?(bn|tn|m|k)\b", re.I)


def figure(item: dict[str, Any]) -> str:
    """The figure as the article wrote it ('more than a hundred people', 'at least 30,000 members',
    '36%'), with the qualifier and unit added only when the written span lacks them."""
    written = str(item.get("figure") or "").strip()
    if not written or _stale(written, item):
        return _built_figure(item) if item.get("value") is not None else written
    lower = written.lower()
    qualifier = str(item.get("qualifier") or "").strip()
    if qualifier and qualifier.lower() not in lower:
        written = f"{qualifier} {written}"
    unit = str(item.get("unit") or "").strip()
    if unit not in _NO_UNIT and not _says_unit(lower, unit):
        written += _unit_suffix(unit)
    return written


_RATE_WORDS = {"per", "every", "out", "of", "for"}


def _says_unit(written: str, unit: str) -> bool:
    """True when the written figure already names its unit: "36 percent" (%), "95,000 hectares", and a
    rate's base however it is phrased ("8 out of every 100,000 inhabitants" for "per 100,000
    inhabitants"), so the base is not shown twice."""
    stem = unit.lower().rstrip("s")
    if not stem or stem in written or (unit == "%" and ("percent" in written or "por cien" in written)):
        return True
    words = set(re.findall(r"[\w,.]+", written))
    needed = [w.rstrip("s") for w in re.findall(r"[\w,.]+", unit.lower()) if w not in _RATE_WORDS]
    return bool(needed) and all(any(w.rstrip("s") == n for w in words) for n in needed)


def figure_label(item: dict[str, Any], language: str = DEFAULT) -> tuple[str, str]:
    """(figure, what it counts and when): ('22 laboratories', 'sized cocaine laboratories destroyed, 2024').
    What it counts is left out when the figure's own words already say it."""
    shown = figure(item)
    measure = str(item.get("measure") or "").strip()
    words = set(re.findall(r"\w+", shown.lower()))
    extra = [measure] if measure and not set(re.findall(r"\w+", measure.lower())) <= words else []
    if item.get("period"):
        extra.append(human_date(str(item["period"]), language))
    return shown, ", ".join(extra)


def fact_line(item: dict[str, Any], name: Callable[[str], str] = PLAIN, text: Callable[[str], str] = PLAIN,
              language: str = DEFAULT) -> str:
    """'**22 laboratories** · sized cocaine laboratories destroyed — the sentence'."""
    shown, extra = figure_label(item, language)
    note = f" · {text(extra)}" if extra else ""
    return f"{name(shown)}{note} — {text(str(item.get('text') or ''))}"


# The reporting verb decides how a paraphrase reads. "told" needs a listener the fact does not keep, so
# it reads "X told … that": the ellipsis marks what was left out rather than inventing who was told.
_ACCORDING = {"according to", "según", "de acuerdo con", "de acuerdo a"}  # a source, not a speech verb
_NEEDS_LISTENER = {"told", "tells", "tell", "assured", "informed", "reminded", "warned", "briefed"}
_NEUTRAL = {"said", "says", "say", "told", "tells", "added", "stated", "according to", "explained", "noted",
            "wrote", "writes", "reported", "reports"}
_FUNCTION_WORDS = {"but", "and", "the", "by", "in", "on", "at", "for", "since", "with", "this", "that",
                   "these", "those", "it", "they", "he", "she", "we", "there", "a", "an", "so", "yet", "its",
                   "their", "his", "her", "our", "some", "many", "most", "all", "one", "while", "if", "when"}


_JOINERS = {"that", "but", "and", "yet", "so"}
_CONNECTIVES = {"however", "meanwhile", "moreover", "furthermore", "nevertheless", "nonetheless", "still",
                "instead", "indeed", "also", "additionally", "besides", "thus", "therefore", "hence", "then",
                "now", "again", "yet", "but", "and", "so", "similarly", "likewise", "ultimately", "finally"}


# speech verbs whose past is not the regular one (or doubles its last letter)
_IRREGULAR_PAST = {"say": "said", "tell": "told", "write": "wrote", "speak": "spoke", "swear": "swore", "read": "read",
                   "admit": "admitted", "quip": "quipped", "brag": "bragged", "plead": "pleaded"}


_NOT_VERBS = frozenset({"according", "including", "regarding", "concerning", "during", "following"})


def _past(lemma: str) -> str:
    """A verb's past from its lemma: the table's, else the regular form ('deny' → 'denied', 'note' → 'noted')."""
    if lemma in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in set("aeiou"):
        return lemma[:-1] + "ied"
    return lemma + "ed"


def past_form(word: str) -> str:
    """The verb as it reads after a name, in the past: a participle ('denying', 'calling' → 'denied', 'called'),
    a present ('says', 'replies') or a plural's bare form ('Both NATO and the rebels say' → 'said'); a word that
    is none of these ('was', 'according') as written."""
    low = word.lower()
    if low.endswith("ing") and len(low) > 5 and low not in _NOT_VERBS:
        stem = low[:-3]
        for lemma in (stem, stem + "e"):
            if lemma in _IRREGULAR_PAST:
                return _IRREGULAR_PAST[lemma]
        if stem[-1] == stem[-2] and stem[-1] not in "ls":  # "admitting", "quipping": one letter doubled
            return stem + "ed"
        return _past(stem[:-1] + "y") if stem.endswith("y") else stem + ("ed" if not stem.endswith("e") else "d")
    for lemma in (low, low[:-1] if low.endswith("s") else "", low[:-2] if low.endswith("es") else "",
                  low[:-3] + "y" if low.endswith("ies") else ""):
        if lemma in SPEECH_LEMMAS:
            return _past(lemma)
    return word


def verb_of(item: dict[str, Any], language: str = DEFAULT) -> str:
    """The reporting verb as written ('said', 'denied', 'according to'), or the bot's own 'said' ('dijo')
    when none was kept."""
    verb = str(item.get("verb") or item.get("cue") or "").strip()
    # a quote introduced by a colon ("Annan: “We discussed …”") has punctuation for a cue, not a verb
    return verb if any(c.isalpha() for c in verb) else say("said", language)


def reported_verb(verb: str) -> str:
    """The verb as it reads after a name: 'denying' and 'denies' read 'denied', 'telling the New York Times'
    reads 'told the New York Times' (the listener kept); others as written."""
    first, _, rest = verb.partition(" ")
    said = past_form(first)
    return f"{said} {rest}" if rest else said


def reported_clause(quote: str) -> str:
    """The paraphrased words as a clause after 'that': a leading 'that', 'but' or 'and' dropped (the
    sentence it joined is not shown), as is a sentence adverb with its comma ('However, the case …'
    would read 'According to X, However, the case …'), a leading function word lower-cased; names keep
    their capitals."""
    words = quote.strip().split(" ", 1)
    while len(words) > 1 and (words[0].lower() in _JOINERS or
                              (words[0].endswith(",") and words[0][:-1].lower() in _CONNECTIVES)):
        words = words[1].split(" ", 1)
    first = words[0]
    if first.lower() in _FUNCTION_WORDS and first[:1].isupper():
        return first.lower() + (f" {words[1]}" if len(words) > 1 else "")
    return " ".join(words)


_OPENING = re.compile(r'"(?=\w)')


def closed(words: str) -> str:
    """Reported words whose last quotation opens and is never closed ('willing to co-operate with "any efforts
    towards stability': the extractor kept the words, not the mark after them) with the closing mark added; a
    reader otherwise sees a quote cut short."""
    if words.rfind("“") > words.rfind("”"):
        return words + "”"
    last = words.rfind('"')
    if words.count('"') % 2 and last >= 0 and _OPENING.match(words, last):
        return words + '"'
    return words


def quote_line(item: dict[str, Any], name: Callable[[str], str] = PLAIN, text: Callable[[str], str] = PLAIN,
               language: str = DEFAULT) -> str:
    """A direct quote in quote marks; a paraphrase as reported speech with its reporting verb,
    never in quote marks: 'X denied that …', 'According to X, …', 'X told … that …'. The words the bot
    adds ('According to', 'that', 'Unattributed', a missing verb's 'said') are the desk's `language`;
    the quote and the article's own verb are as written."""
    speaker = item.get("speaker")
    role = item.get("speaker_role")
    lead = str(speaker or "")
    lead = lead[:1].upper() + lead[1:]  # "the former head of ..." opens the line
    who = name(lead) + (f" ({text(str(role))})" if role and speaker else "")
    verb = reported_verb(verb_of(item, language))
    words = str(item.get("quote") or item.get("text") or "")
    if item.get("kind") == "paraphrase":
        clause = text(closed(reported_clause(words)))
        if not speaker:
            return say("unattributed_reported", language, clause=clause)
        if verb.lower() in _ACCORDING:
            source = name(str(speaker)) + (f" ({text(str(role))})" if role else "")
            return say("according_to", language, who=source, clause=clause)
        if item.get("language") not in (None, "en"):  # "X negó que …": the article's verb and clause as written
            said = words.strip()
            joint = " " if said[:1].islower() else ": "  # "…, reveló X": "X reveló: En los últimos …"
            return f"{who} {text(verb)}{joint}{text(said)}"
        listener = " …" if verb.lower() in _NEEDS_LISTENER else ""
        return f"{who} {verb}{listener} {say('that', language)} {clause}"
    if not speaker:
        return say("unattributed", language, quote=text(words))
    said = f" {verb}" if verb.lower() not in _NEUTRAL else ""
    joint = " " if verb.endswith(" as") else ": "  # "X described the plan as “…”": the words are its object's
    return f"{who}{said}{joint}“{text(words)}”"


TYPE_WORDS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place",
              "NORP": "group", "EVENT": "event", "PRODUCT": "product", "WORK_OF_ART": "work",
              "LAW": "law"}


def type_word(label: str | None, language: str = DEFAULT) -> str:
    """spaCy's label in words: PERSON → person, ORG → organisation, GPE → place (persona, lugar …)."""
    return say("type_" + TYPE_WORDS.get(str(label or "").upper(), "name"), language)


_AFFILIATION = re.compile(
    r"\b(party|partido|movement|alliance|coalition|front|bloc|union|cartel|gang|group|faction|caucus)\s*$",
    re.IGNORECASE)


def split_roles(roles: list[str]) -> tuple[list[str], list[str]]:
    """(roles, affiliations): 'Somos Perú party' is whom someone belongs to, not what they do."""
    kept: list[str] = []
    affiliations: list[str] = []
    for role in roles:
        (affiliations if _AFFILIATION.search(str(role)) else kept).append(str(role))
    return kept, affiliations


def roles_once(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items with a speaker's role shown on their first quote only: a page of one person's quotes
    should not repeat 'former public security vice minister, director of ...' on every line."""
    seen: set[str] = set()
    shown = []
    for item in items:
        speaker = item.get("speaker")
        if speaker and item.get("speaker_role") and speaker in seen:
            item = {**item, "speaker_role": None}
        if speaker:
            seen.add(str(speaker))
        shown.append(item)
    return shown


def not_analysed(article_language: str | None, language: str = DEFAULT) -> str:
    """What a line says of an article in a language the archive does not analyse: it is there, found by its
    words, but none of its facts, quotes or names were read (" — fr, not analysed"); nothing otherwise."""
    return "" if is_analysed(article_language) else f" — {say('not_analysed', language, code=article_language)}"


def item_line(action: str, item: dict[str, Any], name: Callable[[str], str] = PLAIN,
              text: Callable[[str], str] = PLAIN, language: str = DEFAULT) -> str:
    """One item of any action but `who` as a reader sees it, without its citation; the bot's own words
    (dates, labels) in the desk's `language`, the article's words as written."""
    if action == "facts" and item.get("value") is not None:
        return fact_line(item, name, text, language)
    if action == "quotes" and (item.get("speaker") or item.get("quote")):
        return quote_line(item, name, text, language)
    if action == "timeline" and item.get("date"):
        return f"{name(human_date(str(item['date']), language))} — {text(str(item.get('text') or ''))}"
    if action in ("search", "latest") and item.get("title"):
        snippet = item.get("snippet") or ""
        head = (f"{name(str(item['title']))} ({human_date(item.get('published'), language)})"
                f"{not_analysed(item.get('language'), language)}")
        return f"{head}: {text(str(snippet))}" if snippet else head
    return text(str(item.get("text") or ""))


def who_lines(item: dict[str, Any], name: Callable[[str], str] = PLAIN, text: Callable[[str], str] = PLAIN,
              cite: Callable[[Any], str] = lambda _: "", language: str = DEFAULT) -> list[str]:
    """A person or organisation: what they are, roles and affiliations, other spellings, coverage (cited),
    each quote with its own citation, then who they appear with (uncited: it is a count, not a claim)."""
    full = str(item.get("name") or "")
    lines = [f"{name(full)} — {type_word(item.get('type'), language)}"]
    roles, affiliations = split_roles([str(r) for r in item.get("roles") or []])
    if roles:
        lines.append(say("roles", language, roles=text("; ".join(roles))))
    if affiliations:
        lines.append(say("affiliations", language, affiliations=text("; ".join(affiliations))))
    aliases = [str(a) for a in item.get("aliases") or [] if str(a) != full]
    if aliases:
        lines.append(say("also_written", language, aliases=text(", ".join(aliases))))
    if item.get("namesakes"):  # other people the name typed may mean: said, never merged into this card
        lines.append(say("namesakes", language, names=text(", ".join(str(n) for n in item["namesakes"]))))
    n = item.get("mentions")
    if n is not None:
        marks = [c for c in (cite(a) for a in item.get("article_ids") or [item.get("source_id")]) if c]
        cited = " ".join(marks)
        if cited and len(marks) < n:
            cited = say("newest", language, marks=cited)
        lines.append(say("in_articles", language, count=n, noun=plural(n, language)) + (f" {cited}" if cited else ""))
    for quote in item.get("quotes") or []:
        q = quote if isinstance(quote, dict) else {"quote": str(quote), "kind": "direct"}
        said = quote_line({**q, "speaker": full}, name, text, language)
        mark = cite(q.get("source_id"))
        lines.append(said + (f" {mark}" if mark else ""))
    related = [r if isinstance(r, dict) else {"name": str(r)} for r in item.get("related") or []]
    if related:
        shown = ", ".join(f"{r['name']} ({type_word(r.get('type'), language)})" if r.get("type") else str(r["name"])
                          for r in related)
        lines.append(say("appears_with", language, names=text(shown)))
    return lines
