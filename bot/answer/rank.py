"""Query-focused sentence selection across articles: the body of `/peru crime summary`.

Why this shape: a summary answer must come back inside the slash command's 50 ms p50 budget,
so selection works on the ~200 candidate sentences storage already found with FTS5/BM25, with
numpy and regex tokens only. Each candidate is scored by

* relevance: the storage BM25 (normalised over the candidates) plus how many query terms the
  sentence itself contains (BM25 is often per article, so it cannot tell its sentences apart);
* centrality: mean TF-IDF cosine to the other candidates (what several sentences agree on);
* recency: halves every RECENCY_HALF_LIFE days behind the newest candidate;
* a mild lead prior (news writes the point first), decaying over the first few sentences;

then picked greedily with MMR, so a sentence that repeats an already chosen one (the same wire
copy in two outlets) is penalised, and one above DUPLICATE cosine is never picked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np

from bot.extract.summary import Terms, gram, term_entries, tfidf_values, tokens

W_RELEVANCE = 0.45
W_CENTRALITY = 0.2
W_RECENCY = 0.2
W_LEAD = 0.1
LEAD_DECAY = 5.0  # sentences; storage positions count the title and headings, so not 1/(1+pos)
RECENCY_HALF_LIFE = 30.0  # days
MMR_LAMBDA = 0.7  # 1.0 = pure score, 0.0 = pure novelty
DUPLICATE = 0.6  # cosine above which two sentences say the same thing
MAX_CANDIDATES = 400  # the caller's cap should be lower; this one keeps a bad call cheap


@dataclass
class Candidate:
    sentence_id: int
    article_id: int
    text: str
    position: int  # sentence index within its article (0 = lead)
    published: str | None  # ISO date (YYYY-MM-DD, YYYY-MM or YYYY), None when unknown
    relevance: float  # bm25-derived, higher is better


@lru_cache(maxsize=20_000)
def sentence_tokens(text: str) -> tuple[str, ...]:
    """Tokens of a stored sentence, cached: the same sentences come back query after query, and
    tokenising ~200 candidates was a third of a summary answer's CPU on the server."""
    return tuple(tokens(text))


@lru_cache(maxsize=4096)
def parse_date(value: str | None) -> date | None:
    """The ISO date, or its first day when only YYYY-MM or YYYY is known; None when unparseable."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        nums = [int(p) for p in parts[:3]] + [1] * (3 - len(parts[:3]))
        return date(nums[0], nums[1], nums[2])
    except ValueError:
        return None


def term_key(word: str) -> str:
    """A crude stem (first five letters) so "prisons" meets "prison" and "extortion" "extortionists"."""
    return word[:5]


def query_coverage(terms: Terms, query_terms: list[str]) -> np.ndarray:
    """How much of the query each sentence contains: 1.0 from two distinct terms (or the only one).

    Why saturate: a topic expands to a dozen lexicon terms ("crime" -> violence, insecurity,
    ...), and a sentence is on topic with one or two of them; a multi-word term needs all words.
    """
    wanted = {tuple(term_key(w) for w in tokens(t)) for t in query_terms}
    wanted.discard(())
    hits = np.zeros(terms.n_docs)
    if not wanted:
        return hits
    keys = {k for term in wanted for k in term}
    by_key: dict[str, list[int]] = {}
    for word, col in terms.vocab.items():
        if word[:5] in keys:
            by_key.setdefault(term_key(word), []).append(col)
    for term in wanted:
        has_all = np.ones(terms.n_docs, dtype=bool)
        for key in term:
            has = np.zeros(terms.n_docs, dtype=bool)
            has[terms.rows[np.isin(terms.cols, by_key.get(key, []))]] = True
            has_all &= has
        hits += has_all
    return np.minimum(hits / min(len(wanted), 2), 1.0)


def recency(candidates: list[Candidate], today: str | None) -> np.ndarray:
    """1.0 for the newest candidate, halving every RECENCY_HALF_LIFE days; 0 when undated.

    A date after `today` is a parsing or feed error, so it counts as undated: a mis-dated
    article must not outrank real news.
    """
    cap = parse_date(today)
    dates = [parse_date(c.published) for c in candidates]
    if cap:
        dates = [d if d and d <= cap else None for d in dates]
    known = [d for d in dates if d]
    if not known:
        return np.zeros(len(candidates))
    newest = max(known)
    return np.array([0.5 ** ((newest - d).days / RECENCY_HALF_LIFE) if d else 0.0 for d in dates])


def normalise(x: np.ndarray) -> np.ndarray:
    """Scale to [0, 1] over the candidates; all-equal values become 1 (they cannot rank)."""
    lo, hi = float(x.min()), float(x.max())
    return np.ones_like(x) if hi - lo < 1e-12 else (x - lo) / (hi - lo)


def base_scores(
    candidates: list[Candidate], terms: Terms, sim: np.ndarray, query_terms: list[str], today: str | None
) -> np.ndarray:
    """The blended, query-focused score of each candidate before redundancy is considered."""
    bm25 = normalise(np.array([c.relevance for c in candidates], dtype=np.float64))
    relevance = 0.5 * bm25 + 0.5 * query_coverage(terms, query_terms)
    n = len(candidates)
    central = (sim.sum(axis=1) - np.diag(sim)) / max(n - 1, 1)
    central = central / max(float(central.max()), 1e-9)
    lead = np.exp(-np.array([max(c.position, 0) for c in candidates], dtype=np.float64) / LEAD_DECAY)
    return W_RELEVANCE * relevance + W_CENTRALITY * central + W_RECENCY * recency(candidates, today) + W_LEAD * lead


def mmr(score: np.ndarray, sim: np.ndarray, n: int) -> list[int]:
    """Greedy maximal marginal relevance; near-duplicates of a chosen sentence are never chosen."""
    chosen: list[int] = []
    redundancy = np.zeros(len(score))
    alive = np.ones(len(score), dtype=bool)
    while len(chosen) < n and alive.any():
        value = np.where(alive, MMR_LAMBDA * score - (1.0 - MMR_LAMBDA) * redundancy, -np.inf)
        best = int(np.argmax(value))  # first index on ties: candidates are pre-sorted
        chosen.append(best)
        alive[best] = False
        redundancy = np.maximum(redundancy, sim[best])
        alive &= sim[best] < DUPLICATE
    return chosen


def select(
    candidates: list[Candidate], query_terms: list[str], n: int = 5, today: str | None = None
) -> list[Candidate]:
    """Up to `n` candidates, best first, for a query-focused multi-article summary.

    Deterministic: candidates are first put in (article_id, position, sentence_id) order, so the
    caller's order never changes the answer. Exact repeats need no special case: their cosine is
    1, so MMR keeps the better-scored copy (the newer, or the more relevant).
    """
    if n <= 0 or not candidates:
        return []
    pool = sorted(candidates, key=lambda c: (-c.relevance, c.article_id, c.position, c.sentence_id))[:MAX_CANDIDATES]
    pool.sort(key=lambda c: (c.article_id, c.position, c.sentence_id))
    terms = term_entries([sentence_tokens(c.text) for c in pool])
    sim = gram(terms, tfidf_values(terms))
    score = base_scores(pool, terms, sim, query_terms, today)
    return [pool[i] for i in mmr(score, sim, n)]
