"""How alike two article texts are: normalised word 5-shingles, their MinHash, LSH band keys, exact Jaccard.

The headline is left out (a wire copy under a local headline is the same article), and case, punctuation
and whitespace are normalised away, so formatting never makes two copies look different. MinHash (datasketch)
and its LSH bands only find candidates cheaply; the decision is the exact Jaccard of the shingle sets.
A shingle is kept as a 64-bit hash of its five words (CRC-32 of each word, combined by position with numpy),
which is stable across processes, as the stored band keys must be, and costs a fraction of joining strings.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib

import numpy as np
from datasketch import MinHash

SHINGLE_WORDS = 5
NUM_PERM = 128
# 42 bands of 3 rows (126 of the 128 values): texts whose Jaccard is 0.5 share a band with probability 0.996,
# at 0.6 with 0.99999, so the LSH loses next to nothing at the decision threshold (bot/ingest/dedup.py); at 0.1
# the probability is 0.04, so unrelated stored articles seldom cost an exact re-check.
BANDS, ROWS = 42, 3
_WORD = re.compile(r"\w+")
_SCHEME = "affine64"  # datasketch's permutation scheme for 64-bit inputs
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=1, scheme=_SCHEME).permutations  # shared: signatures must agree
_POSITION = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                      0xFF51AFD7ED558CCD], dtype=np.uint64)  # odd multipliers, one per word position


def words(text: str) -> list[str]:
    """The text's words, case-folded, accents and punctuation kept out of the way (NFKC, casefold)."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str) -> set[int]:
    """Every run of five consecutive words, hashed; a text shorter than that is one shingle."""
    tokens = words(text)
    if not tokens:
        return set()
    hashed = np.fromiter((zlib.crc32(t.encode()) for t in tokens), dtype=np.uint64, count=len(tokens))
    width = min(SHINGLE_WORDS, len(tokens))
    count = len(tokens) - width + 1
    combined = np.zeros(count, dtype=np.uint64)
    for position in range(width):
        combined ^= hashed[position:position + count] * _POSITION[position]  # wraps modulo 2**64, as meant
    return set(combined.tolist())


def signature(shingle_set: set[int]) -> np.ndarray:
    """The MinHash of a shingle set (128 permutations)."""
    sketch = MinHash(num_perm=NUM_PERM, permutations=_PERMUTATIONS, scheme=_SCHEME, hashfunc=int)
    sketch.update_batch(shingle_set)
    return sketch.hashvalues


def band_keys(sig: np.ndarray) -> list[int]:
    """One 63-bit key per LSH band: texts sharing any key are candidates for a closer look."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS:(band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "big")).digest()
        keys.append(int.from_bytes(digest, "big") >> 1)  # fits SQLite's signed INTEGER
    return keys


def jaccard(a: set[int], b: set[int]) -> float:
    """Exact Jaccard similarity of two shingle sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)
