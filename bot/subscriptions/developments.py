"""Developments: a story's new articles split by what happened (the cap attempt, the hearing, the dividend).

A story is a months-long thread: the day's spill coverage holds a hearing, a cap attempt and a dividend
row, and a section listing all of them reads as one heap. Two of a story's articles are one development
when they appeared within DEV_DAYS of each other and say the same thing in their own words: the cosine of
their stored TF-IDF vectors (bot/stories: words and names, as the story linker weighs them) once the
story's shared vocabulary is taken out (every spill article says "oil", "BP", "Gulf": what is left is
what this one is about). Developments are the connected pairs. It costs one indexed read of the vectors
the linker stored at ingest and a few dozen cosines a story: no parse, no text read.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import sqlite_utils

from bot.stories.link import WORD_WEIGHT, days_apart
from bot.stories.terms import cosine
from storage import stories as story_store

DEV_DAYS = 1  # articles further apart than this are different developments, however alike
DEV_SCORE = 0.2  # residual likeness (below) at which two articles of a story report the same thing
SHARED_SHARE = 0.6  # a term in more than this share of the story's new articles is the story's, not a development's
SHARED_MIN = 5  # ... counted only for stories with at least this many new articles (of fewer, a pair is a majority)


def vectors_of(db: sqlite_utils.Database, ids: list[int]) -> dict[int, tuple[str, dict[str, dict[str, float]]]]:
    """(day, vector) per article, as the story linker stored them; an article never linked is absent."""
    return {i.id: (i.day, i.vector) for i in story_store.indexed(db, ids)} if ids else {}


def split(group: list[dict[str, Any]], vectors: dict[int, tuple[str, dict[str, dict[str, float]]]]
          ) -> list[list[dict[str, Any]]]:
    """The story's articles (oldest first) as developments, each oldest first, oldest development first.
    An article without a stored vector is a development of its own (nothing says what it shares)."""
    parts = [[r] for r in group if r["id"] not in vectors]
    for run in _runs([r for r in group if r["id"] in vectors], vectors):
        parts += _by_likeness(run, vectors)
    return sorted(parts, key=lambda p: max(r["id"] for r in p))


def _runs(group: list[dict[str, Any]], vectors: dict[int, tuple[str, dict[str, dict[str, float]]]]
          ) -> list[list[dict[str, Any]]]:
    """The articles in runs of days no more than DEV_DAYS apart (oldest first inside): a development never
    spans a gap, and a run's shared vocabulary is that of its days' coverage."""
    runs: list[list[dict[str, Any]]] = []
    last = ""
    for row in sorted(group, key=lambda r: (vectors[r["id"]][0], r["id"])):
        day = vectors[row["id"]][0]
        if not runs or days_apart(last, day) > DEV_DAYS:
            runs.append([])
        runs[-1].append(row)
        last = day
    return [sorted(run, key=lambda r: r["id"]) for run in runs]


def _by_likeness(run: list[dict[str, Any]], vectors: dict[int, tuple[str, dict[str, dict[str, float]]]]
                 ) -> list[list[dict[str, Any]]]:
    """A run's articles joined pairwise when within DEV_DAYS and alike once the run's shared terms are out."""
    if len(run) < 2:
        return [run]
    shared = _shared_terms([vectors[r["id"]][1] for r in run])
    residual = [_without(vectors[r["id"]][1], shared) if shared else vectors[r["id"]][1] for r in run]
    days = [vectors[r["id"]][0] for r in run]
    parent = list(range(len(run)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(run)):
        for j in range(i + 1, len(run)):
            if root(i) != root(j) and days_apart(days[i], days[j]) <= DEV_DAYS \
                    and likeness(residual[i], residual[j]) >= DEV_SCORE:
                parent[root(j)] = root(i)
    parts: dict[int, list[dict[str, Any]]] = {}
    for i, row in enumerate(run):
        parts.setdefault(root(i), []).append(row)
    return list(parts.values())


def likeness(a: dict[str, dict[str, float]], b: dict[str, dict[str, float]]) -> float:
    """Words and names weighed as the story linker weighs them."""
    return WORD_WEIGHT * cosine(a.get("w", {}), b.get("w", {})) + (1 - WORD_WEIGHT) * cosine(a.get("e", {}),
                                                                                          b.get("e", {}))


def _shared_terms(vectors: list[dict[str, dict[str, float]]]) -> set[tuple[str, str]]:
    """The story's own vocabulary among its new articles: (kind, term) in more than SHARED_SHARE of them."""
    if len(vectors) < SHARED_MIN:
        return set()
    seen = Counter((kind, term) for v in vectors for kind in ("w", "e") for term in v.get(kind, {}))
    return {key for key, n in seen.items() if n > SHARED_SHARE * len(vectors)}


def _without(vector: dict[str, dict[str, float]], shared: set[tuple[str, str]]) -> dict[str, dict[str, float]]:
    """The vector with the story's shared terms taken out, each kind scaled back to length 1."""
    out = {}
    for kind in ("w", "e"):
        kept = {t: w for t, w in vector.get(kind, {}).items() if (kind, t) not in shared}
        norm = math.sqrt(sum(w * w for w in kept.values())) or 1.0
        out[kind] = {t: w / norm for t, w in kept.items()}
    return out
