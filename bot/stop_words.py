"""spaCy's English stop words, read without importing spaCy.

The list is a plain module (spacy/lang/en/stop_words.py), but importing it imports the spacy package,
which costs ~60 MB and half a second: `newsbot serve`'s answer processes never parse text, and with the
package loaded each one counted against the serving memory budget (DESIGN.md: 400 MB). So the file is
loaded by path from the installed package, the same words without the package.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path


def _spacy_stop_words() -> frozenset[str]:
    spec = importlib.util.find_spec("spacy")  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("spaCy is not installed")
    path = Path(spec.submodule_search_locations[0]) / "lang" / "en" / "stop_words.py"
    module_spec = importlib.util.spec_from_file_location("newsbot_spacy_en_stop_words", path)
    if module_spec is None or module_spec.loader is None:
        raise ImportError(f"cannot read {path}")
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


STOP_WORDS = _spacy_stop_words()
