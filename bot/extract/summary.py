"""A per-article extractive summary, computed at ingest for every article.

Why this shape: ingest must stay within 25 % of spaCy's own cost (DESIGN.md budgets), so the
summary uses regex tokens and numpy only, never another spaCy call (about 1 ms an article).
A sentence's salience blends, through logistic weights fitted on BBC News Summary business +
entertainment (bench/summary.py):

* two graph centralities (PageRank): TextRank-style word overlap, and TF-IDF cosine (LexRank);
  the sentences the rest of the article keeps returning to are the story;
* similarity to the title: the headline names the story;
* length, numbers and a mild lead prior: short fragments ("He said.") carry little, figures
  are news, and news copy puts the point first.

Only the first MAX_SENTENCES body sentences (and MAX_CHARS of each) are read, so a 5 MB
article costs the same as a long ordinary one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

MAX_SENTENCES = 300  # body sentences considered; later ones are never chosen
MAX_TOKENS = 120  # tokens read per sentence: caps a pathological "sentence" with no full stop
MAX_CHARS = 2000  # characters read per sentence, for the same reason
DAMPING = 0.85

# Logistic weights over FEATURES, fitted on BBC business + entertainment (target: is the sentence
# in the human extract?). The fit gave the lead sentence ~0; is_first keeps a mild 0.2 because
# real desk copy puts the news first (it costs < 0.2 ROUGE on the dev topics). The probability is
# multiplied by length ** LENGTH_POWER: a long sentence that is in the extract covers more of it.
FEATURES = ("log_overlap_rank", "log_tfidf_rank", "title_sim", "has_number", "log_length", "is_first", "bias")
WEIGHTS = (4.4, 0.5, 1.3, 0.13, -0.26, 0.2, 0.26)
LENGTH_POWER = 0.6

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves said says say told mr mrs ms one two new year years""".split()
)


def tokens(text: str) -> list[str]:
    """Content tokens, lower-cased; no stemming (it made the centrality worse on the bench)."""
    return [w for w in _WORD.findall(text[:MAX_CHARS].lower())[:MAX_TOKENS] if w not in STOPWORDS and len(w) > 1]


@dataclass
class Terms:
    """Token lists as sparse (doc, term, count) entries, grouped by term.

    Why sparse: a sentence has ~12 distinct content words out of a vocabulary of hundreds, so
    every similarity here is computed from the nonzeros, never from a dense matrix product.
    """

    rows: np.ndarray  # doc index of each entry
    cols: np.ndarray  # term index of each entry, non-decreasing
    counts: np.ndarray  # occurrences of the term in the doc
    n_docs: int
    vocab: dict[str, int]


