"""Calibrate the PolNeAR quote scorer against the anchors the issue quotes (a script, not a test).

The issue measured textacy's `direct_quotations` on PolNeAR's direct quotes with named speakers:
F1 0.84 dev / 0.81 test run per paragraph, 0.51 / 0.64 run per article. This script runs textacy the
same two ways and scores it with `bench/facts.py`'s scorer, reading the gold sources both ways
("heads": a role such as "Obama's former campaign strategist" is not a named source; "loose": the last
proper noun anywhere names it). The reading whose textacy figures land nearer the issue's is the one
that measures what the issue measured.

Needs textacy (`pip install ".[bench]"`). Usage: python bench/quote_anchors.py [--corpora DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parent))

import facts  # noqa: E402  (bench/facts.py: the scorer being calibrated)

from bot.extract.types import ArticleContext  # noqa: E402
from bot.nlp import get_nlp  # noqa: E402

ANCHORS = {("paragraph", "dev"): 0.84, ("paragraph", "test"): 0.81, ("article", "dev"): 0.51,
           ("article", "test"): 0.64}


@dataclass
class _Quote:
    """What the scorer reads of a predicted quote."""

    speaker: str | None
    quote: str
    sent: int
    kind: str = "direct"


def _triples(doc: Doc, offset: int, ctx: ArticleContext) -> list[_Quote]:
    """textacy's direct quotations of one Doc, placed in the article (offset: where the Doc starts)."""
    import textacy.extract

    starts = [s.start for s in ctx.sentences]
    out = []
    try:
        triples = list(textacy.extract.triples.direct_quotations(doc))
    except Exception:  # textacy raises on some odd quote marks: that unit yields nothing
        return out
    for triple in triples:
        char = offset + triple.content.start_char
        sent = max((i for i, s in enumerate(starts) if s <= char + 1), default=0)
        speaker = " ".join(t.text for t in triple.speaker) or None
        out.append(_Quote(speaker, triple.content.text.strip("\"“”'‘’ "), sent))
    return out


def per_article(doc: Doc, ctx: ArticleContext) -> list[_Quote]:
    """textacy run on the whole article, as its documentation shows."""
    return _triples(doc, 0, ctx)


def per_paragraph(doc: Doc, ctx: ArticleContext) -> list[_Quote]:
    """textacy run on each line of the article separately: one odd quote mark spoils one paragraph."""
    nlp = get_nlp()
    out, pos = [], 0
    for line in doc.text.split("\n"):
        if line.strip():
            out += _triples(nlp(line), pos, ctx)
        pos += len(line) + 1
    return out


def main() -> None:
    """Print textacy's scores under both gold readings beside the issue's anchors."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=Path("/work/shared/corpora"))
    parser.add_argument("--limit", type=int, default=None, help="articles per split")
    args = parser.parse_args()
    started = time.perf_counter()
    print("textacy direct_quotations on PolNeAR, scored by bench/facts.py, beside the issue's anchors")
    print(f"{'run':<10} {'split':<6} {'anchor':>6} {'heads F1':>8} {'loose F1':>8}")
    gaps = {"heads": 0.0, "loose": 0.0}
    for unit, predict in (("paragraph", per_paragraph), ("article", per_article)):
        for split in ("dev", "test"):
            path = args.corpora / "polnear" / "data" / split
            scores = {}
            for label, loose in (("heads", False), ("loose", True)):
                scores[label] = facts.prf(*facts.score_quotes(path, args.limit, predict, loose)[:4])[2]
                gaps[label] += abs(scores[label] - ANCHORS[unit, split])
            anchor = ANCHORS[unit, split]
            print(f"{unit:<10} {split:<6} {anchor:>6.2f} {scores['heads']:>8.3f} {scores['loose']:>8.3f}")
    print(f"{'sum of |F1 - anchor|':<25} {gaps['heads']:>8.3f} {gaps['loose']:>8.3f}")
    print(f"\n({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
