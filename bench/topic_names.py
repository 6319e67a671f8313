"""Which stored sentences of an archive copy change topics under the given-name rule (bot/topics.given_name_at).

Each body sentence is matched the old way (any match of a topic's pattern over the folded text) and the new way
(Lexicon.sentence_topics); the sentences that lose or gain a topic are counted and the first ones printed, so a
reviewer can read what the rule took away. Read-only: pass a COPY of an archive.

Usage: python bench/topic_names.py ARCHIVE.db [--topic oscars] [--show 40]
"""

from __future__ import annotations

import argparse
import sqlite3
from collections import Counter

from bot.extract.names import fold
from bot.topics import lexicon


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--topic", default="oscars", help="the topic whose tagged sentences are counted")
    parser.add_argument("--show", type=int, default=40, help="changed sentences printed")
    args = parser.parse_args()
    lex = lexicon()
    before, after, lost, gained = Counter(), Counter(), Counter(), Counter()
    changed: list[tuple[str, str]] = []
    rows = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True).execute(
        "SELECT s.text, a.language FROM sentences s JOIN articles a ON a.id = s.article_id WHERE s.kind = 'body'")
    for text, language in rows:
        folded = fold(text)
        old = {t.name for t in lex.topics.values() if (p := t.pattern_for(language)) and p.search(folded)}
        new = set(lex.sentence_topics(text, language))
        before.update(old)
        after.update(new)
        lost.update(old - new)
        gained.update(new - old)
        changed += [(f"-{t}", text) for t in sorted(old - new)] + [(f"+{t}", text) for t in sorted(new - old)]
    print(f"{args.topic}: {before[args.topic]} sentences tagged before, {after[args.topic]} after")
    print(f"lost {dict(lost)}; gained {dict(gained)}")
    for topic, text in changed[:args.show]:
        print(f"  {topic}: {text[:200]}")


if __name__ == "__main__":
    main()
