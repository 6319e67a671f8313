"""Linking a stored article to the earlier coverage of its story (the core of Miranda et al., EMNLP 2018,
without the learned weights): shared people, organisations and places, TF-IDF similarity of the words,
and a time decay, compared only with the articles that share a name or a key word inside the window.

Rules a newsroom can rely on:
- An article is linked (listed by `/news related`) to every earlier article that passes THRESHOLD in the
  story of its best-scoring one; with none, it starts a story and is linked to nothing (a false "follows
  earlier coverage" costs more trust than a missed one).
- Joining a story is stricter than a link, because membership is transitive and links chain: on a
  one-beat desk archive A follows B on one gang and B follows C on another, and a digest (one section per
  story) would show one 13-article "story". A story of fewer than CORE_MIN articles in the window is
  joined only on a link of JOIN_SCORE (= MERGE_SCORE: a link that could bridge two stories); a bigger one
  on any passing link, its core terms (below) guarding it. Otherwise the article tries the next story or
  starts its own, and its weaker links stay listed as related.
- A place shared is no evidence on its own ("Lima", "United States"): when the articles share no person,
  organisation or building, their names count for nothing and their words alone must be alike enough
  (WORDS_ALONE) and pass the threshold.
- A name is evidence only when it tells stories apart. The publisher's own name ("InSight Crime" in an
  InSight Crime article, "BBC" in a BBC one: its source, or its site's name) and a name common in the
  archive (in at least COMMON_SHARE of the articles stored so far, once there are COMMON_MIN of them:
  a licence line's "Creative Commons", a junk "General's Office" in every prosecutor story of a crime
  desk) count as a place does: they add nothing to the names' similarity and do not make a pair more
  than places-shared.
- A place is a place whatever the tagger called it in this article: a name whose key is stored as a GPE
  or LOC anywhere, that a desk lists as one of its places, or that is a country, counts as a place
  ("Arequipa" or "Paraguay" tagged ORG).
- A story of several articles has core terms: the words and names most of its articles share that are
  rare in the archive ("S5", "Michelle Obama"). An article that matches its articles but mentions none
  of them (a rival phone's review, a biography of the husband) is related coverage, not the same story:
  it may not join it, and tries the next story or starts its own.
- "Earlier" is published earlier; same day, stored earlier; an undated article counts as published on the
  day it was stored.
- Archives arrive out of order. An article stored after newer ones also looks forward: the newer articles
  of the story it joined that score with it are linked to it (it is earlier coverage for them); a newer
  article that started a story nobody joined, and follows this one, is linked and moves into its story
  when the link may join it (above); when this one has no earlier story, it joins the story of the newer
  articles that follow it, on the same terms, and becomes its first article.
- An article that follows two stories strongly, when the stories are also alike as wholes, shows they are
  fragments of one (an article with no match in the window started one and later articles joined it):
  they merge into the oldest story, and a merged story's id still resolves to it
  (`storage.stories.resolve_story`), so an id a digest or an answer showed keeps meaning that story.
- Re-analysis (`newsbot ingest --reanalyse`) keeps ids: the article's index and both ways of its links
  are recomputed; without an earlier match it keeps the story it had if it is still that story's first.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit

import sqlite_utils

from bot.desks import country_keys, load_desks
from bot.entities import PLACE_TYPES
from bot.stories.terms import cosine, idf, term_counts, unit_vector
from storage import stories
from storage.db import transaction

# Tuned with bench/related.py on WikiRef220 and the Timeline17 dev topics (haiti, H1N1); see bench/README.md.
WINDOW_DAYS = 60  # candidates come from this many days either side
DECAY_DAYS = 90.0  # score * exp(-days apart / DECAY_DAYS): a week apart keeps 93 %, a month 72 %
WORD_WEIGHT = 0.85  # score = (WORD_WEIGHT * words cosine + (1 - WORD_WEIGHT) * names cosine) * decay
THRESHOLD = 0.085  # low: a story's core terms (below) keep the joins it lets through honest
MERGE_SCORE = 0.17  # an article matching two stories at least this well each (its best article in each) ...
MERGE_STORY = 0.15  # ... bridges them when the stories are this alike as wholes (their centroids' score, no decay)
STORY_MEMBERS = 40  # a story's centroid: its latest articles in the window
WORDS_ALONE = 0.15  # with only places shared, the names count for nothing and the words must reach this
COMMON_SHARE = 0.5  # a name in at least this share of the archive's articles is no evidence of one story ...
COMMON_MIN = 10  # ... once it is in at least this many (early on, a story's own names are in most articles)
KEEP_WORDS = 150  # strongest words kept in an article's vector
KEEP_NAMES = 200
INDEX_WORDS = 20  # strongest words indexed (and searched) beside all of its names
SEARCHED_KEYS = 40  # the article's strongest names and words that find candidates
CANDIDATES = 40  # candidates scored in full, best first by their shared keys
SHOWN_NAMES = 8
CORE_MIN = 8  # a story of at least this many articles (in the window) has core terms ...
CORE_SHARE = 0.8  # ... those in at least this share of its articles ...
CORE_IDF = 2.5  # ... and distinctive in the archive (idf at least this); a joining article needs one of them
CORE_COUNT = 2  # ... mentioned at least this many times (the title counts twice)
JOIN_SCORE = MERGE_SCORE  # a story too small for core terms is joined only on a link that could bridge two stories


@dataclass
class Match:
    article_id: int
    story_id: int | None
    earlier: bool
    score: float
    similarity: float
    shared: list[str] = field(default_factory=list)
    names: float = 0.0  # the names cosine
    days: int = 0

    @property
    def reasons(self) -> dict:
        return {"shared": self.shared, "similarity": round(self.similarity, 3)}


@dataclass
class Linked:
    """What linking did to one article: its story, and whether it follows earlier coverage."""

    story_id: int
    earlier: list[Match]
    later: list[Match]


def day_of(published: str | None, stored: str) -> str:
    """The article's day for ordering and decay: its published date (a month or a year as its middle),
    or, undated, the day it was stored."""
    if not published:
        return stored[:10]
    parts = published[:10].split("-")
    if len(parts) == 1:
        return f"{parts[0]}-07-01"
    if len(parts) == 2:
        return f"{parts[0]}-{parts[1]}-15"
    return published[:10]


def _shift(day: str, days: int) -> str:
    return date.fromordinal(date.fromisoformat(day).toordinal() + days).isoformat()


def days_apart(a: str, b: str) -> int:
    return abs(date.fromisoformat(a).toordinal() - date.fromisoformat(b).toordinal())


def decay(days: int) -> float:
    return math.exp(-days / DECAY_DAYS)


def link_article(db: sqlite_utils.Database, article_id: int) -> Linked | None:
    """Index one stored article and (re)link it: its story, its earlier and later related articles."""
    with transaction(db):
        art = stories.article(db, article_id)
        if art is None:
            return None
        day = day_of(art.published, art.ingested_at)
        names = as_places(db, stories.article_entities(db, article_id))
        vector, keys, df = _index(db, art, day, names)
        weak = _common(df, names) | _publishers_named(names, art.source, art.url)
        matches = _matches(db, art.id, day, vector, keys, names, weak)
        return _place(db, art, matches, day)


def as_places(db: sqlite_utils.Database, names: list[tuple]) -> list[tuple]:
    """The article's names, each typed as a place when it is one anywhere: a key some stored entity has
    as GPE or LOC, or a place a desk lists ("Arequipa" tagged ORG is still a city)."""
    places = stories.seen_as_place(db, [n[0] for n in names], known_place_keys())
    return [(eid, name, "GPE" if eid in places and etype not in PLACE_TYPES else etype, n)
            for eid, name, etype, n in names]


@lru_cache(maxsize=1)
def known_place_keys() -> frozenset[str]:
    """The name keys of every place the desks list (seeds/desks.toml) and of every country (ISO 3166, through
    pycountry: short, common and official names). The small model calls a country an organisation in every
    article now and then (InSight Crime's "Paraguay", ORG in all six), and then no stored type says place."""
    desks = {k for desk in load_desks().values() for k in desk.place_keys}
    return frozenset(desks | country_keys())


def _letters(text: str) -> str:
    """Only the letters, folded: "InSight Crime", "insightcrime.org" and "Insight-Crime" compare equal."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalpha())


SITE_WORDS = {"www", "com", "org", "net", "news", "co", "uk", "gov", "edu", "html", "amp", "m"}


def publisher_keys(source: str | None, url: str | None) -> set[str]:
    """How an article's publisher is written, as letters: its source, and the labels of its site's host
    ("www.insightcrime.org" -> "insightcrime")."""
    keys = {_letters(source)} if source else set()
    host = urlsplit(url).hostname or "" if url else ""
    keys |= {_letters(label) for label in host.split(".") if label not in SITE_WORDS}
    return {k for k in keys if len(k) >= 3}


def _publishers_named(names: list[tuple], source: str | None, url: str | None) -> set[str]:
    """The keys of the article's names that are its publisher: its own byline, never evidence of a story."""
    mine = publisher_keys(source, url)
    return {f"e:{eid}" for eid, name, _type, _n in names if mine and _letters(name) in mine}


def _common(df: dict[str, int], names: list[tuple]) -> set[str]:
    """The keys of the article's names that are common in the archive: found across its stories, they
    tell none of them apart."""
    total = df.get("", 1)
    keys = (f"e:{eid}" for eid, _name, _type, _n in names)
    return {k for k in keys if df.get(k, 0) >= max(COMMON_MIN, COMMON_SHARE * total)}


def _index(
    db: sqlite_utils.Database, art: stories.Stored, day: str, names: list[tuple],
) -> tuple[dict, list[str], dict[str, int]]:
    """Count the article's terms into the archive's frequencies, store its vectors and keys; return its
    vectors, the keys to search candidates by, and the archive's frequencies of its terms."""
    counts: Counter[str] = term_counts(art.title, art.text)
    entity_counts = {f"e:{eid}": n for eid, _name, _type, n in names}
    old = stories.old_counts(db, art.id)
    if old is not None:
        stories.count_terms(db, list(old), -1)
    every = {**counts, **entity_counts, "": 1}
    stories.count_terms(db, list(every), +1)
    df = stories.frequencies(db, list(every))
    total = df.get("", 1)
    vector = {"w": unit_vector(counts, df, total, KEEP_WORDS), "e": unit_vector(entity_counts, df, total, KEEP_NAMES)}
    words = list(vector["w"])[:INDEX_WORDS]
    keys = [*entity_counts, *words]
    stories.save_index(db, art.id, day, dict(every), vector, keys)
    weight = {**vector["w"], **vector["e"]}
    searched = sorted(keys, key=lambda k: -weight.get(k, 0.0))[:SEARCHED_KEYS]
    return vector, searched, df


def _matches(
    db: sqlite_utils.Database, article_id: int, day: str, vector: dict, keys: list[str], names: list[tuple],
    weak: set[str] = frozenset(),
) -> list[Match]:
    """The scored candidates that pass: same names or words, inside the window, past the threshold."""
    weight = {**vector["w"], **vector["e"]}
    found = stories.sharing(db, keys, _shift(day, -WINDOW_DAYS), _shift(day, WINDOW_DAYS), article_id)
    prescore: Counter[int] = Counter()
    for other, key in found:
        prescore[other] += weight.get(key, 0.0)
    best = [other for other, _ in prescore.most_common(CANDIDATES)]
    kinds = {f"e:{eid}": (name, etype) for eid, name, etype, _n in names}
    out = []
    for cand in stories.indexed(db, best):
        match = score(vector, day, article_id, cand, kinds, weak)
        if match is not None:
            out.append(match)
    return sorted(out, key=lambda m: -m.score)


def score(
    vector: dict, day: str, article_id: int, cand: stories.Indexed, kinds: dict, weak: set[str] = frozenset(),
) -> Match | None:
    """The pair's score and reasons, or None when it does not pass (threshold, or only places shared).
    `weak`: the keys of names that are no evidence (common, the publisher's); the candidate's own
    publisher's name is no evidence either."""
    words = cosine(vector["w"], cand.vector.get("w", {}))
    theirs = cand.vector.get("e", {})
    shared_keys = [k for k in vector["e"] if k in theirs]
    pub = publisher_keys(cand.source, cand.url)
    evidence = [k for k in shared_keys if k not in weak and not (pub and _letters(kinds.get(k, ("",))[0]) in pub)]
    distinctive = any(kinds.get(k, ("", "GPE"))[1] not in PLACE_TYPES for k in evidence)
    names = sum(vector["e"][k] * theirs[k] for k in evidence) if distinctive else 0.0
    apart = days_apart(day, cand.day)
    total = (WORD_WEIGHT * words + (1 - WORD_WEIGHT) * names) * decay(apart)
    if total < THRESHOLD or not (distinctive or words >= WORDS_ALONE):
        return None
    evidence.sort(key=lambda k: -(vector["e"][k] * theirs[k]))
    shown = [kinds[k][0] for k in evidence if k in kinds][:SHOWN_NAMES]
    earlier = (cand.day, cand.id) < (day, article_id)
    return Match(cand.id, cand.story_id, earlier, round(total, 4), words, shown, names, apart)


def _place(
    db: sqlite_utils.Database, art: stories.Stored, matches: list[Match], day: str,
) -> Linked:
    """Choose the article's story from its matches, move followers that started lone stories, write links.
    The links are those to the story of its best match (the related list); joining is stricter
    (`_strong_enough`): an article linked to a small story only weakly is listed as related to it but
    starts its own."""
    earlier = [m for m in matches if m.earlier and m.story_id is not None]
    earlier = _sharing_core(db, art.id, day, earlier)
    later = [m for m in matches if not m.earlier and m.story_id is not None]
    joinable = _strong_enough(db, art.id, day, earlier)
    if joinable:
        story = _bridge(db, art.id, day, joinable, matches)
    elif later and _may_join(db, art.id, day, later[0].story_id, later[0].score):
        story = later[0].story_id
    elif stories.story_exists(db, art.story_id) and stories.first_article(db, art.story_id) == art.id:
        story = art.story_id
    else:
        story = stories.new_story(db, art.id, art.title)
    listed = {story, *(m.story_id for m in earlier[:1])}
    back = [m for m in earlier if m.story_id in listed]
    lone = [m for m in later if m.story_id != story and m.story_id != art.story_id
            and stories.story_size(db, m.story_id) == 1]
    moved = [m for m in lone if _may_join(db, m.article_id, day, story, m.score)]
    shown = {story, *(m.story_id for m in later[:1])}
    forward = [m for m in later if m.story_id in shown or any(m is x for x in lone)]
    stories.join_story(db, [art.id, *(m.article_id for m in moved)], story)
    stories.replace_links(db, art.id, [(m.article_id, m.score, m.reasons) for m in back],
                          [(m.article_id, m.score, m.reasons) for m in forward])
    return Linked(story, back, forward)


def _strong_enough(db: sqlite_utils.Database, article_id: int, day: str, earlier: list[Match]) -> list[Match]:
    """The matches whose story the article may join. Links chain: on a one-beat archive A follows B on
    one shared gang and B follows C on another, and membership, unlike a link, is transitive. A story
    with core terms is guarded by them (`_sharing_core`); a smaller one is joined only on a strong link
    (its best article at JOIN_SCORE or more). A weaker link is still listed as related."""
    best: dict[int, float] = {}
    for m in earlier:
        best.setdefault(m.story_id, m.score)
    allowed = {s for s, sc in best.items() if _may_join(db, article_id, day, s, sc)}
    return [m for m in earlier if m.story_id in allowed]


def _may_join(db: sqlite_utils.Database, article_id: int, day: str, story: int | None, score: float) -> bool:
    """Whether a link of this score is enough to join the story: always at JOIN_SCORE, and below it only
    when the story has at least CORE_MIN articles in the window (big enough for core terms, which guard
    it; a story that is most of the archive has none that are distinctive, and needs no other guard)."""
    if story is None:
        return False
    if score >= JOIN_SCORE:
        return True
    members = stories.story_size_between(db, story, _shift(day, -WINDOW_DAYS), _shift(day, WINDOW_DAYS),
                                         article_id, CORE_MIN)
    return members >= CORE_MIN


def _bridge(db: sqlite_utils.Database, article_id: int, day: str, earlier: list[Match], matches: list[Match]) -> int:
    """The story of the best earlier match. When the article also follows other stories strongly
    (MERGE_SCORE with its best article in each) and each of them is like the first as a whole (centroids
    MERGE_STORY), they are fragments of one story: an article with no match in the window started one,
    later articles joined it. They merge into the oldest, whose id stays (the others' ids resolve to it),
    and the matches are told. The story-level test keeps one article that spans two neighbouring
    stories (two wars of one season, a product and its market) from fusing them."""
    best: dict[int, Match] = {}
    for m in earlier:
        best.setdefault(m.story_id, m)
    story = earlier[0].story_id
    others = [s for s, m in best.items() if s != story and m.score >= MERGE_SCORE]
    if best[story].score < MERGE_SCORE or not others:
        return story
    mine = _centroids(db, story, article_id, day)
    fragments = [story, *(s for s in others if _alike(mine, _centroids(db, s, article_id, day)) >= MERGE_STORY)]
    if len(fragments) < 2:
        return story
    merged = stories.merge_stories(db, fragments)
    for m in matches:
        if m.story_id in fragments:
            m.story_id = merged
    return merged


def _sharing_core(db: sqlite_utils.Database, article_id: int, day: str, earlier: list[Match]) -> list[Match]:
    """The matches whose story the article may join: a story of several articles has core terms (names
    and words most of its articles share, distinctive in the archive), and an article with none of them
    is related coverage, not the same story."""
    if CORE_MIN <= 0 or not earlier:
        return earlier
    own = stories.old_counts(db, article_id) or {}
    allowed: dict[int, bool] = {}
    for m in earlier:
        if m.story_id not in allowed:
            core = _core(db, m.story_id, article_id, day)
            allowed[m.story_id] = core is None or any(own.get(t, 0) >= CORE_COUNT for t in core)
    return [m for m in earlier if allowed[m.story_id]]


def _core(db: sqlite_utils.Database, story: int, article_id: int, day: str) -> set[str] | None:
    """The story's core terms, or None when it has too few articles in the window to say (or none of its
    common terms is distinctive: early in an archive that is mostly this story, nothing is)."""
    members = stories.story_counts(db, story, _shift(day, -WINDOW_DAYS), _shift(day, WINDOW_DAYS), article_id,
                                   STORY_MEMBERS)
    if len(members) < CORE_MIN:
        return None
    seen: Counter[str] = Counter(t for m in members for t in m if t)
    common = [t for t, n in seen.items() if n >= CORE_SHARE * len(members)]
    df = stories.frequencies(db, [*common, ""])
    total = df.get("", 1)
    return {t for t in common if idf(df.get(t, 1), total) >= CORE_IDF} or None


def _alike(a: dict[str, dict[str, float]], b: dict[str, dict[str, float]]) -> float:
    """Two stories' score as wholes: the pair score of their centroids, without decay."""
    return WORD_WEIGHT * cosine(a["w"], b["w"]) + (1 - WORD_WEIGHT) * cosine(a["e"], b["e"])


def _centroids(db: sqlite_utils.Database, story: int, article_id: int, day: str) -> dict[str, dict[str, float]]:
    """The story's words and names centroids over its latest articles in the window (but this one)."""
    members = stories.story_vectors(db, story, _shift(day, -WINDOW_DAYS), _shift(day, WINDOW_DAYS), article_id,
                                    STORY_MEMBERS)
    return {k: _centroid(m.get(k, {}) for m in members) for k in ("w", "e")}


def _centroid(vectors: Iterable[dict[str, float]]) -> dict[str, float]:
    """The unit vectors summed and scaled to length 1."""
    total: Counter[str] = Counter()
    for v in vectors:
        total.update(v)
    norm = math.sqrt(sum(w * w for w in total.values())) or 1.0
    return {t: w / norm for t, w in total.items()}
