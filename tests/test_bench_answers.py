"""bench/answers.py's guard rails: what the final, honest measurement of issue 21 relies on.

The bench itself reads corpora (not here); these checks need none: the untuned archives stay unrun without
--untuned, each archive's own desks file is one the bot loads, and the labels file says what it must.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "bench" / "answers.py"
KINDS = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "other"}


def bench() -> Any:
    """bench/answers.py as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("bench_answers", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up
    spec.loader.exec_module(module)
    return module


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NEWSBOT_CORPORA": str(ROOT / "no-corpora-here")}
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, env=env, timeout=120)


def test_an_untuned_archive_is_refused_without_the_flag() -> None:
    done = run("--archive", "t17test")
    assert done.returncode != 0
    assert "--untuned" in done.stderr


def test_tuned_and_untuned_archives_are_never_measured_in_one_run() -> None:
    done = run("--archive", "insight", "--archive", "polnear", "--untuned")
    assert done.returncode != 0
    assert "separate runs" in done.stderr


def test_every_archive_has_questions_and_every_untuned_question_is_split_untuned() -> None:
    answers = bench()
    for name, archive in answers.ARCHIVES.items():
        splits = {split for _, split in answers.questions_of(name)}
        assert splits, name
        assert splits == ({"untuned"} if not archive.tuned else splits - {"untuned"}), name


def test_each_bench_desks_file_is_one_the_bot_loads(tmp_path: Path) -> None:
    """The desks an archive is built with come from the bench's own seeds folder, never from seeds/."""
    answers = bench()
    for name, archive in answers.ARCHIVES.items():
        if archive.desks is None:
            continue
        folder = answers.seeds_for(archive, tmp_path)
        code = ("import json; from bot.desks import load_desks; "
                "print(json.dumps({n: [d.all, d.tags, 'Libya' in d.places] for n, d in load_desks().items()}))")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                              env={**os.environ, "NEWSBOT_SEEDS": str(folder)})
        assert done.returncode == 0, done.stderr
        desks = json.loads(done.stdout)
        asked = {q.split()[0].lstrip("/") for q, _ in answers.questions_of(name)}
        assert asked <= set(desks), (name, asked - set(desks))
        assert desks["news"][0] is True
        if name == "t17dev":
            assert desks["libya"][2] and desks["flu"][1] == ["flu"]


def test_labels_are_judgments_with_a_kind_for_every_new_wrong_item() -> None:
    seen = set()
    for line in (ROOT / "bench" / "answers_labels.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        key = (row.get("archive", "insight"), row["question"], row["claim"])
        assert key not in seen, key
        seen.add(key)
        assert row["label"] in {"correct", "off-desk", "wrong"}, key
        assert row["why"], key
        if "archive" in row and row["label"] != "correct":
            assert row.get("kind") in KINDS, key
