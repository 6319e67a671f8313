"""A batch of articles is parsed a few thousand characters at a time (the parse's peak memory grows with the
characters spaCy works through together), and the parse is the same as in one batch; so is a long article,
parsed a run of paragraphs at a time with context on each side."""

from __future__ import annotations

from bot.extract.pipeline import MAX_CONTEXT_CHARS, PARSE_CHARS, long_pieces, parse_batch, parse_groups
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


def reading(doc) -> tuple[list, list, list, list]:
    """Everything the extractors read of a parse: each token's analysis, the entities, sentences, noun chunks."""
    return ([(t.text, t.whitespace_, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_,
              t.ent_type_, t.is_sent_start, t.norm_) for t in doc], [(e.start, e.end, e.label_) for e in doc.ents],
            [(s.start, s.end) for s in doc.sents], [(c.start, c.end) for c in doc.noun_chunks])


def test_a_long_article_is_parsed_in_pieces_as_it_is_whole() -> None:
    text = "Extortion in Lima: a year of the emergency\n\n" + article(1, 2 * PARSE_CHARS + 5_000)
    pieces = long_pieces(text)
    assert len(pieces) == 3 and all(end - start <= PARSE_CHARS for _, start, end, _ in pieces)
    assert [p[1] for p in pieces[1:]] == [p[2] for p in pieces[:-1]] and (pieces[0][1], pieces[-1][2]) == (0, len(text))
    [doc] = parse_batch([text], 32)
    assert doc.text == text
    assert reading(doc) == reading(get_nlp()(text))


def test_a_paragraph_longer_than_a_piece_is_a_piece_of_its_own() -> None:
    text = "\n\n".join(["Short opening.", "x " * 30_000, "Short ending."])
    assert [(start, end) for _, start, end, _ in long_pieces(text)] == [(0, 16), (16, 60_018), (60_018, len(text))]


def test_a_long_paragraph_beside_a_cut_is_context_only_near_the_piece() -> None:
    """A paragraph of 25,000 characters next to a cut was parsed whole as the context of the piece beside it
    (the text parsed twice over); only its words nearest the piece are, and the parse is still the whole one."""
    long_paragraph = " ".join(SENTENCES[i % len(SENTENCES)] for i in range(25_000 // 80))
    text = "\n\n".join(["Extortion in Lima: a year of the emergency", article(2, 15_000), long_paragraph,
                      article(3, 6_000)])
    pieces = long_pieces(text)
    assert len(pieces) >= 3  # the long paragraph is a piece of its own, with a cut on each side
    assert all(start - before <= MAX_CONTEXT_CHARS and after - end <= MAX_CONTEXT_CHARS
               for before, start, end, after in pieces)
    assert sum(after - before for before, _, _, after in pieces) < len(text) + len(pieces) * 2 * MAX_CONTEXT_CHARS
    [doc] = parse_batch([text], 32)
    assert doc.text == text
    assert reading(doc) == reading(get_nlp()(text))
