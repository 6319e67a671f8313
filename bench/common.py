"""Shared helpers for the bench scripts: corpus readers, a stage profiler, tables and percentiles.

The corpora live outside the repo (../shared/corpora, or NEWSBOT_CORPORA); nothing here copies them in.
Readers return RawArticles built by the project's own readers (`bot.ingest.files`), so the benches
measure the texts the bot would really see.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run from a checkout, not only when installed

from bot.ingest.canonical import text_hash, url_key  # noqa: E402
from bot.ingest.files import read_csv, read_path  # noqa: E402
from bot.ingest.model import RawArticle  # noqa: E402
from bot.ingest.records import from_record  # noqa: E402

CORPORA = Path(os.environ.get("NEWSBOT_CORPORA", "/work/shared/corpora"))
OUT = ROOT / "bench" / "out"  # git-ignored: archives and caches built by the benches
SEEDS = ROOT / "seeds"
BBC_TOPICS = ("business", "entertainment", "politics", "sport", "tech")
T = TypeVar("T")


# ---------------------------------------------------------------- corpora


def insight_csvs(corpora: Path = CORPORA) -> list[Path]:
    """The two InSight Crime CSVs (they share 34 of their 38 unique articles)."""
    return sorted((corpora / "insight-crime-2020" / "insight").glob("*.csv"))


def bbc_files(corpora: Path = CORPORA, limit: int | None = None) -> list[Path]:
    """The BBC News Summary article files, topic by topic, in file-name order."""
    base = corpora / "bbc-news-summary" / "dataset" / "News Articles"
    files = [p for topic in BBC_TOPICS for p in sorted((base / topic).glob("*.txt"))]
    return files[:limit] if limit else files


def read_bbc(path: Path) -> RawArticle:
    """One BBC article: headline on line 1, body after it. One file is ISO-8859-1 (SOURCE.md)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    title, _, body = text.strip().partition("\n")
    return from_record({"title": title, "text": body, "tags": path.parent.name, "source": "BBC"}, str(path))


def unique(raws: Iterable[RawArticle]) -> list[RawArticle]:
    """Articles once each, by the archive's own identity rule (canonical URL, else text hash)."""
    seen: set[str] = set()
    out = []
    for raw in raws:
        keys = {k for k in (url_key(raw.url), text_hash(raw.title, raw.text)) if k}
        if keys & seen:
            continue
        seen |= keys
        out.append(raw)
    return out


def insight_raws(corpora: Path = CORPORA) -> list[RawArticle]:
    """The 38 unique InSight Crime articles."""
    items = [item for path in insight_csvs(corpora) for item in read_csv(path)]
    return unique(r for r in items if isinstance(r, RawArticle))


def bbc_raws(corpora: Path = CORPORA, limit: int | None = None) -> list[RawArticle]:
    """The 2,127 unique BBC articles (2,225 files, 98 byte-identical duplicates)."""
    return unique(read_bbc(p) for p in bbc_files(corpora, limit))


def seed_raws(seeds: Path = SEEDS) -> list[RawArticle]:
    """The seed article(s) of seeds/, read exactly as `newsbot ingest seeds/` reads them."""
    return [r for r in read_path(seeds) if isinstance(r, RawArticle)]


