"""How alike two article texts are: normalised word 5-shingles, their MinHash, LSH band keys, exact Jaccard.

The headline is left out (a wire copy under a local headline is the same article), and case, punctuation
and whitespace are normalised away, so formatting never makes two copies look different. MinHash and its LSH
bands only find candidates cheaply; the decision is the exact Jaccard of the shingle sets.
A shingle is kept as a 64-bit hash of its five words (CRC-32 of each word, combined by position with numpy),
which is stable across processes, as the stored band keys must be, and costs a fraction of joining strings.

The MinHash is datasketch 2.0's "affine64" scheme (seed 1, 128 permutations, the shingle hash as its input
hash), written out here in a few lines of numpy: the values, and so every band key stored in an archive, are
the same bit for bit (tests/test_similarity.py pins them), but importing datasketch imported scipy for its
LSH classes, which this module never used: 41 MB in every process that reads feeds or links.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib

import numpy as np

SHINGLE_WORDS = 5
NUM_PERM = 128
# 42 bands of 3 rows (126 of the 128 values): texts whose Jaccard is 0.5 share a band with probability 0.996,
# at 0.6 with 0.99999, so the LSH loses next to nothing at the decision threshold (bot/ingest/dedup.py); at 0.1
# the probability is 0.04, so unrelated stored articles seldom cost an exact re-check.
BANDS, ROWS = 42, 3
_WORD = re.compile(r"\w+")
_EMPTY = np.uint64(2**64 - 1)  # every value of an empty set's signature
# MurmurHash3's 64-bit finalizer (shift, multiplier, shift, multiplier, shift): mixes each input hash once.
_FMIX = (np.uint64(33), np.uint64(0xFF51AFD7ED558CCD), np.uint64(33), np.uint64(0xC4CEB9FE1A85EC53), np.uint64(33))
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


def _permutations(seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """The permutations h -> a*h + b (mod 2**64, `a` odd, so each is a bijection), drawn as datasketch draws
    them for `seed`: every process must draw the same ones, or stored band keys stop matching."""
    draw = np.random.RandomState(seed)
    a = draw.randint(0, 1 << 63, NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = draw.randint(0, 1 << 64, NUM_PERM, dtype=np.uint64)
    return a, b


_A, _B = _permutations()


def _mix(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's finalizer on each 64-bit value (multiplications wrap modulo 2**64, as meant)."""
    s1, m1, s2, m2, s3 = _FMIX
    values = values ^ (values >> s1)
    values = values * m1
    values = values ^ (values >> s2)
    values = values * m2
    return values ^ (values >> s3)


def signature(shingle_set: set[int]) -> np.ndarray:
    """The MinHash of a shingle set (128 permutations): per permutation, the least permuted value."""
    if not shingle_set:
        return np.full(NUM_PERM, _EMPTY, dtype=np.uint64)
    mixed = _mix(np.fromiter(shingle_set, dtype=np.uint64, count=len(shingle_set))).reshape(-1, 1)
    return (mixed * _A + _B).min(axis=0)


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
