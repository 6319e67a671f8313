"""Score the single-article summariser on BBC News Summary against Lead-3, TextRank and LexRank.

Why: the per-article summary is shown next to every article, so it has to beat the cheap
baselines on a public corpus with human-chosen extractive references, measured in one run
with one sentence splitter for every system. Two tables come out:

* same number of sentences (default 3) for every system;
* equal word budget: every system's ranking is filled, sentence by sentence, up to the number of
  words of our summary and the last sentence is cut there, so a longer summary cannot win on
  length alone.

Usage: python bench/summary.py [--topics business,entertainment] [--limit 50] [-n 3] [--jobs 2]
The corpus is read in place (../shared/corpora/bbc-news-summary); nothing is copied.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
import time
from collections import defaultdict
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.extract.summary import summarize  # noqa: E402

# The same rule as bench/common.py: NEWSBOT_CORPORA, else ../shared/corpora beside the checkout.
CORPORA = Path(os.environ.get("NEWSBOT_CORPORA", ROOT.parent / "shared" / "corpora"))
CORPUS = CORPORA / "bbc-news-summary" / "dataset"
TOPICS = ["business", "entertainment", "politics", "sport", "tech"]
SYSTEMS = ["lead", "textrank", "lexrank", "ours"]
METRICS = ["rouge1", "rouge2", "rougeL"]

# A shared, deliberately simple splitter: end punctuation (plus closing quotes/brackets), space,
# then something that can start a sentence. Abbreviations and initials do not end a sentence.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9£$])")
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Prof|Gen|Sen|Rep|Gov|Lt|Col|Jr|Sr|Inc|Co|Corp|Ltd|vs|No)|\b[A-Z])\.$")


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph, by the shared regex rule."""
    out, start = [], 0
    for m in _BOUNDARY.finditer(paragraph):
        head = paragraph[start : m.start() + 1]
        if _ABBREV.search(head):
            continue
        out.append(paragraph[start : m.end()].strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


def split_article(text: str) -> tuple[list[str], list[str]]:
    """A BBC article as (sentences, kinds): line 1 is the title, then one paragraph per line."""
    lines = [ln.strip() for ln in text.replace("\r", "").split("\n")]
    lines = [ln for ln in lines if ln]
    if not lines:
        return [], []
    sentences, kinds = [lines[0]], ["title"]
    for para in lines[1:]:
        for s in split_sentences(para):
            sentences.append(s)
            kinds.append("body")
    return sentences, kinds


def read_text(path: Path) -> str:
    """UTF-8, falling back to Latin-1 (sport/199.txt carries a raw 0xA3 pound sign)."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def load(topics: list[str], limit: int | None) -> list[tuple[str, str, str, str]]:
    """(topic, name, article, reference) for the unique articles: byte-identical duplicates once."""
    if not CORPUS.is_dir():
        sys.exit(f"BBC News Summary not found at {CORPUS} (set NEWSBOT_CORPORA to the corpora folder)")
    seen: set[str] = set()
    items = []
    for topic in topics:
        paths = sorted((CORPUS / "News Articles" / topic).glob("*.txt"))
        count = 0
        for path in paths:
            digest = hashlib.sha1(path.read_bytes()).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            ref = read_text(CORPUS / "Summaries" / topic / path.name)
            ref = re.sub(r"([.!?])(?=[A-Z\"])", r"\1 ", ref)  # sentences are joined without a space
            items.append((topic, path.name, read_text(path), ref))
            count += 1
            if limit and count >= limit:
                break
    return items


class _WordTokenizer:
    """sumy's tokenizer interface without NLTK's punkt data (not installable here)."""

    _WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['-])*$")

    def to_words(self, sentence: str) -> tuple[str, ...]:
        import nltk

        return tuple(w for w in nltk.word_tokenize(sentence, preserve_line=True) if self._WORD.match(w))

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return (paragraph,)


def sumy_ranking(body: list[str], algorithm: str) -> list[int]:
    """All body-sentence indices, best first, as sumy's TextRank or LexRank rates them."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    tok = _WordTokenizer()
    sents = [Sentence(s, tok) for s in body]
    doc = ObjectDocumentModel([Paragraph(sents)])
    cls = TextRankSummarizer if algorithm == "textrank" else LexRankSummarizer
    summ = cls(Stemmer("english"))
    summ.stop_words = get_stop_words("english")
    captured: list = []
    summ(doc, lambda infos: captured.extend(infos) or infos)
    # sumy keys ratings by sentence text: repeated sentences share a rating; keep the stable order.
    position = {id(s): i for i, s in enumerate(sents)}
    return [position[id(info.sentence)] for info in captured]


def ours_ranking(sentences: list[str], kinds: list[str]) -> list[int]:
    """Our full ranking of body sentences (index into the body list), best first."""
    from bot.extract.summary import sentence_scores

    body_idx, score = sentence_scores(sentences, kinds)
    first_body = kinds.index("body") if "body" in kinds else 0
    order = sorted(range(len(body_idx)), key=lambda j: (-score[j], j))
    return [body_idx[j] - first_body for j in order]


def fill_to_budget(body: list[str], ranking: list[int], budget: int) -> str:
    """Sentences in ranked order until `budget` words, the last one cut; printed in article order."""
    chosen: dict[int, str] = {}
    used = 0
    for i in ranking:
        if used >= budget:
            break
        words = body[i].split()
        take = words[: budget - used]
        chosen[i] = " ".join(take)
        used += len(take)
    return " ".join(chosen[i] for i in sorted(chosen))


def evaluate(item: tuple[str, str, str, str], n: int) -> tuple[str, dict, dict, dict]:
    """Scores of every system on one article: (topic, n-sentence scores, budget scores).

    Each score dict holds rouge1/rouge2/rougeL F1 and "words", the summary's length.
    """
    from rouge_score import rouge_scorer

    topic, _name, text, ref = item
    scorer = rouge_scorer.RougeScorer(METRICS, use_stemmer=True)
    sentences, kinds = split_article(text)
    body = [s for s, k in zip(sentences, kinds, strict=True) if k == "body"]
    rankings = {
        "lead": list(range(len(body))),
        "textrank": sumy_ranking(body, "textrank"),
        "lexrank": sumy_ranking(body, "lexrank"),
        "ours": ours_ranking(sentences, kinds),
    }
    first_body = kinds.index("body") if body else 0
    picked = [i - first_body for i in summarize(sentences, n, kinds)]
    assert sorted(rankings["ours"][:n]) == picked
    fixed, budget_scores = {}, {}
    ours_text = " ".join(body[i] for i in picked)
    budget = len(ours_text.split())
    for system, ranking in rankings.items():
        summary = " ".join(body[i] for i in sorted(ranking[:n]))
        fixed[system] = {m: s.fmeasure for m, s in scorer.score(ref, summary).items()}
        fixed[system]["words"] = len(summary.split())
        capped = fill_to_budget(body, ranking, budget)
        budget_scores[system] = {m: s.fmeasure for m, s in scorer.score(ref, capped).items()}
        budget_scores[system]["words"] = len(capped.split())
    return topic, fixed, budget_scores


def table(title: str, rows: dict[str, dict[str, list[dict]]]) -> str:
    """A plain text table: one block per topic, one line per system, R1/R2/RL F1 x 100 and words."""
    lines = [title, f"{'topic':<14}{'system':<10}{'n':>6}{'R1':>7}{'R2':>7}{'RL':>7}{'words':>7}"]
    for topic, systems in rows.items():
        for system in SYSTEMS:
            scores = systems[system]
            k = len(scores)
            means = [100 * sum(s[m] for s in scores) / max(k, 1) for m in METRICS]
            w = sum(s["words"] for s in scores) / max(k, 1)
            lines.append(f"{topic:<14}{system:<10}{k:>6}" + "".join(f"{v:>7.1f}" for v in means) + f"{w:>7.1f}")
        lines.append("")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> None:
    """Load, score in parallel, print both tables and the timing."""
    items = load(args.topics, args.limit)
    t0 = time.perf_counter()
    with Pool(args.jobs) as pool:
        results = pool.starmap(evaluate, [(it, args.n) for it in items], chunksize=8)
    elapsed = time.perf_counter() - t0
    fixed: dict = defaultdict(lambda: defaultdict(list))
    budget: dict = defaultdict(lambda: defaultdict(list))
    for topic, f, b in results:
        for key in (topic, "ALL"):
            for system in SYSTEMS:
                fixed[key][system].append(f[system])
                budget[key][system].append(b[system])
    order = [t for t in args.topics if t in fixed] + ["ALL"]
    fixed = {t: fixed[t] for t in order}
    budget = {t: budget[t] for t in order}
    print(table(f"ROUGE F1 x100, {args.n} sentences per system (words = mean summary length)", fixed))
    print(table("ROUGE F1 x100, equal word budget (every system filled/cut to our word count)", budget))
    print(f"{len(items)} unique articles scored in {elapsed:.1f} s with {args.jobs} processes")
    time_summarize(items)
    time_select(items)


def time_summarize(items: list[tuple[str, str, str, str]]) -> None:
    """Mean wall time of summarize() alone per article (splitting excluded)."""
    docs = [split_article(text) for _t, _n, text, _r in items]
    t0 = time.perf_counter()
    for sentences, kinds in docs:
        summarize(sentences, 3, kinds)
    per = (time.perf_counter() - t0) / max(len(docs), 1)
    print(f"summarize(): {per * 1000:.2f} ms per article (mean over {len(docs)})")
    body = [s for sentences, kinds in docs for s, k in zip(sentences, kinds, strict=True) if k == "body"]
    big, size = ["A 5 MB article"], 0
    while size < 5_000_000 and body:
        big.append(body[len(big) % len(body)])
        size += len(big[-1]) + 1
    t0 = time.perf_counter()
    summarize(big, 3, ["title"] + ["body"] * (len(big) - 1))
    print(f"summarize(): {(time.perf_counter() - t0) * 1000:.1f} ms for a {size / 1e6:.1f} MB article")


def time_select(items: list[tuple[str, str, str, str]], size: int = 200, runs: int = 200) -> None:
    """p50/p99 wall time of rank.select() over `size` candidates drawn from the loaded articles."""
    from bot.answer.rank import Candidate, select
    from bot.extract.summary import tokens

    candidates: list[Candidate] = []
    for aid, (_t, _n, text, _r) in enumerate(items):
        sentences, kinds = split_article(text)
        body = [s for s, k in zip(sentences, kinds, strict=True) if k == "body"]
        for pos, sent in enumerate(body[:10]):
            published = f"2005-{1 + aid % 12:02d}-{1 + pos % 28:02d}"
            candidates.append(Candidate(len(candidates), aid, sent, pos, published, 1.0 + (aid * 7 + pos) % 13))
        if len(candidates) >= size:
            break
    candidates = candidates[:size]
    query = tokens(split_article(items[0][2])[0][0])[:2]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        select(candidates, query, n=5)
        times.append(time.perf_counter() - t0)
    times.sort()
    p50, p99 = times[len(times) // 2], times[int(len(times) * 0.99) - 1]
    print(
        f"select(): {len(candidates)} candidates, min {times[0] * 1000:.2f} ms, p50 {p50 * 1000:.2f} ms,"
        f" p99 {p99 * 1000:.2f} ms ({runs} runs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", default=",".join(TOPICS), help="comma-separated BBC topics")
    parser.add_argument("--limit", type=int, default=None, help="unique articles per topic")
    parser.add_argument("-n", type=int, default=3, help="sentences per summary")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    args = parser.parse_args()
    args.topics = [t.strip() for t in args.topics.split(",") if t.strip()]
    run(args)


if __name__ == "__main__":
    main()
