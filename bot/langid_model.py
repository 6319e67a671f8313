"""py3langid's model cut down to what choosing among the analysed languages needs, in a file of ~1 MB.

py3langid (BSD; its licence travels with the table: bot/langid_model.LICENSE) counts byte n-grams with a
DFA whose transition table has 9.8 million entries, plus per-state
Python lists: 49 MB in every process that detects a language (the jobs process that reads feeds), though the
archive only ever chooses between English and Spanish. The DFA is an Aho-Corasick automaton over n-grams of
at most 6 bytes: after each byte of the text its state is the longest suffix of the text read so far that is
one of its states, and that state names the feature counted. So the same counts come from looking the text's
last 6, 5, ... 1 bytes up in a sorted table of the states' byte strings, longest first. This module builds
that table once from py3langid's own model (`python -m bot.langid_model` rewrites the file; the test
rebuilds it and compares), and `Detector` scores it with py3langid's formula on the analysed languages'
columns, so every decision is py3langid's (tests/test_language.py checks both on texts and random bytes).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import numpy as np

MODEL_PATH = Path(__file__).with_name("langid_model.npz")
MAX_BYTES = 8  # a state's string is packed into one uint64 behind a 1 bit: at most 7 bytes, 6 are used


def _pack(prefix: np.ndarray, byte: np.ndarray) -> np.ndarray:
    """A state string one byte longer, packed: the root is 1, each byte shifts in from the right."""
    return (prefix << np.uint64(8)) | byte


def _states(nextmove: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every state's byte string (packed), found breadth first: in an Aho-Corasick DFA the shortest path from
    the root to a state spells the state's own string. Returns (packed string, depth) per state."""
    table = nextmove.reshape(-1, 256)
    count = len(rows)
    packed = np.zeros(count, dtype=np.uint64)
    depth = np.full(count, -1, dtype=np.int64)
    packed[0], depth[0] = 1, 0
    frontier, level = np.array([0]), 0
    byte = np.arange(256, dtype=np.uint64)
    while len(frontier):
        children = table[rows[frontier]].astype(np.int64)  # frontier × 256
        keys = _pack(packed[frontier][:, None], byte[None, :])
        new = depth[children] < 0
        first, at = np.unique(children[new], return_index=True)
        packed[first], depth[first] = keys[new][at], level + 1
        frontier, level = first, level + 1
    if (depth < 0).any() or depth.max() >= MAX_BYTES:
        raise ValueError("py3langid's DFA is not the shape this table assumes")
    return packed, depth


def build(languages: tuple[str, ...]) -> dict[str, np.ndarray]:
    """The table from py3langid's model: sorted packed strings of the states that count a feature, the
    feature each counts, and the languages' columns of the feature weights and priors."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    full = LanguageIdentifier.from_model_file(MODEL_FILE)
    nextmove = np.frombuffer(full.tk_nextmove, dtype=np.uint32)
    rows = np.frombuffer(full.tk_row, dtype=np.uint16 if full.tk_row.itemsize == 2 else np.uint32).astype(np.int64)
    feature = np.asarray(full.tk_output, dtype=np.int64)
    packed, depth = _states(nextmove, rows)
    counted = feature >= 0  # a state that counts nothing: neither do the shorter suffixes it falls back to
    order = np.argsort(packed[counted])
    columns = [full.nb_classes.index(language) for language in languages]
    return {"keys": packed[counted][order], "features": feature[counted][order].astype(np.int32),
            "weights": np.ascontiguousarray(np.asarray(full.nb_ptc)[:, columns]),
            "priors": np.asarray(full.nb_pc)[columns], "languages": np.array(languages),
            "longest": np.array(int(depth.max()))}


def write(languages: tuple[str, ...], path: Path = MODEL_PATH) -> None:
    """Build the table and save it where `Detector` loads it from."""
    np.savez_compressed(path, **build(languages))


class Detector:
    """py3langid's classification among a few languages, from the table `build` makes."""

    def __init__(self, model: Any) -> None:
        self.keys, self.features = model["keys"], model["features"]
        self.weights, self.priors = model["weights"], model["priors"]
        self.languages = [str(language) for language in model["languages"]]
        self.longest = int(model["longest"])

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> Detector:
        with np.load(path) as model:
            return cls({name: model[name] for name in model.files})

    def counts(self, data: bytes) -> tuple[np.ndarray, np.ndarray]:
        """(features, how often each is counted), features in the order the text first reaches them, as
        py3langid's Counter holds them (so the sums below add in its order, to the same last bit)."""
        text = np.frombuffer(data, dtype=np.uint8).astype(np.uint64)
        found = np.full(len(text), -1, dtype=np.int64)
        windows = [_pack(np.ones(len(text), dtype=np.uint64), text)]
        for _ in range(1, self.longest):  # windows[n][i]: the n+1 bytes ending at byte i, packed
            longer = windows[-1].copy()
            longer[1:] = _pack(windows[-1][:-1], text[1:])
            windows.append(longer)  # its first n entries reach before the text: never looked up
        for length in range(self.longest, 0, -1):  # the longest state wins
            start = length - 1
            window = windows[start][start:]
            at = np.searchsorted(self.keys, window).clip(max=len(self.keys) - 1)
            hit = (self.keys[at] == window) & (found[start:] < 0)
            found[start:][hit] = self.features[at[hit]]
        found = found[found >= 0]
        features, first, count = np.unique(found, return_index=True, return_counts=True)
        order = np.argsort(first, kind="stable")
        return features[order], count[order]

    def classify(self, text: str) -> str:
        """The language py3langid's `classify` names for `text`, restricted to these languages."""
        data = _encode(text)
        features, count = self.counts(data)
        if not len(features):
            return self.languages[0]  # py3langid's floor scores every language alike: the first wins
        scores = np.log1p(count.astype(np.float32)) @ self.weights[features] + self.priors
        return self.languages[int(np.argmax(scores))]


def _encode(text: str) -> bytes:
    """The text as py3langid reads it: all capitals lowered, NFC, UTF-8 (lone surrogates kept)."""
    if text.isupper():
        text = text.lower()
    return unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")


if __name__ == "__main__":
    from bot.language import ANALYSED

    write(ANALYSED)
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size:,} bytes)")
