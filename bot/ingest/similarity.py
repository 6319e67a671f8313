"""How alike two article texts are: normalised word 5-shingles, their MinHash, LSH band keys, exact Jaccard.

The headline is left out (a wire copy under a local headline is the same article), and case, punctuation
and whitespace are normalised away, so formatting never makes two copies look different. MinHash (datasketch)
and its LSH bands only find candidates cheaply; the decision is the exact Jaccard of the shingle sets.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np
from datasketch import MinHash

SHINGLE_WORDS = 5
NUM_PERM = 128
# 42 bands of 3 rows (126 of the 128 values): texts whose Jaccard is 0.5 share a band with probability 0.996,
# at 0.6 with 0.99999, so the LSH loses next to nothing at the decision threshold (bot/ingest/dedup.py); at 0.1
# the probability is 0.04, so unrelated stored articles seldom cost an exact re-check.
BANDS, ROWS = 42, 3
_WORD = re.compile(r"\w+")
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=1).permutations  # one set, shared: signatures must agree


def words(text: str) -> list[str]:
    """The text's words, case-folded, accents and punctuation kept out of the way (NFKC, casefold)."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str) -> set[str]:
    """Every run of five consecutive words; a text shorter than that is one shingle."""
    tokens = words(text)
    if len(tokens) <= SHINGLE_WORDS:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i:i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)}


def signature(shingle_set: set[str]) -> np.ndarray:
    """The MinHash of a shingle set (128 permutations)."""
    sketch = MinHash(num_perm=NUM_PERM, permutations=_PERMUTATIONS, scheme="affine32")
    sketch.update_batch([s.encode() for s in shingle_set])
    return sketch.hashvalues


def band_keys(sig: np.ndarray) -> list[int]:
    """One 63-bit key per LSH band: texts sharing any key are candidates for a closer look."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS:(band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "big")).digest()
        keys.append(int.from_bytes(digest, "big") >> 1)  # fits SQLite's signed INTEGER
    return keys


def jaccard(a: set[str], b: set[str]) -> float:
    """Exact Jaccard similarity of two shingle sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)