_PTB = [
    (re.compile(r"-LRB-\s*"), "("), (re.compile(r"\s*-RRB-"), ")"), (re.compile(r"``\s*"), '"'),
    (re.compile(r"\s*''"), '"'), (re.compile(r"\s+([.,;:!?%])"), r"\1"),
    (re.compile(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b"), r"\1"),
    (re.compile(r"\$\s+(?=\d)"), "$"), (re.compile(r"#\s+(?=\d)"), "£"),
    (re.compile(r"\\/"), "/"),
]


def detokenize(text: str) -> str:
    """Undo Timeline17's PTB tokenisation well enough for parsing (brackets, quotes, spacing)."""
    for pattern, repl in _PTB:
        text = pattern.sub(repl, text)
    return text


def t17_raws(corpora: Path = CORPORA, limit: int | None = None) -> list[RawArticle]:
    """Timeline17 articles (dated, several outlets), detokenised, taken round-robin across story sets."""
    base = corpora / "timeline17" / "dataset" / "t17"
    sets = []
    for path in sorted(base.glob("*/articles.json")):
        story = path.parent.name
        items = json.loads(path.read_text(encoding="utf-8"))
        sets.append([(story, i, item) for i, item in enumerate(items)])
    raws = []
    for story, i, item in _round_robin(sets):
        raw = t17_raw(base, story, i, item, story.split("_")[0].lower())
        if raw:
            raws.append(raw)
        if limit and len(raws) >= limit:
            break
    return unique(raws)


def t17_story_raws(stories: Iterable[str], tags: str | None = None, corpora: Path = CORPORA) -> list[RawArticle]:
    """Every article of these Timeline17 story folders ("haiti_bbc"), each dated by its publication date
    (`dct`), tagged `tags` (a desk fed by the story's feeds) or untagged (a desk must find it by place)."""
    base = corpora / "timeline17" / "dataset" / "t17"
    raws = []
    for story in stories:
        items = json.loads((base / story / "articles.json").read_text(encoding="utf-8"))
        raws += [r for i, item in enumerate(items) if (r := t17_raw(base, story, i, item, tags))]
    return unique(raws)


def t17_raw(base: Path, story: str, i: int, item: dict[str, Any], tags: str | None) -> RawArticle | None:
    """One Timeline17 article as a reader would make it: detokenised text, its first sentence as the title
    (the dataset has none), the outlet from the folder name; None for a stub the ingest would skip."""
    text = detokenize(item.get("text") or "")
    if len(text) < 200:
        return None
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    title = first if len(first) <= 140 else first[:137].rsplit(" ", 1)[0] + "..."
    record = {"title": title, "text": text, "published": item.get("dct"), "source": story.split("_")[-1],
              "url": f"https://t17.bench.invalid/{story}/{item.get('uid', i)}"}
    if tags:
        record["tags"] = tags
    try:
        return from_record(record, f"{path_label(base, story)} #{i}")
    except ValueError:  # nothing left after the reader's cleaning: the ingest would skip it too
        return None


def bbc_topic_raws(topic: str, corpora: Path = CORPORA) -> list[RawArticle]:
    """The unique BBC News Summary articles of one topic folder ("politics"); the corpus has no dates."""
    base = corpora / "bbc-news-summary" / "dataset" / "News Articles" / topic
    return unique(read_bbc(p) for p in sorted(base.glob("*.txt")))


POLNEAR_NAME = re.compile(r"^(?P<publisher>[a-z-]+)_(?P<date>\d{4}-\d{2}-\d{2})_")


def polnear_raws(split: str, corpora: Path = CORPORA) -> list[RawArticle]:
    """PolNeAR's articles of one split ("dev", "test"): headline on line 1, publisher and publication date
    from the file name (<publisher>_<YYYY-MM-DD>_<slug>.txt)."""
    base = corpora / "polnear" / "data" / split / "text"
    raws = []
    for path in sorted(base.glob("*.txt")):
        name = POLNEAR_NAME.match(path.name)
        title, _, body = path.read_text(encoding="utf-8").strip().partition("\n")
        raws.append(from_record({"title": title.strip(), "text": body, "source": name["publisher"],
                                 "published": name["date"], "url": f"https://polnear.bench.invalid/{path.stem}"},
                                str(path)))
    return unique(raws)


WIKIREF_NAME = re.compile(r"^(?P<label>.+?)(?: \(\d+\)|\.\d+)?\.txt$")


def wikiref_raws(corpora: Path = CORPORA) -> list[RawArticle]:
    """The 220 WikiRef220 articles (no dates), headline on line 1; the gold story label rides in the URL
    path (https://wikiref.bench.invalid/<label>/<n>). Mixed cp1252/Latin-1 bytes (SOURCE.md)."""
    base = corpora / "wikiref220" / "app" / "data_processing" / "test_data" / "wikiref" / "WikiRef220"
    raws = []
    for n, path in enumerate(sorted(base.glob("*.txt"))):
        label = WIKIREF_NAME.match(path.name)["label"]
        text = path.read_bytes().decode("cp1252", errors="replace").replace("\r\n", "\n").strip()
        title, _, body = text.partition("\n")
        raws.append(from_record({"title": title.strip(), "text": body, "source": "wikiref",
                                 "url": f"https://wikiref.bench.invalid/{label}/{n}"}, str(path)))
    return unique(raws)


def path_label(base: Path, story: str) -> str:
    return str(base / story / "articles.json")


def _round_robin(groups: list[list[T]]) -> Iterator[T]:
    longest = max((len(g) for g in groups), default=0)
    for i in range(longest):
        for group in groups:
            if i < len(group):
                yield group[i]


def words(text: str) -> int:
    return len(text.split())


# ---------------------------------------------------------------- profiling


class StageProfiler:
    """Exclusive wall time per named stage, from functions and generators wrapped in a bench script.

    A stage called inside another (e.g. entity linking inside storage) is subtracted from its caller,
    so the stages add up to the time they cover. `clock` is the time source: wall time by default, or
    `time.process_time` for CPU time, which other processes on a shared machine disturb far less.
    """

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self.clock = clock
        self.totals: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._stack: list[list[Any]] = []  # [name, start, child time]

    def _enter(self, name: str) -> None:
        self._stack.append([name, self.clock(), 0.0])

    def _exit(self) -> None:
        name, start, child = self._stack.pop()
        elapsed = self.clock() - start
        self.totals[name] += elapsed - child
        self.calls[name] += 1
        if self._stack:
            self._stack[-1][2] += elapsed

    def wrap(self, name: str, func: Callable[..., T]) -> Callable[..., T]:
        """A function timed as `name`."""

        def timed(*args: Any, **kwargs: Any) -> T:
            self._enter(name)
            try:
                return func(*args, **kwargs)
            finally:
                self._exit()

        timed.__wrapped__ = func  # type: ignore[attr-defined]
        return timed

    def wrap_iter(self, name: str, iterable: Iterable[T]) -> Iterator[T]:
        """An iterator whose every step (producing the next item) is timed as `name`."""
        iterator = iter(iterable)
        while True:
            self._enter(name)
            try:
                item = next(iterator)
            except StopIteration:
                return
            finally:
                self._exit()
            yield item

    def patch(self, module: Any, attr: str, name: str) -> Callable[[], None]:
        """Replace module.attr with a timed wrapper; return the undo."""
        original = getattr(module, attr)
        setattr(module, attr, self.wrap(name, original))
        return lambda: setattr(module, attr, original)


# ---------------------------------------------------------------- output


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100) by linear interpolation; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], title: str | None = None) -> str:
    """A plain-text table with right-aligned numbers, ready to paste into a note."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(values, widths,
                                                                                              strict=True)))

    out = [title] if title else []
    out += [line(headers), line(["-" * w for w in widths]), *(line(r) for r in cells)]
    return "\n".join(out)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        if value >= 100:
            return f"{value:,.0f}"
        if value >= 10:
            return f"{value:.1f}"
        return f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def fingerprint(paths: Iterable[Path], extra: str = "") -> str:
    """A short hash of source files (and extra text), to name caches that depend on the code."""
    digest = hashlib.sha1(extra.encode())
    for path in sorted(paths):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def code_files(*packages: str) -> list[Path]:
    return [p for pkg in packages for p in (ROOT / pkg).rglob("*.py")]


ANALYSES = OUT / "analyses.pkl"  # analyses of unique texts, shared by bench/ingest.py and bench/ask.py


def analysis_fingerprint() -> str:
    """The version of everything that shapes an Analysis: extraction code, readers, lexicon, desks."""
    files = code_files("bot/extract") + [ROOT / "bot" / n for n in ("nlp.py", "topics.py", "desks.py")]
    files += [ROOT / "bot" / "ingest" / n for n in ("records.py", "clean.py", "rows.py")]
    files += sorted(SEEDS.glob("*.toml"))
    return fingerprint([f for f in files if f.exists()])


def _read_analysis_cache() -> dict[str, tuple[str, Any]]:
    """Text hash → (fingerprint of the code that made it, Analysis); empty if missing or unreadable."""
    if not ANALYSES.exists():
        return {}
    try:
        with ANALYSES.open("rb") as handle:
            data = pickle.load(handle)
        if "fingerprint" in data:  # the first format: one stamp for the whole cache
            return {k: (data["fingerprint"], a) for k, a in data["items"].items()}
        return dict(data["items"])
    except Exception as exc:  # an unreadable or outdated pickle is just a cache miss
        print(f"analysis cache unreadable ({type(exc).__name__}: {exc}); analysing again")
        return {}


def load_analyses(stale_ok: bool = False) -> dict[str, Any]:
    """Cached analyses by text hash: those made by the current code, or all of them when stale_ok."""
    current = analysis_fingerprint()
    items = _read_analysis_cache()
    fresh = {k: a for k, (stamp, a) in items.items() if stale_ok or stamp == current}
    if len(fresh) < len(items):
        print(f"analysis cache: {len(items) - len(fresh)} of {len(items)} made by other extraction code are not "
              "used (--stale-ok reuses them)")
    return fresh


def store_analyses(analyses: Iterable[Any]) -> str:
    """Add analyses to the cache, each stamped with the current code's fingerprint; return an account."""
    current = analysis_fingerprint()
    items = _read_analysis_cache()
    added = 0
    for analysis in analyses:
        items[text_hash(analysis.raw.title, analysis.raw.text)] = (current, analysis)
        added += 1
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = ANALYSES.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        pickle.dump({"items": items}, handle, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(ANALYSES)
    current_count = sum(1 for stamp, _ in items.values() if stamp == current)
    return f"{ANALYSES} ({added} stored; {len(items)} in all, {current_count} from the current code)"


def machine() -> str:
    """One line about the machine the numbers come from (CPU count, load at start)."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{os.cpu_count()} CPUs, load average {load}, Python {sys.version.split()[0]}"



def capture_parsed(parsed: list[str]) -> Callable[[], None]:
    """Record every text the pipeline parses (the first result of bot.extract.pipeline.doc_text) in `parsed`,
    so that a bare nlp.pipe can be timed over the same texts; returns the undo."""
    import bot.extract.pipeline as pipeline

    doc_text = pipeline.doc_text

    def capturing(raw: Any, *args: Any) -> Any:
        result = doc_text(raw, *args)
        parsed.append(result[0])
        return result

    pipeline.doc_text = capturing
    return lambda: setattr(pipeline, "doc_text", doc_text)