def term_entries(docs: Sequence[Sequence[str]]) -> Terms:
    """The distinct (doc, term) pairs of `docs` with their counts."""
    vocab: dict[str, int] = {}
    ids = np.array([vocab.setdefault(w, len(vocab)) for doc in docs for w in doc], dtype=np.intp)
    n = max(len(docs), 1)
    rows = np.repeat(np.arange(len(docs), dtype=np.intp), [len(doc) for doc in docs])
    keys, counts = np.unique(ids * n + rows, return_counts=True)  # sorted: grouped by term
    return Terms(keys % n, keys // n, counts.astype(np.float64), len(docs), vocab)


def tfidf_values(t: Terms) -> np.ndarray:
    """TF-IDF weight of each entry, normalised per doc so that `gram` gives cosines."""
    df = np.bincount(t.cols, minlength=len(t.vocab))
    idf = np.log((1.0 + t.n_docs) / (1.0 + df)) + 1.0
    vals = np.log1p(t.counts) * idf[t.cols]
    norms = np.sqrt(np.bincount(t.rows, weights=vals * vals, minlength=t.n_docs))
    return vals / np.maximum(norms, 1e-9)[t.rows]


def gram(t: Terms, va: np.ndarray, vb: np.ndarray | None = None) -> np.ndarray:
    """The doc x doc matrix A @ B.T where A and B hold the values `va` and `vb` at t's entries.

    Why not BLAS: besides the zeros, OpenBLAS spreads even a 200 x 200 product over threads,
    which on a busy server measured 20-50x slower than this pairing of entries per term.
    """
    vb = va if vb is None else vb
    n = t.n_docs
    df = np.bincount(t.cols, minlength=len(t.vocab))
    reps = df[t.cols]  # each entry pairs with every entry of its term
    left = np.repeat(np.arange(len(t.cols)), reps)
    first = np.cumsum(reps) - reps
    starts = np.cumsum(df) - df
    right = np.repeat(starts[t.cols], reps) + np.arange(len(left)) - np.repeat(first, reps)
    flat = t.rows[left] * n + t.rows[right]
    return np.bincount(flat, weights=va[left] * vb[right], minlength=n * n).reshape(n, n)


def overlap_graph(t: Terms) -> np.ndarray:
    """TextRank-style edges: shared word occurrences over sqrt(len_i * len_j).

    Why not only cosine: this weighting keeps a mild preference for long sentences that
    share many words with the rest, which is what human extracts pick (bench/summary.py).
    """
    lengths = np.maximum(np.bincount(t.rows, weights=t.counts, minlength=t.n_docs), 1.0)
    return gram(t, np.ones_like(t.counts), t.counts) / np.sqrt(np.outer(lengths, lengths))


def centrality(sim: np.ndarray, damping: float = DAMPING, iterations: int = 50) -> np.ndarray:
    """PageRank over a similarity graph, scaled so the mean node is 1.0.

    Why power iteration rather than degree: a sentence similar to other central sentences is
    itself central, which degree alone does not see. The self-loop is removed so a sentence
    cannot vote for itself.
    """
    n = sim.shape[0]
    if n == 0:
        return np.zeros(0)
    w = sim.astype(np.float64)
    np.fill_diagonal(w, 0.0)
    rows = w.sum(axis=1, keepdims=True)
    trans = np.where(rows > 0, w / np.maximum(rows, 1e-12), 1.0 / n)
    p = np.full(n, 1.0 / n)
    for _ in range(iterations):
        nxt = (1.0 - damping) / n + damping * (p @ trans)
        done = np.abs(nxt - p).sum() < 1e-7
        p = nxt
        if done:
            break
    return p * n


def feature_matrix(body: list[str], title: str = "") -> np.ndarray:
    """One row per body sentence, one column per name in FEATURES."""
    toks = [tokens(s) for s in body]
    n = len(body)
    terms = term_entries(toks + [tokens(title)])  # the title is the last doc
    cosine = gram(terms, tfidf_values(terms))
    overlap = centrality(overlap_graph(terms)[:n, :n])
    tfidf = centrality(cosine[:n, :n])
    lengths = np.array([len(t) for t in toks], dtype=np.float64)
    return np.column_stack(
        [
            np.log(np.maximum(overlap, 1e-3)),
            np.log(np.maximum(tfidf, 1e-3)),
            cosine[:n, n],
            np.array([any(c.isdigit() for c in s) for s in body], dtype=np.float64),
            np.log1p(lengths),
            (np.arange(n) == 0).astype(np.float64),
            np.ones(n),
        ]
    )


def sentence_scores(
    sentences: list[str], kinds: list[str] | None = None, weights: tuple[float, ...] = WEIGHTS
) -> tuple[list[int], np.ndarray]:
    """The considered body-sentence indices and their salience scores (higher is better)."""
    kinds = list(kinds or ["body"] * len(sentences))
    body = [i for i, k in enumerate(kinds[: len(sentences)]) if k == "body"][:MAX_SENTENCES]
    if not body:
        return [], np.zeros(0)
    title = " ".join(s for s, k in zip(sentences, kinds, strict=False) if k == "title")
    x = feature_matrix([sentences[i] for i in body], title)
    prob = 1.0 / (1.0 + np.exp(-(x @ np.asarray(weights))))
    length = np.maximum(np.expm1(x[:, FEATURES.index("log_length")]), 1.0)
    return body, prob * length**LENGTH_POWER


def summarize(sentences: list[str], n: int = 3, kinds: list[str] | None = None) -> list[int]:
    """Indices, in article order, of the `n` most salient body sentences of one article.

    Titles and headings are never chosen (they are labels, not statements); ties go to the
    earlier sentence so the output is deterministic.
    """
    if n <= 0:
        return []
    body, score = sentence_scores(sentences, kinds)
    order = sorted(range(len(body)), key=lambda j: (-score[j], j))
    return sorted(body[j] for j in order[:n])
