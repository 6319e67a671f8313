"""The copy check's MinHash: the band keys an archive has stored stay the keys new articles are looked up by,
and the processes that read feeds and links do not pay for a library they do not use."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from bot.ingest.similarity import band_keys, shingles, signature

LIMA = ("The mayor of Lima said on Monday that extortion complaints rose by a third this year, and the police "
        "asked shop owners to report every threat.")
NUMBERS = "Uno dos tres cuatro cinco seis siete ocho nueve diez."


def _digest(keys: list[int]) -> str:
    return hashlib.sha256(str(keys).encode()).hexdigest()


def test_band_keys_are_the_ones_archives_already_store() -> None:
    """Keys as datasketch 2.0's affine64 MinHash (seed 1) made them when these archives were built: a change
    here would make every stored article invisible to the copy check."""
    lima = band_keys(signature(shingles(LIMA)))
    assert len(lima) == 42
    assert lima[:4] == [4745096054127288127, 2634526637420085963, 6590591360172869218, 193177322297328182]
    assert _digest(lima) == "08b5ad9cebc108289444fbc6e77c12aa18c45675acad255e0c2d6edee699dd74"
    numbers = band_keys(signature(shingles(NUMBERS)))
    assert _digest(numbers) == "2ef0b8b2669cb80b62e2062dabb04f5877b249a81de269ec59436b321a17b963"
    empty = signature(set())
    assert int(empty.min()) == int(empty.max()) == 2**64 - 1
    assert band_keys(empty)[:2] == [4946252126957626571, 1878762118682068912]


def test_the_ingest_does_not_load_scipy() -> None:
    """What a feed poll or `/peru add` imports (the ingest, its copy check) leaves scipy out: it was 41 MB
    of every such process, brought in by datasketch's LSH module."""
    code = "import sys, bot.ingest.service; print(sorted(m for m in sys.modules if m.split('.')[0] == 'scipy'))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
