"""A per-article extractive summary, computed at ingest for every article.

Why this shape: ingest must stay within 25 % of spaCy's own cost (DESIGN.md budgets), so the
summary uses regex tokens and numpy only, never another spaCy call. Sentence salience is a
TF-IDF cosine graph centrality (LexRank-like power iteration), combined with a lead-position
prior (news puts the point first), a length prior (short fragments such as bylines or
"He said." carry little) and the similarity to the title (the headline names the story).
Weights were tuned on BBC News Summary business + entertainment (bench/summary.py).
Only the first `MAX_SENTENCES` body sentences are considered, so a 5 MB article costs the
same as a long ordinary one.
"""

from __future__ import annotations

import re

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


def count_matrix(docs: list[list[str]]) -> np.ndarray:
    """Term counts, one row per token list, over the vocabulary of all of them."""
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, doc in enumerate(docs):
        cols.extend(vocab.setdefault(t, len(vocab)) for t in doc)
        rows.extend([i] * len(doc))
    m = np.zeros((len(docs), max(len(vocab), 1)), dtype=np.float32)
    np.add.at(m, (np.array(rows, dtype=np.intp), np.array(cols, dtype=np.intp)), 1.0)
    return m


def tfidf_rows(counts: np.ndarray) -> np.ndarray:
    """Row-normalised TF-IDF vectors, so a dot product of two rows is their cosine.

    Terms found in one row only are dropped after normalising: they cannot add to the dot
    product of two different rows, and dropping them keeps the matrix product small.
    """
    df = np.count_nonzero(counts, axis=0)
    idf = np.log((1.0 + counts.shape[0]) / (1.0 + df)) + 1.0
    m = np.log1p(counts) * idf.astype(np.float32)
    norms = np.sqrt(np.einsum("ij,ij->i", m, m))
    return m[:, df > 1] / np.maximum(norms, 1e-9)[:, None]


def overlap_graph(counts: np.ndarray) -> np.ndarray:
    """TextRank-style edges: shared word occurrences over sqrt(len_i * len_j).

    Why not only cosine: this weighting keeps a mild preference for long sentences that
    share many words with the rest, which is what human extracts pick (bench/summary.py).
    """
    present = (counts > 0).astype(np.float32)
    lengths = np.maximum(counts.sum(axis=1), 1.0)
    return (present @ counts.T) / np.sqrt(np.outer(lengths, lengths))


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
    counts = count_matrix(toks + [tokens(title)])
    vecs = tfidf_rows(counts)
    sent_counts, sent_vecs, title_vec = counts[:-1], vecs[:-1], vecs[-1]
    overlap = centrality(overlap_graph(sent_counts))
    tfidf = centrality(sent_vecs @ sent_vecs.T)
    lengths = np.array([len(t) for t in toks], dtype=np.float64)
    n = len(body)
    return np.column_stack(
        [
            np.log(np.maximum(overlap, 1e-3)),
            np.log(np.maximum(tfidf, 1e-3)),
            sent_vecs @ title_vec if title.strip() else np.zeros(n),
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
