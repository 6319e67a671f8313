"""A batch of articles is parsed a few thousand characters at a time (the parse's peak memory grows with the
characters spaCy works through together), and the parse is the same as in one batch."""

from __future__ import annotations

from bot.extract.pipeline import PARSE_CHARS, parse_batch, parse_groups
from bot.nlp import get_nlp

SENTENCES = [
    "Police in Lima arrested eleven members of an extortion gang on Tuesday.",
    "Prosecutors said the gang collected weekly payments of up to 3,000 soles from each bus company.",
    "Interior Minister Vicente Tiburcio said the state of emergency declared in October was working.",
    "Transport unions, which staged a strike last month, said dozens of other gangs were still active.",
]


def article(n: int, chars: int) -> str:
    """A text of about `chars` characters, paragraphs of the sentences above in turn."""
    paragraphs, size, i = [], 0, n
    while size < chars:
        paragraph = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(3))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
        i += 1
    return "\n\n".join(paragraphs)


def test_groups_keep_the_order_and_the_bounds() -> None:
    texts = [f"{n}" * size for n, size in enumerate([9_000, 9_000, 9_000, 30_000, 100, 100, 100])]
    groups = parse_groups(texts, batch_size=2, chars=20_000)
    assert [t for group in groups for t in group] == texts
    assert [len(group) for group in groups] == [2, 1, 1, 2, 1]  # two of 9,000; a long text alone; 2 at most
    assert parse_groups([], 32) == []


def test_a_parse_in_groups_is_the_parse_of_one_batch() -> None:
    texts = [article(n, 5_000) for n in range(3 * PARSE_CHARS // 5_000)]
    assert len(parse_groups(texts, 32)) >= 3
    grouped = parse_batch(texts, 32)
    whole = list(get_nlp().pipe(texts, batch_size=32))

    def reading(doc):
        return [(t.text, t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.lemma_, t.is_sent_start) for t in doc]

    assert [reading(d) for d in grouped] == [reading(d) for d in whole]
